"""Country names, capitals, demonyms and seats of government in other languages (data/names_i18n.tsv,
built by build_i18n.py) and the phrases that contain one without naming a country; loaded once, validated."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from pipeline.datafiles import read_tsv
from pipeline.gazetteer.core import DATA_DIR, countries, surface_key

LANGUAGES = ("ar", "de", "es", "fr", "it", "ja", "pt", "ru", "tr", "zh")
HOWS = ("name", "capital", "institution", "demonym")
HEADER = ("lang", "text", "iso3", "how", "source")
BLOCKED_HEADER = ("lang", "text", "why")
_SOURCE = re.compile(r"^(?:cldr|cldr-tz|curated)(?:\+[a-z]{2}-[a-z]+)?$")

# Arabic letters written several ways in news copy (hamza seats, alef maqsura, ta marbuta) compare as
# one; vowel marks and the tatweel are not letters. Both the table and the text are read this way.
AR_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
AR_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")


@dataclass(slots=True, frozen=True)
class Name:
    lang: str
    text: str
    iso3: str
    how: str
    source: str


def match_key(lang: str, text: str) -> str:
    """How a surface is compared: one space between words, straight apostrophes, Arabic folded."""
    key = surface_key(text)
    if lang == "ar":
        key = AR_MARKS.sub("", key).translate(AR_LETTERS)
    return key


def _body(filename: str, header: tuple[str, ...]) -> list[tuple[int, list[str]]]:
    return read_tsv(DATA_DIR / filename, header, ValueError)


@lru_cache(maxsize=1)
def names() -> tuple[Name, ...]:
    """Every row of names_i18n.tsv. Raises ValueError naming the line for an unknown language, code,
    kind or source, or for one text (as compared) given to two countries or listed twice."""
    known = countries()
    out, seen = [], {}
    for lineno, (lang, text, iso3, how, source) in _body("names_i18n.tsv", HEADER):
        where = f"names_i18n.tsv:{lineno}"
        if lang not in LANGUAGES:
            raise ValueError(f"{where}: unknown language {lang!r}")
        if iso3 not in known:
            raise ValueError(f"{where}: unknown country code {iso3!r}")
        if how not in HOWS:
            raise ValueError(f"{where}: unknown how {how!r} (one of {', '.join(HOWS)})")
        if not _SOURCE.match(source):
            raise ValueError(f"{where}: unknown source {source!r}")
        if not text.strip() or text != text.strip():
            raise ValueError(f"{where}: empty text or stray spaces")
        key = (lang, match_key(lang, text))
        if key in seen:
            raise ValueError(f"{where}: {text!r} ({lang}) already on line {seen[key][0]} "
                             f"({'for ' + seen[key][1] if seen[key][1] != iso3 else 'twice'})")
        seen[key] = (lineno, iso3)
        out.append(Name(lang, text, iso3, how, source))
    return tuple(out)


@cache
def names_for(lang: str) -> tuple[Name, ...]:
    return tuple(n for n in names() if n.lang == lang)


@lru_cache(maxsize=1)
def _blocked() -> dict[str, frozenset[str]]:
    by_lang: dict[str, set[str]] = {}
    for lineno, (lang, text, _why) in _body("not_countries_i18n.tsv", BLOCKED_HEADER):
        if lang not in LANGUAGES or not text.strip():
            raise ValueError(f"not_countries_i18n.tsv:{lineno}: unknown language {lang!r} or empty text")
        by_lang.setdefault(lang, set()).add(match_key(lang, text))
    return {k: frozenset(v) for k, v in by_lang.items()}


def blocked_for(lang: str) -> frozenset[str]:
    """Phrases of `lang` (as compared) that contain a country's name but name no country."""
    return _blocked().get(lang, frozenset())
