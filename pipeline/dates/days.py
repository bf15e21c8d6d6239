"""Handlers for days and for words relative to publication: dates, weekdays, "yesterday", "last week",
"two days ago", "recently", "now". Each turns a pipeline.dates.rules match into an ISO range."""
from __future__ import annotations

import re
from datetime import date, timedelta

from pipeline.dates.words import (
    COUNT,
    MONTH_NUM,
    UNIT_DAYS,
    WEEKDAYS,
    calendar_unit,
    month_end,
    nearest_year_for_day,
    safe_date,
    week_of,
)

# A handler gets the match, the publication date (or None) and the tense, and returns
# (start, end, precision, relation[, end offset if shorter than the match[, start offset if earlier]])
# or None to drop the match.
Res = tuple | None


def month_of(tok: str) -> int:
    return MONTH_NUM[tok.rstrip(".")]


def _day_of(tok: str) -> int:
    return int(re.match(r"\d+", tok).group())


# --- days ------------------------------------------------------------------------------------

def h_month_first(m: re.Match, pub: date | None, tense: str | None) -> Res:
    m1 = month_of(m["m1"])
    if m["yo"]:  # "December 2024"
        y = int(m["yo"])
        return date(y, m1, 1), month_end(y, m1), "month", None
    m2 = month_of(m["m2"]) if m["m2"] else m1
    d1 = _day_of(m["d1"])
    d2 = _day_of(m["d2"]) if m["d2"] else d1
    return _resolve_days(m1, d1, m2, d2, m["y"], pub, tense)


def _resolve_days(m1: int, d1: int, m2: int, d2: int, year: str | None, pub: date | None,
                  tense: str | None = None) -> Res:
    if year:
        y = int(year)
        end = safe_date(y, m2, d2)
        # "December 28 to January 3, 2026": the year belongs to the end.
        start = safe_date(y if (m1, d1) <= (m2, d2) else y - 1, m1, d1)
        if not start or not end:
            return None
        return start, end, "day", None
    if not (safe_date(2000, m1, d1) and safe_date(2000, m2, d2)):  # 2000 is a leap year
        return None
    if pub is None:
        return None, None, "day", None
    start = nearest_year_for_day(m1, d1, pub, tense)
    if start is None:
        return None
    end = safe_date(start.year, m2, d2)
    if end is None or end < start:
        end = safe_date(start.year + 1, m2, d2)
    if end is None:
        return None
    return start, end, "day", None


def h_day_first(m: re.Match, pub: date | None, tense: str | None) -> Res:
    m2 = month_of(m["m2"])
    m1 = month_of(m["m1"]) if m["m1"] else m2
    d1 = _day_of(m["d1"])
    d2 = _day_of(m["d2"]) if m["d2"] else d1
    return _resolve_days(m1, d1, m2, d2, m["y"], pub, tense)


def h_iso(m: re.Match, pub: date | None, tense: str | None) -> Res:
    d = safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return (d, d, "day", None) if d else None


def h_weekday(m: re.Match, pub: date | None, tense: str | None) -> Res:
    wd = WEEKDAYS.index(m["wd"])
    mod = (m["mod"] or "").lower()
    relation = {"last": "past", "next": "future"}.get(mod)
    if pub is None:
        return None, None, "day", relation
    back = (pub.weekday() - wd) % 7   # days back to the one at or before publication
    ahead = (wd - pub.weekday()) % 7  # days ahead to the one at or after publication
    if mod == "last":
        d = pub - timedelta(days=back or 7)
    elif mod == "next":
        d = pub + timedelta(days=ahead or 7)
    elif mod == "this":
        d = week_of(pub)[0] + timedelta(days=wd)
    elif tense == "future":
        d = pub + timedelta(days=ahead)
    else:  # past or unknown: news reports "said on Tuesday" about the days just gone, never next week's
        d = pub - timedelta(days=back)
    return d, d, "day", relation


_DAY_SHIFT = {"today": (0, None), "tonight": (0, None), "yesterday": (-1, "past"), "tomorrow": (1, "future"),
              "this morning": (0, None), "this afternoon": (0, None), "this evening": (0, None),
              "last night": (-1, "past")}


def h_relative_day(m: re.Match, pub: date | None, tense: str | None) -> Res:
    shift, relation = _DAY_SHIFT[re.sub(r"\s+", " ", m["w"].lower())]
    if m["pre"] and m["pre"].lower().startswith("earlier"):
        relation = "past"
    if pub is None:
        return None, None, "day", relation
    d = pub + timedelta(days=shift)
    return d, d, "day", relation


# --- relative to publication -------------------------------------------------------------------



def h_relative_unit(m: re.Match, pub: date | None, tense: str | None) -> Res:
    """this/last/next/earlier this/later this + week/month/year."""
    mod = re.sub(r"\s+", " ", (m["mod"] or m["mod2"]).lower())
    unit = m["unit"].lower()
    relation = {"last": "past", "next": "future", "earlier this": "past", "later this": "future",
                "past": "past", "coming": "future"}.get(mod)
    if pub is None:
        return None, None, unit, relation
    if mod in ("past", "coming"):  # "the past year" is the window up to publication, not last calendar year
        span = timedelta(days=UNIT_DAYS[unit])
        return (pub - span, pub, unit, relation) if mod == "past" else (pub, pub + span, unit, relation)
    s, e = calendar_unit(pub, unit, {"last": -1, "next": 1}.get(mod, 0))
    if mod == "earlier this":
        e = pub
    elif mod == "later this":
        s = pub
    return s, e, unit, relation


def h_ago(m: re.Match, pub: date | None, tense: str | None) -> Res:
    """'two days ago' (past) and 'two weeks from now' (future): the day, week, month or calendar year."""
    n = COUNT.get(m["n"].lower()) or int(m["n"])
    unit = m["unit"].lower().rstrip("s")
    k, relation = (-n, "past") if m["dir"].lower() == "ago" else (n, "future")
    if pub is None:
        return None, None, unit, relation
    s, e = calendar_unit(pub, unit, k)
    return s, e, unit, relation


def h_past_n(m: re.Match, pub: date | None, tense: str | None) -> Res:
    """'the past two years', 'the last 12 months': a window that ends at publication."""
    n = COUNT.get((m["n"] or "one").lower()) or int(m["n"])
    unit = m["unit"].lower().rstrip("s")
    if pub is None:
        return None, None, unit, "past"
    return pub - timedelta(days=n * UNIT_DAYS[unit]), pub, unit, "past"


_VAGUE_DAYS = {"recently": 30, "lately": 30, "earlier": 30, "recent days": 7, "recent weeks": 30,
               "recent months": 180, "recent years": 5 * 365,
               "soon": 30, "coming days": 7, "coming weeks": 30, "coming months": 180, "coming years": 5 * 365}


# Checked in the handlers rather than as lookbehinds in the patterns: a lookbehind at the front of a
# pattern runs at every position of every text, this only where the words matched.
_WORD_BEFORE = re.compile(r"([A-Za-z-]+)\s+$")
_UNIT_WORDS = frozenset({"day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "year", "years"})


def _word_before(m: re.Match) -> str:
    w = _WORD_BEFORE.search(m.string, max(0, m.start() - 14), m.start())
    return w.group(1).lower() if w else ""


def h_vague(m: re.Match, pub: date | None, tense: str | None) -> Res:
    key = re.sub(r"\s+", " ", m["w"].lower())
    before = _word_before(m)
    if before == "as" or (key == "earlier" and (before in _UNIT_WORDS or before == "than")):
        return None  # "as recently as", "as soon as", "than earlier expected"; "a year earlier" is another rule's
    future = key == "soon" or key.startswith("coming")
    relation = "future" if future else "past"
    if pub is None:
        return None, None, "vague", relation
    span = timedelta(days=_VAGUE_DAYS[key])
    if future:
        return pub, pub + span, "vague", relation
    return pub - span, pub, "vague", relation


def h_present(m: re.Match, pub: date | None, tense: str | None) -> Res:
    """'now', 'currently', 'at present': the publication day; 'so far', 'until now': up to it."""
    before = _word_before(m)
    if m["w"] and before in ("by", "from", "until", "till", "to"):
        return None  # "by now", "from now on", "up to now" (the latter is read as a whole)
    if m["upto"] and m["upto"].lower().startswith("to") and before in ("up", "up-"):
        return None  # "up to date"
    if m["upto"]:
        return None, pub, "vague", "past"
    return pub, pub, "vague", "present"
