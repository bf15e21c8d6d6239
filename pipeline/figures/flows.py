"""Trade values and balances: a trade noun or verb (a head), the countries around it (its roles),
and the amounts that state its level.

"India's exports to China fell from $28.1 billion to $17.48 billion": the head `exports`, owner
India, partner China; two amounts, an earlier value and the level. A role the sentence leaves out
comes from the figures just read or the article's reporter (pipeline/figures/resolving.py). What is
not a level is dropped: changes ("by 2.1 per cent"), thresholds ("crossed the Sh100 billion mark"),
targets ("aim to raise trade to $2 billion")."""
from __future__ import annotations

import re

from pipeline.figures.grammar import MASKED, MASKED_CHARS, MONEY
from pipeline.figures.numbers import Amount
from pipeline.figures.products import product_of
from pipeline.figures.reading import Party, Reading
from pipeline.figures.resolving import resolve_reporter
from pipeline.figures.roles import VERBISH, Head, function_words, read_heads, slot_ids

_INDICATOR = {"export": "export_value", "import": "import_value", "trade": "trade_value",
              "surplus": "trade_balance", "deficit": "trade_balance"}
_WORDS = re.compile(rf"(?:\s*(?:{MONEY}|[^\s,;:()\[\]{MASKED}]+)){{0,4}}\s*$")


# --- amounts ---------------------------------------------------------------------------------

def _breaks_between(r: Reading, lo: int, hi: int, h: Head) -> bool:
    text = r.masked[lo:hi]
    if r.g.break_rx is not None and r.g.break_rx.search(text):
        return True
    other = slot_ids(text) - h.roles - r.apposed
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


def _modifiers(r: Reading, h: Head) -> str:
    """The words right before the head that can name a product ("Kenya's maize imports"): after the
    last amount or article, and no verbs ("Japan racked up a ... surplus" names none)."""
    words = re.split(r"\s+", h.mods.strip()) if h.mods.strip() else []
    art = function_words(r.g)
    for i in range(len(words) - 1, -1, -1):
        if MASKED_CHARS.search(words[i]) or art.fullmatch(words[i]):
            words = words[i + 1:]
            break
    if any(VERBISH.fullmatch(w) for w in words):
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
    heads = read_heads(r)
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
