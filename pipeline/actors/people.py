"""People: full names by the dates of their spells, bare surnames by a title, the article or the tables,
and the people an article introduces ("South Korean President Lee Jae Myung") for its later sentences."""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from pipeline import gazetteer as gz
from pipeline.actors.index import _index, _key
from pipeline.actors.vocabulary import (
    _FORMER_BEFORE,
    AFTER_COUNTRY_OK,
    AFTER_SURNAME,
    APPOSITIVE_NAME,
    FUNCTION_WORDS,
    GENERIC_TITLES,
    INTRO,
    INTRODUCING,
    NAME_STOP,
    NEXT_WORD,
    NOT_STATE_WORDS,
    PREV_WORD,
    ROLE_AFTER,
    SLACK_DAYS,
    TITLE_OFFICES,
    TITLES,
    UNKNOWN_ROLE_WORDS,
    _norm_title,
    _person_title,
    _title,
    _title_fits,
)
from pipeline.schema import Mention


def _looks_like_person(text: str, start: int, end: int, after_ok: frozenset[str] = AFTER_COUNTRY_OK) -> bool:
    """'Michael Jordan', 'Chad Smith': a risky country name inside a run of capitalised name words."""
    prev = PREV_WORD.search(text, max(0, start - 30), start)
    if prev and prev.group(1) not in FUNCTION_WORDS and prev.group(1) not in TITLES \
            and _key(prev.group(1)) not in _index().table and not text[prev.start(1) - 2:prev.start(1)].endswith(". "):
        return True
    nxt = NEXT_WORD.match(text, end)
    return bool(nxt and nxt.group(1) not in after_ok and _key(nxt.group(1)) not in _index().table)


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A bare surname must not be part of someone else's name ('Joyce Lee', 'Kim Hong-Ji')."""
    prev = PREV_WORD.search(text, max(0, start - 40), start)
    if prev:
        word = prev.group(1)
        base = word[:-2] if word.endswith(("'s", "’s")) else word
        if word not in TITLES and word not in FUNCTION_WORDS and base not in _index().table:
            return False
    nxt = NEXT_WORD.match(text, end)
    return not (nxt and nxt.group(1) not in AFTER_SURNAME)


def _spell_countries(spells, on: date | None, slack: int) -> set[str]:
    hits = [s for s in spells if on is None or s.covers(on, slack)]
    countries = {s.iso3 for s in hits}
    if len(countries) > 1:  # France's president is also Andorra's co-prince: the news means France
        countries = {s.iso3 for s in hits if s.office != "Co-prince"} or countries
    return countries


def _clean_name(raw: str) -> str:
    toks = []
    for t in raw.split():
        t = t[:-2] if t.endswith(("'s", "’s")) else t
        if t in NAME_STOP or len(t) < 2:
            break
        toks.append(t)
        if raw.split()[len(toks) - 1] != t:  # a possessive ends the name
            break
    return " ".join(toks)


_JUNK_LEADER = re.compile(r"^(?:[A-Z]\.|St\.? )|\b(?:Military|Junta|Council|Committee|Regime)\b")


_MIDDLE_INITIAL_HINT = re.compile(r" [A-Z]\.? [A-Z]")
_MIDDLE_INITIAL = re.compile(r"(?<![\w'’\-])(?P<first>[A-Z][a-z]+)[ \t]+[A-Z]\.?[ \t]+(?P<last>[A-Z][a-z][\w'’\-]*)(?![\w'’\-])")


def _person_mention(start, end, surface, on, published_known=True) -> Mention | None:
    """A full name from the leader or people tables, by the date: in office (state actor), out of
    office (their country, not the state), or nothing when the name means several countries."""
    key = _key(surface)
    spells = gz.spells_by_full_name(key)
    rows = gz.people_by_name(key)
    if on is not None:
        lead = _spell_countries(spells, on, SLACK_DAYS)
        if len(lead) == 1:
            return Mention(start, end, surface, lead.pop(), "leader", True)
        covering = {(r.iso3, r.state_actor) for r in rows if r.covers(on, SLACK_DAYS)}
        if len({c for c, _ in covering}) == 1:
            states = {st for _, st in covering}
            state = True if True in states else (None if None in states else False)
            return Mention(start, end, surface, covering.pop()[0], "person", state)
    # out of office: their country, if the tables give one (a full name, not a REIGN surname such as
    # "St. John"), and not years before the first spell (Bremer in 1987 was no Iraqi)
    spells = [s for s in spells if s.surname != s.name and not _JUNK_LEADER.search(s.name)]
    starts = [s.start for s in spells] + [r.start for r in rows]
    if on is not None and starts and all(d and (on - d).days < -5 * 365 for d in starts):
        return None
    if on is not None and all(t in _given_names() for t in key.split()):
        return None  # "Mohammed Ali", "Juan Carlos": out of office, such a name is anyone's
    countries = {s.iso3 for s in spells} | {r.iso3 for r in rows}
    if len(countries) == 1:
        return Mention(start, end, surface, countries.pop(), "person" if on is not None or not spells else "leader",
                       False if on is not None else None)
    return None


def _near_spells(rows, on: date | None) -> bool:
    """A person of the Phoenix tables counts only in the years around their spells (five before the
    first, ten after the last): a common name ("Robert White") decades away is someone else."""
    if on is None:
        return True
    starts = [r.start for r in rows if r.start]
    ends = [r.end for r in rows if r.end]
    if not starts and not ends:
        return False
    first = min(starts or ends)
    last = max(ends or starts)
    return (on - first).days >= -5 * 365 and (on - last).days <= 10 * 365


def _resolve_surname(text: str, start: int, end: int, surface: str, caps: bool, on: date | None,
                     titles: dict[str, set[str]], found: list[Mention]) -> Mention | None:
    """A bare surname: a leader's (the existing rules), else a person of the people table named with
    a title that fits their role, else the country this article gives that title, else a hand-written
    person whose surname is unique in every table."""
    if not caps and not _stands_alone(text, start, end):
        return None
    iso3 = _leader_surname(text, start, surface, on)
    if iso3:
        return Mention(start, end, surface, iso3, "leader", True)
    ptitle = _person_title(text, start)
    rows = gz.people_by_surname(surface)
    if ptitle:
        former = ptitle.startswith(("former", "then "))
        fits = [r for r in rows if _title_fits(ptitle, r.role)]
        if on is not None and not former:
            fits = [r for r in fits if r.covers(on, SLACK_DAYS) and r.state_actor]
        people = {r.iso3 for r in fits}
        if len(people) == 1:
            return Mention(start, end, surface, people.pop(), "person", False if former else True)
        if ptitle.split()[-1] not in GENERIC_TITLES or " " in ptitle:
            iso3 = _title_country(text, start, ptitle, titles, found)
            if iso3:
                return Mention(start, end, surface, iso3, "person", False if former else True)
        return None
    if on is None or surface in gz.surname_stopwords() or surface.title() in gz.surname_stopwords() \
            or gz.fold(surface) != surface and gz.fold(surface) in gz.surname_stopwords():
        return None
    iso3_state = _unique_surname(surface, on)
    if iso3_state:
        return Mention(start, end, surface, iso3_state[0], "person", iso3_state[1])
    return None


def _leader_surname(text: str, start: int, surface: str, on: date | None) -> str | None:
    """With a title, any leader of that name in office (+ slack); without one, only a head of
    state/government in office on the day whose surname is not an everyday word."""
    spells = gz.spells_by_surname(surface)
    if not spells:
        return None
    title = _title(text, start)
    if title:
        offices = TITLE_OFFICES.get(title, ())
        exact = [s for s in spells if any(o in s.office for o in offices if o != "Leader")]
        loose = [s for s in spells if any(o in s.office for o in offices)]
        if offices:  # "President Obama" in 2018 is nobody in office, not Equatorial Guinea's PM Obama
            countries = _spell_countries(exact, on, SLACK_DAYS) or _spell_countries(loose, on, SLACK_DAYS)
        else:  # Pope, Sheikh, Ayatollah ...: no office table, any leader of that name
            countries = _spell_countries(spells, on, SLACK_DAYS)
    elif on is None or surface.title() in gz.surname_stopwords() or surface in gz.surname_stopwords():
        return None
    else:
        countries = _spell_countries(spells, on, 0)
    return countries.pop() if len(countries) == 1 else None


@lru_cache(maxsize=4096)
def _unique_surname(surface: str, on: date) -> tuple[str, bool] | None:
    """A surname that belongs to one person in all the tables (and is nobody's given name), of a
    country that writes the family name last: "Lavrov", "Blinken"; never "Wang", "Kim", "Singh"."""
    rows = gz.people_by_surname(surface)
    names = {r.name for r in rows}
    if len(names) != 1 or len(surface) < 4 or surface.isupper():
        return None
    if gz.spells_by_surname(surface) or rows[0].iso3 in gz.SURNAME_FIRST or surface in _given_names():
        return None
    # only in the years around their spells: "Chalmers" in 1987 is not Australia's treasurer
    first = min((r.start for r in rows if r.start), default=None)
    last = max((r.end or date.max for r in rows if r.start or r.end), default=None)
    if first is None or (on - first).days < -5 * 365 or last is not None and last != date.max \
            and (on - last).days > 10 * 365:
        return None
    covering = [r for r in rows if r.covers(on, SLACK_DAYS)]
    state = any(r.state_actor for r in covering) if covering else False
    return rows[0].iso3, state


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Words that open the names of three or more different people ("Mohammed", "Ali", "Juan")."""
    count: dict[str, set[str]] = {}
    for name in {p.name for p in gz.people()} | {s.name for s in gz.leaders() if " " in s.name}:
        count.setdefault(name.split()[0], set()).add(name)
    return frozenset(w for w, names in count.items() if len(names) >= 3)


def _title_country(text: str, start: int, title: str, titles: dict[str, set[str]], found: list[Mention]) -> str | None:
    """"Defence Minister Kim" with no country word: the country another sentence of the article gives
    that title ("South Korea's defence minister"), unless this sentence pairs him with a counterpart
    from there ("... met his Indian counterpart")."""
    t = title
    for mod in ("former ", "then ", "acting ", "interim "):
        t = t.removeprefix(mod)
    countries = set(titles.get(t, ()))
    if not countries:
        return None
    lo = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    hi = text.find(".", start)
    hi = len(text) if hi < 0 else hi
    for m in found:
        if lo <= m.start < hi and re.match(r"[ \t]+counterparts?\b", text[m.end:m.end + 16]):
            countries.discard(m.country)
    return countries.pop() if len(countries) == 1 else None


def _introductions(text: str, mentions: list[Mention], published: date | None):
    """People the article ties to a country: 'South Korean President Lee Jae Myung', "China's Foreign
    Ministry spokesperson Lin Jian", and every person already resolved by full name; and the titles
    it gives a country ("South Korea's defence minister"), and the spans of names a title introduces
    (where the name starts -> (country, whether that title acts for the state)). Registry key: name_key."""
    reg: dict[str, tuple[str | None, str, bool | None]] = {}
    titles: dict[str, set[str]] = {}
    titled: dict[int, tuple[str, bool | None]] = {}

    def register(name: str, iso3: str, how: str, state: bool | None) -> None:
        toks = [t for t in name.split() if len(t) > 2 or not t.endswith(".")]
        sur = toks[0] if iso3 in gz.SURNAME_FIRST else toks[-1]
        keys = {gz.name_key(" ".join(toks))}
        if len(sur) >= 3 or len(toks) == 1:
            keys.add(gz.name_key(sur))
        for k in keys:
            old = reg.get(k)
            reg[k] = (iso3, how, state) if old is None or old[0] == iso3 else (None, how, None)  # two countries

    for m in mentions:
        if m.how in ("leader", "person") and " " in m.text:
            by_title = titled.get(m.start)
            state = by_title[1] if by_title and by_title[0] == m.country and m.state_actor is False else m.state_actor
            register(m.text, m.country, m.how, state)
            continue
        if m.how not in INTRODUCING:
            continue
        intro = INTRO.match(text, m.end)
        title = intro.group("title") if intro else None
        if intro:
            raw = intro.group("name")
        else:
            after = ROLE_AFTER.match(text, m.end)
            if after:
                titles.setdefault(_norm_title(after.group("title")), set()).add(m.country)
            before = APPOSITIVE_NAME.search(text, max(0, m.start - 60), m.start)
            if not before or not after:
                continue
            raw, title = before.group("name"), after.group("title")
        if title:
            titles.setdefault(_norm_title(title), set()).add(m.country)
        if intro and _FORMER_BEFORE.search(text[max(0, m.start - 16):m.start]):
            title = "former " + title   # "former US Secretary of State Rex Tillerson": the word before the country
        name = _clean_name(raw)
        first = _index().table.get(_key(name.split()[0])) if name else None
        if not name or first is not None and first.hand and not gz.spells_by_surname(name.split()[0]) \
                and not gz.people_by_surname(name.split()[0]):
            continue  # "... President Korea ...": the next word is a country, not a name
        spells = gz.spells_by_full_name(name) or gz.spells_by_surname(name)
        serving = _spell_countries(spells, published, SLACK_DAYS) if published else set()
        if serving and m.country not in serving:  # "Indonesian President Suharto" is no Japanese
            continue
        serving_here = any(s.iso3 == m.country and (published is None or s.covers(published, SLACK_DAYS))
                           for s in spells)
        state = _intro_state(title, serving_here)
        register(name, m.country, "leader" if serving_here else "person", state)
        if intro:
            titled[intro.start("name")] = (m.country, state)
    return reg, titles, titled


def _intro_state(title: str | None, serving: bool) -> bool | None:
    """"former President Moon" is no state actor, "opposition leader Lee" neither; a lawmaker may or
    may not be; a minister, spokesperson or envoy is."""
    if serving:
        return True
    t = (title or "").lower()
    if any(w in t for w in NOT_STATE_WORDS):
        return False
    if any(w in t + " " for w in UNKNOWN_ROLE_WORDS) or "leader" in t:
        return None
    return True if t else None


def _registry_mentions(text: str, registry: dict, taken: list[tuple[int, int]]) -> list[Mention]:
    """Later mentions of introduced people that the gazetteer alone does not know ('Lin Jian', 'Lin')."""
    names = sorted({k for k, v in registry.items() if v[0]}, key=len, reverse=True)
    if not names:
        return []
    # name_key lowered and de-hyphenated the names: match any case and "Yu-jung"/"Yu Jung" alike
    pat = re.compile(r"(?<!\w)(?:" + "|".join(r"[\s\-]+".join(re.escape(w) for w in n.split()) for n in names)
                     + r")(?!\w)", re.IGNORECASE)
    out = []
    spans = sorted(taken)
    for m in pat.finditer(text):
        s, e = m.start(), m.end()
        if not m.group()[:1].isupper():
            continue
        if any(a < e and s < b for a, b in spans):
            continue
        key = gz.name_key(m.group())
        iso3, how, state = registry[key]
        if " " not in key and not m.group().isupper() and not _stands_alone(text, s, e):
            continue
        out.append(Mention(s, e, m.group(), iso3, how, state))
    return out
