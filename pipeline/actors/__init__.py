"""Actor resolution: every place an article names a country (by name, capital, demonym, organisation,
place, a person in the actor tables, a leader, or a person the article introduced), whether those
words act for the state, and `resolve`.

One compiled trie regex finds every gazetteer surface in a single pass over the text (longest match
wins at each position); Python then only looks at the few hundred hits, never at every word.

  vocabulary.py  titles, roles and the words around names        index.py  the tables, indexed once
  scan.py        where a text may name an actor                  people.py  names, surnames, introductions
  __init__.py    find_mentions (the one pass) and resolve
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from pipeline import gazetteer as gz
from pipeline.actors.index import _index, _key, _pick_alias
from pipeline.actors.people import (
    _MIDDLE_INITIAL,
    _MIDDLE_INITIAL_HINT,
    _given_names,
    _introductions,
    _looks_like_person,
    _near_spells,
    _person_mention,
    _registry_mentions,
    _resolve_surname,
)
from pipeline.actors.scan import _COMPOUND, _agent_at, _agent_state, _candidates, _caps_around, _dateline_span
from pipeline.actors.vocabulary import AFTER_PLACE_OK, ORG_HOWS, PERSON_RISKY, PLACE_HOWS, STATE_BY_HOW
from pipeline.schema import Mention


def find_mentions(text: str, published: date | None = None, *, media: bool = False) -> list[Mention]:
    """Every place `text` names a country, sorted by offset, non-overlapping (docs/contract.md `how`),
    each with whether those words act for the state (`state_actor`). News media ("Xinhua", "BBC")
    count only with `media=True` (resolve): a publisher is not what the story is about."""
    idx = _index()
    table = idx.table
    out: list[Mention] = []
    pending: list[tuple[int, int, str, bool, bool]] = []  # surnames and out-of-office names: need context
    taken: list[tuple[int, int]] = []
    dateline = _dateline_span(text)
    for start, end, surface, caps in _candidates(text, idx, dateline):
        key = _key(surface)
        info = idx.upper.get(key) if caps else table.get(key)
        in_dateline = dateline is not None and dateline[0] <= start and end <= dateline[1]
        taken.append((start, end))
        if info is None and " " in key and not caps:  # a Phoenix person found in a name run
            m = _person_mention(start, end, surface, published)
            if m is not None and _near_spells(gz.people_by_name(key), published) \
                    and not all(t in _given_names() for t in key.split()):  # "Juan Carlos", "Mohammed Ali"
                out.append(m)
            continue
        if info is None or info.blocked:
            continue
        alias = _pick_alias(info, published)
        if alias is not None and caps and not in_dateline and (
                alias.generated or alias.how in ORG_HOWS and (alias.text.isupper() or len(alias.text) <= 4)):
            continue  # in a headline "PLAN", "LET", "ZERO" are words, not acronyms; "SAPPORO" may be a brewer
        if alias is not None and not caps and alias.how in ORG_HOWS and surface.isupper() and _caps_around(text, start, end):
            continue  # the same acronym found by the trie inside an all-caps headline ("U.S. PLAN TO ...")
        if alias is not None:
            if not caps and (alias.text in PERSON_RISKY and _looks_like_person(text, start, end) or alias.generated
                             and alias.how in PLACE_HOWS and (_looks_like_person(text, start, end, AFTER_PLACE_OK)
                                                              or _COMPOUND.match(text, end))):
                continue  # "Michael Jordan", "Kimberley-Clark", "Preston Smith"
            if alias.how == "media" and not media:
                continue  # a publisher says who reports, not which countries the story is about
            if surface.endswith("-"):  # "Sino-", "Franco-": the span is the prefix word
                end -= 1
                surface = surface[:-1]
            if in_dateline:  # "ANKARA, May 3 -" says where the story was filed, not who acts
                out.append(Mention(start, end, surface, alias.iso3, "dateline", False))
                continue
            state = alias.state_actor if alias.how in ORG_HOWS else STATE_BY_HOW.get(alias.how)
            if alias.how in ("name", "demonym", "capital"):
                agent = _agent_state(text, end, idx)
                if agent != "":
                    state = agent
            out.append(Mention(start, end, surface, alias.iso3, alias.how, state))
            continue
        if (info.leader or info.person) and " " in key:
            m = _person_mention(start, end, surface, published)
            if m is not None and (m.state_actor or not info.leader or published is None):
                out.append(m)
                continue
            if m is not None:  # a leader out of office: an introduction may still make them someone's
                pending.append((start, end, surface, caps, True))
                continue
        if info.surname or info.leader or info.person_surname or info.person:
            pending.append((start, end, surface, caps, (info.leader or info.person) and " " in key
                            and not (info.surname or info.person_surname)))

    # "President Donald J Trump", "George W. Bush": a full name with a middle initial the tables do not spell
    if _MIDDLE_INITIAL_HINT.search(text):
        for m in _MIDDLE_INITIAL.finditer(text):
            s0, e0 = m.start(), m.end()
            if any(x.start < e0 and s0 < x.end for x in out):
                continue
            person = _person_mention(s0, e0, f"{m.group('first')} {m.group('last')}", published)
            if person is not None:
                out.append(Mention(s0, e0, m.group(), person.country, person.how, person.state_actor))
                pending = [p for p in pending if not (p[0] < e0 and s0 < p[1])]
    # People the article introduced win over the leader table, and a longer introduced name
    # ("Lin Jian") over a surname the trie found inside it ("Lin").
    registry, titles, titled = _introductions(text, out, published)
    # "US Secretary of State Rex Tillerson called ...": the article's own title says he acts for his
    # state at the time it narrates, whatever the tables' spells say about the day of publication.
    out = [replace(m, state_actor=True) if m.how == "person" and m.state_actor is False
           and titled.get(m.start) == (m.country, True) else m for m in out]
    pending_spans = {(p[0], p[1]) for p in pending}
    introduced = _registry_mentions(text, registry, [t for t in taken if t not in pending_spans]) if registry else []
    out += introduced
    for start, end, surface, caps, full in pending:
        key = gz.name_key(surface)
        if key in registry or any(m.start < end and start < m.end for m in introduced):
            continue
        if full:  # a full name the registry did not claim: the person tables by date
            m = _person_mention(start, end, surface, published)
            if m is not None:
                out.append(m)
            continue
        m = _resolve_surname(text, start, end, surface, caps, published, titles, out)
        if m is not None:
            out.append(m)
    out.sort(key=lambda m: m.start)
    return out


# --- resolve: one mention text (+ date) -> one country ---------------------------------------------

def resolve(text: str, on: date | None = None) -> dict:
    """{"text", "country", "matched", "how", "state_actor"} for one actor string (docs/contract.md):
    people resolve by the date ("Moon Jae-in" in 2024 is KOR, not acting for the state); international
    bodies have no country; a generic agent alone ("police") has no country but says who acts."""
    result = {"text": text, "country": None, "matched": None, "how": None, "state_actor": None}
    stripped = text.strip()
    if stripped.upper() in gz.countries() and len(stripped) == 3 and stripped.isupper():
        result.update(country=stripped, matched=stripped, how="code", state_actor=True)
        return result
    probe = stripped[4:] if stripped.lower().startswith("the ") else stripped
    mentions = find_mentions(text, on, media=True)
    if mentions:
        best = max(mentions, key=lambda m: (m.end - m.start, -m.start))
        matched = best.text
        if best.how in ("name", "demonym", "capital"):
            agent = _agent_at(text, best.end, _index())
            if agent:
                matched = text[best.start:agent[1]]
        result.update(country=best.country, matched=matched, how=best.how, state_actor=best.state_actor)
        if best.how == "person" and best.state_actor is False:
            _note(result, stripped, on)
        return result
    info = _index().table.get(_key(probe))
    if info is not None and info.nocountry:
        result.update(matched=probe, how=info.nocountry, state_actor=False)
        return result
    agent = _index().agent_state
    word = " ".join(probe.lower().split())
    if word in agent:
        result.update(matched=probe, how="agent", state_actor=agent[word])
        return result
    _note(result, stripped, on)
    return result


def _note(result: dict, name: str, on: date | None) -> None:
    spells = gz.leaders_for(name)
    if spells:
        last = max(spells, key=lambda s: s.start or date.min)
        span = f"{last.start or '?'} to {last.end or 'present'}"
        result["note"] = f"{last.name}: {last.office} of {gz.country_name(last.iso3)} {span}, not in office on {on}" \
            if on else f"{last.name}: ambiguous without a date"
    return result
