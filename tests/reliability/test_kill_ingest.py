"""kill -9 in the middle of `python -m pipeline ingest`, several times at seeded random points, then
a re-run: after each kill the store reads consistently, and at the end it holds exactly the records
of an uninterrupted run (nothing lost, nothing twice)."""
from __future__ import annotations

import gzip
import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import PYTHON, ROOT

N_ARTICLES = 300
BATCH = 10          # articles per commit: ~30 commits, so kills land between and inside commits
SEED = 20261129


def _corpus(shared: Path, out: Path) -> int:
    """The first N_ARTICLES Reuters stories that name two or more countries (so they give records)."""
    n = 0
    with gzip.open(shared / "corpus" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as fh, \
            open(out, "w", encoding="utf-8") as dst:
        for line in fh:
            obj = json.loads(line)
            if not (obj.get("text") or "").strip() or len(obj.get("places_iso3") or []) < 2:
                continue
            dst.write(json.dumps({k: obj.get(k) for k in ("id", "published", "title", "text")}) + "\n")
            n += 1
            if n == N_ARTICLES:
                break
    return n


def _ingest_cmd(corpus: Path, store: Path) -> list[str]:
    return [PYTHON, "-m", "pipeline", "ingest", str(corpus), "--store", str(store), "--batch-size", str(BATCH),
            "--no-progress"]


def _manifest_version(store: Path) -> int:
    try:
        return int(json.loads((store / "manifest.json").read_text("utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return 0


def read_store(store: Path) -> dict:
    """Check the store is consistent (manifest parses, every listed part exists and reads) and
    return its article ids and record ids as lists (duplicates kept, so they can be counted)."""
    manifest = json.loads((store / "manifest.json").read_text("utf-8"))
    out: dict[str, list] = {"articles": [], "records": [], "events": []}
    column = {"articles": "article_id", "records": "record_id", "events": "event_id"}
    for table, parts in manifest["parts"].items():
        for rel in parts:
            path = store / rel
            assert path.is_file(), f"manifest lists a missing part: {rel}"
            t = pq.read_table(path)  # raises on a torn or half-written file
            if table in column:
                out[table].extend(t.column(column[table]).to_pylist())
    stats = subprocess.run([PYTHON, "-m", "pipeline", "stats", "--store", str(store), "--json"], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert stats.returncode == 0, stats.stderr
    st = json.loads(stats.stdout)
    assert st["articles"] == len(out["articles"]) and st["records"]["total"] == len(out["records"])
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, shared):
    path = tmp_path_factory.mktemp("kill") / "reuters300.jsonl"
    assert _corpus(shared, path) == N_ARTICLES
    return path


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    store = tmp_path_factory.mktemp("ref") / "store"
    t0 = time.monotonic()
    proc = subprocess.run(_ingest_cmd(corpus, store), cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    ref = read_store(store)
    ref["seconds"] = time.monotonic() - t0
    ref["version"] = _manifest_version(store)
    assert len(ref["records"]) > 50 and len(set(ref["records"])) == len(ref["records"])
    return ref


# Two kills at a random moment after start (start-up, reading, extracting, maybe a commit); four after
# the run has committed 1-3 more batches, plus a random delay (inside a batch or a commit).
SCHEDULE = ("early", "commit", "commit", "early", "commit", "commit")


def _kill_during_ingest(corpus: Path, store: Path, rng: random.Random, early: bool) -> dict:
    """Start an ingest, wait (a random time, or until 1-3 more commits), then SIGKILL it after a
    random delay. Returns what happened."""
    start_version = _manifest_version(store)
    target = start_version + rng.randint(1, 3)
    delay = rng.uniform(0.0, 0.4)
    proc = subprocess.Popen(_ingest_cmd(corpus, store), cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    if early:
        time.sleep(rng.uniform(0.3, 4.0))
    else:
        while proc.poll() is None and _manifest_version(store) < target and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(delay)
    alive = proc.poll() is None
    if alive:
        os.kill(proc.pid, signal.SIGKILL)  # only the process we started, by its id
    proc.wait(timeout=30)
    return {"killed": alive, "early": early, "from_version": start_version,
            "at_version": _manifest_version(store)}


@pytest.mark.slow
def test_kill_minus_nine_then_resume_loses_nothing(corpus, reference, tmp_path):
    store = tmp_path / "store"
    rng = random.Random(SEED)
    log = []
    for kind in SCHEDULE:
        event = _kill_during_ingest(corpus, store, rng, early=kind == "early")
        if (store / "manifest.json").exists():
            state = read_store(store)  # consistent after every kill
            assert len(set(state["records"])) == len(state["records"]), "duplicate records after a kill"
            assert set(state["records"]) <= set(reference["records"])
            assert set(state["articles"]) <= set(reference["articles"])
            event["articles"] = len(state["articles"])
        log.append(event)
    print("kills:", json.dumps(log))
    killed_mid_run = [e for e in log if e["killed"] and 0 < e.get("articles", 0) < len(reference["articles"])]
    assert len(killed_mid_run) >= SCHEDULE.count("commit"), log  # the kills really hit a half-done store

    proc = subprocess.run(_ingest_cmd(corpus, store), cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    final = read_store(store)
    assert len(final["records"]) == len(set(final["records"])), "duplicate records"
    assert sorted(final["records"]) == sorted(reference["records"]), "records lost or added"
    assert sorted(final["articles"]) == sorted(reference["articles"])
    assert len(final["events"]) == len(reference["events"])
    # Nothing a killed writer left behind survives the next writer (temp files, orphan parts).
    listed = {p for parts in json.loads((store / "manifest.json").read_text())["parts"].values() for p in parts}
    leftovers = [str(p.relative_to(store)) for p in store.rglob("*.parquet")
                 if str(p.relative_to(store)) not in listed]
    retired = {r["path"] for r in json.loads((store / "manifest.json").read_text()).get("retired", [])}
    assert set(leftovers) <= retired, leftovers
    assert not list(store.rglob("*.tmp"))
