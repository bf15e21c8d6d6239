"""How articles, records and quarantine entries become typed rows of the store's tables (pure, but
for the ingest time stamp): the one place a contract record is coerced to the records schema."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pyarrow as pa

from pipeline.ingest import article_key
from pipeline.schema import EXTRACTOR_VERSION, QUAD_CLASS, STRING, Article, column_types, parse_day

_RECORD_TYPES = column_types("records")


def _to_date(value) -> date | None:
    try:
        return parse_day(value)
    except ValueError:
        return None


def utc_now() -> datetime:
    return datetime.now(UTC)


def article_row(article: Article, extractor_version: str = EXTRACTOR_VERSION) -> dict:
    """An Article as a row of the articles table."""
    return {
        "article_id": article.id, "key": article_key(article.id, article.url, article.text),
        "title": article.title, "url": article.url, "source": article.source,
        "published": _to_date(article.published), "language": article.language, "origin": article.origin,
        "text": article.text, "n_chars": len(article.text or ""), "extractor_version": extractor_version,
        "ingested_at": utc_now(),
    }


def article_dict_row(d: dict, extractor_version: str = EXTRACTOR_VERSION) -> dict:
    """A plain article dict (contract JSONL fields, `id` or `article_id`) as an articles row."""
    if "key" in d and "ingested_at" in d:
        return d
    art = Article(id=d.get("article_id") or d.get("id") or "", text=d.get("text") or "",
                  published=_to_date(d.get("published")), title=d.get("title"), url=d.get("url"),
                  source=d.get("source"), language=d.get("language"), origin=d.get("origin"))
    row = article_row(art, d.get("extractor_version") or extractor_version)
    if d.get("key"):
        row["key"] = d["key"]
    return row


def record_row(record: dict, published=None, extractor_version: str = EXTRACTOR_VERSION) -> dict:
    """A contract record as a row of the records table (typed; extra fields dropped)."""
    row = {f: record.get(f) for f in _RECORD_TYPES}
    for f in ("date_start", "date_end"):
        row[f] = _to_date(row[f])
    ctx = row["context"]
    row["context"] = [str(c) for c in ctx] if isinstance(ctx, list | tuple) else ([str(ctx)] if ctx else None)
    for f in ("value", "confidence"):
        row[f] = None if row[f] is None else float(row[f])
    row["approximate"] = None if row["approximate"] is None else bool(row["approximate"])
    for f, t in _RECORD_TYPES.items():
        if t == STRING and row[f] is not None and not isinstance(row[f], str):
            row[f] = str(row[f])
    row["quad_class"] = QUAD_CLASS.get(row.get("event_type") or "")
    row["published"] = _to_date(record.get("published", published))
    row["extractor_version"] = record.get("extractor_version") or extractor_version
    return row


def quarantine_row(origin: str | None, reason: str, article_id: str | None = None,
                   excerpt: str | None = None) -> dict:
    return {"origin": origin, "reason": reason, "article_id": article_id,
            "excerpt": (excerpt or "")[:500] or None, "at": utc_now()}


def table_of(rows: list[dict], schema: pa.Schema) -> pa.Table:
    cols = {name: [r.get(name) for r in rows] for name in schema.names}
    return pa.Table.from_pydict(cols, schema=schema)

