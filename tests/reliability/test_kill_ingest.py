"""kill -9 in the middle of `python -m pipeline ingest`, six times at named points (mid-batch, with a
commit's parts on disk but not listed, with the new manifest written but not renamed, right after a
commit, during the events rebuild), then a re-run: after each kill the store reads consistently and
holds exactly the records of the batches committed; at the end exactly those of an uninterrupted run."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import PYTHON, ROOT
from tests.corpora import reuters_jsonl
from tests.kill_points import kill_at

N_ARTICLES = 300
BATCH = 10          # articles per commit: 30 commits


def _ingest_cmd(corpus: Path, store: Path) -> list[str]:
    return [PYTHON, "-m", "pipeline", "ingest", str(corpus), "--store", str(store), "--batch-size", str(BATCH),
            "--no-progress"]


def read_store(store: Path) -> dict:
    """Check the store is consistent (manifest parses, every listed part exists and reads) and
    return its article ids and record ids as lists (duplicates kept, so they can be counted)."""
    manifest = json.loads((store / "manifest.json").read_text("utf-8"))
    out: dict[str, list] = {"articles": [], "records": [], "events": [], "record_articles": []}
    column = {"articles": "article_id", "records": "record_id", "events": "event_id"}
    for table, parts in manifest["parts"].items():
        for rel in parts:
            path = store / rel
            assert path.is_file(), f"manifest lists a missing part: {rel}"
            t = pq.read_table(path)  # raises on a torn or half-written file
            if table in column:
                out[table].extend(t.column(column[table]).to_pylist())
            if table == "records":
                out["record_articles"].extend(zip(t.column("record_id").to_pylist(),
                                                  t.column("article_id").to_pylist(), strict=True))
    stats = subprocess.run([PYTHON, "-m", "pipeline", "stats", "--store", str(store), "--json"], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert stats.returncode == 0, stats.stderr
    st = json.loads(stats.stdout)
    assert st["articles"] == len(out["articles"]) and st["records"]["total"] == len(out["records"])
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, shared):
    # stories that name two or more countries, so they give records
    return reuters_jsonl(shared, tmp_path_factory.mktemp("kill") / "reuters300.jsonl", N_ARTICLES, min_places=2,
                         fields=("id", "published", "title", "text"))


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    store = tmp_path_factory.mktemp("ref") / "store"
    proc = subprocess.run(_ingest_cmd(corpus, store), cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    ref = read_store(store)
    assert len(ref["records"]) > 50 and len(set(ref["records"])) == len(ref["records"])
    return ref


# Each run resumes the store the previous kill left; each kill lands at a named point (tests/kill_points.py),
# so what is committed after it is known exactly: (point, articles stored after the kill).
SCHEDULE = (
    ("extract:5", 0),            # inside the first batch: nothing committed yet
    ("before-swap:3", 20),       # third commit: its parts are on disk, the manifest does not list them
    ("manifest-written:2", 30),  # the new manifest is written under its temp name, not renamed
    ("after-swap:4", 70),        # right after a commit
    ("extract:37", 100),         # mid-batch again, three batches into the run
    ("events-staged:1", N_ARTICLES),  # every batch committed, the events rebuild written but not swapped in
)


def _kill_at(point: str, corpus: Path, store: Path, marker: Path) -> str:
    """Run an ingest that stops dead at `point`, kill -9 it there; returns the point it reported."""
    return kill_at(point, marker, _ingest_cmd(corpus, store)[3:], "the ingest")


@pytest.mark.slow
def test_kill_minus_nine_then_resume_loses_nothing(corpus, reference, tmp_path):
    store = tmp_path / "store"
    for point, expected_articles in SCHEDULE:
        assert _kill_at(point, corpus, store, tmp_path / "stopped") == point
        if expected_articles == 0 and not (store / "manifest.json").exists():
            continue
        state = read_store(store)  # consistent after every kill
        assert len(set(state["records"])) == len(state["records"]), f"duplicate records after a kill at {point}"
        assert set(state["records"]) <= set(reference["records"])
        assert len(state["articles"]) == expected_articles, point
        # Exactly the records of the articles committed so far: none lost, none from an uncommitted batch.
        committed = set(state["articles"])
        assert set(state["records"]) == {r for r, a in reference["record_articles"] if a in committed}, point

    proc = subprocess.run(_ingest_cmd(corpus, store), cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f"0 new, {N_ARTICLES} skipped" in proc.stderr, proc.stderr[-500:]
    final = read_store(store)
    assert len(final["records"]) == len(set(final["records"])), "duplicate records"
    assert sorted(final["records"]) == sorted(reference["records"]), "records lost or added"
    assert sorted(final["articles"]) == sorted(reference["articles"])
    assert sorted(final["events"]) == sorted(reference["events"])
    # Nothing a killed writer left behind survives the next writer (temp files, orphan parts).
    listed = {p for parts in json.loads((store / "manifest.json").read_text())["parts"].values() for p in parts}
    leftovers = [str(p.relative_to(store)) for p in store.rglob("*.parquet")
                 if str(p.relative_to(store)) not in listed]
    retired = {r["path"] for r in json.loads((store / "manifest.json").read_text()).get("retired", [])}
    assert set(leftovers) <= retired, leftovers
    assert not list(store.rglob("*.tmp"))
