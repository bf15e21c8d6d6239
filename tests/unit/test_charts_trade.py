"""The trade charts are pure (DataFrame in, Figure out): what each one encodes, and that article text
reaches hover labels escaped."""
from __future__ import annotations

import pandas as pd

from dashboard import trade_charts

NAMES = {"KOR": "South Korea", "CHN": "China", "USA": "United States", "JPN": "Japan", "VNM": "Viet Nam",
         "TWN": "Taiwan", "DEU": "Germany"}
PARTNERS = pd.DataFrame({"rank": [1, 2, 3, 4, 5, 6], "partner": ["CHN", "USA", "JPN", "VNM", "TWN", "DEU"],
                         "value": [24.63, 13.5, 7.25, 7.05, 3.5, 3.08], "source": "IMF DOTS", "dataset": "dots"})
HOSTILE = "<img src=x onerror=alert(1)> China takes 20%"


def _figures(**extra) -> pd.DataFrame:
    base = {"record_id": ["r1", "r2", "r3"], "partner": ["CHN", "CHN", "FRA"], "on_axis": [20.0, 26.0, 2.0],
            "chart_official": [24.63, 24.63, None], "chart_gap": [-4.63, 1.37, None],
            "published": pd.to_datetime(["2025-12-30", "2021-05-01", "2024-01-01"]), "period": [None, "2020", None],
            "evidence": [HOSTILE, "b", "c"], "official_year": [2024, 2020, 2023]}
    base.update(extra)
    return pd.DataFrame(base)


def test_partner_bars_with_reported_diamonds_and_the_gap():
    fig = trade_charts.trade_partners(PARTNERS, _figures(), NAMES, "trade_share", 2020, "IMF DOTS", bars=5)
    bars, reported = fig.data
    assert bars.type == "bar" and list(bars.x) == ["China", "United States", "Japan", "Viet Nam", "Taiwan"]
    assert list(bars.y)[0] == 24.63 and "IMF DOTS" in bars.name and "2020" in bars.name
    assert list(bars.customdata) == ["CHN", "USA", "JPN", "VNM", "TWN"]
    # the diamonds sit on the same category axis; France is only reported, so it gets a slot without a bar
    assert reported.mode == "markers" and list(reported.x) == ["China", "China", "FRA"]
    assert list(reported.y) == [20.0, 26.0, 2.0] and list(reported.customdata) == ["r1", "r2", "r3"]
    assert "&lt;img" in reported.text[0] and "<img" not in reported.text[0]
    assert "gap -4.63 pp" in reported.text[0] and "no official value" in reported.text[2]
    gaps = [a.text for a in fig.layout.annotations]
    assert gaps == ["gap -4.63 pp"]                       # the newest report per partner, where there is a gap


def test_partner_bars_for_values_and_for_nothing():
    vals = PARTNERS.assign(value=[241434.9, 132294.1, 71108.8, 69093.7, 34307.7, 32202.4])
    fig = trade_charts.trade_partners(vals, _figures().iloc[0:0], NAMES, "trade_value", 2020, "IMF DOTS")
    assert len(fig.data) == 1 and fig.data[0].text[0] == "241,435 US$ m"
    assert "US$ m" in fig.layout.yaxis.title.text
    empty = trade_charts.trade_partners(PARTNERS.iloc[0:0], _figures().iloc[0:0], NAMES)
    assert len(empty.data) == 0 and "No official" in empty.layout.annotations[0].text
    only_news = trade_charts.trade_partners(PARTNERS.iloc[0:0], _figures(), NAMES)   # no official data: still drawn
    assert [t.type for t in only_news.data] == ["scatter"]


def test_share_lines_one_per_partner_and_source_with_reported_points():
    lines = pd.DataFrame({"year": [2019, 2020, 2019, 2020, 2020], "partner": ["CHN", "CHN", "USA", "USA", "CHN"],
                          "value": [24.0, 24.6, 13.0, 13.5, 25.0],
                          "source": ["IMF DOTS"] * 4 + ["CIA World Factbook"],
                          "dataset": ["dots"] * 4 + ["factbook"]})
    fig = trade_charts.trade_lines(lines, _figures(), NAMES, "trade_share", 2020)
    by = {t.name: t for t in fig.data}
    assert set(by) == {"China (IMF DOTS)", "China (CIA World Factbook)", "United States (IMF DOTS)",
                       "reported in the news"}
    assert by["China (CIA World Factbook)"].line.dash == "dot" and by["China (IMF DOTS)"].line.dash == "solid"
    assert by["China (CIA World Factbook)"].line.color == by["China (IMF DOTS)"].line.color   # one colour a partner
    reported = fig.data[-1]
    assert reported.name == "reported in the news" and list(reported.x) == [2024, 2020]   # FRA has no line
    assert "about 2024" in reported.text[0] and "&lt;img" in reported.text[0]
    assert any(s.x0 == 2020 for s in fig.layout.shapes)                               # the year on the bars
    assert "No official" in trade_charts.trade_lines(lines.iloc[0:0], _figures()).layout.annotations[0].text


def test_dependence_map_colours_countries_by_their_share_with_the_focus():
    places = pd.DataFrame({"iso3": ["CHN", "MNG", "KOR"], "name": ["China", "Mongolia", "South Korea"],
                           "lat": [39.9, 47.9, 37.5], "lon": [116.4, 106.9, 127.0]})
    dep = pd.DataFrame({"country": ["MNG", "KOR"], "value": [57.18, 24.63], "year": [2020, 2020],
                        "source": ["IMF DOTS", "IMF DOTS"]})
    fig = trade_charts.dependence_map(dep, places, "CHN")
    choro, star = fig.data
    assert list(choro.locations) == ["MNG", "KOR"] and list(choro.z) == [57.18, 24.63]
    assert list(choro.customdata) == ["MNG", "KOR"] and choro.zmin == 0
    assert "57.18% of its trade (exports + imports) is with China" in choro.text[0]
    assert "IMF DOTS" in choro.text[0] and star.name == "focus"
    assert len(trade_charts.dependence_map(dep.iloc[0:0], places, "CHN").data) == 1   # the focus star only


def test_pair_trade_both_directions_and_whose_record():
    mirror = pd.DataFrame({
        "year": [2020] * 4 + [2019] * 4, "exporter": ["CHN", "CHN", "KOR", "KOR"] * 2,
        "importer": ["KOR", "KOR", "CHN", "CHN"] * 2, "record_of": ["CHN", "KOR", "KOR", "CHN"] * 2,
        "flow": ["exports", "imports"] * 4, "value_usd_m": [113029.0, 108855.3, 132579.6, 173501.5] * 2,
        "estimated": False, "source": "IMF DOTS", "dataset": "dots"})
    fig = trade_charts.pair_trade(mirror, NAMES)
    names = sorted(t.name for t in fig.data)
    assert names == ["China → South Korea, as China recorded it", "China → South Korea, as South Korea recorded it",
                     "South Korea → China, as China recorded it", "South Korea → China, as South Korea recorded it"]
    kor_own = next(t for t in fig.data if t.name == "South Korea → China, as South Korea recorded it")
    chn_mirror = next(t for t in fig.data if t.name == "South Korea → China, as China recorded it")
    assert kor_own.line.dash == "solid" and chn_mirror.line.dash == "dash"
    assert kor_own.line.color == chn_mirror.line.color                  # one colour per direction
    assert list(kor_own.x) == [2019, 2020] and list(kor_own.y) == [132.5796, 132.5796]   # US$ bn
    assert "FOB" in kor_own.hovertemplate and "CIF" in chn_mirror.hovertemplate
    assert "No official" in trade_charts.pair_trade(mirror.iloc[0:0]).layout.annotations[0].text


def test_reported_vs_official_lines_are_escaped_markdown():
    row = {"on_axis": 20.0, "qualifier": "about", "chart_official": 24.63, "chart_gap": -4.63,
           "published": pd.Timestamp("2025-12-30")}
    line = trade_charts.reported_vs_official_line(row, "China", "trade_share", 2020, "IMF DOTS")
    assert line == ("China: reported 20% (about) · official 24\\.63% in 2020 (IMF DOTS) · gap \\-4\\.63 pp "
                    "· published 2025-12-30")
    none = trade_charts.reported_vs_official_line({**row, "chart_official": None}, "[x](javascript:1)", "trade_share",
                                            2020, "IMF DOTS")
    assert "no official value for this partner in 2020" in none and "](" not in none
    own = trade_charts.official_year_line({"official_year": 2024, "period": None, "indicator": "trade_share",
                                     "official_value": None, "official_note": "no official trade_share in 2024"})
    assert own.startswith("The year it is about: **2024** (no period given: the year before publication)")
    hit = trade_charts.official_year_line({"official_year": 2019, "period": "2019", "indicator": "trade_share",
                                     "official_value": 23.99, "official_source": "IMF DOTS", "gap": 36.01,
                                     "flagged": True})
    assert "its period 2019" in hit and "Official 23\\.99%" in hit and "**flagged**" in hit
    skipped = trade_charts.official_year_line({"official_year": None, "official_note": "about one product (tea)"})
    assert skipped.startswith("Not compared") and "tea" in skipped
