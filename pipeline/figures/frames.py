"""Partner ranks and trade shares: the language's templates run over a masked sentence.

A rank is P's place among R's partners ("China is South Korea's largest trading partner"); a share
is P's part of R's trade ("China accounts for about 20% of South Korea's overall trade"). Ranks
negated ("no longer its largest"), within a region or group ("largest ... in South Asia") or of
combined partners give no record; see docs/dates-figures.md."""
from __future__ import annotations

import re

from pipeline.figures.grammar import MASKED, SLOT, Template
from pipeline.figures.products import product_of
from pipeline.figures.reading import ListHead, Party, Reading

_SHARE_OF_FLOW = {"export": "export_share", "import": "import_share", "trade": "trade_share"}
_VALUE_OF_RANK = {"trade_partner_rank": "trade_value", "export_partner_rank": "export_value",
                  "import_partner_rank": "import_value"}
_SHARE_OF_RANK = {"trade_partner_rank": "trade_share", "export_partner_rank": "export_share",
                  "import_partner_rank": "import_share"}
_PREP_OF_FLOW = {"export": {"to", "into"}, "import": {"from"}, "trade": {"with"}}


def _templates(r: Reading, kind: str) -> list[Template]:
    return [t for t in r.g.templates if t.kind == kind]


def _rank_of(r: Reading, m: re.Match) -> int:
    ord_text = m.groupdict().get("ord")
    if ord_text:
        row = r.g.lex.lookup("rank_ord", re.sub(r"\s+", " ", ord_text.lower()))
        return int(row.value) if row else 1
    return 1


def _indicator(r: Reading, m: re.Match) -> str:
    kind = m.groupdict().get("kind")
    row = r.g.lex.lookup("rank_kind", re.sub(r"\s+", " ", kind.lower())) if kind else None
    return row.value if row else "trade_partner_rank"


def _clause(r: Reading, start: int, end: int) -> str:
    """The clause around a span: from the last break before it to the first after it."""
    lo, hi = 0, len(r.masked)
    if r.g.break_rx is not None:
        for b in r.g.break_rx.finditer(r.masked):
            if b.end() <= start:
                lo = b.end()
            elif b.start() >= end:
                hi = b.start()
                break
    return r.masked[lo:hi]


def _regional(r: Reading, m: re.Match) -> bool:
    """A rank or share within a region or group: "in South Asia", "among its neighbours", "in the EAC"."""
    g = r.g
    after = re.match(rf"\s+(?:{g.preps['in']})\s+{g.article}(?!{SLOT})(?:(?:{g.lex.alt('group')})(?!\w)|(?-i:[A-Z]))",
                     r.masked[m.end():], re.I)
    if after:
        return True
    # "India's trade with its South Asian neighbours ... Bangladesh has emerged as its largest partner":
    # the clause sets a group as the field of the ranking.
    scope = rf"(?:{g.preps['in']}|{g.preps['with']}|{g.preps['of']}|{g.lex.alt('pronoun', 'poss')})(?:\s+[^\s{MASKED}]+){{0,3}}?\s+(?:{g.lex.alt('group')})(?!\w)"
    return bool(re.search(scope, _clause(r, m.start(), m.end()), re.I))


def _combined(r: Reading, start: int, end: int, own: str | None = None) -> bool:
    """P is one of several listed together ("Bangladesh, Nepal and Sri Lanka"): their sum, not P's.
    `own` is the match's reporter slot, which may follow P in an apposition ("China, Australia's ...")."""
    g = r.g
    before = re.search(rf"{SLOT}\s*(?:,|(?:{g.and_})(?!\w))\s*{g.article}$", r.masked[max(0, start - 40):start], re.I)
    after = re.match(rf"\s*(?:,\s*{g.article}(?P<s>{SLOT})|(?:{g.and_})\s+{g.article}(?P<t>{SLOT}))", r.masked[end:], re.I)
    if after and after["s"] and own and after["s"][0] == own[0]:
        after = None
    return bool(before or after)


def _parties(r: Reading, m: re.Match) -> tuple[Party | None, Party | None]:
    """Reporter and partner of a template match: mentions first, then descriptions and pronouns."""
    rs, ps = r.slot(m, "R"), r.slot(m, "P")
    rep = r.party(rs) if rs and rs.country else None
    par = r.party(ps) if ps and ps.country else None
    if par is None and ps is not None:
        par = r.party(ps, {rep.country} if rep else set())
    if par is None and m.groupdict().get("Ppron"):
        par = r.pronoun(m.start("Ppron"), m["Ppron"], {rep.country} if rep else set())
    if rep is None and rs is not None:
        rep = r.party(rs, {par.country} if par else set())
    if rep is None and m.groupdict().get("Rpron"):
        rep = r.pronoun(m.start("Rpron"), m["Rpron"], {par.country} if par else set())
    return rep, par


def _attached(r: Reading, pos: int, rep: Party, par: Party, indicator: str, regional: bool) -> None:
    """What follows a rank in the same clause: P's share ("con 15.3 por ciento"), or the value of the
    relation ("..., with the latter recording Sh116 billion")."""
    if not regional:
        for t in _templates(r, "share_attached"):
            m = t.rx.match(r.masked, pos)
            if m:
                a = r.amount_at(m.start("pct"))
                if a is not None:
                    # "taking 28 pct of Dutch exports": the flow the share is of, when it is named
                    of = re.match(rf"\s+(?:{r.g.preps['of']})\s+(?:\S+\s+){{0,2}}?(?P<what>{r.g.head_nouns})(?!\w)",
                                  r.masked[m.end():], re.I)
                    flow = r.g.noun_flow(re.sub(r"\s+", " ", of["what"])) if of else None
                    ind = _SHARE_OF_FLOW.get(flow or "", _SHARE_OF_RANK[indicator])
                    r.add(ind, rep, par, a.value, "percent", (a.num_start, a.num_end), 0.8, a)
                return
    for t in _templates(r, "value_attached"):
        m = t.rx.match(r.masked, pos)
        if m:
            a = r.amount_at(m.start("money"))
            flow = None
            if r.g.head_rx is not None:
                h = r.g.head_rx.search(r.masked, pos, m.start("money"))
                flow = r.g.head_row(h).value if h else None
            ind = {"export": "export_value", "import": "import_value", "trade": "trade_value"}.get(flow or "", _VALUE_OF_RANK[indicator])
            unit = r.unit(a, rep.country, par.country) if a else None
            if a is not None and unit:
                r.add(ind, rep, par, a.value, unit, (a.num_start, a.num_end), 0.75, a)
            return


def read_ranks(r: Reading) -> None:
    for t in _templates(r, "rank"):
        for m in t.rx.finditer(r.masked):
            rep, par = _parties(r, m)
            if rep is None:
                continue
            rank, indicator = _rank_of(r, m), _indicator(r, m)
            regional = _regional(r, m)
            negated = bool(m.groupdict().get("neg"))
            r.lists.append(ListHead(rep.country, rep.text, rank, indicator, m.end(), regional or negated))
            if par is None:
                continue  # "The EU ranked second among China's trading partners": a ranking, no pair
            if m.groupdict().get("P") and _combined(r, m.start("P"), m.end("P"), m.groupdict().get("R")):
                continue
            if negated:
                continue  # "no longer its largest": not emitted (docs/dates-figures.md)
            if m.groupdict().get("R") and m.groupdict().get("P") and m.start("R") > m.end("P"):
                r.apposed.add(ord(m["R"][0]) - 0xE000)
            if not regional:
                rec = r.add(indicator, rep, par, float(rank), "rank", m.span("rank"), 0.9 if rank == 1 else 0.85)
                if rec is not None:
                    mid = m.groupdict().get("prodmid")
                    rec["product"] = (product_of(r.g, mid) if mid else None) or _product_after(r, m.end()) or (
                        product_of(r.g, m.groupdict().get("mods")) if m.groupdict().get("mods") else None)
            _attached(r, m.end(), rep, par, indicator, regional)
    if not r.lists and not any(f["unit"] == "rank" for f in r.ctx.recent_figures(1)):
        return  # no ranking being read: no "followed by", "en segundo lugar"
    for t in _templates(r, "rank_next"):
        for m in t.rx.finditer(r.masked):
            head = next((h for h in reversed(r.lists) if h.end <= m.start()), None)
            if head is None:
                prev = [f for f in r.ctx.recent_figures(1) if f["indicator"].endswith("_rank") and f["unit"] == "rank"]
                if not prev:
                    continue
                f = prev[-1]
                head = ListHead(f["source"], f["source_text"], int(f["value"]), f["indicator"], 0, False)
            if head.regional:
                continue
            par = r.party(r.slot(m, "P"), {head.reporter})
            if par is None or _combined(r, m.start("P"), m.end("P")):
                continue
            rank = _rank_of(r, m) if m.groupdict().get("ord") else head.rank + 1
            rep = Party(head.reporter, head.reporter_text)
            r.add(head.indicator, rep, par, float(rank), "rank", m.span("P"), 0.8)
            r.lists.append(ListHead(head.reporter, head.reporter_text, rank, head.indicator, m.end(), False))
            _attached(r, m.end(), rep, par, head.indicator, False)
    for t in _templates(r, "rank_more") if any(f["unit"] == "rank" for f in r.found) else ():
        for m in t.rx.finditer(r.masked):
            prev = [f for f in r.found if f["unit"] == "rank" and f["anchor"][1] <= m.start()]
            if not prev:
                continue
            f = prev[-1]
            r.add(_indicator(r, m), Party(f["source"], f["source_text"]), Party(f["target"], f["target_text"]),
                  float(_rank_of(r, m)), "rank", m.span("rank"), 0.8)


def read_shares(r: Reading) -> None:
    g = r.g
    for t in _templates(r, "share"):
        for m in t.rx.finditer(r.masked):
            a = r.amount_at(m.start("pct"))
            flow = g.noun_flow(re.sub(r"\s+", " ", m["what"])) if m.groupdict().get("what") else None
            if a is None or flow is None:
                continue
            if g.target_rx is not None and g.target_rx.search(m[0]):
                continue  # "U.S. imports will account for 35 pct": a forecast
            prep = m.groupdict().get("prep")
            if prep:
                row = g.lex.lookup("prep", prep.lower())
                if row is None or row.value not in _PREP_OF_FLOW[flow]:
                    continue  # "20% of Japan's exports come from ..." is no share of P
            # "20% du commerce total de la Chine avec le continent": a share of trade with a region
            if re.match(rf"\s+(?:(?:{g.preps['with']})\s+{g.article}(?!{SLOT})\S|(?:{g.preps['in']})\s+{g.article}(?:{g.lex.alt('group')})(?!\w))",
                        r.masked[m.end():], re.I):
                continue
            if m.groupdict().get("P") and _combined(r, m.start("P"), m.end("P")):
                continue
            rep, par = _parties(r, m)
            if rep is None or par is None:
                continue
            r.add(_SHARE_OF_FLOW[flow], rep, par, a.value, "percent", (a.num_start, a.num_end), 0.8, a,
                  product_of(g, m.groupdict().get("mods")))


def _product_after(r: Reading, end: int) -> str | None:
    """'the largest buyer of U.S. farm products': a rank for one product, not for all trade."""
    if r.g.lex.lang != "en" or not r.g.lex.has("product"):
        return None
    m = re.match(rf"\s*(?P<prod>{r.g.lex.alt('product')})(?!\w)", r.masked[end:], re.I)
    if not m:
        return None
    return product_of(r.g, m["prod"])
