"""Date expressions in a sentence ("January 4 to 7", "on Tuesday", "in 2017", "last year") -> ISO ranges.

Pure and regex-based: relative words resolve against the publication date; see docs/dates-figures.md.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateSpan", "find_dates"]


@dataclass(frozen=True, slots=True)
class DateSpan:
    """One date expression: where it is in the text, what it says, and the range it resolves to."""
    start: int
    end: int
    text: str
    date_start: str | None
    date_end: str | None
    precision: str  # day | week | month | year | decade | vague (schema.DATE_PRECISIONS)
    relation: str | None = None  # past | future, only when the words themselves say so


# --------------------------------------------------------------------------------------------
# Vocabulary
MONTHS_FULL = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
# Abbreviations that may stand before a day or a year ("Feb 26", "Jan. 4-7", "Sept. 1987").
_MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
               "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
_MONTH_NUM = {**{m: i for i, m in enumerate(MONTHS_FULL, 1)}, **_MONTH_ABBR}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4,
            "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

# Month names are matched case-sensitively: "May"/"March" the words are not months when lower-case.
_MFULL = "(?:" + "|".join(MONTHS_FULL) + ")"
_MANY = r"(?:" + "|".join(MONTHS_FULL) + r"|(?:Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?)"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)[0-9]{2}"
_WD = "(?:" + "|".join(WEEKDAYS) + ")"
# "and" is not a range word for days: "payable March 15 and September 15" is two dates.
_RANGE_SEP = r"\s*(?:-|–|—|to|through|until|till)\s*"
# A 4-digit number followed by one of these is a quantity, never a year ("1987 mln dlrs", "2000 tonnes").
_UNIT_AFTER = (r"(?!\s*(?:%|pct\b|per\s*cent|percent|mln|bln|million|billion|trillion|thousand|dlrs?\b|"
               r"dollars?|yen\b|marks\b|francs\b|stg\b|pounds\b|euros?\b|won\b|yuan\b|tonnes?\b|tons?\b|"
               r"barrels?\b|bpd\b|shares?\b|ounces?\b|bags?\b|kilos?\b|kg\b|km\b|miles?\b|acres?\b|hectares?\b|"
               r"units?\b|vehicles?\b|cars?\b|people\b|persons?\b|workers?\b|jobs?\b|employees?\b|troops?\b|"
               r"soldiers?\b|points?\b|feet\b|metres?\b|meters?\b|lots?\b|contracts?\b|members?\b|votes?\b|"
               r"[.,]\d))")
_NOT_NUM_BEFORE = r"(?<![\d$£€¥.,/-])"


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# --------------------------------------------------------------------------------------------
# Calendar helpers (pure)

def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _nearest_year_for_day(m: int, d: int, pub: date) -> date | None:
    """A month/day without a year: the year that puts it nearest to publication (Dec<->Jan both ways)."""
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        cand = _safe_date(y, m, d)
        if cand and (best is None or abs((cand - pub).days) < abs((best - pub).days)):
            best = cand
    return best


def _pick_period(starts: list[tuple[date, date]], pub: date, tense: str | None) -> tuple[date, date]:
    """Choose among candidate periods (start, end) of a year-less month or quarter.

    Past: the latest that has begun by publication. Future: the earliest not yet over.
    No tense: the nearest by start (ties go to the past: news mostly reports what happened)."""
    if tense == "past":
        began = [p for p in starts if p[0] <= pub]
        if began:
            return max(began)
    elif tense == "future":
        open_ = [p for p in starts if p[1] >= pub]
        if open_:
            return min(open_)
    return min(starts, key=lambda p: (abs((p[0] - pub).days), p[0] > pub))


def _month_candidates(m: int, pub: date) -> list[tuple[date, date]]:
    return [(date(y, m, 1), _month_end(y, m)) for y in (pub.year - 1, pub.year, pub.year + 1)]


def _quarter_range(y: int, q: int) -> tuple[date, date]:
    return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)


def _week_of(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


# --------------------------------------------------------------------------------------------
# Tense near an expression, from the 60 characters before it. A reporting verb right before it
# ("the Blue House said on Tuesday") means past; otherwise the last tense cue wins. Reporting verbs
# further away frame the whole sentence ("said it is launching in May") and are not cues; a past
# form after "be"/"been" is a passive ("will be completed before mid-May") and is not one either.
# Checked on Reuters by comparing with no inference at all (docs/dates-figures.md).
_REPORTED = _rx(r"\b(?:said|says|told|announced|confirmed|reported|added|stated|noted|declared)"
                r"(?:\s+(?:on|in|late|early|last|this))?\s*$", re.I)
_FUTURE_WORDS = (r"will|'ll|shall|would|upcoming|scheduled|due\s+(?:to|in|on)|plans\s+to|planning\s+to|"
                 r"planned\s+to|expected\s+to|expects?\s+to|set\s+to|"
                 r"to\s+(?:visit|hold|meet|attend|travel|sign|begin|start|host|be)")
_PAST_WORDS = (r"was|were|had|did|ago|earlier|previously|took|made|met|signed|agreed|began|ended|rose|fell|"
               r"grew|dropped|increased|decreased|declined|posted|recorded|earned|lost|showed|gained|jumped|"
               r"climbed|slipped|eased|narrowed|widened|approved|visited|held|completed|launched|opened|"
               r"closed|reached|hit|cut|raised|imposed|won|killed|attacked|arrived|returned|left|sent")
_CUE_RX = _rx(rf"\b(?:(?P<fut>{_FUTURE_WORDS})|(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)(?P<past>{_PAST_WORDS}))\b",
              re.I)


def _local_tense(text: str, start: int) -> str | None:
    window = text[max(0, start - 60):start]
    if _REPORTED.search(window):
        return "past"
    last = None
    for m in _CUE_RX.finditer(window):
        last = "future" if m.group("fut") else "past"
    return last


# --------------------------------------------------------------------------------------------
# Rules. Each handler gets the match, the publication date (or None) and the tense to use, and
# returns (date_start, date_end, precision, relation) or None to drop the match.

# (start, end, precision, relation[, end offset if shorter than the match[, start offset if earlier]])
# or None
_Res = tuple | None


def _month_of(tok: str) -> int:
    return _MONTH_NUM[tok.rstrip(".")]


def _day_of(tok: str) -> int:
    return int(re.match(r"\d+", tok).group())


def _h_month_first(m: re.Match, pub: date | None, tense: str | None) -> _Res:
    m1 = _month_of(m["m1"])
    if m["yo"]:  # "December 2024"
        y = int(m["yo"])
        return date(y, m1, 1), _month_end(y, m1), "month", None
    m2 = _month_of(m["m2"]) if m["m2"] else m1
    d1 = _day_of(m["d1"])
    d2 = _day_of(m["d2"]) if m["d2"] else d1
    return _resolve_days(m1, d1, m2, d2, m["y"], pub)


def _resolve_days(m1: int, d1: int, m2: int, d2: int, year: str | None, pub: date | None) -> _Res:
    if year:
        y = int(year)
        end = _safe_date(y, m2, d2)
        # "December 28 to January 3, 2026": the year belongs to the end.
        start = _safe_date(y if (m1, d1) <= (m2, d2) else y - 1, m1, d1)
        if not start or not end:
            return None
        return start, end, "day", None
    if not (_safe_date(2000, m1, d1) and _safe_date(2000, m2, d2)):  # 2000 is a leap year
        return None
    if pub is None:
        return None, None, "day", None
    start = _nearest_year_for_day(m1, d1, pub)
    if start is None:
        return None
    end = _safe_date(start.year, m2, d2)
    if end is None or end < start:
        end = _safe_date(start.year + 1, m2, d2)
    if end is None:
        return None
    return start, end, "day", None


def _h_day_first(m: re.Match, pub: date | None, tense: str | None) -> _Res:
    m2 = _month_of(m["m2"])
    m1 = _month_of(m["m1"]) if m["m1"] else m2
    d1 = _day_of(m["d1"])
    d2 = _day_of(m["d2"]) if m["d2"] else d1
    return _resolve_days(m1, d1, m2, d2, m["y"], pub)


def _h_iso(m: re.Match, pub: date | None, tense: str | None) -> _Res:
    d = _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return (d, d, "day", None) if d else None


_PART_BOUNDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


def _h_month_only(m: re.Match, pub: date | None, tense: str | None) -> _Res:
    mo = _month_of(m["m"])
    mod = (m["mod"] or "").lower()
    relation = {"last": "past", "next": "future", "since": "past"}.get(mod)
    if pub is None:
        return None, None, "month", relation
    want = {"last": "past", "next": "future", "since": "past"}.get(mod, tense)
    if mod in ("last", "next"):
        # "last June" never means the current month; "next June" neither.
        cands = [c for c in _month_candidates(mo, pub) if not (c[0] <= pub <= c[1])]
    else:
        cands = _month_candidates(mo, pub)
    start, end = _pick_period(cands, pub, want)
    if mod == "since":
        return start, pub, "month", "past"
    return start, end, "month", relation


def _h_weekday(m: re.Match, pub: date | None, tense: str | None) -> _Res:
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
        d = _week_of(pub)[0] + timedelta(days=wd)
    elif tense == "future":
        d = pub + timedelta(days=ahead)
    else:  # past or unknown: news reports "said on Tuesday" about the days just gone
        d = pub - timedelta(days=back)
    return d, d, "day", relation


def _h_relative_day(m: re.Match, pub: date | None, tense: str | None) -> _Res:
    w = m["w"].lower()
    shift, relation = {"today": (0, None), "tonight": (0, None), "yesterday": (-1, "past"),
                       "tomorrow": (1, "future")}[w]
    if m["pre"] and m["pre"].lower().startswith("earlier"):
        relation = "past"
    if pub is None:
        return None, None, "day", relation
    d = pub + timedelta(days=shift)
    return d, d, "day", relation


_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def _h_relative_unit(m: re.Match, pub: date | None, tense: str | None) -> _Res:
    """this/last/next/earlier this/later this + week/month/year."""
    mod = re.sub(r"\s+", " ", (m["mod"] or m["mod2"]).lower())
    unit = m["unit"].lower()
    relation = {"last": "past", "next": "future", "earlier this": "past", "later this": "future",
                "past": "past", "coming": "future"}.get(mod)
    precision = unit
    if pub is None:
        return None, None, precision, relation
    if mod in ("past", "coming"):  # "the past year" is the window up to publication, not last calendar year
        span = timedelta(days=_UNIT_DAYS[unit])
        return (pub - span, pub, unit, relation) if mod == "past" else (pub, pub + span, unit, relation)
    k = {"last": -1, "next": 1}.get(mod, 0)
    if unit == "week":
        s, e = _week_of(pub + timedelta(days=7 * k))
    elif unit == "month":
        y, mo = _add_months(pub.year, pub.month, k)
        s, e = date(y, mo, 1), _month_end(y, mo)
    else:
        s, e = date(pub.year + k, 1, 1), date(pub.year + k, 12, 31)
    if mod == "earlier this":
        e = pub
    elif mod == "later this":
        s = pub
    return s, e, precision, relation




def _h_ago(m: re.Match, pub: date | None, tense: str | None) -> _Res:
    n = _COUNT.get(m["n"].lower()) or int(m["n"])
    unit = m["unit"].lower().rstrip("s")
    if pub is None:
        return None, None, unit, "past"
    if unit == "day":
        d = pub - timedelta(days=n)
        return d, d, "day", "past"
    if unit == "week":
        s, e = _week_of(pub - timedelta(days=7 * n))
        return s, e, "week", "past"
    if unit == "month":
        y, mo = _add_months(pub.year, pub.month, -n)
        return date(y, mo, 1), _month_end(y, mo), "month", "past"
    return date(pub.year - n, 1, 1), date(pub.year - n, 12, 31), "year", "past"


def _h_past_n(m: re.Match, pub: date | None, tense: str | None) -> _Res:
    """'the past two years', 'the last 12 months': a window that ends at publication."""
    n = _COUNT.get((m["n"] or "one").lower()) or int(m["n"])
    unit = m["unit"].lower().rstrip("s")
    if pub is None:
        return None, None, unit, "past"
    return pub - timedelta(days=n * _UNIT_DAYS[unit]), pub, unit, "past"


_VAGUE_DAYS = {"recently": 30, "lately": 30, "earlier": 30, "recent days": 7, "recent weeks": 30,
               "recent months": 180, "recent years": 5 * 365,
               "soon": 30, "coming days": 7, "coming weeks": 30, "coming months": 180, "coming years": 5 * 365}


def _h_vague(m: re.Match, pub: date | None, tense: str | None) -> _Res:
    key = re.sub(r"\s+", " ", m["w"].lower())
    future = key == "soon" or key.startswith("coming")
    relation = "future" if future else "past"
    if pub is None:
        return None, None, "vague", relation
    span = timedelta(days=_VAGUE_DAYS[key])
    if future:
        return pub, pub + span, "vague", relation
    return pub - span, pub, "vague", relation


def _h_year(m: re.Match, pub: date | None, tense: str | None) -> _Res:
    ys = m.start("y")
    window = m.string[max(0, ys - 16):ys]
    mod_m = _MOD_YEAR_BACK.search(window)
    span_start = ys - len(window) + mod_m.start() if mod_m else None  # "since 2017": the word is part of it
    alone = mod_m is None and _LEAD_YEAR_BACK.search(window) is None
    before = window[-1:]
    if alone and before and (before.isalnum() or before in "$£€¥.,/-"):
        return None  # part of a bigger number, a code or an amount
    mod = mod_m["mod"].lower() if mod_m else ""
    end = None
    if m["y2"]:
        rng = _year_range(int(m["y"]), m["y2"])
        if rng is not None:
            s, e, precision, relation = rng
            if mod == "since" and (pub is None or pub >= s):  # "since 1983-84"
                e, relation = pub, "past"
            return s, e, precision, relation, end, span_start
        if alone:
            return None
        end = m.end("y")  # "the 1986 and 1985 deficits" lists years: keep the first one only
    elif alone and m["ctx"] is None:
        return None  # alone, a year needs "'s" or a date-ish noun after it
    y = int(m["y"])
    s, e, precision, relation = date(y, 1, 1), date(y, 12, 31), "year", None
    if mod == "since" and (pub is None or pub >= s):  # a "since" after publication is just the year
        e, relation = pub, "past"
    elif mod == "mid":
        s, e, precision = date(y, 5, 1), date(y, 8, 31), "month"
    elif mod == "early":
        s, e, precision = date(y, 1, 1), date(y, 4, 30), "month"
    elif mod == "late":
        s, e, precision = date(y, 9, 1), date(y, 12, 31), "month"
    elif mod == "end":
        s, e, precision = date(y, 12, 1), date(y, 12, 31), "month"
    return s, e, precision, relation, end, span_start


def _year_range(y1: int, y2s: str) -> _Res:
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if y2 < y1 and len(y2s) == 2:
        y2 += 100
    if not (y1 < y2 <= y1 + 50):
        return None
    return date(y1, 1, 1), date(y2, 12, 31), "year", None


def _h_decade(m: re.Match, pub: date | None, tense: str | None) -> _Res:
    d = m["dec"] or m["dec2"]
    if len(d) == 2:  # "the '90s": the century nearest before publication, else the 1900s
        base = (pub.year // 100) * 100 if pub else 1900
        y = base + int(d)
        if pub and y > pub.year:
            y -= 100
    else:
        y = int(d)
    if y % 10:
        return None
    mod = (m["mod"] or "").lower()
    s, e = y, y + 9
    if mod == "early":
        e = y + 3
    elif mod == "mid":
        s, e = y + 3, y + 6
    elif mod == "late":
        s = y + 6
    return date(s, 1, 1), date(e, 12, 31), "decade", None


def _h_quarter(m: re.Match, pub: date | None, tense: str | None) -> _Res:
    if m["qn"]:
        word, half = ("first", "second", "third", "fourth")[int(m["qn"]) - 1], False
    elif m["hn"]:
        word, half = ("first", "second")[int(m["hn"]) - 1], True
    else:
        word, half = m["q"].lower(), m["part"].lower() == "half"
    year = m["y"] or m["y0"]
    rel = (m["rel"] or "").lower()
    last_prev = word == "last" and not year and not rel  # "last quarter" = the one before this one
    if word == "last":
        idx = 1 if half else 4
    else:
        idx = _ORDINAL[word]
    if half and idx > 2:
        return None
    months = 6 if half else 3
    if year:
        y = int(year)
    elif rel:
        if pub is None:
            return None, None, "month", None
        y = pub.year + {"this": 0, "last": -1, "next": 1}[rel]
    else:
        if pub is None:
            return None, None, "month", None
        if last_prev:
            cur = (pub.month - 1) // months
            y, mo = _add_months(pub.year, cur * months + 1, -months)
            return date(y, mo, 1), _month_end(*_add_months(y, mo, months - 1)), "month", "past"
        cands = []
        for yy in (pub.year - 1, pub.year, pub.year + 1):
            mo = (idx - 1) * months + 1
            cands.append((date(yy, mo, 1), _month_end(yy, mo + months - 1)))
        s, e = _pick_period(cands, pub, tense)
        return s, e, "month", None
    mo = (idx - 1) * months + 1
    return date(y, mo, 1), _month_end(y, mo + months - 1), "month", None


# Order matters only for ties (same start, same length); overlaps go to the longest match.
# A group named "lead" is context that must be there but is not part of the date ("in", "the").
_LEAD_MONTH = r"(?P<lead>\b(?:[Ii]n|[Bb]y|of|until|[Dd]uring|before|after|[Ff]rom)\s+)"
_LEAD_YEAR_BACK = _rx(r"\b(?:[Ii]n|of|[Bb]y|[Tt]he|[Dd]uring|[Bb]etween|until|before|after|[Ff]rom|fiscal|calendar|"
                      r"year|crop|season)\s+$")
_MOD_YEAR_BACK = _rx(r"\b(?P<mod>[Ss]ince|[Ee]arly|[Mm]id|[Ll]ate|[Ee]nd)(?:-|\s+of\s+|-of-|\s+)$")
# A bare year needs a lead word, or one of these after it ("Taiwan's 1986 trade surplus").
_YEAR_NOUNS = (r"(?:trade|exports?|imports?|surplus|deficit|budget|season|crop|harvest|output|production|sales|"
               r"figures?|elections?|results|earnings|profits?|revenues?|accounts|quota|quotas|levels?|"
               r"average|total|growth|forecast|target|agreement|accord|deployment|visit|summit|olympics|"
               r"census|report|war|crisis|invasion|law)\b")
_RULES: list[tuple[re.Pattern[str], Callable]] = [
    # ISO dates: 2025-12-30
    (_rx(rf"{_NOT_NUM_BEFORE}\b(?P<y>{_YEAR})-(?P<mo>0[1-9]|1[0-2])-(?P<d>[0-3][0-9])\b"), _h_iso),
    # January 4 to 7 / Jan. 4-7 / December 28 to January 3, 2026 / December 3, 2024 / Feb 26 /
    # December 2024 / Sept. 1987 / June of 2024: one pattern, so one scan, for every month-first form
    (_rx(rf"\b(?P<m1>{_MANY})(?:\s+(?P<d1>{_DAY})(?:{_RANGE_SEP}(?:(?P<m2>{_MANY})\s+)?(?P<d2>{_DAY}))?\b"
         rf"(?!\s*(?:%|pct|percent|mln|bln|billion|million|[.,]\d))(?:,?\s+(?P<y>{_YEAR})\b)?"
         rf"|(?:\s+of|,)?\s+(?P<yo>{_YEAR})\b(?![-–/]\d))"), _h_month_first),
    # 4-7 January / 4 January to 7 February 2026 / 3 December 2024 / 3rd of December
    (_rx(rf"{_NOT_NUM_BEFORE}\b(?P<d1>{_DAY})(?:(?:\s+(?P<m1>{_MANY}))?{_RANGE_SEP}(?P<d2>{_DAY}))?\s+(?:of\s+)?"
         rf"(?P<m2>{_MANY})(?:,?\s+(?P<y>{_YEAR})\b)?"), _h_day_first),
    # in June / last June / since mid-June / early June (a bare month needs a word before it: "May" is a verb)
    (_rx(rf"(?:{_LEAD_MONTH}|(?P<mod>\b(?:[Ll]ast|[Nn]ext|[Tt]his|[Ss]ince|[Ee]arly|[Mm]id|[Ll]ate))(?:-|\s+))"
         rf"(?:(?:[Ee]arly|[Mm]id|[Ll]ate)(?:-|\s+))?(?P<m>{_MFULL})\b(?!,?\s+\d)"), _h_month_only),
    # Tuesday / on Tuesday / last Tuesday / next Tuesday
    (_rx(rf"(?:(?P<mod>\b(?:[Ll]ast|[Nn]ext|[Tt]his))\s+)?\b(?P<wd>{_WD})\b"), _h_weekday),
    # today / yesterday / tomorrow / earlier today
    (_rx(r"(?:(?P<pre>\b(?:earlier|later)\s+)(?=today))?\b(?P<w>today|tonight|yesterday|tomorrow)\b", re.I),
     _h_relative_day),
    # this week / last month / next year / earlier this month / later this year / the past year
    (_rx(r"(?:(?P<lead>\bthe\s+)(?P<mod2>past|coming)|\b(?P<mod>this|last|next|earlier\s+this|later\s+this))\s+"
         r"(?P<unit>week|month|year)\b", re.I), _h_relative_unit),
    # two days ago / a year ago
    (_rx(r"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
         r"(?P<unit>days?|weeks?|months?|years?)\s+ago\b", re.I), _h_ago),
    # the past two years / the last 12 months
    (_rx(r"(?P<lead>\bthe\s+)(?:past|last)\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
         r"\d{1,2})\s+(?P<unit>days|weeks|months|years)\b", re.I), _h_past_n),
    # recently / earlier / in recent weeks / soon / in the coming months
    (_rx(r"(?<!as\s)\b(?P<w>recently|lately|soon|recent\s+(?:days|weeks|months|years)|"
         # "a year earlier" is relative to some other time, not to publication: no date
         r"(?<!year\s)(?<!years\s)(?<!month\s)(?<!months\s)(?<!week\s)(?<!weeks\s)(?<!day\s)(?<!days\s)"
         r"earlier(?!\s+(?:than|this|today|in\s+the\s+day)\b))\b(?!\s+as\b)", re.I), _h_vague),
    (_rx(r"(?P<lead>\bthe\s+)(?P<w>coming\s+(?:days|weeks|months|years))\b", re.I), _h_vague),
    # the 1990s / the '90s / mid-1980s / early 2000s
    (_rx(r"(?:(?P<mod>\b(?:[Ee]arly|[Mm]id|[Ll]ate))-?\s*)?(?:\b(?P<dec>(?:19|20)[0-9]0)|"
         r"(?P<lead>\bthe\s+)['’](?P<dec2>[0-9]0))s\b"), _h_decade),
    # first quarter / the 1986 fourth quarter / first half of 2025 / Q1 2025 / last quarter
    (_rx(rf"(?:(?P<lead>\b[Tt]he\s+)?\b(?P<y0>{_YEAR})\s+)?\b(?:(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+"
         rf"(?P<part>quarter|half)|Q(?P<qn>[1-4])|H(?P<hn>[12]))\b"
         rf"(?:\s+(?:of\s+)?(?:(?P<y>{_YEAR})\b|(?P<rel>this|last|next)\s+year\b))?", re.I), _h_quarter),
    # in 2017 / since 2017 / the 2017 deployment / fiscal 1987 / mid-1987 / end-1986 / 2017's /
    # 2017-2019 / from 2017 to 2019 / between 2017 and 2019 / 1986/87. The pattern starts at the
    # digits (sre then skips ahead fast) and the handler looks back for the word before: 10x cheaper
    # than a lead alternation tried at every position (measured on Reuters).
    (_rx(rf"(?P<y>{_YEAR})(?!\d)(?:\s*(?:[-–/]|to|and|through)\s*(?P<y2>{_YEAR}|\d{{2}})\b|(?![-–/]\d))(?!s\b)"
         rf"{_UNIT_AFTER}(?P<ctx>(?=['’]s\b)|(?=\s+{_YEAR_NOUNS}))?"), _h_year),
]


# Each rule runs only when the text holds one of its trigger substrings: a literal scan is far
# cheaper than letting a dozen regexes look at every position (measured: bench/dates_speed.py).
# The bool says whether to look in the lower-cased text (month names must be capitalised).
_MONTH_KEYS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_YEAR_KEYS = ("19", "20")
_GATES: dict[Callable, tuple[tuple[str, ...], bool]] = {  # handler -> (substrings, lower-cased?)
    _h_iso: (_YEAR_KEYS, False),
    _h_month_first: (_MONTH_KEYS, False), _h_day_first: (_MONTH_KEYS, False), _h_month_only: (_MONTH_KEYS, False),
    _h_weekday: (("day",), False),
    _h_relative_day: (("oday", "onight", "esterday", "omorrow"), True),
    _h_relative_unit: (("week", "month", "year"), True),
    _h_ago: ((" ago",), True),
    _h_past_n: (("past ", "last "), True),
    _h_vague: (("recent", "lately", "soon", "earlier", "coming"), True),
    _h_decade: (("0s",), False),
    _h_quarter: (("quarter", "half", "q1", "q2", "q3", "q4", "h1", "h2"), True),
    _h_year: (_YEAR_KEYS, False),
}
_TENSE_AWARE = {_h_month_only, _h_weekday, _h_quarter}


def _gate(keys: tuple[str, ...]) -> Callable[[str], re.Match | None]:
    # A plain literal alternation: sre scans it as fast as chained `in` tests, twice any() over them.
    # (One alternation over all families, with groups, measured 2x slower than these separate ones.)
    return re.compile("|".join(map(re.escape, keys))).search


_GATE_FUNCS = {keys: _gate(keys) for keys, _low in _GATES.values()}
_COMPILED = [(prio, rx, h, _GATE_FUNCS[_GATES[h][0]], _GATES[h][1], "lead" in rx.groupindex)
             for prio, (rx, h) in enumerate(_RULES)]


def find_dates(text: str, published: date | None, tense: str | None = None) -> list[DateSpan]:
    """Every date expression in `text`, sorted by start, resolved against `published`.

    `tense` ("past"/"future") says how to read year-less months, quarters and weekdays; without it
    the words just before each expression decide ("said on Tuesday" -> past, "will ... on Tuesday"
    -> future). Where expressions overlap, the longest wins."""
    lower = text.lower()
    found: list[tuple[int, int, int, re.Match, Callable]] = []
    hits: dict[Callable, bool] = {}  # one search per trigger family, shared by the rules that use it
    for prio, rx, handler, gate, use_lower, lead in _COMPILED:
        hit = hits.get(gate)
        if hit is None:
            hit = hits[gate] = gate(lower if use_lower else text) is not None
        if not hit:
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
    taken_end = -1
    for start, _neg_len, _prio, m, handler in found:
        if start < taken_end:
            continue
        t = (fixed_tense or _local_tense(text, start)) if handler in _TENSE_AWARE else None
        try:
            res = handler(m, published, t)
        except (ValueError, OverflowError):
            continue  # a publication date at the calendar's edge (year 1, 9999): no date rather than a crash
        if res is None:
            continue
        s, e, precision, relation = res[:4]
        # A handler may keep only the front of its match, or take in a word before it ("since").
        end = res[4] if len(res) > 4 and res[4] is not None else m.end()
        if len(res) > 5 and res[5] is not None and res[5] >= taken_end:
            start = res[5]
        out.append(DateSpan(start, end, text[start:end], _iso(s), _iso(e), precision, relation))
        taken_end = end
    return out
