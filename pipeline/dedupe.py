"""De-duplication: many reports of one event (one directed dyad, one PLOVER type, near dates)
become one event with its sources. Plain SQL in DuckDB over the records parts, so it scales to millions.

The rule (docs/store.md): records of kind `event` are grouped by (source, target, event_type,
negated); the group is ordered by event date (date_start, else the article's publication date) and
a new event starts whenever a report's date falls more than WINDOW_DAYS after the latest end date
(date_end, else its start) seen so far in the group. Undated reports stay events of their own.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline.schema import arrow_schema, parquet_list

WINDOW_DAYS = 3
# What reading a listed part that is gone or torn raises (the store turns it into E014).
UNREADABLE = (duckdb.IOException, duckdb.InvalidInputException)

_EVENTS_SQL = """
WITH r AS (
    SELECT record_id, article_id, source, target, event_type, quad_class, mode, status,
           date_start, date_end, published, evidence, confidence,
           coalesce(date_start, published) AS d0,
           -- an end before the start (a bad extraction) is read as the start: d1 >= d0 always
           CASE WHEN date_end >= coalesce(date_start, published) THEN date_end
                ELSE coalesce(date_start, published) END AS d1,
           coalesce(status = 'negated', false) AS negated
    FROM read_parquet({records}, union_by_name = true)
    WHERE kind = 'event' AND source IS NOT NULL AND target IS NOT NULL AND event_type IS NOT NULL
),
j AS (
    SELECT r.*, coalesce(a.outlet, r.article_id) AS outlet FROM r LEFT JOIN ({articles}) a USING (article_id)
),
w AS (
    -- Both passes (here and in c) order the rows the same total way, record_id breaking ties of d0:
    -- with ties left to the engine, each pass could order them differently, and a report dated the
    -- same day as a new event's first report could be counted into the event before it.
    SELECT *, max(d1) OVER (PARTITION BY source, target, event_type, negated
                            ORDER BY d0 NULLS LAST, record_id
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
    FROM j
),
c AS (
    SELECT *, sum(CASE WHEN d0 IS NULL OR prev_end IS NULL OR d0 - prev_end > {window} THEN 1 ELSE 0 END)
                  OVER (PARTITION BY source, target, event_type, negated
                        ORDER BY d0 NULLS LAST, record_id ROWS UNBOUNDED PRECEDING) AS cluster
    FROM w
),
k AS (
    -- Each report's rank within its event by (publication date, record_id): the earliest gives the
    -- evidence and the id, the latest the status. One window sort, instead of one per ordered aggregate.
    SELECT *, row_number() OVER (PARTITION BY source, target, event_type, negated, cluster
                                 ORDER BY published NULLS LAST, record_id) AS rank
    FROM c
),
g AS (
    SELECT source, target, event_type, negated,
           any_value(quad_class) AS quad_class,
           arg_min(record_id, rank) AS first_record,
           arg_min(mode, rank) AS mode,          -- arg_min skips NULL modes: the first report that names one
           arg_max(status, rank) AS status,
           arg_min(evidence, rank) AS evidence,
           min(d0) AS date_start, max(d1) AS date_end, min(published) AS first_published,
           count(*) AS n_reports, count(DISTINCT article_id) AS n_articles,
           count(DISTINCT outlet) AS n_sources, list_sort(list(DISTINCT outlet)) AS sources,
           list_transform(list_sort(list({{'k': rank, 'r': record_id}})), lambda x: x.r) AS record_ids,
           max(confidence) AS confidence
    FROM k
    GROUP BY source, target, event_type, negated, cluster
)
SELECT
    substr(md5(concat_ws('|', source, target, event_type, negated::VARCHAR, first_record)), 1, 20) AS event_id,
    source, target, event_type, quad_class, mode, status, date_start, date_end, first_published,
    n_reports, n_articles, n_sources, sources, record_ids, evidence, confidence
FROM g
ORDER BY date_start NULLS LAST, event_id
"""

# The outlet of an article: its `source` field, else the host of its URL, else the article itself.
_OUTLETS_SQL = """
SELECT article_id,
       any_value(coalesce(nullif(source, ''),
                          nullif(regexp_extract(url, '^[A-Za-z]+://(?:www\\.)?([^/:?#]+)', 1), ''))) AS outlet
FROM read_parquet({articles}, union_by_name = true) GROUP BY article_id
"""


def build_events(records_parts: Sequence[Path | str], articles_parts: Sequence[Path | str] = (),
                 window_days: int = WINDOW_DAYS, threads: int | None = None) -> pa.Table:
    """All events of the given record parts, as a table in the events schema (pure: reads only)."""
    if not records_parts:
        return arrow_schema("events").empty_table()
    articles = (_OUTLETS_SQL.format(articles=parquet_list(articles_parts)) if articles_parts
                else "SELECT NULL::VARCHAR AS article_id, NULL::VARCHAR AS outlet WHERE false")
    sql = _EVENTS_SQL.format(records=parquet_list(records_parts), articles=articles, window=int(window_days))
    con = duckdb.connect()
    try:
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        table = con.sql(sql).to_arrow_table()
    finally:
        con.close()
    return table.cast(arrow_schema("events"))
