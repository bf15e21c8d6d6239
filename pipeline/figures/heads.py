"""The trade heads of a sentence as the context of the next ones: who owns the trade nouns ("The U.S.
trade deficit") and which pair the sentence is about ("Deutschland ... Waren aus China eingeführt"),
read only when a later sentence needs them."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.figures.grammar import grammar
from pipeline.figures.lexicon import reading_order
from pipeline.figures.numbers import find_amounts
from pipeline.figures.reading import Reading, mask
from pipeline.figures.roles import read_heads
from pipeline.schema import Mention

if TYPE_CHECKING:
    from pipeline.figures.context import FigureContext


def _roles(r: Reading) -> tuple[list[str], tuple[str, str] | None]:
    owners: list[str] = []
    pair = None
    for h in r.heads:
        own = h.owner.country if h.owner is not None and h.owner.country else None
        par = h.partner.country if h.partner is not None and h.partner.country else None
        if own:
            owners.append(own)
        if pair is None and own and par and own != par:
            pair = (own, par)
        if pair is None and h.pair and h.pair[0].country and h.pair[1].country and h.pair[0].country != h.pair[1].country:
            pair = (h.pair[0].country, h.pair[1].country)
    return owners, pair


def sentence_roles(sentence: str, mentions: list[Mention], language: str | None, empty: FigureContext
                   ) -> tuple[list[str], tuple[str, str] | None]:
    """The reporters (owners of trade nouns: "The U.S. trade deficit") and the first named pair of a
    sentence ("Deutschland ... Waren aus China eingeführt"), for the context of the next sentences."""
    owners: list[str] = []
    pair = None
    for lang in reading_order(language):
        g = grammar(lang)
        if not g.gate.search(sentence.lower()):
            continue
        amounts = find_amounts(sentence, g.lex)
        masked, slots, amounts = mask(sentence, mentions, amounts, [], re.compile(g.poss) if g.poss else None)
        r = Reading(sentence, masked, slots, amounts, g, empty, None)
        r.heads = read_heads(r)
        o, p = _roles(r)
        owners += o
        pair = pair or p
    return owners, pair
