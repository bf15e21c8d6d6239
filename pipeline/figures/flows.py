"""Trade values and balances: a trade noun or verb (a head), the countries around it (its roles),
and the amounts that state its level.

"India's exports to China fell from $28.1 billion to $17.48 billion": the head `exports`, owner
India, partner China; two amounts, an earlier value and the level. A role the sentence leaves out
comes from the figures just read or the article's reporter (pipeline/figures/context.py). What is
not a level is dropped: changes ("by 2.1 per cent"), thresholds ("crossed the Sh100 billion mark"),
targets ("aim to raise trade to $2 billion")."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.figures.context import Slot, resolve_reporter
from pipeline.figures.grammar import MASKED, MASKED_CHARS, MONEY, SLOT, SLOT0
from pipeline.figures.lexicon import Row
from pipeline.figures.numbers import Amount
from pipeline.figures.products import product_of
from pipeline.figures.reading import Party, Reading

_INDICATOR = {"export": "export_value", "import": "import_value", "trade": "trade_value",
              "surplus": "trade_balance", "deficit": "trade_balance"}
# Which field a preposition fills, by the head's flow ("imports from P", "imports to/into R").
_ROLE = {"export": {"to": "partner", "into": "partner", "from": "owner", "of": "owner"},
         "import": {"from": "partner", "to": "owner", "into": "owner", "of": "owner"},
         "trade": {"with": "partner", "of": "owner"},
         "surplus": {"with": "partner", "of": "owner"}, "deficit": {"with": "partner", "of": "owner"}}
_WORDS = re.compile(rf"(?:\s*(?:{MONEY}|[^\s,;:()\[\]{MASKED}]+)){{0,4}}\s*$")


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


def _slot_ids(text: str) -> set[int]:
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


def _heads(r: Reading) -> list[Head]:
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
                        h.roles |= _slot_ids(bm[0])
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
                h.roles |= _slot_ids(rm["a"] + rm["b"])
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
                        h.partners = [r.slots[i] for i in sorted(_slot_ids(rm["s"] + rm["more"]))]
                        h.roles |= _slot_ids(rm["s"] + rm["more"])
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
            h.roles |= _slot_ids(c["pa"] + c["pb"])
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


# --- amounts ---------------------------------------------------------------------------------

def _breaks_between(r: Reading, lo: int, hi: int, h: Head) -> bool:
    text = r.masked[lo:hi]
    if r.g.break_rx is not None and r.g.break_rx.search(text):
        return True
    other = _slot_ids(text) - h.roles - r.apposed
    return bool(other)


def _attach(r: Reading, heads: list[Head]) -> dict[int, list[tuple[Amount, str]]]:
    """Each money amount goes to the nearest head before it in its clause, else to a head right
    after it ("a 58.6 billion dlr trade surplus", German "... 192 Milliarden Euro nach Deutschland ausgeführt")."""
    out: dict[int, list[tuple[Amount, str]]] = {}
    for a in r.money:
        left = [i for i, h in enumerate(heads) if h.end <= a.start]
        chosen = None
        for i in reversed(left):
            if not _breaks_between(r, heads[i].end, a.start, heads[i]):
                chosen = (i, "left")
            break
        if chosen is None:
            for i, h in enumerate(heads):
                if h.start >= a.end and h.start - a.end <= 45:
                    gap = r.masked[a.end:h.start]
                    if _WORDS.match(gap) and not _breaks_between(r, a.end, h.start, h) or (
                            "vfinal" in h.row.flags and not _breaks_between(r, a.end, h.start, h)):
                        chosen = (i, "right")
                    break
        if chosen is not None:
            out.setdefault(chosen[0], []).append((a, chosen[1]))
    return out


def _strip_time(r: Reading, text: str) -> str:
    rx = r.g.time_rx
    text = text.rstrip()
    while rx is not None:
        m = rx.search(text)
        if not m or m.start() == m.end():
            break
        text = text[:m.start()].rstrip()
    return text


def _target_window(r: Reading, h: Head, a: Amount) -> bool:
    if r.g.target_rx is None:
        return False
    lo = max(0, h.start - 45)
    pre = r.masked[lo:h.start]
    cut = max(pre.rfind(","), pre.rfind(";"))
    if cut >= 0:
        lo += cut + 1
    return bool(r.g.target_rx.search(r.masked, lo, a.start))


def _classify(r: Reading, h: Head, items: list[tuple[Amount, str]]) -> list[tuple[Amount, str]]:
    """level | earlier for each amount worth a figure; changes, thresholds and targets are dropped."""
    g = r.g
    leads: list[str] = []
    prev_end = h.end
    for a, side in items:
        if side == "right":
            leads.append(r.masked[max(0, a.start - 30):a.start])
        else:
            between = r.masked[prev_end:a.start]
            # a slot between (a role, an apposition) starts the lead after it
            last_slot = max((i for i, c in enumerate(between) if "\ue000" <= c <= "\ue100"), default=-1)
            leads.append(_strip_time(r, between[last_slot + 1:]))
            prev_end = a.end
    out: list[tuple[Amount, str]] = []
    last_cls: str | None = None
    for k, (a, side) in enumerate(items):
        lead = leads[k]
        after = r.masked[a.end:a.end + 40]
        if abs(a.value) < 1e6:
            continue  # a price or a per-unit amount ("18.92 dlrs"), not a trade figure
        if g.lead["range"].search(lead):
            continue  # "two to three billion": a range, no level
        if g.lead["threshold"].search(lead) or g.trail["threshold"].match(after):
            last_cls = None
            continue
        trail_target = g.trail["target"].match(after)
        if trail_target and _future_year(r, trail_target[0]):
            last_cls = None
            continue
        if side == "right":
            gap = r.masked[a.end:h.start]
            trail = g.trail["target"].search(r.masked[h.end:h.end + 60])
            if (g.lead["target"].search(lead) or g.lead["change"].search(lead) or g.lead["exclude"].search(lead)
                    or re.search(rf"(?<!\w)(?:{g.lex.alt('lead', 'change')})(?!\w)", gap, re.I)
                    or (trail and _future_year(r, trail[0]) is not False)
                    or (g.target_rx is not None and g.target_rx.search(r.masked, max(0, a.start - 45), a.start))):
                continue
            out.append((a, "level"))
            last_cls = "level"
            continue
        cls = None
        if g.lead["change"].search(lead):
            cls = None
        elif g.lead["target"].search(lead):
            cls = None
        elif g.lead["earlier"].search(lead):
            cls = "earlier"
        elif g.lead["from_or_of"].search(lead):
            later = leads[k + 1] if k + 1 < len(leads) else ""
            # "de X a Y": X is earlier; "fueron de X, frente a Y": "frente a" is a comparison, X the level
            cls = "earlier" if g.lead["to_level"].search(later) and not g.lead["earlier"].search(later) else "level"
        elif g.lead["level"].search(lead) or g.lead["to_level"].search(lead) or lead.strip() in ("", "(", "—", "–", "-", ":"):
            cls = "level"
        elif g.lead["inherit"].search(lead) or lead.rstrip().endswith(","):
            cls = last_cls if last_cls else ("level" if lead.rstrip().endswith(",") else None)
        if cls is not None and _target_window(r, h, a):
            cls = "level" if cls == "earlier" else None  # "aim to raise trade to $2 billion from nearly $1 billion"
        last_cls = cls
        if cls:
            out.append((a, cls))
    return out


def _future_year(r: Reading, text: str) -> bool:
    """'by 2020' after an amount: a target when the year is not past; 'over four years' always one."""
    m = re.search(r"(?:19|20)\d\d", text)
    if m is None:
        return True
    return r.published is None or int(m[0]) >= r.published.year


# --- parties -----------------------------------------------------------------------------------

def _in_sentence(r: Reading, before: int, flows_only: bool = False) -> list[dict]:
    """Figures of this sentence a role may come from: ranks anywhere (apposition), flows read before."""
    out = []
    for f in r.found:
        is_rank = f["unit"] == "rank"
        if is_rank and not flows_only or f["anchor"][1] <= before:
            out.append(f)
    return out


def _parties(r: Reading, h: Head, amounts: list[Amount]) -> tuple[Party, Party] | None:
    if h.pair is not None:
        a, b = r.party(h.pair[0]), r.party(h.pair[1])
        return (a, b) if a and b else None
    if h.pair_desc or (h.owner_pron and h.bilateral and h.partner is None):
        return r.pair(h.start)
    par = r.party(h.partner) if h.partner is not None and h.partner.country else None
    rep = r.party(h.owner) if h.owner is not None and h.owner.country else None
    if par is None and h.partner is not None:
        par = r.party(h.partner, {rep.country} if rep else set())
    if rep is None and h.owner is not None:
        rep = r.party(h.owner, {par.country} if par else set())
    if rep is None and h.owner_pron is not None:
        rep = r.pronoun(h.owner_pron[0], h.owner_pron[1], {par.country} if par else set())
    if (h.owner is not None or h.owner_pron is not None) and rep is None:
        return None
    if h.partner is not None and par is None:
        return None
    if rep is None and par is None:
        return _no_roles(r, h)
    if "weak" in h.row.flags and (rep is None or par is None or rep.inferred or par.inferred):
        return None  # "sales", "purchases": only with both countries named
    if rep is None:
        if h.blocked_owner:
            return None
        c = resolve_reporter(par.country, _in_sentence(r, h.start), r.ctx, set())
        return (Party(c, c, True), par) if c else None
    if par is None:
        if h.blocked_partner or h.total:
            return None
        c = _missing_partner(r, h, rep.country, amounts)
        return (rep, Party(c, c, True)) if c else None
    return rep, par


def _missing_partner(r: Reading, h: Head, rep: str, amounts: list[Amount]) -> str | None:
    """'with India's imports accounting for $118.5 billion': the partner of the figures just read."""
    for f in reversed(_in_sentence(r, h.start, flows_only=True)):
        if rep in (f["source"], f["target"]):
            return f["target"] if f["source"] == rep else f["source"]
    flow = _INDICATOR[h.flow]
    for f in reversed(_in_sentence(r, h.start, flows_only=True)):
        if f["indicator"] == flow and f["source"] != rep and f["target"] != rep:
            return f["target"]  # "Tanzania's exports to Kenya ... while Rwanda exported ...": parallel
    if h.bilateral:
        pair = r.ctx.last_pair()
        if pair and rep in pair:
            return pair[1] if pair[0] == rep else pair[0]
    # A value restated from the figures before ("Las exportaciones mexicanas, que alcanzaron los 39 mil
    # 543 millones"): the same flow, so the same partner.
    for f in r.ctx.recent_figures():
        if rep in (f["source"], f["target"]) and any(_same(a.value, f["value"]) for a in amounts):
            return f["target"] if f["source"] == rep else f["source"]
    return None


def _same(x: float, y: float) -> bool:
    return abs(x - y) <= 1e-6 * max(abs(x), abs(y), 1.0)


def _no_roles(r: Reading, h: Head) -> tuple[Party, Party] | None:
    """A head with no country at all: 'two-way trade ...', '..., while imports rose ...', or a
    sentence that names none ('The trade deficit reached $101.02 billion')."""
    if h.blocked_owner or h.blocked_partner or h.total or "weak" in h.row.flags:
        return None
    if any((e.blocked_partner or e.blocked_owner) and e.end <= h.start for e in r.heads):
        return None  # "Exports to the EEC rose ... and imports fell ...": the same non-country partner
    if h.bilateral:
        return r.pair(h.start)
    for f in reversed(_in_sentence(r, h.start, flows_only=True)):
        if f["unit"] not in ("rank", "percent"):
            return Party(f["source"], f["source_text"], True), Party(f["target"], f["target_text"], True)
    # A sentence that names no country: a balance of the pair just read ("The trade deficit reached
    # $101.02 billion"), not inside brackets; a bare "exports rose" is more often the country's total.
    if (not r.slots and h.flow in ("surplus", "deficit") and (h.start == 0 or r.masked[h.start - 1] != "#")
            and "(" not in r.masked[:h.start]):
        last = r.ctx.recent_figures(1)
        pair = r.ctx.last_pair(max_age=1)
        if pair and pair[0] != pair[1]:
            prev = last[0] if last else None
            if prev and prev["indicator"] == "trade_balance" and (prev["value"] < 0) != (h.flow == "deficit"):
                pair = (pair[1], pair[0])  # "The surplus hit ..." after "the U.S. deficit with Taiwan": Taiwan's
            return Party(pair[0], pair[0], True), Party(pair[1], pair[1], True)
    return None


# --- records -------------------------------------------------------------------------------------

def _product(r: Reading, h: Head, a: Amount) -> str | None:
    g = r.g
    # "exports of crude oil to ...", "sold $60 billion of soybeans to ...": the words after "of"
    of = re.search(rf"(?:^|\s)(?:{g.preps['of']})\s+(?P<w>[^{MASKED}]+)$", h.of_words, re.I) if h.of_words.strip() else None
    found = product_of(g, _modifiers(r, h), of["w"] if of else "") or (product_of(g, h.after_of) if h.after_of else None)
    if found is None and g.lex.lang == "en":
        m = re.match(r"[^;]{0,60}?\bin\s+(?P<prod>(?:[a-z-]+\s+){0,2}?(?:products|goods|manufactures|items|sectors?|commodities))\b",
                     r.masked[a.end:], re.I)
        if m:
            found = product_of(g, m["prod"])
    return found


_VERBISH = re.compile(r"(?:\w+ed|said|says|say|has|have|had|is|are|was|were|will|would|could|may|might|also|up|down|"
                      r"off|out|saw|see|sees|made|makes|make|got|gets|get|put|puts|set|hit|cut|ran|runs|run)$", re.I)


_FUNCTION_CACHE: dict[int, re.Pattern] = {}


def _function_words(g) -> re.Pattern:
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
    stop = _function_words(r.g)
    keep = []
    for w in words:
        if stop.fullmatch(w) or _VERBISH.fullmatch(w):
            break
        keep.append(w)
    return " ".join(keep)


def _modifiers(r: Reading, h: Head) -> str:
    """The words right before the head that can name a product ("Kenya's maize imports"): after the
    last amount or article, and no verbs ("Japan racked up a ... surplus" names none)."""
    words = re.split(r"\s+", h.mods.strip()) if h.mods.strip() else []
    art = _function_words(r.g)
    for i in range(len(words) - 1, -1, -1):
        if MASKED_CHARS.search(words[i]) or art.fullmatch(words[i]):
            words = words[i + 1:]
            break
    if any(_VERBISH.fullmatch(w) for w in words):
        return ""
    return " ".join(words)


def _weak_context(r: Reading, h: Head) -> bool:
    """A weak head ('sales', 'purchases') that is no trade flow: credit for sales ('guarantees for
    sales of wheat'), purchases of stocks or companies."""
    before = r.masked[max(0, h.start - 20):h.start]
    after = r.masked[h.end:h.end + 40]
    if re.search(rf"(?<!\w)(?:{r.g.lex.alt('not_goods_before')})\s*$", before, re.I) if r.g.lex.has("not_goods_before") else False:
        return True
    return bool(r.g.lex.has("not_goods") and re.match(rf"\s+(?:{r.g.preps['of']})\s+(?:\S+\s+)?(?:{r.g.lex.alt('not_goods')})(?!\w)",
                                                    after, re.I))


def read_flows(r: Reading) -> None:
    heads = _heads(r)
    r.heads = heads
    attached = _attach(r, heads)
    for i, h in enumerate(heads):
        items = attached.get(i)
        if not items:
            continue
        if "weak" in h.row.flags and _weak_context(r, h):
            continue
        levels = _classify(r, h, items)
        if not levels:
            continue
        if h.partners:  # "exports to A and B were X and Y, respectively"
            _respectively(r, h, levels)
            continue
        parties = _parties(r, h, [a for a, _ in levels])
        if parties is None:
            continue
        rep, par = parties
        sign = -1.0 if h.flow == "deficit" else 1.0
        for a, cls in levels:
            unit = r.unit(a, rep.country, par.country)
            if unit is None:
                continue
            conf = 0.8 if not h.verb else 0.75
            r.add(_INDICATOR[h.flow], rep, par, sign * a.value, unit, (a.num_start, a.num_end), conf, a,
                  _product(r, h, a), _class=cls)
    _anaphor(r)


def _respectively(r: Reading, h: Head, levels: list[tuple[Amount, str]]) -> None:
    g = r.g
    tail = r.masked[levels[-1][0].end:levels[-1][0].end + 40]
    if g.respectively is None or not g.respectively.search(tail) or len(levels) != len(h.partners):
        return  # combined partners: their sum is no pair's figure
    rep = r.party(h.owner) if h.owner is not None else None
    if rep is None and h.owner_pron is not None:
        rep = r.pronoun(h.owner_pron[0], h.owner_pron[1])
    if rep is None:
        c = resolve_reporter(None, _in_sentence(r, h.start), r.ctx, {s.country for s in h.partners if s.country})
        rep = Party(c, c, True) if c else None
    if rep is None:
        return
    sign = -1.0 if h.flow == "deficit" else 1.0
    for (a, cls), s in zip(levels, h.partners, strict=True):
        par = r.party(s, {rep.country})
        unit = r.unit(a, rep.country, par.country) if par else None
        if par and unit:
            r.add(_INDICATOR[h.flow], rep, par, sign * a.value, unit, (a.num_start, a.num_end), 0.75, a, _class=cls)


def _anaphor(r: Reading) -> None:
    """'It was $80.51 billion in 2020-21.': the figure of the sentence before, at another time."""
    g = r.g
    if g.anaphor is None or r.slots:
        return
    m = g.anaphor.match(r.masked)
    if not m:
        return
    a = r.amount_at(m.start("money"))
    prev = [f for f in r.ctx.recent_figures(1) if f["unit"] not in ("rank", "percent")]
    if a is None or not prev:
        return
    f = prev[-1]
    sign = -1.0 if f["value"] < 0 else 1.0
    unit = r.unit(a, f["source"], f["target"])
    if unit:
        r.add(f["indicator"], Party(f["source"], f["source_text"], True), Party(f["target"], f["target_text"], True),
              sign * a.value, unit, (a.num_start, a.num_end), 0.7, a, _class="level")
