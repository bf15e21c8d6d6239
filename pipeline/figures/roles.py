"""Trade heads and their roles: the nouns and verbs that name a flow ("exports", "Importüberschuss",
"صادرات", "exported") and the countries around each (owner, partner, pair), as the grammar reads them.

Pure: a Reading in, Head objects out; pipeline/figures/flows.py turns heads and amounts into figures."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.figures.grammar import MASKED, SLOT, SLOT0
from pipeline.figures.lexicon import Row
from pipeline.figures.reading import Reading
from pipeline.figures.resolving import Slot

# Which field a preposition fills, by the head's flow ("imports from P", "imports to/into R").
_ROLE = {"export": {"to": "partner", "into": "partner", "from": "owner", "of": "owner"},
         "import": {"from": "partner", "to": "owner", "into": "owner", "of": "owner"},
         "trade": {"with": "partner", "of": "owner"},
         "surplus": {"with": "partner", "of": "owner"}, "deficit": {"with": "partner", "of": "owner"}}

@dataclass(slots=True)
class Head:
    start: int
    end: int
    flow: str
    row: Row
    owner: Slot | None = None
    owner_pron: tuple[int, str] | None = None
    partner: Slot | None = None
    pair: tuple[Slot, Slot] | None = None
    pair_desc: bool = False
    partners: list[Slot] = field(default_factory=list)  # "to A, B and C": combined unless 'respectively'
    blocked_owner: bool = False    # "The EC's imports", "exportaciones de la UE": a named non-country
    blocked_partner: bool = False  # "exports to South Asia", "imports from neighbouring countries"
    bilateral: bool = False
    total: bool = False
    mods: str = ""
    of_words: str = ""
    after_of: str = ""  # "imports of U.S. farm produce": the goods named after the country
    roles: set[int] = field(default_factory=set)
    roles_end: int = 0

    @property
    def verb(self) -> bool:
        return bool(self.row.flags & {"verb", "vfinal"})


def slot_ids(text: str) -> set[int]:
    return {ord(c) - SLOT0 for c in text if "\ue000" <= c <= "\ue0ff"}


def _set_role(h: Head, r: Reading, role: str | None, slot: Slot, idx: int) -> None:
    if slot.description == "pair":
        h.pair_desc = True
    elif role == "partner" and h.partner is None:
        h.partner = slot
    elif role == "owner" and h.owner is None and h.owner_pron is None:
        h.owner = slot
    else:
        return
    h.roles.add(idx)


def read_heads(r: Reading) -> list[Head]:
    g, masked = r.g, r.masked
    if g.head_rx is None:
        return []
    feats = {row.pattern for row in g.lex.get("feature")} if g.lex.has("feature") else set()
    out: list[Head] = []
    for m in g.head_rx.finditer(masked):
        row = g.head_row(m)
        h = Head(m.start(), m.end(), row.value, row, bilateral="bilateral" in row.flags, total="total" in row.flags)
        # -- to the left: "India's bilateral trade", "Russia-China trade", "its exports", "The EC's imports"
        if "vfinal" not in row.flags:
            _left_roles(r, h)
        left = masked[max(0, h.start - 60):h.start]
        if g.mods["not_trade"].search(h.mods):
            continue  # a current-account or budget balance is not a trade balance
        # adjectives after the noun too: "échanges bilatéraux", "comercio exterior", "товарооборот"
        right = re.match(rf"(?:\s+[^\s,;:(){MASKED}]+){{0,2}}", masked[h.end:h.end + 40])[0]
        h.bilateral |= bool(g.mods["bilateral"].search(h.mods) or g.mods["bilateral"].search(left[-25:])
                            or g.mods["bilateral"].search(right))
        h.total |= bool(g.mods["total"].search(h.mods) or g.mods["total"].search(right))
        # -- to the right: "to China", "between India and the US", "de México hacia el país vecino"
        pos = h.end
        if "bare_owner" in feats or "demonym_owner" in feats:
            bm = g.bare_rx.match(masked, pos)
            if bm:
                s = r.slots[ord(bm["s"][0]) - SLOT0]
                goods = g.goods_rx.match(masked, pos)
                if goods is None and ("bare_owner" in feats or s.how == "demonym"):
                    if bm["s2"]:
                        h.pair = (s, r.slots[ord(bm["s2"][0]) - SLOT0])
                        h.roles |= slot_ids(bm[0])
                    else:
                        _set_role(h, r, "owner", s, ord(bm["s"][0]) - SLOT0)
                    pos = bm.end()
        gm = g.goods_rx.match(masked, pos)
        if gm:  # "imports of Chinese goods", "импорт российских товаров": the goods' origin
            text = gm["s"] or gm["s2"]
            s = r.slots[ord(text[0]) - SLOT0]
            if s.how == "demonym":
                _set_role(h, r, "partner" if h.flow == "import" else "owner", s, ord(text[0]) - SLOT0)
                pos = gm.end()
        for n in ((6 if h.verb else 3), 2, 2):
            rm = g.role_rx[n].match(masked, pos)
            if rm is None:
                break
            if not h.of_words and rm["gap"]:
                h.of_words = rm["gap"]
            if rm["bprep"]:
                h.pair = (r.slots[ord(rm["a"][0]) - SLOT0], r.slots[ord(rm["b"][0]) - SLOT0])
                h.roles |= slot_ids(rm["a"] + rm["b"])
            elif rm["prep"]:
                prow = g.lex.lookup("prep", re.sub(r"\s+", " ", rm["prep"].lower()))
                prep = prow.value if prow else None
                role = _ROLE[h.flow].get(prep or "")
                if h.verb and h.flow == "import" and prep in ("to", "from"):
                    role = "partner"  # "bought from China"; "compró a México" (Spanish buys *from* with "a")
                if prep == "between" and r.slots[ord(rm["s"][0]) - SLOT0].description == "pair":
                    h.pair_desc = True
                    h.roles.add(ord(rm["s"][0]) - SLOT0)
                elif role:
                    s = r.slots[ord(rm["s"][0]) - SLOT0]
                    if role == "owner" and h.flow == "import" and prep == "of" and h.owner is not None:
                        role = "partner"
                    if rm["more"] and role == "partner":
                        h.partners = [r.slots[i] for i in sorted(slot_ids(rm["s"] + rm["more"]))]
                        h.roles |= slot_ids(rm["s"] + rm["more"])
                    else:
                        _set_role(h, r, role, s, ord(rm["s"][0]) - SLOT0)
                        if prep == "of" and g.lex.lang == "en":
                            h.after_of = _after_slot_words(r, rm.end("s"))
            elif rm["xprep"] and not rm["gap"].strip():
                prow = g.lex.lookup("prep", re.sub(r"\s+", " ", rm["xprep"].lower()))
                role = _ROLE[h.flow].get(prow.value if prow else "")
                if role == "partner":
                    h.blocked_partner = True
                elif role == "owner":
                    h.blocked_owner = True
            pos = rm.end()
        h.roles_end = pos
        if "vfinal" in row.flags:  # German: "habe China Waren ... nach Deutschland ausgeführt"
            _verb_final_roles(r, h)
        out.append(h)
    return _with_echoes(r, out)


def _left_roles(r: Reading, h: Head) -> None:
    """The closest country, pronoun or non-country name before the head, within four words."""
    g, masked = r.g, r.masked
    lo = max(0, h.start - 120)
    for c in reversed(list(g.left_cand_rx.finditer(masked, lo, h.start))):
        mm = g.left_mods_rx.fullmatch(masked, c.end(), h.start)
        if mm is None:
            continue
        h.mods = mm["mods"] or ""
        if c["pa"]:
            if h.flow not in ("trade",) and c["join"].strip() not in "-–/":
                h.blocked_owner = True  # "Japan and South Korea's exports": two owners, a combined figure
                return
            h.pair = (r.slots[ord(c["pa"][0]) - SLOT0], r.slots[ord(c["pb"][0]) - SLOT0])
            h.roles |= slot_ids(c["pa"] + c["pb"])
        elif c["owner"]:
            idx = ord(c["owner"][0]) - SLOT0
            pb = g.prep_before_rx.search(masked, max(0, c.start() - 25), c.start())
            plain = all(re.fullmatch(rf"(?:{g.lex.alt('article')}|{g.lex.alt('mod')})", w, re.I) for w in h.mods.split())
            prow = g.lex.lookup("prep", re.sub(r"\s+", " ", pb["prep"].lower())) if pb and plain else None
            role = _ROLE[h.flow].get(prow.value) if prow else None
            if role:  # "and with Canada the deficit decreased": a role before the head, not its owner
                _set_role(h, r, role, r.slots[idx], idx)
            else:
                _set_role(h, r, "owner", r.slots[idx], idx)
        elif c["pron"]:
            if h.verb and h.mods.strip():
                h.blocked_owner = True  # "its members purchased ...": the subject is no country
                return
            h.owner_pron = (c.start("pron"), c["pron"])
        elif c["cap"]:
            h.blocked_owner = True
        return
    tail = g.left_tail_rx.search(masked, lo, h.start)
    h.mods = tail["mods"] or "" if tail else ""
    if tail and _named_owner(r, tail):
        h.blocked_owner = True  # "while EC exports to Japan", "Northrops' sales to Saudi Arabia"


def _named_owner(r: Reading, lm: re.Match) -> bool:
    if r.g.lex.lang not in ("en", "es", "fr", "pt"):
        return False
    mods = lm["mods"] or ""
    first = lm.start("mods") <= len(r.masked) - len(r.masked.lstrip()) + 1
    for k, m in enumerate(re.finditer(r"\S+", mods)):
        w = m[0]
        if k == 0 and first:
            continue  # the sentence's first word is capitalised anyway
        if w[:1].isupper() and not r.g.mods["total"].fullmatch(w) and not re.fullmatch(r"(?:19|20)\d\d\w*", w):
            return True
    return False


def _with_echoes(r: Reading, heads: list[Head]) -> list[Head]:
    """'the U.S. trade deficit with Latin America rose to 2.6 billion dlrs, with Japan ... to 14.8
    billion dlrs and with Western Europe ...': each new partner phrase after the head's amounts takes
    the amounts that follow it (a non-country one takes them and gives nothing)."""
    g = r.g
    out: list[Head] = []
    for k, h in enumerate(heads):
        out.append(h)
        partner_preps = [p for p, role in _ROLE[h.flow].items() if role == "partner"]
        if not partner_preps or h.verb:
            continue
        end = heads[k + 1].start if k + 1 < len(heads) else len(r.masked)
        preps = "|".join(g.preps[p] for p in partner_preps)
        rx = re.compile(rf"(?:,|(?<!\w)(?:{g.and_}))\s*(?P<prep>{preps})\s+{g.article}(?:(?P<s>{SLOT})|(?P<x>[^\W\d_]))", re.I)
        for m in rx.finditer(r.masked, h.roles_end, end):
            if not any(a.start > m.end() for a in r.money if a.start < end):
                break
            e = Head(m.end(), m.end(), h.flow, h.row, owner=h.owner, owner_pron=h.owner_pron,
                     blocked_owner=h.blocked_owner, bilateral=False, total=h.total, mods=h.mods, roles=set(h.roles))
            if m["s"]:
                idx = ord(m["s"][0]) - SLOT0
                e.partner = r.slots[idx]
                e.roles.add(idx)
            else:
                e.blocked_partner = True
            e.roles_end = m.end()
            out.append(e)
    return out


def _verb_final_roles(r: Reading, h: Head) -> None:
    g = r.g
    lo = 0
    if g.break_rx is not None:
        for b in g.break_rx.finditer(r.masked, 0, h.start):
            lo = b.end()
    clause = r.masked[lo:h.start]
    rx = re.compile(rf"(?P<prep>{g.prep_any})\s*{g.article}(?P<s>{SLOT})", re.I)
    used: set[int] = set()
    for m in rx.finditer(clause):
        prow = g.lex.lookup("prep", re.sub(r"\s+", " ", m["prep"].lower()))
        role = _ROLE[h.flow].get(prow.value if prow else "")
        idx = ord(m["s"][0]) - SLOT0
        used.add(idx)
        if role:
            _set_role(h, r, role, r.slots[idx], idx)
    if h.owner is None:
        for c in clause:
            idx = ord(c) - SLOT0 if "\ue000" <= c <= "\ue0ff" else None
            if idx is not None and idx not in used:
                _set_role(h, r, "owner", r.slots[idx], idx)
                break



VERBISH = re.compile(r"(?:\w+ed|said|says|say|has|have|had|is|are|was|were|will|would|could|may|might|also|up|down|"
                      r"off|out|saw|see|sees|made|makes|make|got|gets|get|put|puts|set|hit|cut|ran|runs|run)$", re.I)


_FUNCTION_CACHE: dict[int, re.Pattern] = {}


def function_words(g) -> re.Pattern:
    """Words that end a product modifier: articles, pronouns, prepositions, copulas, conjunctions."""
    if id(g) not in _FUNCTION_CACHE:
        L = g.lex.alt
        _FUNCTION_CACHE[id(g)] = re.compile(
            rf"(?:{L('article')}|{L('pronoun')}|{L('relative')}|{L('prep')}|{L('break')}|{L('copula')}|{L('qualifier')}"
            r"|for|by|at|on|as|than|so|such|this|that|these|those|said|says|worth|last|next|per|or|nor)", re.I)
    return _FUNCTION_CACHE[id(g)]


def _after_slot_words(r: Reading, pos: int) -> str:
    """'imports of U.S. farm produce last year': the words naming the goods after the country."""
    m = re.match(r"(?:\s+[^\W\d_][\w-]*){1,3}", r.masked[pos:pos + 40])
    if not m:
        return ""
    words = m[0].split()
    stop = function_words(r.g)
    keep = []
    for w in words:
        if stop.fullmatch(w) or VERBISH.fullmatch(w):
            break
        keep.append(w)
    return " ".join(keep)


