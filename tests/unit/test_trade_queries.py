"""The dashboard's trade queries (dashboard/trade_queries.py) against the shipped official tables and
a small real store: reported figures with what they are about, matched with the official value of
their year and with the year on the chart."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard import queries as Q
from dashboard import trade_queries as TQ
from dashboard.urlstate import TRADE_INDICATORS
from pipeline.reference import trade as T
from pipeline.store import Store
from pipeline.synth import write_sample

TEA = "Kenya's tea exports to Pakistan were 40% of its tea sales."
EXTRA_ARTICLES = [{"id": "x1", "title": "Trade notes", "published": "2021-03-01", "url": "https://example.org/x1",
                   "source": "Nation", "text": "x"}]
EXTRA_FIGURES = [
    # (record_id, reporter, partner, indicator, value, unit, period, product, qualifier, scale)
    ("x1-tea", "KEN", "PAK", "export_share", 40.0, "percent", "2020", "tea", None, None),
    ("x1-chn", "KOR", "CHN", "trade_share", 60.0, "percent", "2019", None, "more than", None),
    ("x1-val", "KOR", "CHN", "export_value", 1.3e11, "USD", "2019", None, "about", "billion"),
    ("x1-yen", "KOR", "JPN", "export_value", 3e12, "JPY", "2019", None, None, "trillion"),
    ("x1-lie", "LIE", "CHE", "trade_share", 30.0, "percent", "2019", None, None, None),
]


def _figure_rows() -> list[dict]:
    out = []
    for i, (rid, s, t, ind, v, unit, period, product, qual, scale) in enumerate(EXTRA_FIGURES):
        out.append({"record_id": rid, "article_id": "x1", "kind": "figure", "source": s, "target": t,
                    "indicator": ind, "value": v, "unit": unit, "period": period, "product": product,
                    "qualifier": qual, "scale": scale, "language": "en", "evidence": TEA if product else f"{s} {t}",
                    "sentence_index": 100 + i, "char_start": 0, "char_end": 10, "confidence": 0.8,
                    "published": "2021-03-01"})
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("trade_store")
    write_sample(root, EXTRA_ARTICLES, _figure_rows())
    return root


@pytest.fixture(scope="module")
def con(store):
    return Q.connect(Store(store).snapshot())


@pytest.fixture(scope="module")
def ref(store):
    return TQ.reference(store)


def test_figures_keep_what_they_are_about(con):
    figs = TQ.figures(con, reporter="KEN")
    assert list(figs.columns) == TQ.FIGURE_COLUMNS
    tea = figs.iloc[0]
    assert (tea["product"], tea["partner"], tea["value"], tea["language"]) == ("tea", "PAK", 40.0, "en")
    kor = TQ.figures(con, reporter="KOR").set_index("record_id")
    assert kor.loc["x1-val", "scale"] == "billion" and kor.loc["x1-chn", "qualifier"] == "more than"
    assert TQ.figures(con).empty                                       # neither a reporter nor a pair
    pair = TQ.figures(con, pair=("CHN", "KOR"))                        # either way round
    assert set(pair["reporter"]) == {"KOR"} and len(pair) == 5   # 3 in the sample, 2 added


def test_each_figure_gets_the_official_value_of_its_own_year(con, ref):
    figs = TQ.with_official(ref, TQ.figures(con, reporter="KOR")).set_index("record_id")
    chn = figs.loc["x1-chn"]                                           # 60% of KOR's trade in 2019
    official = T.official_value(ref, "KOR", "CHN", "trade_share", 2019)["value"].iloc[0]
    assert chn["official_year"] == 2019 and chn["official_source"] == "IMF DOTS"
    assert chn["official_value"] == pytest.approx(official)
    assert chn["gap"] == pytest.approx(60.0 - official) and bool(chn["flagged"]) is True
    val = figs.loc["x1-val"]                                           # US$ 130 bn of exports, in dollars
    assert val["official_value"] > 1e11 and val["gap"] == pytest.approx(1.3e11 - val["official_value"])
    assert bool(val["flagged"]) is False
    yen = figs.loc["x1-yen"]
    assert pd.isna(yen["official_value"]) and "US$" in yen["official_note"]
    tea = TQ.with_official(ref, TQ.figures(con, reporter="KEN")).iloc[0]
    assert pd.isna(tea["official_value"]) and "one product (tea)" in tea["official_note"]


def test_trade_view_kor_2020_puts_the_news_beside_the_official_bars(con, ref):
    tv = TQ.trade_view(ref, TQ.figures(con, reporter="KOR"), "KOR", "trade_share", 2020)
    assert tv.year == 2020 and tv.source == "IMF DOTS" and not tv.notes
    assert len(tv.partners) >= 5 and tv.partners["partner"].iloc[0] == "CHN"
    assert tv.partners["value"].iloc[0] == pytest.approx(24.63)
    drawn = tv.figures[tv.figures["on_axis"].notna()].set_index("record_id")
    assert set(drawn["partner"]) == {"CHN", "USA"}                     # shares only: no value, rank or yen figure
    sample = drawn[drawn["on_axis"] == 20.0].iloc[0]                   # the sample's "about 20%"
    assert sample["chart_official"] == pytest.approx(24.63) and sample["chart_gap"] == pytest.approx(-4.63)
    rank = tv.figures[tv.figures["indicator"] == "trade_partner_rank"].iloc[0]
    assert rank["chart_official"] == 1 and rank["chart_gap"] == 0      # "largest partner": rank 1 in 2020
    assert set(tv.lines["partner"]) == set(tv.partners["partner"].head(TQ.LINES))
    assert tv.latest == {"IMF DOTS": 2020}


def test_trade_view_falls_back_to_the_latest_year_and_says_so(con, ref):
    tv = TQ.trade_view(ref, TQ.figures(con, reporter="KOR"), "KOR", "export_share", 1900)
    assert tv.year == 2023 and tv.source == "CIA World Factbook" and tv.asked_year == 1900
    assert "1900" in tv.notes[0] and "2023" in tv.notes[0]
    latest = TQ.trade_view(ref, TQ.figures(con, reporter="KOR"), "KOR", "trade_share", None)
    assert latest.year == 2020 and not latest.notes


def test_a_reporter_without_official_data(con, ref):
    assert "LIE" not in TQ.official_reporters(ref)
    tv = TQ.trade_view(ref, TQ.figures(con, reporter="LIE"), "LIE", "trade_share", 2019)
    assert tv.year is None and tv.partners.empty and tv.lines.empty
    assert tv.figures["partner"].tolist() == ["CHE"] and pd.isna(tv.figures["chart_gap"].iloc[0])


def test_every_page_indicator_works_for_values_too(con, ref):
    for indicator in TRADE_INDICATORS:
        tv = TQ.trade_view(ref, TQ.figures(con, reporter="KOR"), "KOR", indicator, None)
        assert tv.year is not None and not tv.partners.empty, indicator
    tv = TQ.trade_view(ref, TQ.figures(con, reporter="KOR"), "KOR", "export_value", 2019)
    val = tv.figures.set_index("record_id").loc["x1-val"]
    assert val["on_axis"] == pytest.approx(1.3e5)                      # US$ 130 bn = 130,000 US$ m
    assert val["chart_gap"] == pytest.approx(1.3e5 - val["chart_official"])
    with pytest.raises(ValueError):
        TQ.trade_view(ref, TQ.figures(con, reporter="KOR"), "KOR", "trade_balance'; --", None)


def test_compare_on_chart_is_pure_and_keeps_products_off_the_axes():
    figs = pd.DataFrame({"record_id": ["a", "b", "c", "d"], "partner": ["CHN", "CHN", "USA", "CHN"],
                         "indicator": ["trade_share", "trade_share", "trade_share", "trade_partner_rank"],
                         "value": [20.0, 30.0, 10.0, 2.0], "unit": ["percent", "percent", "percent", "rank"],
                         "product": [None, "tea", None, None]})
    partners = pd.DataFrame({"partner": ["CHN", "JPN"], "value": [24.0, 7.0], "rank": [1, 2]})
    out = TQ.compare_on_chart(figs, partners, "trade_share").set_index("record_id")
    assert out.loc["a", "chart_gap"] == pytest.approx(-4.0)
    assert pd.isna(out.loc["b", "on_axis"]) and pd.isna(out.loc["b", "chart_gap"])   # tea: never compared
    assert pd.isna(out.loc["c", "chart_official"])                  # USA is not among these partners
    assert out.loc["d", "chart_official"] == 1 and out.loc["d", "chart_gap"] == 1
    assert list(figs.columns) == ["record_id", "partner", "indicator", "value", "unit", "product"]   # input untouched


def test_trade_table_lists_official_partners_then_reported_only_ones(con, ref):
    tv = TQ.trade_view(ref, TQ.figures(con, reporter="LIE"), "LIE", "trade_share", None)
    assert TQ.trade_table(tv)["partner"].tolist() == ["CHE"]        # no official data: the reported partner
    tv = TQ.trade_view(ref, TQ.figures(con, reporter="KOR"), "KOR", "trade_share", 2020)
    table = TQ.trade_table(tv, {"CHN": "China"})
    assert len(table) == len(tv.partners) and table["country"].iloc[0] == "China"
    chn = table.iloc[0]
    assert chn["official"] == pytest.approx(24.63) and chn["n_reports"] == 3   # 20%, 24% and 60%
    assert chn["reported"] == 20.0 and chn["gap"] == pytest.approx(-4.63)    # the newest report
    csv = Q.csv_bytes(table).decode()
    assert csv.splitlines()[0].startswith("rank,partner,country,indicator,year,official")


def test_dependence_on_the_focus_country(ref):
    dep = TQ.dependence(ref, "CHN")
    assert len(dep) >= 200 and "CHN" not in set(dep["country"]) and dep["country"].is_unique
    assert dep["value"].between(0, 100).all() and dep["value"].is_monotonic_decreasing
    kor = dep.set_index("country").loc["KOR"]
    assert (kor["value"], kor["year"], kor["source"]) == (pytest.approx(24.63), 2020, "IMF DOTS")
    y2000 = TQ.dependence(ref, "CHN", 2000)
    assert set(y2000["year"]) == {2000}
    assert 2020 in TQ.partner_years(ref, "CHN") and 1990 in TQ.partner_years(ref, "CHN")
    with pytest.raises(ValueError):
        TQ.dependence(ref, "CHN", indicator="trade_value")


def test_pair_trade_has_both_directions_as_both_reporters_recorded_them(ref):
    flows = TQ.pair_trade(ref, "KOR", "CHN")
    y2020 = flows[flows["year"] == 2020]
    assert set(zip(y2020["exporter"], y2020["record_of"], strict=True)) == {
        ("KOR", "KOR"), ("KOR", "CHN"), ("CHN", "CHN"), ("CHN", "KOR")}
    assert flows["year"].min() <= 1992 and flows["year"].max() == 2020
    shares = TQ.pair_shares(ref, "KOR", "CHN").set_index("reporter")
    assert shares.loc["KOR", "trade_share"] == pytest.approx(24.63) and shares.loc["CHN", "partner"] == "KOR"


def test_enrich_records_adds_what_the_store_keeps_and_the_official_value(con, ref):
    from dashboard.urlstate import ViewState

    rows = Q.records(con, ViewState())
    out = TQ.enrich_records(con, ref, rows)
    assert len(out) == len(rows) and list(out.columns[:4]) == ["published", "kind", "source", "target"]
    for c in (*TQ.KEPT, *TQ.OFFICIAL_NAMES):
        assert c in out.columns
    by = out.set_index("record_id")
    assert by.loc["x1-tea", "product"] == "tea" and "one product" in by.loc["x1-tea", "official_note"]
    assert by.loc["x1-chn", "official_year"] == 2019 and bool(by.loc["x1-chn", "flagged"])
    events = out[out["kind"] == "event"]
    assert events["official_value"].isna().all() and events["official_note"].isna().all()
    bare = TQ.enrich_records(con, None, rows)                          # no official table: columns stay empty
    assert bare["official_value"].isna().all() and bare.set_index("record_id").loc["x1-tea", "product"] == "tea"
    empty = TQ.enrich_records(con, ref, rows.iloc[0:0])
    assert empty.empty and "official_value" in empty.columns


def test_coverage_names_sources_and_latest_years(ref):
    cov = TQ.coverage(ref)
    line = TQ.coverage_line(cov)
    assert "IMF DOTS 1990–2020 (latest official year 2020)" in line
    assert "CIA World Factbook" in line and "2023" in line
    assert len(TQ.official_reporters(ref)) >= 200


def test_reference_reloads_after_an_import(tmp_path):
    from pipeline.reference.trade_import import import_trade_csv

    root = tmp_path / "s"
    before = TQ.reference(root)
    assert TQ.imports_fingerprint(root) == () and TQ.indicator_years(before, "KOR", "trade_share")[0] == 2020
    csv = tmp_path / "kcs.csv"
    csv.write_text("reporter,partner,year,exports,imports,unit,source\n"
                   "KOR,WLD,2023,632226,642572,USD million,Korea Customs Service\n"
                   "KOR,CHN,2023,124818,142857,USD million,Korea Customs Service\n", encoding="utf-8")
    import_trade_csv(csv, root)
    assert TQ.imports_fingerprint(root) != ()
    after = TQ.reference(root)
    assert TQ.indicator_years(after, "KOR", "trade_share")[0] == 2023
    top = T.top_partners(after, "KOR", "trade_share")
    assert (top["partner"].iloc[0], top["source"].iloc[0]) == ("CHN", "Korea Customs Service")
    assert TQ.memo(root, "n", lambda cur: len(TQ.official_reporters(cur))) >= 200
