"""Sentence -> tokens, participant slots (the country mentions as candidates) and trigger matches,
with the readings the surrounding words rule out removed, governed complements absorbed, repeats merged,
purposes and venues marked."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from pipeline.discourse import PAIR_SEP
from pipeline.events.lexicon import (
    _AGENTIVE,
    _AUX,
    _CLAUSE_END,
    _CONTEXT_WORDS,
    _COORD,
    _FILLER,
    _GAP_STOP,
    _INDEX,
    _LOCUS_PARTICIPLE,
    _NON_STATE,
    _NOT_ARMED_WAR,
    _NOUN_FORMS,
    _NOUNISH_BEFORE,
    _ORIGIN_NOUN,
    _PREP_SKIP,
    _PURPOSE_VERB,
    _SEND,
    _VERB_FORMS,
    _Entry,
    _is_verbal_gap,
)
from pipeline.schema import Mention

_NEAR = 12  # slots considered on each side of a trigger, and the longest list of coordinated countries
# "the Paris Agreement", "the Geneva Convention", "the Minsk format": a place naming a document or forum.
_NAMED_AFTER = re.compile(r"\s+(?:Agreements?|Accords?|Conventions?|Protocols?|Declarations?|Treaty|Process|Summit|"
                          r"Talks|Club|Group|Format|Framework|Initiative|Conference|Charter|Statute|Consensus|"
                          r"Principles?|Plan|Document|Communiqu[eé]|Memorandum|Pact|Stock Exchange)\b")
_CURRENCY = re.compile(r"\s*(?:dlrs|dollars?|cents|yen|francs?|marks?|pounds?|lire|pesos?)\b")
_TOKEN_RX = re.compile(r"\w+(?:['.]\w+)*|[^\w\s]")


@dataclass(slots=True)
class _Slot:
    """A country mention (or a run of mentions of one country) as a participant candidate."""
    country: str
    text: str
    t0: int  # first token index
    t1: int  # one past the last token index
    possessive: bool
    agentive: bool
    prep: str | None  # the preposition right before it, if any
    how: str
    venue: bool = False  # a place naming where a meeting is ("the Paris meeting"), not a party
    joint: bool = False  # one of the two slots of a phrase that stands for a pair ("the two leaders")
    private: bool = False  # private people, firms or armed groups of the country: a recipient, never an actor
    synthetic: bool = False  # not in the sentence: the article's actor, for an agentless passive's missing agent


_PLACE_HOWS = frozenset({"city", "region", "dateline", "located", "occupied", "breakaway", "place"})
# Where the synthetic slot sits: after every token, so no left/right window, list or gap ever reaches it.
BEYOND = 1 << 30


@dataclass(slots=True)
class _Trigger:
    t0: int
    t1: int
    entry: _Entry
    absorbed: bool = False  # inside a governing trigger's complement


def _tokens(sentence: str) -> tuple[list[str], list[int], list[int]]:
    low = sentence.lower().replace("’", "'")
    if len(low) != len(sentence):  # a few characters change length when lowered ("İ")
        low = "".join(c.lower()[:1] for c in sentence).replace("’", "'")
    found = list(_TOKEN_RX.finditer(low))
    return [m.group() for m in found], [m.start() for m in found], [m.end() for m in found]


_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,}(?:,[^-—–:]{0,40}?)?\s*(?:\([^)]*\))?\s*(?:--|—|–|-|:)\s")


def _slots(sentence: str, mentions: list[Mention], words: list[str], starts: list[int],
           ends: list[int]) -> list[_Slot]:
    slots: list[_Slot] = []
    dateline = _DATELINE.match(sentence[:80])
    dl_end = dateline.end() if dateline else 0  # "MOGADISHU, Somalia --" names where, not who
    last_end = -1
    for m in sorted(mentions, key=lambda x: (x.start, -x.end)):
        if m.start < last_end or m.start < 0 or m.end > len(sentence) or m.end <= m.start or not words:
            continue  # nested in the previous mention ("Korea" in "South Korea"), or not in this sentence
        last_end = m.end
        if m.how == "located" or not m.country or m.end <= dl_end:
            continue  # "a Seoul-based think-tank" names a place, not an actor
        tail = sentence[m.end:m.end + 10].lower()
        if tail[:1] == "$":
            continue  # "US$1 billion", "S$": a currency, not a country
        if tail.startswith(("-based", "‐based")) or tail[:1] == " " and (
                _CURRENCY.match(tail) or tail[1:2].isalpha() and _NAMED_AFTER.match(sentence, m.end)):
            continue  # "a Seoul-based think-tank", "80 billion U.S. Dlrs": places and money, not actors
        t0 = bisect_right(ends, m.start)  # the first token ending after the mention starts
        t1 = bisect_right(ends, m.end)
        if t0 >= len(words):
            continue
        if t1 <= t0:
            t1 = t0 + 1
        if _origin(words, t0):
            continue  # "refugees from Myanmar": where people come from, not a party
        if _attribution(words, t0):
            continue  # "according to Xinhua", "as reported by Russia Today": who reports, not who acts
        possessive = tail.startswith(("'s", "’s", "' ", "’ ")) or (t1 - 1 < len(words) and words[t1 - 1].endswith("'s"))
        agentive = tail.startswith(_AGENTIVE)
        prev = words[t0 - 1] if t0 > 0 else None
        if prev in ("the", "a", "an") and t0 > 1:
            prev = words[t0 - 2]  # "between the Philippines and ..."
        # Merge "Chinese counterpart Xi Jinping": the same country within a short titled noun phrase.
        gap = words[slots[-1].t1:t0] if slots else []
        if slots and slots[-1].country == m.country and not slots[-1].possessive and t0 - slots[-1].t1 <= 3 \
                and (gap == [","] or not any(w in _COORD or w in _INDEX or w in _PREP_SKIP or w in _CLAUSE_END
                                             for w in gap)):
            # ("his Jordanian counterpart, Omar al-Razza": an apposition, too)
            last = slots[-1]
            last.t1 = t1
            last.text = sentence[starts[last.t0]:m.end]
            last.possessive = possessive
            last.agentive = last.agentive or agentive
            continue
        prep = prev if prev in _PREP_SKIP or prev in ("by", "of", "from") else None
        # A mention that does not act for its state (a party, rebels, a former leader) is private; a city or
        # region does not either, but as a place: "a court in Istanbul" is the Turkish state's court.
        private = _private(words, t1) or m.state_actor is False and m.how not in _PLACE_HOWS
        if PAIR_SEP in m.country:  # "the two leaders": one slot per country, on the same words
            for c in m.country.split(PAIR_SEP):
                slots.append(_Slot(c, m.text, t0, t1, possessive, agentive, prep, m.how, joint=True))
            continue
        slots.append(_Slot(m.country, m.text, t0, t1, possessive, agentive, prep, m.how, private=private))
    return slots


def _attribution(words: list[str], t0: int) -> bool:
    before = words[max(0, t0 - 3):t0]
    if before and before[-1] in ("the", "a"):
        before = words[max(0, t0 - 4):t0 - 1]
    return before[-2:] in (["according", "to"], ["reported", "by"], ["quoted", "by"], ["cited", "by"])


def _private(words: list[str], t1: int) -> bool:
    """A country word that names private people, firms or armed groups of that country ("Vietnamese
    investors", "Chinese tech companies", "Palestinian gunmen"): never the actor of an interstate act,
    though a state's act on them is coded against their country (sanctions on a country's firms)."""
    after = words[t1:t1 + 3]
    for i, w in enumerate(after):
        if w in _NON_STATE:
            return i == 0 or all(x.isalpha() and x not in _PREP_SKIP and x != "and" for x in after[:i])
        if not w.isalpha() or w in _PREP_SKIP or w in ("and", "or", "of"):
            break
    return False


def _origin(words: list[str], t0: int) -> bool:
    """"refugees (arriving) from Myanmar": the country is where people come from."""
    before = words[max(0, t0 - 3):t0]
    return len(before) >= 2 and before[-1] == "from" and (before[-2] in _ORIGIN_NOUN or
                                                         len(before) == 3 and before[-3] in _ORIGIN_NOUN)


def _is_headline(sentence: str, words: list[str], starts: list[int]) -> bool:
    """A title-case line ("U.S. Lifts Travel Ban to Lebanon"), where capitals do not mark names."""
    long_words = [i for i, w in enumerate(words) if len(w) > 3 and w.isalpha()]
    return bool(long_words) and sum(sentence[starts[i]].isupper() for i in long_words) * 10 >= len(long_words) * 9


def _match(words: list[str], i: int, entry: _Entry, blocked: set[int]) -> int:
    """One past the last matched token, or -1."""
    j = i
    parts = entry.words
    for k, part in enumerate(parts):
        if part is None:
            nxt = parts[k + 1]
            for skip in range(0, 7):
                if j + skip < len(words) and words[j + skip] in nxt:
                    j += skip
                    break
                if j + skip >= len(words) or words[j + skip] in _GAP_STOP and not (
                        words[j + skip] == "," and words[j + skip - 1].isdigit()):  # "16,000 refugees"
                    return -1
            else:
                return -1
            continue
        if j >= len(words) or j in blocked or words[j] not in part:
            return -1
        j += 1
    return j


def _triggers(words: list[str], blocked: set[int], sentence: str = "",
              starts: list[int] | None = None) -> list[_Trigger]:
    found: list[_Trigger] = []
    i = 0
    n = len(words)
    while i < n:
        entries = None if i in blocked else _INDEX.get(words[i])
        if entries:
            best = None
            for e in entries:
                j = _match(words, i, e, blocked)
                if j > 0 and (best is None or e.length > best[1].length
                              or e.length == best[1].length and j > best[0]):
                    best = (j, e)  # more fixed words win; then the pattern that covers more of the clause
            if best:
                found.append(_Trigger(i, best[0], best[1]))
                i = best[0]
                continue
        i += 1
    return _disambiguate(words, found, blocked, sentence, starts)




def _disambiguate(words: list[str], trigs: list[_Trigger], blocked: set[int], sentence: str = "",
                  starts: list[int] | None = None) -> list[_Trigger]:
    """Drop readings the surrounding words rule out (a few high-traffic ambiguous words)."""
    out = []
    headline = None
    for t in trigs:
        if starts and t.t0 > 0 and sentence[starts[t.t0]].isupper() and (
                sentence[starts[t.t0 - 1]].isupper() or t.t1 < len(starts) and sentence[starts[t.t1]].isupper()):
            if headline is None:
                headline = _is_headline(sentence, words, starts)
            if not headline:
                continue  # part of a name: "the Free Syrian Army", "Defense Forces"
        w = words[t.t0]
        prev = words[t.t0 - 1] if t.t0 else ""
        nxt = words[t.t1] if t.t1 < len(words) else ""
        if w in ("call", "calls", "called", "calling") and t.entry.root == "CONSULT" and nxt in ("it", "them", "this", "for"):
            continue  # "called it a ..." names, "call for" is a REQUEST (longer pattern already)
        if w == "back" and t.entry.length == 1 and prev not in _AUX and prev not in ("to", "and"):
            continue
        if w in ("arms", "arm") and t.entry.length == 1 and nxt in ("of", "length"):
            continue
        if w in ("fire",) and t.entry.length == 1 and prev in _NOUNISH_BEFORE:
            continue
        if prev == "-" and w in ("backed", "led", "based", "funded", "sponsored", "supported", "made"):
            continue  # "U.S.-backed fighters": an agent modifier, not a separate event
        if w in ("alleged", "suspected", "accused", "detained", "wanted") and (
                prev in _NOUNISH_BEFORE or prev.isdigit()):
            continue  # "26 alleged members": an adjective
        if w in ("visiting",) and (prev in _NOUNISH_BEFORE | {"against", "for", "with"} or t.t1 in blocked):
            continue  # "visiting U.S. Agriculture Secretary Lyng said": a title, the host is elsewhere
        if w == "press" and nxt in ("conference", "conferences", "release", "briefing", "freedom", "agency", "reports",
                                    "report", "secretary", "office", "statement", "reported", "said", "trust"):
            continue
        if w in ("deal", "deals") and (prev in ("great", "good") or nxt == "with" and prev in _AUX | {"to"}):
            continue  # "a great deal", "to deal with"
        if w == "offensive" and prev not in ("a", "an", "the", "military", "new", "ground", "air", "major", "its",
                                             "their", "his", "her", "spring", "final") and nxt not in (
                "against", "on", "in", "into"):
            continue  # "offensive weapons": an adjective
        if w in ("ceasefire", "cease-fire", "truce") and nxt in ("line", "lines", "zone", "monitors", "violation",
                                                             "violations", "talks", "negotiations"):
            continue
        if w in ("supply", "supplies") and nxt in ("chain", "chains", "side"):
            continue
        if w in ("war", "conflict", "wars", "conflicts") and (
                nxt in ("crimes", "criminal", "zone", "-", "correspondent", "games") or prev in _NOT_ARMED_WAR):
            continue  # "war crimes", "a trade war", "the Syrian civil war": no armed conflict between states
        if w in ("question", "questions") and prev in _NOUNISH_BEFORE:
            continue
        if t.t0 >= 2 and words[t.t0 - 1] == "the" and words[t.t0 - 2] in ("following", "after", "before", "during") \
                and (t.t0 == 2 or words[t.t0 - 3] in (",", "“", '"')) and t.entry.root == "CONSULT":
            continue  # "Following the talks, the two leaders witnessed ...": the talks already reported
        if w in ("breach", "breaches") and prev in ("security", "data", "safety"):
            continue  # "a security breach at the embassy": an incident, not a state's violation
        if w in ("release", "released", "releases", "releasing") and t.entry.root == "CONCEDE" and nxt in (
                "a", "an", "the", "its", "their", "his", "her") and t.t1 + 1 < len(words) and any(
                x in _RELEASED_DOCUMENTS for x in words[t.t1 + 1:t.t1 + 4]):
            continue  # "released a readout of the call": a document, not a prisoner
        if w in ("consultation", "consultations") and prev == "for" and any(
                u in ("recall", "recalled", "recalls", "recalling", "summoned", "summon", "ambassador", "envoy")
                for u in words[max(0, t.t0 - 10):t.t0]):
            continue  # "recalled its ambassador for consultations": the recall, not a meeting
        out.append(t)
    return out


_RELEASED_DOCUMENTS = frozenset("readout statement statements report reports video footage data figures details photos "
                                "photographs transcript communique communiqué list document documents images".split())


def _absorb(words: list[str], trigs: list[_Trigger], slots: list[_Slot]) -> None:
    """A governing trigger ("refused to", "accused ... of", "urged ... to") owns the triggers in its
    complement: the sentence is about the refusal, the accusation, the request."""
    slot_at = {i for s in slots for i in range(s.t0, s.t1)}
    for k, t in enumerate(trigs):
        if not ("g" in t.entry.flags or "x" in t.entry.flags) or t.absorbed:
            continue
        if "x" in t.entry.flags:  # an allegation covers its whole clause ("conspired to induce ... to deploy")
            for u in trigs[k + 1:]:
                if any(w in (";", "but", "while", "whereas") for w in words[t.t1:u.t0]):
                    break
                u.absorbed = True
            continue
        limit = t.t1 + 10
        for u in trigs[k + 1:]:
            if u.t0 > limit:
                break
            gap = words[t.t1:u.t0]
            if any(w in _CLAUSE_END for w in gap) or "which" in gap or "who" in gap:
                break
            # "ignored the facts and unconditionally protected North Korea": a second verb of the same subject.
            if "and" in gap and words[u.t0] in _VERB_FORMS and not words[u.t0].endswith("ing") and all(
                    w.endswith("ly") or w in _AUX for w in gap[len(gap) - gap[::-1].index("and"):]):
                break
            # A new subject with its own verb ("X said Y attacked") starts a new clause.
            inner = [i for i in range(t.t1, u.t0) if i in slot_at]
            if inner and _is_verbal_gap(words[inner[-1] + 1:u.t0]) and not any(
                    w in ("to", "of", "for", "on", "over", "about", "against") for w in gap):
                break
            u.absorbed = True


def _absorb_purposes(words: list[str], trigs: list[_Trigger]) -> None:
    """"signed three MoUs to promote cooperation", "met to boost ties": the purpose restates the act
    (it is not a second interaction), unless the act is only a vehicle (_purposes handles those).
    "thanked China for hosting the talks", "sanctions on Iran for violating the deal": what the thanks or
    the sanctions are for is no second act either."""
    for k, t in enumerate(trigs):
        if not t.absorbed and t.entry.root in ("SUPPORT", "SANCTION", "ACCUSE", "COERCE", "REJECT"):
            for u in trigs[k + 1:]:
                gap = words[t.t1:u.t0]
                if u.t0 - t.t1 > 14 or any(w in _CLAUSE_END or w == ";" for w in gap):
                    break
                if "for" in gap and words[u.t0].endswith("ing") or gap[-1:] == ["for"] or \
                        "for" in gap and any(w.endswith("ing") for w in gap[gap.index("for") + 1:]):
                    u.absorbed = True
        if t.absorbed or t.entry.root not in ("AGREE", "CONSULT", "SUPPORT", "AID", "COOPERATE"):
            continue
        if t.entry.root == "AGREE" and words[t.t1:t.t1 + 1] in (["that"], ["which"]):
            # "signed an agreement that will enable Uganda to ...": what the agreement does, not another act
            for u in trigs[k + 1:]:
                gap = words[t.t1:u.t0]
                if len(gap) > 25 or any(w in _CLAUSE_END or w == ";" for w in gap):
                    break
                if u.entry.root in ("COOPERATE", "SUPPORT", "AID", "CONCEDE"):
                    u.absorbed = True
        for u in trigs[k + 1:k + 2]:
            gap = words[t.t1:u.t0]
            if u.entry.root == t.entry.root and gap[-1:] == ["to"] and u.t0 - t.t1 <= 16 and not any(
                    w in _CLAUSE_END or w in (";", "which", "who") for w in gap):
                # "received the UAE ambassador to discuss the ties between ...": the purpose restates the meeting
                u.absorbed = True
                continue
            if u.t0 - t.t1 > 8 or u.entry.root not in ("COOPERATE", "SUPPORT") or "to" not in gap:
                continue
            after_to = words[t.t1 + gap.index("to") + 1] if t.t1 + gap.index("to") + 1 < len(words) else ""
            if after_to in _PURPOSE_VERB and not any(w in _CLAUSE_END for w in gap):
                u.absorbed = True


def _merge_repeats(words: list[str], trigs: list[_Trigger]) -> None:
    """"the deployment of a U.S.-led missile defence system": two words for one event; the first
    keeps its phrase (and the agent and place in it)."""
    last = None
    for t in trigs:
        if t.absorbed:
            continue
        if last is not None and t.entry.root == last.entry.root and t.t0 - last.t1 <= 6:
            gap = words[last.t1:t.t0]
            noun_position = words[t.t0] not in _VERB_FORMS or words[t.t0 - 1] not in _AUX and words[t.t0 - 1] != "to"
            if "of" in gap and noun_position and not any(
                    w in _CLAUSE_END or w in (",", "and", "which", "who") for w in gap):
                t.absorbed = True
                continue
            if words[t.t0] in _NOUN_FORMS and words[last.t0] in _VERB_FORMS and all(
                    w in _FILLER or w.isdigit() or w in ("and", "&") or w in _CONTEXT_WORDS for w in gap):
                # "signed 15 agreements and memorandums": the object restates the verb's event
                t.absorbed = True
                last.t1 = t.t1
                continue
        last = t


_PURPOSE_HOSTS = frozenset({"CONSULT", "MOBILIZE"})


def _purposes(words: list[str], trigs: list[_Trigger]) -> dict[int, tuple[_Entry, int]]:
    """"called X to congratulate him", "sent experts to X to investigate": the purpose names the
    interaction, the call or the trip is its vehicle. Returns trigger start -> (the purpose's entry,
    one past its last token)."""
    out: dict[int, tuple[_Entry, int]] = {}
    for k, t in enumerate(trigs):
        if not (t.entry.root in _PURPOSE_HOSTS or words[t.t0] in _SEND) or "g" in t.entry.flags:
            continue
        for u in trigs[k + 1:k + 2]:
            to = [i for i in range(max(t.t1, u.t0 - 4), u.t0) if words[i] == "to"]
            if u.t0 - t.t1 > 14 or not to or u.entry.root == t.entry.root or "w" in u.entry.flags \
                    or "and" in words[t.t1:to[0]]:
                continue
            if any(w in _CLAUSE_END or w in (".", "which", "who") for w in words[t.t1:u.t0]):
                continue
            out[t.t0] = (u.entry, u.t1)
            u.absorbed = True
    return out


def _mark_venues(words: list[str], slots: list[_Slot], trigs: list[_Trigger]) -> None:
    """"the Paris meeting", "the Venice summit": a capital or city right before a meeting noun is
    its venue, unless it pairs with another ("Seoul-Beijing talks"); "crimes committed in Ukraine",
    "talks held in Qatar": a country where something happens is its place, not a party."""
    starts = {t.t0: t for t in trigs}
    for k, s in enumerate(slots):
        if s.prep == "in" and not s.joint and s.how != "demonym" and _after_locus(words, s.t0):
            # (a demonym names whose thing the place is: "people living in Greek refugee camps")
            s.venue = True
            continue
        t = starts.get(s.t1)
        if t is None or s.how not in ("capital", "city") or t.entry.root != "CONSULT" or words[t.t0] in _VERB_FORMS \
                and not words[t.t0].endswith(("ing", "s")):
            continue
        if k and slots[k - 1].t1 == s.t0 - 1 and words[s.t0 - 1] in ("-", "and", "/"):
            continue
        s.venue = True


def _after_locus(words: list[str], t0: int) -> bool:
    i = t0 - 1
    if i >= 0 and words[i] in ("the", "a", "an"):
        i -= 1
    return i >= 1 and words[i] == "in" and words[i - 1] in _LOCUS_PARTICIPLE


def _bound_slots(words: list[str], slots: list[_Slot], trigs: list[_Trigger]) -> set[int]:
    """Slots that modify a nominal trigger right after them ("the U.S. alliance", "Beijing's ban"):
    they belong to that noun phrase and are not the subject of a later verb."""
    starts = {t.t0: t for t in trigs}
    bound = set()
    for k, s in enumerate(slots):
        for gap in range(0, 3):
            t = starts.get(s.t1 + gap)
            if t is not None and words[t.t0] not in _VERB_FORMS and all(
                    w in _FILLER or w.endswith("ly") or w in ("-",) or w in _CONTEXT_WORDS for w in words[s.t1:s.t1 + gap]):
                bound.add(k)
                break
    return bound

