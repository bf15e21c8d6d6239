"""Incremental, idempotent ingest into the store: re-runs add nothing, --reprocess swaps records
atomically, and a run killed with SIGKILL leaves a consistent store that a re-run completes exactly."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pyarrow.parquet as pq
import pytest

from pipeline.exports import export
from pipeline.ingest import Quarantined
from pipeline.schema import Article
from pipeline.store import Store
from tests.corpora import reuters_jsonl

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable


def fake_extract(article: Article, version: str = "v1"):
    """A stand-in extractor: one event per article, plus a figure when the text asks for one."""
    recs = [{"record_id": f"{article.id}-{version}", "article_id": article.id, "kind": "event", "source": "KOR",
             "target": "CHN", "event_type": "CONSULT", "status": "occurred", "date_start": None,
             "evidence": article.text[:40], "confidence": 0.5}]
    if "figure" in article.text:
        recs.append({"record_id": f"{article.id}-f", "article_id": article.id, "kind": "figure", "source": "KOR",
                     "target": "CHN", "indicator": "trade_share", "value": 20.0, "evidence": article.text[:40]})
    return SimpleNamespace(article=article, records=recs)


def fake_extract_v2(article: Article):
    return fake_extract(article, "v2")


def _articles(n: int, start: int = 0) -> list[Article]:
    return [Article(id=f"t{i}", text=f"Seoul met Beijing, report {i} figure", url=f"https://news.example/{i}",
                    source=["Reuters", "AP"][i % 2], published=None) for i in range(start, start + n)]


def _record_ids(store: Store) -> list[str]:
    return sorted(r for p in store.snapshot().records for r in pq.read_table(p, columns=["record_id"])
                  .column("record_id").to_pylist())


def test_same_articles_again_add_nothing(tmp_path):
    from pipeline.load import ingest

    store = Store(tmp_path / "s")
    first = ingest(store, _articles(7), batch_size=3, func=fake_extract)
    assert (first.read, first.new, first.skipped) == (7, 7, 0)
    assert first.records == {"event": 7, "figure": 7}
    v = store.snapshot().version
    assert v == 3 + 1  # three batch commits (3+3+1) and the events rebuild
    again = ingest(store, _articles(7), batch_size=3, func=fake_extract)
    assert (again.new, again.skipped) == (0, 7)
    assert store.snapshot().version == v, "nothing new: no commit"
    more = ingest(store, _articles(4, start=5), batch_size=3, func=fake_extract)  # two old, two new
    assert (more.new, more.skipped) == (2, 2)
    st = store.stats()
    assert st["articles"] == 9 and st["records"] == {"event": 9, "figure": 9, "total": 18}
    assert st["events"] == 9  # undated reports stay apart


def test_duplicates_within_one_run_and_quarantine_are_idempotent(tmp_path):
    from pipeline.load import ingest

    store = Store(tmp_path / "s")
    bad = Quarantined("in.jsonl:3", "bad JSON", None, "{nope")
    items = [*_articles(2), _articles(1)[0], bad]
    s1 = ingest(store, items, func=fake_extract)
    assert (s1.new, s1.skipped, s1.quarantined) == (2, 1, 1)
    s2 = ingest(store, [bad], func=fake_extract)
    assert s2.quarantined == 1
    assert store.stats()["quarantined"] == 1, "the same bad line is listed once"


def test_reprocess_replaces_records_in_one_commit(tmp_path):
    from pipeline.load import ingest

    store = Store(tmp_path / "s")
    ingest(store, _articles(5), batch_size=2, func=fake_extract)
    assert all(r.endswith(("-v1", "-f")) for r in _record_ids(store))
    before = store.snapshot().version
    s = ingest(store, [], reprocess=True, batch_size=2, func=fake_extract_v2)
    assert s.reprocessed == 5
    ids = _record_ids(store)
    assert len(ids) == 10 and all(r.endswith(("-v2", "-f")) for r in ids)
    assert store.snapshot().version == before + 2  # one swap for records+articles, one for events
    assert store.stats()["articles"] == 5


def _ingest_cmd(inputs: Path, store: Path, *extra: str) -> list[str]:
    return [PY, "-m", "pipeline", "ingest", str(inputs), "--store", str(store), "--no-progress", *extra]


def _records_export(store: Path, out: Path) -> list[dict]:
    export(Store(store), "records", "plover", str(out))
    rows = [json.loads(ln) for ln in out.read_text().splitlines()]
    return sorted(rows, key=lambda r: r["id"])


@pytest.mark.slow  # three ingest runs over 800 Reuters articles in batches of 20
def test_sigkill_mid_run_leaves_a_consistent_store_and_rerun_completes(tmp_path, shared):
    n_articles, batch = 800, "20"
    corpus = reuters_jsonl(shared, tmp_path / "reuters.jsonl", n_articles)
    # The uninterrupted reference run.
    ref = tmp_path / "ref"
    subprocess.run(_ingest_cmd(corpus, ref, "--batch-size", batch), check=True, cwd=ROOT, capture_output=True,
                   timeout=300)
    # The same run, killed -9 at its ninth commit: eight batches are in, the ninth's parts are on disk only.
    killed = tmp_path / "killed"
    marker = tmp_path / "stopped"
    proc = subprocess.Popen([PY, "-m", "tests.kill_points", "before-swap:9", str(marker), "--",
                             *_ingest_cmd(corpus, killed, "--batch-size", batch)[3:]], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the ingest never reached its ninth commit"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    # Consistent: every listed part reads, the records belong to the committed articles only.
    store = Store(killed)
    snap = store.snapshot()
    assert snap.version == 8
    for p in snap.articles + snap.records + snap.quarantine + snap.events:
        pq.read_table(p)
    stored_ids = {a for p in snap.articles for a in pq.read_table(p, columns=["article_id"])
                  .column("article_id").to_pylist()}
    record_articles = {a for p in snap.records for a in pq.read_table(p, columns=["article_id"])
                       .column("article_id").to_pylist()}
    assert record_articles <= stored_ids
    assert len(stored_ids) == 8 * int(batch)
    # The re-run finishes the job: exactly the records and events of the uninterrupted run.
    done = subprocess.run(_ingest_cmd(corpus, killed, "--batch-size", batch), cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{len(stored_ids)} skipped" in done.stderr
    assert _records_export(killed, tmp_path / "k.jsonl") == _records_export(ref, tmp_path / "r.jsonl")
    assert Store(killed).stats() | {"version": 0} == Store(ref).stats() | {"version": 0}
    assert not list(killed.rglob("*.tmp"))


def test_cli_ingest_seeds_stats_and_export(tmp_path):
    store = tmp_path / "store"
    run = subprocess.run(_ingest_cmd(ROOT / "seeds", store), cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert "1 articles read, 1 new, 0 skipped" in run.stderr
    again = subprocess.run(_ingest_cmd(ROOT / "seeds", store), cwd=ROOT, capture_output=True, text=True,
                           timeout=120)
    assert "0 new, 1 skipped" in again.stderr
    stats = subprocess.run([PY, "-m", "pipeline", "stats", "--store", str(store), "--json"], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    st = json.loads(stats.stdout)
    assert st["articles"] == 1 and st["records"]["total"] == st["records"]["event"] + st["records"]["figure"]
    assert st["records"]["event"] >= 1 and 1 <= st["events"] <= st["records"]["event"]
    out = tmp_path / "events.jsonl"
    ex = subprocess.run([PY, "-m", "pipeline", "export", "--store", str(store), "--what", "events",
                         "--format", "plover", "-o", str(out)], cwd=ROOT, capture_output=True, text=True,
                        timeout=60)
    assert ex.returncode == 0, ex.stderr
    events = [json.loads(ln) for ln in out.read_text().splitlines()]
    assert len(events) == st["events"]
    assert all(len(e["actor"]["country"]) == 3 and e["source_sentence"] for e in events)
    missing = subprocess.run(_ingest_cmd(tmp_path / "nope", store), cwd=ROOT, capture_output=True,
                             text=True, timeout=60)
    assert missing.returncode != 0 and missing.stderr.count("\n") == 1 and "E001" in missing.stderr


_READER = r"""
import json, sys, time
import duckdb
from pipeline.store import Store
from tests.corpora import reuters_jsonl
store, seen, con = Store(sys.argv[1]), [], duckdb.connect()
open(sys.argv[3], "w").close()  # imports done: tell the writer to start
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    snap = store.snapshot()
    if snap.articles:
        files = ", ".join(f"'{p}'" for p in snap.articles)
        n = con.execute(f"SELECT count(*) FROM read_parquet([{files}])").fetchone()[0]
        seen.append((snap.version, n))
        if n >= int(sys.argv[2]):
            break
print(json.dumps(seen))
"""


def test_a_reader_process_reads_while_a_writer_commits_and_compacts(tmp_path):
    from pipeline.rows import article_row

    root = tmp_path / "s"
    store = Store(root)
    store.add_batch([article_row(_articles(1)[0])], [], [])
    n_batches = 40
    ready = tmp_path / "reader-ready"
    reader = subprocess.Popen([PY, "-c", _READER, str(root), str(n_batches + 1), str(ready)], cwd=ROOT,
                              stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not ready.exists() and time.monotonic() < deadline and reader.poll() is None:
        time.sleep(0.05)  # a slow start-up on a busy machine must not let the writer finish first
    with store.writer():  # the writer holds its lock the whole time; the reader never needs it
        for i, art in enumerate(_articles(n_batches, start=1)):
            store.add_batch([article_row(art)], [], [])
            if i % 10 == 9:
                store.compact(max_parts=4)
            time.sleep(0.02)
    out, err = reader.communicate(timeout=90)
    assert reader.returncode == 0, err
    seen = json.loads(out)
    # However the two processes interleave, every read saw a whole committed version, in order.
    assert all(v2 >= v1 and n2 >= n1 for (v1, n1), (v2, n2) in zip(seen, seen[1:], strict=False))
    assert seen[-1][1] == n_batches + 1
    assert all(n == _articles_at(v) for v, n in seen), seen


def _articles_at(version: int) -> int:
    """Articles in the test's store at a version: one per add_batch; a compaction adds a version, not articles."""
    compactions = sum(1 for k in range(1, 5) if version > 1 + 11 * k - 1)
    return version - compactions


def test_a_reader_keeps_its_snapshot_while_a_writer_compacts_it_away(tmp_path):
    """Step by step, no timing: a reader takes a snapshot, the writer then commits and compacts (the
    parts the reader holds are retired), and the reader still reads its whole old version."""
    from pipeline.rows import article_row

    store = Store(tmp_path / "s")
    for art in _articles(6):
        store.add_batch([article_row(art)], [], [])
    before = store.snapshot()
    for art in _articles(3, start=6):
        store.add_batch([article_row(art)], [], [])
    assert store.compact(max_parts=2)
    after = store.snapshot()
    assert set(before.articles).isdisjoint(after.articles)  # compacted into a new part
    assert sum(pq.read_table(p).num_rows for p in before.articles) == 6  # the retired parts still read
    assert sum(pq.read_table(p).num_rows for p in after.articles) == 9


def test_csv_export_escapes_formulas_from_articles(tmp_path):
    from pipeline.synth import write_sample

    root = tmp_path / "s"
    write_sample(root, [{"id": "x1", "title": "t", "published": "2025-05-05", "text": "x"}],
                 [{"record_id": "x1-r", "article_id": "x1", "kind": "event", "source": "JPN", "target": "PRK",
                   "event_type": "ACCUSE", "status": "occurred", "evidence": "=HYPERLINK(\"http://evil\")",
                   "source_text": "@Japan", "confidence": 0.5}])
    out = tmp_path / "r.csv"
    export(Store(root), "records", "csv", str(out))
    text = out.read_text("utf-8")
    assert "'=HYPERLINK" in text and "'@Japan" in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text and ',"=HYPERLINK' not in text


def test_exports_in_every_format(tmp_path):
    import csv

    from pipeline.exports import plover_record
    from pipeline.load import ingest

    store = Store(tmp_path / "s")
    ingest(store, _articles(3), func=fake_extract)
    n = {}
    for what in ("records", "events"):
        for fmt in ("csv", "parquet", "plover"):
            n[what, fmt] = export(store, what, fmt, str(tmp_path / f"{what}.{fmt}"))
    # PLOVER-style records: the 3 events, then the 3 figures as `kind: figure` objects (not PLOVER events)
    assert n["records", "csv"] == n["records", "parquet"] == n["records", "plover"] == 6
    assert n["events", "csv"] == n["events", "parquet"] == n["events", "plover"] == 3
    rows = list(csv.DictReader(open(tmp_path / "records.csv", encoding="utf-8")))
    assert {r["kind"] for r in rows} == {"event", "figure"} and rows[0]["record_id"]
    assert pq.read_table(tmp_path / "events.parquet").num_rows == 3
    ev = [json.loads(ln) for ln in (tmp_path / "events.plover").read_text().splitlines()]
    assert {e["actor"]["country"] for e in ev} == {"KOR"} and all(e["record_ids"] for e in ev)
    rec = json.loads((tmp_path / "records.plover").read_text().splitlines()[0])
    assert rec["event_type"] == "CONSULT" and rec["recipient"]["country"] == "CHN"
    assert rec["source_sentence"] and rec["provenance"]["article_id"].startswith("t")
    assert plover_record({"kind": "figure"}) is None
    figs = [json.loads(ln) for ln in (tmp_path / "records.plover").read_text().splitlines()
            if json.loads(ln)["kind"] == "figure"]
    assert len(figs) == 3 and all("official" in f and f["reporter"]["country"] == "KOR" for f in figs)
    assert not list(tmp_path.glob("*.tmp")), "exports are written to a temp name and renamed"
