"""The dashboard's trade queries: official statistics (pipeline/reference/trade.py: the shipped IMF
DOTS and CIA World Factbook tables plus the store's own imports) beside the figures the articles report.

Two databases meet here: the store snapshot's (dashboard/queries.py, records) and one shared
in-memory DuckDB with the official table (`reference`). Reported figures are read from the first,
then matched to official values on the second in one join (pipeline.exports.official_columns).
Every function but `reference` is DataFrame in, DataFrame out, with user values as bound parameters.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.exports import OFFICIAL_FIELDS, official_columns
from pipeline.reference import trade as T

# Indicator -> the trade_facts column holding it (fixed text, chosen only by a validated name).
COLUMN = {"trade_share": "trade_share", "export_share": "export_share", "import_share": "import_share",
          "trade_value": "trade_usd_m", "export_value": "exports_usd_m", "import_value": "imports_usd_m"}
LABEL = {"trade_share": "share of total trade", "export_share": "share of exports", "import_share": "share of imports",
         "trade_value": "total trade (US$ m)", "export_value": "exports (US$ m)", "import_value": "imports (US$ m)"}
BARS = 10            # partners drawn as bars; the page's table and its CSV have every partner
LINES = 5            # partners drawn over the years
OFFICIAL_NAMES = tuple(n for n, _ in OFFICIAL_FIELDS)


# --- the shared connection to the official table ----------------------------------------------------
_lock = threading.Lock()
# store root -> (imports fingerprint, connection, memo of per-table answers such as the coverage)
_held: dict[str, tuple[tuple, duckdb.DuckDBPyConnection, dict]] = {}


def imports_fingerprint(store_root: str | Path) -> tuple:
    """What the store's trade imports are right now (name, size, mtime): a new `trade-import`
    changes it, so the next page run reloads the table. One directory listing, no file reads."""
    folder = T.import_dir(store_root)
    if not folder.is_dir():
        return ()
    out = []
    for p in sorted(folder.glob("*.parquet")):
        if not p.name.startswith("."):
            st = p.stat()
            out.append((p.name, st.st_size, st.st_mtime_ns))
    return tuple(out)


def _entry(store_root: str | Path) -> tuple[tuple, duckdb.DuckDBPyConnection, dict]:
    root = str(Path(store_root).resolve())
    fp = imports_fingerprint(root)
    with _lock:  # sessions arriving together wait for one load instead of each loading the table
        held = _held.get(root)
        if held is None or held[0] != fp:
            _held[root] = (fp, T.connect(root), {})
            if held is not None:
                held[1].close()   # sessions' cursors on it are connections of their own
        return _held[root]


def reference(store_root: str | Path) -> duckdb.DuckDBPyConnection:
    """A cursor on the official trade table for this store (loaded once per process and per set of
    imports, ~1 s; each caller gets its own cursor, as one DuckDB connection must not serve two
    threads at once). Raises DyadError E030 when an import file is damaged."""
    return _entry(store_root)[1].cursor()


def memo(store_root: str | Path, name: str, compute):
    """compute(cursor), once per loaded table: answers that only change with the table (coverage,
    the list of reporters)."""
    _, con, kept = _entry(store_root)
    if name not in kept:
        cur = con.cursor()
        try:
            kept[name] = compute(cur)
        finally:
            cur.close()
    return kept[name]


# --- coverage and the page's choices ----------------------------------------------------------------
def coverage(ref: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """trade.coverage: per dataset, its source, reporters, first and latest official year."""
    return T.coverage(ref)


def coverage_line(cov: pd.DataFrame) -> str:
    """'IMF DOTS 1990-2020 (latest official year 2020); CIA World Factbook 2012-2023 (...)'."""
    parts = [f"{r.source} {r.first_year}–{r.latest_year} (latest official year {r.latest_year})"
             for r in cov.itertuples(index=False)]
    return "; ".join(parts)


def official_reporters(ref: duckdb.DuckDBPyConnection) -> list[str]:
    return T.reporters(ref)


def indicator_years(ref: duckdb.DuckDBPyConnection, reporter: str, indicator: str) -> list[int]:
    """The years in which some dataset has `indicator` for the reporter's partners, newest first."""
    col = COLUMN[indicator]
    rows = ref.execute(f"SELECT DISTINCT year FROM trade_facts WHERE reporter = ? AND partner <> 'WLD' "
                       f"AND {col} IS NOT NULL ORDER BY year DESC", [reporter]).fetchall()
    return [int(r[0]) for r in rows]


def partner_years(ref: duckdb.DuckDBPyConnection, partner: str, indicator: str = "trade_share") -> list[int]:
    """The years in which some reporter has `indicator` with this partner, newest first (the map's years)."""
    col = COLUMN[indicator]
    rows = ref.execute(f"SELECT DISTINCT year FROM trade_facts WHERE partner = ? AND reporter <> partner "
                       f"AND {col} IS NOT NULL ORDER BY year DESC", [partner]).fetchall()
    return [int(r[0]) for r in rows]


def latest_years(ref: duckdb.DuckDBPyConnection, reporter: str) -> dict[str, int]:
    """The latest year with any official share for the reporter, per source."""
    return T.latest_years(ref, reporter)


def latest_by_source(ref: duckdb.DuckDBPyConnection, reporter: str, indicator: str) -> dict[str, int]:
    """The latest official year of this indicator for the reporter, per source."""
    col = COLUMN[indicator]
    rows = ref.execute(f"SELECT source, max(year) FROM trade_facts WHERE reporter = ? AND partner <> 'WLD' "
                       f"AND {col} IS NOT NULL GROUP BY source ORDER BY source", [reporter]).fetchall()
    return {s: int(y) for s, y in rows}


# --- reported figures from the store ----------------------------------------------------------------
# What the store keeps about a figure beyond its value (pipeline/schema.py TABLE_COLUMNS). A store
# written before a column existed reads it as null rather than failing.
KEPT = ("product", "scale", "qualifier", "language", "trigger")
FIGURE_COLUMNS = ["record_id", "reporter", "partner", "indicator", "value", "unit", "approximate", "qualifier",
                  "scale", "product", "period", "published", "language", "evidence", "title", "url", "outlet",
                  "article_id"]


def record_columns(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {d[0] for d in con.execute("SELECT * FROM records LIMIT 0").description}


def _kept(con: duckdb.DuckDBPyConnection, alias: str = "r.") -> str:
    have = record_columns(con)
    return ", ".join(f"{alias}{c}" if c in have else f"NULL::VARCHAR AS {c}" for c in KEPT)


def _safe_url(url):
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def figures(con: duckdb.DuckDBPyConnection, reporter: str | None = None, pair: tuple[str, str] | None = None,
            start=None, end=None, limit: int = 5000) -> pd.DataFrame:
    """Figure records about a reporter (its own trade: `source` = reporter), or about a pair (either
    way round), newest first, each with what it is about and its sentence and article."""
    conds, params = ["r.kind = 'figure'"], []
    if reporter:
        conds.append("r.source = ?")
        params.append(reporter)
    elif pair:
        a, b = pair
        conds.append("((r.source = ? AND r.target = ?) OR (r.source = ? AND r.target = ?))")
        params += [a, b, b, a]
    else:
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    if start:
        conds.append("r.published >= ?")
        params.append(start)
    if end:
        conds.append("r.published <= ?")
        params.append(end)
    sql = f"""SELECT r.record_id, r.source AS reporter, r.target AS partner, r.indicator, r.value, r.unit,
                     r.approximate, {_kept(con)}, r.period, r.published, r.evidence, a.title, a.url,
                     a.source AS outlet, r.article_id
              FROM records r LEFT JOIN articles a USING (article_id)
              WHERE {' AND '.join(conds)}
              ORDER BY r.published DESC NULLS LAST, r.target, r.record_id LIMIT ?"""
    df = con.execute(sql, [*params, int(limit)]).df()
    df["url"] = df["url"].map(_safe_url)
    return df[FIGURE_COLUMNS]


def with_official(ref: duckdb.DuckDBPyConnection, figs: pd.DataFrame) -> pd.DataFrame:
    """Figure rows (figures() columns) plus the official value of their own year, its source, the gap
    and the flag (pipeline/reference/comparison.py's rule; one join for all rows), in the figure's unit."""
    out = figs.copy()
    keys = {"record_id": "record_id", "source": "reporter", "target": "partner", "indicator": "indicator",
            "value": "value", "unit": "unit", "period": "period", "published": "published", "product": "product"}
    cols = {k: figs[c].tolist() for k, c in keys.items()}
    rows = [dict(zip(cols, vals, strict=True)) for vals in zip(*cols.values(), strict=True)]
    off = pd.DataFrame(official_columns(ref, rows), columns=list(OFFICIAL_NAMES), index=figs.index)
    for c in OFFICIAL_NAMES:
        out[c] = off[c]
    out["official_year"] = out["official_year"].astype("Int64")
    out["flagged"] = out["flagged"].astype("boolean")
    return out


def enrich_records(con: duckdb.DuckDBPyConnection, ref: duckdb.DuckDBPyConnection | None,
                   rows: pd.DataFrame) -> pd.DataFrame:
    """Records explorer rows (dashboard.queries.records) plus what the store keeps about each record
    (product, scale, qualifier, language, trigger; one join on record_id) and, for figures, the
    official value, year, source, gap and flag (one more join). `ref=None` leaves the official
    columns empty (no official table loaded)."""
    out = rows.copy()
    if rows.empty:
        for c in (*KEPT, *OFFICIAL_NAMES):
            out[c] = pd.Series(dtype=object)
        return out
    ids = pd.DataFrame({"record_id": rows["record_id"].astype(str).unique()})
    cur = con.cursor()
    cur.register("_explorer_ids", ids)
    try:
        extra = cur.execute(f"SELECT r.record_id, {_kept(cur)} FROM records r "
                            "JOIN _explorer_ids i USING (record_id)").df()
    finally:
        cur.unregister("_explorer_ids")
        cur.close()
    extra = extra.drop_duplicates("record_id")
    out = out.merge(extra, on="record_id", how="left")
    is_fig = (out["kind"] == "figure").to_numpy()
    for c in OFFICIAL_NAMES:
        out[c] = pd.Series([None] * len(out), dtype=object)
    if ref is not None and is_fig.any():
        f = out[is_fig].rename(columns={"source": "reporter", "target": "partner"})
        off = with_official(ref, f)
        for c in OFFICIAL_NAMES:
            out.loc[is_fig, c] = off[c].astype(object).to_numpy()
    out["official_year"] = pd.array(out["official_year"].tolist(), dtype="Int64")
    out["flagged"] = pd.array(out["flagged"].tolist(), dtype="boolean")
    # Read left to right: the record, what it is about, then the official value beside it.
    base = list(rows.columns)
    cut = base.index("period") + 1 if "period" in base else len(base)
    order = [*base[:cut], *KEPT, *OFFICIAL_NAMES, *base[cut:]]
    return out[[c for c in dict.fromkeys(order) if c in out.columns]]


# --- the trade shares page ----------------------------------------------------------------------------
@dataclass
class TradeView:
    """What the trade page shows for one reporter, indicator and year (all DataFrames, no Streamlit)."""
    reporter: str
    indicator: str
    year: int | None                          # the official year shown (None: no official data)
    asked_year: int | None                    # the year the link asked for
    partners: pd.DataFrame                    # every partner that year from one dataset (top_partners)
    lines: pd.DataFrame                       # share_lines for the top LINES partners
    figures: pd.DataFrame                     # every reported figure about the reporter, compared
    years: list[int] = field(default_factory=list)
    latest: dict[str, int] = field(default_factory=dict)   # latest official year of the indicator per source
    notes: list[str] = field(default_factory=list)         # what the page must say (fallbacks, no data)

    @property
    def source(self) -> str | None:
        return None if self.partners.empty else str(self.partners["source"].iloc[0])

    @property
    def dataset(self) -> str | None:
        return None if self.partners.empty else str(self.partners["dataset"].iloc[0])


def reported_on_axis(figs: pd.DataFrame, indicator: str) -> pd.Series:
    """Each figure's value in the official unit of `indicator` when it can be drawn on its axes (same
    indicator, total trade, percent for a share, US dollars for a value), else NaN."""
    same = (figs["indicator"] == indicator) & figs["product"].isna()
    if indicator in T.SHARE_INDICATORS:
        ok = same & (figs["unit"].astype(str).str.lower() == "percent")
        return figs["value"].where(ok).astype(float)
    ok = same & (figs["unit"].astype(str).str.upper() == "USD")
    return (figs["value"] / T.USD_PER_OFFICIAL_UNIT).where(ok).astype(float)


def compare_on_chart(figs: pd.DataFrame, partners: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """figs (with_official) plus `on_axis` (reported, official unit), `chart_official` (the partner's
    official value in the year on the chart) and `chart_gap` (reported - that). A reported rank of the
    same flow ("China is Korea's largest trading partner") is set beside the partner's official rank
    that year, though it is not drawn. Pure."""
    out = figs.copy()
    out["on_axis"] = reported_on_axis(figs, indicator)
    if partners.empty:
        out["chart_official"] = float("nan")
    else:
        value = out["partner"].map(dict(zip(partners["partner"], partners["value"], strict=True)))
        rank = out["partner"].map(dict(zip(partners["partner"], partners["rank"], strict=True)))
        same_flow_rank = ((out["indicator"] == indicator.split("_")[0] + "_partner_rank") & out["product"].isna()
                          & (out["unit"].astype(str).str.lower() == "rank"))
        out["chart_official"] = value.where(out["on_axis"].notna(), rank.where(same_flow_rank)).astype(float)
    reported = out["on_axis"].where(out["on_axis"].notna(), out["value"].where(out["chart_official"].notna()))
    out["chart_gap"] = reported.astype(float) - out["chart_official"]
    return out


def trade_view(ref: duckdb.DuckDBPyConnection, figs: pd.DataFrame, reporter: str, indicator: str,
               year: int | None) -> TradeView:
    """Official partners of `reporter` for `indicator` in `year` (the latest year with it when None
    or not available, and a note says so), their lines over the years, and every reported figure
    compared with the official value of its own year and with the one on the chart."""
    if indicator not in COLUMN:
        raise ValueError(f"indicator must be one of {', '.join(COLUMN)}; got {indicator!r}")
    notes: list[str] = []
    years = indicator_years(ref, reporter, indicator)
    use = year
    if not years:
        use = None
    elif year is None or year not in years:
        use = years[0]
        if year is not None:
            notes.append(f"No official {LABEL[indicator]} for {reporter} in {year}; showing {use}, the latest "
                         f"year that has it (official years: {years[-1]}–{years[0]}).")
    if use is None:
        partners = pd.DataFrame(columns=["rank", "partner", "value", "unit", "year", "source", "dataset"])
        lines = pd.DataFrame(columns=["year", "partner", "value", "unit", "source", "dataset"])
    else:
        partners = T.top_partners(ref, reporter, indicator, use, limit=10_000)
        top = partners["partner"].head(LINES).tolist()
        lines = T.share_lines(ref, reporter, top, indicator) if top else partners.iloc[0:0]
    compared = with_official(ref, figs) if not figs.empty else _empty_compared(figs)
    return TradeView(reporter, indicator, use, year, partners, lines,
                     compare_on_chart(compared, partners, indicator), years,
                     latest_by_source(ref, reporter, indicator), notes)


def _empty_compared(figs: pd.DataFrame) -> pd.DataFrame:
    out = figs.copy()
    for c in OFFICIAL_NAMES:
        out[c] = pd.Series(dtype=object)
    return out


def figure_year(row) -> int | None:
    """The year a figure is about, as the comparison rule reads it (official_year), if any."""
    y = row.get("official_year")
    return None if y is None or pd.isna(y) else int(y)


def trade_table(view: TradeView, names: dict[str, str] | None = None) -> pd.DataFrame:
    """The page's table (and CSV): every official partner that year, with the newest reported figure
    for it and the gap, then partners that are only reported."""
    names = names or {}
    cols = ["rank", "partner", "country", "indicator", "year", "official", "unit", "source", "dataset",
            "reported", "reported_published", "reported_period", "gap", "n_reports"]
    drawn = view.figures[view.figures["on_axis"].notna()] if not view.figures.empty else view.figures
    newest = (drawn.sort_values("published", ascending=False, na_position="last").groupby("partner").first()
              if not drawn.empty else pd.DataFrame())
    counts = drawn.groupby("partner").size() if not drawn.empty else pd.Series(dtype=int)
    rows = []
    for r in view.partners.itertuples(index=False):
        rows.append({"rank": r.rank, "partner": r.partner, "official": r.value, "unit": r.unit, "source": r.source,
                     "dataset": r.dataset})
    extra = [p for p in (newest.index if not newest.empty else []) if p not in set(view.partners["partner"])]
    rows += [{"partner": p} for p in extra]
    for row in rows:
        p = row["partner"]
        row.update(country=names.get(p, p), indicator=view.indicator, year=view.year)
        if not newest.empty and p in newest.index:
            n = newest.loc[p]
            row.update(reported=n["on_axis"], reported_published=n["published"], reported_period=n["period"],
                       gap=n["chart_gap"], n_reports=int(counts[p]))
    out = pd.DataFrame(rows, columns=cols)
    for c in ("rank", "year", "n_reports"):
        out[c] = out[c].astype("Int64")
    return out


# --- the map: who depends on the focus country ------------------------------------------------------
def dependence(ref: duckdb.DuckDBPyConnection, focus: str, year: int | None = None,
               indicator: str = "trade_share") -> pd.DataFrame:
    """For every reporter, the focus country's share of its trade (per `indicator`): the given year,
    else each reporter's latest, one dataset per reporter by PRECEDENCE. [country, value, year, source, dataset]"""
    if indicator not in T.SHARE_INDICATORS:
        raise ValueError(f"indicator must be a share; got {indicator!r}")
    col = COLUMN[indicator]
    return ref.execute(f"""
        WITH c AS (SELECT reporter AS country, year, priority, source, dataset, {col} AS value FROM trade_facts
                   WHERE partner = ? AND reporter <> ? AND {col} IS NOT NULL AND (?::INTEGER IS NULL OR year = ?)),
        pick AS (SELECT *, row_number() OVER (PARTITION BY country ORDER BY year DESC, priority, source) AS k FROM c)
        SELECT country, value, year, source, dataset FROM pick WHERE k = 1 ORDER BY value DESC, country""",
                       [focus, focus, year, year]).df()


# --- the pair view: trade between the two, as each recorded it -----------------------------------------
def pair_trade(ref: duckdb.DuckDBPyConnection, a: str, b: str) -> pd.DataFrame:
    """trade.mirror: per year and direction, the exporter's record (FOB) and the importer's (CIF)."""
    return T.mirror(ref, a, b)


def mirror_table(flows: pd.DataFrame) -> pd.DataFrame:
    """trade.mirror_table: per year and direction, the exporter's and the importer's record side by side."""
    return T.mirror_table(flows)


def pair_shares(ref: duckdb.DuckDBPyConnection, a: str, b: str) -> pd.DataFrame:
    """Each side's latest official share of its total trade that is with the other (one row each)."""
    return ref.execute("""
        WITH c AS (SELECT reporter, partner, year, trade_share, source, dataset,
                          row_number() OVER (PARTITION BY reporter ORDER BY year DESC, priority, source) AS k
                   FROM trade_facts WHERE ((reporter = ? AND partner = ?) OR (reporter = ? AND partner = ?))
                     AND trade_share IS NOT NULL)
        SELECT reporter, partner, year, trade_share, source, dataset FROM c WHERE k = 1 ORDER BY reporter""",
                       [a, b, b, a]).df()
