"""The trade parameters of a shared link: `year` (validated, with a warning for a bad value), the
official indicators on the trade page, and the map's trade-share metric."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dashboard.urlstate import DEFAULT, MAP_METRICS, TRADE_INDICATORS, ViewState, encode_query, parse_query

KNOWN = {"KOR", "CHN", "USA"}


def test_trade_link_round_trips():
    params = {"reporter": "kor", "indicator": "trade_share", "year": "2020"}
    state, warnings = parse_query(params, KNOWN)
    assert warnings == [] and (state.reporter, state.indicator, state.year) == ("KOR", "trade_share", 2020)
    assert encode_query(state) == {"reporter": "KOR", "year": "2020"}       # trade_share is the default
    assert parse_query(encode_query(state), KNOWN) == (state, [])
    assert DEFAULT.year is None and "year" not in encode_query(DEFAULT)


def test_bad_years_fall_back_with_one_warning_each():
    for bad in ("1899", "2101", "20", "2020.5", "twenty", "2020; DROP TABLE records", "-2020", "0x7e4", "２０２０"):
        state, warnings = parse_query({"year": bad, "reporter": "KOR"}, KNOWN)
        assert state.year is None and state.reporter == "KOR", bad
        assert len(warnings) == 1 and "`year`" in warnings[0] and "1900 to 2100" in warnings[0], bad
    assert parse_query({"year": " 1990 "}, KNOWN)[0].year == 1990


def test_official_indicators_and_the_trade_map_metric():
    assert set(TRADE_INDICATORS) == {"trade_share", "export_share", "import_share", "trade_value", "export_value",
                                     "import_value"}
    for ind in TRADE_INDICATORS:
        assert parse_query({"indicator": ind}, KNOWN) == (ViewState(indicator=ind), [])
    state, warnings = parse_query({"indicator": "trade_balance"}, KNOWN)
    assert state.indicator == "trade_share" and "indicator" in warnings[0]
    assert "trade_share" in MAP_METRICS
    assert parse_query({"metric": "trade_share", "country": "CHN"}, KNOWN) == (
        ViewState(metric="trade_share", country="CHN"), [])


@given(year=st.one_of(st.none(), st.integers(1900, 2100)), indicator=st.sampled_from(TRADE_INDICATORS),
       metric=st.sampled_from(MAP_METRICS))
def test_trade_fields_round_trip(year, indicator, metric):
    state = ViewState(year=year, indicator=indicator, metric=metric)
    assert parse_query(encode_query(state), KNOWN) == (state, [])
