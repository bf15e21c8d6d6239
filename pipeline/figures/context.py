"""What the figure reader remembers from the sentences before (`FigureContext`): the countries named,
the reporters, the last figures and the pair the previous sentence was about. It is immutable and
`after()` returns the next one, so the extractor stays pure; pipeline/figures/resolving.py reads it."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pipeline.figures.grammar import has_trade_word
from pipeline.figures.heads import sentence_roles
from pipeline.figures.resolving import Slot
from pipeline.schema import Mention

__all__ = ["FigureContext", "Slot"]

_MAX_MENTIONS = 40
_MAX_OWNERS = 12
_MAX_AGE = 6          # figures older than this many sentences are forgotten
_POSSESSIVE = re.compile(r"['’]s?(?![\w])")


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
    return sentence_roles(sentence, list(mentions), language, _EMPTY)


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
