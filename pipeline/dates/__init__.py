"""Date expressions in a text ("January 4 to 7", "on Tuesday", "next spring", "FY2022-23") -> ISO ranges.

Pure and regex-based (patterns in pipeline/dates/rules.py); relative words resolve against the
publication date; see docs/dates-figures.md. Also the logic of the `dates` command."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pipeline.dates.rules import DEICTIC, GATES, RELATIVE_TO, RULES, TENSE_AWARE
from pipeline.dates.words import MONTHS_FULL, WEEKDAYS, clause_tense, iso, trie_pattern

__all__ = ["MONTHS_FULL", "WEEKDAYS", "DateSpan", "date_entries", "dates_line", "find_dates"]


@dataclass(frozen=True, slots=True)
class DateSpan:
    """One date expression: where it is in the text, what it says, and the range it resolves to."""
    start: int
    end: int
    text: str
    date_start: str | None
    date_end: str | None
    precision: str  # schema.DATE_PRECISIONS: day week month quarter season year decade century vague
    relation: str | None = None  # past | future | present, only when the words themselves say so


# The rules' gates, all found in two scans (one of the lower-cased text, one of the text as written):
# a trie regex run at every position finds the longest gate word starting there, and each word stands
# for every gate whose words it contains ("this morning" also opens the gate of "this"). Measured 2.5x
# faster than one search per gate (bench/dates_speed.py).
_GATE_IDS = {g: 1 << i for i, g in enumerate(dict.fromkeys(g for gates in GATES.values() for g in gates))}


def _scanner(lower: bool) -> tuple[Callable[[str], list[str]], dict[str, int]]:
    words = {w for (keys, low) in _GATE_IDS if low == lower for w in keys}
    bits = {w: 0 for w in words}
    for (keys, low), bit in _GATE_IDS.items():
        if low == lower:
            for w in words:
                if any(k in w for k in keys):
                    bits[w] |= bit
    return re.compile("(?=(" + trie_pattern(sorted(words)) + "))").findall, bits


_SCAN_LOWER, _BITS_LOWER = _scanner(True)
_SCAN_CASED, _BITS_CASED = _scanner(False)
_COMPILED = [(prio, rx, h, sum(_GATE_IDS[g] for g in GATES[h]), "lead" in rx.groupindex)
             for prio, (rx, h) in enumerate(RULES)]


def find_dates(text: str, published: date | None, tense: str | None = None) -> list[DateSpan]:
    """Every date expression in `text`, sorted by start, resolved against `published`.

    `tense` ("past"/"future") says how to read year-less months, seasons, quarters and weekdays;
    without it the expression's own clause decides ("said on Tuesday" -> past, "will ... on Tuesday",
    "On Friday, he will ..." -> future). Where expressions overlap, the longest wins."""
    hits = 0
    for w in set(_SCAN_LOWER(text.lower())):
        hits |= _BITS_LOWER[w]
    for w in set(_SCAN_CASED(text)):
        hits |= _BITS_CASED[w]
    found: list[tuple[int, int, int, re.Match, Callable]] = []
    for prio, rx, handler, need, lead in _COMPILED:
        if need & ~hits:
            continue
        for m in rx.finditer(text):
            start = m.end("lead") if lead and m.start("lead") >= 0 else m.start()
            if m.end() > start:
                found.append((start, start - m.end(), prio, m, handler))
    if not found:
        return []
    found.sort(key=lambda f: f[:3])
    fixed_tense = tense if tense in ("past", "future") else None
    out: list[DateSpan] = []
    prior: list[tuple] = []  # (start, end, precision, deictic, end offset): what "a year earlier" is relative to
    taken_end = -1
    for start, _neg_len, _prio, m, handler in found:
        if start < taken_end:
            continue
        t = (fixed_tense or clause_tense(text, start, m.end())) if handler in TENSE_AWARE else None
        try:
            res = handler(m, published, t, prior) if handler is RELATIVE_TO else handler(m, published, t)
        except (ValueError, OverflowError):
            continue  # a publication date at the calendar's edge (year 1, 9999): no date rather than a crash
        if res is None:
            continue
        s, e, precision, relation = res[:4]
        # A handler may keep only the front of its match, or take in a word before it ("since").
        end = res[4] if len(res) > 4 and res[4] is not None else m.end()
        if len(res) > 5 and res[5] is not None and res[5] >= taken_end:
            start = res[5]
        out.append(DateSpan(start, end, text[start:end], iso(s), iso(e), precision, relation))
        prior.append((s, e, precision, handler in DEICTIC, end))
        taken_end = end
    return out


# --- the `dates` command ------------------------------------------------------------------------

def date_entries(text: str, published: date | None) -> list[dict]:
    """The `dates` command's list for one text: every expression, its span and its ISO range."""
    return [{"start": s.start, "end": s.end, "text": s.text, "date_start": s.date_start,
             "date_end": s.date_end, "precision": s.precision} for s in find_dates(text, published)]
