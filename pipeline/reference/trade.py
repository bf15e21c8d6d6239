"""Official bilateral trade statistics: the shipped tables (IMF DOTS, CIA World Factbook) plus user
imports, loaded into DuckDB, and the lookups the dashboard uses (the "reported vs official" rule is
in comparison.py).

Every row carries its `source` (who published it) and `dataset` (which table it came from); views
that show one number per pair and year take it from one dataset by a fixed precedence (`PRECEDENCE`),
never a blend. User values reach SQL only as bound parameters; column choices come from fixed maps.
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import errors
from pipeline.reference import DATA_DIR

SOURCE_DOTS = "IMF DOTS"
SOURCE_FACTBOOK = "CIA World Factbook"
DOTS_FILE = "trade_dots.parquet"
FACTBOOK_FILE = "trade_factbook.parquet"
IMPORT_SUBDIR = Path("reference") / "trade"   # under a store root: user imports, one file per dataset
WORLD = "WLD"
USD_PER_OFFICIAL_UNIT = 1e6  # official values are in US$ millions; a figure record's value is in US dollars
SHARE_DECIMALS = 2   # shares in percent to 0.01 pp (the Factbook prints at most 0.1)
ROW_GROUP = 131_072  # fixed, so the file layout never depends on the writer's defaults

PRECEDENCE = (
    "Where several datasets give the same reporter, partner, year and indicator, a view that shows one "
    "number takes it from the first of: user imports (the most recently imported first), then IMF DOTS, "
    "then the CIA World Factbook (within one import, sources in name order). Lists (top partners) take "
    "every row from that one dataset and source. Lines, "
    "official_value() and mirror() show every dataset, each row with its source."
)

# --- table schemas ----------------------------------------------------------------------------
# Stored: the flows as decimals to 1e-9 US$ m (a tenth of a cent: DOTS gives 7 significant digits, and
# only 0.24% of its values, all under US$ 1,000, have more places), shares to 0.01 pp, and ranks.
# Total trade and the world totals are not stored (a sum, and a join to the WLD row, made on load by
# _complete_sql): leaving them out keeps the shipped table under 10 MB.
_S, _F, _I, _B = pa.string(), pa.float64(), pa.int16(), pa.bool_()
USD = pa.decimal128(18, 9)
SHARE = pa.decimal128(5, SHARE_DECIMALS)
RAW_SCHEMA = pa.schema([
    ("reporter", _S), ("partner", _S), ("year", _I), ("exports_usd_m", USD), ("imports_usd_m", USD),
    ("exports_estimated", _B), ("imports_estimated", _B), ("source", _S),
])
VALUES_SCHEMA = pa.schema([
    ("reporter", _S), ("partner", _S), ("year", _I), ("exports_usd_m", USD), ("imports_usd_m", USD),
    ("export_share", SHARE), ("import_share", SHARE), ("trade_share", SHARE),
    ("export_rank", _I), ("import_rank", _I), ("trade_rank", _I),
    ("exports_estimated", _B), ("imports_estimated", _B), ("source", _S),
])
FACTBOOK_SCHEMA = pa.schema([
    ("reporter", _S), ("partner", _S), ("year", _I), ("flow", _S), ("share_pct", _F),
    ("rank", _I), ("list_size", _I), ("estimated", _B), ("as_of", pa.date32()), ("source", _S),
])

# World totals from the WLD row, and total trade. A partner row's missing flow counts as 0 only when
# the reporter did report that flow's world total that year: DOTS leaves a cell empty when nothing was
# recorded, but an empty world total means the reporter gave no figures for that flow at all, so a
# total with it would be wrong, not small. `flows` is any relation with the RAW_SCHEMA columns.
def _complete_sql(flows: str, keys: str) -> str:
    return f"""
WITH w AS (
    SELECT {keys}, exports_usd_m AS world_exports_usd_m, imports_usd_m AS world_imports_usd_m
    FROM {flows} WHERE partner = '{WORLD}'),
j AS (
    SELECT r.*, w.world_exports_usd_m, w.world_imports_usd_m,
           w.world_exports_usd_m + w.world_imports_usd_m AS world_trade_usd_m,
           r.partner <> '{WORLD}' AS is_partner
    FROM {flows} r LEFT JOIN w USING ({keys}))
SELECT *, CASE WHEN is_partner THEN
              coalesce(exports_usd_m, CASE WHEN world_exports_usd_m IS NOT NULL THEN 0 END)
            + coalesce(imports_usd_m, CASE WHEN world_imports_usd_m IS NOT NULL THEN 0 END)
          ELSE world_trade_usd_m END AS trade_usd_m
FROM j"""

# Shares of the reporter's world total and ranks among its partners (ties share a rank; only flows
# above zero are ranked; WLD rows carry no share or rank), computed within each source.
_DERIVE_SQL = f"""
WITH t AS ({_complete_sql("raw", "source, reporter, year")})
SELECT reporter, partner, year::SMALLINT AS year, exports_usd_m, imports_usd_m,
       CASE WHEN is_partner AND world_exports_usd_m > 0
            THEN round(100 * exports_usd_m / world_exports_usd_m, {SHARE_DECIMALS})::DECIMAL(5, {SHARE_DECIMALS}) END AS export_share,
       CASE WHEN is_partner AND world_imports_usd_m > 0
            THEN round(100 * imports_usd_m / world_imports_usd_m, {SHARE_DECIMALS})::DECIMAL(5, {SHARE_DECIMALS}) END AS import_share,
       CASE WHEN is_partner AND world_trade_usd_m > 0
            THEN round(100 * trade_usd_m / world_trade_usd_m, {SHARE_DECIMALS})::DECIMAL(5, {SHARE_DECIMALS}) END AS trade_share,
       CASE WHEN is_partner AND exports_usd_m > 0 AND world_exports_usd_m IS NOT NULL THEN rank() OVER (
            PARTITION BY source, reporter, year, is_partner AND exports_usd_m > 0 AND world_exports_usd_m IS NOT NULL
            ORDER BY exports_usd_m DESC) END::SMALLINT AS export_rank,
       CASE WHEN is_partner AND imports_usd_m > 0 AND world_imports_usd_m IS NOT NULL THEN rank() OVER (
            PARTITION BY source, reporter, year, is_partner AND imports_usd_m > 0 AND world_imports_usd_m IS NOT NULL
            ORDER BY imports_usd_m DESC) END::SMALLINT AS import_rank,
       CASE WHEN is_partner AND trade_usd_m > 0 AND world_trade_usd_m IS NOT NULL THEN rank() OVER (
            PARTITION BY source, reporter, year, is_partner AND trade_usd_m > 0 AND world_trade_usd_m IS NOT NULL
            ORDER BY trade_usd_m DESC) END::SMALLINT AS trade_rank,
       exports_estimated, imports_estimated, source
FROM t
ORDER BY source, reporter, partner, year
"""


def derive_values(raw: pa.Table) -> pa.Table:
    """Reporter/partner/year flows (RAW_SCHEMA, exact decimal US$ m) -> VALUES_SCHEMA rows with shares
    and ranks computed within each source (decimal sums, so ties are exact), in a fixed row order.
    Used by the build and by imports."""
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET threads = 1")  # one thread: the same input always gives the same bytes
        con.register("raw", raw.cast(RAW_SCHEMA))
        out = con.sql(_DERIVE_SQL).to_arrow_table()
    finally:
        con.close()
    return out.cast(VALUES_SCHEMA).replace_schema_metadata(None)


_NUMERIC = ("usd", "share", "rank")


def write_parquet(table: pa.Table, path: Path, metadata: dict[str, str], durable: bool = False) -> None:
    """Write with fixed options (the same table always gives the same bytes) to a temp name in the
    same folder, then rename over `path`: a crash leaves the old file or the new one, never half of
    one. durable=True also fsyncs the file and the folder (user imports)."""
    table = table.replace_schema_metadata({k.encode(): v.encode() for k, v in sorted(metadata.items())})
    numeric = [c for c in table.column_names if any(k in c for k in _NUMERIC)]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        # Byte-stream-split numbers compress about a fifth better than plain or dictionary pages here.
        pq.write_table(table, tmp, compression="zstd", compression_level=19, row_group_size=ROW_GROUP,
                       store_decimal_as_integer=True,
                       use_dictionary=[c for c in table.column_names if c not in numeric],
                       column_encoding=dict.fromkeys(numeric, "BYTE_STREAM_SPLIT"), write_statistics=True)
        if durable:
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
        if durable:
            fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


# --- loading: shipped tables + imports -> one DuckDB table ---------------------------------------
# `trade_facts` has one row per dataset, reporter, partner and year, with every indicator as a column;
# the Factbook's two lists (exports, imports) are pivoted onto that shape (values and trade share null).
_FACT_COLUMNS = """dataset, priority, source, reporter, partner, year, exports_usd_m, imports_usd_m, trade_usd_m,
    world_exports_usd_m, world_imports_usd_m, world_trade_usd_m, export_share, import_share, trade_share,
    export_rank, import_rank, trade_rank, exports_estimated, imports_estimated, exports_as_of, imports_as_of"""

_FACTBOOK_PIVOT = """
SELECT dataset, priority, source, reporter, partner, year,
       NULL::DOUBLE, NULL::DOUBLE, NULL::DOUBLE, NULL::DOUBLE, NULL::DOUBLE, NULL::DOUBLE,
       max(share_pct) FILTER (WHERE flow = 'exports'), max(share_pct) FILTER (WHERE flow = 'imports'), NULL::DOUBLE,
       max(rank) FILTER (WHERE flow = 'exports'), max(rank) FILTER (WHERE flow = 'imports'), NULL::SMALLINT,
       bool_or(estimated) FILTER (WHERE flow = 'exports'), bool_or(estimated) FILTER (WHERE flow = 'imports'),
       max(as_of) FILTER (WHERE flow = 'exports'), max(as_of) FILTER (WHERE flow = 'imports')
FROM _factbook GROUP BY dataset, priority, source, reporter, partner, year"""


@dataclass(frozen=True, slots=True)
class Dataset:
    name: str            # "dots", "factbook", or "import/<name>"
    kind: str            # "values" (flows, shares, ranks) or "lists" (Factbook partner shares)
    path: Path
    imported_at: str | None = None


def import_dir(store_root: str | Path) -> Path:
    return Path(store_root) / IMPORT_SUBDIR


def datasets(store_root: str | Path | None = None, data_dir: Path = DATA_DIR) -> list[Dataset]:
    """The tables a connection reads, in precedence order (PRECEDENCE)."""
    imported: list[Dataset] = []
    folder = import_dir(store_root) if store_root is not None else None
    if folder is not None and folder.is_dir():
        for path in sorted(folder.glob("*.parquet")):
            if path.name.startswith("."):
                continue  # a temp file of an import still being written
            meta = _read_meta(path)
            imported.append(Dataset(f"import/{path.stem}", "values", path, meta.get("dyad.imported_at", "")))
    imported.sort(key=lambda d: (d.imported_at or "", d.name), reverse=True)  # newest import first
    return [*imported, Dataset("dots", "values", data_dir / DOTS_FILE),
            Dataset("factbook", "lists", data_dir / FACTBOOK_FILE)]


def _read_meta(path: Path) -> dict[str, str]:
    try:
        raw = pq.ParquetFile(path).schema_arrow.metadata or {}
    except (OSError, pa.ArrowException) as err:
        raise errors.trade_table_damaged(str(path), type(err).__name__) from err
    return {k.decode(): v.decode() for k, v in raw.items()}


def _read(path: Path, schema: pa.Schema) -> pa.Table:
    try:
        table = pq.ParquetFile(path).read(columns=schema.names)  # not read_table: it imports pandas
        return table.cast(schema)
    except (OSError, pa.ArrowException, KeyError) as err:
        raise errors.trade_table_damaged(str(path), type(err).__name__) from err


def attach(con: duckdb.DuckDBPyConnection, store_root: str | Path | None = None,
           data_dir: Path = DATA_DIR) -> list[Dataset]:
    """Load the shipped tables and the store's imports into `con` as `trade_facts` (every indicator
    of every dataset) and `trade_datasets` (name, kind, priority, imported_at, path)."""
    found = datasets(store_root, data_dir)
    values, lists = [], []
    for priority, ds in enumerate(found, start=1):
        schema = VALUES_SCHEMA if ds.kind == "values" else FACTBOOK_SCHEMA
        t = _read(ds.path, schema)
        t = t.append_column("dataset", pa.array([ds.name] * t.num_rows, _S))
        t = t.append_column("priority", pa.array([priority] * t.num_rows, pa.int32()))
        (values if ds.kind == "values" else lists).append(t)
    con.register("_values", pa.concat_tables(values))
    con.register("_factbook", pa.concat_tables(lists))
    try:
        con.execute(f"""CREATE OR REPLACE TABLE trade_facts AS
            WITH v AS ({_complete_sql("_values", "dataset, source, reporter, year")})
            SELECT {_FACT_COLUMNS} FROM (
                SELECT dataset, priority, source, reporter, partner, year,
                       exports_usd_m::DOUBLE AS exports_usd_m, imports_usd_m::DOUBLE AS imports_usd_m,
                       trade_usd_m::DOUBLE AS trade_usd_m, world_exports_usd_m::DOUBLE AS world_exports_usd_m,
                       world_imports_usd_m::DOUBLE AS world_imports_usd_m, world_trade_usd_m::DOUBLE AS world_trade_usd_m,
                       export_share::DOUBLE AS export_share, import_share::DOUBLE AS import_share,
                       trade_share::DOUBLE AS trade_share, export_rank, import_rank, trade_rank,
                       exports_estimated, imports_estimated, NULL::DATE AS exports_as_of, NULL::DATE AS imports_as_of
                FROM v
                UNION ALL {_FACTBOOK_PIVOT})
            ORDER BY reporter, year, partner, priority""")
    finally:
        con.unregister("_values")
        con.unregister("_factbook")
    con.execute("CREATE OR REPLACE TABLE trade_datasets (dataset VARCHAR, kind VARCHAR, priority INTEGER, "
                "imported_at VARCHAR, path VARCHAR)")
    con.executemany("INSERT INTO trade_datasets VALUES (?, ?, ?, ?, ?)",
                    [(d.name, d.kind, i, d.imported_at, str(d.path)) for i, d in enumerate(found, start=1)])
    return found


def connect(store_root: str | Path | None = None, data_dir: Path = DATA_DIR) -> duckdb.DuckDBPyConnection:
    """A new in-memory DuckDB with the trade tables loaded (see attach)."""
    con = duckdb.connect(":memory:")
    con.execute("SET enable_progress_bar = false")
    attach(con, store_root, data_dir)
    return con


# --- indicators -> fixed SQL fragments ---------------------------------------------------------
SHARE_INDICATORS = ("trade_share", "export_share", "import_share")
VALUE_INDICATORS = ("trade_value", "export_value", "import_value", "trade_balance")
RANK_INDICATORS = ("trade_partner_rank", "export_partner_rank", "import_partner_rank")
INDICATORS = SHARE_INDICATORS + VALUE_INDICATORS + RANK_INDICATORS

_VALUE_SQL = {
    "trade_share": "trade_share", "export_share": "export_share", "import_share": "import_share",
    "trade_value": "trade_usd_m", "export_value": "exports_usd_m", "import_value": "imports_usd_m",
    "trade_balance": "(exports_usd_m - imports_usd_m)",
    "trade_partner_rank": "trade_rank", "export_partner_rank": "export_rank", "import_partner_rank": "import_rank",
}
_FLOW = {i: i.split("_")[0] for i in INDICATORS}   # trade / export / import
_RANK_SQL = {"trade": "trade_rank", "export": "export_rank", "import": "import_rank"}
_EST_SQL = {"export": "coalesce(exports_estimated, false)", "import": "coalesce(imports_estimated, false)",
            "trade": "(coalesce(exports_estimated, false) OR coalesce(imports_estimated, false))"}
_AS_OF_SQL = {"export": "exports_as_of", "import": "imports_as_of", "trade": "NULL::DATE"}
UNIT = {**dict.fromkeys(SHARE_INDICATORS, "percent"), **dict.fromkeys(VALUE_INDICATORS, "US$ m"),
        **dict.fromkeys(RANK_INDICATORS, "rank")}


def _indicator(indicator: str, allowed: Sequence[str] = INDICATORS) -> str:
    if indicator not in allowed:
        raise ValueError(f"indicator must be one of {', '.join(allowed)}; got {indicator!r}")
    return indicator


def _case(expr: dict[str, str]) -> str:
    """CASE over the figure key's indicator, choosing the fixed expression for each indicator (the
    expressions name trade_facts columns only, so they need no table alias)."""
    whens = " ".join(f"WHEN '{i}' THEN {expr[i] if i in expr else expr[_FLOW[i]]}" for i in INDICATORS)
    return f"CASE k.indicator {whens} END"


# --- lookups (each one parameterised query) --------------------------------------------------------
def coverage(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per dataset and source: reporters with official shares, their first and latest year, and how
    many reporters the latest year has."""
    return con.execute("""
        WITH s AS (SELECT dataset, priority, source, reporter, year FROM trade_facts
                   WHERE partner <> 'WLD' AND coalesce(trade_share, export_share, import_share) IS NOT NULL
                   GROUP BY ALL),
        last AS (SELECT dataset, source, max(year) AS latest_year FROM s GROUP BY ALL)
        SELECT s.dataset, s.source, count(DISTINCT s.reporter) AS reporters, min(s.year) AS first_year,
               last.latest_year, count(DISTINCT s.reporter) FILTER (WHERE s.year = last.latest_year)
                   AS reporters_latest_year
        FROM s JOIN last USING (dataset, source)
        GROUP BY s.dataset, s.priority, s.source, last.latest_year ORDER BY s.priority, s.source""").df()


def reporters(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every reporter with at least one official share, in code order."""
    rows = con.execute("""SELECT DISTINCT reporter FROM trade_facts WHERE partner <> 'WLD'
        AND coalesce(trade_share, export_share, import_share) IS NOT NULL ORDER BY reporter""").fetchall()
    return [r[0] for r in rows]


def reporter_years(con: duckdb.DuckDBPyConnection, reporter: str) -> pd.DataFrame:
    """Which years each dataset covers for one reporter: partners, and which shares it has."""
    return con.execute("""
        SELECT year, dataset, source, count(*) AS partners,
               count(trade_share) > 0 AS has_trade_share, count(export_share) > 0 AS has_export_share,
               count(import_share) > 0 AS has_import_share
        FROM trade_facts WHERE reporter = ? AND partner <> 'WLD'
        GROUP BY year, dataset, priority, source ORDER BY year, priority, source""", [reporter]).df()


def latest_years(con: duckdb.DuckDBPyConnection, reporter: str | None = None) -> dict[str, int]:
    """The latest year with official shares, per source (for one reporter, or over all)."""
    rows = con.execute("""SELECT source, max(year) FROM trade_facts WHERE partner <> 'WLD'
        AND coalesce(trade_share, export_share, import_share) IS NOT NULL AND (?::VARCHAR IS NULL OR reporter = ?)
        GROUP BY source ORDER BY source""", [reporter, reporter]).fetchall()
    return {s: int(y) for s, y in rows}


def world_totals(con: duckdb.DuckDBPyConnection, reporter: str) -> pd.DataFrame:
    """The reporter's exports, imports and trade with the world per year and dataset."""
    return con.execute("""SELECT year, exports_usd_m, imports_usd_m, trade_usd_m, exports_estimated, imports_estimated,
        source, dataset FROM trade_facts WHERE reporter = ? AND partner = 'WLD' ORDER BY year, priority, source""",
                       [reporter]).df()


TOP_INDICATORS = SHARE_INDICATORS + ("trade_value", "export_value", "import_value")


def top_partners(con: duckdb.DuckDBPyConnection, reporter: str, indicator: str = "trade_share",
                 year: int | None = None, limit: int = 10, dataset: str | None = None) -> pd.DataFrame:
    """The reporter's largest partners by `indicator` in one year (the latest with that indicator when
    None), all from one dataset and source (the first by PRECEDENCE that has it, unless `dataset` is
    given).
    `value` is the indicator; `rank` is the official rank for its flow (trade / export / import)."""
    col = _VALUE_SQL[_indicator(indicator, TOP_INDICATORS)]
    flow = _FLOW[indicator]
    sql = f"""
        WITH c AS (SELECT * FROM trade_facts WHERE reporter = ? AND partner <> 'WLD' AND {col} IS NOT NULL
                   AND (?::INTEGER IS NULL OR year = ?) AND (?::VARCHAR IS NULL OR dataset = ?)),
        pick AS (SELECT year, dataset, source FROM c GROUP BY year, dataset, priority, source
                 ORDER BY year DESC, priority, source LIMIT 1)
        SELECT {_RANK_SQL[flow]} AS rank, partner, {col} AS value, '{UNIT[indicator]}' AS unit,
               exports_usd_m, imports_usd_m, trade_usd_m, export_share, import_share, trade_share,
               {_EST_SQL[flow]} AS estimated, {_AS_OF_SQL[flow]} AS as_of, year, source, dataset
        FROM c JOIN pick USING (year, dataset, source)
        ORDER BY {col} DESC, partner LIMIT ?"""
    return con.execute(sql, [reporter, year, year, dataset, dataset, int(limit)]).df()


def share_lines(con: duckdb.DuckDBPyConnection, reporter: str, partners: Sequence[str] | None = None,
                indicator: str = "trade_share", start: int | None = None, end: int | None = None,
                top: int = 5) -> pd.DataFrame:
    """One line per partner and dataset over the years (every dataset kept apart: draw one line per
    `dataset`). Without `partners`, the `top` partners of the latest top_partners() list."""
    col = _VALUE_SQL[_indicator(indicator)]
    flow = _FLOW[indicator]
    if partners is None:
        partners = top_partners(con, reporter, indicator if indicator in TOP_INDICATORS else flow + "_share",
                                limit=top)["partner"].tolist()
    sql = f"""SELECT year, partner, {col} AS value, '{UNIT[indicator]}' AS unit, {_RANK_SQL[flow]} AS rank,
                     {_EST_SQL[flow]} AS estimated, {_AS_OF_SQL[flow]} AS as_of, source, dataset
              FROM trade_facts
              WHERE reporter = ? AND list_contains(?::VARCHAR[], partner) AND {col} IS NOT NULL
                AND (?::INTEGER IS NULL OR year >= ?) AND (?::INTEGER IS NULL OR year <= ?)
              ORDER BY partner, priority, source, year"""
    return con.execute(sql, [reporter, list(partners), start, start, end, end]).df()


def official_value(con: duckdb.DuckDBPyConnection, reporter: str, partner: str, indicator: str,
                   year: int) -> pd.DataFrame:
    """The official value(s) for one reporter, partner, indicator and year: one row per dataset that
    has it, in PRECEDENCE order; `preferred` marks the one a view uses."""
    col = _VALUE_SQL[_indicator(indicator)]
    flow = _FLOW[indicator]
    sql = f"""SELECT {col} AS value, '{UNIT[indicator]}' AS unit, {_EST_SQL[flow]} AS estimated,
                     {_AS_OF_SQL[flow]} AS as_of, source, dataset, row_number() OVER (ORDER BY priority, source) = 1 AS preferred
              FROM trade_facts WHERE reporter = ? AND partner = ? AND year = ? AND {col} IS NOT NULL
              ORDER BY priority, source"""
    return con.execute(sql, [reporter, partner, int(year)]).df()


def mirror(con: duckdb.DuckDBPyConnection, a: str, b: str, start: int | None = None,
           end: int | None = None) -> pd.DataFrame:
    """Both directions of the pair as both reporters recorded them: for each year and direction
    (exporter -> importer), the exporter's record of its exports (FOB) and the importer's record of
    its imports (CIF). `record_of` says whose record each value is; datasets are kept apart."""
    sql = """
        WITH f AS (SELECT * FROM trade_facts WHERE list_contains([?, ?], reporter) AND list_contains([?, ?], partner)
                   AND reporter <> partner AND (?::INTEGER IS NULL OR year >= ?) AND (?::INTEGER IS NULL OR year <= ?))
        SELECT year, exporter, importer, record_of, flow, value_usd_m, estimated, source, dataset FROM (
            SELECT year, reporter AS exporter, partner AS importer, reporter AS record_of, 'exports' AS flow,
                   exports_usd_m AS value_usd_m, coalesce(exports_estimated, false) AS estimated, source, dataset,
                   priority
            FROM f WHERE exports_usd_m IS NOT NULL
            UNION ALL
            SELECT year, partner, reporter, reporter, 'imports', imports_usd_m, coalesce(imports_estimated, false),
                   source, dataset, priority
            FROM f WHERE imports_usd_m IS NOT NULL)
        ORDER BY year, exporter, flow, priority, source"""
    return con.execute(sql, [a, b, a, b, start, start, end, end]).df()


def mirror_table(long: pd.DataFrame) -> pd.DataFrame:
    """mirror() rows side by side: per dataset, year and direction, the exporter's record, the
    importer's record and their ratio (importer / exporter; CIF/FOB makes ~1.01 the norm)."""
    cols = ["dataset", "source", "year", "exporter", "importer", "exporter_record", "importer_record", "ratio"]
    if long.empty:
        return pd.DataFrame(columns=cols)
    wide = long.pivot_table(index=["dataset", "source", "year", "exporter", "importer"], columns="flow",
                            values="value_usd_m", aggfunc="first").reset_index()
    wide = wide.rename(columns={"exports": "exporter_record", "imports": "importer_record"})
    for c in ("exporter_record", "importer_record"):
        if c not in wide:
            wide[c] = float("nan")
    wide["ratio"] = wide["importer_record"] / wide["exporter_record"].where(wide["exporter_record"] > 0)
    wide.columns.name = None
    return wide[cols].sort_values(["dataset", "source", "year", "exporter"], ignore_index=True)
