"""Who a figure's unnamed party is: "the two countries", "East Africa's largest economy", "its", an
omitted reporter ("Exports to the US rose ...") and sentences that name no country at all, from the
sentence's own slots and the article's FigureContext."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.figures.context import FigureContext


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
