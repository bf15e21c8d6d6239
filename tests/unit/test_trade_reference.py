"""Official trade statistics: the shipped tables against the raw reference files, the lookups, the
reported-vs-official rule, user imports (bad rows reported, nothing else lost) and source separation."""
from __future__ import annotations

import csv
import gzip
import math
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import errors
from pipeline.reference import DATA_DIR
from pipeline.reference import build_trade as B
from pipeline.reference import comparison as C
from pipeline.reference import trade as T
from pipeline.reference.trade_import import import_trade_csv, unit_scale, validate_rows


@pytest.fixture(scope="module")
def con():
    return T.connect()


def _raw_dots(shared: Path, keys: set[tuple[str, str, int]] | None = None, every: int | None = None) -> dict:
    """Rows of the raw DOTS CSV by (reporter, partner, year): the named keys and every n-th row."""
    out = {}
    with gzip.open(shared / B.DOTS_CSV, "rt", encoding="utf-8", newline="") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            k = (r["reporter_iso3"], r["partner_iso3"], int(r["year"]))
            if (keys and k in keys) or (every and i % every == 0):
                out[k] = r
    return out


def _num(text: str) -> float | None:
    return float(text) if text else None


# --- the build ---------------------------------------------------------------------------------------
@pytest.mark.slow
def test_build_is_deterministic_and_matches_the_committed_tables(shared, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    sizes = B.build(shared, a)
    B.build(shared, b)
    for name in (T.DOTS_FILE, T.FACTBOOK_FILE):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
        assert (a / name).read_bytes() == (DATA_DIR / name).read_bytes(), f"{name} is stale: rebuild and commit"
    assert sum(sizes.values()) < 10 * 1024 * 1024
    assert not list(a.glob(".*"))  # no temp file left behind


def test_shipped_tables_have_no_timestamps_and_name_their_sources():
    for name, source in ((T.DOTS_FILE, "Direction of Trade Statistics"), (T.FACTBOOK_FILE, "Factbook")):
        meta = {k.decode(): v.decode() for k, v in pq.ParquetFile(DATA_DIR / name).schema_arrow.metadata.items()}
        assert source in meta["dyad.source"]
        assert "sha256=" in meta["dyad.input"]
        assert not any("time" in k or "date" in k for k in meta)


# --- official figures against the reference files ---------------------------------------------------
def test_kor_2020_check_figures(con):
    top = T.top_partners(con, "KOR", "trade_share", 2020, limit=3)
    chn = top.iloc[0]
    assert (chn.partner, chn["rank"], chn.source) == ("CHN", 1, T.SOURCE_DOTS)
    assert round(chn.value, 1) == 24.6
    assert chn.exports_usd_m == 132579.6 and chn.imports_usd_m == 108855.3
    world = T.world_totals(con, "KOR").set_index("year").loc[2020]
    assert (world.exports_usd_m, world.imports_usd_m) == (512647.1, 467645.5)
    assert T.official_value(con, "KOR", "CHN", "export_value", 2020).iloc[0].value == 132579.6


PAIRS = {("USA", "CAN", 2019): (292587.2, 319735.7), ("HKG", "CHN", 2019): (296093.3, 264650.6),
         ("MEX", "CHN", 2019): (7117.174, 88012.77), ("DEU", "FRA", 2005): (97580.5, 66548.85),
         ("SUN", "FIN", 1990): (2437.82, 3733.08), ("ANT", "VEN", 2000): (241.1749, 1927.694)}


def test_pairs_match_the_raw_csv(con, shared):
    raw = _raw_dots(shared, set(PAIRS))
    assert set(raw) == set(PAIRS)
    for (r, p, y), (x, m) in PAIRS.items():
        assert (_num(raw[r, p, y]["exports_usd_m"]), _num(raw[r, p, y]["imports_usd_m"])) == (x, m)
        got = con.execute("SELECT exports_usd_m, imports_usd_m, export_share, world_exports_usd_m FROM trade_facts "
                          "WHERE dataset = 'dots' AND reporter = ? AND partner = ? AND year = ?", [r, p, y]).fetchall()
        assert len(got) == 1 and got[0][:2] == (x, m)
        assert got[0][2] == pytest.approx(100 * x / got[0][3], abs=0.005)
    est = con.execute("SELECT exports_estimated, imports_estimated FROM trade_facts WHERE dataset = 'dots' "
                      "AND reporter = 'SUN' AND partner = 'FIN' AND year = 1990").fetchall()
    assert est == [(True, True)]  # "XM" in the raw file


def test_a_sample_of_every_row_kind_matches_the_raw_csv(con, shared):
    raw = _raw_dots(shared, every=997)
    assert len(raw) > 800
    keys = [list(k) for k in raw]
    got = con.execute("""SELECT reporter, partner, year, exports_usd_m, imports_usd_m, exports_estimated, imports_estimated
        FROM trade_facts t JOIN (SELECT unnest(?::VARCHAR[][]) AS k) ON t.reporter = k[1] AND t.partner = k[2]
        AND t.year = k[3]::INTEGER WHERE dataset = 'dots'""", [keys]).fetchall()
    assert len(got) == len(raw)
    for r, p, y, x, m, ex, em in got:
        row = raw[r, p, y]
        # kept to 1e-9 US$ m (a tenth of a cent); the few raw values with more places are rounded there
        for stored, text in ((x, row["exports_usd_m"]), (m, row["imports_usd_m"])):
            assert stored == (None if not text else pytest.approx(float(text), abs=5.01e-10, rel=0))
        flags = row["estimated"]
        assert ex == (None if x is None else "X" in flags) and em == (None if m is None else "M" in flags)


def test_shares_totals_and_ranks_are_consistent_everywhere(con):
    bad = con.execute("""SELECT
        count(*) FILTER (WHERE abs(trade_share - 100 * trade_usd_m / world_trade_usd_m) > 0.005),
        count(*) FILTER (WHERE abs(export_share - 100 * exports_usd_m / world_exports_usd_m) > 0.005),
        count(*) FILTER (WHERE partner = 'WLD' AND coalesce(trade_share, export_share, trade_rank) IS NOT NULL)
        FROM trade_facts WHERE dataset = 'dots'""").fetchall()[0]
    assert bad == (0, 0, 0)
    # rank 1 is the largest partner of every reporter-year, and ranks follow the values
    wrong = con.execute("""SELECT count(*) FROM (
        SELECT trade_rank, rank() OVER (PARTITION BY reporter, year ORDER BY trade_usd_m DESC) AS r
        FROM trade_facts WHERE dataset = 'dots' AND trade_rank IS NOT NULL) WHERE r <> trade_rank""").fetchall()[0][0]
    assert wrong == 0


def test_factbook_lists_match_the_raw_csv(con, shared):
    with open(shared / B.FACTBOOK_CSV, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["reporter_iso3"] in ("KOR", "BRA") and r["year"] == "2014"]
    assert len(rows) >= 18
    for r in rows:
        flow = "export_share" if r["flow"] == "exports" else "import_share"
        got = T.official_value(con, r["reporter_iso3"], r["partner_iso3"], flow, 2014)
        fb = got[got.dataset == "factbook"]
        assert len(fb) == 1 and fb.iloc[0].value == float(r["share_pct"]) and fb.iloc[0].source == T.SOURCE_FACTBOOK
        assert str(fb.iloc[0].as_of.date()) == r["as_of"]
        assert bool(fb.iloc[0].estimated) == ("est." in r["source_text"])
    assert T.top_partners(con, "KOR", "export_share", 2014, dataset="factbook").iloc[0].partner == "CHN"


def test_coverage_has_official_shares_for_at_least_200_reporters(con):
    cov = T.coverage(con).set_index("dataset")
    assert cov.loc["dots", "reporters"] == 214 and cov.loc["dots", "latest_year"] == 2020
    assert cov.loc["dots", "reporters_latest_year"] == 210
    assert cov.loc["factbook", "latest_year"] == 2023
    assert len(T.reporters(con)) >= 200
    assert T.latest_years(con, "KOR") == {T.SOURCE_FACTBOOK: 2023, T.SOURCE_DOTS: 2020}


def test_former_states_years_agree_with_dots(con):
    years = dict(con.execute("SELECT reporter, list(DISTINCT year ORDER BY year) FROM trade_facts WHERE dataset = 'dots'"
                             " AND partner = 'WLD' GROUP BY reporter").fetchall())
    for former, successor, first, last in C.former_states():
        reported = [y for y in years.get(former, []) if first <= y <= last]
        assert reported and not [y for y in years.get(successor, []) if first <= y <= last], (former, successor)
    assert C.official_code("RUS", 1991) == "SUN" and C.official_code("RUS", 1992) == "RUS"


# --- lookups -------------------------------------------------------------------------------------------
def test_lines_and_mirror_say_whose_record_each_value_is(con):
    lines = T.share_lines(con, "KOR", ["CHN", "USA"], "trade_share", start=2015, end=2020)
    assert set(lines.partner) == {"CHN", "USA"} and set(lines.year) == set(range(2015, 2021))
    assert not lines.duplicated(["partner", "year", "dataset", "source"]).any()
    m = T.mirror(con, "USA", "CAN", 2019, 2019)
    usa_to_can = m[(m.exporter == "USA") & (m.importer == "CAN")].set_index("record_of")
    assert usa_to_can.loc["USA", "value_usd_m"] == 292587.2 and usa_to_can.loc["USA", "flow"] == "exports"
    assert usa_to_can.loc["CAN", "value_usd_m"] == 243293.1 and usa_to_can.loc["CAN", "flow"] == "imports"
    wide = T.mirror_table(m)
    assert len(wide) == 2 and wide.ratio.between(0.5, 1.5).all()


def test_lookups_reject_unknown_indicators_and_take_hostile_text_as_a_value(con):
    with pytest.raises(ValueError):
        T.top_partners(con, "KOR", "trade_share; DROP TABLE trade_facts")
    assert T.top_partners(con, "KOR' OR '1'='1").empty
    assert con.execute("SELECT count(*) FROM trade_facts").fetchall()[0][0] > 800_000


# --- reported vs official ----------------------------------------------------------------------------
def fig(**kw):
    base = {"source": "KOR", "target": "CHN", "indicator": "trade_share", "value": 24.0, "unit": "percent",
            "period": "2020", "published": "2021-02-01", "product": None}
    return {**base, **kw}


def test_official_key_picks_year_unit_and_refuses_products():
    key, _ = C.official_key(fig())
    assert (key.reporter, key.partner, key.year, key.basis, key.reported) == ("KOR", "CHN", 2020, "period", 24.0)
    key, _ = C.official_key(fig(period=None, published="2025-12-30"))
    assert (key.year, key.basis) == (2024, "published - 1")
    key, _ = C.official_key(fig(indicator="export_value", value=1.3e11, unit="USD"))
    assert key.reported == 130000.0  # US$ m
    assert C.official_key(fig(product="tea"))[0] is None
    assert "one product" in C.official_key(fig(product="crude oil"))[1]
    assert "US$" in C.official_key(fig(indicator="export_value", value=5e9, unit="JPY"))[1]
    assert C.official_key(fig(unit="USD"))[0] is None          # a share must be in percent
    assert C.official_key(fig(period="1986/87"))[0] is None     # a season spans two years
    assert C.official_key(fig(period="2019-05"))[0].basis == "period (part of the year)"
    assert C.official_key(fig(indicator="export_value", unit="USD", value=1e9, period="2019-05"))[0] is None
    assert C.official_key(fig(period=None, published=None))[0] is None
    assert C.official_key(fig(source="RUS", target="FIN", period="1990"))[0].reporter == "SUN"


def test_judge_thresholds():
    assert not C.judge("trade_share", 27.5, 24.6).flagged          # 2.9 pp
    assert not C.judge("trade_share", 3.0, 1.0).flagged            # three times the share, but 2 pp
    assert C.judge("trade_share", 8.0, 4.0).flagged                # 4 pp and 100%
    assert C.judge("trade_share", 40.0, 24.6).flagged              # 15.4 pp and 63%
    assert not C.judge("trade_share", 30.0, 24.6).flagged          # 5.4 pp but 22%
    assert C.judge("export_value", 300.0, 100.0).flagged and not C.judge("export_value", 190.0, 100.0).flagged
    assert C.judge("export_value", 40.0, 100.0).flagged and not C.judge("export_value", 60.0, 100.0).flagged
    assert C.judge("trade_balance", 10.0, -10.0).flagged
    assert not C.judge("trade_partner_rank", 1, 2).flagged and C.judge("trade_partner_rank", 1, 3).flagged
    assert not C.judge("export_partner_rank", 2, 4).flagged and C.judge("export_partner_rank", 2, 5).flagged
    assert not C.judge("import_partner_rank", 8, 12).flagged and C.judge("import_partner_rank", 5, 11).flagged
    v = C.judge("trade_share", 20.0, 25.0)
    assert v.gap == -5.0 and v.relative == -0.2


def test_compare_figures_is_one_row_per_figure_in_order(con):
    figs = [fig(value=24.0), fig(value=40.0, record_id="r2"), fig(product="tea"),
            fig(period=None, published="2025-12-30"), fig(indicator="export_value", unit="USD", value=1.3e11),
            fig(indicator="export_partner_rank", unit="rank", value=3, period=None, published="2021-06-01")]
    out = C.compare_figures(con, figs)
    assert list(out.figure) == list(range(len(figs)))
    assert out.official[0] == 24.63 and not out.flagged[0] and out.official_source[0] == T.SOURCE_DOTS
    assert out.flagged[1] and out.record_id[1] == "r2"
    assert math.isnan(out.official[2]) and "one product" in out.note[2]
    assert math.isnan(out.official[3]) and out.last_official_year[3] == 2020 and "2024" in out.note[3]
    assert out.official[4] == 132579.6 and out.unit[4] == "US$ m"
    assert out.official[5] == 1 and out.flagged[5]      # KOR's top export market in 2020 is CHN, not 3rd
    for r in out.dropna(subset=["official"]).itertuples():
        assert r.flagged == C.judge(r.indicator, r.reported, r.official).flagged


def test_compare_figures_scales_to_thousands_in_one_call(con):
    partners = ["CHN", "USA", "JPN", "VNM", "DEU", "XKX"]
    figs = [fig(target=partners[i % 6], value=float(i % 40), period=str(1990 + i % 35)) for i in range(5000)]
    out = C.compare_figures(con, figs)
    assert len(out) == 5000 and out.official.notna().sum() > 3000


# --- user imports ---------------------------------------------------------------------------------------
GOOD = "KOR,WLD,2020,600000,500000,USD million,Test Customs\nKOR,CHN,2020,150000,100000,USD million,Test Customs\n"


def _csv(tmp_path: Path, body: str, name: str = "test_customs.csv") -> Path:
    p = tmp_path / name
    p.write_text("reporter,partner,year,exports,imports,unit,source\n" + body, encoding="utf-8")
    return p


def test_bad_rows_are_reported_by_line_and_nothing_else_is_lost(tmp_path):
    body = (GOOD + "KOR,ZZZ,2020,1,1,USD million,Test Customs\n"           # line 4: unknown code
            "KOR,USA,2020,-3,1,USD million,Test Customs\n"                 # line 5: negative
            "KOR,USA,1800,1,1,USD million,Test Customs\n"                  # line 6: year
            "KOR,USA,2020,1,1,EUR million,Test Customs\n"                  # line 7: unit
            "KOR,JPN,2020,25000,45000,USD million,Test Customs\n"          # line 8: good
            "KOR,JPN,2020,25000,45000,USD million,Test Customs\n"          # line 9: duplicate of 8
            "KOR,USA,2020,70000000,55000000,USD thousand,\n"               # line 10: good, default source
            "KOR,VNM,2020,1,1\n")                                          # line 11: short row
    store = tmp_path / "store"
    s = import_trade_csv(_csv(tmp_path, body), store, source="Default Office")
    assert s.rows_read == 10 and s.rows_written == 4 and s.rows_read == s.rows_written + len(s.bad_rows)
    assert [b.line for b in s.bad_rows] == [4, 5, 6, 7, 9, 11]
    reasons = " | ".join(b.reason for b in s.bad_rows)
    for word in ("ZZZ", "-3", "1800", "EUR", "line 8", "5 cells, the header has 7"):
        assert word in reasons
    assert s.bad_lines()[0].endswith(":4: " + s.bad_rows[0].reason)
    assert s.sources == {"Test Customs": 3, "Default Office": 1} and s.years == (2020, 2020)
    assert Path(s.output).is_file() and not list(Path(s.output).parent.glob(".*"))
    con = T.connect(store)
    got = con.execute("SELECT partner, exports_usd_m, source FROM trade_facts WHERE dataset = ? ORDER BY partner",
                      [s.dataset]).fetchall()
    assert got == [("CHN", 150000.0, "Test Customs"), ("JPN", 25000.0, "Test Customs"),
                   ("USA", 70000.0, "Default Office"), ("WLD", 600000.0, "Test Customs")]
    chn = T.official_value(con, "KOR", "CHN", "trade_share", 2020)
    assert chn.iloc[0].dataset == s.dataset and round(chn.iloc[0].value, 2) == round(100 * 250000 / 1100000, 2)


def test_sources_are_never_mixed(tmp_path):
    store = tmp_path / "store"
    import_trade_csv(_csv(tmp_path, GOOD + "KOR,WLD,2020,610000,505000,USD million,Other Office\n"
                          "KOR,USA,2020,80000,60000,USD million,Other Office\n"), store)
    con = T.connect(store)
    both = T.official_value(con, "KOR", "CHN", "export_value", 2020)
    assert list(both.source) == ["Test Customs", T.SOURCE_DOTS] and list(both.preferred) == [True, False]
    for ds in (None, "dots", "import/test_customs"):
        top = T.top_partners(con, "KOR", "trade_share", 2020, dataset=ds)
        assert top.source.nunique() == 1 and top.dataset.nunique() == 1
    assert T.top_partners(con, "KOR", "trade_share", 2020, dataset="dots").iloc[0].value == pytest.approx(24.63)
    # Other Office's USA share is computed from its own world total, never Test Customs' or the IMF's
    usa = T.official_value(con, "KOR", "USA", "trade_share", 2020).set_index("source")
    assert usa.loc["Other Office", "value"] == round(100 * 140000 / 1115000, 2)
    lines = T.share_lines(con, "KOR", ["CHN"], "export_share", 2019, 2020)
    assert set(lines.source) == {"Test Customs", T.SOURCE_DOTS, T.SOURCE_FACTBOOK}
    assert not lines.duplicated(["year", "dataset", "source"]).any()
    out = C.compare_figures(con, [fig(value=22.0)], all_sources=True)
    assert set(out.official_source) == {"Test Customs", T.SOURCE_DOTS} and out.n_official.eq(2).all()


def test_reimport_replaces_and_an_all_bad_file_writes_nothing(tmp_path):
    store = tmp_path / "store"
    first = import_trade_csv(_csv(tmp_path, GOOD), store)
    again = import_trade_csv(_csv(tmp_path, GOOD), store)
    assert again.replaced and again.output == first.output
    before = Path(first.output).read_bytes()
    s = import_trade_csv(_csv(tmp_path, "KOR,QQQ,2020,1,1,USD,X\n"), store)
    assert s.output is None and s.rows_written == 0 and len(s.bad_rows) == 1
    assert Path(first.output).read_bytes() == before


def test_a_failed_write_leaves_nothing_half_written(tmp_path, monkeypatch):
    store = tmp_path / "store"
    first = import_trade_csv(_csv(tmp_path, GOOD), store)
    before = Path(first.output).read_bytes()

    def torn(table, where, **kw):
        Path(where).write_bytes(b"PAR1 half")
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(T.pq, "write_table", torn)
    with pytest.raises(errors.DyadError) as e:
        import_trade_csv(_csv(tmp_path, GOOD.replace("150000", "1")), store)
    assert e.value.code == "E013"
    folder = Path(first.output).parent
    assert Path(first.output).read_bytes() == before and sorted(p.name for p in folder.iterdir()) == ["test_customs.parquet"]


def test_whole_file_problems_are_one_error(tmp_path):
    with pytest.raises(errors.DyadError, match="no such file"):
        import_trade_csv(tmp_path / "missing.csv", tmp_path)
    p = tmp_path / "bad.csv"
    p.write_text("reporter,partner,year,exports\nKOR,CHN,2020,1\n", encoding="utf-8")
    with pytest.raises(errors.DyadError, match="no imports column"):
        import_trade_csv(p, tmp_path)


def test_the_dots_layout_imports_as_it_is_and_units_scale():
    lines = ["reporter_iso3,partner_iso3,year,exports_usd_m,imports_usd_m,estimated",
             "KOR,CHN,2021,162912.9,138628.1,", "KOR,WLD,2021,644400.4,615093.4,XM"]
    good, bad, read, _ = validate_rows(lines, "x.csv", source="IMF DOTS (newer download)", max_year=2030)
    assert read == 2 and not bad and good[0]["exports_usd_m"] == Decimal("162912.9") and good[1]["imports_estimated"] is True
    assert unit_scale("USD") == Decimal("1e-6") and unit_scale("US Dollars, Millions") == 1
    assert unit_scale("usd bn") == 1000 and unit_scale("USD thousand") == Decimal("0.001")
    assert unit_scale("EUR") is None and unit_scale("USD million billion") is None


def test_the_build_command_says_what_is_missing(tmp_path, capsys):
    assert B.main(["--shared", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "imf_dots_annual.csv.gz not found" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
