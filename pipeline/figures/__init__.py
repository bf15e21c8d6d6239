"""Numbers about a country pair in one sentence, in English and the article's language: trade
values, balances, shares and partner ranks, with the pair taken from the context when unnamed.

Pure: a sentence, its country mentions and what came before in; partial figure records out
(docs/dates-figures.md). Vocabulary lives in pipeline/lexicon/figures_<lang>.tsv."""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from pipeline import dates
from pipeline.figures.context import FigureContext
from pipeline.figures.flows import read_flows
from pipeline.figures.frames import read_ranks, read_shares
from pipeline.figures.grammar import Grammar, grammar
from pipeline.figures.lexicon import reading_order
from pipeline.figures.numbers import find_amounts
from pipeline.figures.reading import Reading, mask
from pipeline.figures.resolving import Slot
from pipeline.schema import Mention

__all__ = ["FigureContext", "find_amounts", "find_figures", "parse_money"]


def find_figures(sentence: str, mentions: list[Mention], published: date | None = None,
                 language: str | None = None,
                 context: FigureContext | Sequence[Mention] | None = None) -> list[dict]:
    """Trade figures between two countries in `sentence` (mentions: offsets within it).

    `language` is the article's ISO 639-1 code (None: English). `context` is what came before: a
    FigureContext (see FigureContext.after) or simply the previous sentences' mentions, most recent
    last; it supplies the countries of "the two countries", "Exports to the US ..." or a sentence
    that names none. Each result is a partial record: kind, source (reporter), target (partner),
    source_text, target_text, indicator, value (scaled), unit (ISO currency, "percent" or "rank"),
    scale, approximate, qualifier, product, period, anchor (the number's span), confidence."""
    ctx = FigureContext.of(context)
    if not mentions and not ctx.mentions:
        return []
    out: list[dict] = []
    for lang in reading_order(language):
        for rec in _read(sentence, mentions, published, grammar(lang), ctx):
            if not any(f["anchor"] == rec["anchor"] and f["indicator"] == rec["indicator"] for f in out):
                out.append(rec)
    spans = _spans(sentence, published) if any(rec["unit"] != "rank" for rec in out) else []
    for rec in out:
        cls = rec.pop("_class", "level")
        rec["period"] = None if rec["unit"] == "rank" else _period(sentence, rec, cls, spans, out, mentions)
    for rec in out:
        rec.pop("_end", None)
    out.sort(key=lambda r: r["anchor"])
    return out


def parse_money(text: str, language: str | None = None) -> tuple[float, str | None, str | None] | None:
    """The first money amount in `text` -> (value with its scale applied, currency code or None when
    it depends on the pair, scale word); None when there is none. '39 mil 543 millones de dólares', 'es'
    -> (39543e6, 'USD', 'million')."""
    for a in find_amounts(text, grammar(reading_order(language)[0]).lex):
        if a.kind == "money" and a.currency:
            return a.value, a.currency[0], a.scale
    return None


def _descriptions(sentence: str, g: Grammar) -> list[Slot]:
    rx = _description_rx(g)
    if rx is None:
        return []
    out = []
    for m in rx.finditer(sentence):
        out.append(Slot(m.start(), m.end(), m[0], None, f"description:{m.lastgroup}"))
    return out


_DESC_CACHE: dict[int, re.Pattern | None] = {}


def _description_rx(g: Grammar) -> re.Pattern | None:
    key = id(g)
    if key not in _DESC_CACHE:
        parts = [f"(?P<{v}>{g.lex.alt('description', v)})" for v in ("pair", "latter", "former", "one")
                 if g.lex.get("description", v)]
        _DESC_CACHE[key] = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.I) if parts else None
    return _DESC_CACHE[key]


def _read(sentence: str, mentions: list[Mention], published: date | None, g: Grammar,
          ctx: FigureContext) -> list[dict]:
    low = sentence.lower()
    if not g.gate.search(low) and not (g.anaphor_gate and ctx.recent_figures(1) and g.anaphor_gate.match(sentence)):
        return []  # no trade word: nothing to read (most sentences stop here)
    amounts = find_amounts(sentence, g.lex)
    rank_cue = (g.rank_gate is not None and mentions and g.rank_gate.search(low) is not None
                and (g.rank_word is None or g.rank_word.search(low) is not None))
    if not amounts and not rank_cue:
        return []
    descriptions = _descriptions(sentence, g)
    if len({m.country for m in mentions}) + len(descriptions) < 2 and not (ctx.mentions or ctx.figures):
        return []
    masked, slots, amounts = mask(sentence, mentions, amounts, descriptions,
                                  re.compile(g.poss) if g.poss else None)
    r = Reading(sentence, masked, slots, amounts, g, ctx, published)
    if rank_cue or any(a.kind == "percent" for a in amounts):
        read_ranks(r)
    if any(a.kind == "percent" for a in amounts):
        read_shares(r)
    if any(a.kind == "money" for a in amounts):
        read_flows(r)
    return r.found


# --------------------------------------------------------------------------------------------
# Period: the calendar period (year, season, fiscal year, month, quarter) the sentence gives the number.

_YEAR = re.compile(r"(?<![\d.,$])((?:19|20)\d\d)(?:\s*[-/–]\s*((?:19|20)?\d\d))?(?![\d%])")


def _period_text(span: dates.DateSpan) -> str:
    s, e = span.date_start, span.date_end
    if s and e:
        ys, ye = int(s[:4]), int(e[:4])
        whole_years = s[5:] == "01-01" and e[5:] == "12-31"
        if whole_years and ys == ye:
            return str(ys)
        if ye == ys + 1 and (whole_years or (s[5:], e[5:]) == ("04-01", "03-31")):  # "1986/87", "2022-23"
            return f"{ys}/{str(ye)[2:]}"
        if whole_years and span.precision == "decade":
            return f"{ys}s"
        if whole_years:
            return f"{ys}-{ye}"
        if s[:7] == e[:7]:
            return s[:7]
    return " ".join(span.text.split())


def _is_month_end(iso: str) -> bool:
    d = date.fromisoformat(iso)
    return (d + timedelta(days=1)).day == 1


def _spans(sentence: str, published: date | None) -> list[tuple[int, int, str]]:
    out = []
    for s in dates.find_dates(sentence, published):
        if (s.precision in ("year", "decade", "month", "quarter", "season") and s.date_start and s.date_end
                and s.date_start.endswith("-01") and _is_month_end(s.date_end)):
            out.append((s.start, s.end, _period_text(s)))
    taken = [(a, b) for a, b, _ in out]
    # Years the date reader leaves alone ("its 1986 record ... surplus", "en 2022", "2022 года", "2021-22")
    for m in _YEAR.finditer(sentence):
        if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
            continue
        y2 = m[2]
        if y2:
            end = int(y2) if len(y2) == 4 else int(m[1][:2] + y2)
            text = f"{m[1]}/{str(end)[2:]}" if end == int(m[1]) + 1 else f"{m[1]}-{end}"
        else:
            text = m[1]
        out.append((m.start(), m.end(), text))
    return sorted(out)


_COMPARISON = re.compile(r"[;]|\b(?:while|whereas|but|compared|versus|against|than|from)\b", re.I)


def _period(sentence: str, rec: dict, cls: str, spans: list[tuple[int, int, str]], found: list[dict],
            mentions: list[Mention]) -> str | None:
    if not spans:
        return None
    anchor = rec["anchor"]
    own = {rec["source_text"], rec["target_text"]}
    # Another country named after the amount starts another figure's words ("... the U.S. Taiwan's 1985 surplus").
    cut = min((m.start for m in mentions if m.start >= rec["_end"] and m.text not in own), default=len(sentence))
    others = sorted({f["anchor"] for f in found if f["anchor"] != anchor and f["unit"] != "rank"})
    nxt = min((a[0] for a in others if a[0] > anchor[1]), default=len(sentence))
    prv = max((a[1] for a in others if a[1] < anchor[0]), default=0)
    # A date after the number, before the next number and any comparison, is its own ("up from $97.5
    # billion in 2021"); else, for a level, the nearest one before it.
    after = [s for s in spans if anchor[1] <= s[0] < min(nxt, cut) and s[0] - anchor[1] <= 70
             and not _COMPARISON.search(sentence, anchor[1], s[0])]
    if after:
        return after[0][2]
    if cls == "earlier":
        return None
    before = [s for s in spans if s[1] <= anchor[0] and s[0] >= prv and not _BREAK.search(sentence, s[1], anchor[0])]
    return before[-1][2] if before else None


_BREAK = re.compile(r";|\b(?:while|whereas|but)\b|\bmientras\b|\btandis\b|\bwährend\b|\bтогда как\b|بينما", re.I)
