"""kill -9 during the retention clean-up (run by every writer on entry, here by an `ingest` that finds
nothing new), at named points: before its manifest swap, right after it, and between file deletions.
After each kill the current version and every version the store still lists read exactly as before
(nothing lost); the versions past the retention period are the only ones gone; a last run leaves no
file that no kept version needs."""
from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import store as store_mod
from pipeline.retention import DAY_S, RETIRE_GRACE_S
from pipeline.store import Store
from tests.conftest import PYTHON, ROOT
from tests.kill_points import kill_at

KEEP_DAYS = 90


def _article(i: int) -> dict:
    return {"id": f"a{i}", "title": f"t{i}", "published": "2025-01-01", "text": f"text {i}"}


def _record(i: int) -> dict:
    return {"record_id": f"r{i}", "article_id": f"a{i}", "kind": "event", "source": "KOR", "target": "CHN",
            "event_type": "CONSULT", "status": "occurred", "date_start": f"2025-01-{1 + i % 27:02d}",
            "evidence": f"sentence {i}", "confidence": 0.5, "published": "2025-01-01"}


def build(root: Path, monkeypatch) -> None:
    """Versions replaced 100 days ago (batches, an events rebuild, a compaction that retires parts)
    and versions replaced 30 days ago and now, committed with the store's clock set back."""
    s = Store(root)
    now = time.time()
    monkeypatch.setattr(store_mod, "_clock", lambda: now - 100 * DAY_S)
    for i in range(4):
        s.add_batch([_article(i)], [_record(i)], [])
    s.rebuild_events()
    s.compact(max_parts=2)                               # the four small parts retired, one merged part
    monkeypatch.setattr(store_mod, "_clock", lambda: now - 30 * DAY_S)
    for i in range(4, 7):
        s.add_batch([_article(i)], [_record(i)], [])
    s.rebuild_events()
    monkeypatch.setattr(store_mod, "_clock", time.time)


def contents(root: Path) -> dict[int, tuple[list, list, list]]:
    """Every version the store lists -> its (article ids, record ids, event ids), reading every part:
    a missing or torn part fails here."""
    s = Store(root)
    out = {}
    for v in s.versions():
        snap = s.snapshot(v["version"])
        cols = []
        for parts, col in ((snap.articles, "article_id"), (snap.records, "record_id"), (snap.events, "event_id")):
            cols.append(sorted(x for p in parts for x in pq.read_table(p).column(col).to_pylist()))
        out[v["version"]] = tuple(cols)
    return out


def _kill_at(point: str, root: Path, inputs: Path, marker: Path) -> str:
    return kill_at(point, marker, ["ingest", str(inputs), "--store", str(root), "--no-progress"],
                   "the clean-up", env={"DYAD_KEEP_DAYS": str(KEEP_DAYS)})


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and p.name != ".writer.lock"}


@pytest.mark.slow
def test_kill_minus_nine_during_clean_up_loses_nothing(tmp_path, monkeypatch):
    root = tmp_path / "store"
    build(root, monkeypatch)
    before = contents(root)
    current = Store(root).version
    now = time.time()
    window = KEEP_DAYS * DAY_S + RETIRE_GRACE_S
    expected = {v["version"] for v in Store(root).versions() if v["until"] is None or now - v["until"] < window}
    assert current in expected and 0 < len(expected) < len(before)   # some versions go, some stay
    inputs = tmp_path / "known.jsonl"                                  # an article the store has: nothing new
    inputs.write_text(json.dumps(_article(0)) + "\n", "utf-8")
    files_before = _files(root)

    for point in ("manifest-written:1", "cleanup-swapped:1", "cleanup-unlink:2", "cleanup-unlink:3"):
        assert _kill_at(point, root, inputs, tmp_path / "stopped") == point
        after = contents(root)                                        # every listed version reads whole
        assert Store(root).version == current
        assert {v: after[v] for v in expected} == {v: before[v] for v in expected}, point
        if point == "manifest-written:1":                             # killed before its swap: unchanged
            assert after == before and {f for f in _files(root) if not f.endswith(".tmp")} == files_before
        else:
            assert set(after) == expected, point

    done = subprocess.run([PYTHON, "-m", "pipeline", "ingest", str(inputs), "--store", str(root), "--no-progress"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "DYAD_KEEP_DAYS": str(KEEP_DAYS)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert contents(root) == {v: before[v] for v in expected}
    # Nothing is left that no kept version needs: every part on disk is named by a kept version.
    needed = {str(p.relative_to(root)) for v in expected for t in ("articles", "records", "events", "quarantine")
              for p in getattr(Store(root).snapshot(v), t)}
    on_disk = {f for f in _files(root) if f.endswith(".parquet")}
    assert on_disk == needed
    assert {f for f in _files(root) if f.startswith("versions/")} == \
        {f"versions/v{v:08d}.json" for v in expected if v != current}
    assert not list(root.rglob("*.tmp"))
