"""A language's lexicon compiled into the regexes the reader runs over a masked sentence.

In a masked sentence every country slot is one private-use character per mention (U+E000 + index,
then U+E100 fill) and every amount one per amount (U+E200 + index for money, U+E300 + index for a
percentage, then U+E3FF fill), so templates can say "a country here" or "money here" and every
offset is still an offset into the real sentence. Compiled once per language."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.figures.lexicon import Lexicon, Row, lexicon

SLOT0, SLOT_FILL = 0xE000, "\ue100"
MONEY0, PCT0, AMOUNT_FILL = 0xE200, 0xE300, "\ue3ff"
SLOT = "[\ue000-\ue0ff]\ue100*"
MONEY = "[\ue200-\ue2ff]\ue3ff*"
PCT = "[\ue300-\ue3fe]\ue3ff*"
MASKED = "\ue000-\ue3ff"
MASKED_CHARS = re.compile(f"[{MASKED}]")
# One token between two parts of a frame: a word, or an amount; never a slot, a comma or a bracket.
_TOKEN = rf"(?:{MONEY}|[^\s,;:()\[\]{MASKED}]+)"


@dataclass(frozen=True, slots=True)
class Template:
    kind: str        # rank | rank_next | rank_more | share | share_attached | value_attached
    rx: re.Pattern
    row: Row


class Grammar:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        L = lex.alt
        self.article = rf"(?:(?:{L('article', without='clitic')})\s+|{L('article', flag='clitic')})?"
        self.poss = L("poss") if lex.has("poss") else None
        self.preps = {role: L("prep", role) for role in ("to", "into", "from", "with", "between", "and", "of", "in")}
        self.prep_any = L("prep")
        self.and_ = self.preps["and"]
        art = self.article
        # -- heads: one named group per row, so a match says which row (flow, flags) it was --------------
        parts, self.head_rows = [], {}
        for i, row in enumerate(sorted(lex.get("head"), key=lambda r: -len(r.regex))):
            name = f"h{i}"
            self.head_rows[name] = row
            parts.append(f"(?P<{name}>{row.regex})")
        self.head_rx = re.compile(r"(?<![\w#@-])(?:" + "|".join(parts) + r")(?![\w])", re.I) if parts else None
        nouns = [r.regex for r in lex.get("head") if not r.flags & {"verb", "vfinal"} and r.value in ("export", "import", "trade")]
        self.head_nouns = "(?:" + "|".join(sorted(nouns, key=len, reverse=True)) + ")" if nouns else "(?!)"
        self.mods = {v: re.compile(rf"(?<!\w){L('mod', v)}(?!\w)", re.I) for v in ("bilateral", "total", "not_trade")}
        # -- roles around a head ----------------------------------------------------------------------
        roles = "|".join(self.preps[k] for k in ("to", "into", "from", "with", "between", "and"))
        brk = f"|{L('break')}" if lex.has("break") else ""
        # A gap token is a word or an amount after "of" ("a deficit of $X with Japan"); a conjunction or
        # a break ends the head's phrase ("... livestock exports and 500 mln dlrs lent to Thailand").
        word = rf"(?!(?:{roles}{brk})(?!\w))[^\s,;:()\[\]{MASKED}]+"
        noun_gap = rf"(?:\s+(?:(?:{self.preps['of']})\s+{MONEY}|{word}))"
        verb_gap = rf"(?:\s+(?:{MONEY}|{word}))"
        self.gap = lambda n: rf"(?P<gap>{verb_gap if n == 6 else noun_gap}{{0,{n}}}?)"
        group = L("group")
        cap = r"(?-i:[A-Z])" if lex.lang in ("en", "es", "fr", "pt") else "(?!)"
        self.role_rx = {}
        for n in (0, 2, 3, 6):
            self.role_rx[n] = re.compile(
                rf"{self.gap(n)}\s*(?:"
                rf"(?P<bprep>{self.preps['between']})\s+{art}(?P<a>{SLOT})(?:\s*(?:{self.and_})\s*|\s+){art}(?P<b>{SLOT})"
                rf"|(?P<prep>{self.prep_any})\s*{art}(?P<s>{SLOT})(?P<more>(?:\s*,\s*{art}{SLOT})*\s*,?\s*(?:{self.and_})\s*{art}{SLOT})?"
                rf"|(?P<xprep>{self.prep_any})\s+{art}(?P<x>(?:{group})(?!\w)|{cap}))", re.I)
        self.bare_rx = re.compile(rf"\s*(?P<s>{SLOT})(?:\s*(?:{self.and_})\s*(?P<s2>{SLOT}))?", re.I)
        generic = L("generic")
        self.goods_rx = re.compile(
            rf"(?:\s+(?:{self.preps['of']}))?\s+(?:(?:{generic})\s+{art}(?P<s>{SLOT})|{art}(?P<s2>{SLOT})\s+(?:{generic}))(?!\w)", re.I)
        self.group_rx = re.compile(rf"(?<!\w)(?:{group})(?!\w)", re.I)
        pron = L("pronoun", "poss")
        poss = f"(?:{self.poss})" if self.poss else ""
        # Left of a head: the closest country (or pronoun, or capitalised non-country name) within four
        # words ("India's bilateral trade", "Japan had a $5 billion surplus", "The EC's imports").
        self.left_cand_rx = re.compile(
            rf"(?P<pa>{SLOT})\s*(?P<join>[-–/]|\s(?:{self.and_})\s)\s*(?P<pb>{SLOT})(?:{poss})?|(?P<owner>{SLOT})(?P<poss>{poss})?|(?<!\w)(?P<pron>{pron})(?!\w)"
            rf"|(?<![\w{MASKED}])(?P<cap>(?!(?:{L('mod')}|{L('article')})(?!\w)){cap}[\w.&-]*(?:['’]s?)?)", re.I)
        mods = rf"(?P<mods>(?:\s+(?!(?:{self.prep_any})(?!\w)){_TOKEN}){{0,4}}?)"
        self.left_mods_rx = re.compile(rf"{mods}\s*", re.I)
        self.left_tail_rx = re.compile(rf"{mods}\s*$", re.I)
        self.prep_before_rx = re.compile(rf"(?<!\w)(?P<prep>{self.prep_any})\s+{self.article}$", re.I)
        # -- what the words around an amount say ---------------------------------------------------------
        self.lead = {v: re.compile(rf"(?:^|(?<=[\s,(:\-—–{MASKED}]))(?:{L('lead', v)})\s*$", re.I)
                     for v in ("change", "earlier", "from_or_of", "level", "to_level", "inherit", "threshold", "target",
                               "range", "exclude")}
        self.trail = {v: re.compile(rf"\s*(?:{L('trail', v)})", re.I) for v in ("threshold", "target")}
        self.target_rx = re.compile(rf"(?<!\w)(?:{L('target')})(?!\w)", re.I) if lex.has("target") else None
        self.time_rx = re.compile(rf"(?:,?\s*(?:{L('time')}))\s*$", re.I) if lex.has("time") else None
        self.break_rx = re.compile(L("break"), re.I) if lex.has("break") else None
        self.respectively = re.compile(rf"(?<!\w){L('respectively')}(?!\w)", re.I) if lex.has("respectively") else None
        self.anaphor = re.compile(rf"^\W*(?:{L('anaphor')})\s+(?P<money>{MONEY})", re.I) if lex.has("anaphor") else None
        self.anaphor_gate = re.compile(rf"^\W*(?:{L('anaphor')})\s", re.I) if lex.has("anaphor") else None
        self.templates = [Template(r.value, re.compile(self._expand(r.regex), re.I), r) for r in lex.get("template")]
        # Gates run on every sentence: lower-case text and case-sensitive patterns are ~9x faster than re.I.
        self.gate = re.compile(L("gate").lower()) if lex.has("gate") else re.compile("")
        self.rank_gate = re.compile(L("rank_kind").lower()) if lex.has("rank_kind") else None
        self.rank_word = re.compile(f"{L('rank_top')}|{L('rank_ord')}".lower()) if lex.has("rank_top") else None

    def _expand(self, template: str) -> str:
        """A template row -> a regex: spaces mean \\s+, {NAME} placeholders become the language's words."""
        L, art = self.lex.alt, self.article
        poss = f"(?:{self.poss})" if self.poss else ""
        pron = L("pronoun", "poss")
        neg = L("negation")
        subs = {
            "P": rf"{art}(?P<P>{SLOT})", "R": rf"{art}(?P<R>{SLOT})", "S": rf"{art}{SLOT}",
            "R_POSS": rf"(?:(?<!\w)(?P<Rpron>{pron})(?!\w)|{art}(?P<R>{SLOT}){poss})",
            "R_ADJ": rf"(?:(?<!\w)(?P<Rpron>{pron})(?!\w)|{art}(?P<R>{SLOT}){poss}?)",
            "P_POSS": rf"{art}(?P<P>{SLOT}){poss}",
            "P_IT": rf"(?:(?<!\w)(?P<Ppron>{L('pronoun', 'it')})(?!\w)|{art}(?P<P>{SLOT}))",
            "COP": (rf"(?:\s*,\s*(?:{L('relative')})\s+|\s+)(?:(?:{L('adverb')})\s+)?(?:{L('copula')})"
                    rf"(?:\s+(?:{L('adverb')}))*(?:\s+(?:(?P<notneg>{L('not_negation')})|(?P<neg>{neg})))?\s+"),
            "RANK": rf"(?P<rank>(?:(?P<ord>{L('rank_ord')})(?:[\s-]+(?:{L('rank_top')}))?|(?:{L('rank_top')})))",
            "ORD": rf"(?P<ord>{L('rank_ord')})", "KIND": rf"(?P<kind>{L('rank_kind')})(?![\w-])",
            "PCT": rf"(?P<pct>{PCT})", "PCTANY": PCT, "MONEY": rf"(?P<money>{MONEY})",
            "HEAD": rf"(?P<what>{self.head_nouns})", "HEADANY": rf"(?:{self.head_nouns})",
            "MODS": rf"(?P<mods>(?:(?!(?:{self.prep_any})(?!\w))[^\W\d][\w'’-]*\s+){{0,3}}?)",
            # a gap never holds another subject ("Bangladesh is underscored by the fact that it served as ...")
            "GAP40": rf"(?:(?!(?<!\w)(?:{L('pronoun', 'it')})(?!\w))[^.;{MASKED}]){{0,40}}?",
            "GAP60": rf"(?:(?!(?<!\w)(?:{L('pronoun', 'it')})(?!\w))[^.;{MASKED}]){{0,60}}?",
            "SHARE_VERB": L("share_verb"), "POSS": poss or "(?!)",
            # a product between the rank and the kind: "China's top crude supplier", "biggest soybean buyer"
            "PRODMID": rf"(?:(?P<prodmid>{L('product')})\s+)?" if self.lex.has("product") else "",
        }
        out = re.sub(r"(?<!\\) ", r"\\s+", template)
        return re.sub(r"\{([A-Z_0-9]+)\}", lambda m: subs[m[1]], out)

    def head_row(self, m: re.Match) -> Row:
        return self.head_rows[m.lastgroup]

    def noun_flow(self, text: str) -> str | None:
        """The flow a trade noun names ('exports' -> export), for share templates."""
        for row in self.lex.get("head"):
            if not row.flags & {"verb", "vfinal"} and re.fullmatch(row.regex, text, re.I):
                return row.value
        return None


@cache
def grammar(lang: str) -> Grammar:
    return Grammar(lexicon(lang))


def has_trade_word(sentence: str, language: str | None) -> bool:
    """Whether a sentence has a trade word (the lexicons' gate) in English or in its own language."""
    low = sentence.lower()
    for lang in dict.fromkeys(((language or "en").split("-")[0].lower(), "en")):
        try:
            g = grammar(lang)
        except KeyError:
            continue
        if g.gate.search(low):
            return True
    return False
