"""Who does what to whom: the actor and recipient slots of one trigger (subject, object, passive voice,
possessives, relations, coordinated lists, "the two sides"), and what ties a list together."""
from __future__ import annotations

from bisect import bisect_left

from pipeline.events.lexicon import (
    _AUX,
    _BE,
    _CLAUSE_END,
    _CONTEXT_WORDS,
    _CONTROLLER_NOUN,
    _COORD,
    _COPULA,
    _FILLER,
    _GROUP_WORDS,
    _INSTITUTION,
    _NEG,
    _NON_STATE,
    _NOUN_FORMS,
    _OBJECT_CONTROL,
    _PARTICIPLE_SUB,
    _PREP_SKIP,
    _PRON_PERSON,
    _RECEIVE,
    _ROLE_NOUN,
    _SPEECH,
    _TITLE_WORD,
    _TOPIC,
    _TOPIC_NOUN,
    _UNNAMED_AGENT,
    _VERB_FORMS,
    _is_verbal_gap,
)
from pipeline.events.matching import _NEAR, _Slot, _Trigger


def _same_words(slots: list[_Slot], k: int) -> list[int]:
    """The other joint slots on the words of joint slot k (one per country of "the two leaders"),
    nearest first: they sit next to each other in the slot list."""
    span = (slots[k].t0, slots[k].t1)
    out = []
    for step in (-1, 1):
        i = k + step
        while 0 <= i < len(slots) and slots[i].joint and (slots[i].t0, slots[i].t1) == span:
            out.append(i)
            i += step
    return sorted(out, key=lambda i: abs(i - k))


def _group(slots: list[_Slot], k: int, words: list[str], step: int) -> list[int]:
    """The indexes of slots coordinated with slot k ("Iran, Libya and North Korea"), walking by step.
    Commas alone do not make a list ("... Xi Jinping, the Blue House said"): a conjunction must."""
    out = [k]
    j = k
    conj = False
    if slots[k].joint:  # "the two leaders", "the three countries": all of them, whichever way the walk goes
        sibs = _same_words(slots, k)
        if sibs:
            out += sibs
            conj = True
            j = max(out) if step > 0 else min(out)
    while 0 <= j + step < len(slots) and len(out) < _NEAR and not slots[j + step].synthetic:
        a, b = (slots[j], slots[j + step]) if step > 0 else (slots[j + step], slots[j])
        gap = words[a.t1:b.t0]
        if gap and gap[0] == "and" and len(gap) <= 7 and all(w in _TITLE_WORD or w == "." for w in gap[1:]):
            gap = ["and"]  # "Isaias Afwerki and Prime Minister Dr. Abiy Ahmed": the title is part of the name
        elif gap in (["as", "well", "as"], [",", "as", "well", "as"], ["as", "well", "as", "the"]):
            gap = ["and"]  # "the United Kingdom as well as the United States"
        if a.possessive or len(gap) > 3 or not gap and step < 0:
            break
        if gap and all(w in _COORD or w in ("the", "both", "also", "his", "her", "its", "their") for w in gap) \
                or not gap:
            conj = conj or not gap or any(w in ("and", "or", "-", "&", "/") for w in gap)
            out.append(j + step)
            j += step
            continue
        break
    return out if conj else [k]


def _phrase_before(words: list[str], i: int, phrases: tuple[str, ...]) -> bool:
    text = " ".join(words[max(0, i - 4):i])
    return any(text.endswith(p) for p in phrases)


# Restrictive acts whose target often goes unnamed in the phrase ("Beijing's ban on K-pop content");
# for these the nearest other country in the sentence is the likely target. Not for trade, aid ...
_FALLBACK_ROOTS = frozenset({"SANCTION", "MOBILIZE"})

def _participants(words: list[str], slots: list[_Slot], t: _Trigger, prev_t: _Trigger | None,
                  region_end: int, bound: set[int], prev_pairs,
                  slot_starts: list[int], caps: list[bool] | None = None) -> tuple[list[int], list[int], str]:
    """(actor slot indexes, recipient slot indexes, how they were found)."""
    flags = t.entry.flags
    # Only nearby slots can take part (bounded work on pathological sentences with thousands).
    at = bisect_left(slot_starts, t.t0)
    left = [k for k in range(max(0, at - _NEAR), at) if slots[k].t1 <= t.t0]
    # A slot inside a gapped pattern ("accept Syrian refugees") is its object.
    right = [k for k in range(at, min(len(slots), at + _NEAR)) if t.t0 < slots[k].t0 < region_end]
    # "X said that Y must ...": the speaker demands something of Y.
    if words[t.t0] in ("must", "should"):
        if left and t.t0 - slots[left[-1]].t1 <= 2 and len(left) >= 2:
            gap = words[slots[left[-2]].t1:slots[left[-1]].t0]
            if any(w in _SPEECH for w in gap) and len(gap) <= 10:
                return [left[-2]], [left[-1]], "subject"
        return [], [], "none"
    # "after delivering relief supplies to Tonga": the participle's subject is the main clause's;
    # "its decision to recall its ambassador": the infinitive's too, not the nearest country before it.
    if t.t0 >= 1 and (words[t.t0].endswith("ing") and words[t.t0 - 1] in _PARTICIPLE_SUB
                      or t.t0 >= 2 and words[t.t0 - 1] == "to" and words[t.t0 - 2] in _CONTROLLER_NOUN):
        main = _main_subject(words, slots, left)
        if main is not None:
            actors = _group(slots, main, words, 1)
            return actors, _object(words, slots, right, t, actors, region_end), "subject"
    # "... will not go unanswered", "the responsibility for the consequences will lie with Iran": the
    # statement's speaker warns the country the clause names.
    if "k" in flags:
        context = [k for k, sl in enumerate(slots) if sl.synthetic]
        if context:
            others = [k for k in right + left[::-1] if slots[k].country != slots[context[0]].country]
            return (context, others[:1], "context") if others else ([], [], "none")
        return [], [], "none"
    # "the expulsion of two Russian diplomats from The Hague": the government seated there expels them.
    if t.entry.mode == "expel":
        seat = [k for k in right if slots[k].prep == "from" and slots[k].how in ("capital", "city")
                and slots[k].t0 - t.t1 <= 8]
        if seat:
            expelled = [k for k in right if slots[k].t0 < slots[seat[0]].t0 and slots[k].country != slots[seat[0]].country]
            if expelled:
                return [seat[0]], expelled[:1], "agentive"
    # "at the request of Tonga, the Chinese military dispatched ...": the of-phrase asks, the other side is asked.
    if words[t.t1 - 1] == "of" and t.entry.root == "REQUEST" and right:
        asker = right[0]
        others = [k for k in range(len(slots)) if slots[k].country != slots[asker].country and k != asker
                  and not slots[k].venue and not slots[k].synthetic]
        return ([asker], others[:1], "agentive") if others else ([], [], "none")
    # Passive voice: "was attacked by X" -> X is the actor, the subject the recipient.
    after = words[t.t1:t.t1 + 2]
    before = words[max(0, t.t0 - 3):t.t0]
    participle = t.entry.verbal and words[t.t0].endswith(("ed", "en", "t", "wn"))
    if "by" in after and participle and (set(before) & _BE or after[0] == "by" and words[t.t0].endswith("ed")):
        by_i = t.t1 + after.index("by") + 1
        # "was received by Hon. Prime Minister of Sri Lanka": the agent may sit behind a title
        agents = [k for k in right if slots[k].t0 <= by_i + 6
                  and not any(w in _CLAUSE_END or w == "," for w in words[by_i:slots[k].t0])]
        subj = [k for k in left if slots[k].prep not in _PREP_SKIP][-1:]
        if agents and subj:
            return _group(slots, agents[0], words, 1), _group(slots, subj[0], words, -1), "passive"
    if participle and set(before) & _BE and "by" not in after and "s" not in flags and t.entry.root != "MOBILIZE":
        # An agentless passive: the subject is the recipient. "were summoned to the Foreign Ministry":
        # the ministry summoned them; otherwise ("were accused of spying") nobody named acts here.
        subj = [k for k in left if slots[k].prep not in _PREP_SKIP][-1:]
        to_actor = [k for k in right if slots[k].t0 - t.t1 <= 6 and "to" in words[t.t1:slots[k].t0]
                    and t.entry.root in _SUMMONING]
        if subj and to_actor:
            return [to_actor[0]], _group(slots, subj[0], words, -1), "passive"
        context = [k for k, sl in enumerate(slots) if sl.synthetic]
        if subj and context and t.entry.root in _SUMMONING:
            recipients = [k for k in _group(slots, subj[0], words, -1) if slots[k].country != slots[context[0]].country]
            if recipients:  # "Restrictive measures have been introduced against US officials": by the article's actor
                return context, recipients, "context"
        return [], [], "none"
    if "s" in flags:
        pair = _between(words, slots, t, region_end)
        if pair:
            return pair[:1], pair[1:], "pair"
    if "c" in flags:  # "the war between Iran and Iraq", "the 6-1/2-year-old Iran-Iraq war"
        pair = _between(words, slots, t, region_end) or _hyphen_pair(words, slots, left, t)
        if pair:
            return pair[:1], pair[1:], "pair"
    # Relation: "X is Y's (military) ally" -> X supports Y.
    if "r" in flags and left:
        k = left[-1]
        if slots[k].possessive and t.t0 - slots[k].t1 <= 3 and len(left) >= 2:
            gap = words[slots[left[-2]].t1:slots[k].t0]
            if any(w in _COPULA for w in gap) and len(gap) <= 4:
                return [left[-2]], [k], "relation"
    # Nominal with a possessive actor: "Beijing's effective ban on ...".
    actors: list[int] = []
    how = "subject"
    if left and ("n" in flags or t.entry.length == 1):
        k = left[-1]
        if slots[k].possessive and t.t0 - slots[k].t1 <= 3 and all(
                w in _FILLER or w.endswith("ly") or w in _CONTEXT_WORDS or w == "and" or w.isalpha() and len(w) < 12
                and w not in _PREP_SKIP and w not in _AUX and w not in _VERB_FORMS for w in words[slots[k].t1:t.t0]):
            actors, how = [k], "possessive"
    # A hyphenated or coordinated pair right before a symmetric noun: "the Lee-Xi meeting".
    if not actors and "s" in flags and left and words[t.t0] in _NOUN_FORMS:
        k = left[-1]
        g = _group(slots, k, words, -1)
        if len(g) >= 2 and t.t0 - slots[k].t1 <= 3 and len({slots[i].country for i in g}) >= 2 and \
                not any(w in _AUX for w in words[slots[k].t1:t.t0]):
            g = sorted(g)
            return [g[0]], g[1:], "pair"
    # "cooperation between the Philippines and the United States"
    if "s" in flags and right and (slots[right[0]].prep == "between" or slots[right[0]].prep == "of"
                                   and words[t.t1 - 1] in _NOUN_FORMS and slots[right[0]].t0 - t.t1 <= 2):
        # also "the joint military exercises of the United States and South Korea"
        g = _group(slots, right[0], words, 1)
        if len(g) >= 2:
            return [g[0]], g[1:], "pair"
    # Nominal with an agent in an of-phrase: "the deployment of a U.S.-led system in South Korea";
    # or in a by-phrase, behind a title: "the visit by the Speaker of the U.S. House to Taiwan".
    if not actors and right and "n" in flags:
        first = slots[right[0]]
        if first.agentive and first.t0 - t.t1 <= 4 and any(w in ("of", "by") for w in words[t.t1:first.t0]):
            actors, how = [right[0]], "agentive"
            right = right[1:]
        elif words[t.t1:t.t1 + 1] == ["by"] and first.t0 - t.t1 <= 6 and not any(
                w in _CLAUSE_END or w == "," for w in words[t.t1:first.t0]):
            actors, how = [right[0]], "agentive"
            right = right[1:]
    if not actors and prev_t is not None and t.t0 >= 1 and words[t.t0 - 1] == "to" and \
            words[prev_t.t0] in _OBJECT_CONTROL and "," not in words[prev_t.t1:t.t0]:
        # "trained Mujahideen groups to fight": the object of "trained" fights, not its subject
        if not prev_pairs or not prev_pairs[1]:
            return [], [], "none"
        actors, how = list(prev_pairs[1]), "subject"
    if not actors and prev_pairs and prev_t is not None and not prev_pairs[1] and \
            _is_verbal_gap(words[prev_t.t1:t.t0]):
        actors, how = list(prev_pairs[0]), "subject"  # "A U.S. airstrike has killed ...": the noun's agent
    if not actors:
        actors = _subject(words, slots, left, t, prev_t, bound, prev_pairs)
    if not actors:
        actors = _subject(words, slots, left, t, prev_t, set(), prev_pairs)  # "A U.S. airstrike has killed ..."
    # "the two sides agreed": the last two countries named before.
    if not actors and _phrase_before(words, t.t0, _GROUP_WORDS) and len(left) >= 2:
        return [left[-2]], [left[-1]], "pair"
    if not actors and "s" in flags:
        # "seven agreements had been signed in Kampala, ... between the two countries": nobody named acts,
        # and the sentence speaks of the article's pair
        joint = [k for k, sl in enumerate(slots) if sl.joint]
        if len(joint) >= 2 and not any(w in (";",) for w in words[t.t1:slots[joint[0]].t0]):
            return [joint[0]], sorted(_same_words(slots, joint[0])), "pair"
    if "s" in flags and len({slots[a].country for a in actors}) >= 2 and all(
            slots[k].prep in _TOPIC for k in right):
        return [actors[0]], actors[1:], "pair"  # "Trump and Putin agreed to share information on North Korea"
    recipients = _object(words, slots, right, t, actors, region_end)
    if "p" in flags and recipients and slots[recipients[0]].prep not in ("with", "between"):
        return [], [], "none"  # "the U.S. trade deficit ... the Japanese surplus" is no interaction
    # "received an invitation from X": X acts, the receiver is the recipient.
    if actors and recipients and slots[recipients[0]].prep == "from" and \
            set(words[max(0, t.t0 - 4):t.t0]) & _RECEIVE:
        return recipients[:1], actors, "passive"
    if not recipients and actors and "s" in flags:
        # Only symmetric acts pair a coordinated subject: "X and Y clashed", not "X and Y demonstrate".
        g = sorted(actors) if len(actors) >= 2 else sorted(_group(slots, actors[0], words, -1))
        if len(g) >= 2 and len({slots[i].country for i in g}) >= 2:
            return [g[0]], g[1:], "pair"
    if not recipients and actors and prev_pairs and prev_t is not None and prev_pairs[0] == actors:
        recipients, how = list(prev_pairs[1]), "shared"  # "visit China and join events to build cooperation"
    if not recipients and actors and how == "possessive" and t.entry.root in _FALLBACK_ROOTS:
        recipients, how = _fallback(slots, actors, t), "fallback"
    # A pronoun object: "Lee sought his help" -> the last other-country person named before.
    if actors and t.t1 < len(words) and words[t.t1] in _PRON_PERSON:
        for k in reversed(left):
            if slots[k].country != slots[actors[0]].country and k not in actors:
                recipients, how = [k], "pronoun"
                break
    if not actors and not [k for k in left if not slots[k].venue] and (
            t.t0 <= 2 and t.entry.root in ("SANCTION", "COERCE", "THREATEN")
            or t.entry.root == "SANCTION" and t.t0 <= 8 and _unnamed_subject(words, t, caps)):
        # "Restrictive measures have also been introduced against US officials": a sentence that opens
        # with the act and names only its target; the act is the article's actor's (the same measures)
        context = [k for k, sl in enumerate(slots) if sl.synthetic]
        if context:
            targets = _object(words, slots, right, t, context, region_end)
            if targets:
                return context, targets, "context"
    return actors, recipients, how


# Acts whose agentless passive names the actor after "to": "was summoned to the Foreign Ministry".
_SUMMONING = frozenset({"ACCUSE", "PROTEST", "REQUEST", "COERCE", "SANCTION"})


def _between(words, slots, t, region_end) -> list[int]:
    """"talks will be held between the Prime Minister of Sri Lanka and H.E Imran Khan": the first
    country after "between" and the first other country after the "and" that follows it."""
    limit = min(region_end, t.t1 + 8)
    try:
        b = next(i for i in range(t.t1, limit) if words[i] == "between")
    except StopIteration:
        return []
    first = next((k for k, sl in enumerate(slots) if sl.t0 > b and sl.t0 - b <= 8), None)
    if first is None or any(w in _CLAUSE_END for w in words[b:slots[first].t0]):
        return []
    a = slots[first]
    try:
        conj = next(i for i in range(a.t1, min(len(words), a.t1 + 10)) if words[i] == "and")
    except StopIteration:
        return []
    second = next((k for k, sl in enumerate(slots) if sl.t0 > conj and sl.t0 - conj <= 8
                   and sl.country != a.country), None)
    if second is None or any(w in _CLAUSE_END or w == "," and i < conj for i, w in enumerate(words[a.t1:slots[second].t0], a.t1)):
        return []
    return [first, second]


def _hyphen_pair(words, slots, left, t) -> list[int]:
    """"the Iran-Iraq war", "the Russia-Ukraine military conflict": two countries joined by a hyphen or
    slash right before the noun (at most two describing words between)."""
    if not left or left[-1] < 1:
        return []
    k = left[-1]
    a, b = slots[k - 1], slots[k]
    gap = words[b.t1:t.t0]
    if a.t1 != b.t0 - 1 or words[a.t1] not in ("-", "/", "–") or a.country == b.country or len(gap) > 2 \
            or not all(w.isalpha() and w not in _VERB_FORMS and w not in _AUX and w not in _PREP_SKIP for w in gap):
        return []
    return [k - 1, k]


_SUBJECT_PRONOUNS = frozenset("it he she they we".split())
# Words between a reporting verb and what is reported that are not its subject ("said late on Friday that").
_FRAME_WORDS = frozenset("that on late early last this in at yesterday today tonight monday tuesday wednesday "
                         "thursday friday saturday sunday morning afternoon evening night week".split())


def _reports(words, s, t) -> bool:
    """The slot speaks ("X said ...") and the trigger is in what it says with a subject of its own."""
    after = words[s.t1:s.t1 + 2]
    verb = next((i for i, w in enumerate(after) if w in _SPEECH), None)
    if verb is None:
        return False
    start = s.t1 + verb + 1
    clause = [w for w in words[start:t.t0] if w not in _FRAME_WORDS and not w.isdigit()]
    if t.t0 >= 1 and words[t.t0 - 1] == "," and words[t.t0].endswith("ed"):
        return False  # "Islamabad said that the attack left two dead, condemned Iran's actions": its next verb
    return len(clause) >= 2 and clause[0] not in _SUBJECT_PRONOUNS


def _unnamed_subject(words, t, caps) -> bool:
    """No name stands before the trigger in its sentence ("new announcements will follow to expand the
    sanctions list"), unlike "The EC last year imposed sanctions": capitals mark a named actor."""
    return caps is not None and not any(caps[1:t.t0]) and not any(w in _CLAUSE_END for w in words[:t.t0])


_PASSIVE_BE = frozenset("was were is are been being".split())


def _patient(words, s, t) -> bool:
    """Between the country and a nominal trigger stands an agentless passive verb ("X was notified of a
    protest", "X, who was summoned to the ministry, was told of ..."): the country undergoes, it does not act."""
    gap = words[s.t1:t.t0]
    noun = words[t.t0] not in _VERB_FORMS or any(w in ("a", "an", "the") for w in words[max(0, t.t0 - 3):t.t0])
    return noun and any(gap[i] in _PASSIVE_BE and gap[i + 1].endswith("ed") and gap[i + 1] not in _VERB_FORMS
                        and "by" not in gap[i + 2:i + 4] for i in range(len(gap) - 1))


def _main_subject(words, slots, left) -> int | None:
    """The first country of the sentence that is not in a prepositional phrase: the main clause's subject."""
    for k in left:
        if slots[k].prep is None and not slots[k].venue:
            return k
    return None


def _subject(words, slots, left, t, prev_t, bound, prev_pairs=None) -> list[int]:
    i = t.t0 - 1
    while i >= 0 and (words[i] in _AUX or words[i] in _NEG or words[i].endswith("ly")):
        i -= 1
    if i >= 0 and words[i] in ("i", "you") or i >= 0 and words[i] == "we" and not any(
            s.t0 == i and s.how == "speaker" for s in slots):
        return []  # "... and we welcome X": the speaker, whom one sentence does not name
    if i >= 0 and words[i] in _NON_STATE:
        return []  # "after protesters stormed the Saudi embassy": private people act, not a state
    if i >= 0 and words[i] in _UNNAMED_AGENT and not any(
            s.t0 <= i < s.t1 or s.t1 <= i and i - s.t1 <= 2 and all(w.isalpha() and w not in _VERB_FORMS
                                                                   for w in words[s.t1:i])
            for s in slots):  # ("Russian armed forces", "Brazilian federal police", "Israel Defense Forces")
        return []  # "the police action that saw officers break into ...": whose officers, the words do not say
    for k in reversed(left):
        s = slots[k]
        if s.venue:
            continue
        if k in bound and not (s.possessive and t.t0 - s.t1 <= 3):
            continue
        relative = s.t1 < t.t0 and words[s.t1] in ("which", "who", "that") and _is_verbal_gap(words[s.t1:t.t0])
        role_of = s.prep in ("for", "of") and s.t0 >= 2 and (
            words[s.t0 - 2] in _ROLE_NOUN or words[s.t0 - 2] == "the" and s.t0 >= 3 and words[s.t0 - 3] in _ROLE_NOUN)
        if s.prep in _PREP_SKIP and s.prep not in ("between",) and not relative and not role_of and not (
                s.prep == "in" and s.t0 >= 2 and words[s.t0 - 2] in _INSTITUTION):
            continue  # "talks with X", but "police in X arrested", "the spokesperson for X" and "with X, which ..."
        if _reports(words, s, t):
            continue  # "He said the moves to encourage investment ...": the speaker, not the subject
        if _patient(words, s, t):
            return []  # "The ambassador ... was notified of a strong protest": told, not protesting
        agent_of_subject = s.prep == "by" and prev_t is not None and prev_t.t1 >= s.t0 - 3
        if s.prep == "by" and not s.agentive and not agent_of_subject:
            continue  # "the missiles fired by X struck ...": X is the actor of "struck" too
        if prev_t is not None and s.t0 >= prev_t.t1 and not agent_of_subject and \
                "," not in words[prev_t.t1:s.t0] and not _is_verbal_gap(words[s.t1:t.t0]):
            continue  # the object of the previous verb, not the subject of this one
        if t.t0 - s.t1 > 25:
            return []
        taken = set(prev_pairs[1]) if prev_pairs and prev_t is not None else set()
        return sorted(i for i in _group(slots, k, words, -1) if i == k or i not in taken)
    return []


def _topic(words, s) -> bool:
    """"Moscow's positions on Ukraine": a country after a topic noun and on/over/about is what is talked about."""
    i = s.t0 - 1
    if i >= 1 and words[i] in ("the", "a"):
        i -= 1
    return i >= 1 and words[i] in ("on", "over", "about", "regarding", "concerning", "to") and words[i - 1] in _TOPIC_NOUN


def _object(words, slots, right, t, actors, region_end) -> list[int]:
    actor_countries = {slots[a].country for a in actors}
    right = [k for k in right if not _topic(words, slots[k])]
    cands = [k for k in right if slots[k].country not in actor_countries and not slots[k].agentive
             and not slots[k].venue] or \
        [k for k in right if slots[k].country not in actor_countries and not slots[k].venue]  # "Iran-backed militias"
    if not cands or slots[cands[0]].t0 - t.t1 > 20:
        return []
    first = cands[0]
    direct = [k for k in right if slots[k].agentive and slots[k].country not in actor_countries
              and all(w in _FILLER for w in words[t.t1:slots[k].t0])]
    if direct and slots[direct[0]].t0 < slots[first].t0:
        first = direct[0]  # "struck Iran-backed militia groups": the direct object, though agent-marked
    if t.entry.root in ("CONSULT", "COOPERATE", "AGREE"):
        # "discussed Libya with Trump": the partner is the with-phrase, the topic is not a party.
        withs = [k for k in cands if slots[k].prep == "with"]
        if withs and slots[first].prep != "with":
            first = withs[0]
    group = [i for i in _group(slots, first, words, 1) if slots[i].country not in actor_countries]
    # "to China for hosting the talks, as well as to Iraq and Oman": the list goes on after "as well as".
    end = slots[group[-1]].t1 if group else slots[first].t1
    for i in range(end, min(len(words) - 2, end + 14)):
        if words[i] in _CLAUSE_END and words[i] != "as" or words[i] == ";":
            break
        if words[i:i + 3] == ["as", "well", "as"]:
            more = [k for k in range(len(slots)) if slots[k].t0 > i + 2 and slots[k].t0 - (i + 3) <= 2]
            if more:
                group += [k for k in _group(slots, more[0], words, 1)
                          if slots[k].country not in actor_countries and k not in group]
            break
    # "Iran attacked Iraq and China met Japan": a list member right before the next verb is its subject.
    while len(group) > 1 and region_end < len(words) and _is_verbal_gap(words[slots[group[-1]].t1:region_end]):
        group.pop()
    return group


def _fallback(slots, actors, t) -> list[int]:
    """A possessive actor's nominal with no recipient in its phrase ("Beijing's ban on K-pop"):
    the nearest other country in the sentence, skipping agent modifiers ("U.S.-led")."""
    ac = slots[actors[0]].country
    cands = [k for k, s in enumerate(slots) if s.country != ac and not s.agentive and not s.synthetic]
    if not cands:
        return []
    best = min(cands, key=lambda k: (slots[k].t0 < t.t0, abs(slots[k].t0 - t.t0)))
    return [best]

