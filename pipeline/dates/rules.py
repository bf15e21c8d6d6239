"""The date patterns: one (regex, handler) rule per family of expressions, and the literal gates
that decide which rules run on a text. pipeline.dates scans with these."""
from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.dates.days import (
    h_ago,
    h_day_first,
    h_iso,
    h_month_first,
    h_past_n,
    h_present,
    h_relative_day,
    h_relative_unit,
    h_vague,
    h_weekday,
)
from pipeline.dates.periods import (
    YEAR_NOUNS,
    h_century,
    h_decade,
    h_fiscal,
    h_month_only,
    h_part_of,
    h_quarter,
    h_rel_quarter,
    h_relative_to,
    h_season,
    h_year,
)
from pipeline.dates.words import (
    CENTURY_WORDS,
    COUNT_RX,
    DAY,
    MANY,
    MFULL,
    NOT_NUM_BEFORE,
    RANGE_SEP,
    UNIT_AFTER,
    WD,
    YEAR,
)

# --------------------------------------------------------------------------------------------------
# The rules. Order matters only for ties (same start, same length); overlaps go to the longest match.
# A group named "lead" is context that must be there but is not part of the date ("in", "the").
_LEAD_MONTH = r"(?P<lead>\b(?:[Ii]n|[Bb]y|of|until|[Dd]uring|before|after|[Ff]rom)\s+)"
_SEASONS = r"spring|summer|autumn|winter|fall|(?:Spring|Summer|Autumn|Winter|Fall)(?=\s+(?:of\s+)?(?:19|20)\d\d)"
_CENTURY_W = "|".join(w.replace(" ", r"\s") for w in CENTURY_WORDS)

RULES: list[tuple[re.Pattern[str], Callable]] = [
    # ISO dates: 2025-12-30
    (re.compile(rf"{NOT_NUM_BEFORE}\b(?P<y>{YEAR})-(?P<mo>0[1-9]|1[0-2])-(?P<d>[0-3][0-9])\b"), h_iso),
    # January 4 to 7 / Jan. 4-7 / December 28 to January 3, 2026 / December 3, 2024 / Feb 26 /
    # December 2024 / Sept. 1987 / June of 2024: one pattern, so one scan, for every month-first form
    (re.compile(rf"\b(?P<m1>{MANY})(?:\s+(?P<d1>{DAY})(?:{RANGE_SEP}(?:(?P<m2>{MANY})\s+)?(?P<d2>{DAY}))?\b"
                rf"(?!\s*(?:%|pct|percent|mln|bln|billion|million|[.,]\d))(?:,?\s+(?P<y>{YEAR})\b)?"
                rf"|(?:\s+of|,)?\s+(?P<yo>{YEAR})\b(?![-–/]\d))"), h_month_first),
    # 4-7 January / 4 January to 7 February 2026 / 3 December 2024 / 3rd of December
    (re.compile(rf"{NOT_NUM_BEFORE}\b(?P<d1>{DAY})(?:(?:\s+(?P<m1>{MANY}))?{RANGE_SEP}(?P<d2>{DAY}))?\s+(?:of\s+)?"
                rf"(?P<m2>{MANY})(?:,?\s+(?P<y>{YEAR})\b)?"), h_day_first),
    # in June / last June / since mid-June / early June (a bare month needs a word before it: "May" is a verb)
    (re.compile(rf"(?:{_LEAD_MONTH}|(?P<mod>\b(?:[Ll]ast|[Nn]ext|[Tt]his|[Ss]ince|[Ee]arly|[Mm]id|[Ll]ate))(?:-|\s+))"
                rf"(?:(?P<part>[Ee]arly|[Mm]id|[Ll]ate)(?:-|\s+))?(?P<m>{MFULL})\b(?!,?\s+\d)"
                r"(?:\s+(?:of\s+)?(?P<ry>last|this|next)\s+year\b)?"), h_month_only),
    # the end of the year / the start of next month / the middle of this week / the end of June / end-June
    (re.compile(rf"(?P<lead>\b[Tt]he\s+)?\b(?P<part>[Ss]tart|[Bb]eginning|[Mm]iddle|[Ee]nd|[Cc]lose)\s+of\s+"
                rf"(?:(?P<rel>this|last|next|the)\s+(?P<unit>week|month|quarter|year)\b|"
                rf"(?P<m>{MFULL})\b(?!,?\s+\d{{1,2}}\b)(?:,?\s+(?P<y>{YEAR})\b)?)"
                rf"|\b(?P<part2>[Ee]nd|[Ss]tart)-(?P<m2>{MFULL})\b(?!,?\s+\d{{1,2}}\b)(?:,?\s+(?P<y2>{YEAR})\b)?"),
     h_part_of),
    # Tuesday / on Tuesday / last Tuesday / next Tuesday / Monday afternoon
    (re.compile(rf"(?:(?P<mod>\b(?:[Ll]ast|[Nn]ext|[Tt]his))\s+)?\b(?P<wd>{WD})\b"
                r"(?:\s+(?:morning|afternoon|evening|night)\b)?"), h_weekday),
    # today / yesterday / tomorrow / earlier today / this morning / last night
    (re.compile(r"(?:(?P<pre>\b(?:earlier|later)\s+)(?=today))?\b(?P<w>today|tonight|yesterday|tomorrow|"
                r"this\s+(?:morning|afternoon|evening)|last\s+night)\b", re.I), h_relative_day),
    # this week / last month / next year / earlier this month / later this year / the past year
    (re.compile(r"(?:(?P<lead>\bthe\s+)(?P<mod2>past|coming)|\b(?P<mod>this|last|next|earlier\s+this|later\s+this))\s+"
                r"(?P<unit>week|month|year)\b", re.I), h_relative_unit),
    # two days ago / a year ago / two weeks from now
    (re.compile(rf"\b(?P<n>{COUNT_RX})\s+(?P<unit>days?|weeks?|months?|years?)\s+(?P<dir>ago|from\s+now)\b", re.I),
     h_ago),
    # the past two years / the last 12 months
    (re.compile(r"(?P<lead>\bthe\s+)(?:past|last)\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                r"\d{1,2})\s+(?P<unit>days|weeks|months|years)\b", re.I), h_past_n),
    # recently / earlier / in recent weeks / soon / in the coming months
    (re.compile(r"\b(?P<w>recently|lately|soon|recent\s+(?:days|weeks|months|years)|"
                r"earlier(?!\s+(?:than|this|today|in\s+the\s+day)\b))\b(?!\s+as\b)", re.I), h_vague),
    (re.compile(r"(?P<lead>\bthe\s+)(?P<w>coming\s+(?:days|weeks|months|years))\b", re.I), h_vague),
    # now / currently / at present / at the moment / so far / until now / to date
    (re.compile(r"\b(?:(?P<w>right\s+now|as\s+of\s+now|for\s+now|now|currently|at\s+present|presently|"
                r"at\s+the\s+moment|nowadays|these\s+days)(?![-\w])"
                r"|(?P<upto>until\s+now|till\s+now|up\s+to\s+now|so\s+far(?!\s+(?:as|from|away|removed)\b)|"
                r"thus\s+far|to\s+date(?![-\w])))\b", re.I), h_present),
    # next spring / last summer / in the autumn of 2019 / summer 2024 / early winter / since last fall
    (re.compile(rf"(?:(?P<mod>\b(?:[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast|[Ss]ince)\s+(?:(?:last|this)\s+)?)"
                rf"|(?P<lead>\b(?:[Ii]n|[Dd]uring|[Bb]y|[Uu]ntil|[Tt]hrough|[Oo]ver|[Ss]ince)\s+(?:the\s+)?))?"
                rf"(?:(?P<part>[Ee]arly|[Mm]id|[Ll]ate)(?:-|\s+))?\b(?P<s>{_SEASONS})"
                rf"(?:\s+(?:of\s+)?(?P<y>{YEAR})(?:[-/](?P<y2>\d{{2}}|{YEAR}))?)?\b"), h_season),
    # the 1990s / the '90s / mid-1980s / early 2000s
    (re.compile(r"(?:(?P<mod>\b(?:[Ee]arly|[Mm]id|[Ll]ate))-?\s*)?(?:\b(?P<dec>(?:19|20)[0-9]0)|"
                r"(?P<lead>\bthe\s+)['’](?P<dec2>[0-9]0))s\b"), h_decade),
    # the 19th century / the early twenty-first century / the 1800s / this century
    (re.compile(rf"(?:(?P<mod>\b(?:[Ee]arly|[Mm]id|[Ll]ate))[-\s]+)?(?:\b(?:(?P<n>[12]?\d)(?:st|nd|rd|th)|"
                rf"(?P<w>{_CENTURY_W}))[-\s]+[Cc]entury\b|\b(?P<c>1[0-8])00s\b)"
                r"|\b(?P<rel>[Tt]his|[Ll]ast|[Nn]ext)\s+century\b"), h_century),
    # first quarter / the 1986 fourth quarter / first half of 2025 / Q1 2025 / H1 / 2H / last quarter
    (re.compile(rf"(?:(?P<lead>\b[Tt]he\s+)?(?:fiscal\s+)?\b(?P<y0>{YEAR})(?:['’]s)?\s+)?\b(?:(?P<q>first|second|third|fourth|final|last|"
                rf"1st|2nd|3rd|4th)[\s-]+(?P<part>quarter|half)|Q(?P<qn>[1-4])|H(?P<hn>[12])|(?P<hn2>[12])H)\b(?![-–]\w)"
                rf"(?:\s+(?:of\s+)?(?:(?P<y>{YEAR})\b|(?P<rel>this|last|next|the)\s+year\b|fiscal\s+(?P<fy>{YEAR})\b))?",
                re.I), h_quarter),
    # the latest quarter / the current quarter / next quarter / the most recent half
    (re.compile(r"(?P<lead>\bthe\s+)?\b(?P<w>latest|most\s+recent|past|current|this|next|coming)\s+(?P<part>quarter|half)"
                r"\b(?![-\s]+(?:century|decade|year|hour|dozen|of\b))", re.I), h_rel_quarter),
    # fiscal 2023 / fiscal year 2022-23 / FY2023 / FY23 / FY 2022/23 / financial year 2021-22
    (re.compile(rf"\b(?P<fy>FY|[Ff]iscal(?:\s+[Yy]ear)?|[Ff]inancial\s+[Yy]ear)\s*(?P<apos>['’])?"
                rf"(?P<y>{YEAR}|\d{{2}})(?:\s*[-–/]\s*(?P<y2>{YEAR}|\d{{2}}))?\b(?![-–/]\d){UNIT_AFTER}"), h_fiscal),
    # a year earlier / two months later / the previous year / the following day / the year before / year-ago
    (re.compile(rf"\b(?P<n>{COUNT_RX})\s+(?P<unit>day|week|month|quarter|year)s?\s+"
                r"(?P<dir>earlier|later|before|after|previously|prior)\b(?!\s+to\b)"
                r"|\b[Tt]he\s+(?P<dir2>previous|prior|preceding|following|next)\s+(?P<unit2>day|week|month|quarter|year)\b"
                r"|\b[Tt]he\s+(?P<unit3>day|week|month|year)\s+(?P<dir3>before|after)\b"
                r"|\b(?P<ya>year|quarter|month)-(?P<dir4>earlier|ago)\b", re.I), h_relative_to),
    # in 2017 / since 2017 / the 2017 deployment / her 2016 campaign / mid-1987 / end-1986 / 2017's /
    # 2017-2019 / from 2017 to 2019 / between 2017 and 2019 / 1986/87 / 2021-22. The pattern starts at the
    # digits (sre then skips ahead fast) and the handler looks back for the word before: 10x cheaper
    # than a lead alternation tried at every position (measured on Reuters).
    (re.compile(rf"(?P<y>{YEAR})(?!\d)(?:\s*(?P<sep>[-–/]|to|and|through)\s*(?P<y2>{YEAR}|\d{{2}})\b|(?![-–/]\d))(?!s\b)"
                rf"{UNIT_AFTER}(?P<ctx>(?=['’]s\b)|(?=\s+{YEAR_NOUNS}))?"), h_year),
]

# Each rule runs only when the text holds one of its trigger substrings (for some rules, one of each
# of two lists): a literal scan is far cheaper than letting two dozen regexes look at every position
# (measured: bench/dates_speed.py). The bool says whether to look in the lower-cased text (month
# names must be capitalised). Rules with the same list share one scan.
_MONTH_KEYS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_YEAR_KEYS = ("19", "20")
_UNIT_KEYS = ("day", "week", "month", "quarter", "year")
_QUARTER_KEYS = ("quarter", "half", "q1", "q2", "q3", "q4", "h1", "h2", "1h", "2h")
Gate = tuple[tuple[str, ...], bool]
GATES: dict[Callable, tuple[Gate, ...]] = {  # handler -> the gates that must all find a substring
    h_iso: ((_YEAR_KEYS, False),),
    h_month_first: ((_MONTH_KEYS, False),), h_day_first: ((_MONTH_KEYS, False),),
    h_month_only: ((_MONTH_KEYS, False),),
    h_part_of: ((("start of", "beginning of", "middle of", "end of", "close of", "end-", "start-"), True),),
    h_weekday: ((("day",), False),),
    h_relative_day: ((("oday", "onight", "esterday", "omorrow", "this morning", "this afternoon", "this evening",
                       "last night"), True),),
    h_relative_unit: ((("week", "month", "year"), True), (("this", "last", "next", "past", "coming"), True)),
    h_ago: (((" ago", "from now"), True),),
    h_past_n: ((("past ", "last "), True),),
    h_vague: ((("recent", "lately", "soon", "earlier", "coming"), True),),
    h_present: ((("now", "current", "present", "moment", "these days", "so far", "thus far", "to date"), True),),
    h_season: ((("spring", "summer", "autumn", "winter", "fall"), True),),
    h_decade: ((("0s",), False),),
    h_century: ((("century", "00s"), True),),
    h_quarter: ((_QUARTER_KEYS, True),),
    h_rel_quarter: ((_QUARTER_KEYS, True),),
    h_fiscal: ((("fiscal", "fy", "financial year"), True),),
    h_relative_to: ((_UNIT_KEYS, True), (("earlier", "later", "before", "after", "previous", "prior", "preceding",
                                          "following", "the next", "-ago"), True)),
    h_year: ((_YEAR_KEYS, False),),
}
TENSE_AWARE = frozenset({h_month_first, h_day_first, h_month_only, h_weekday, h_quarter, h_season, h_part_of})
RELATIVE_TO = h_relative_to  # needs the spans found before it
DEICTIC = frozenset({h_weekday, h_relative_day, h_present})
