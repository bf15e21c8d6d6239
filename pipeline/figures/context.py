"""Who a figure's unnamed party is: "the two countries", "East Africa's largest economy", "its",
an omitted reporter ("Exports to the US rose ...") and sentences that name no country at all.

`FigureContext` is what the reader remembers from the sentences before; it is immutable and
`after()` returns the next one, so the extractor stays pure."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pipeline.schema import Mention

__all__ = ["FigureContext", "Slot"]

_MAX_MENTIONS = 40
_MAX_OWNERS = 12
_MAX_AGE = 6          # figures older than this many sentences are forgotten
_POSSESSIVE = re.compile(r"['’]s?(?![\w])")


@dataclass(frozen=True, slots=True)
class Slot:
    """A place in the sentence that stands for a country: a mention, or a description whose country
    comes from the context (`country` None until resolved; `how` is then 'description:one' etc.)."""
    start: int
    end: int
    text: str
    country: str | None
    how: str
    possessive: bool = False

    @property
    def description(self) -> str | None:
        return self.how.split(":", 1)[1] if self.how.startswith("description:") else None


@dataclass(frozen=True, slots=True)
class _Heads:
    """A sentence whose trade heads have not been read yet: their owners and pair are worked out
    only if a later sentence needs them (most never do)."""
    sentence: str
    mentions: tuple[Mention, ...]
    language: str | None

    def roles(self) -> tuple[list[str], tuple[str, str] | None]:
        return _roles(self.sentence, self.mentions, self.language)


@lru_cache(maxsize=256)
def _roles(sentence: str, mentions: tuple[Mention, ...], language: str | None) -> tuple[list[str], tuple[str, str] | None]:
    from pipeline.figures import sentence_roles
    return sentence_roles(sentence, list(mentions), language)


@dataclass(frozen=True, slots=True)
class FigureContext:
    """The earlier sentences of an article as far as figures need them (most recent last)."""
    mentions: tuple[Mention, ...] = ()
    owner_items: tuple[str | _Heads, ...] = ()   # reporters: figure sources, possessors ("India's"), trade-noun owners
    figures: tuple[tuple[int, dict], ...] = ()   # (age in sentences, figure); age 1 = the sentence just before
    pair_item: tuple[str, str] | _Heads | None = None  # what the sentence just before was about, if a trade pair

    @property
    def owners(self) -> tuple[str, ...]:
        out: list[str] = []
        for item in self.owner_items:
            if isinstance(item, _Heads):
                out.extend(item.roles()[0])
            else:
                out.append(item)
        return tuple(out[-_MAX_OWNERS:])

    @property
    def pair(self) -> tuple[str, str] | None:
        if isinstance(self.pair_item, _Heads):
            return self.pair_item.roles()[1]
        return self.pair_item

    @classmethod
    def of(cls, context: FigureContext | Sequence[Mention] | None) -> FigureContext:
        """Accepts a FigureContext, or just the previous sentences' mentions (most recent last)."""
        if context is None:
            return _EMPTY
        if isinstance(context, FigureContext):
            return context
        return cls(mentions=tuple(context)[-_MAX_MENTIONS:])

    def after(self, sentence: str, mentions: Iterable[Mention], found: list[dict],
              language: str | None = None) -> FigureContext:
        """The context for the next sentence, once `sentence` (with its mentions and figures) is read."""
        ms = sorted(mentions, key=lambda m: m.start)
        if not ms and not found and not self.figures and self.pair_item is None:
            return self
        items: list[str | _Heads] = list(self.owner_items)
        for m in ms:
            if _POSSESSIVE.match(sentence, m.end):
                items.append(m.country)
        pair: tuple[str, str] | _Heads | None = None
        if ms:
            from pipeline.figures.grammar import has_trade_word
            if found or has_trade_word(sentence, language):
                pair = _Heads(sentence, tuple(ms), language)
                items.append(pair)
        items.extend(f["source"] for f in found if f.get("source"))
        figures = tuple((age + 1, f) for age, f in self.figures if age < _MAX_AGE) + tuple((1, f) for f in found)
        if found:
            pair = (found[-1]["source"], found[-1]["target"])
        return FigureContext(mentions=(self.mentions + tuple(ms))[-_MAX_MENTIONS:],
                             owner_items=tuple(items[-_MAX_OWNERS:]), figures=figures[-16:], pair_item=pair)

    # --- resolution ------------------------------------------------------------------------------

    def recent(self, before: Sequence[Slot] = ()) -> list[str]:
        """Countries most recent first: the sentence's own mentions before a point, then the context."""
        out = [s.country for s in reversed(before) if s.country]
        out.extend(m.country for m in reversed(self.mentions))
        return out

    def frequent(self, exclude: set[str]) -> str | None:
        counts = Counter(m.country for m in self.mentions if m.country not in exclude)
        if not counts:
            return None
        top = max(counts.values())
        for m in reversed(self.mentions):  # ties go to the most recent
            if counts.get(m.country) == top:
                return m.country
        return None

    def recent_figures(self, max_age: int = _MAX_AGE) -> list[dict]:
        return [f for age, f in reversed(self.figures) if age <= max_age]

    def last_pair(self, max_age: int = 2) -> tuple[str, str] | None:
        for f in self.recent_figures(max_age):
            return f["source"], f["target"]
        return self.pair


_EMPTY = FigureContext()


def resolve_one(slot: Slot, before: Sequence[Slot], ctx: FigureContext, exclude: set[str]) -> str | None:
    """'the country', 'the neighbouring country', "East Africa's largest economy": the most recent
    country named before it that is not the figure's other party; 'the latter'/'the former' count back."""
    kind = slot.description
    seen: list[str] = []
    for c in ctx.recent(before):
        if c not in seen:
            seen.append(c)
    if kind == "latter":
        cands = seen[:1]
    elif kind == "former":
        cands = seen[1:2]
    else:
        cands = seen
    return next((c for c in cands if c not in exclude), None)


def resolve_pair(before: Sequence[Slot], ctx: FigureContext) -> tuple[str, str] | None:
    """'the two countries', 'between them', 'leurs échanges bilatéraux': the pair of the last figure or
    trade sentence, else the two most recent countries named."""
    pair = ctx.last_pair()
    if pair:
        return pair
    seen: list[str] = []
    for c in ctx.recent(before)[:12]:
        if c not in seen:
            seen.append(c)
        if len(seen) == 2:
            return seen[1], seen[0]  # text order: the earlier one first
    return None


def resolve_pronoun(before: Sequence[Slot], ctx: FigureContext, exclude: set[str]) -> str | None:
    """'its', 'their', 'it': a possessor named before it in the sentence, else anyone named before it,
    else the reporter the article has been about."""
    for s in reversed(before):
        if s.country and s.possessive and s.country not in exclude:
            return s.country
    for s in reversed(before):
        if s.country and s.country not in exclude:
            return s.country
    return resolve_reporter(None, [], ctx, exclude)


def resolve_reporter(partner: str | None, in_sentence: Sequence[dict], ctx: FigureContext,
                     exclude: set[str]) -> str | None:
    """The reporter a sentence leaves out ("Exports to China dipped ..."): from the figures just read
    (the other side of one with this partner, else their reporter), else the article's reporters."""
    exclude = exclude | ({partner} if partner else set())
    for figs in (list(reversed(in_sentence)), ctx.recent_figures()):
        if partner:
            for f in figs:
                if partner in (f["source"], f["target"]):
                    other = f["target"] if f["source"] == partner else f["source"]
                    if other not in exclude:
                        return other
        for f in figs:
            if f["source"] not in exclude:
                return f["source"]
    for c in reversed(ctx.owners):
        if c not in exclude:
            return c
    return ctx.frequent(exclude)
