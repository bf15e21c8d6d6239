"""The index over every actor table: one trie regex of the hand-written surfaces (found in one pass over
a text), dicts of the generated ones (Phoenix people and organisations, GeoNames places), built once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from pipeline import gazetteer as gz
from pipeline.actors.vocabulary import ORG_HOWS
from pipeline.datafiles import surface_char, trie
from pipeline.gazetteer import tables as tb


@dataclass(slots=True)
class _Info:
    """What one surface can mean, worked out once at index time so the hot loop is a dict lookup."""
    blocked: bool = False
    aliases: tuple = ()  # gz.Alias, in table order (names, capitals, demonyms, organisations, places)
    fixed: gz.Alias | None = None  # the one meaning whatever the date (most surfaces)
    leader: bool = False  # a leader's full name (resolved by date)
    surname: bool = False  # a leader's surname (resolved by context)
    person: bool = False  # a full name in the people table (resolved by date)
    person_surname: bool = False  # a hand-written person's surname (title, article or uniqueness)
    nocountry: str = ""  # kind of an international body, NGO or transnational group: no country
    hand: bool = False  # some meaning is hand-written (in the trie); else only looked up in name runs


@dataclass(slots=True)
class _Index:
    pattern: re.Pattern  # the trie of hand-written surfaces
    table: dict[str, _Info]  # every surface as written (generated places and organisations too)
    upper: dict[str, _Info]  # upper-cased surface -> info, for headlines and datelines ("KHARKIV, May 3 -")
    agent_state: dict[str, bool | None]  # generic agent words ("police", "foreign ministry")
    agent_len: int  # longest agent, in words
    gen_first: dict[str, int]  # first word of a generated surface -> most words it has
    person_first: dict[str, int]  # first word (name_key) of a Phoenix person's name -> most words
    upper_first: dict[str, int]  # first word of an upper-cased surface -> most words
    run_first: frozenset[str]  # the first words above as they are written, for a quick test


# The table key of a matched surface (one space between words, straight apostrophes).
_key = tb.surface_key


def _word_end(last: str) -> str:
    """A surface ending in a letter must not run on into another letter ("Korea" inside "Koreans")."""
    return r"(?!\w)" if last.isalnum() else ""


def trie_regex(surfaces) -> str:
    surfaces = list(surfaces)
    # the lookahead on the possible first letters lets re reject most positions before the lookbehind
    first = "".join(sorted({s[0] for s in surfaces if s}))
    return "(?=[" + re.escape(first) + r"])(?<!\w)" + trie(surfaces, end=_word_end, char=surface_char)


def _surface_variants(text: str) -> set[str]:
    out = {text, gz.fold(text)}
    for t in list(out):
        if t.startswith("Saint "):
            out |= {"St. " + t[6:], "St " + t[6:]}
    return out


def _generated(source: str) -> bool:
    return source.startswith(("phoenix", "geonames"))


@lru_cache(maxsize=1)
def _index() -> _Index:
    table: dict[str, _Info] = {}

    def info(surface: str, hand: bool = True) -> _Info:
        i = table.setdefault(surface.replace("’", "'"), _Info())
        i.hand = i.hand or hand
        return i

    aliases = gz.aliases()
    orgs, places = gz.organisations(), gz.places()
    tb.check_across(aliases, orgs, places)
    for a in aliases:
        for v in _surface_variants(a.text):
            i = info(v)
            if a not in i.aliases:
                i.aliases += (a,)
    for phrase in gz.not_countries():
        for v in _surface_variants(phrase):
            info(v).blocked = True
    for rows, is_place in ((orgs, False), (places, True)):
        for r in rows:
            gen = _generated(r.source)
            state = False if is_place else r.state_actor
            for surface in r.surfaces:
                for v in _surface_variants(surface):
                    i = info(v, not gen)
                    if r.iso3 is None:  # NATO, the UN, al-Qaeda: not a country, and it shadows none
                        i.blocked, i.nocountry = True, i.nocountry or r.kind
                        continue
                    a = gz.Alias(surface, r.iso3, r.kind, r.start, r.end, state, gen)
                    if a not in i.aliases:
                        i.aliases += (a,)
    for sp in gz.leaders():
        for v in gz.name_variants(sp.name, sp.iso3):
            if " " in v:
                info(v).leader = True
        if sp.surname and sp.surname[:1].isupper():
            info(sp.surname).surname = True
            info(gz.fold(sp.surname)).surname = True
    # hand-written people go into the trie; Phoenix people are looked up (by name_key) in name runs
    also: dict[str, set[str]] = {}
    for p in gz.people():
        if not _generated(p.source):
            also.setdefault(p.name, set()).update(p.surfaces)
    for p in gz.people():
        if p.name not in also:
            continue
        for v in {x for n in also.pop(p.name) for x in gz.name_variants(n, p.iso3)}:
            if " " in v and v[:1].isupper():
                info(v).person = True
        sur = gz.person_surname(p.name, p.iso3)
        if sur[:1].isupper():
            for v in {sur, gz.fold(sur)}:
                info(v).person_surname = True
    for i in table.values():
        undated = {a.iso3 for a in i.aliases if a.valid_from is None and a.valid_to is None}
        if len(i.aliases) == 1 and undated:
            i.fixed = i.aliases[0]
    # hand-written surfaces go into the trie; generated ones (Phoenix people, GeoNames cities) are only
    # looked up in runs of capitalised words: the same answers, a fraction of the regex to compile
    surfaces = [s for s, i in table.items() if i.hand and (s[:1].isupper() or s[:1].isdigit())]
    upper: dict[str, _Info] = {}
    for s, i in table.items():  # hand-written meanings first, then generated places and organisations
        if i.hand and s[:1].isupper():
            upper.setdefault(s.upper(), i)
    for s, i in table.items():
        if (i.aliases or i.blocked) and s[:1].isupper():
            upper.setdefault(s.upper(), i)
    words = {}
    for a in gz.agents():
        for w in a.surfaces:
            words[" ".join(w.lower().split())] = a.state_actor
    gen_first: dict[str, int] = {}
    for s, i in table.items():
        if not i.hand and s[:1].isupper():
            w = s.split()
            gen_first[w[0]] = max(gen_first.get(w[0], 0), len(w))
    person_first: dict[str, int] = {}
    for k, _rows in gz.people_index_keys():
        w = k.split()
        person_first[w[0]] = max(person_first.get(w[0], 0), len(w) + 1)  # hyphens became spaces in the key
    upper_first: dict[str, int] = {}
    for s in upper:
        w = s.split()
        upper_first[w[0]] = max(upper_first.get(w[0], 0), len(w))
    run_first = frozenset(gen_first) | {w[:1].upper() + w[1:] for w in person_first}
    return _Index(re.compile(trie_regex(surfaces)), table, upper, words, max(len(w.split()) for w in words),
                  gen_first, person_first, upper_first, run_first)


def _pick_alias(info: _Info, on: date | None) -> gz.Alias | None:
    if info.fixed is not None:
        return info.fixed
    valid = [a for a in info.aliases if a.valid_on(on)]
    if not valid:
        # an organisation named outside the dates its rows cover (but after it was founded) still
        # belongs to its country: "Likud" in 1990; never the FSB in 1987
        countries = {a.iso3 for a in info.aliases if a.how in ORG_HOWS}
        if len(countries) == 1 and all(a.how in ORG_HOWS for a in info.aliases) and on is not None \
                and any(a.valid_from is None or a.valid_from <= on for a in info.aliases):
            a = info.aliases[0]
            return gz.Alias(a.text, a.iso3, a.how, None, None, None, a.generated)
        return None
    if on is None:  # no date: today's sense of a name ("Congo") beats a historical one
        current = [a for a in valid if a.valid_to is None]
        valid = current or valid
    return valid[0]
