"""Old store versions stay readable for the retention period (DYAD_KEEP_DAYS), and the clean-up then
removes exactly what no kept version needs. The store's clock is moved by hand: no waiting, no timing."""
from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from pipeline import store as store_mod
from pipeline.retention import DAY_S, RETIRE_GRACE_S, prune_history, prune_retired
from pipeline.store import Store, VersionNotKept
from tests.unit.test_store import _article, _record


class Clock:
    """The store's clock, moved by the test."""

    def __init__(self, t: float = 1_800_000_000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t

    def days(self, n: float) -> None:
        self.t += n * DAY_S


@pytest.fixture()
def clock(monkeypatch):
    c = Clock()
    monkeypatch.setattr(store_mod, "_clock", c)
    monkeypatch.delenv("DYAD_KEEP_DAYS", raising=False)
    return c


def _ids(s: Store, version: int | None = None) -> list[str]:
    snap = s.snapshot(version)
    return sorted(r for p in snap.records for r in pq.read_table(p).column("record_id").to_pylist())


def _files(root) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and p.name != ".writer.lock"}


def test_an_old_version_reads_as_it_was(tmp_path, clock):
    s = Store(tmp_path)
    s.add_batch([_article(1)], [_record(1, 1)], [])
    s.rebuild_events()                                   # v2
    v2 = s.snapshot()
    clock.days(1)
    s.add_batch([_article(2)], [_record(2, 2)], [])       # v3
    s.rebuild_events()                                   # v4: v2's events part retired
    s.compact(max_parts=1)                               # v5: v2's article and record parts retired
    assert s.version == 5
    old = s.snapshot(2)
    assert old.version == 2 and old.records == v2.records and old.events == v2.events
    assert old.committed_at == v2.committed_at
    assert _ids(s, 2) == ["r1"] and _ids(s) == ["r1", "r2"]
    assert all(p.exists() for p in old.articles + old.records + old.events)
    assert [v["version"] for v in s.versions()] == [1, 2, 3, 4, 5]
    assert s.versions()[-1]["until"] is None and s.versions()[1]["until"] == s.versions()[2]["at"]


def test_unknown_and_future_versions_are_not_kept(tmp_path, clock):
    s = Store(tmp_path)
    s.add_batch([_article(1)], [_record(1, 1)], [])
    for v in (0, 2, 99):
        with pytest.raises(VersionNotKept) as err:
            s.snapshot(v)
        assert err.value.latest == 1 and err.value.version == v
    assert s.snapshot(1).version == 1


def test_versions_past_the_retention_period_are_cleaned_up_and_others_kept(tmp_path, clock, monkeypatch):
    monkeypatch.setenv("DYAD_KEEP_DAYS", "10")
    s = Store(tmp_path)
    s.add_batch([_article(1)], [_record(1, 1)], [])
    s.rebuild_events()                                   # v2, replaced on day 0 by v3
    s.rebuild_events()                                   # v3, replaced on day 5 by v4
    clock.days(5)
    s.rebuild_events()                                   # v4 (current)
    v2_events, v3_events = s.snapshot(2).events, s.snapshot(3).events
    clock.days(5)                                        # day 10: v1, v2 replaced 10 days ago, v3 5 days ago
    assert s.clean_up() == {"versions": [], "files": 0}  # within 10 days + the readers' grace
    clock.days(RETIRE_GRACE_S / DAY_S)                   # now past it for v1 and v2, not for v3
    done = s.clean_up()
    assert done["versions"] == [1, 2]
    with pytest.raises(VersionNotKept):
        s.snapshot(2)
    assert all(p.exists() for p in s.snapshot(3).events)  # v3 may still be named by a link
    assert not any(p.exists() for p in v2_events)         # the events part only v2 needed is gone
    assert v3_events != v2_events
    assert not (tmp_path / "versions" / "v00000002.json").exists()
    assert _ids(s) == ["r1"] and _ids(s, 3) == ["r1"]
    clock.days(5)
    assert s.clean_up()["versions"] == [3]
    assert [v["version"] for v in s.versions()] == [4]
    listed = {p for t, ps in json.loads((tmp_path / "manifest.json").read_text())["parts"].items() for p in ps}
    assert {f for f in _files(tmp_path) if f.endswith(".parquet")} == listed  # nothing else is left


def test_a_commit_drops_expired_versions_from_the_index_and_the_next_writer_deletes_them(tmp_path, clock,
                                                                                         monkeypatch):
    monkeypatch.setenv("DYAD_KEEP_DAYS", "1")
    s = Store(tmp_path)
    s.add_batch([_article(1)], [], [])
    s.add_batch([_article(2)], [], [])                    # v1 replaced now
    clock.days(2)
    s.add_batch([_article(3)], [], [])                    # writer entry cleans v1 up; v2 replaced now
    assert [v["version"] for v in s.versions()] == [2, 3]
    assert not (tmp_path / "versions" / "v00000001.json").exists()
    assert (tmp_path / "versions" / "v00000002.json").exists()


def test_default_retention_is_ninety_days(tmp_path, clock):
    s = Store(tmp_path)
    s.add_batch([_article(1)], [_record(1, 1)], [])
    s.add_batch([_article(2)], [_record(2, 2)], [])
    clock.days(89)
    assert s.clean_up()["versions"] == []
    assert _ids(s, 1) == ["r1"]
    clock.days(1 + RETIRE_GRACE_S / DAY_S)
    assert s.clean_up()["versions"] == [1]


def test_pruning_rules_use_one_clock_for_versions_and_parts():
    keep = 10.0
    history = [{"version": 1, "at": 0, "until": 5}, {"version": 2, "at": 5, "until": 9}]
    kept, dropped = prune_history(history, now=15.0, keep_s=keep)
    assert [h["version"] for h in kept] == [2] and [h["version"] for h in dropped] == [1]
    # a part retired by the commit that replaced v2 (at 9) lives exactly as long as v2 is kept
    assert prune_retired([{"path": "events/a.parquet", "at": 9}], now=18.9, keep_s=keep) != []
    assert prune_retired([{"path": "events/a.parquet", "at": 9}], now=19.0, keep_s=keep) == []
    assert prune_history(history, now=19.0, keep_s=keep)[0] == []


def test_a_store_from_before_versions_were_kept_starts_its_history(tmp_path, clock):
    s = Store(tmp_path)
    s.add_batch([_article(1)], [], [])
    m = json.loads((tmp_path / "manifest.json").read_text())
    for key in ("history", "committed_at"):
        m.pop(key, None)
    (tmp_path / "manifest.json").write_text(json.dumps(m))
    s.add_batch([_article(2)], [], [])
    assert [v["version"] for v in s.versions()] == [1, 2]
    assert len(s.snapshot(1).articles) == 1
