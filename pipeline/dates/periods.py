"""Handlers for periods: months, parts of a period, seasons, quarters, fiscal years, years, decades,
centuries, and "a year earlier"-like words relative to another date. Used by pipeline.dates.rules."""
from __future__ import annotations

import re
from datetime import date, timedelta

from pipeline.dates.days import Res, month_of
from pipeline.dates.words import (
    CENTURY_WORDS,
    COUNT,
    ORDINAL,
    WEEKDAYS,
    add_months,
    calendar_unit,
    is_month_end,
    month_candidates,
    month_end,
    pick_period,
    quarter_of,
    shift_months,
)

# --- parts of a period -----------------------------------------------------------------------------

_MONTH_PART = {"early": (1, 10), "start": (1, 10), "beginning": (1, 10), "mid": (11, 20), "middle": (11, 20),
               "late": (21, 31), "end": (21, 31), "close": (21, 31)}
# Parts of a year, in months (as the year rule's "early 1987" / "mid-1987" / "end-1986" always had).
YEAR_PART = {"early": (1, 4), "start": (1, 1), "beginning": (1, 1), "mid": (5, 8), "middle": (5, 8),
              "late": (9, 12), "end": (12, 12), "close": (12, 12)}
_WEEK_PART = {"start": (0, 1), "beginning": (0, 1), "middle": (2, 3), "end": (4, 6), "close": (4, 6)}


def month_part(s: date, part: str | None) -> tuple[date, date]:
    last = month_end(s.year, s.month)
    if not part:
        return s, last
    lo, hi = _MONTH_PART[part.lower()]
    return s.replace(day=lo), last.replace(day=min(hi, last.day))


def h_month_only(m: re.Match, pub: date | None, tense: str | None) -> Res:
    mo = month_of(m["m"])
    mod = (m["mod"] or "").lower()
    part = m["part"] or (mod if mod in ("early", "mid", "late") else None)
    relation = {"last": "past", "next": "future", "since": "past"}.get(mod)
    if pub is None:
        return None, None, "month", relation
    if m["ry"]:  # "in February last year", "in March of next year"
        y = pub.year + {"last": -1, "this": 0, "next": 1}[m["ry"]]
        start, end = month_part(date(y, mo, 1), part)
        return (start, pub, "month", "past") if mod == "since" and start <= pub else (start, end, "month", relation)
    want = {"last": "past", "next": "future", "since": "past"}.get(mod, tense)
    if mod in ("last", "next"):
        # "last June" never means the current month; "next June" neither.
        cands = [c for c in month_candidates(mo, pub) if not (c[0] <= pub <= c[1])]
    else:
        cands = month_candidates(mo, pub)
    start, end = month_part(pick_period(cands, pub, want)[0], part)
    if mod == "since":
        return start, pub, "month", "past"
    return start, end, "month", relation


def h_part_of(m: re.Match, pub: date | None, tense: str | None) -> Res:
    """'the end of the year', 'the start of next month', 'the end of June (2024)', 'end-June'."""
    part = (m["part"] or m["part2"]).lower()
    month = m["m"] or m["m2"]
    if month:
        mo = month_of(month)
        if m["y"] or m["y2"]:
            return (*month_part(date(int(m["y"] or m["y2"]), mo, 1), part), "month", None)
        if pub is None:
            return None, None, "month", None
        return (*month_part(pick_period(month_candidates(mo, pub), pub, tense)[0], part), "month", None)
    rel, unit = m["rel"].lower(), m["unit"].lower()
    relation = {"last": "past", "next": "future"}.get(rel)
    if pub is None:
        return None, None, unit, relation
    k = {"last": -1, "next": 1}.get(rel, 0)
    s, e = _part_range(pub, unit, k, part)
    if rel == "the" and tense == "past" and s > pub:  # "exports rose at the end of the year" in January
        s, e = _part_range(pub, unit, -1, part)
    elif rel == "the" and tense == "future" and e < pub:
        s, e = _part_range(pub, unit, 1, part)
    return s, e, ("week" if unit == "week" else "month"), relation


def _part_range(pub: date, unit: str, k: int, part: str) -> tuple[date, date]:
    s, e = calendar_unit(pub, unit, k)
    if unit == "month":
        return month_part(s, part)
    if unit == "week":
        lo, hi = _WEEK_PART.get(part, (0, 6))
        return s + timedelta(days=lo), s + timedelta(days=hi)
    if unit == "quarter":  # one of its three months
        first = date(*add_months(s.year, s.month, {"middle": 1, "end": 2, "close": 2}.get(part, 0)), 1)
        return first, month_end(first.year, first.month)
    lo, hi = YEAR_PART[part]
    return date(s.year, lo, 1), month_end(s.year, hi)


# --- seasons, quarters, fiscal years ---------------------------------------------------------------

_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _season(name: str, y: int) -> tuple[date, date]:
    """Meteorological seasons of the northern hemisphere; a winter runs from December of `y`."""
    mo = _SEASON_START[name]
    ey, em = add_months(y, mo, 2)
    return date(y, mo, 1), month_end(ey, em)


def h_season(m: re.Match, pub: date | None, tense: str | None) -> Res:
    name = m["s"].lower()
    mod = (m["mod"] or "").split()[0].lower() if m["mod"] else ""
    part = (m["part"] or "").lower()
    if not (m["y"] or mod or part or m["lead"]):
        return None  # a bare "summer" or "the summer" is too often a noun of its own ("the summer heat")
    if name == "fall" and not (m["y"] or mod or part or (m["lead"] and "the" in m["lead"].lower())):
        return None  # "fall" the verb and the noun ("a fall in prices") are far commoner than the season
    if m["lead"] and not m["y"] and re.match(r"\s+of\b", m.string[m.end():]):
        return None  # "the winter of discontent"
    relation = {"last": "past", "past": "past", "since": "past", "next": "future", "coming": "future"}.get(mod)
    if m["y"]:
        y = int(m["y"])
        s, e = _season(name, y)  # "winter 2019-20" is December 2019 to February 2020 as well
    else:
        if pub is None:
            return None, None, "season", relation
        cands = [_season(name, y) for y in (pub.year - 1, pub.year, pub.year + 1)]
        current = [c for c in cands if c[0] <= pub <= c[1]]
        if mod == "this":
            s, e = current[0] if current else next(c for c in cands if c[0].year == pub.year)
        else:
            want = {"last": "past", "past": "past", "since": "past", "next": "future", "coming": "future"}.get(mod, tense)
            if mod in ("last", "past", "next", "coming"):
                cands = [c for c in cands if c not in current]
            s, e = pick_period(cands, pub, want)
    if part:
        off = {"early": 0, "mid": 1, "late": 2}[part]
        s = date(*add_months(s.year, s.month, off), 1)
        e = month_end(s.year, s.month)
    if mod == "since" and pub is not None and pub >= s:
        e = pub
    return s, e, "season", relation


def h_quarter(m: re.Match, pub: date | None, tense: str | None) -> Res:
    if m["qn"]:
        word, half = ("first", "second", "third", "fourth")[int(m["qn"]) - 1], False
    elif m["hn"] or m["hn2"]:
        word, half = ("first", "second")[int(m["hn"] or m["hn2"]) - 1], True
    else:
        word, half = m["q"].lower(), m["part"].lower() == "half"
    year = m["y"] or m["y0"] or m["fy"]
    rel = (m["rel"] or "").lower()
    last_prev = word == "last" and not year and not rel  # "last quarter" = the one before this one
    idx = (1 if half else 4) if word == "last" else ORDINAL[word]
    if half and idx > 2:
        return None
    months = 6 if half else 3
    if year:
        y = int(year)
    elif rel:
        if pub is None:
            return None, None, "quarter", None
        y = pub.year + {"this": 0, "the": 0, "last": -1, "next": 1}[rel]
    else:
        if pub is None:
            return None, None, "quarter", None
        if last_prev:
            s = quarter_of(pub, months)[0]
            y, mo = add_months(s.year, s.month, -months)
            return date(y, mo, 1), month_end(*add_months(y, mo, months - 1)), "quarter", "past"
        mo = (idx - 1) * months + 1
        cands = [(date(yy, mo, 1), month_end(yy, mo + months - 1)) for yy in (pub.year - 1, pub.year, pub.year + 1)]
        s, e = pick_period(cands, pub, tense)
        return s, e, "quarter", None
    mo = (idx - 1) * months + 1
    return date(y, mo, 1), month_end(y, mo + months - 1), "quarter", None


def h_rel_quarter(m: re.Match, pub: date | None, tense: str | None) -> Res:
    """'the latest quarter', 'the current quarter', 'next quarter', 'the most recent half'."""
    word = re.sub(r"\s+", " ", m["w"].lower())
    months = 6 if m["part"].lower() == "half" else 3
    k, relation = {"latest": (-1, "past"), "most recent": (-1, "past"), "past": (-1, "past"),
                   "current": (0, None), "this": (0, None), "next": (1, "future"), "coming": (1, "future")}[word]
    if pub is None:
        return None, None, "quarter", relation
    s = quarter_of(pub, months)[0]
    y, mo = add_months(s.year, s.month, k * months)
    return date(y, mo, 1), month_end(*add_months(y, mo, months - 1)), "quarter", relation


def _split_years(y1: int, y2s: str) -> int | None:
    """The end year of "2021-22" / "1998-2001" (None when it is not a later year within 50)."""
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if y2 < y1 and len(y2s) == 2:
        y2 += 100
    return y2 if y1 < y2 <= y1 + 50 else None


def _fiscal_split(y1: int, y2: int) -> tuple[date, date, str, None]:
    # A fiscal year written across two calendar years runs April to March: how India, Japan, the UK,
    # Canada and Hong Kong write theirs (docs/dates-figures.md has the rule and its limits).
    return date(y1, 4, 1), date(y2, 3, 31), "year", None


def h_fiscal(m: re.Match, pub: date | None, tense: str | None) -> Res:
    """'fiscal 2023', 'FY2023', 'FY23', 'FY2022-23', 'fiscal year 2022/23'."""
    ys = m["y"]
    if len(ys) == 2:
        if m["fy"] != "FY" and not m["apos"]:
            return None  # "fiscal 23" is a number more often than a year
        ys = ("20" if int(ys) < 70 else "19") + ys
    y1 = int(ys)
    if m["y2"]:
        y2 = _split_years(y1, m["y2"])
        return _fiscal_split(y1, y2) if y2 and y2 <= y1 + 10 else None
    # A single-year label names the year in which most of it falls for the US federal (October-September)
    # and Japanese (April-March, named by its start) budgets and for calendar-year companies: that year.
    return date(y1, 1, 1), date(y1, 12, 31), "year", None


# --- years, decades, centuries ---------------------------------------------------------------------

_LEAD_YEAR_BACK = re.compile(r"\b(?:[Ii]n|of|[Bb]y|[Tt]he|[Dd]uring|[Bb]etween|until|before|after|[Ff]rom|fiscal|"
                             r"calendar|year|crop|season)\s+$")
_MOD_YEAR_BACK = re.compile(r"\b(?:(?P<mod>[Ss]ince|[Ee]arly|[Mm]id|[Ll]ate|[Ee]nd)(?:-|\s+of\s+|-of-|\s+)|"
                            r"(?P<mod2>[Ss]tart|[Bb]eginning|[Mm]iddle|[Cc]lose)\s+of\s+)$")
# A possessive or determiner before a bare year that a noun follows ("her 2016 campaign", "China's 2023
# upgrade", "a 2019 law"): the year is the noun's date. Not after a time word ("last year's 2016 gathering").
_POSS_BACK = re.compile(r"\b(?P<w>his|her|its|their|our|my|your|whose|this|that|a|an|[A-Za-z][\w.-]*['’]s?)\s+$")
_TIME_POSS = frozenset({"year", "years", "month", "week", "day", "today", "yesterday", "tomorrow", "season",
                        *(w.lower() for w in WEEKDAYS)})
_NOUN_AFTER = re.compile(r"\s+(?P<noun>[a-z][a-z-]+)\b")
_NOT_NOUNS = frozenset({"and", "or", "to", "in", "on", "at", "of", "for", "by", "with", "was", "were", "is", "are",
                        "has", "had", "have", "will", "would", "as", "than", "from", "the", "a", "an", "that",
                        "which", "when", "but", "so", "if", "new", "more", "other", "such", "through"})
# A bare year needs a lead word, or one of these after it ("Taiwan's 1986 trade surplus").
YEAR_NOUNS = (r"(?:trade|exports?|imports?|surplus|deficit|budget|season|crop|harvest|output|production|sales|"
               r"figures?|elections?|results|earnings|profits?|revenues?|accounts|quota|quotas|levels?|"
               r"average|total|growth|forecast|target|agreement|accord|deployment|visit|summit|olympics|"
               r"census|report|war|crisis|invasion|law)\b")
# Consecutive years split by a dash are a fiscal year ("2021-22"), except in a crop or sports season.
_SEASON_NEAR = re.compile(r"\s*(?:crop|marketing|growing|sugar|coffee|cocoa|grain|wheat|cotton|shipping|"
                          r"season|seasons|campaign|harvest|winter|summer|academic|school)\b", re.I)
_SEASON_BEFORE = re.compile(r"\b(?:crop|marketing|season|campaign)\s+(?:year\s+)?$", re.I)
_FISCAL_NEAR = re.compile(r"\s*(?:fiscal|financial|budget|FY)\b", re.I)


def h_year(m: re.Match, pub: date | None, tense: str | None) -> Res:
    ys = m.start("y")
    text = m.string
    window = text[max(0, ys - 16):ys]
    mod_m = _MOD_YEAR_BACK.search(window)
    span_start = ys - len(window) + mod_m.start() if mod_m else None  # "since 2017": the word is part of it
    alone = mod_m is None and _LEAD_YEAR_BACK.search(window) is None
    before = window[-1:]
    if alone and before and (before.isalnum() or before in "$£€¥.,/-"):
        return None  # part of a bigger number, a code or an amount
    mod = (mod_m["mod"] or mod_m["mod2"]).lower() if mod_m else ""
    end = None
    if m["y2"]:
        y1 = int(m["y"])
        y2 = _split_years(y1, m["y2"])
        if y2 is not None:
            after = text[m.end():m.end() + 24]
            if y2 == y1 + 1 and len(m["y2"]) == 2 and (
                    _FISCAL_NEAR.match(after)
                    or (m["sep"] in "-–" and not _SEASON_NEAR.match(after) and not _SEASON_BEFORE.search(window))):
                s, e, precision, relation = _fiscal_split(y1, y2)
            else:
                s, e, precision, relation = date(y1, 1, 1), date(y2, 12, 31), "year", None
            if mod == "since" and (pub is None or pub >= s):  # "since 1983-84"
                e, relation = pub, "past"
            return s, e, precision, relation, end, span_start
        if alone:
            return None
        end = m.end("y")  # "the 1986 and 1985 deficits" lists years: keep the first one only
    elif alone and m["ctx"] is None and not _noun_year(text, window, m.end()):
        return None  # alone, a year needs "'s" or a date-ish noun after it
    y = int(m["y"])
    s, e, precision, relation = date(y, 1, 1), date(y, 12, 31), "year", None
    if mod == "since" and (pub is None or pub >= s):  # a "since" after publication is just the year
        e, relation = pub, "past"
    elif mod and mod != "since":
        lo, hi = YEAR_PART[mod]
        s, e, precision = date(y, lo, 1), month_end(y, hi), "month"
    return s, e, precision, relation, end, span_start


def _noun_year(text: str, window: str, after: int) -> bool:
    poss = _POSS_BACK.search(window)
    if not poss or re.sub(r"['’]s?$", "", poss["w"]).lower() in _TIME_POSS:
        return False
    noun = _NOUN_AFTER.match(text, after)
    if not noun or noun["noun"] in _NOT_NOUNS:
        return False
    w = noun["noun"]
    return not w.endswith("s") or w.endswith("ss")  # "her 2016 campaign", not "her 2000 supporters"


def h_decade(m: re.Match, pub: date | None, tense: str | None) -> Res:
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


def h_century(m: re.Match, pub: date | None, tense: str | None) -> Res:
    """'the 19th century' (1800-1899, as news uses it), 'the twenty-first century', 'the 1800s', 'last century'."""
    relation = None
    if m["n"]:
        n = int(m["n"])
    elif m["w"]:
        n = CENTURY_WORDS[re.sub(r"[-\s]+", "-", m["w"].lower())]
    elif m["c"]:
        n = int(m["c"]) + 1
    else:
        rel = m["rel"].lower()
        relation = {"last": "past", "next": "future"}.get(rel)
        if pub is None:
            return None, None, "century", relation
        n = pub.year // 100 + 1 + {"this": 0, "last": -1, "next": 1}[rel]
    if not 2 <= n <= 22:
        return None
    base = (n - 1) * 100
    lo, hi = {"early": (0, 32), "mid": (33, 66), "late": (67, 99)}.get((m["mod"] or "").lower(), (0, 99))
    return date(base + lo, 1, 1), date(base + hi, 12, 31), "century", relation


# --- relative to another date in the text --------------------------------------------------------------

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 4, "year": 5}
_UNIT_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 5}


def h_relative_to(m: re.Match, pub: date | None, tense: str | None, prior: list) -> Res:
    """'a year earlier', 'the previous year', 'two months later', 'the following day', 'year-ago'.

    Relative to the nearest date before it in the text that is at least as fine as the unit ("exports
    rose in January from a year earlier" -> January a year before), else to publication. `prior` holds
    (start, end, precision, deictic, end offset) of the spans found so far, deictic for weekdays and
    "today"-like words, which date the report rather than the period a comparison is about."""
    unit = (m["unit"] or m["unit2"] or m["unit3"] or m["ya"]).lower()
    word = (m["dir"] or m["dir2"] or m["dir3"] or m["dir4"]).lower()
    if word in ("before", "after", "prior") and m["unit3"] is None or m["unit3"]:
        tail = m.string[m.end():m.end() + 4].lstrip()
        if tail and tail[0] not in ",.;:)!?" and not tail.startswith("and"):
            return None  # "two years before the war": relative to the war, which has no date here
    if word == "next" and unit != "day":
        return None  # "the next year" is mostly a window from publication ("over the next year")
    n = COUNT.get((m["n"] or "a").lower()) or int(m["n"])
    k = -n if word in ("earlier", "before", "previously", "prior", "previous", "preceding", "ago") else n
    for s, e, precision, deictic, at in reversed(prior):
        if at < m.start() - 250:
            break
        if s is None or e is None or precision not in _PRECISION_RANK:
            continue
        if _PRECISION_RANK[precision] > _UNIT_RANK[unit] or (deictic and unit not in ("day", "week")):
            continue
        return (*_shift(s, e, unit, k), precision, None)
    relation = "past" if k < 0 else "future"
    if pub is None:
        return None, None, unit, relation
    return (*calendar_unit(pub, unit, k), unit, relation)


def _shift(s: date, e: date, unit: str, k: int) -> tuple[date, date]:
    if unit in ("day", "week"):
        step = timedelta(days=k * (7 if unit == "week" else 1))
        return s + step, e + step
    months = k * {"month": 1, "quarter": 3, "year": 12}[unit]
    return shift_months(s, months), shift_months(e, months, to_end=is_month_end(e))
