"""The de-duplication rule (docs/store.md) on hand-made records: what merges and what stays apart."""
from __future__ import annotations

from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.dedupe import build_events
from pipeline.rows import article_row, record_row
from pipeline.schema import Article
from pipeline.store import ARTICLES_SCHEMA, RECORDS_SCHEMA


def _rec(rid, art, src="KOR", tgt="CHN", typ="CONSULT", start=None, end=None, published="2026-01-01",
         status="occurred", kind="event", evidence=None, conf=0.5, mode=None):
    return record_row({"record_id": rid, "article_id": art, "kind": kind, "source": src, "target": tgt,
                       "event_type": typ if kind == "event" else None, "status": status, "mode": mode,
                       "date_start": start, "date_end": end, "evidence": evidence or f"ev {rid}",
                       "confidence": conf}, published=published)


def _write(tmp_path, records, outlets: dict[str, str | None]) -> tuple[list, list]:
    rp, ap = tmp_path / "r.parquet", tmp_path / "a.parquet"
    pq.write_table(pa.Table.from_pylist(records, schema=RECORDS_SCHEMA), rp)
    arts = [article_row(Article(id=a, text="t", source=o, url=f"https://www.{a}.example/x"))
            for a, o in outlets.items()]
    pq.write_table(pa.Table.from_pylist(arts, schema=ARTICLES_SCHEMA), ap)
    return [rp], [ap]


def _events(tmp_path, records, outlets):
    rp, ap = _write(tmp_path, records, outlets)
    return build_events(rp, ap).to_pylist()


def test_reports_within_three_days_merge(tmp_path):
    recs = [_rec("r1", "a1", start="2026-01-04", end="2026-01-07", published="2025-12-30", status="planned"),
            _rec("r2", "a2", start="2026-01-05", published="2026-01-05", mode="visit", conf=0.9),
            _rec("r3", "a3", published="2026-01-09")]  # no event date: its publication date counts
    ev = _events(tmp_path, recs, {"a1": "Reuters", "a2": "AP", "a3": "Reuters"})
    assert len(ev) == 1
    e = ev[0]
    assert e["n_reports"] == 3 and e["n_articles"] == 3 and e["n_sources"] == 2
    assert e["sources"] == ["AP", "Reuters"] and e["record_ids"] == ["r1", "r2", "r3"]
    assert e["evidence"] == "ev r1" and e["first_published"] == date(2025, 12, 30)
    assert e["date_start"] == date(2026, 1, 4) and e["date_end"] == date(2026, 1, 9)
    assert e["status"] == "occurred", "the latest report says what became of it"
    assert e["quad_class"] == "verbal_cooperation"
    assert e["mode"] == "visit", "the first report that names a mode"
    assert e["confidence"] == 0.9


def test_far_apart_reverse_other_type_and_negated_stay_apart(tmp_path):
    recs = [_rec("r1", "a1", start="2026-01-04"),
            _rec("r2", "a1", start="2026-01-10"),              # 6 days later: another event
            _rec("r3", "a1", src="CHN", tgt="KOR", start="2026-01-04"),  # directed dyads
            _rec("r4", "a1", typ="ACCUSE", start="2026-01-04"),
            _rec("r5", "a1", start="2026-01-04", status="negated"),
            _rec("r6", "a1", kind="figure", start="2026-01-04")]  # figures are not events
    ev = _events(tmp_path, recs, {"a1": "Reuters"})
    assert sorted(tuple(e["record_ids"]) for e in ev) == [("r1",), ("r2",), ("r3",), ("r4",), ("r5",)]


def test_chain_and_multi_day_ranges(tmp_path):
    # r2 starts within 3 days of r1's end, r3 within 3 days of r2: one event (chained window)
    recs = [_rec("r1", "a1", start="2026-02-01", end="2026-02-10"),
            _rec("r2", "a2", start="2026-02-12"),
            _rec("r3", "a2", start="2026-02-15"),
            _rec("r4", "a2", start="2026-02-19")]
    ev = _events(tmp_path, recs, {"a1": None, "a2": None})
    assert [e["record_ids"] for e in ev] == [["r1", "r2", "r3"], ["r4"]]
    # With no outlet given, the URL host stands in for the source.
    assert ev[0]["sources"] == ["a1.example", "a2.example"]


def test_undated_reports_are_their_own_events(tmp_path):
    recs = [_rec("r1", "a1", published=None), _rec("r2", "a1", published=None)]
    assert len(_events(tmp_path, recs, {"a1": "X"})) == 2


def test_event_ids_are_deterministic_and_independent_of_part_order(tmp_path):
    recs = [_rec(f"r{i}", f"a{i % 3}", start=f"2026-03-{1 + (i * 5) % 27:02d}") for i in range(20)]
    outlets = {"a0": "A", "a1": "B", "a2": "C"}
    one = tmp_path / "one"
    one.mkdir()
    rp, ap = _write(one, recs, outlets)
    two = tmp_path / "two"
    two.mkdir()
    halves = [two / "h1.parquet", two / "h2.parquet"]
    pq.write_table(pa.Table.from_pylist(recs[10:], schema=RECORDS_SCHEMA), halves[0])
    pq.write_table(pa.Table.from_pylist(recs[:10], schema=RECORDS_SCHEMA), halves[1])
    a = build_events(rp, ap).to_pylist()
    b = build_events(halves, ap).to_pylist()
    assert a == b and len({e["event_id"] for e in a}) == len(a)


def test_no_records_gives_empty_events():
    assert build_events([], []).num_rows == 0


def test_an_end_before_the_start_does_not_split_same_day_reports(tmp_path):
    recs = [_rec("r0", "a1", start="2026-05-01"),
            _rec("r1", "a1", start="2026-05-10", end="2026-05-02"),  # a bad range
            _rec("r2", "a2", start="2026-05-10")]
    ev = _events(tmp_path, recs, {"a1": "A", "a2": "B"})
    assert sorted(e["record_ids"] for e in ev) == [["r0"], ["r1", "r2"]]
    assert all(e["date_end"] >= e["date_start"] for e in ev)


def test_reports_on_the_same_day_make_the_same_events_whatever_their_order(tmp_path):
    # Many pairs, each with an earlier event and then several reports of one later day: the rows tie on
    # the date, and the two window passes (where an event ends, which event a report joins) must order
    # the ties alike, or a report can land in the earlier event. Same records in any order -> same events.
    recs = []
    for k in range(60):
        src, tgt = f"A{k:02d}", f"B{k:02d}"
        recs.append(_rec(f"p{k}-0", f"a{k}", src=src, tgt=tgt, start="2026-01-01"))
        recs += [_rec(f"p{k}-{j}", f"a{k}", src=src, tgt=tgt, start="2026-01-20", end="2026-01-21")
                 for j in range(1, 6)]
    outlets = {f"a{k}": "Reuters" for k in range(60)}
    seen = set()
    for turn in range(8):
        order = recs[turn % 3::3] + recs[(turn + 1) % 3::3] + recs[(turn + 2) % 3::3]
        order = order[::-1] if turn % 2 else order
        (tmp_path / str(turn)).mkdir()
        rp, ap = _write(tmp_path / str(turn), order, outlets)
        ev = build_events(rp, ap, threads=4).to_pylist()
        assert len(ev) == 120 and {e["n_reports"] for e in ev} == {1, 5}
        seen.add(tuple(sorted((e["event_id"], tuple(e["record_ids"])) for e in ev)))
    assert len(seen) == 1
