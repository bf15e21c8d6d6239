"""The modality of a trigger (occurred, planned, ongoing, negated, hypothetical; a negated future
is a refusal) from the words before it in its clause, and its PLOVER contexts."""
from __future__ import annotations

from pipeline.events.lexicon import (
    _BE,
    _CONTEXT_WORDS,
    _HYPO,
    _NEG,
    _ONGOING,
    _PERFORMATIVE,
    _PLAN,
    _REFUSAL,
    _VERB_FORMS,
)
from pipeline.events.matching import _Trigger

_DETERMINERS = frozenset("a an the this these those their its his her our bilateral new further".split())
_AUX_AFTER = frozenset("will would shall could may might is are was were has have had to".split())


def _status(words: list[str], lo: int, t: _Trigger, relation: bool) -> tuple[str, bool]:
    """(status, refusal): the modality of the trigger from the words before it in its clause."""
    window = words[max(lo, t.t0 - 16):t.t0]
    for i in range(len(window) - 1, -1, -1):  # stop at a clause break: "X, which will ..., met"
        if window[i] in (";", "but", "while", "whereas", "said", "says") or (
                window[i] == "," and i < len(window) - 3):
            window = window[i + 1:]
            break
    noun_position = words[t.t0] not in _VERB_FORMS or t.t0 == 0 or words[t.t0 - 1] in _DETERMINERS
    if noun_position and not any(w in _VERB_FORMS for w in window[-3:]):
        # A noun that is the clause's subject takes the modality of the verb after its phrase: "A bilateral
        # discussion will be held", "Talks between Serbia and Kosovo will be held", "a visit is scheduled".
        for j in range(t.t1, min(len(words), t.t1 + 8)):
            if words[j] in (",", ";", ":", "which", "that", "who") or words[j] in _VERB_FORMS:
                break
            if words[j] in _AUX_AFTER:
                window = window + words[j:j + 4]
                break
    ws = set(window)
    near = set(window[-5:])  # negation binds to the verb group: "did not meet", "has not yet agreed"
    refusal = bool(near & _REFUSAL) or ("not" in near and bool(near & {"will", "would"}))
    if near & _NEG or (t.t0 > 0 and words[t.t0 - 1] == "no"):
        return "negated", refusal
    if ws & _HYPO:
        return "hypothetical", False
    trig_word = words[t.t0]
    if ws & _PLAN or "'ll" in ws:
        return "planned", False
    if "to" in words[max(lo, t.t0 - 2):t.t0] and not ws & _PERFORMATIVE:
        # "Lee to visit China" (headline), "is to meet", "in order to", "aims to": not yet happened
        if ws & _ONGOING or ws & {"trying", "seeks", "seeking", "tries"}:
            return "ongoing", False
        return "planned", False
    if ws & _ONGOING:
        return "ongoing", False
    if trig_word.endswith("ing") and ws & _BE:
        return "ongoing", False
    if relation or ("has" in ws or "have" in ws) and "been" in ws:
        return "ongoing", False
    return "occurred", False


def _contexts(words: list[str], t: _Trigger, entry_ctx: tuple[str, ...]) -> list[str]:
    out = list(entry_ctx)
    for w in words[max(0, t.t0 - 3):t.t1 + 4]:
        c = _CONTEXT_WORDS.get(w)
        if c and c not in out:
            out.append(c)
    if len(out) > 1 and out[0] == "diplomatic" and any(c in ("military", "trade", "economic") for c in out[1:]):
        out.remove("diplomatic")  # "military ally", "trade deal": the specific domain says more
    return out

