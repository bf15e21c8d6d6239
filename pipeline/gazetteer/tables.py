"""The actor tables: people, organisations, places and generic agents, each a TSV under data/ with a
`source` per row, validated when first loaded (once per process) so a bad hand edit fails loudly.

Validation (docs/gazetteer.md): the header must be the expected one; every ISO-3 code must be known;
dates must parse and start <= end; no empty names; and a surface defined twice with conflicting
meaning (another country, kind or state role over overlapping dates) is refused, naming file and line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from pipeline.datafiles import read_tsv
from pipeline.gazetteer.core import DATA_DIR, countries, name_key, parse_partial_date, surface_key

PEOPLE_HEADER = ("name", "also", "iso3", "role", "state_actor", "start", "end", "source")
ORGANISATION_HEADER = ("name", "also", "iso3", "kind", "state_actor", "start", "end", "source")
PLACE_HEADER = ("name", "also", "iso3", "kind", "start", "end", "source")
AGENT_HEADER = ("word", "also", "state_actor", "role", "source")

# Kinds of organisation; the first two never have a country (international bodies are not states),
# an armed group may lack one (al-Qaeda, Islamic State operate across borders).
INTERNATIONAL_KINDS = frozenset({"international", "ngo"})
COUNTRY_OPTIONAL = INTERNATIONAL_KINDS | {"armed_group", "media"}  # a wire service (Reuters) is no one country's
ORGANISATION_KINDS = INTERNATIONAL_KINDS | frozenset({
    "government", "ministry", "agency", "military", "police", "legislature", "court", "central_bank",
    "embassy", "media", "party", "armed_group", "breakaway", "company"})
PLACE_KINDS = frozenset({"city", "region", "occupied", "breakaway"})
BOOL = {"true": True, "false": False, "": None}


class GazetteerError(ValueError):
    """A table that cannot be trusted: the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Person:
    """One spell of one person; a person with several offices has several rows (same name)."""
    name: str
    also: tuple[str, ...]
    iso3: str
    role: str
    state_actor: bool | None
    start: date | None
    end: date | None
    source: str
    line: int = field(default=0, compare=False)

    def covers(self, on: date, slack_days: int = 0) -> bool:
        """Undated rows cover every day; dated rows their spell (with slack at both edges)."""
        if self.start is not None and (on - self.start).days < -slack_days:
            return False
        return self.end is None or (self.end - on).days >= -slack_days

    @property
    def surfaces(self) -> tuple[str, ...]:
        return (self.name, *self.also)


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    also: tuple[str, ...]
    iso3: str | None  # None for international bodies and NGOs
    kind: str
    state_actor: bool | None
    start: date | None
    end: date | None
    source: str
    line: int = field(default=0, compare=False)

    @property
    def surfaces(self) -> tuple[str, ...]:
        return (self.name, *self.also)


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    also: tuple[str, ...]
    iso3: str
    kind: str  # city | region | occupied | breakaway (docs/gazetteer.md: the rule for the last two)
    start: date | None
    end: date | None
    source: str
    line: int = field(default=0, compare=False)

    @property
    def surfaces(self) -> tuple[str, ...]:
        return (self.name, *self.also)


@dataclass(frozen=True, slots=True)
class Agent:
    """A generic word for who acts: "police" and "foreign ministry" act for a state, "protesters" not."""
    word: str
    also: tuple[str, ...]
    state_actor: bool | None
    role: str
    source: str

    @property
    def surfaces(self) -> tuple[str, ...]:
        return (self.word, *self.also)


def _partial_date(text: str, *, end: bool) -> date | None:
    return parse_partial_date(text, end=end)


def read_table(path: Path, header: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of a TSV whose first non-comment line must be `header`."""
    return [(n, {k: v.strip() for k, v in zip(header, cells, strict=True)})
            for n, cells in read_tsv(path, header, GazetteerError)]


def _where(path: Path, n: int) -> str:
    return f"{path.name}:{n}"


def _common(path: Path, n: int, row: dict, name_col: str, known: frozenset[str], *, iso_required: bool):
    """The checks every table shares; returns (name, also, iso3, start, end)."""
    name = row[name_col]
    if not name:
        raise GazetteerError(f"{_where(path, n)}: empty {name_col}")
    also = tuple(a.strip() for a in row.get("also", "").split("|")) if row.get("also") else ()
    if any(not a for a in also):
        raise GazetteerError(f"{_where(path, n)}: empty name in 'also' ({row['also']!r})")
    iso3 = row.get("iso3", "") or None
    if iso3 is not None and iso3 not in known:
        raise GazetteerError(f"{_where(path, n)}: unknown ISO-3 code {iso3!r} for {name!r}")
    if iso_required and iso3 is None:
        raise GazetteerError(f"{_where(path, n)}: {name!r} has no ISO-3 code")
    try:
        start = _partial_date(row.get("start", ""), end=False)
        end = _partial_date(row.get("end", ""), end=True)
    except ValueError as err:
        raise GazetteerError(f"{_where(path, n)}: bad date for {name!r}: {err}") from None
    if start and end and start > end:
        raise GazetteerError(f"{_where(path, n)}: {name!r} ends ({end}) before it starts ({start})")
    if not row.get("source"):
        raise GazetteerError(f"{_where(path, n)}: {name!r} has no source")
    return name, also, iso3, start, end


def _state(path: Path, n: int, value: str) -> bool | None:
    if value not in BOOL:
        raise GazetteerError(f"{_where(path, n)}: state_actor must be true, false or empty, got {value!r}")
    return BOOL[value]


def _overlap(a: tuple, b: tuple) -> bool:
    (s1, e1), (s2, e2) = a, b
    return (s1 is None or e2 is None or s1 <= e2) and (s2 is None or e1 is None or s2 <= e1)


class _Surfaces:
    """Every surface seen so far with what it means and where; refuses a conflicting second meaning."""

    def __init__(self, keyfunc):
        self.key = keyfunc
        self.seen: dict[str, list[tuple[tuple, tuple, str]]] = {}

    def add(self, surface: str, meaning: tuple, span: tuple, where: str) -> None:
        k = self.key(surface)
        for other_meaning, other_span, other_where in self.seen.get(k, ()):
            if other_meaning != meaning and _overlap(span, other_span):
                raise GazetteerError(f"{where}: {surface!r} means {_show(meaning)} here but {_show(other_meaning)} "
                                     f"at {other_where} over overlapping dates")
        self.seen.setdefault(k, []).append((meaning, span, where))


def _show(meaning: tuple) -> str:
    return "/".join("-" if m is None else str(m).lower() if isinstance(m, bool) else str(m) for m in meaning)


def person_key(text: str) -> str:
    return name_key(text)


def _known() -> frozenset[str]:
    return frozenset(countries())


def load_people(path: Path | None = None) -> tuple[Person, ...]:
    path = path or DATA_DIR / "people.tsv"
    known = _known()
    seen = _Surfaces(person_key)
    out = []
    for n, row in read_table(path, PEOPLE_HEADER):
        name, also, iso3, start, end = _common(path, n, row, "name", known, iso_required=True)
        state = _state(path, n, row["state_actor"])
        p = Person(name, also, iso3, row["role"], state, start, end, row["source"], n)
        for s in p.surfaces:
            seen.add(s, (iso3, state), (start, end), _where(path, n))
        out.append(p)
    return tuple(out)


def load_organisations(path: Path | None = None) -> tuple[Organisation, ...]:
    path = path or DATA_DIR / "organisations.tsv"
    known = _known()
    seen = _Surfaces(surface_key)
    out = []
    for n, row in read_table(path, ORGANISATION_HEADER):
        kind = row["kind"]
        if kind not in ORGANISATION_KINDS:
            raise GazetteerError(f"{_where(path, n)}: unknown kind {kind!r} (one of {', '.join(sorted(ORGANISATION_KINDS))})")
        name, also, iso3, start, end = _common(path, n, row, "name", known, iso_required=kind not in COUNTRY_OPTIONAL)
        if kind in INTERNATIONAL_KINDS and iso3:
            raise GazetteerError(f"{_where(path, n)}: {name!r} is {kind}: international bodies have no country")
        state = _state(path, n, row["state_actor"])
        o = Organisation(name, also, iso3, kind, state, start, end, row["source"], n)
        for s in o.surfaces:
            seen.add(s, (iso3, kind, state), (start, end), _where(path, n))
        out.append(o)
    return tuple(out)


def load_places(path: Path | None = None) -> tuple[Place, ...]:
    path = path or DATA_DIR / "places.tsv"
    known = _known()
    seen = _Surfaces(surface_key)
    out = []
    for n, row in read_table(path, PLACE_HEADER):
        kind = row["kind"]
        if kind not in PLACE_KINDS:
            raise GazetteerError(f"{_where(path, n)}: unknown kind {kind!r} (one of {', '.join(sorted(PLACE_KINDS))})")
        name, also, iso3, start, end = _common(path, n, row, "name", known, iso_required=True)
        p = Place(name, also, iso3, kind, start, end, row["source"], n)
        for s in p.surfaces:
            seen.add(s, (iso3, kind), (start, end), _where(path, n))
        out.append(p)
    return tuple(out)


def load_agents(path: Path | None = None) -> tuple[Agent, ...]:
    path = path or DATA_DIR / "agents.tsv"
    seen = _Surfaces(lambda s: " ".join(s.lower().split()))
    out = []
    for n, row in read_table(path, AGENT_HEADER):
        word = row["word"]
        if not word:
            raise GazetteerError(f"{_where(path, n)}: empty word")
        also = tuple(a.strip() for a in row["also"].split("|")) if row["also"] else ()
        if any(not a for a in also):
            raise GazetteerError(f"{_where(path, n)}: empty word in 'also'")
        if not row["source"]:
            raise GazetteerError(f"{_where(path, n)}: {word!r} has no source")
        a = Agent(word, also, _state(path, n, row["state_actor"]), row["role"], row["source"])
        for s in a.surfaces:
            seen.add(s, (a.state_actor,), (None, None), _where(path, n))
        out.append(a)
    return tuple(out)


def check_across(aliases, organisations, places) -> None:
    """A surface the country aliases, the organisations and the places all know must mean one country
    (on overlapping dates): "Kharkiv" cannot be a Ukrainian city and a Russian one at once."""
    seen = _Surfaces(surface_key)
    for a in aliases:
        seen.add(a.text, (a.iso3,), (a.valid_from, a.valid_to), f"aliases.tsv ({a.text}, {a.iso3})")
    for table, rows in (("organisations.tsv", organisations), ("places.tsv", places)):
        for r in rows:
            for s in r.surfaces:
                seen.add(s, (r.iso3,), (r.start, r.end), f"{table}:{r.line}")


@lru_cache(maxsize=1)
def people() -> tuple[Person, ...]:
    return load_people()


@lru_cache(maxsize=1)
def organisations() -> tuple[Organisation, ...]:
    return load_organisations()


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    return load_places()


@lru_cache(maxsize=1)
def agents() -> tuple[Agent, ...]:
    return load_agents()
