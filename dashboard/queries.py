"""The dashboard's one query layer: DuckDB over a store snapshot's Parquet files -> small DataFrames.

`connect(snapshot)` loads one snapshot into an in-memory DuckDB (plus a pre-aggregated daily count
table, so maps and counts never scan the records); every other function is a parameterised query
on that connection. User values only ever travel as bound parameters, never inside the SQL text.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.urlstate import GRANULARITIES, ViewState
from pipeline import errors
from pipeline.exports import csv_safe
from pipeline.schema import COOPERATION_SIGN, QUAD_CLASS, parquet_list, sql_ddl

log = logging.getLogger("dyad.dashboard")

# Columns the dashboard reads of the articles table (the text is never shown); the other tables are read whole.
_ARTICLE_FIELDS = ("article_id", "title", "url", "source", "published")
# The article text is never shown by the dashboard; leaving it out keeps the in-memory copy small.
_ARTICLE_COLUMNS = "article_id, title, url, source, CAST(published AS DATE) AS published"

# Fixed SQL fragments chosen by validated enum values (never by user text).
_TRUNC = {g: f"CAST(date_trunc('{g}', day) AS DATE)" for g in GRANULARITIES}
RECORDS_PAGE_LIMIT = 1000      # rows shown in the explorer table; the CSV has them all
CSV_MAX_ROWS = 200_000         # a download larger than this is cut, and says so


def _attach(con: duckdb.DuckDBPyConnection, table: str, files: Sequence[Path], select: str = "*",
            columns: tuple[str, ...] | None = None) -> list[str]:
    """A view over the snapshot's Parquet parts (only the columns a query uses are read); returns one
    line per listed part that is missing from disk (the view then reads the others)."""
    present = [str(p) for p in files if Path(p).exists()]
    missing = [f"part {Path(p).parent.name}/{Path(p).name} is missing" for p in files if not Path(p).exists()]
    if not present:
        con.execute(sql_ddl(table, columns))
    else:
        # Views take no bound parameters; these are file paths from the store's own manifest, not user input.
        con.execute(f"CREATE VIEW {table} AS SELECT {select} FROM read_parquet({parquet_list(present)}, "
                    "union_by_name = true)")
    return missing


def connect(snapshot, in_memory: bool = True) -> duckdb.DuckDBPyConnection:
    """An in-memory database over one snapshot, with the `daily_q` count table pre-aggregated.

    `daily_q` has one row per (unit, source, target, event_type, status, day) where unit is `events`
    (de-duplicated, pipeline/dedupe.py) or `reports` (event records); day is the event date, falling
    back to the publication date when the text gave none; quad_class and sign come from the schema.
    With in_memory=False the records stay in Parquet until `materialize(con)` copies them in
    (the dashboard does that in the background so the map shows first)."""
    con = duckdb.connect(":memory:")
    con.execute("SET enable_progress_bar = false")
    missing = _attach(con, "records", snapshot.records) + _attach(con, "events", snapshot.events) \
        + _attach(con, "articles", snapshot.articles, _ARTICLE_COLUMNS, _ARTICLE_FIELDS)
    con.execute("CREATE TABLE store_problems (problem VARCHAR)")
    if missing:
        # As the store's own reads do (E014), say what is wrong, once per snapshot, and keep serving the rest.
        root = Path(snapshot.records[0] if snapshot.records else snapshot.articles[0]).parents[1]
        problems = [str(errors.store_corrupt(str(root), m)) for m in missing]
        for line in problems:
            log.warning(line)
        con.executemany("INSERT INTO store_problems VALUES (?)", [(p,) for p in problems])
    con.execute("CREATE TABLE plover (event_type VARCHAR, quad_class VARCHAR, sign INTEGER)")
    con.executemany("INSERT INTO plover VALUES (?, ?, ?)",
                    [(t, QUAD_CLASS[t], COOPERATION_SIGN[t]) for t in QUAD_CLASS])
    con.execute("""
        CREATE TABLE daily_q AS
        WITH d AS (
            SELECT 'events' AS unit, source, target, event_type, status,
                   CAST(coalesce(date_start, first_published) AS DATE) AS day, count(*)::BIGINT AS n
            FROM events WHERE source IS NOT NULL AND target IS NOT NULL GROUP BY ALL
            UNION ALL
            SELECT 'reports', source, target, event_type, status,
                   CAST(coalesce(date_start, published) AS DATE), count(*)::BIGINT
            FROM records WHERE kind = 'event' AND source IS NOT NULL AND target IS NOT NULL GROUP BY ALL)
        SELECT d.*, p.quad_class, p.sign FROM d LEFT JOIN plover p USING (event_type)""")
    con.execute("""CREATE TABLE present AS SELECT DISTINCT c FROM (
        SELECT source AS c FROM daily_q UNION SELECT target FROM daily_q
        UNION SELECT source FROM records WHERE kind = 'figure' UNION SELECT target FROM records WHERE kind = 'figure')
        WHERE c IS NOT NULL""")
    con.execute("""CREATE TABLE counts AS SELECT
        (SELECT count(*) FROM articles) AS articles,
        (SELECT count(*) FILTER (WHERE kind = 'event') FROM records) AS event_records,
        (SELECT count(*) FILTER (WHERE kind = 'figure') FROM records) AS figure_records,
        (SELECT count(*) FROM events) AS events,
        (SELECT min(day) FROM daily_q) AS first_day, (SELECT max(day) FROM daily_q) AS last_day""")
    if in_memory:
        materialize(con)
    return con


def materialize(con: duckdb.DuckDBPyConnection) -> None:
    """Copy the Parquet-backed views into memory and swap them in, so the explorer and pair view
    filter in memory instead of re-reading Parquet. Safe while other cursors query; a database closed
    meanwhile (its version evicted from the cache) just ends the copy."""
    try:
        _materialize(con.cursor())
    except duckdb.Error as err:
        log.info("stopped copying a snapshot into memory: %s", str(err)[:120])


def _materialize(cur: duckdb.DuckDBPyConnection) -> None:
    views = {r[0] for r in cur.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    for table in ("events", "articles", "records"):
        if table not in views:
            continue
        cur.execute(f"CREATE TABLE {table}__mem AS SELECT * FROM {table}")
        cur.execute("BEGIN TRANSACTION")
        cur.execute(f"DROP VIEW {table}")
        cur.execute(f"ALTER TABLE {table}__mem RENAME TO {table}")
        cur.execute("COMMIT")


# --- filters -> WHERE fragments + parameters ---------------------------------------------------
def _where(state: ViewState, *, day: str, pair: bool = False, country: bool = True,
           types: bool = True, statuses: bool = True, dates: bool = True, t: str = "") -> tuple[str, list]:
    """AND-joined conditions built from fixed text (`t` is a table alias prefix such as "r.");
    every user value goes into `params`."""
    conds: list[str] = []
    params: list = []
    if country and state.country:
        conds.append(f"({t}source = ? OR {t}target = ?)")
        params += [state.country, state.country]
    if pair and state.pair:
        a, b = state.pair
        conds.append(f"(({t}source = ? AND {t}target = ?) OR ({t}source = ? AND {t}target = ?))")
        params += [a, b, b, a]
    if types and state.types:
        conds.append(f"list_contains(?::VARCHAR[], {t}event_type)")
        params.append(list(state.types))
    if statuses and state.statuses:
        conds.append(f"list_contains(?::VARCHAR[], {t}status)")
        params.append(list(state.statuses))
    if dates and state.start:
        conds.append(f"{day} >= ?")
        params.append(state.start)
    if dates and state.end:
        conds.append(f"{day} <= ?")
        params.append(state.end)
    return (" AND ".join(conds) or "TRUE"), params


def _df(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> pd.DataFrame:
    df = con.execute(sql, params).df()
    if "url" in df.columns:
        df["url"] = df["url"].map(safe_url)
    return df


def safe_url(url):
    """Only http(s) links are offered as links; a `javascript:` or `data:` URL from an article is
    dropped so no table cell can run code when clicked."""
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def problems(con: duckdb.DuckDBPyConnection) -> list[str]:
    """What is wrong with the served snapshot (parts listed but missing), one line each."""
    return [r[0] for r in con.execute("SELECT problem FROM store_problems").fetchall()]


# --- summary -------------------------------------------------------------------------------------
def summary(con: duckdb.DuckDBPyConnection) -> dict:
    """How much is in the snapshot: articles, event/figure records, events, and the date span."""
    cur = con.execute("SELECT * FROM counts")
    names = [d[0] for d in cur.description]
    return dict(zip(names, cur.fetchone(), strict=True))


def countries_present(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every country that appears as actor, recipient, reporter or partner."""
    rows = con.execute("SELECT c FROM present ORDER BY c").fetchall()
    return [r[0] for r in rows]


# --- map -------------------------------------------------------------------------------------------
def country_totals(con: duckdb.DuckDBPyConnection, state: ViewState) -> pd.DataFrame:
    """Per country: interactions it takes part in (as either side), cooperative, conflictual, net.
    With a focus country, its partners' counts with it (the focus itself is left out)."""
    where, params = _where(state, day="day")
    sql = f"""
        WITH f AS (SELECT source, target, n, sign FROM daily_q WHERE unit = ? AND {where}),
        sides AS (SELECT source AS country, n, sign FROM f UNION ALL SELECT target, n, sign FROM f)
        SELECT country, sum(n)::BIGINT AS n,
               coalesce(sum(n) FILTER (WHERE sign > 0), 0)::BIGINT AS n_coop,
               coalesce(sum(n) FILTER (WHERE sign < 0), 0)::BIGINT AS n_conflict,
               coalesce(sum(n * sign), 0)::BIGINT AS net
        FROM sides WHERE country IS DISTINCT FROM ? GROUP BY country ORDER BY n DESC, country"""
    return _df(con, sql, [state.unit, *params, state.country])


def pair_totals(con: duckdb.DuckDBPyConnection, state: ViewState, limit: int = 50) -> pd.DataFrame:
    """The most active undirected pairs (a < b): counts, cooperative/conflictual split, net."""
    where, params = _where(state, day="day")
    sql = f"""
        SELECT least(source, target) AS a, greatest(source, target) AS b, sum(n)::BIGINT AS n,
               coalesce(sum(n) FILTER (WHERE sign > 0), 0)::BIGINT AS n_coop,
               coalesce(sum(n) FILTER (WHERE sign < 0), 0)::BIGINT AS n_conflict,
               coalesce(sum(n * sign), 0)::BIGINT AS net
        FROM daily_q WHERE unit = ? AND {where}
        GROUP BY a, b ORDER BY n DESC, a, b LIMIT ?"""
    return _df(con, sql, [state.unit, *params, int(limit)])


# --- counts over time -----------------------------------------------------------------------------
def counts_over_time(con: duckdb.DuckDBPyConnection, state: ViewState) -> pd.DataFrame:
    """Counts per period (state.granularity) and PLOVER type; undated rows are left out."""
    where, params = _where(state, day="day")
    sql = f"""
        SELECT {_TRUNC[state.granularity]} AS period, event_type, sum(n)::BIGINT AS n
        FROM daily_q WHERE unit = ? AND day IS NOT NULL AND {where}
        GROUP BY period, event_type ORDER BY period, event_type"""
    return _df(con, sql, [state.unit, *params])


# --- pair view ------------------------------------------------------------------------------------
TIMELINE_LIMIT = 1500   # more points than this make an unreadable timeline and a slow page


def pair_timeline(con: duckdb.DuckDBPyConnection, state: ViewState, limit: int = TIMELINE_LIMIT) -> pd.DataFrame:
    """The pair's interactions placed at their event dates (a planned visit at its planned dates),
    from de-duplicated events or from the records, per state.unit; the latest `limit` of them, in
    date order, with `n_total` saying how many matched."""
    if not state.pair:
        return pd.DataFrame(columns=["id", "source", "target", "event_type", "quad_class", "status", "mode",
                                     "date_start", "date_end", "published", "when", "n_reports", "evidence",
                                     "n_total"])
    if state.unit == "events":
        where, params = _where(state, day="coalesce(date_start, first_published)", pair=True, country=False)
        inner = f"""SELECT event_id AS id, source, target, event_type, quad_class, status, mode, date_start, date_end,
                           first_published AS published, coalesce(date_start, first_published) AS "when",
                           n_reports, evidence
                    FROM events WHERE {where}"""
    else:
        where, params = _where(state, day="coalesce(date_start, published)", pair=True, country=False)
        inner = f"""SELECT record_id AS id, source, target, event_type, quad_class, status, mode, date_start,
                           date_end, published, coalesce(date_start, published) AS "when", 1::BIGINT AS n_reports,
                           evidence
                    FROM records WHERE kind = 'event' AND {where}"""
    sql = f"""SELECT * FROM (SELECT *, count(*) OVER () AS n_total FROM ({inner})
                             ORDER BY "when" DESC NULLS FIRST, id LIMIT ?)
              ORDER BY "when" NULLS LAST, id"""
    return _df(con, sql, [*params, int(limit)])


def pair_records(con: duckdb.DuckDBPyConnection, state: ViewState, limit: int = 500) -> pd.DataFrame:
    """Every record (events and figures) about the pair, with its evidence sentence and article."""
    if not state.pair:
        return pd.DataFrame()
    where, params = _where(state, day="coalesce(r.date_start, r.published)", pair=True, country=False,
                           types=False, statuses=False, t="r.")
    sql = f"""SELECT r.kind, r.source, r.target, coalesce(r.event_type, r.indicator) AS what, r.status, r.value,
                     r.unit, r.period, r.date_start, r.date_end, r.evidence, a.title, r.published, a.url,
                     r.confidence, r.record_id
              FROM records r LEFT JOIN articles a USING (article_id)
              WHERE {where} ORDER BY r.published DESC NULLS LAST, r.article_id, r.sentence_index LIMIT ?"""
    return _df(con, sql, [*params, int(limit)])


# --- figures / trade shares ----------------------------------------------------------------------
def figure_reporters(con: duckdb.DuckDBPyConnection, indicator: str) -> list[str]:
    """Countries with at least one figure of this indicator, most reported first."""
    rows = con.execute("SELECT source FROM records WHERE kind = 'figure' AND indicator = ? AND source IS NOT NULL "
                       "GROUP BY source ORDER BY count(*) DESC, source", [indicator]).fetchall()
    return [r[0] for r in rows]


def figures(con: duckdb.DuckDBPyConnection, state: ViewState, reporter: str | None,
            indicator: str | None = None, limit: int = 5000) -> pd.DataFrame:
    """Figures reported about a reporter (or about state.pair when reporter is None): every report
    kept, each with its value, period, sentence, article and publication date."""
    conds, params = ["r.kind = 'figure'"], []
    if reporter:
        conds.append("r.source = ?")
        params.append(reporter)
    elif state.pair:
        a, b = state.pair
        conds.append("((r.source = ? AND r.target = ?) OR (r.source = ? AND r.target = ?))")
        params += [a, b, b, a]
    else:
        return pd.DataFrame()
    if indicator:
        conds.append("r.indicator = ?")
        params.append(indicator)
    if state.start:
        conds.append("r.published >= ?")
        params.append(state.start)
    if state.end:
        conds.append("r.published <= ?")
        params.append(state.end)
    sql = f"""SELECT r.source AS reporter, r.target AS partner, r.indicator, r.value, r.unit, r.approximate,
                     r.period, r.published, r.evidence, a.title, a.url, a.source AS outlet, r.record_id
              FROM records r LEFT JOIN articles a USING (article_id)
              WHERE {' AND '.join(conds)}
              ORDER BY r.target, r.published DESC NULLS LAST, r.record_id LIMIT ?"""
    return _df(con, sql, [*params, int(limit)])


def latest_shares(figs: pd.DataFrame) -> pd.DataFrame:
    """One bar per partner: its most recently published value (ties: the higher value), with how many
    reports there are in all and the range they span, so disagreement stays visible."""
    if figs.empty:
        return pd.DataFrame(columns=["partner", "value", "published", "period", "n_reports", "min", "max"])
    ordered = figs.sort_values(["partner", "published", "value"], ascending=[True, False, False],
                               na_position="last")
    latest = ordered.groupby("partner", as_index=False).first()[["partner", "value", "published", "period"]]
    spread = figs.groupby("partner").agg(n_reports=("value", "size"), min=("value", "min"), max=("value", "max"))
    return latest.merge(spread, on="partner").sort_values("value", ascending=False, ignore_index=True)


# --- records explorer -------------------------------------------------------------------------------
def _records_where(state: ViewState) -> tuple[str, list]:
    where, params = _where(state, day="coalesce(r.date_start, r.published)", pair=True, t="r.")
    conds = [where]
    if state.min_conf > 0:
        conds.append("r.confidence >= ?")
        params.append(state.min_conf)
    if state.q:
        # contains() takes the text literally: no LIKE wildcards for a user to smuggle in.
        conds.append("(contains(lower(r.evidence), lower(?)) OR contains(lower(coalesce(a.title, '')), lower(?)))")
        params += [state.q, state.q]
    return " AND ".join(conds), params


_RECORD_COLUMNS = """r.published, r.kind, r.source, r.target, r.event_type, r.status, r.mode, r.indicator, r.value,
    r.unit, r.period, r.date_start, r.date_end, r.evidence, r.confidence, a.title, a.url, r.article_id, r.record_id"""


def records(con: duckdb.DuckDBPyConnection, state: ViewState, limit: int = RECORDS_PAGE_LIMIT) -> pd.DataFrame:
    """Filtered records, newest publication first, with their article's title and link."""
    where, params = _records_where(state)
    sql = f"""SELECT {_RECORD_COLUMNS} FROM records r LEFT JOIN articles a USING (article_id)
              WHERE {where} ORDER BY r.published DESC NULLS LAST, r.record_id LIMIT ?"""
    return _df(con, sql, [*params, int(limit)])


def records_count(con: duckdb.DuckDBPyConnection, state: ViewState) -> int:
    where, params = _records_where(state)
    return int(con.execute(f"SELECT count(*) FROM records r LEFT JOIN articles a USING (article_id) WHERE {where}",
                           params).fetchone()[0])


def csv_bytes(df: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV, formula-safe (pipeline.exports.csv_safe): what every download gives."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(csv_safe)
    return out.to_csv(index=False).encode("utf-8")


def records_csv(con: duckdb.DuckDBPyConnection, state: ViewState, max_rows: int = CSV_MAX_ROWS) -> bytes:
    """The filtered records as UTF-8 CSV (formula-safe: evidence and titles come from untrusted articles)."""
    return csv_bytes(records(con, state, limit=max_rows))


def date_bounds(con: duckdb.DuckDBPyConnection) -> tuple[date | None, date | None]:
    lo, hi = con.execute("SELECT min(day), max(day) FROM daily_q").fetchone()
    return lo, hi
