"""The dashboard's query layer over a small real store (pipeline.synth.write_sample through Store)."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard import queries as Q
from dashboard.urlstate import ViewState
from pipeline.store import Snapshot, Store
from pipeline.synth import write_sample

HOSTILE = "=HYPERLINK(\"http://evil.example\",\"x\")"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    root = tmp_path_factory.mktemp("store")
    extra_articles = [{"id": "h1", "title": "<script>alert(1)</script>", "published": "2025-05-05",
                       "url": "javascript:alert(1)", "text": "x"}]
    extra_records = [{"record_id": "h1-r", "article_id": "h1", "kind": "event", "source": "JPN", "target": "PRK",
                      "event_type": "ACCUSE", "status": "occurred", "date_start": "2025-05-04",
                      "evidence": HOSTILE, "confidence": 0.3, "published": "2025-05-05"}]
    write_sample(root, extra_articles, extra_records)
    return Q.connect(Store(root).snapshot())


def test_summary_counts_what_was_written(con):
    s = Q.summary(con)
    assert s["articles"] == 7 and s["event_records"] == 9 and s["figure_records"] == 4
    assert s["events"] == 8  # the two reports of Lee's planned visit are one event
    assert s["first_day"] == date(2017, 3, 1)


def test_events_versus_reports(con):
    ev = Q.pair_totals(con, ViewState(unit="events"))
    rep = Q.pair_totals(con, ViewState(unit="reports"))
    pick = lambda df: int(df[(df.a == "CHN") & (df.b == "KOR")]["n"].iloc[0])  # noqa: E731
    assert (pick(ev), pick(rep)) == (4, 5)


def test_country_totals_and_net(con):
    t = Q.country_totals(con, ViewState()).set_index("country")
    # KOR: CONSULT x2 (+), REQUEST (-), SANCTION (-), REJECT (-), SUPPORT (+)
    assert t.loc["KOR", "n"] == 6 and t.loc["KOR", "net"] == 0
    assert t.loc["PRK", "net"] == -2


def test_focus_country_shows_partners_only(con):
    t = Q.country_totals(con, ViewState(country="KOR")).set_index("country")
    assert "KOR" not in t.index and set(t.index) == {"CHN", "PRK", "USA"}
    assert t.loc["CHN", "n"] == 4


def test_type_and_date_filters(con):
    t = Q.pair_totals(con, ViewState(types=("CONSULT",), start=date(2025, 6, 1), end=date(2025, 12, 31)))
    assert t[["a", "b", "n"]].values.tolist() == [["CHN", "KOR", 1]]


def test_counts_over_time_by_month_and_week(con):
    m = Q.counts_over_time(con, ViewState(granularity="month", types=("CONSULT",)))
    assert dict(zip(m["period"].astype(str), m["n"], strict=True)) == {
        "2025-03-01": 1, "2025-11-01": 1, "2026-01-01": 1}
    w = Q.counts_over_time(con, ViewState(granularity="week", types=("CONSULT",), unit="reports"))
    assert w["n"].sum() == 4 and w["period"].iloc[-1] == pd.Timestamp("2025-12-29")  # the Monday of Jan 4 2026


def test_pair_timeline_places_planned_visit_at_event_dates(con):
    tl = Q.pair_timeline(con, ViewState(pair=("CHN", "KOR")))
    planned = tl[tl.status == "planned"].iloc[0]
    assert (planned["when"], planned["date_end"], planned["published"]) == (
        pd.Timestamp("2026-01-04"), pd.Timestamp("2026-01-07"), pd.Timestamp("2025-12-30"))
    assert int(planned["n_reports"]) == 2
    reports = Q.pair_timeline(con, ViewState(pair=("KOR", "CHN"), unit="reports", statuses=("planned",)))
    assert len(reports) == 2


def test_trade_shares_keep_every_report(con):
    figs = Q.figures(con, ViewState(), reporter="KOR", indicator="trade_share")
    assert sorted(figs[figs.partner == "CHN"]["value"]) == [20.0, 24.0]
    latest = Q.latest_shares(figs).set_index("partner")
    assert latest.loc["CHN", "value"] == 20.0 and latest.loc["CHN", "n_reports"] == 2
    assert (latest.loc["CHN", "min"], latest.loc["CHN", "max"]) == (20.0, 24.0)
    assert Q.figure_reporters(con, "trade_share") == ["KOR"]


def test_pair_records_and_figures(con):
    view = ViewState(pair=("KOR", "CHN"))
    recs = Q.pair_records(con, view)
    assert len(recs) == 8 and {"evidence", "title", "published", "url"} <= set(recs.columns)
    assert len(Q.figures(con, view, reporter=None)) == 3


def test_records_search_is_literal_and_parameterised(con):
    assert len(Q.records(con, ViewState(q="state visit"))) == 2
    assert Q.records_count(con, ViewState(q="%_%")) == 0        # no LIKE wildcard
    assert Q.records_count(con, ViewState(q="'; DROP TABLE records; --")) == 0
    assert Q.records_count(con, ViewState()) == 13                # the table is still there


def test_records_filters(con):
    assert Q.records_count(con, ViewState(min_conf=0.8)) == 8
    assert Q.records_count(con, ViewState(country="PRK", statuses=("occurred",))) == 2
    assert Q.records_count(con, ViewState(pair=("KOR", "USA"))) == 2


def test_hostile_urls_dropped_and_csv_defused(con):
    rows = Q.records(con, ViewState(country="JPN", types=("ACCUSE",)))
    assert rows["url"].isna().all() and rows["title"].iloc[0] == "<script>alert(1)</script>"
    csv = Q.records_csv(con, ViewState(country="JPN", types=("ACCUSE",))).decode()
    assert "'=HYPERLINK" in csv and "javascript:" not in csv
    assert Q.safe_url("https://example.org/a") == "https://example.org/a"
    assert Q.safe_url(" JavaScript:alert(1)") is None and Q.safe_url(None) is None


def test_empty_store_gives_empty_frames():
    con = Q.connect(Snapshot(version=0))
    assert Q.summary(con)["articles"] == 0
    assert Q.country_totals(con, ViewState()).empty and Q.pair_totals(con, ViewState()).empty
    assert Q.counts_over_time(con, ViewState()).empty and Q.records(con, ViewState(q="x")).empty
    assert Q.pair_timeline(con, ViewState(pair=("KOR", "CHN"))).empty
    assert Q.latest_shares(Q.figures(con, ViewState(), "KOR")).empty
    assert Q.countries_present(con) == []


def test_synthetic_batches_have_the_intended_shape():
    from collections import Counter

    from pipeline.schema import PLOVER_TYPES
    from pipeline.synth import synth_batches

    batches = list(synth_batches(4000, seed=3, batch_records=1500))
    records = [r for _, recs in batches for r in recs]
    assert len(records) == 4000 and len(batches) == 3
    assert all(r["source"] != r["target"] for r in records)
    events = [r for r in records if r["kind"] == "event"]
    types = Counter(r["event_type"] for r in events)
    assert set(types) <= set(PLOVER_TYPES) and types.most_common(2)[0][0] == "CONSULT"
    assert 0.01 < 1 - len(events) / len(records) < 0.06             # ~3 % figures
    pairs = Counter(frozenset((r["source"], r["target"])) for r in records)
    assert pairs.most_common(1)[0][1] > 20 * (len(records) / len(pairs))   # heavy-tailed dyads
    again = next(synth_batches(4000, seed=3, batch_records=1500))[1]   # deterministic for a seed
    assert [r["record_id"] for r in again] == [r["record_id"] for r in records[:1500]]


def test_missing_part_is_shown_and_logged(tmp_path, caplog):
    root = tmp_path / "s"
    write_sample(root)
    snap = Store(root).snapshot()
    gone = snap.records[0]
    gone.unlink()
    with caplog.at_level("WARNING", logger="dyad.dashboard"):
        con = Q.connect(snap)
    problems = Q.problems(con)
    assert len(problems) == 1 and "[E014]" in problems[0] and gone.name in problems[0]
    assert any(gone.name in r.message for r in caplog.records)
    assert Q.summary(con)["articles"] == 6  # the rest is still served


def test_every_csv_download_is_formula_safe():
    df = pd.DataFrame({"evidence": ["=1+1", "+SUM(A1)", "-2", "@x", "plain"], "n": [1, 2, 3, 4, 5]})
    text = Q.csv_bytes(df).decode("utf-8").splitlines()
    assert text[1:] == ["'=1+1,1", "'+SUM(A1),2", "'-2,3", "'@x,4", "plain,5"]
