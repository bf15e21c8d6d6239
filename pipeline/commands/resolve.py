"""`resolve`: JSONL `{"text", "date"?}` on stdin -> `{"text", "country", "matched", "how", ...}` on stdout."""
from __future__ import annotations

import json

from pipeline.actors import resolve
from pipeline.commands.output import jsonl_filter
from pipeline.schema import parse_day


def resolve_line(line: str) -> dict:
    """One JSONL line of `resolve` input -> one output object; never raises."""
    try:
        obj = json.loads(line)
    except ValueError as err:
        return {"text": None, "country": None, "error": f"bad JSON: {err}"}
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        return {"text": None, "country": None, "error": "each line needs an object with a string 'text'"}
    try:
        on = parse_day(obj.get("date"))
    except ValueError as err:
        return {"text": obj["text"], "country": None, "error": f"bad date: {err}"}
    return resolve(obj["text"], on)


def run(args=None) -> int:
    return jsonl_filter(resolve_line)
