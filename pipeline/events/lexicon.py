"""The compiled trigger lexicon and the closed word classes the event rules use, from the validated
tables in pipeline/lexicon/ (patterns -> entries indexed by their first word; verb and noun inflections)."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline import lexicon

_IRREGULAR, _DOUBLE = lexicon.inflections()


def _verb_forms(v: str) -> set[str]:
    forms = {v}
    forms.update(_IRREGULAR.get(v, ()))
    if v.endswith("e"):
        forms |= {v + "s", v + "d", v[:-1] + "ing"}
    elif v.endswith("y") and v[-2:-1] not in "aeiou":
        forms |= {v[:-1] + "ies", v[:-1] + "ied", v + "ing"}
    elif v.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {v + "es", v + "ed", v + "ing"}
    else:
        forms |= {v + "s", v + "ed", v + "ing"}
        if v in _DOUBLE or len(v) >= 3 and v[-1] not in "aeiouwxy" and v[-2] in "aeiou" and v[-3] not in "aeiou":
            forms |= {v + v[-1] + "ed", v + v[-1] + "ing"}  # "expelled", "banned" (extra forms are harmless)
    return forms


def _noun_forms(n: str) -> set[str]:
    if n.endswith("y") and n[-2:-1] not in "aeiou":
        return {n, n[:-1] + "ies"}
    if n.endswith(("s", "sh", "ch", "x", "z")):
        return {n, n + "es"}
    return {n, n + "s"}


@dataclass(slots=True, frozen=True)
class _Entry:
    words: tuple[frozenset[str] | None, ...]  # None = a gap of up to six words
    root: str
    mode: str  # the entry's mode, or the pattern's head word ("ban", "arrest", "airstrike")
    context: tuple[str, ...]
    flags: str
    length: int  # number of fixed words: longer patterns win
    verbal: bool = False  # the pattern starts with a verb ("V:summon"), so its participle can be passive


def _expand_groups(pattern: str) -> str:
    """'@restriction' -> the group's alternatives ('N:sanction|N:ban|...'), from words.tsv."""
    if "@" not in pattern:
        return pattern
    return " ".join("|".join("|".join(lexicon.word_classes()[a[1:]]) if a.startswith("@") else a
                             for a in w.split("|")) for w in pattern.split(" "))


def _compile(rows) -> dict[str, list[_Entry]]:
    index: dict[str, list[_Entry]] = {}
    for row in rows:
        pattern, root, mode, ctx, flags = _expand_groups(row.pattern), row.root, row.mode, row.context, row.flags
        parts: list[frozenset[str] | None] = []
        pieces = pattern.split()
        for i, w in enumerate(pieces):
            if w == "*":
                parts.append(None)
            elif "|" in w:  # alternatives: "N:sanction|N:ban"
                alts: set[str] = set()
                for a in w.split("|"):
                    alts |= _verb_forms(a[2:]) if a.startswith("V:") else _noun_forms(a[2:]) if a.startswith("N:") else {a}
                parts.append(frozenset(alts))
            elif w.startswith("V:"):
                parts.append(frozenset(_verb_forms(w[2:])))
            elif w.startswith("N:"):
                parts.append(frozenset(_noun_forms(w[2:])))
            elif i == len(pieces) - 1 and len(pieces) > 1 and not pattern.startswith(("V:", "N:")):
                parts.append(frozenset(_noun_forms(w)))
            else:
                parts.append(frozenset({w}))
        head = " ".join(w.split(":")[-1] for w in pieces if w != "*" and "|" not in w)
        entry = _Entry(tuple(parts), root, mode or head, ctx, flags, sum(1 for p in parts if p is not None),
                       pieces[0].startswith("V:"))
        assert parts[0] is not None, pattern
        for first in parts[0]:
            index.setdefault(first, []).append(entry)
    for entries in index.values():
        entries.sort(key=lambda e: -e.length)
    return index


_ROWS = tuple(lexicon.triggers())
_INDEX = _compile(_ROWS)
_PATTERNS = [_expand_groups(r.pattern) for r in _ROWS]
# Words that can be verbs: "Russia attacks" is a clause, "the U.S. alliance" a noun phrase.
_VERB_FORMS = frozenset(f for p in _PATTERNS for w in p.split() if w.startswith("V:") and "|" not in w
                        for f in _verb_forms(w[2:]))
_NOUN_FORMS = frozenset(f for p in _PATTERNS for w in p.split() if w.startswith("N:") and "|" not in w
                        for f in _noun_forms(w[2:]))

# --- closed word classes (pipeline/lexicon/words.tsv) ------------------------------------------------
_FILLER = lexicon.words("filler")
_AUX = lexicon.words("aux")
_NEG = lexicon.words("negation")
_REFUSAL = lexicon.words("refusal")
_HYPO = lexicon.words("hypothetical")
_PLAN = lexicon.words("planned")
_ONGOING = lexicon.words("ongoing")
_COPULA = lexicon.words("copula")
_BE = lexicon.words("be")
_PREP_SKIP = lexicon.words("prep_skip")
_COORD = lexicon.words("coordinator")
_PRON_PERSON = lexicon.words("person_pronoun")
_CLAUSE_END = lexicon.words("clause_end")
_GROUP_WORDS = tuple(sorted(lexicon.words("group_phrase")))
_AGENTIVE = tuple(sorted(lexicon.words("agentive_suffix")))
_GAP_STOP = lexicon.words("gap_stop")
_NOUNISH_BEFORE = lexicon.words("nounish_before")
_SEND = lexicon.words("send")
_TOPIC = lexicon.words("topic_preposition")
_SPEECH = lexicon.words("reporting")
_RECEIVE = lexicon.words("receive")
_INSTITUTION = lexicon.words("institution")
_OBJECT_CONTROL = frozenset(f for v in lexicon.words("object_control") for f in _verb_forms(v))
_CONTEXT_WORDS = lexicon.context_words()
_NON_STATE = lexicon.words("non_state_agent")
_ORIGIN_NOUN = lexicon.words("origin_noun")
_LOCUS_PARTICIPLE = lexicon.words("locus_participle")
_NOT_ARMED_WAR = lexicon.words("not_armed_war")
_PERFORMATIVE = lexicon.words("performative")
_UNNAMED_AGENT = lexicon.words("unnamed_state_agent")
_TITLE_WORD = lexicon.words("title_word")
_ROLE_NOUN = lexicon.words("role_noun")
_CONTROLLER_NOUN = lexicon.words("controller_noun")
_TOPIC_NOUN = lexicon.words("topic_noun")
_PARTICIPLE_SUB = lexicon.words("participle_subordinator")
_PURPOSE_VERB = frozenset(f for v in lexicon.words("purpose_verb") for f in _verb_forms(v))


def _is_verbal_gap(words: list[str]) -> bool:
    """Only auxiliaries, adverbs, relative pronouns and titles between a subject and its verb."""
    for w in words:
        if w in _AUX or w in _NEG or w in ("which", "who", "that", ",", "-", "itself", "themselves") or \
                w.endswith("ly") or w in _PLAN or w in _HYPO or w in _ONGOING or w == "to":
            continue
        return False
    return True
