"""Amounts as each language writes them: money (number, scale, currency in any order) and percentages.

Pure: a sentence and a language's lexicon in, `Amount` spans out, values with their scale applied."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from pipeline.figures.lexicon import Lexicon, parse_currency_spec

__all__ = ["Amount", "find_amounts", "parse_number", "resolve_currency"]

CurrencySpec = tuple[str | None, tuple[tuple[str, str], ...]]
_SCALE_NAME = {1e3: "thousand", 1e5: "lakh", 1e6: "million", 1e7: "crore", 1e9: "billion", 1e12: "trillion"}
# Eastern Arabic and Persian digits and the Arabic decimal/thousands signs, mapped one char to one
# char so every offset stays an offset into the real sentence.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
_NOT_LETTER_AFTER = r"(?![^\W\d_])"


def _scaled(number: float, factor: float) -> float:
    """number x factor without binary noise: 128.55 x 1e9 = 128550000000.0, not ...00002."""
    exp = round(math.log10(factor)) if factor > 0 else 0
    return float(f"{number!r}e{exp}") if 10.0 ** exp == factor else number * factor


@dataclass(frozen=True, slots=True)
class Amount:
    start: int       # the whole amount: qualifier, currency, number, scale
    end: int
    num_start: int   # the number itself (a record's anchor)
    num_end: int
    value: float     # the scale applied: "1.5 trillion" -> 1.5e12
    kind: str        # "money" | "percent"
    currency: CurrencySpec | None
    scale: str | None
    qualifier: str | None
    borrowed: bool = False  # "from 417 mln dlrs to 2.3 billion": the currency of the amount before


def _chars(lex: Lexicon, kind: str) -> str:
    return "".join(re.sub(r"\\(.)", r"\1", r.pattern) for r in lex.get(kind))


@cache
def _number_rx(lang: str, lex: Lexicon) -> str:
    group, dec, amb = _chars(lex, "number_group"), _chars(lex, "number_decimal"), _chars(lex, "number_ambiguous")
    g = re.escape(group + amb) if group + amb else ""
    d = re.escape(dec + amb) if dec + amb else r"\."
    parts = []
    if lex.has("number_reversed"):
        parts.append(rf"\d+{lex.alt('number_reversed')}\d+")
    if lex.has("scale") and lex.get("scale", flag="joiner"):
        parts.append(rf"\d{{1,3}}\s+{lex.alt('scale', flag='joiner')}\s+\d{{1,3}}(?!\d)")
    if g:
        parts.append(rf"\d{{1,3}}(?:[{g}]\d{{3}})+(?!\d)(?:[{d}]\d+)?")
    parts.append(rf"\d+(?:[{d}]\d+)?")
    return "(?:" + "|".join(parts) + ")"


@cache
def _number_spec(lex: Lexicon) -> tuple[re.Pattern | None, re.Pattern | None, str, str, str]:
    rev = re.compile(rf"(\d+){lex.alt('number_reversed')}(\d+)") if lex.has("number_reversed") else None
    join = (re.compile(rf"(\d{{1,3}})\s+{lex.alt('scale', flag='joiner')}\s+(\d{{1,3}})", re.I)
            if lex.get("scale", flag="joiner") else None)
    return rev, join, _chars(lex, "number_group"), _chars(lex, "number_decimal"), _chars(lex, "number_ambiguous")


def parse_number(text: str, lex: Lexicon) -> float:
    """A number as written in the lexicon's language -> float ('56,74' fr -> 56.74, '6ر683' ar -> 683.6)."""
    text = text.translate(_DIGITS)
    rev, join, group, dec, amb = _number_spec(lex)
    if rev is not None:
        m = rev.fullmatch(text)
        if m:  # Arabic papers write the fraction first: 6ر683 = 683.6
            return float(f"{m[2]}.{m[1]}")
    if join is not None:
        m = join.fullmatch(text)
        if m:  # "39 mil 543 (millones)" = 39,543
            return float(m[1]) * 1000 + float(m[2])
    if text.isdigit():
        return float(text)
    out = []
    for i, ch in enumerate(text):
        if ch.isdigit():
            out.append(ch)
        elif ch in group or ch.isspace():
            continue
        elif ch in amb:
            tail = re.match(r"\d+", text[i + 1:])
            is_group = tail is not None and len(tail[0]) == 3 and (i + 4 == len(text) or text[i + 4] in group + amb)
            if not is_group:
                out.append(".")
        elif ch in dec:
            out.append(".")
    return float("".join(out))


@dataclass(frozen=True)
class _Rx:
    num: re.Pattern      # a number (and its scale) matched at a digit
    word: re.Pattern | None  # "seven billion": a number word and its scale
    pre: re.Pattern      # a currency sign or code right before the number ("$", "US$", "Sh", "USD ")
    post: re.Pattern     # a currency word after the number/scale ("dollars", "de dólares", "تريليون ين")
    pct: re.Pattern      # a percent sign or word after the number
    qual: re.Pattern     # a qualifier before the amount ("about", "rund", "نحو")
    symbol_scales: frozenset[str]


@cache
def _compiled(lang: str, lex: Lexicon) -> _Rx:
    num = _number_rx(lang, lex)
    scale_all = lex.alt("scale", without="joiner")
    joiner = rf"(?:{lex.alt('currency_joiner')}\s*)?" if lex.has("currency_joiner") else ""
    return _Rx(
        num=re.compile(rf"(?P<n>{num})(?:\s*-?\s*(?P<s>{scale_all}){_NOT_LETTER_AFTER})?", re.I),
        word=re.compile(rf"(?P<n>{lex.alt('number_word')})\s+(?P<s>{scale_all}){_NOT_LETTER_AFTER}", re.I)
        if lex.has("number_word") else None,
        pre=re.compile(rf"(?<![\w$€£¥₩₹₽₺₦৳.,])(?P<pre>{lex.alt('currency_pre')})\s?$", re.I),
        post=re.compile(rf"\s*{joiner}(?P<p>{lex.alt('currency_post')}){_NOT_LETTER_AFTER}", re.I),
        pct=re.compile(rf"\s*(?P<pct>{lex.alt('percent')})(?:(?<=%)|{_NOT_LETTER_AFTER})", re.I),
        qual=re.compile(rf"(?<!\w)(?P<q>{lex.alt('qualifier')})\s+$", re.I),
        symbol_scales=frozenset(r.regex.lower() for r in lex.get("scale", flag="symbol")),
    )


_BARE_FOLLOW = re.compile(r"\s*(?:$|[.,;:)]|(?:in|last|this|a|an|the|and|or|while|from|to|by|for|compared|against|as|"
                          r"with|at|on|during|respectively|up|down)\b)", re.I)


@lru_cache(maxsize=4096)
def _lookup(lex: Lexicon, kind: str, text: str):
    return lex.lookup(kind, re.sub(r"\s+", " ", text.strip()))


def _qualifier(lex: Lexicon, text: str | None) -> str | None:
    row = _lookup(lex, "qualifier", text) if text else None
    return row.value if row else None


def _scale(lex: Lexicon, text: str | None) -> float:
    row = _lookup(lex, "scale", text) if text else None
    return float(row.value) if row else 1.0


def _currency(lex: Lexicon, kind: str, text: str) -> CurrencySpec | None:
    row = _lookup(lex, kind, text)
    if row is None:
        return None
    spec = parse_currency_spec(row.value)
    if spec[0] == "ISO":
        code = text.strip().upper()
        return ("CNY" if code == "RMB" else code), ()
    return spec


def resolve_currency(spec: CurrencySpec, reporter: str | None, partner: str | None) -> str | None:
    """The ISO code an amount is in, given the pair: 'Sh' is the Ugandan shilling between Uganda and
    Rwanda, the Kenyan one between Kenya and Uganda (the default); crowns need a crown country."""
    default, local = spec
    hits = [code for code, iso3 in local if iso3 in (reporter, partner)]
    if len(set(hits)) == 1:
        return hits[0]
    if len(hits) > 1:
        if default in hits:
            return default
        own = [code for code, iso3 in local if iso3 == reporter]
        return own[0] if own else hits[0]
    return default


@cache
def _bare_follow(lex: Lexicon) -> re.Pattern:
    joiner = lex.alt("currency_joiner") if lex.has("currency_joiner") else "(?!)"
    return re.compile(rf"\s*(?:$|[.,;:)—–-]|(?!(?:{joiner})(?:\s|$))[^\W\d_])", re.I)


_ANY_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\d[\d.,ر]*")


def _anchors(text: str, lex: Lexicon, rx: _Rx) -> list[tuple[int, re.Match | None]]:
    """Where amounts can start: runs of digits, and English number words before a scale."""
    out: list[tuple[int, re.Match | None]] = [(m.start(), None) for m in _DIGIT_RUN.finditer(text)]
    if rx.word is not None:
        low = text.lower()
        if "illion" in low or " bn" in low:
            out += [(m.start(), rx.word.match(text, m.start())) for m in _word_anchor(lex).finditer(text)]
            out.sort(key=lambda x: x[0])
    return out


@cache
def _word_anchor(lex: Lexicon) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{lex.alt('number_word')})\s+(?:{lex.alt('scale', without='joiner')})(?![^\W\d_])", re.I)


def find_amounts(sentence: str, lex: Lexicon) -> list[Amount]:
    """Money amounts and percentages in `sentence`, in text order (they never overlap).

    Each starts at a run of digits (or a number word): the number and its scale are matched there,
    a currency sign and a qualifier looked for just before, a currency word or a percent sign just after."""
    if not _ANY_DIGIT.search(sentence) and not (lex.has("number_word") and "illion" in sentence.lower()):
        return []
    rx = _compiled(lex.lang, lex)
    text = sentence.translate(_DIGITS)
    found: list[Amount] = []
    last_end = 0
    for a, word_m in _anchors(text, lex, rx):
        if a < last_end:
            continue
        pm = rx.pre.search(text, max(last_end, a - 12), a)
        if pm is None and a > 0 and (text[a - 1].isalnum() or text[a - 1] in ".,$"):
            continue  # inside a token ("G20", "1,2") or a sign we do not know
        nm = word_m if word_m is not None else rx.num.match(text, a)
        if nm is None:
            continue
        scale_text = nm["s"]
        if scale_text and scale_text.lower() in rx.symbol_scales and pm is None:
            scale_text = None  # "4m" is four million only after a currency sign ("$4m")
        end = nm.end("s") if scale_text else nm.end("n")
        start = pm.start("pre") if pm else a
        qm = rx.qual.search(text, max(last_end, start - 30), start)
        q = _qualifier(lex, qm["q"]) if qm else None
        if qm:
            start = qm.start("q")
        factor = _scale(lex, scale_text)
        if word_m is not None:
            row = _lookup(lex, "number_word", nm["n"])
            if row is None or factor < 1e6:
                continue
            number = float(row.value)
        else:
            try:
                number = parse_number(nm["n"], lex)
            except ValueError:
                continue
        post = rx.post.match(text, end)
        spec = _currency(lex, "currency_pre", pm["pre"]) if pm else None
        if spec is None and post is not None:
            spec = _currency(lex, "currency_post", post["p"])
        if spec is not None:
            if post is not None and pm is None:
                end = post.end()
            found.append(Amount(start, end, nm.start("n"), nm.end("n"), _scaled(number, factor), "money", spec,
                                _SCALE_NAME.get(factor), q))
            last_end = end
            continue
        if word_m is None:
            pc = rx.pct.match(text, nm.end("n"))
            if pc is not None:
                found.append(Amount(start, pc.end(), nm.start("n"), nm.end("n"), number, "percent", None, None, q))
                last_end = pc.end()
                continue
        # Reuters: "from 417 mln dlrs to 2.3 billion", "contre 23 milliards": the currency of the amount
        # before; not "2 millions de tonnes" (another unit follows)
        if scale_text and (_BARE_FOLLOW if lex.lang == "en" else _bare_follow(lex)).match(text, end):
            found.append(Amount(start, end, nm.start("n"), nm.end("n"), _scaled(number, factor), "money", None,
                                _SCALE_NAME.get(factor), q, borrowed=True))
            last_end = end
    found.sort(key=lambda a: a.start)
    # A bare amount takes the currency of the money amount just before it; without one it is no money.
    out: list[Amount] = []
    last: CurrencySpec | None = None
    for a in found:
        if a.kind == "money" and a.borrowed:
            if last is None:
                continue
            a = Amount(a.start, a.end, a.num_start, a.num_end, a.value, a.kind, last, a.scale, a.qualifier, True)
        elif a.kind == "money":
            last = a.currency
        out.append(a)
    return out
