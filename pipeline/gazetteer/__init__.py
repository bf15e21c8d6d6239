"""The gazetteer: countries, their names, capitals and demonyms, dated leaders, and the actor tables
(people, organisations, places, generic agents: `pipeline.gazetteer.tables`).

Reads the project's own TSV tables in data/ once (cached) and offers plain lookups; no matching here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from pipeline.gazetteer.core import DATA_DIR, Country, _rows, countries, fold, name_key, parse_partial_date
from pipeline.gazetteer.tables import (
    GazetteerError,
    Person,
    agents,
    organisations,
    people,
    places,
)

# Codes of Reuters-era states are folded into their successors, as the shared gold does (ussr -> RUS ...).
SUCCESSOR = {"SUN": "RUS", "DDR": "DEU", "YUG": "SRB", "CSK": "CZE", "YMD": "YEM", "ANT": "CUW", "ZAR": "COD"}
# Name order: these countries put the family name first ("Xi Jinping" -> "Xi").
SURNAME_FIRST = frozenset({"CHN", "KOR", "PRK", "TWN", "HKG", "MAC", "KHM"})


@dataclass(slots=True, frozen=True)
class Alias:
    text: str
    iso3: str
    how: str  # name | capital | demonym, or an organisation or place kind (tables.py)
    valid_from: date | None = None
    valid_to: date | None = None
    state_actor: bool | None = None  # does this surface act for the state (docs/contract.md)
    generated: bool = False  # from GeoNames or Phoenix by the build script, not written by hand

    def valid_on(self, on: date | None) -> bool:
        if on is None:
            return True
        return (self.valid_from is None or on >= self.valid_from) and (self.valid_to is None or on <= self.valid_to)


@dataclass(slots=True, frozen=True)
class Spell:
    """One person's time in one office; `end` None means still in office at the data's last update."""
    iso3: str
    name: str
    surname: str
    office: str
    start: date | None
    end: date | None
    historical_state: str = ""  # e.g. SUN for a Soviet leader (iso3 then holds the successor, RUS)

    def covers(self, on: date, slack_days: int = 0) -> bool:
        if self.start is None and self.end is None:
            return False
        if self.start is not None and (on - self.start).days < -slack_days:
            return False
        return self.end is None or (self.end - on).days >= -slack_days


def country_name(iso3: str) -> str:
    """English short name of a code; an unknown code is returned unchanged (labels never crash)."""
    c = countries().get(SUCCESSOR.get(iso3, iso3))
    return c.name if c else iso3


@lru_cache(maxsize=1)
def aliases() -> tuple[Alias, ...]:
    out = []
    for r in _rows("aliases.tsv"):
        r = (r + ["", ""])[:5]
        out.append(Alias(r[0], r[1], r[2], parse_partial_date(r[3]), parse_partial_date(r[4], end=True)))
    return tuple(out)


@lru_cache(maxsize=1)
def not_countries() -> frozenset[str]:
    """Phrases that contain a country's name but name no country ("Korean Air", "South China Sea")."""
    return frozenset(r[0] for r in _rows("not_countries.tsv"))


@lru_cache(maxsize=1)
def surname_stopwords() -> frozenset[str]:
    """Leader surnames that are also everyday words ("May", "Major", "Brown"): never resolved alone."""
    return frozenset(r[0] for r in _rows("surname_stopwords.txt"))


@lru_cache(maxsize=1)
def leaders() -> tuple[Spell, ...]:
    rows = _rows("leaders.tsv")
    out = []
    for r in rows[1:] if rows and rows[0][0] == "iso3" else rows:
        r = (r + [""] * 7)[:7]
        iso3, name, surname, office, start, end, hist = r
        out.append(Spell(SUCCESSOR.get(iso3, iso3), name, surname, office,
                         parse_partial_date(start), parse_partial_date(end, end=True), hist))
    return tuple(out)


@lru_cache(maxsize=1)
def _leader_index() -> tuple[dict[str, tuple[Spell, ...]], dict[str, tuple[Spell, ...]]]:
    by_name: dict[str, list[Spell]] = {}
    by_surname: dict[str, list[Spell]] = {}
    for s in leaders():
        for k in {name_key(v) for v in name_variants(s.name, s.iso3)}:
            by_name.setdefault(k, []).append(s)
        if s.surname:
            by_surname.setdefault(name_key(s.surname), []).append(s)
    return ({k: tuple(v) for k, v in by_name.items()}, {k: tuple(v) for k, v in by_surname.items()})


def leaders_for(name: str) -> list[Spell]:
    """Every spell of the person called `name` (full name, any spelling variant); else of that surname."""
    by_name, by_surname = _leader_index()
    key = name_key(name)
    return list(by_name.get(key) or by_surname.get(key) or ())


def spells_by_full_name(name: str) -> tuple[Spell, ...]:
    return _leader_index()[0].get(name_key(name), ())


def spells_by_surname(surname: str) -> tuple[Spell, ...]:
    return _leader_index()[1].get(name_key(surname), ())


def name_variants(name: str, iso3: str = "") -> list[str]:
    """Spellings news uses for one person: accents folded, and for East Asian names the hyphen
    games ("Lee Jae-myung", "Lee Jae Myung", "Lee Jae-Myung", "Lee Jaemyung")."""
    base = {name, fold(name)}
    for n in list(base):  # "Bashar al-Assad" is also written "Bashar Al-Assad", "Mohammed Bin Salman"
        toks = n.split()
        if any(t[:1].islower() for t in toks[1:]):
            base.add(" ".join(toks[:1] + [t[:1].upper() + t[1:] for t in toks[1:]]))
    out = set(base)
    for n in base:
        toks = n.split()
        if any("-" in t for t in toks[1:]) or iso3 in SURNAME_FIRST:
            for style in ("space", "cap", "lower", "joined"):
                new = []
                for i, t in enumerate(toks):
                    if i == 0 or "-" not in t:
                        new.append(t)
                        continue
                    a, _, b = t.partition("-")
                    new.append({"space": f"{a} {b[:1].upper()}{b[1:]}", "cap": f"{a}-{b[:1].upper()}{b[1:]}",
                                "lower": f"{a}-{b.lower()}", "joined": f"{a}{b.lower()}"}[style])
                out.add(" ".join(new))
            # "Lee Jae Myung" -> "Lee Jae-myung" too
            if len(toks) == 3 and iso3 in SURNAME_FIRST and "-" not in n:
                out.add(f"{toks[0]} {toks[1]}-{toks[2].lower()}")
                out.add(f"{toks[0]} {toks[1]}-{toks[2]}")
    return sorted(out)


# --- the actor tables (validated on first use) ---------------------------------------------------


__all__ = ["DATA_DIR", "Country", "GazetteerError", "Person", "agents", "countries", "fold", "name_key", "organisations",
           "parse_partial_date", "people", "places"]


_CAP_PARTICLES = frozenset("Le La De Du Van Von Der Den Di Da Del Dos Ter".split())


def person_surname(name: str, iso3: str) -> str:
    """The family name news uses alone: first for East Asian names, else the last word (with its
    particles: "von der Leyen", "al-Assad" -> "Assad" is not guessed)."""
    toks = [t for t in name.split() if not (len(t) <= 2 and t.endswith("."))]
    if not toks:
        return ""
    if iso3 in SURNAME_FIRST:
        return toks[0]
    last = toks[-1]
    i = len(toks) - 1
    while i > 1 and (toks[i - 1][:1].islower() or toks[i - 1] in _CAP_PARTICLES):  # "von der Leyen", "Le Drian"
        i -= 1
    return " ".join(toks[i:]) if i < len(toks) - 1 else last


@lru_cache(maxsize=1)
def _people_index() -> tuple[dict[str, tuple[Person, ...]], dict[str, tuple[Person, ...]]]:
    by_name: dict[str, list[Person]] = {}
    by_surname: dict[str, list[Person]] = {}
    also: dict[str, set[str]] = {}
    for p in people():  # a person's other spellings may sit on one row only: share them
        also.setdefault(p.name, set()).update(p.also)
    for p in people():
        for v in {p.name, *also[p.name]}:
            for k in {name_key(x) for x in name_variants(v, p.iso3)}:
                by_name.setdefault(k, []).append(p)
        sur = person_surname(p.name, p.iso3)
        if sur:
            by_surname.setdefault(name_key(sur), []).append(p)
    return ({k: tuple(v) for k, v in by_name.items()}, {k: tuple(v) for k, v in by_surname.items()})


def people_by_name(name: str) -> tuple[Person, ...]:
    """Every row (spell) of the person called `name`, in any spelling the tables know."""
    return _people_index()[0].get(name_key(name), ())


def people_by_surname(surname: str) -> tuple[Person, ...]:
    return _people_index()[1].get(name_key(surname), ())



def people_index_keys():
    """(name_key, rows) of every spelling the people table knows (for the matcher's lookups)."""
    return _people_index()[0].items()
