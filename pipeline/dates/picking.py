"""Which date expression of a sentence belongs to an event or figure, and how an event's status reads dates.

Pure: pipeline/extract.py calls `pick_date` per record and `tense_hint` per status (docs/dates-figures.md)."""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline import lexicon
from pipeline.dates import DateSpan

__all__ = ["pick_date", "tense_hint"]

# Words right before a date that make it the date of the report, not of the event ("said on Tuesday",
# "quoted officials as saying on Tuesday"). Not "statement": "issued a joint statement on Friday" is an act.
_REPORTING = lexicon.words("reporting")  # the one list of reporting verbs (pipeline/lexicon/words.tsv)
_BOUNDARIES = ",;\u2014"
# A participle clause after a comma shares the main clause's time ("broke ties on Thursday, switching
# allegiance to Beijing"); "saying" starts a report, and "following", "including" ... are prepositions.
_PARTICIPLE = re.compile(r"\s*(?!(?:saying|according|following|including|concerning|regarding|during|pending|"
                         r"excluding|considering|notwithstanding|bring|thing|king|spring|evening|morning)\b)"
                         r"[a-z]+ing\b")
_RELATIVE = frozenset({"which", "who", "that", "when", "held", "set", "due"})  # and past participles ("expected")
_REPORTED_START = frozenset({"that", "it", "he", "she", "they", "we", "its", "his", "her", "their", "the"})
# "told reporters on Tuesday", "said in a statement on Tuesday", "told a news briefing on Wednesday": a
# reporting verb whose next words are the frame of the statement (not "announced the tariffs on March 27").
_SAID_TO_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(_REPORTING, key=len, reverse=True)) + r")\s+(?:(?:in|at|to)\s+)?"
                             r"(?:(?:a|an|the|his|her|its|their)\s+)?(?:[\w-]+\s+){0,2}?"
                             r"(?:reporters|journalists|statement|interview|briefing|conference|newspaper|parliament|"
                             r"lawmakers|television|radio|agency|broadcaster)\s+(?:on|in|late|early|last|this)?\s*$",
                             re.I)
# The words a date phrase of its own may have ("On Monday,", "Late on Tuesday,", "Earlier this week,").
_ADVERBIAL = frozenset({"on", "in", "at", "by", "late", "early", "earlier", "later", "this", "last", "next", "the",
                        "of", "since", "until", "till", "from", "during", "between", "through", "throughout", "over",
                        "within", "before", "after", "and", "but", "then", "also", "as", "around", "effective",
                        "starting", "beginning"})
# A dateline ("Dec 9 (Reuters) -", "BEIJING, Nov. 14 (Xinhua) --") dates the story, not the event.
_DATELINE_BEFORE = re.compile(r"^[\s\"“]*(?:[A-Z][A-Za-z.'’ -]*,\s*)?$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^()]{1,40}\)\s*)?(?:--|-|–|—|:)")
# "concluded on Wednesday" dates only the end of the event; "began on Monday" only its start.
_ENDS = re.compile(r"\b(?:concluded|concludes|ended|ends|wrapped\s+up|wraps\s+up|finished|came\s+to\s+an\s+end|"
                   r"will\s+(?:end|conclude|finish))\s+(?:on\s+)?$", re.I)
_BEGINS = re.compile(r"\b(?:began|begins|begun|started|starts|kicked\s+off|kicks\s+off|got\s+under\s*way|"
                     r"commenced|will\s+(?:begin|start|kick\s+off))\s+(?:on\s+)?$", re.I)


def _is_report_date(sentence: str, span: DateSpan) -> bool:
    before = sentence[max(0, span.start - 24):span.start].lower()
    if not before.strip():
        return False
    words = before.split()[-3:]
    said = [i for i, w in enumerate(words) if w in _REPORTING]
    # "said that in 1986 exports ...": the date is inside the reported clause, not the report's
    if said and not any(w in _REPORTED_START for w in words[said[-1] + 1:]):
        return True
    return _SAID_TO_BEFORE.search(sentence, max(0, span.start - 48), span.start) is not None


def _is_dateline(sentence: str, span: DateSpan) -> bool:
    return (span.start < 40 and _DATELINE_BEFORE.match(sentence[:span.start]) is not None
            and _DATELINE_AFTER.match(sentence[span.end:span.end + 48]) is not None)


def _cuts(text: str, offset: int = 0) -> list[int]:
    """Clause boundaries in `text` (a comma between digits, "400,000", is none)."""
    return [offset + i for i, c in enumerate(text) if c in _BOUNDARIES
            and not (c == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit())]


def _clause_apart(sentence: str, span: DateSpan, anchor: tuple[int, int]) -> bool:
    """A clause boundary (comma, semicolon, dash) lies between the date and the trigger, and the
    date is not a phrase of its own like "On Monday," that dates the whole sentence, nor in a
    relative clause on the trigger ("the talks, which began today,"), nor in the main clause of a
    participle clause that holds the trigger."""
    lo, hi = (span.end, anchor[0]) if span.end <= anchor[0] else (anchor[1], span.start)
    cuts = _cuts(sentence[lo:hi], lo)
    if not cuts:
        return False
    if all(sentence[i] == "," and _PARTICIPLE.match(sentence, i + 1) for i in cuts):
        return False
    all_cuts = _cuts(sentence)
    seg_start = max((i for i in all_cuts if i < span.start), default=-1) + 1
    seg_end = min((i for i in all_cuts if i >= span.end), default=len(sentence))
    before = sentence[seg_start:span.start].split()
    others = before + sentence[span.end:seg_end].split()
    if len(others) <= 3 and all(w.lower().strip("\"“'’") in _ADVERBIAL for w in others):
        return False
    # "the talks, which began today, were ...": a relative clause right after the trigger
    return not (span.start >= anchor[1] and len(cuts) == 1 and before
                and (before[0].lower() in _RELATIVE or before[0].lower().endswith("ed"))
                and len(others) <= 3 and len(sentence[anchor[1]:cuts[0]].split()) <= 5)


def pick_date(sentence: str, spans: list[DateSpan], anchor: tuple[int, int]) -> DateSpan | None:
    """The date expression that belongs to the event's trigger at `anchor`, or None.

    The nearest one in the same clause. Not the date of another clause ("since he took office in
    June, Lee will ..."), nor of the statement that reports the event ("..., the ministry said on
    Tuesday") unless the trigger is the statement itself ("announced on Tuesday"), nor a dateline,
    nor "now"-like words (the record's `published` says that already). After "concluded" the span
    comes back with only its end date, after "began" with only its start."""
    a0, a1 = anchor

    def distance(s: DateSpan) -> int:
        if s.end <= a0:
            return a0 - s.end
        if s.start >= a1:
            return s.start - a1
        return 0

    def own_report(s: DateSpan) -> bool:
        # the trigger is the reporting verb right before the date, or the date is part of the trigger's
        # noun phrase ("said today's meetings")
        return (distance(s) <= 20 and a0 < s.start) or distance(s) <= 3

    usable = [s for s in spans
              if distance(s) <= 160 and s.relation != "present" and not (s.precision == "vague" and s.date_start is None)
              and not _is_dateline(sentence, s)
              and not _clause_apart(sentence, s, anchor)
              and (own_report(s) or not _is_report_date(sentence, s))]
    if not usable:
        return None
    best = min(usable, key=distance)
    if best.precision == "day" and best.date_start and best.date_start == best.date_end:
        before = sentence[max(0, best.start - 32):best.start]
        if _ENDS.search(before):
            return replace(best, date_start=None)
        if _BEGINS.search(before):
            return replace(best, date_end=None)
    return best


def tense_hint(status: str | None) -> str | None:
    """The tense an event's status gives its dates: planned -> future, occurred/negated -> past."""
    if status == "planned":
        return "future"
    if status in ("occurred", "negated"):
        return "past"
    return None
