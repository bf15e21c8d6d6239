"""Charts are pure: DataFrame in, plotly Figure out; check what they encode, not how they look."""
from __future__ import annotations

import re

import pandas as pd

from dashboard import charts

PLACES = pd.DataFrame({"iso3": ["KOR", "CHN", "PRK"], "name": ["South Korea", "China", "North Korea"],
                       "lat": [37.55, 39.9, 39.03], "lon": [126.98, 116.4, 125.75]})
TOTALS = pd.DataFrame({"country": ["KOR", "CHN", "PRK"], "n": [6, 4, 1], "n_coop": [3, 2, 0],
                       "n_conflict": [3, 2, 1], "net": [0, 0, -1]})
PAIRS = pd.DataFrame({"a": ["CHN", "KOR"], "b": ["KOR", "PRK"], "n": [4, 1], "n_coop": [2, 0],
                      "n_conflict": [2, 1], "net": [0, -1]})


def test_world_map_choropleth_and_arcs():
    fig = charts.world_map(TOTALS, PAIRS, PLACES, metric="count", focus="KOR")
    choro, *arcs = fig.data
    assert choro.type == "choropleth" and list(choro.locations) == ["KOR", "CHN", "PRK"]
    assert list(choro.z) == [6, 4, 1] and list(choro.customdata) == ["KOR", "CHN", "PRK"]
    assert "6 events" in choro.text[0] and "South Korea" in choro.text[0]
    lines = {t.line.color: t for t in arcs if t.mode == "lines"}
    coop, conflict = lines[charts.COOPERATION_COLOUR], lines[charts.CONFLICT_COLOUR]
    assert list(coop.lat) == [39.9, 37.55, None]                    # CHN-KOR, net 0: not conflict-dominated
    assert list(conflict.lon) == [126.98, 125.75, None]             # KOR-PRK
    assert coop.line.width > conflict.line.width                    # width by count (4 vs 1)
    assert "4 events" in coop.text[0]
    assert any(t.name == "focus" for t in arcs)
    assert fig.layout.geo.resolution == 50


def test_world_map_net_metric_is_centred():
    fig = charts.world_map(TOTALS, PAIRS, PLACES, metric="net")
    choro = fig.data[0]
    assert list(choro.z) == [0, 0, -1] and choro.zmid == 0 and choro.zmin == -choro.zmax


def test_world_map_empty_has_no_traces_but_draws_geo():
    fig = charts.world_map(TOTALS.iloc[0:0], PAIRS.iloc[0:0], PLACES)
    assert len(fig.data) == 0 and fig.layout.geo.showcountries


def test_hover_text_escapes_article_html():
    events = pd.DataFrame({"source": ["KOR"], "target": ["CHN"], "event_type": ["CONSULT"], "status": ["planned"],
                           "when": [pd.Timestamp("2026-01-04")], "date_end": [pd.Timestamp("2026-01-07")],
                           "n_reports": [2], "evidence": ["<img src=x onerror=alert(1)> visit"]})
    fig = charts.pair_timeline(events, {"KOR": "South Korea"})
    text = fig.data[0].text[0]
    assert "<img" not in text and "&lt;img" in text
    # the bar spans the planned dates: centred mid-visit, half-width 1.5 days
    assert fig.data[0].x[0] == pd.Timestamp("2026-01-05 12:00")
    assert fig.data[0].error_x.array[0] == 1.5 * 86_400_000


def test_counts_stack_types_with_quad_colours():
    counts = pd.DataFrame({"period": pd.to_datetime(["2025-01-01", "2025-01-01", "2025-02-01"]),
                           "event_type": ["CONSULT", "ASSAULT", "CONSULT"], "n": [3, 1, 2]})
    fig = charts.counts_over_time(counts)
    assert [t.name for t in fig.data] == ["CONSULT", "ASSAULT"] and fig.layout.barmode == "stack"
    assert list(fig.data[0].y) == [3, 2]
    assert fig.data[0].marker.color != fig.data[1].marker.color


def test_top_pairs_split_cooperation_conflict():
    fig = charts.top_pairs(PAIRS, {"KOR": "South Korea", "CHN": "China"})
    coop, conflict = fig.data
    assert list(coop.y) == ["China – South Korea", "South Korea – PRK"]
    assert list(coop.x) == [2, 0] and list(conflict.x) == [2, 1]


def test_trade_shares_bar_per_partner_and_dot_per_report():
    reports = pd.DataFrame({"partner": ["CHN", "CHN", "USA"], "value": [20.0, 24.0, 13.5],
                            "period": ["2024", "2023", "2023"],
                            "published": pd.to_datetime(["2025-12-30", "2024-06-15", "2024-06-15"]),
                            "evidence": ["about 20%", "24%", "13.5%"]})
    latest = pd.DataFrame({"partner": ["CHN", "USA"], "value": [20.0, 13.5],
                           "published": pd.to_datetime(["2025-12-30", "2024-06-15"]), "period": ["2024", "2023"],
                           "n_reports": [2, 1], "min": [20.0, 13.5], "max": [24.0, 13.5]})
    fig = charts.trade_shares(latest, reports, {"CHN": "China"})
    bar, dots = fig.data
    assert list(bar.x) == ["China", "USA"] and list(bar.y) == [20.0, 13.5]
    assert list(dots.y) == [20.0, 24.0, 13.5]


def test_empty_inputs_give_a_message_not_an_error():
    empty = pd.DataFrame(columns=["period", "event_type", "n"])
    for fig in (charts.counts_over_time(empty), charts.top_pairs(PAIRS.iloc[0:0]),
                charts.pair_timeline(pd.DataFrame(columns=["when"])),
                charts.trade_shares(pd.DataFrame(columns=["partner"]), pd.DataFrame())):
        assert fig.layout.annotations and fig.layout.annotations[0].text


def test_record_markdown_keeps_hostile_text_inert():
    row = {"source": "KOR", "target": "CHN", "what": "CONSULT", "status": "planned",
           "evidence": "<img src=x onerror=alert(1)> [click](javascript:alert(2))",
           "title": "<script>alert(3)</script>", "url": "javascript:alert(4)",
           "published": pd.Timestamp("2025-12-30")}
    md = charts.record_markdown(row)
    assert not re.search(r"(?<!\\)[<\[\]()]", md.replace("\n\n", " ").replace("> ", "", 1).replace("**", ""))
    assert "\\<img src=x onerror=alert\\(1\\)\\>" in md and "2025-12-30" in md
    ok = charts.record_markdown({**row, "url": "https://example.org/a (b)", "title": "Lee to visit"})
    assert "[Lee to visit](https://example.org/a%20%28b%29)" in ok
