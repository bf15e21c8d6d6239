"""The record types Dyad reads and writes: one place for the PLOVER vocabulary and the record fields.

The dashboard imports this module too; nothing here does I/O.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

EXTRACTOR_VERSION = "0.1.0"

# PLOVER roots in the order of their quad classes (Halterman et al., PLOVER codebook).
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",          # verbal cooperation
    "COOPERATE", "AID", "RETREAT",                     # material cooperation
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",         # verbal conflict
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",  # material conflict
)
QUAD_CLASS: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal_cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material_cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal_conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material_conflict"),
}
# +1 cooperation, -1 conflict: what the map's "net cooperation" sums.
COOPERATION_SIGN: dict[str, int] = {t: (1 if QUAD_CLASS[t].endswith("cooperation") else -1) for t in PLOVER_TYPES}

STATUSES: tuple[str, ...] = ("occurred", "planned", "ongoing", "negated", "hypothetical")
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "quarter", "season", "year", "decade", "century", "vague")
RECORD_KINDS: tuple[str, ...] = ("event", "figure")
FIGURE_INDICATORS: tuple[str, ...] = (
    "trade_share", "export_share", "import_share",
    "trade_value", "export_value", "import_value",
    "trade_partner_rank", "export_partner_rank", "import_partner_rank",
    "trade_balance",
)

# --- column types -------------------------------------------------------------------------------
# One neutral vocabulary; the Arrow schemas (store, dedupe, exports) and the SQL tables (dashboard)
# are derived from it below, so a column is declared exactly once.
STRING, DOUBLE, BOOL, DATE, INT32, INT64, TIMESTAMP, STRINGS = (
    "string", "double", "bool", "date", "int32", "int64", "timestamp", "list<string>")

# The fields of a record, in output order (docs/contract.md); extra fields may follow.
RECORD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("record_id", STRING), ("article_id", STRING), ("kind", STRING), ("source", STRING), ("target", STRING),
    ("source_text", STRING), ("target_text", STRING),
    ("event_type", STRING), ("mode", STRING), ("context", STRINGS), ("status", STRING),
    ("indicator", STRING), ("value", DOUBLE), ("unit", STRING), ("approximate", BOOL), ("period", STRING),
    ("product", STRING), ("language", STRING),
    ("date_start", DATE), ("date_end", DATE), ("date_text", STRING), ("date_precision", STRING),
    ("evidence", STRING), ("sentence_index", INT32), ("char_start", INT32), ("char_end", INT32),
    ("confidence", DOUBLE),
)
RECORD_FIELDS: tuple[str, ...] = tuple(name for name, _ in RECORD_COLUMNS)

# What the store keeps beyond the contract's fields: the figure's scale word and qualifier as written
# ("billion", "about"), the event's trigger words, and derived columns.
TABLE_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "records": RECORD_COLUMNS + (
        ("scale", STRING), ("qualifier", STRING), ("trigger", STRING),
        ("quad_class", STRING), ("published", DATE), ("extractor_version", STRING)),
    "articles": (
        ("article_id", STRING), ("key", STRING), ("title", STRING), ("url", STRING), ("source", STRING),
        ("published", DATE), ("language", STRING), ("origin", STRING), ("text", STRING),
        ("n_chars", INT64), ("extractor_version", STRING), ("ingested_at", TIMESTAMP)),
    "quarantine": (
        ("origin", STRING), ("reason", STRING), ("article_id", STRING), ("excerpt", STRING), ("at", TIMESTAMP)),
    "events": (
        ("event_id", STRING), ("source", STRING), ("target", STRING), ("event_type", STRING),
        ("quad_class", STRING), ("mode", STRING), ("status", STRING), ("date_start", DATE), ("date_end", DATE),
        ("first_published", DATE), ("n_reports", INT64), ("n_articles", INT64), ("n_sources", INT64),
        ("sources", STRINGS), ("record_ids", STRINGS), ("evidence", STRING), ("confidence", DOUBLE)),
}
TABLES: tuple[str, ...] = tuple(TABLE_COLUMNS)

_SQL_TYPES = {STRING: "VARCHAR", DOUBLE: "DOUBLE", BOOL: "BOOLEAN", DATE: "DATE", INT32: "INTEGER",
              INT64: "BIGINT", TIMESTAMP: "TIMESTAMP WITH TIME ZONE", STRINGS: "VARCHAR[]"}


def column_types(table: str) -> dict[str, str]:
    return dict(TABLE_COLUMNS[table])


@cache
def arrow_schema(table: str):
    """The Parquet/Arrow schema of a store table (pyarrow is imported only when a schema is asked for:
    the extractor never needs it)."""
    import pyarrow as pa

    types = {STRING: pa.string(), DOUBLE: pa.float64(), BOOL: pa.bool_(), DATE: pa.date32(),
             INT32: pa.int32(), INT64: pa.int64(), TIMESTAMP: pa.timestamp("us", tz="UTC"),
             STRINGS: pa.list_(pa.string())}
    return pa.schema([(name, types[kind]) for name, kind in TABLE_COLUMNS[table]])


def sql_ddl(table: str, columns: tuple[str, ...] | None = None) -> str:
    """CREATE TABLE for a store table (or some of its columns), for an empty store's stand-in tables."""
    types = column_types(table)
    names = columns or tuple(types)
    return f"CREATE TABLE {table} (" + ", ".join(f"{n} {_SQL_TYPES[types[n]]}" for n in names) + ")"


@dataclass(slots=True)
class Article:
    """One news article as the pipeline sees it, after ingest and cleaning."""
    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    origin: str | None = None  # where it was read from: "path" or "path:line"
    extra: dict = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class Mention:
    """A place in a text that names a country, by whatever means (name, capital, leader ...)."""
    start: int
    end: int
    text: str
    country: str
    how: str  # name | capital | demonym | leader | institution | person | alias ...
    # Whether the words act for the state (a ministry, an official in office, the army) or not (a city,
    # a party in opposition, rebels, a former leader); None when the words do not say.
    state_actor: bool | None = None


def sql_string(value: str) -> str:
    """A SQL string literal. Only for file paths from the store's own manifest (DuckDB views and
    read_parquet lists take no bound parameters); user values always travel as parameters."""
    return "'" + value.replace("'", "''") + "'"


def parquet_list(parts) -> str:
    """`[...]` of quoted Parquet paths for DuckDB's read_parquet()."""
    return "[" + ", ".join(sql_string(str(p)) for p in parts) + "]"


_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


def parse_day(value) -> date | None:
    """A calendar day from a date, a datetime, `YYYY-MM-DD` or an ISO timestamp (its date part, as
    written: no time-zone shift); None for None or ""; ValueError for anything else. The one ISO
    date parser of the project (publication dates, `resolve` and `dates` input, store rows, URLs)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"not a date string ({type(value).__name__})")
    m = _ISO_DAY.match(value)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))  # ValueError for 2025-13-45
    return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()


def record_id(article_id: str, kind: str, sentence_index: int, source: str, target: str,
              label: str, char_start: int) -> str:
    """A stable id: the same article processed twice gives the same ids."""
    key = "\x1f".join((article_id, kind, str(sentence_index), source, target, label, str(char_start)))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def empty_record() -> dict:
    return dict.fromkeys(RECORD_FIELDS)
