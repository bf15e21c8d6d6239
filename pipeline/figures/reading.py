"""One sentence as one language's grammar reads it: slots, amounts, the masked text, and the
figures found so far; the frames (ranks, shares) and flows (values, balances) modules add to it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from pipeline.figures.grammar import AMOUNT_FILL, MONEY0, PCT0, SLOT0, SLOT_FILL, Grammar
from pipeline.figures.numbers import Amount, resolve_currency
from pipeline.figures.resolving import Slot, resolve_one, resolve_pair, resolve_pronoun
from pipeline.schema import Mention

if TYPE_CHECKING:
    from pipeline.figures.context import FigureContext

_MAX = 250
_PRIVATE_USE = re.compile("[\ue000-\ue3ff]")
_LONG_SPACE = re.compile(r"\s{8,}")


@dataclass(slots=True)
class ListHead:
    """A ranking being read ("Mexico is the US's top partner; in second place came Canada ..."):
    later items take its reporter and count on from its rank."""
    reporter: str
    reporter_text: str
    rank: int
    indicator: str
    end: int
    regional: bool


@dataclass(slots=True)
class Party:
    country: str
    text: str
    inferred: bool = False  # taken from the context, not named in the template


@dataclass(slots=True)
class Reading:
    sentence: str
    masked: str
    slots: list[Slot]
    amounts: list[Amount]
    g: Grammar
    ctx: FigureContext
    published: date | None
    found: list[dict] = field(default_factory=list)
    lists: list[ListHead] = field(default_factory=list)
    apposed: set[int] = field(default_factory=set)  # slots inside a rank apposition ("China, Japan's top partner,")
    heads: list = field(default_factory=list)        # the flows module's heads, once read

    # --- slots -----------------------------------------------------------------------------------
    def slot(self, m: re.Match, group: str) -> Slot | None:
        text = m.groupdict().get(group)
        return self.slots[ord(text[0]) - SLOT0] if text else None

    def slot_index(self, pos: int) -> int | None:
        ch = self.masked[pos] if 0 <= pos < len(self.masked) else ""
        return ord(ch) - SLOT0 if "\ue000" <= ch <= "\ue0ff" else None

    def before(self, pos: int) -> list[Slot]:
        return [s for s in self.slots if s.end <= pos and s.country]

    def amount_at(self, pos: int) -> Amount | None:
        ch = self.masked[pos] if 0 <= pos < len(self.masked) else ""
        if "\ue200" <= ch <= "\ue2ff":
            return self.money[ord(ch) - MONEY0]
        if "\ue300" <= ch <= "\ue3fe":
            return self.pcts[ord(ch) - PCT0]
        return None

    @property
    def money(self) -> list[Amount]:
        return [a for a in self.amounts if a.kind == "money"]

    @property
    def pcts(self) -> list[Amount]:
        return [a for a in self.amounts if a.kind == "percent"]

    def party(self, slot: Slot | None, exclude: set[str] = frozenset()) -> Party | None:
        """A slot's country: a mention's own, or a description's, resolved from what was named before."""
        if slot is None:
            return None
        if slot.country:
            return Party(slot.country, slot.text)
        kind = slot.description
        if kind == "pair":
            return None
        c = resolve_one(slot, self.before(slot.start), self.ctx, set(exclude))
        return Party(c, slot.text, True) if c else None

    def pronoun(self, pos: int, text: str, exclude: set[str] = frozenset()) -> Party | None:
        """'its', 'their', 'it': a country named before it in the sentence; from the context only when
        the sentence names no other actor first ("Puma hoped ... in the U.S., its most important market")."""
        before = [s for s in self.before(pos) if s.country not in exclude]
        if not before and _other_actor(self.masked[:pos]):
            return None
        c = resolve_pronoun(self.before(pos), self.ctx, set(exclude))
        return Party(c, text, True) if c else None

    def pair(self, pos: int) -> tuple[Party, Party] | None:
        got = resolve_pair(self.before(pos), self.ctx)
        if not got or got[0] == got[1]:
            return None
        return Party(got[0], got[0], True), Party(got[1], got[1], True)

    # --- records ---------------------------------------------------------------------------------
    def unit(self, a: Amount, rep: str, par: str) -> str | None:
        return "percent" if a.kind == "percent" else (resolve_currency(a.currency, rep, par) if a.currency else None)

    def add(self, indicator: str, rep: Party, par: Party, value: float, unit: str, anchor: tuple[int, int],
            confidence: float, amount: Amount | None = None, product: str | None = None, **extra) -> dict | None:
        if rep.country == par.country:
            return None  # a country never pairs with itself
        if any(f["anchor"] == anchor and f["indicator"] == indicator for f in self.found):
            return None
        if rep.inferred or par.inferred:
            confidence *= 0.85
        rec = {"kind": "figure", "source": rep.country, "target": par.country,
               "source_text": rep.text, "target_text": par.text, "indicator": indicator,
               "value": value, "unit": unit, "scale": amount.scale if amount else None,
               "approximate": bool(amount and amount.qualifier), "qualifier": amount.qualifier if amount else None,
               "product": product, "anchor": anchor, "confidence": round(confidence, 3),
               "_end": amount.end if amount else anchor[1], **extra}
        self.found.append(rec)
        return rec


# Reuters capitalises the word after "U.S." ("U.S. Pressure"): a capital right after a country is no name.
_CAPITALISED = re.compile(r"(?<=[\s(\"'“‘])(?<![\ue000-\ue100]\s)(?-i:[A-Z][a-z][\w&.-]*)")
_NOT_ACTORS = re.compile(r"(?:I|He|She|It|They|We|The|A|An|This|That|These|Those|In|On|At|But|And|Its|His|Her|Their|"
                         r"January|February|March|April|May|June|July|August|September|October|November|December|"
                         r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$")


def _other_actor(text: str) -> bool:
    """A capitalised name other than a country before a pronoun: a company or person it may stand for."""
    return any(not _NOT_ACTORS.match(m[0]) for m in _CAPITALISED.finditer(text))


def mask(sentence: str, mentions: list[Mention], amounts: list[Amount], descriptions: list[Slot],
         possessive: re.Pattern | None) -> tuple[str, list[Slot], list[Amount]]:
    """Slots for mentions and descriptions (not inside an amount: "US$" is a currency, not the US),
    amounts kept as they are; then the masked sentence."""
    spans = [(a.start, a.end) for a in amounts]

    def free(s: int, e: int, taken: list[tuple[int, int]]) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    slots: list[Slot] = []
    taken = list(spans)
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if m.end > m.start and m.end <= len(sentence) and free(m.start, m.end, taken) and len(slots) < _MAX:
            poss = bool(possessive and possessive.match(sentence, m.end))
            slots.append(Slot(m.start, m.end, m.text, m.country, m.how, poss))
            taken.append((m.start, m.end))
    for d in descriptions:
        if free(d.start, d.end, taken) and len(slots) < _MAX:
            poss = bool(possessive and possessive.match(sentence, d.end))
            slots.append(Slot(d.start, d.end, d.text, None, d.how, poss))
            taken.append((d.start, d.end))
    slots.sort(key=lambda s: s.start)
    chars = list(_PRIVATE_USE.sub(" ", sentence))  # private-use characters in the text must not read as slots
    # A long run of whitespace is a break, not a gap between words: it becomes ";" after its first
    # character, so no pattern (\s+ ... \s*) backtracks through it; offsets are unchanged.
    for run in _LONG_SPACE.finditer(sentence):
        for j in range(run.start() + 1, run.end()):
            chars[j] = ";"
    for i, s in enumerate(slots):
        chars[s.start] = chr(SLOT0 + i)
        for j in range(s.start + 1, s.end):
            chars[j] = SLOT_FILL
    money = [a for a in amounts if a.kind == "money"][:_MAX]
    pcts = [a for a in amounts if a.kind == "percent"][:_MAX]
    for i, a in enumerate(money):
        chars[a.start] = chr(MONEY0 + i)
        for j in range(a.start + 1, a.end):
            chars[j] = AMOUNT_FILL
    for i, a in enumerate(pcts):
        chars[a.start] = chr(PCT0 + i)
        for j in range(a.start + 1, a.end):
            chars[j] = AMOUNT_FILL
    return "".join(chars), slots, sorted(money + pcts, key=lambda a: a.start)
