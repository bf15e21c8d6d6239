"""The trade parts of the dashboard under Streamlit's AppTest, on a small real store: the trade
shares page (official partners, reported figures beside them with the gap, source and coverage named,
fallbacks), the map's trade-share metric, the pair view's official trade and the explorer's columns."""
from __future__ import annotations

import pytest

from pipeline.synth import write_sample
from tests.apptest_kit import open_app

HOSTILE = "<script>window.x=1</script> Kenya's tea sales to Pakistan: 40%"
ARTICLES = [{"id": "x1", "title": "Trade notes", "published": "2021-03-01", "url": "https://example.org/x1",
             "source": "Nation", "text": "x"}]
FIGURES = [  # record_id, reporter, partner, indicator, value, unit, period, product
    ("x1-tea", "KEN", "PAK", "export_share", 40.0, "percent", "2020", "tea"),
    ("x1-ken", "KEN", "PAK", "export_share", 11.0, "percent", "2020", None),
    ("x1-lie", "LIE", "CHE", "trade_share", 30.0, "percent", "2019", None),
    ("x1-val", "KOR", "CHN", "export_value", 1.3e11, "USD", "2019", None),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("trade_pages")
    recs = [{"record_id": rid, "article_id": "x1", "kind": "figure", "source": s, "target": t, "indicator": ind,
             "value": v, "unit": unit, "period": period, "product": product, "qualifier": "about",
             "evidence": HOSTILE if product else f"{s} and {t}", "sentence_index": i, "char_start": 0,
             "char_end": 5, "confidence": 0.8, "published": "2021-03-01"}
            for i, (rid, s, t, ind, v, unit, period, product) in enumerate(FIGURES)]
    write_sample(root, ARTICLES, recs)
    return root


def _open(monkeypatch, store, page: str | None, **params):
    """The trade pages load the official table on first use: a longer first run."""
    return open_app(monkeypatch, store, page, timeout=90, **params)


def _text(at) -> str:
    return " ".join([c.value for c in at.caption] + [m.value for m in at.markdown] + [s.value for s in at.subheader]
                    + [i.value for i in at.info] + [w.value for w in at.warning] + [e.label for e in at.expander])


def _table(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_kor_2020_official_partners_with_the_reported_share_beside_them(monkeypatch, store):
    at = _open(monkeypatch, store, "views/trade.py", reporter="KOR", indicator="trade_share", year="2020")
    assert at.selectbox(key="w_year").value == 2020 and at.selectbox(key="w_reporter").value == "KOR"
    assert "South Korea: partners' share of total trade, 2020" in [s.value for s in at.subheader]
    table = _table(at, "official")
    assert len(table.dropna(subset=["official"])) >= 5
    assert table["partner"].iloc[0] == "CHN" and table["official"].iloc[0] == pytest.approx(24.63)
    text = _text(at)
    assert "IMF DOTS" in text and "latest official year 2020" in text           # source and coverage named
    labels = [e.label for e in at.expander]
    assert any(lb.startswith("China: reported 20% (approximate) · official 24\\.63% in 2020 (IMF DOTS) · gap "
                             "\\-4\\.63 pp") for lb in labels), labels
    assert any("United States: reported 13\\.5%" in lb and "gap \\+0\\.00 pp" in lb for lb in labels)
    assert at.query_params["year"] == "2020" and at.query_params["reporter"] == "KOR"


def test_a_year_without_official_data_warns_and_shows_the_latest(monkeypatch, store):
    at = _open(monkeypatch, store, "views/trade.py", reporter="KOR", year="2023")
    assert any("No official share of total trade for South Korea in 2023; showing 2020" in w.value for w in at.warning)
    assert at.selectbox(key="w_year").value is None and "year" not in at.query_params
    bad = _open(monkeypatch, store, "views/trade.py", reporter="KOR", year="20x0")
    assert any("`year`" in w and "1900 to 2100" in w for w in bad.link_warnings)


def test_a_reporter_with_no_official_data_says_so(monkeypatch, store):
    at = _open(monkeypatch, store, "views/trade.py", reporter="LIE")
    assert any("no official trade statistics for Liechtenstein" in i.value for i in at.info)
    figs = _table(at, "official_note")
    assert figs["partner"].tolist() == ["CHE"] and figs["value"].tolist() == [30.0]


def test_product_figures_are_shown_as_such_and_never_compared(monkeypatch, store):
    at = _open(monkeypatch, store, "views/trade.py", reporter="KEN", indicator="export_share", year="2020")
    products = _table(at, "product")
    tea = products[products["product"] == "tea"].iloc[0]
    assert tea["value"] == 40.0
    every = _table(at, "official_note")
    row = every[every["product"] == "tea"].iloc[0]
    assert "one product (tea)" in row["official_note"] and row.isna()["official_value"]
    labels = [e.label for e in at.expander]
    assert len(labels) == 1 and labels[0].startswith("Pakistan: reported 11%")  # the tea figure is not drawn
    assert "About one product" in _text(at)


def test_values_are_an_indicator_choice(monkeypatch, store):
    at = _open(monkeypatch, store, "views/trade.py", reporter="KOR", indicator="export_value", year="2019")
    assert at.selectbox(key="w_indicator").value == "export_value"
    labels = [e.label for e in at.expander]
    assert any(lb.startswith("China: reported 130,000 US\\$ m (about) · official 136,273 US\\$ m in 2019") for lb in labels), labels
    table = _table(at, "official")
    assert table["partner"].iloc[0] == "CHN" and table["unit"].iloc[0] == "US$ m"


def test_map_trade_share_needs_a_focus_country(monkeypatch, store):
    at = _open(monkeypatch, store, None, metric="trade_share")
    assert any("needs a focus country" in i.value for i in at.info)
    at = _open(monkeypatch, store, None, metric="trade_share", country="CHN")
    assert at.radio(key="w_metric").value == "trade_share"
    table = _table(at, "source")
    assert len(table) == 50 and table["value"].is_monotonic_decreasing and "CHN" not in set(table["country"])
    assert "IMF DOTS" in _text(at) and "latest official year" in _text(at)
    y2000 = _open(monkeypatch, store, None, metric="trade_share", country="CHN", year="2000")
    assert set(_table(y2000, "source")["year"]) == {2000} and y2000.query_params["year"] == "2000"


def test_pair_view_shows_the_pairs_official_trade(monkeypatch, store):
    at = _open(monkeypatch, store, "views/pair.py", pair="KOR-CHN")
    subheaders = [s.value for s in at.subheader]
    trade = subheaders.index("Trade between South Korea and China: official statistics")
    assert subheaders.index("South Korea and China") < trade < subheaders.index("Figures reported")
    text = _text(at)
    assert "Mirror statistics disagree" in text and "IMF DOTS" in text and "latest official year 2020" in text
    assert "China is **24.63%** of South Korea's total trade (2020" in text
    figs = _table(at, "official_note")
    assert "qualifier" in figs.columns and len(figs) == 4


def test_records_explorer_shows_product_and_official_columns(monkeypatch, store):
    at = _open(monkeypatch, store, "views/records.py")
    rows = at.dataframe[0].value.set_index("record_id")
    for c in ("product", "scale", "qualifier", "language", "trigger", "official_value", "official_year",
              "official_source", "gap", "flagged"):
        assert c in rows.columns, c
    assert rows.loc["x1-tea", "product"] == "tea" and "one product" in rows.loc["x1-tea", "official_note"]
    assert rows.loc["x1-val", "official_year"] == 2019 and rows.loc["x1-val", "official_value"] > 1e11
