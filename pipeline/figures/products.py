"""What a figure is about when it is not all goods: "tea imports", "exports of crude oil", "farm products".

Pure: words next to a trade noun in, a product name or None out (the lexicon's not_product words
say "all trade": total, annual, bilateral, goods ...)."""
from __future__ import annotations

import re
from functools import cache

from pipeline.figures.grammar import MASKED_CHARS, Grammar


@cache
def _not_product(g: Grammar) -> re.Pattern:
    alts = [g.lex.alt("not_product"), g.lex.alt("generic"), g.lex.alt("article"), g.lex.alt("prep")]
    return re.compile("(?:" + "|".join(alts) + ")", re.I)


@cache
def _products(g: Grammar) -> re.Pattern | None:
    return re.compile(rf"(?<!\w)(?:{g.lex.alt('product')})(?!\w)", re.I) if g.lex.has("product") else None


def product_of(g: Grammar, *phrases: str | None) -> str | None:
    """The product a figure is limited to, or None when the words only say "all trade".

    English keeps its own modifiers ("computer products exports" -> "computer products"); other
    languages name a product only with a word from their `product` list."""
    words = [w.strip(",.;:()'\"") for ph in phrases if ph for w in ph.split()]
    words = [w for w in words if w and not MASKED_CHARS.search(w)]
    if not words or any(ch.isdigit() for w in words for ch in w):
        return None  # "546 mln gallons of": a quantity, not a product name
    if g.lex.lang != "en":
        rx = _products(g)
        found = rx.search(" ".join(words)) if rx else None
        return found[0].lower() if found else None
    skip = _not_product(g)
    if all(skip.fullmatch(w) for w in words):
        return None
    while words and skip.fullmatch(words[0]) and words[0].lower() not in ("these", "those", "such"):
        words.pop(0)  # "total farm exports" -> "farm exports"; the head noun stays
    generic = re.compile(g.lex.alt("generic"), re.I)
    while words and skip.fullmatch(words[-1]) and not generic.fullmatch(words[-1]):
        words.pop()  # a trailing "total", "annual" goes; "farm produce" keeps its noun
    return " ".join(words).lower() or None
