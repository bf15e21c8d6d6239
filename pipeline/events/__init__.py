"""Sentence -> country-pair interactions: a lexicon of PLOVER triggers (pipeline/lexicon/triggers.tsv)
plus rules for direction, coordination, voice, negation and modality. Pure and fast; every record
keeps its trigger words. The parts: lexicon (compiled patterns, word classes), matching (tokens,
slots, triggers), roles (actor and recipient), status (modality, contexts); this module puts them together.

The rules and their rationale are in docs/events.md; figures in bench/plover_eval.py.
"""
from __future__ import annotations

import re
from datetime import date

from pipeline.discourse import PAIR_SEP
from pipeline.events.matching import (
    BEYOND,
    _absorb,
    _absorb_purposes,
    _bound_slots,
    _mark_venues,
    _merge_repeats,
    _purposes,
    _Slot,
    _slots,
    _tokens,
    _Trigger,
    _triggers,
)
from pipeline.events.roles import _participants
from pipeline.events.status import _contexts, _status
from pipeline.schema import Mention

__all__ = ["find_events"]


def find_events(sentence: str, mentions: list[Mention], published: date | None = None,
                context_actor: str | None = None) -> list[dict]:
    """The interactions one sentence reports between the countries mentioned in it.

    `mentions` carry offsets relative to `sentence`; a mention whose country is "AAA|BBB" stands for
    both countries of a pair ("the two leaders", pipeline.discourse). Returns partial records (docs/events.md):
    kind, source, target, source_text, target_text, event_type, mode, context, status, trigger,
    anchor, confidence. `published` is accepted for symmetry with the other extractors; the
    classifier itself does not need dates. `context_actor`: the country the article's recent sentences
    show acting or speaking, the agent of an agentless passive such as "Restrictive measures have been
    introduced against US officials" (pipeline.discourse)."""
    if len({c for m in mentions if m.how != "located" for c in m.country.split(PAIR_SEP)}) < 2:
        return []
    words, starts, ends = _tokens(sentence)
    slots = _slots(sentence, mentions, words, starts, ends)
    if len({s.country for s in slots}) < 2:
        return []
    blocked = {i for s in slots for i in range(s.t0, s.t1)}
    trigs = _triggers(words, blocked, sentence, starts)
    if not trigs:
        return []
    _absorb(words, trigs, slots)
    _absorb_purposes(words, trigs)
    _merge_repeats(words, trigs)
    active = [t for t in trigs if not t.absorbed]
    purpose = _purposes(words, active)
    # an allegation marker has done its work (absorbing what is alleged) and bounds no other trigger's phrase
    active = [t for t in active if not t.absorbed and "x" not in t.entry.flags]
    bound = _bound_slots(words, slots, active)
    _mark_venues(words, slots, active)
    if context_actor:
        slots.append(_Slot(context_actor, None, BEYOND, BEYOND, False, False, None, "context", synthetic=True))
    slot_starts = [sl.t0 for sl in slots]
    caps = [sentence[i:i + 1].isupper() for i in starts]
    results: list[dict] = []
    prev_pairs: tuple[list[int], list[int]] | None = None
    prev_status = None
    for k, t in enumerate(active):
        nxt = active[k + 1].t0 if k + 1 < len(active) else len(words)
        prev_t = active[k - 1] if k else None
        actors, recipients, how = _participants(words, slots, t, prev_t, nxt, bound, prev_pairs, slot_starts, caps)
        if actors:
            prev_pairs = (actors, recipients)
        # Private people and firms never act for a state; in a symmetric act ("X's firms met Y") neither side does.
        if any(slots[a].private for a in actors) and ("s" in t.entry.flags or how == "pair") \
                or any(slots[r].private for r in recipients) and how == "pair":
            continue
        actors = [a for a in actors if not slots[a].private]
        if not actors or not recipients:
            continue
        lo = slots[actors[0]].t1 if slots[actors[0]].t1 <= t.t0 else 0
        status, refusal = _status(words, lo, t, "r" in t.entry.flags)
        if how == "shared" and prev_status:
            status = prev_status  # "will visit X and join events to build cooperation": one modality
        prev_status = status
        entry, t_end = purpose.get(t.t0, (t.entry, t.t1))  # the trigger text runs to the purpose word
        root, mode = entry.root, entry.mode
        if words[t.t0] in _DENOUNCED and _called(words, t.t0):
            # "Islamabad considers the attacks 'a blatant breach of Pakistan's sovereignty by Iran'": the
            # speaker's accusation, not a breach by the speaker
            root, mode, status = "ACCUSE", "denounce", "occurred"
        if root == "MOBILIZE" and any(w.startswith("peacekeep") for w in words[t.t0:nxt]):
            root, mode = "AID", "peacekeeping"  # troops sent to keep the peace are help, not a threat
        if refusal and root in ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"):
            root, mode, status = "REJECT", "refuse", "occurred"  # "will not lift the ban": a refusal
        # News leads with the main event; a conditional one ("if Israel hits Beirut") is less certain.
        conf = _confidence(t, how, slots, actors[0], recipients[0]) - 0.02 * k - 0.1 * (status == "hypothetical")
        conf = round(max(0.05, conf), 3)
        trigger_text = sentence[starts[t.t0]:ends[t_end - 1]]
        ctx = _contexts(words, t, entry.context)
        if how == "pair":  # "A, B, C and D held joint drills": every pair of the list, once
            members = list(dict.fromkeys(actors + recipients))
            combos = [(members[i], members[j]) for i in range(len(members)) for j in range(i + 1, len(members))]
        else:
            combos = [(a, r) for a in actors for r in recipients]
        for a, r in combos:
            sa, sr = slots[a], slots[r]
            if sa.country != sr.country:
                results.append({
                    "kind": "event", "source": sa.country, "target": sr.country,
                    "source_text": sa.text, "target_text": sr.text,
                    "event_type": root, "mode": mode, "context": list(ctx), "status": status,
                    "trigger": trigger_text, "anchor": (starts[t.t0], ends[t_end - 1]),
                    "confidence": conf, "weak": "w" in t.entry.flags,
                })
    if results and _STATISTICS.search(sentence):
        # "Kenya's exports to Uganda stood at Sh120 billion": a trade statistic is a figure, not an act
        results = [r for r in results if not _is_trade_statistic(r)]
    # "Kenya's exports to Uganda are expected to grow", "India's trade with its neighbours": trade flows
    # described as nouns are the economy's state, not an act of either government.
    results = [r for r in results if not (r.get("mode") == "trade" and r["event_type"] == "COOPERATE"
                                          and _nominal_trade(r["trigger"]))]
    return _dedupe(results)


# A number stated as a share, an amount of money or a partner rank: the sentence reports statistics.
_STATISTICS = re.compile(
    r"\d[\d,.]*\s*(?:%|per\s*cent\b|percent\b|pct\b|(?:billion|million|trillion|bn|mn|tn|mln|bln)\b)"
    r"|[$€£¥₹]\s?\d|\b(?:USD|US\$|Sh|Ush|KSh|Rs|INR|EUR|RMB|yuan|yen)\s?\d"
    r"|\b(?:largest|biggest|top|second|third|fourth|fifth|leading|main|major|no\.?\s*1|number one)\s+"
    r"(?:\w+\s+)?(?:trading|trade|export|import|commercial)\s+(?:partner|market|destination|source)", re.I)
_TRADE_WORDS = frozenset("trade trading traded exports export exported exporting imports import imported importing "
                         "commerce partner partners".split())


_TRADE_NOUNS = frozenset("trade exports export imports import commerce".split())


def _nominal_trade(trigger: str) -> bool:
    first = trigger.lower().split()[0] if trigger.strip() else ""
    return first in _TRADE_NOUNS or trigger.lower() in ("free trade",)


def _is_trade_statistic(rec: dict) -> bool:
    """A cooperation record whose trigger is trade itself (or a trading partner), in a statistics sentence."""
    if rec["event_type"] not in ("COOPERATE", "AID", "SUPPORT"):
        return False
    words = set(rec["trigger"].lower().replace("-", " ").split())
    return bool(words & _TRADE_WORDS) or rec.get("mode") == "trade" or "trade" in (rec.get("context") or [])


_DENOUNCED = frozenset("breach breaches violation violations provocation provocations outrage aggression affront "
                       "interference infringement".split())
_CALLING = frozenset("consider considers considered call calls called describe describes described term terms "
                     "termed brand brands branded label labels labelled labeled regard regards regarded".split())


def _called(words: list[str], i: int) -> bool:
    """A condemnation noun that is what someone calls an act ("considers the attacks a breach")."""
    return any(w in _CALLING for w in words[max(0, i - 9):i]) and not any(w in (";", ".") for w in words[max(0, i - 9):i])


def _confidence(t: _Trigger, how: str, slots, a: int, r: int) -> float:
    base = {"subject": 0.8, "passive": 0.8, "relation": 0.8, "possessive": 0.75, "pair": 0.75,
            "agentive": 0.7, "shared": 0.55, "pronoun": 0.6, "fallback": 0.5}.get(how, 0.6)
    if "w" in t.entry.flags:
        base -= 0.3
    if t.entry.length > 1:
        base += 0.1
    if slots[r].prep == "in":
        base -= 0.1
    dist = abs(slots[r].t0 - t.t0) + abs(t.t0 - slots[a].t1)
    base -= min(0.2, dist / 100)
    return round(max(0.05, min(0.99, base)), 3)


def _dedupe(results: list[dict]) -> list[dict]:
    """One record per (actor, recipient, type) in a sentence; a weak trigger yields to any other."""
    best: dict[tuple, dict] = {}
    strong_pairs = {frozenset((r["source"], r["target"])) for r in results if not r["weak"]}
    for r in results:
        if r["weak"] and frozenset((r["source"], r["target"])) in strong_pairs:
            continue
        key = (r["source"], r["target"], r["event_type"])
        if key not in best or r["confidence"] > best[key]["confidence"]:
            best[key] = r
    out = []
    for r in results:
        key = (r["source"], r["target"], r["event_type"])
        if best.get(key) is r:
            r.pop("weak", None)
            out.append(r)
    return out
