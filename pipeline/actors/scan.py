"""Where a text may name an actor: the trie's hits, generated surfaces in runs of capitalised words,
surfaces inside ALL-CAPS headlines and datelines, and the agent word after a country ("Chinese police")."""
from __future__ import annotations

import re

from pipeline import gazetteer as gz
from pipeline.actors.index import _Index, _key
from pipeline.actors.vocabulary import CAPS_RUN, DATELINE


def _dateline_span(text: str) -> tuple[int, int] | None:
    m = DATELINE.search(text, 0, 400)
    return m.span("place") if m else None


# Generated surfaces (Phoenix people, GeoNames cities, Phoenix organisations) are not in the trie: each
# capitalised word that can start one is looked up, with the words that follow it, in dicts.
_CAP_WORD = re.compile(r"(?<![\w'’\-])[A-Z][\w'’.\-]*")
_NEXT_NAME_WORD = re.compile(r"[ \t]+([A-Z][\w'’.\-]*|al|bin|bint|ibn|de|da|do|dos|das|du|la|le|van|von|der|den|di|"
                             r"del|el|y)(?![\w'’\-])")
_CAPS_WORD = re.compile(r"(?<![\w'’])[A-Z0-9][A-Z0-9'’.&]*-?")
_NEXT_CAPS_WORD = re.compile(r"[ \t]+([A-Z0-9][A-Z0-9'’.&]*)")
_TRAIL = ".,;:'’"


def _trim(text: str, s0: int, e0: int) -> int:
    """End of a span without trailing punctuation or a possessive ("Kharkiv's", "Sergei Lavrov,")."""
    while e0 > s0 and text[e0 - 1] in _TRAIL:
        if text[e0 - 2:e0] in ("'s", "’s"):
            e0 -= 2
            continue
        e0 -= 1
    if text[e0 - 2:e0] in ("'s", "’s"):
        e0 -= 2
    return e0


def _first_word_key(word: str) -> str:
    return word.casefold() if word.isascii() and "-" not in word else (gz.name_key(word).split() or [""])[0]


def _run_hits(text: str, idx: _Index, found: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, str, bool]]:
    """Generated surfaces in the text, leftmost-longest, never overlapping what the trie found."""
    out: list[tuple[int, int, str, bool]] = []
    table, first, pfirst = idx.table, idx.gen_first, idx.person_first
    pos = 0  # no hit may start before the end of the previous one
    quick = idx.run_first
    for m in _CAP_WORD.finditer(text):
        raw = m.group()
        if raw not in quick and raw.rstrip(_TRAIL) not in quick and raw.partition("-")[0] not in quick \
                and (raw.isascii() or gz.fold(raw).rstrip(_TRAIL) not in quick):
            continue  # most capitalised words start no generated surface
        s0 = m.start()
        if s0 < pos:
            continue
        w = text[s0:_trim(text, s0, m.end())]
        n_gen = first.get(w, 0)
        n_person = pfirst.get(_first_word_key(w), 0)
        if not n_gen and not n_person:
            continue
        ends = [m.end()]
        while len(ends) < max(n_gen, n_person):
            nxt = _NEXT_NAME_WORD.match(text, ends[-1])
            if not nxt:
                break
            ends.append(nxt.end())
        hit = None
        for n in range(len(ends), 0, -1):
            e0 = _trim(text, s0, ends[n - 1])
            key = _key(text[s0:e0])
            if n <= n_gen:
                i0 = table.get(key)
                if i0 is not None and not i0.hand:
                    hit = e0
                    break
            if 1 < n <= n_person and key not in table and gz.people_by_name(key):
                hit = e0
                break
        if hit is None:
            continue
        if any(a < hit and s0 < b for a, b, _, _ in found):  # the trie's hand-written meaning wins
            continue
        out.append((s0, hit, text[s0:hit], False))
        pos = hit
    return out


def _caps_hits(text: str, lo: int, hi: int, idx: _Index) -> list[tuple[int, int, str, bool]]:
    """Surfaces inside an ALL-CAPS run ("LEE BALANCING SEOUL'S TIES WITH BOTH US AND CHINA", "U.S.-JAPAN"),
    looked up upper-cased, leftmost-longest."""
    upper, first = idx.upper, idx.upper_first
    out = []
    pos = lo
    for m in _CAPS_WORD.finditer(text, lo, hi):
        s0 = m.start()
        if s0 < pos:
            continue
        w = m.group()
        n_max = max(first.get(w, 0), first.get(w.rstrip("-.,;:"), 0), first.get(_caps_base(w), 0))
        if not n_max:
            continue
        ends = [m.end()]
        while len(ends) < n_max and text[ends[-1] - 1] != "-":  # words of one surface: spaces between
            nxt = _NEXT_CAPS_WORD.match(text, ends[-1], hi)
            if not nxt:
                break
            ends.append(nxt.end())
        hit = None
        for n in range(len(ends), 0, -1):
            for cut in _caps_cuts(text, s0, ends[n - 1]):
                if _key(text[s0:cut]) in upper:
                    hit = cut
                    break
            if hit:
                break
        if hit:
            out.append((s0, hit, text[s0:hit], True))
            pos = hit
    return out


def _caps_base(word: str) -> str:
    w = word.rstrip("-.,;:")
    return w[:-2] if w.endswith(("'S", "’S")) else w


def _caps_cuts(text: str, s0: int, e0: int):
    """Ends to try for a caps span: as written ("U.S.", "SINO-"), without a final hyphen or
    punctuation, without a possessive ("SEOUL'S")."""
    yield e0
    e = e0
    while e > s0 and text[e - 1] in "-.,;:":
        e -= 1
        yield e
    if text[e - 2:e] in ("'S", "’S"):
        yield e - 2


def _candidates(text: str, idx: _Index, dateline: tuple[int, int] | None) -> list[tuple[int, int, str, bool]]:
    found = [(m.start(), m.end(), m.group(), False) for m in idx.pattern.finditer(text)]
    extra = _run_hits(text, idx, found)
    if extra:
        found = sorted(found + extra, key=lambda c: (c[0], c[0] - c[1]))
    segments = [m.span() for m in CAPS_RUN.finditer(text)]
    if dateline:
        segments.append(dateline)
    if not segments:  # the hits are already leftmost-longest and disjoint
        return found
    for lo, hi in segments:
        found += _caps_hits(text, lo, hi, idx)
    found.sort(key=lambda c: (c[0], c[0] - c[1]))
    kept, last_end = [], -1
    for c in found:  # leftmost, then longest; no overlaps
        if c[0] >= last_end:
            kept.append(c)
            last_end = c[1]
    return kept


def _agent_state(text: str, end: int, idx: _Index) -> bool | None | str:
    """The generic agent right after a country mention decides ("Chinese police" acts for China,
    "Chinese protesters" do not); "" when no agent follows."""
    hit = _agent_at(text, end, idx)
    return "" if hit is None else idx.agent_state[hit[0]]


_AGENT_WORDS = re.compile(r"(?:['’]s)?((?:[ \t]+[\w\-]+){1,7})")


def _agent_at(text: str, end: int, idx: _Index) -> tuple[str, int] | None:
    """The longest agent phrase starting within two words after `end`: (phrase, end offset)."""
    m = _AGENT_WORDS.match(text, end, min(len(text), end + 90))
    if not m:
        return None
    toks = [(t.group(), t.end()) for t in re.finditer(r"[\w\-]+", m.group(1))]
    base = m.start(1)
    low = [t.lower() for t, _ in toks]
    for skip in range(min(3, len(toks))):
        for n in range(min(idx.agent_len, len(toks) - skip), 0, -1):
            phrase = " ".join(low[skip:skip + n])
            if phrase in idx.agent_state:
                return phrase, base + toks[skip + n - 1][1]
    return None


_COMPOUND = re.compile(r"-[A-Z]")
_CAPS_BEFORE = re.compile(r"(?<![\w.])[A-Z][A-Z.'’\-]+[>\"”]?[ \t]+$")
_CAPS_AFTER = re.compile(r"[ \t]+[A-Z][A-Z.'’\-]+(?![\w])")


def _caps_around(text: str, start: int, end: int) -> bool:
    """An acronym in all-caps copy, or a stock ticker ("MCGRAW HILL <MHP> BUYS ...")."""
    return bool(_CAPS_BEFORE.search(text, max(0, start - 25), start) or _CAPS_AFTER.match(text, end)
                or text[start - 1:start] == "<" and text[end:end + 1] in (">", "."))
