"""`dates`: JSONL `{"text", "published"?}` on stdin -> `{"text", "dates": [...]}` on stdout
(docs/contract.md: every date expression, its span and the ISO range it resolves to)."""
from __future__ import annotations

import json

from pipeline.commands.output import jsonl_filter
from pipeline.dates import find_dates
from pipeline.schema import parse_day


def dates_line(line: str) -> dict:
    """One JSONL line of `dates` input -> one output object; never raises."""
    try:
        obj = json.loads(line)
    except ValueError as err:
        return {"text": None, "dates": [], "error": f"bad JSON: {err}"}
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        return {"text": None, "dates": [], "error": "each line needs an object with a string 'text'"}
    try:
        published = parse_day(obj.get("published"))
    except ValueError as err:
        return {"text": obj["text"], "dates": [], "error": f"bad published date: {err}"}
    spans = find_dates(obj["text"], published)
    return {"text": obj["text"], "dates": [
        {"start": s.start, "end": s.end, "text": s.text, "date_start": s.date_start, "date_end": s.date_end,
         "precision": s.precision} for s in spans]}


def run(args=None) -> int:
    return jsonl_filter(dates_line)
