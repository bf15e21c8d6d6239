"""URL state: shared links restore the view; hostile or malformed values fall back with a warning."""
from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from dashboard.urlstate import DEFAULT, SHARE_INDICATORS, ViewState, encode_query, parse_query
from pipeline.schema import PLOVER_TYPES, STATUSES

KNOWN = {"KOR", "CHN", "USA", "PRK", "JPN", "SGP"}


def test_full_link_round_trips():
    params = {"country": "kor", "pair": "KOR-CHN", "start": "2025-01-01", "end": "2026-02-01",
              "types": "CONSULT,agree", "statuses": "planned", "granularity": "week", "unit": "reports",
              "metric": "net", "reporter": "KOR", "indicator": "export_share", "q": "state visit",
              "min_conf": "0.5", "arcs": "80"}
    state, warnings = parse_query(params, KNOWN)
    assert warnings == []
    assert state == ViewState(country="KOR", pair=("KOR", "CHN"), start=date(2025, 1, 1),
                              end=date(2026, 2, 1), types=("AGREE", "CONSULT"), statuses=("planned",),
                              granularity="week", unit="reports", metric="net", reporter="KOR",
                              indicator="export_share", q="state visit", min_conf=0.5, arcs=80)
    assert parse_query(encode_query(state), KNOWN) == (state, [])


def test_map_arcs_travel_in_the_link_and_bad_counts_fall_back():
    assert encode_query(ViewState(arcs=0)) == {"arcs": "0"}
    for bad in ("-1", "201", "ten", "1e3", "²", "١٢"):
        state, warnings = parse_query({"arcs": bad}, KNOWN)
        assert state.arcs == DEFAULT.arcs and len(warnings) == 1 and "arcs" in warnings[0]


def test_defaults_encode_to_nothing():
    assert encode_query(DEFAULT) == {}
    assert parse_query({}, KNOWN) == (DEFAULT, [])


def test_sql_fragment_is_rejected_with_warning():
    state, warnings = parse_query({"country": "KOR'; DROP TABLE records; --", "types": "AGREE) OR 1=1 --"},
                                  KNOWN)
    assert state.country is None and state.types == ()
    assert len(warnings) == 2 and "country" in warnings[0] and "types" in warnings[1]


def test_unknown_country_and_self_pair():
    state, warnings = parse_query({"country": "ZZZ", "pair": "KOR-KOR", "reporter": "XX"}, KNOWN)
    assert (state.country, state.pair, state.reporter) == (None, None, None)
    assert len(warnings) == 3


def test_huge_value_falls_back():
    state, warnings = parse_query({"q": "x" * 100_000, "min_conf": "1e309"}, KNOWN)
    assert state.q == "" and state.min_conf == 0.0
    assert len(warnings) == 2 and all(len(w) < 200 for w in warnings)


def test_reversed_and_bad_dates():
    state, warnings = parse_query({"start": "2026-03-01", "end": "2025-01-01"}, KNOWN)
    assert (state.start, state.end) == (None, None) and "ends before it starts" in warnings[0]
    state, warnings = parse_query({"start": "2025-02-30", "end": "yesterday"}, KNOWN)
    assert (state.start, state.end) == (None, None) and len(warnings) == 2
    state, _ = parse_query({"start": "0001-01-01"}, KNOWN)
    assert state.start is None


def test_partial_lists_keep_the_known_items():
    state, warnings = parse_query({"types": "CONSULT,BOGUS,<script>", "statuses": "planned,maybe"}, KNOWN)
    assert state.types == ("CONSULT",) and state.statuses == ("planned",)
    assert len(warnings) == 2


def test_repeated_key_last_wins_and_enums_validated():
    state, warnings = parse_query({"granularity": ["day", "week"], "unit": "tweets", "metric": "NET"}, KNOWN)
    assert state.granularity == "week" and state.unit == "events" and state.metric == "net"
    assert len(warnings) == 1


def test_without_gazetteer_any_iso3_shape_passes():
    state, warnings = parse_query({"country": "ZZZ"})
    assert state.country == "ZZZ" and warnings == []


@given(st.dictionaries(st.sampled_from(["country", "pair", "start", "end", "types", "statuses", "granularity",
                                        "unit", "metric", "reporter", "indicator", "q", "min_conf", "other"]),
                       st.text(max_size=60)))
def test_parse_never_raises_and_output_reparses(params):
    state, warnings = parse_query(params, KNOWN)
    assert isinstance(state, ViewState)
    again, warnings2 = parse_query(encode_query(state), KNOWN)
    assert again == state and warnings2 == []


@given(st.builds(ViewState,
                 country=st.sampled_from([None, *sorted(KNOWN)]),
                 types=st.lists(st.sampled_from(PLOVER_TYPES), unique=True).map(
                     lambda xs: tuple(t for t in PLOVER_TYPES if t in xs)),
                 statuses=st.lists(st.sampled_from(STATUSES), unique=True).map(
                     lambda xs: tuple(s for s in STATUSES if s in xs)),
                 indicator=st.sampled_from(SHARE_INDICATORS),
                 min_conf=st.sampled_from([0.0, 0.25, 0.5, 1.0])))
def test_encode_parse_round_trip(state):
    assert parse_query(encode_query(state), KNOWN) == (state, [])
