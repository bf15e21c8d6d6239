"""`dates`: JSONL `{"text", "published"?}` on stdin -> `{"text", "dates": [...]}` on stdout
(docs/contract.md: every date expression, its span and the ISO range it resolves to)."""
from __future__ import annotations

import json

from pipeline.commands.output import jsonl_filter
from pipeline.dates import date_entries
from pipeline.schema import parse_day


def dates_line(line: str) -> dict:
    """One JSONL input line -> one output object; never raises. A line that cannot be read gives
    {"text": ..., "dates": [], "error": "..."} (the text when there is one, else null), so every input
    line has exactly one output line."""
    text = None
    try:
        try:
            obj = json.loads(line)
        except (ValueError, TypeError) as err:
            return {"text": None, "dates": [], "error": f"not JSON: {str(err)[:120]}"}
        if not isinstance(obj, dict):
            return {"text": None, "dates": [], "error": f"not a JSON object ({type(obj).__name__})"}
        text = obj.get("text")
        if not isinstance(text, str):
            return {"text": None, "dates": [], "error": "no \"text\" string"}
        try:
            published = parse_day(obj.get("published"))
        except ValueError as err:
            return {"text": text, "dates": [], "error": f"published is not a YYYY-MM-DD date ({err})"}
        return {"text": text, "dates": date_entries(text, published)}
    except Exception as err:  # a bug on one line must not end the stream: report it on that line
        return {"text": text if isinstance(text, str) else None, "dates": [],
                "error": f"date resolution failed: {type(err).__name__}: {str(err)[:120]}"}


def run(args=None) -> int:
    return jsonl_filter(dates_line)
