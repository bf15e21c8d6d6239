"""Exports of one store snapshot: records or events as CSV, Parquet, or PLOVER-style JSON Lines;
every figure record goes out with the matching official value, its year and source, the gap and
the flag (pipeline/reference/trade.py's rule: one join for all the figures of the snapshot).

The row shaping is pure (plover_record, plover_figure, plover_event); export() does the reading and
writing."""
from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from pipeline import errors
from pipeline.parts import iter_part, part_guard
from pipeline.schema import arrow_schema
from pipeline.store import Store

WHATS = ("records", "events")
FORMATS = ("csv", "parquet", "plover")


def _iso(d) -> str | None:
    return d.isoformat() if isinstance(d, date) else d


def plover_record(r: dict) -> dict | None:
    """One event record as a PLOVER-style object (figures are not PLOVER events: None)."""
    if r.get("kind") != "event":
        return None
    return {
        "id": r["record_id"], "kind": "event", "event_type": r["event_type"], "mode": r.get("mode"),
        "context": list(r.get("context") or []), "quad_class": r.get("quad_class"), "status": r.get("status"),
        "actor": {"country": r["source"], "text": r.get("source_text")},
        "recipient": {"country": r["target"], "text": r.get("target_text")},
        "date": {"start": _iso(r.get("date_start")), "end": _iso(r.get("date_end")),
                 "text": r.get("date_text"), "precision": r.get("date_precision")},
        "source_sentence": r.get("evidence"),
        "provenance": {"article_id": r["article_id"], "published": _iso(r.get("published")),
                       "sentence_index": r.get("sentence_index"), "char_start": r.get("char_start"),
                       "char_end": r.get("char_end")},
        "trigger": r.get("trigger"), "language": r.get("language"),
        "confidence": r.get("confidence"), "extractor_version": r.get("extractor_version"),
    }


def plover_figure(r: dict) -> dict | None:
    """One figure record in the same JSON style (not a PLOVER event, so `kind` says "figure"): what
    was reported, what it is about (product, scale, qualifier as written), and the official value
    beside it (the OFFICIAL_FIELDS columns of the row, when present)."""
    if r.get("kind") != "figure":
        return None
    return {
        "id": r["record_id"], "kind": "figure", "indicator": r.get("indicator"), "value": r.get("value"),
        "unit": r.get("unit"), "approximate": r.get("approximate"), "qualifier": r.get("qualifier"),
        "scale": r.get("scale"), "period": r.get("period"), "product": r.get("product"),
        "reporter": {"country": r.get("source"), "text": r.get("source_text")},
        "partner": {"country": r.get("target"), "text": r.get("target_text")},
        "official": {"value": r.get("official_value"), "year": r.get("official_year"),
                     "source": r.get("official_source"), "gap": r.get("gap"), "flagged": r.get("flagged"),
                     "note": r.get("official_note")},
        "source_sentence": r.get("evidence"),
        "provenance": {"article_id": r["article_id"], "published": _iso(r.get("published")),
                       "sentence_index": r.get("sentence_index"), "char_start": r.get("char_start"),
                       "char_end": r.get("char_end")},
        "language": r.get("language"), "confidence": r.get("confidence"),
        "extractor_version": r.get("extractor_version"),
    }


# --- reported vs official ---------------------------------------------------------------------------
# Appended to every exported record (null for events and for figures with no comparable official
# value; official_note says why). Values and gaps are in the figure's own unit (percent, places, or
# US dollars for a value figure), so a row reads as value vs official_value.
OFFICIAL_FIELDS: tuple[tuple[str, pa.DataType], ...] = (
    ("official_value", pa.float64()), ("official_year", pa.int32()), ("official_source", pa.string()),
    ("gap", pa.float64()), ("flagged", pa.bool_()), ("official_note", pa.string()))
_FIGURE_FIELDS = ("record_id", "source", "target", "indicator", "value", "unit", "period", "published", "product")


def _none(v):
    """pandas' missing values (NaN, NA, NaT) -> None, so Arrow and JSON get nulls."""
    return None if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v) else v


def official_columns(ref, figures: list[dict]) -> list[dict]:
    """For each figure (record fields: source, target, indicator, value, unit, period, published,
    product), the OFFICIAL_FIELDS values: one compare_figures join for the whole list, rescaled from
    the official unit (US$ m) to the figure's (USD) for values. Pure apart from the query."""
    from pipeline.reference.comparison import compare_figures
    from pipeline.reference.trade import USD_PER_OFFICIAL_UNIT, VALUE_INDICATORS

    if not figures:
        return []
    cmp = compare_figures(ref, figures)
    # Column lists, not cmp.to_dict(): a dict per row costs more than the join itself at 10,000 figures.
    col = {c: cmp[c].tolist() for c in ("official", "gap", "note", "year", "official_source", "flagged",
                                        "first_official_year", "last_official_year")}
    out = []
    for i, f in enumerate(figures):
        scale = USD_PER_OFFICIAL_UNIT if f.get("indicator") in VALUE_INDICATORS else 1.0   # official_key's US$ -> US$ m
        official, gap, year, flagged = (_none(col[c][i]) for c in ("official", "gap", "year", "flagged"))
        note = _none(col["note"][i]) or None
        last, first = _none(col["last_official_year"][i]), _none(col["first_official_year"][i])
        if official is None and last is not None:
            note = f"{note}; official years for this pair and indicator: {first}-{last}"
        out.append({"official_value": None if official is None else float(official) * scale,
                    "official_year": None if year is None else int(year),
                    "official_source": _none(col["official_source"][i]),
                    "gap": None if gap is None else float(gap) * scale,
                    "flagged": None if flagged is None else bool(flagged), "official_note": note})
    return out


FIGURES_PER_JOIN = 200_000   # figures matched per compare_figures call (bounds the memory of one join)


def official_lookup(root: Path, parts: tuple[Path, ...], ref) -> dict[str, dict]:
    """record_id -> OFFICIAL_FIELDS for every figure of the parts: a first pass that reads only the
    figure columns, then one compare_figures join per FIGURES_PER_JOIN figures (one for any store
    of fewer), instead of a join per batch of records."""
    found: dict[str, dict] = {}
    pending: list[dict] = []

    def flush(n: int) -> None:
        chunk = pending[:n]
        for f, row in zip(chunk, official_columns(ref, chunk), strict=True):
            found[f["record_id"]] = row
        del pending[:n]

    for part in parts:
        with part_guard(root, part):
            have = set(pq.read_schema(part).names)
        columns = [c for c in ("kind", *_FIGURE_FIELDS) if c in have]   # an older part may lack `product`
        for batch in iter_part(root, part, 50_000, columns=columns):
            kinds = batch.column(batch.schema.get_field_index("kind"))
            figs = batch.filter(pc.fill_null(pc.equal(kinds, "figure"), False))
            pending.extend(figs.to_pylist())
            while len(pending) >= FIGURES_PER_JOIN:
                flush(FIGURES_PER_JOIN)
    if pending:
        flush(len(pending))
    return found


def with_official(batch: pa.RecordBatch, lookup: dict[str, dict]) -> pa.RecordBatch:
    """A batch of records with the OFFICIAL_FIELDS columns appended from `official_lookup`."""
    ids = batch.column(batch.schema.get_field_index("record_id")).to_pylist()
    kinds = batch.column(batch.schema.get_field_index("kind")).to_pylist()
    rows = [lookup.get(r) if k == "figure" else None for r, k in zip(ids, kinds, strict=True)]
    arrays = [pa.array([None if r is None else r[n] for r in rows], t) for n, t in OFFICIAL_FIELDS]
    return pa.RecordBatch.from_arrays([*batch.columns, *arrays],
                                      names=[*batch.schema.names, *(n for n, _ in OFFICIAL_FIELDS)])


def records_export_schema() -> pa.Schema:
    """The records table as exported: the store's columns, then OFFICIAL_FIELDS."""
    base = arrow_schema("records")
    return pa.schema([*base, *(pa.field(n, t) for n, t in OFFICIAL_FIELDS)])


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


def export(store: Store, what: str = "records", fmt: str = "csv", out: str = "-", ref=None) -> int:
    """Write one snapshot's records or events; returns the number of rows written. `ref`: an open
    connection to the official trade tables (trade.connect) to reuse; else one is opened for the
    records and closed after."""
    if what not in WHATS or fmt not in FORMATS:
        raise ValueError(f"what must be one of {WHATS}, fmt one of {FORMATS}")
    if fmt == "parquet" and out == "-":
        raise errors.bad_output(out, "Parquet needs a file, not stdout")
    snap = store.snapshot()
    parts, schema = (snap.records, arrow_schema("records")) if what == "records" else (snap.events, arrow_schema("events"))
    out_schema = records_export_schema() if what == "records" else schema
    n = 0

    def batches() -> Iterator[pa.RecordBatch]:
        if what != "records":
            yield from _batches(store.root, parts, schema)
            return
        from pipeline.reference.trade import connect

        own = ref is None
        con = connect(store.root) if own else ref   # the shipped official tables plus the store's imports
        try:
            lookup = official_lookup(store.root, parts, con)
        finally:
            if own:
                con.close()
        for batch in _batches(store.root, parts, schema):
            yield with_official(batch, lookup)

    try:
        if fmt == "parquet":
            with _atomic_out(out, binary=True) as fh, pq.ParquetWriter(fh, out_schema, compression="zstd") as w:
                for batch in batches():
                    w.write_batch(batch)
                    n += batch.num_rows
        elif fmt == "csv":
            with _atomic_out(out, binary=True) as fh:
                csv_schema = _csv_friendly(pa.RecordBatch.from_pylist([], schema=out_schema)).schema
                with pacsv.CSVWriter(fh, csv_schema) as w:
                    for batch in batches():
                        w.write_batch(_csv_friendly(batch))
                        n += batch.num_rows
        else:
            def shape(row: dict) -> dict | None:
                if what != "records":
                    return plover_event(row)
                return plover_record(row) or plover_figure(row)

            with _atomic_out(out, binary=False) as fh:
                for batch in batches():
                    for row in batch.to_pylist():
                        obj = shape(row)
                        if obj is not None:
                            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
                            n += 1
    except OSError as err:
        raise errors.bad_output(out, err.strerror or str(err)) from err
    return n
