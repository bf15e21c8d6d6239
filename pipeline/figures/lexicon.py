"""The vocabulary of trade figures, one validated table per language (pipeline/lexicon/figures_<lang>.tsv).

Loads a language's rows once, checks them, and offers regex alternations and value lookups by kind."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.datafiles import read_tsv

LEXICON_DIR = Path(__file__).resolve().parents[1] / "lexicon"
HEADER = ("kind", "pattern", "value", "flags", "source")

# kind -> what `value` must be (None: empty or free text). Documented in pipeline/lexicon/README.md.
_FLOWS = {"export", "import", "trade", "surplus", "deficit"}
_ROLES = {"to", "into", "from", "with", "between", "and", "of", "in"}
_LEADS = {"level", "earlier", "change", "threshold", "target", "from_or_of", "to_level", "inherit", "range", "exclude"}
_INDICATORS = {"trade_partner_rank", "export_partner_rank", "import_partner_rank"}
_TEMPLATES = {"rank", "rank_next", "rank_more", "share", "share_attached", "value_attached"}
KINDS: dict[str, object] = {
    "number_group": None, "number_decimal": None, "number_ambiguous": None, "number_reversed": None,
    "number_word": "float", "scale": "float", "currency_pre": "currency", "currency_post": "currency",
    "currency_joiner": None, "percent": None,
    "qualifier": {"about", "nearly", "more_than", "less_than", "at_least", "up_to"},
    "head": _FLOWS, "mod": {"bilateral", "total", "not_trade"}, "prep": _ROLES, "article": None, "poss": None,
    "generic": None, "not_goods": None, "not_goods_before": None, "not_product": None, "product": None, "group": None, "pronoun": {"poss", "it"},
    "description": {"one", "pair", "latter", "former"},
    "lead": _LEADS, "trail": {"threshold", "target"}, "target": None, "time": None, "break": None,
    "respectively": None, "anaphor": None,
    "rank_ord": "int", "rank_top": "int", "rank_kind": _INDICATORS, "copula": None, "adverb": None,
    "relative": None, "feature": None, "gate": None, "negation": None, "not_negation": None, "share_verb": None, "template": _TEMPLATES,
}
FLAGS = {"verb", "vfinal", "bilateral", "total", "symbol", "joiner", "case", "clitic", "bare_owner",
         "demonym_owner", "right_owner", "weak"}
_ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class Row:
    kind: str
    pattern: str  # a regex fragment: case-insensitive, no capturing groups, a space stands for \s+
    value: str
    flags: frozenset[str]
    source: str
    regex: str    # the pattern as compiled (spaces -> \s+)


class LexiconError(ValueError):
    pass


def _to_regex(pattern: str) -> str:
    # A space in the table means "one or more whitespace characters", so rows read like the text.
    return re.sub(r"(?<!\\) ", r"\\s+", pattern)


def _check(row: Row, where: str) -> None:
    want = KINDS.get(row.kind, "unknown")
    if want == "unknown":
        raise LexiconError(f"{where}: unknown kind {row.kind!r}")
    if not row.source.strip():
        raise LexiconError(f"{where}: empty source")
    if bad := row.flags - FLAGS:
        raise LexiconError(f"{where}: unknown flags {sorted(bad)}")
    if row.kind != "template":
        try:
            rx = re.compile(row.regex, re.I)
        except re.error as err:
            raise LexiconError(f"{where}: bad pattern {row.pattern!r}: {err}") from None
        if rx.groups:
            raise LexiconError(f"{where}: pattern {row.pattern!r} has a capturing group; use (?:...)")
        if rx.fullmatch(""):
            raise LexiconError(f"{where}: pattern {row.pattern!r} matches the empty string")
    if want is None:
        return
    if want == "float":
        try:
            float(row.value)
        except ValueError:
            raise LexiconError(f"{where}: value {row.value!r} is not a number") from None
    elif want == "int":
        if not row.value.isdigit():
            raise LexiconError(f"{where}: value {row.value!r} is not a whole number")
    elif want == "currency":
        parse_currency_spec(row.value, where)
    elif row.value not in want:  # type: ignore[operator]
        raise LexiconError(f"{where}: value {row.value!r} is not one of {sorted(want)}")  # type: ignore[arg-type]


def parse_currency_spec(spec: str, where: str = "") -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """'KES KES@KEN UGX@UGA' -> ('KES', (('KES','KEN'), ('UGX','UGA'))): a default code ('-' for none)
    and the countries whose own currency the word names when one of the pair is that country."""
    parts = spec.split()
    if parts == ["ISO"]:  # the matched text is itself the ISO 4217 code
        return "ISO", ()
    if not parts:
        raise LexiconError(f"{where}: empty currency")
    default = None if parts[0] == "-" else parts[0]
    if default is not None and not re.fullmatch(r"[A-Z]{3}", default):
        raise LexiconError(f"{where}: bad currency code {default!r}")
    local = []
    for p in parts[1:]:
        code, _, iso3 = p.partition("@")
        if not (re.fullmatch(r"[A-Z]{3}", code) and _ISO3.match(iso3)):
            raise LexiconError(f"{where}: bad local currency {p!r} (want CODE@ISO3)")
        local.append((code, iso3))
    if default is None and not local:
        raise LexiconError(f"{where}: a currency needs a default or local codes")
    return default, tuple(local)


def read_table(path: Path) -> list[Row]:
    rows: list[Row] = []
    for n, (kind, pattern, value, flags, source) in read_tsv(path, HEADER, LexiconError):
        row = Row(kind, pattern, value, frozenset(f for f in flags.split(",") if f), source,
                  pattern if kind == "template" else _to_regex(pattern))
        _check(row, f"{path.name}:{n}")
        rows.append(row)
    return rows


def languages() -> tuple[str, ...]:
    return tuple(sorted(p.stem.split("_", 1)[1] for p in LEXICON_DIR.glob("figures_*.tsv")))


class Lexicon:
    """One language's rows, grouped by kind, with cached alternations."""

    def __init__(self, lang: str, rows: list[Row]):
        self.lang = lang
        self.rows: dict[str, list[Row]] = {}
        for r in rows:
            self.rows.setdefault(r.kind, []).append(r)
        self._alt: dict[tuple, str] = {}
        self._lookup: dict[str, list[tuple[re.Pattern, Row]]] = {}

    def has(self, kind: str) -> bool:
        return bool(self.rows.get(kind))

    def get(self, kind: str, value: str | None = None, flag: str | None = None) -> list[Row]:
        return [r for r in self.rows.get(kind, ())
                if (value is None or r.value == value) and (flag is None or flag in r.flags)]

    def alt(self, kind: str, value: str | None = None, flag: str | None = None, without: str | None = None) -> str:
        """A non-capturing alternation of the kind's patterns, longest first; '(?!)' when there are none."""
        key = (kind, value, flag, without)
        if key not in self._alt:
            rows = [r for r in self.get(kind, value, flag) if without is None or without not in r.flags]
            pats = sorted({(f"(?-i:{r.regex})" if "case" in r.flags else r.regex) for r in rows},
                          key=lambda p: (-len(p), p))
            self._alt[key] = "(?:" + "|".join(pats) + ")" if pats else "(?!)"
        return self._alt[key]

    def lookup(self, kind: str, text: str) -> Row | None:
        """The row of `kind` whose pattern matches all of `text` (the longest pattern wins)."""
        table = self._lookup.get(kind)
        if table is None:
            rows = sorted(self.rows.get(kind, ()), key=lambda r: -len(r.regex))
            table = self._lookup[kind] = [
                (re.compile(r.regex, 0 if "case" in r.flags else re.I), r) for r in rows]
        for rx, row in table:
            if rx.fullmatch(text):
                return row
        return None


@cache
def lexicon(lang: str) -> Lexicon:
    """The lexicon of `lang` (ISO 639-1), loaded once; KeyError when there is no table for it."""
    path = LEXICON_DIR / f"figures_{lang}.tsv"
    if not path.exists():
        raise KeyError(lang)
    return Lexicon(lang, read_table(path))


def reading_order(language: str | None) -> tuple[str, ...]:
    """The article's language first (when there is a table for it), then English: quotes, tweets and
    wire copy inside other-language pages are often English."""
    lang = (language or "en").split("-")[0].lower()
    return (lang, "en") if lang != "en" and lang in languages() else ("en",)
