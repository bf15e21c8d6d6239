"""What a sentence leaves unsaid because the article said it before: "the two leaders", "both sides",
a sentence-initial "He" or "They", an unqualified "the Foreign Ministry". The article's recent state
(its latest pair, person and actor) turns them into mentions the event rules can use.

Pure: `implied_mentions` reads one sentence and the state; `observe` gives the state after it."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline import lexicon
from pipeline.schema import Mention

# A mention whose country is "AAA|BBB" stands for both countries of a pair ("the two leaders").
PAIR_SEP = "|"

_GROUP = re.compile(
    r"\b(?:[Tt]he two|[Bb]oth)\s+(?:sides|countries|nations|leaders|governments|prime ministers|presidents|"
    r"premiers|foreign ministers|ministers|parties|delegations|heads of state|neighbou?rs|states|heads of government|"
    r"(?:[A-Z][a-z]+ )?(?:powers|nations|countries|neighbou?rs))\b"
    r"|\b[Tt]he leaders\b")
# "The three leaders", "all four countries": the latest sentence's group of that many countries.
_NUMBERS = {"three": 3, "four": 4, "five": 5, "six": 6}
_GROUP_OF = re.compile(
    r"\b(?:[Tt]he|[Aa]ll(?: the)?)\s+(?P<n>three|four|five|six)\s+(?:sides|countries|nations|leaders|governments|"
    r"prime ministers|presidents|premiers|foreign ministers|ministers|parties|delegations|heads of state|"
    r"neighbou?rs|states|heads of government|partners|allies)\b")
# "their meeting in Hanoi": the pair's meeting.
_THEIR = re.compile(r"\b[Tt]heir\s+(?:\w+\s+)?(?=(?:meeting|talks|discussions?|summit|call|conversation|"
                    r"phone call|bilateral meeting|joint statement)\b)")
# "an official visit to the Southeast Asian country", "the island nation": a country named before.
_THE_COUNTRY = re.compile(r"\bthe\s+(?:(?:[A-Z][a-z]+|[a-z]+-?[a-z]*)\s+){0,3}?(?:country|nation|kingdom|republic)\b(?!['’])")
# "targeted terror camps across the border": the pair's other side.
_ACROSS = re.compile(r"\bacross the (?:border|Line of Control|LoC|frontier)\b")
# A subject pronoun opening the sentence (or a quote inside it) refers to the latest person named.
_PERSON_PRONOUN = re.compile(r"^\W{0,3}(?P<p>He|She)\b")
_THEY = re.compile(r"^\W{0,3}(?P<p>They)\b")
# "We have also decided to suspend all visits", in a statement: the speaking government, the latest actor.
_WE = re.compile(r"(?:^|[\"“]\s?)\W{0,2}(?P<p>We)\b")
# An institution named without its country ("the Foreign Ministry said") is the latest actor's.
_INSTITUTION = re.compile(
    r"\b(?P<i>(?:[Tt]he\s+)(?:Foreign Ministry|Ministry of Foreign Affairs|"
    r"foreign ministry|Foreign Office|ministry|government|Government|Defen[cs]e Ministry|Interior Ministry|"
    r"Prime Minister's Office|PMO))\b")


@dataclass(frozen=True, slots=True)
class Discourse:
    """The article so far, as the next sentence needs it."""
    pair: tuple[str, str] | None = None   # the two countries of the latest sentence about a pair
    group: tuple[str, ...] = ()           # the countries of the latest sentence naming three or more
    person: str | None = None             # country of the latest person named (a leader, a minister)
    actor: str | None = None              # the latest event's actor
    speaker: str | None = None            # the latest country that said something ("the Pakistani ministry said")
    pair_acted: bool = False              # the latest sentence's act was the pair's ("They also agreed" follows it)


def _covered(start: int, end: int, local: list[Mention]) -> bool:
    return any(m.start < end and start < m.end for m in local)


def implied_mentions(sentence: str, local: list[Mention], state: Discourse) -> list[Mention]:
    """Mentions for the words of `sentence` that stand for countries the article named before
    (offsets into the sentence; `how` says which rule gave them: group, pronoun, institution)."""
    out: list[Mention] = []
    named = {m.country for m in local}
    low = sentence.lower()
    if state.pair and not set(state.pair) <= named and ("two" in low or "both" in low or "leaders" in low
                                                        or "their" in low or "they" in low):
        for m in _GROUP.finditer(sentence):
            if not _covered(m.start(), m.end(), local):
                out.append(Mention(m.start(), m.end(), m.group(), PAIR_SEP.join(state.pair), "group"))
        for m in _THEIR.finditer(sentence):
            if not _covered(m.start(), m.end(), local):
                out.append(Mention(m.start(), m.start() + 5, m.group()[:5], PAIR_SEP.join(state.pair), "group"))
        they = _THEY.match(sentence)
        if they and state.pair_acted and len(named) < 2 and not _covered(they.start("p"), they.end("p"), local):
            out.append(Mention(they.start("p"), they.end("p"), "They", PAIR_SEP.join(state.pair), "group"))
    if len(state.group) >= 3 and not set(state.group) <= named and ("thre" in low or "four" in low
                                                                    or "five" in low or "six" in low):
        for m in _GROUP_OF.finditer(sentence):
            if _NUMBERS[m.group("n").lower()] == len(state.group) and not _covered(m.start(), m.end(), local):
                out.append(Mention(m.start(), m.end(), m.group(), PAIR_SEP.join(state.group), "group"))
    if state.person and ("He" in sentence[:6] or "She" in sentence[:7]):
        he = _PERSON_PRONOUN.match(sentence)
        if he and not _covered(he.start("p"), he.end("p"), local):
            out.append(Mention(he.start("p"), he.end("p"), he.group("p"), state.person, "pronoun"))
    if local and ("country" in low or "nation" in low or "kingdom" in low or "republic" in low):
        for m in _THE_COUNTRY.finditer(sentence):
            country = _anaphor_country(local, m.start(), state)
            if country and not _covered(m.start(), m.end(), local):
                out.append(Mention(m.start(), m.end(), m.group(), country, "anaphor"))
    if state.pair and "across" in low:
        for m in _ACROSS.finditer(sentence):
            named_pair = [c for c in state.pair if c in named]
            if len(named_pair) == 1 and not _covered(m.start(), m.end(), local):
                other = state.pair[1] if named_pair[0] == state.pair[0] else state.pair[0]
                out.append(Mention(m.start(), m.end(), m.group(), other, "anaphor"))
    if "We" in sentence:
        we = _WE.search(sentence)
        speaker = _speaker(sentence, local) if we else None
        if we and not speaker and (not _ATTRIBUTED.search(sentence) or _ATTRIBUTED_OFFICE.search(sentence)):
            # a quote attributed to someone else is not the state's; to "the ministry" or "the spokesman" it is
            speaker = state.speaker or state.actor
        if we and speaker and not _covered(we.start("p"), we.end("p"), local):
            out.append(Mention(we.start("p"), we.end("p"), "We", speaker, "speaker"))
    if (state.speaker or state.actor) and ("inistry" in sentence or "overnment" in sentence or "Office" in sentence
                                           or "PMO" in sentence):
        for m in _INSTITUTION.finditer(sentence):
            if not _covered(m.start("i"), m.end("i"), local):
                out.append(Mention(m.start("i"), m.end("i"), m.group("i"), state.speaker or state.actor,
                                   "institution_implied"))
    return sorted(out, key=lambda m: m.start)


def _anaphor_country(local: list[Mention], at: int, state: Discourse) -> str | None:
    """Which country "the ... country" means: with two or more named before it in the sentence, the first
    (the other is the subject: "At the invitation of Vietnamese premier Phuc, Sri Lanka's prime minister
    is visiting the Southeast Asian country"); with one, the pair's other member; else unknown."""
    before = list(dict.fromkeys(m.country for m in local if m.end <= at and PAIR_SEP not in m.country
                                and m.how not in ("located",)))
    if len(before) >= 2:
        return before[0]
    if len(before) == 1 and state.pair and before[0] in state.pair:
        return state.pair[1] if before[0] == state.pair[0] else state.pair[0]
    return None


_PERSON_HOW = frozenset({"leader", "person"})
# The speaker verbs (pipeline/lexicon/words.tsv): any of them names a statement's speaker; the
# attribution ones put a quote in someone's mouth.
_REPORTS = "|".join(sorted(lexicon.words("speaker_verb"), key=len, reverse=True))
_ATTRIBUTES = "|".join(sorted(lexicon.words("attribution"), key=len, reverse=True))
_INVERTS = "|".join(sorted(lexicon.words("inverted_speaker_verb"), key=len, reverse=True))
_SAYS_AFTER = re.compile(rf"(?:['’]s)?(?:\s+[\w-]+){{0,4}}?\s+(?:{_REPORTS})\b")
_ATTRIBUTED = re.compile(rf"\b(?:{_ATTRIBUTES})\b")
_REPORTING_ANYWHERE = re.compile(rf"\b(?:{_REPORTS})\b")
_OFFICE = (r"(?:the|a)\s+(?:foreign\s+)?(?:ministry|government|statement|spokes(?:person|man|woman)|embassy|president|"
           r"prime minister|foreign minister|minister|office|presidency|readout)")
_ATTRIBUTED_OFFICE = re.compile(rf"(?i)\b{_OFFICE}\s+(?:\w+\s+){{0,3}}?(?:{_ATTRIBUTES})\b"
                                rf"|\b(?:{_ATTRIBUTES})\s+{_OFFICE}\b")
_SAYS_BEFORE = re.compile(rf"\b(?:{_INVERTS})\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}$")


def _speaker(sentence: str, local: list[Mention]) -> str | None:
    """The country whose statement the sentence reports: "the Pakistani Foreign Ministry said", "..., said Lavrov"."""
    if not local or not _REPORTING_ANYWHERE.search(sentence):
        return None
    found = None
    for m in local:
        if PAIR_SEP in m.country or m.how in ("located", "city"):
            continue
        if _SAYS_AFTER.match(sentence, m.end) or _SAYS_BEFORE.search(sentence, max(0, m.start - 30), m.start):
            found = m.country
    return found


def observe(state: Discourse, local: list[Mention], records: list[dict], sentence: str = "") -> Discourse:
    """The state after a sentence with these mentions and event records."""
    countries = [m.country for m in local if m.country and PAIR_SEP not in m.country and m.how != "located"]
    distinct = list(dict.fromkeys(countries))
    pair, person, actor = state.pair, state.person, state.actor
    events = [r for r in records if r.get("kind") == "event"]
    pair_acted = False
    if events:
        first = events[0]
        pair = (first["source"], first["target"])
        actor = first["source"]
        pair_acted = first.get("event_type") in ("CONSULT", "AGREE", "COOPERATE") and (
            PAIR_SEP in (first.get("source_text") or "") or first.get("source_text") == first.get("target_text")
            or any(m.how == "group" for m in local))
    else:
        if len(distinct) == 2:
            pair = (distinct[0], distinct[1])
        opening = [m for m in local if m.start < 40 and m.how not in ("located", "city")]
        if opening:  # "Türkiye summoned the ambassadors of nine countries": who opens the sentence acts
            actor = opening[0].country
    people = [m for m in local if m.how in _PERSON_HOW and PAIR_SEP not in m.country]
    if people:
        person = people[-1].country
    elif len(distinct) == 1 and not events:
        person = person  # a sentence about one country keeps the latest person
    group = state.group
    if len(distinct) >= 3:  # "The leaders of the US, Japan and South Korea met": "the three leaders" next
        group = tuple(distinct)
    speaker = _speaker(sentence, local) or state.speaker
    return replace(state, pair=pair, group=group, person=person, actor=actor, speaker=speaker,
                   pair_acted=pair_acted)
