"""Exports of one store snapshot: records or events as CSV, Parquet, or PLOVER-style JSON Lines.

The row shaping is pure (plover_record, plover_event); export() does the reading and writing."""
from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from pipeline import errors
from pipeline.schema import arrow_schema
from pipeline.store import Store, iter_part

WHATS = ("records", "events")
FORMATS = ("csv", "parquet", "plover")


def _iso(d) -> str | None:
    return d.isoformat() if isinstance(d, date) else d


def plover_record(r: dict) -> dict | None:
    """One event record as a PLOVER-style object (figures are not PLOVER events: None)."""
    if r.get("kind") != "event":
        return None
    return {
        "id": r["record_id"], "event_type": r["event_type"], "mode": r.get("mode"),
        "context": list(r.get("context") or []), "quad_class": r.get("quad_class"), "status": r.get("status"),
        "actor": {"country": r["source"], "text": r.get("source_text")},
        "recipient": {"country": r["target"], "text": r.get("target_text")},
        "date": {"start": _iso(r.get("date_start")), "end": _iso(r.get("date_end")),
                 "text": r.get("date_text"), "precision": r.get("date_precision")},
        "source_sentence": r.get("evidence"),
        "provenance": {"article_id": r["article_id"], "published": _iso(r.get("published")),
                       "sentence_index": r.get("sentence_index"), "char_start": r.get("char_start"),
                       "char_end": r.get("char_end")},
        "confidence": r.get("confidence"), "extractor_version": r.get("extractor_version"),
    }


def plover_event(e: dict) -> dict:
    """One de-duplicated event as a PLOVER-style object, with the ids of the reports behind it."""
    return {
        "id": e["event_id"], "event_type": e["event_type"], "mode": e.get("mode"),
        "quad_class": e.get("quad_class"), "status": e.get("status"),
        "actor": {"country": e["source"]}, "recipient": {"country": e["target"]},
        "date": {"start": _iso(e.get("date_start")), "end": _iso(e.get("date_end"))},
        "first_published": _iso(e.get("first_published")), "source_sentence": e.get("evidence"),
        "n_reports": e.get("n_reports"), "n_articles": e.get("n_articles"), "n_sources": e.get("n_sources"),
        "sources": list(e.get("sources") or []), "record_ids": list(e.get("record_ids") or []),
        "confidence": e.get("confidence"),
    }


def _batches(root: Path, parts: tuple[Path, ...], schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    for part in parts:
        for batch in iter_part(root, part, 10_000):
            yield batch.cast(schema) if batch.schema != schema else batch


# A cell starting with one of these runs as a formula when a spreadsheet opens the CSV.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """A text cell as a spreadsheet may show it: a quote before a leading formula character (CSV
    injection), since evidence, titles and names come from untrusted articles. Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_friendly(batch: pa.RecordBatch) -> pa.RecordBatch:
    """CSV has no lists: join them with ';' (outlets and PLOVER contexts never contain one); every
    text cell goes through csv_safe."""
    cols, names = [], []
    for name, col in zip(batch.schema.names, batch.columns, strict=True):
        if pa.types.is_list(col.type):
            col = pa.array([None if v is None else csv_safe(";".join(v)) for v in col.to_pylist()], pa.string())
        elif pa.types.is_string(col.type):
            col = pa.array([csv_safe(v) for v in col.to_pylist()], pa.string())
        cols.append(col)
        names.append(name)
    return pa.RecordBatch.from_arrays(cols, names=names)


@contextlib.contextmanager
def _atomic_out(out: str, binary: bool):
    """Write to OUT.tmp and rename on success, so a failed export never leaves half a file."""
    if out == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    tmp = f"{out}.tmp"
    try:
        with open(tmp, "wb" if binary else "w", encoding=None if binary else "utf-8") as fh:
            yield fh
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def export(store: Store, what: str = "records", fmt: str = "csv", out: str = "-") -> int:
    """Write one snapshot's records or events; returns the number of rows written."""
    if what not in WHATS or fmt not in FORMATS:
        raise ValueError(f"what must be one of {WHATS}, fmt one of {FORMATS}")
    snap = store.snapshot()
    parts, schema = (snap.records, arrow_schema("records")) if what == "records" else (snap.events, arrow_schema("events"))
    n = 0
    try:
        if fmt == "parquet":
            if out == "-":
                raise errors.bad_output(out, "Parquet needs a file, not stdout")
            with _atomic_out(out, binary=True) as fh, pq.ParquetWriter(fh, schema, compression="zstd") as w:
                for batch in _batches(store.root, parts, schema):
                    w.write_batch(batch)
                    n += batch.num_rows
        elif fmt == "csv":
            with _atomic_out(out, binary=True) as fh:
                csv_schema = _csv_friendly(pa.RecordBatch.from_pylist([], schema=schema)).schema
                with pacsv.CSVWriter(fh, csv_schema) as w:
                    for batch in _batches(store.root, parts, schema):
                        w.write_batch(_csv_friendly(batch))
                        n += batch.num_rows
        else:
            shape = plover_record if what == "records" else plover_event
            with _atomic_out(out, binary=False) as fh:
                for batch in _batches(store.root, parts, schema):
                    for row in batch.to_pylist():
                        obj = shape(row)
                        if obj is not None:
                            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
                            n += 1
    except OSError as err:
        raise errors.bad_output(out, err.strerror or str(err)) from err
    return n
