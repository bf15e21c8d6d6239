"""The words, calendar arithmetic and tense cues that pipeline.dates.rules builds its patterns from.

Pure helpers, no state: month and weekday names, regex fragments, period candidates and the clause tense."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from pipeline import lexicon
from pipeline.datafiles import trie

MONTHS_FULL = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
# Abbreviations that may stand before a day or a year ("Feb 26", "Jan. 4-7", "Sept. 1987").
MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
              "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
MONTH_NUM = {**{m: i for i, m in enumerate(MONTHS_FULL, 1)}, **MONTH_ABBR}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4,
           "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
COUNT_RX = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
# Centuries written as words ("the nineteenth century"); digits ("19th") are read directly.
CENTURY_WORDS = {"tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
                 "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                 "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21}

# Month names are matched case-sensitively: "May"/"March" the words are not months when lower-case.
MFULL = "(?:" + "|".join(MONTHS_FULL) + ")"
MANY = r"(?:" + "|".join(MONTHS_FULL) + r"|(?:Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?)"
DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)[0-9]{2}"
WD = "(?:" + "|".join(WEEKDAYS) + ")"
# "and" is not a range word for days: "payable March 15 and September 15" is two dates.
RANGE_SEP = r"\s*(?:-|–|—|to|through|until|till)\s*"
# A 4-digit number followed by one of these is a quantity, never a year ("1987 mln dlrs", "2000 tonnes").
UNIT_AFTER = (r"(?!\s*(?:%|pct\b|per\s*cent|percent|mln|bln|million|billion|trillion|thousand|dlrs?\b|"
              r"dollars?|yen\b|marks\b|francs\b|stg\b|pounds\b|euros?\b|won\b|yuan\b|tonnes?\b|tons?\b|"
              r"barrels?\b|bpd\b|shares?\b|ounces?\b|bags?\b|kilos?\b|kg\b|km\b|miles?\b|acres?\b|hectares?\b|"
              r"units?\b|vehicles?\b|cars?\b|people\b|persons?\b|workers?\b|jobs?\b|employees?\b|troops?\b|"
              r"soldiers?\b|points?\b|feet\b|metres?\b|meters?\b|lots?\b|contracts?\b|members?\b|votes?\b|"
              r"[.,]\d))")
NOT_NUM_BEFORE = r"(?<![\d$£€¥.,/-])"


def trie_pattern(words: list[str] | tuple[str, ...]) -> str:
    """A regex for a set of literal strings, as a trie ("J(?:an|u(?:l|n))"), the longest first."""
    return trie(words)


# --------------------------------------------------------------------------------------------
# Calendar helpers

def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def shift_months(d: date, k: int, to_end: bool = False) -> date:
    """`d` moved by k months: the same day, clipped to the month's length (or its last day)."""
    y, m = add_months(d.year, d.month, k)
    last = month_end(y, m)
    return last if to_end else date(y, m, min(d.day, last.day))


def is_month_end(d: date) -> bool:
    return (d + timedelta(days=1)).day == 1


TENSE_DECIDES_AFTER_DAYS = 31


def nearest_year_for_day(m: int, d: int, pub: date, tense: str | None = None) -> date | None:
    """A month/day without a year: the year that puts it nearest to publication (Dec<->Jan both ways).
    A past clause ("On Nov. 2, Tillerson called ...") cannot be about a day after publication, nor a
    future one ("will visit on January 4") about a day before it: when the nearest day is more than a
    month away, the tense picks the side. Within a month the nearest stands: a past verb near a date is
    often the report's ("the visit on Jan. 4-7 was announced"), not the day's."""
    cands = [c for c in (safe_date(y, m, d) for y in (pub.year - 1, pub.year, pub.year + 1)) if c]
    best = min(cands, key=lambda c: abs((c - pub).days), default=None)
    if best is None or abs((best - pub).days) <= TENSE_DECIDES_AFTER_DAYS:
        return best
    if tense == "past":
        cands = [c for c in cands if c <= pub]
    elif tense == "future":
        cands = [c for c in cands if c >= pub]
    return min(cands, key=lambda c: abs((c - pub).days), default=best)


def pick_period(cands: list[tuple[date, date]], pub: date, tense: str | None) -> tuple[date, date]:
    """Choose among candidate periods (start, end) of a year-less month, quarter or season.

    Past: the latest that has begun by publication. Future: the earliest not yet over.
    No tense: the nearest by start (ties go to the past: news mostly reports what happened)."""
    if tense == "past":
        began = [p for p in cands if p[0] <= pub]
        if began:
            return max(began)
    elif tense == "future":
        open_ = [p for p in cands if p[1] >= pub]
        if open_:
            return min(open_)
    return min(cands, key=lambda p: (abs((p[0] - pub).days), p[0] > pub))


def month_candidates(m: int, pub: date) -> list[tuple[date, date]]:
    return [(date(y, m, 1), month_end(y, m)) for y in (pub.year - 1, pub.year, pub.year + 1)]


def week_of(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def quarter_of(d: date, months: int = 3) -> tuple[date, date]:
    """The calendar quarter (or half, months=6) that holds `d`."""
    first = (d.month - 1) // months * months + 1
    return date(d.year, first, 1), month_end(d.year, first + months - 1)


UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def calendar_unit(pub: date, unit: str, k: int) -> tuple[date, date]:
    """The calendar week/month/quarter/year k units from the one that holds `pub`."""
    if unit == "day":
        d = pub + timedelta(days=k)
        return d, d
    if unit == "week":
        return week_of(pub + timedelta(days=7 * k))
    if unit in ("month", "quarter"):
        months = 1 if unit == "month" else 3
        s = quarter_of(pub, months)[0]
        y, mo = add_months(s.year, s.month, k * months)
        return date(y, mo, 1), month_end(*add_months(y, mo, months - 1))
    return date(pub.year + k, 1, 1), date(pub.year + k, 12, 31)


# --------------------------------------------------------------------------------------------
# Tense of the clause around an expression. A reporting verb right before it ("the Blue House said
# on Tuesday") or right after it ("the ministry on Tuesday said") means past. Otherwise the cues of
# the clause decide: the last cue before the expression in its clause, else the first cue after it
# in its clause, else (a fronted "On Friday, ...") the first cue of the next clause, else the last
# cue in the 60 characters before, across clause boundaries. Reporting verbs further away frame the
# sentence ("said it is launching in May") and are not cues; a past form after "be"/"been" is a
# passive ("will be completed before mid-May") and is not one either.
REPORTING_VERBS = "|".join(sorted(lexicon.words("reporting") - {"briefing"}, key=len, reverse=True))
# "said on Tuesday", "told reporters on Tuesday", "said in a statement on Tuesday"; not "said it is
# launching in May" (a subject after the verb starts the reported clause).
REPORTED_BEFORE = re.compile(rf"\b(?:{REPORTING_VERBS})(?:\s+(?!(?:it|he|she|they|we|i|you|there|is|are|was|were|will|"
                       rf"would|has|have|had|that|from|until|till|by|before|after|since|through|to|for)\b)[\w'’.-]+){{0,3}}?(?:\s+(?:on|in|late|early|last|this))?\s*$",
                       re.I)
_REPORTED_AFTER = re.compile(rf"\s*(?:{REPORTING_VERBS})\b", re.I)
_REPORTING_RX = re.compile(rf"\b(?:{REPORTING_VERBS})\b", re.I)
# Not "due to" alone: it mostly means "because of".
_FUTURE_WORDS = ("will", "'ll", "shall", "would", "upcoming", "scheduled", "is due", "are due", "due in", "due on",
                 "plans to",
                 "planning to", "planned to", "expected to", "expect to", "expects to", "set to", "is to", "are to",
                 "going to", "intend to", "intends to", "aim to", "aims to", "hope to", "hopes to", "to visit",
                 "to hold", "to meet", "to attend", "to travel", "to sign", "to begin", "to start", "to host", "to be",
                 "to take place", "to take effect")
_PAST_WORDS = ("was", "were", "had", "did", "ago", "earlier", "previously", "took", "made", "met", "signed", "agreed",
               "began", "ended", "rose", "fell", "grew", "dropped", "increased", "decreased", "declined", "posted",
               "recorded", "earned", "lost", "showed", "gained", "jumped", "climbed", "slipped", "eased", "narrowed",
               "widened", "approved", "visited", "held", "completed", "launched", "opened", "closed", "reached", "hit",
               "cut", "raised", "imposed", "won", "killed", "attacked", "arrived", "returned", "left", "sent",
               "summoned", "expelled", "recalled", "broke", "severed", "concluded", "unveiled", "struck", "fired",
               "attended", "hosted", "received", "welcomed", "discussed", "urged", "warned", "condemned", "criticised",
               "criticized", "accused", "rejected", "denied", "arrested", "detained", "seized", "deployed",
               "conducted", "staged", "invaded", "bombed", "downed", "violated", "stormed", "raided", "suspended",
               "lifted", "banned", "resumed", "restored", "established", "expressed", "issued", "published",
               "elected", "appointed", "phoned", "spoke", "talked", "hailed", "praised", "thanked", "landed",
               "departed", "flew")


def _words_rx(words: tuple[str, ...]) -> str:
    return trie_pattern(words).replace(r"\ ", r"\s+")


_CUE_RX = re.compile(rf"\b(?:(?P<fut>{_words_rx(_FUTURE_WORDS)})|(?P<past>{_words_rx(_PAST_WORDS)}))\b", re.I)
# A past form after "be" is a passive ("will be completed"); "to cut", "to hit" are base forms.
_PASSIVE_BEFORE = re.compile(r"\bbe(?:en|ing)?\s+$", re.I)
_SAME_AS_BASE = frozenset({"cut", "hit"})
# Clause boundaries. A spaced dash counts; a dash inside a range ("4-7", "2021-22") does not.
# A sentence end counts too ("U.S." then cuts a clause early, which only drops cues, never adds one),
# and so do the words that start a clause of their own ("told reporters on Saturday that Sy would").
_BOUNDARY = re.compile(r"[,;:()\"“”\u2014]|[.!?](?=\s)|\s[-\u2013]\s|--|\b(?:that|which|who|whom|whose|when|where|"
                       r"while|because|if|unless|although|though|and|but|or)\b", re.I)
_AFTER_WORDS = 4  # a cue after the date counts only this close ("in early February on mutual settlements is ...")
# What may stand before a fronted date in its clause ("On Friday,", "Early in the morning on Monday,").
_FRONTED = re.compile(r"^\s*(?:(?:on|in|by|at|during|since|from|until|of|the|early|late|mid|last|next|this|"
                      r"earlier|later|and|but|then|also)\s+)*$", re.I)


def _cues(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """(position, 'past'|'future') of the tense cues in text[lo:hi]; a past form after "be" is a passive."""
    out = []
    for m in _CUE_RX.finditer(text, lo, hi):
        if m.group("fut"):
            out.append((m.start(), "future"))
        elif not _PASSIVE_BEFORE.search(text, max(0, m.start() - 7), m.start()) and not (
                m.group().lower() in _SAME_AS_BASE and text[max(0, m.start() - 3):m.start()].lower() == "to "):
            out.append((m.start(), "past"))
    return out


def clause_tense(text: str, start: int, end: int) -> str | None:
    """'past', 'future' or None for the date expression text[start:end], from its own clause."""
    lo, hi = max(0, start - 60), min(len(text), end + 80)
    window = text[lo:start]
    if REPORTED_BEFORE.search(window) or _REPORTED_AFTER.match(text, end, hi):
        return "past"
    cuts = [m.end() for m in _BOUNDARY.finditer(text, lo, start)]  # where the clauses before the date begin
    before_cues = _cues(text, lo, start)
    own = [kind for pos, kind in before_cues if not cuts or pos >= cuts[-1]]
    if own:
        return own[-1]
    stops = list(_BOUNDARY.finditer(text, end, hi))
    after_cues = _cues(text, end, hi)
    stop = stops[0].start() if stops else hi
    own = [kind for pos, kind in after_cues if pos < stop and len(text[end:pos].split()) < _AFTER_WORDS]
    if own:
        return own[0]
    before = text[cuts[-1] if cuts else lo:start]
    # a fronted phrase starts the text or follows a comma, semicolon, colon or dash (not "late March or",
    # not "(ISO) in mid-April")
    clause_start = (not cuts and lo == 0) or (cuts and text[cuts[-1] - 1] in ",;:\u2014-.!?")
    if stops and clause_start and _FRONTED.match(before) and len(text[end:stop].split()) <= 2:
        # A fronted phrase ("On Friday, the minister will ..."): the next clause says the tense, and a
        # reporting verb there ("In mid-February, Piedmont said ...") makes the date the report's.
        nxt = next((m.start() for m in stops[1:] if m.start() > stops[0].end()), hi)
        own = [(pos, kind) for pos, kind in after_cues if stops[0].end() <= pos < nxt]
        said = _REPORTING_RX.search(text, stops[0].end(), own[0][0] if own else nxt)
        if said:
            return "past"
        if own:
            return own[0][1]
    return before_cues[-1][1] if before_cues else None
