"""Numbers about a country pair in one sentence: trade shares, partner ranks, trade values and balances.

Pure: a sentence and its country mentions in, partial figure records out (docs/dates-figures.md)."""
from __future__ import annotations

import re
from datetime import date, timedelta

from pipeline import dates
from pipeline.schema import Mention

__all__ = ["find_figures", "parse_money"]

# --------------------------------------------------------------------------------------------
# Masking. Each country mention is replaced by a same-length run of private-use characters, so
# the templates below can say "a country here" without knowing how it was named, and every
# offset in the masked sentence is an offset in the real one.
_SLOT0 = 0xE000   # first char of a mention: U+E000 + its index
_FILL = "\ue100"  # the rest of the mention
_SLOT_CHARS = "\ue000-\ue0ff\ue100"
_MAX_MENTIONS = 256
_PRIVATE_USE = re.compile("[\ue000-\ue100]")


def _mask(sentence: str, mentions: list[Mention]) -> tuple[str, list[Mention]]:
    kept: list[Mention] = []
    end = -1
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if m.start >= end and m.end > m.start and m.end <= len(sentence) and len(kept) < _MAX_MENTIONS:
            kept.append(m)
            end = m.end
    # Private-use characters already in the text would read as slots: blank them first.
    chars = list(_PRIVATE_USE.sub(" ", sentence))
    for i, m in enumerate(kept):
        chars[m.start] = chr(_SLOT0 + i)
        for j in range(m.start + 1, m.end):
            chars[j] = _FILL
    return "".join(chars), kept


def _slot(name: str, possessive: bool | None = None) -> str:
    """A country slot: optional "the", the mention, and a possessive ('s) required/optional/absent."""
    poss = r"(?:['’]s?)"
    tail = {True: poss, None: poss + "?", False: r"(?!['’])"}[possessive]
    return rf"(?:\bthe\s+)?(?P<{name}>[\ue000-\ue0ff]){_FILL}*{tail}"


# Text between two parts of a template: no sentence break and no other country.
def _gap(n: int) -> str:
    return rf"[^.;{_SLOT_CHARS}]{{0,{n}}}?"


# --------------------------------------------------------------------------------------------
# Numbers
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_QUALIFIERS = {
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "estimated": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "more than": "more_than", "over": "more_than", "above": "more_than", "just over": "more_than",
    "upwards of": "more_than",
    "less than": "less_than", "under": "less_than", "below": "less_than", "fewer than": "less_than",
    "at least": "at_least", "up to": "up_to",
}
_Q = r"(?:(?P<q>" + "|".join(sorted((k.replace(" ", r"\s+") for k in _QUALIFIERS), key=len, reverse=True)) + r")\s+)?"
_PCT = rf"(?P<num>{_NUM})\s*(?:%|pct\b|percent\b|per\s*cent\b)"

_SCALES = {"thousand": 1e3, "mln": 1e6, "million": 1e6, "m": 1e6, "mn": 1e6,
           "bln": 1e9, "billion": 1e9, "bn": 1e9, "b": 1e9,
           "trillion": 1e12, "trln": 1e12, "tn": 1e12}
_SCALE_NAME = {1e3: "thousand", 1e6: "million", 1e9: "billion", 1e12: "trillion"}
_SYMBOLS = {"us$": "USD", "u.s.$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW",
            "rmb": "CNY", "hk$": "HKD", "c$": "CAD", "a$": "AUD", "s$": "SGD", "nt$": "TWD"}
# Currency words after the number. Bare "dollars"/"dlrs" are U.S. dollars unless a nationality
# precedes them; crowns and pesos are the reporter's own currency (LOCAL), or nothing.
_CURRENCY_WORDS = [
    (r"(?:u\.s\.|us|american)\s+(?:dollars?|dlrs?)", "USD"),
    (r"canadian\s+(?:dollars?|dlrs?)", "CAD"), (r"australian\s+(?:dollars?|dlrs?)", "AUD"),
    (r"hong\s+kong\s+(?:dollars?|dlrs?)", "HKD"), (r"taiwan(?:ese)?\s+(?:dollars?|dlrs?)", "TWD"),
    (r"singapore\s+(?:dollars?|dlrs?)", "SGD"), (r"new\s+zealand\s+(?:dollars?|dlrs?)", "NZD"),
    (r"swiss\s+francs?", "CHF"), (r"french\s+francs?", "FRF"), (r"belgian\s+francs?", "BEF"),
    (r"(?:west\s+german\s+|german\s+|d-)?marks?", "DEM"), (r"dollars?|dlrs?", "USD"),
    (r"yen", "JPY"), (r"won", "KRW"), (r"yuan|renminbi", "CNY"), (r"euros?", "EUR"),
    (r"pounds?\s+sterling|sterling|stg|pounds?", "GBP"), (r"francs?", "FRF"), (r"lire|lira", "ITL"),
    (r"guilders?", "NLG"), (r"rupees?", "INR"), (r"roubles?|rubles?", "RUB"), (r"ringgit", "MYR"),
    (r"baht", "THB"), (r"rand", "ZAR"), (r"riyals?", "SAR"), (r"dirhams?", "AED"), (r"reais|real", "BRL"),
    (r"crowns?|kroner|kronor|krona|krone|pesos?", "LOCAL"),
]
_LOCAL_CURRENCY = {"NOR": "NOK", "SWE": "SEK", "DNK": "DKK", "ISL": "ISK", "CZE": "CZK", "SVK": "SKK",
                   "MEX": "MXN", "PHL": "PHP", "ARG": "ARS", "CHL": "CLP", "COL": "COP", "URY": "UYU",
                   "CUB": "CUP", "DOM": "DOP", "BOL": "BOB"}
_CUR_WORD_RX = [(re.compile(p + r"$", re.I), code) for p, code in _CURRENCY_WORDS]
_SCALE_RX = r"(?P<scale>thousand|mln|million|mn|bln|billion|bn|trillion|trln|tn|m\b|b\b)"
_MONEY = (
    r"(?:(?P<sym>us\$|u\.s\.\s?\$|hk\$|c\$|a\$|s\$|nt\$|\$|€|£|¥|₩|rmb\s?)\s?"
    rf"(?P<num>{_NUM})(?:\s*-?\s*{_SCALE_RX})?"
    rf"|(?P<num2>{_NUM})(?:\s*-?\s*(?P<scale2>thousand|mln|million|mn|bln|billion|bn|trillion|trln|tn))?\s+"
    rf"(?P<cur>{'|'.join(p for p, _ in _CURRENCY_WORDS)})\b)"
)
_MONEY_RX = re.compile(rf"(?<![\w$.]){_Q}{_MONEY}", re.I)
# "from 417 mln dlrs to 2.3 billion": an amount without a currency borrows the one just before it.
_BARE_RX = re.compile(rf"(?<![\w$.]){_Q}(?P<num2>{_NUM})\s*-?\s*(?P<scale2>mln|million|mn|bln|billion|bn|"
                      r"trillion|trln|tn)\b", re.I)


def _qualifier(word: str | None) -> str | None:
    return _QUALIFIERS.get(re.sub(r"\s+", " ", word.lower())) if word else None


def _to_float(num: str) -> float:
    return float(num.replace(",", ""))


def parse_money(m: re.Match) -> tuple[float, str, str | None] | None:
    """A money match -> (value with its scale applied, currency code, scale word); None if unclear."""
    if m["sym"] is not None:
        code = _SYMBOLS.get(re.sub(r"\s+", "", m["sym"].lower()))
        num, scale = m["num"], m["scale"]
    else:
        code = next((c for rx, c in _CUR_WORD_RX if rx.match(re.sub(r"\s+", " ", m["cur"]))), None)
        num, scale = m["num2"], m["scale2"]
    if code is None:
        return None
    factor = _SCALES.get(scale.lower(), 1.0) if scale else 1.0
    return _to_float(num) * factor, code, _SCALE_NAME.get(factor)


# --------------------------------------------------------------------------------------------
# Vocabulary of the templates
_TRADE_NOUN = (r"(?P<what>exports\s+and\s+imports|imports\s+and\s+exports|foreign\s+trade|external\s+trade|"
               r"trade|exports|export\s+sales|shipments|sales|imports|purchases)")
_MODS = r"(?:(?!(?:to|from|with|of|and|in)\b)[a-z0-9-]+\s+){0,3}?"
_PMODS = rf"(?P<mods>{_MODS})"  # the same, kept: "computer products exports" names a product
_ACCOUNT_VERB = (r"(?:accounts?|accounted|accounting|makes?\s+up|made\s+up|making\s+up|represents?|represented|"
                 r"representing|constitutes?|constituted|constituting|comprises?|comprised|takes?|took|taking|"
                 r"absorbs?|absorbed|absorbing|receives?|received|receiving|buys?|bought|buying|supplies|"
                 r"supplied|supplying|provides?|provided|providing|gets?|got)")
_RANK = (r"(?P<rank>(?:(?P<ord>second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|2nd|3rd|4th|5th)"
         r"(?:[\s-]+(?:largest|biggest))?|largest|biggest|top|no\.\s?1|number[\s-]+one))")
_KIND = (r"(?P<kind>trading\s+partner|trade\s+partner|commercial\s+partner|export\s+market|export\s+destination|"
         r"overseas\s+market|foreign\s+market|market|customer|buyer|supplier|source\s+of\s+imports|"
         r"import\s+source|source\s+of\s+(?:its\s+)?imports)(?![\w-])")
_COPULA = (r"(?:\s*,\s*(?:which|that)\s+|\s+)(?:is|was|remains|remained|has\s+been|had\s+been|became|"
           r"has\s+become|have\s+become|will\s+be|would\s+be|becomes|overtook\s+\S+\s+as|replaced\s+\S+\s+as|"
           r"to\s+be)\s+(?:now\s+|also\s+|still\s+|already\s+|again\s+|once\s+again\s+)?")
_REGION_AFTER = re.compile(r"\s+(?:in|among|outside|within)\s+(?:the\s+)?(?:[A-Z]|region\b|developing\b)")
_ORD = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}


def _flow(what: str) -> str:
    w = what.lower()
    if "exports" in w and "imports" in w or "trade" in w:
        return "trade"
    return "import" if w.startswith(("imports", "purchases")) else "export"


def _kind_indicator(kind: str) -> str:
    k = kind.lower()
    if "partner" in k:
        return "trade_partner_rank"
    if "supplier" in k or "import" in k:
        return "import_partner_rank"
    return "export_partner_rank"  # the partner is the market / customer / buyer of R's goods


def _rank_value(m: re.Match) -> int:
    return _ORD[m["ord"].lower()] if m["ord"] else 1


# --------------------------------------------------------------------------------------------
# Templates: (compiled pattern over the masked, lower-case-insensitive sentence, builder, confidence).
# A builder turns a match into (indicator, reporter group, partner group, value info) or None.

_F = re.I


def _share_of(m: re.Match) -> str:
    return _flow(m["what"]) + "_share"


_SHARE_TEMPLATES = [
    # China, which accounts for about 20% of South Korea's overall trade
    (re.compile(rf"{_slot('P', None)}{_gap(60)}\b{_ACCOUNT_VERB}\s+(?:for\s+)?{_Q}{_PCT}\s+of\s+"
                rf"{_slot('R', None)}\s+{_PMODS}{_TRADE_NOUN}\b", _F), 0.85),
    # 20 pct of Japan's exports go to the United States / 25% of its trade is with China. A verb must
    # come first: "80 pct of Finnish imports from the Soviet Union" is a share OF those imports.
    (re.compile(rf"{_Q}{_PCT}\s+of\s+{_slot('R', None)}\s+{_PMODS}{_TRADE_NOUN}\s+(?!(?:to|from|with)\b)"
                rf"{_gap(40)}\b(?P<prep>to|from|with)\s+{_slot('P', None)}", _F), 0.8),
    # Japan's exports to the U.S. accounted for 38 pct of its total exports
    (re.compile(rf"{_slot('R', None)}\s+{_PMODS}{_TRADE_NOUN}\s+(?P<prep>to|from|with)\s+{_slot('P', None)}"
                rf"{_gap(40)}\b{_ACCOUNT_VERB}\s+(?:for\s+)?{_Q}{_PCT}\s+of\b", _F), 0.8),
    # Japan sends 38 pct of its exports to the U.S.
    (re.compile(rf"{_slot('R', False)}{_gap(40)}\b(?:sends?|sent|sells?|sold|ships?|shipped|exports?|exported|"
                rf"buys?|bought|imports?|imported|gets?|got|sources?|sourced|does|did)\s+{_Q}{_PCT}\s+of\s+"
                rf"(?:its|their)\s+{_PMODS}{_TRADE_NOUN}\s+(?P<prep>to|from|with)\s+{_slot('P', None)}", _F), 0.75),
]
_PREP_OF_FLOW = {"export": "to", "import": "from", "trade": "with"}

_RANK_TEMPLATES = [
    # China is South Korea's largest trading partner / China, South Korea's top export market,
    (re.compile(rf"{_slot('P', None)}(?:{_COPULA}|\s*,\s*){_slot('R', True)}\s+(?:single\s+)?{_RANK}"
                rf"\s+(?:single\s+)?{_KIND}", _F), 0.9),
    # South Korea's largest trading partner, China / ... is China
    (re.compile(rf"{_slot('R', True)}\s+(?:single\s+)?{_RANK}\s+(?:single\s+)?{_KIND}(?:{_COPULA}|\s*,\s*)"
                rf"{_slot('P', None)}", _F), 0.85),
    # China is the largest trading partner of South Korea / the biggest market for Japan's cars
    (re.compile(rf"{_slot('P', None)}{_COPULA}(?:the\s+|its\s+)?(?:single\s+)?{_RANK}\s+(?:single\s+)?{_KIND}"
                rf"\s+(?:of|for)\s+{_slot('R', None)}", _F), 0.85),
]

# Values: the number sits in the tail after the pair; _level_money picks it.
# The tail stops at the next country, unless that "country" is the currency ("13.6 billion U.S. dlrs").
_TAIL = r"(?P<tail>(?:[^;\ue000-\ue0ff\ue100]|[\ue000-\ue0ff]\ue100*(?=\s*(?:dlrs?|dollars?)\b)){0,90})"
_VALUE_TEMPLATES = [
    # Japan's exports to the United States rose to $120 billion
    (re.compile(rf"{_slot('R', None)}\s+{_PMODS}(?P<what>exports|imports|shipments|sales|purchases)\s+"
                rf"(?:of\s+(?P<of>[^.;{_SLOT_CHARS}]{{1,30}}?)\s+)?(?P<prep>to|from)\s+{_slot('P', None)}{_TAIL}", _F),
     "flow", 0.8),
    # South Korea's trade with China reached ...
    (re.compile(rf"{_slot('R', None)}\s+(?:(?:two-way|bilateral|total|annual)\s+)?(?P<what>trade)\s+with\s+"
                rf"{_slot('P', None)}{_TAIL}", _F), "trade", 0.75),
    # trade between China and South Korea totalled ...
    (re.compile(rf"\b(?P<what>trade)\s+between\s+{_slot('R', None)}\s+and\s+{_slot('P', None)}{_TAIL}", _F),
     "trade", 0.75),
    # China-South Korea trade hit ...
    (re.compile(rf"{_slot('R', False)}\s*[-–/]\s*{_slot('P', False)}\s+(?:(?:two-way|bilateral|total|annual)\s+)?"
                rf"(?P<what>trade)\b(?!\s+(?:surplus|deficit|gap|imbalance|talks|dispute|war|friction|tensions?|"
                rf"relations|agreement|accord|pact|deal|issues?|row|policy|ties|negotiations|frictions|problems?))"
                rf"{_TAIL}", _F), "trade", 0.75),
]
_VERB_VALUE = re.compile(
    rf"{_slot('R', False)}\s+(?:[a-z]+\s+){{0,2}}?(?P<verb>exported|imported|sold|shipped|bought|purchased)\s+"
    rf"{_Q}(?P<money>{_MONEY})\s+(?:worth\s+)?(?:of\s+)?(?:(?P<of>[^.;{_SLOT_CHARS}]{{0,40}}?)\s+)?(?P<prep>to|from)\s+"
    rf"{_slot('P', None)}", _F)

_BALANCE_TEMPLATES = [
    # the U.S. trade deficit with Japan of 58.6 billion dlrs / Japan's surplus with the U.S. rose to ...
    (re.compile(rf"{_slot('R', None)}\s+(?P<mods>{_MODS})(?P<bal>surplus|deficit)\s+(?:in\s+(?:its\s+)?trade\s+)?"
                rf"with\s+{_slot('P', None)}{_TAIL}", _F), 0.85),
]
_BALANCE_VERB = (r"(?:had|has|have|ran|runs|posted|posts|recorded|records|registered|registers|reported|reports|"
                 r"showed|shows|chalked\s+up|racked\s+up|incurred)")
_BALANCE_BEFORE = [
    # the U.S. had a trade deficit of 58.6 billion dlrs with Japan
    re.compile(rf"{_slot('R', False)}{_gap(30)}\b{_BALANCE_VERB}\s+an?\s+(?:[a-z-]+\s+){{0,2}}?(?P<bal>surplus|deficit)"
               rf"\s+of\s+{_Q}(?P<money>{_MONEY})\s+(?:in\s+(?:its\s+)?trade\s+)?with\s+{_slot('P', None)}", _F),
    # Japan's 58.6 billion dlr trade surplus with the United States / South Korea's record 7.1 billion dlrs ...
    re.compile(rf"{_slot('R', True)}\s+(?:record\s+|[0-9]{{4}}\s+)?{_Q}(?P<money>{_MONEY})\s+"
               rf"(?:[a-z-]+\s+){{0,2}}?(?P<bal>surplus|deficit)\s+(?:in\s+(?:its\s+)?trade\s+)?with\s+"
               rf"{_slot('P', None)}", _F),
    # Japan had a 58.6 billion dlr trade surplus with the U.S.
    re.compile(rf"{_slot('R', False)}{_gap(30)}\b{_BALANCE_VERB}\s+an?\s+{_Q}(?P<money>{_MONEY})\s+"
               rf"(?:[a-z-]+\s+){{0,2}}?(?P<bal>surplus|deficit)\s+(?:in\s+(?:its\s+)?trade\s+)?with\s+"
               rf"{_slot('P', None)}", _F),
]
# In a tail, the clause ends at these: what follows is another measurement or a comparison.
# ", which rose to ..." still describes the figure just named, so it does not end the clause.
_TAIL_STOP = re.compile(r";|,\s*(?:which(?!\s+(?:rose|hit|reached|was|were|totall?ed|stood|amounted|climbed|fell|"
                        r"grew|widened|narrowed|jumped|dropped)\b)|while|but|and|against|compared|versus|from)\b|"
                        r"\b(?:while|whereas|compared|versus|vs|against|but|than)\b", re.I)
_CHANGE = re.compile(r"\b(?:rose|rise|rises|rising|fell|fall|falls|falling|increased|increase|increases|"
                     r"decreased|decrease|declined|decline|declines|dropped|drop|drops|climbed|climb|jumped|jump|"
                     r"grew|grow|grows|shrank|shrink|shrunk|narrowed|narrow|narrows|widened|widen|widens|"
                     r"surged|soared|plunged|slipped|eased|expanded|contracted|cut|up|down)\s*$", re.I)
_LEVEL_BEFORE = re.compile(r"(?:\bto|\bat|\bof|\bwas|\bwere|\bis|\bare|\bbe|\bbeen|\btotal(?:l?ed|l?ing)?|\breached|"
                           r"\breaching|\bhit|\bhitting|\bamounted\s+to|\bamounting\s+to|\bworth|\bvalued\s+at|"
                           r"\bstood\s+at|\bstanding\s+at|\bcame\s+to|\bcoming\s+to|\btopped|\bexceeded|\baround|"
                           r"\bestimated\s+at|\brecord|:|,|\()\s*$", re.I)


def _amounts(clause: str) -> list[tuple[re.Match, str | None]]:
    """Money amounts in order, each with the currency it borrows if it has none of its own."""
    full = [(m, None) for m in _MONEY_RX.finditer(clause)]
    spans = [m.span() for m, _ in full]
    bare = [(m, None) for m in _BARE_RX.finditer(clause)
            if not any(a <= m.start() < b for a, b in spans)]
    out, last_code = [], None
    for m, _ in sorted(full + bare, key=lambda x: x[0].start()):
        if m.re is _MONEY_RX:
            parsed = parse_money(m)
            last_code = parsed[1] if parsed else None
            out.append((m, None))
        elif last_code is not None:
            out.append((m, last_code))
    return out


def _level_money(tail: str) -> tuple[re.Match, str | None] | None:
    """The first money amount in a clause that states a level (not a change, not a past value)."""
    cut = _TAIL_STOP.search(tail)
    clause = tail[:cut.start()] if cut else tail
    for m, borrowed in _amounts(clause):
        before = clause[:m.start()].rstrip()
        if re.search(r"\b(?:by|from)\s*$", before, re.I):
            continue  # "rose by $5 billion" is a change; "from $100 billion" the old level
        if _LEVEL_BEFORE.search(before) or before == "":
            return m, borrowed
        if _CHANGE.search(before):
            continue  # "rose 1.5 billion dlrs to ..." : the change, the level comes after "to"
        return None
    return None


# What a figure is about, when it is not all goods: "computer products exports", "exports of cars".
_GENERIC = re.compile(r"^(?:total|overall|annual|yearly|monthly|bilateral|two-way|merchandise|foreign|external|"
                      r"global|world|combined|visible|trade|record|its|their|the|a|an|huge|big|large|growing|"
                      r"widening|mounting|massive|projected|estimated|expected|provisional|seasonally|adjusted|"
                      r"unadjusted|recent|latest|first|second|third|fourth|quarter|half|first-quarter|"
                      r"second-quarter|third-quarter|fourth-quarter|first-half|second-half|goods|exports|"
                      r"imports|products|merchandise|country's|nation's|\d{4}(?:/\d{2})?|\d{4}'s)$", re.I)
_PRODUCT_AFTER = re.compile(r"\s*(?P<prod>(?:[a-z-]+\s+){0,2}?(?:products|goods|grains?|wheat|corn|maize|soybeans|"
                            r"beef|meat|cars|autos|vehicles|textiles|steel|chips|semiconductors|oil|crude|coal|"
                            r"rice|sugar|coffee|machinery|electronics|equipment|manufactures|arms|weapons|"
                            r"commodities|produce)\b)", re.I)
_PRODUCT_IN = re.compile(r"\bin\s+(?P<prod>(?:[a-z-]+\s+){0,2}?(?:products|goods|"
                         r"manufactures|items|sectors?|commodities))\b", re.I)


def _product(*phrases: str | None) -> str | None:
    """The product a figure is limited to, or None when the words only say "all trade"."""
    words = [w for ph in phrases if ph for w in ph.split()]
    if all(_GENERIC.match(w) for w in words):
        return None
    while _GENERIC.match(words[0]) and words[0].lower() not in ("these", "those", "such"):
        words.pop(0)  # "total farm exports" -> "farm exports"; the head noun stays
    return " ".join(words).lower()


# --------------------------------------------------------------------------------------------
# Period of a figure: the year (or season, half, quarter) the sentence gives, nearest the number.

def _period_text(span: dates.DateSpan) -> str:
    s, e = span.date_start, span.date_end
    if s and e:
        ys, ye = int(s[:4]), int(e[:4])
        whole_years = s[5:] == "01-01" and e[5:] == "12-31"
        if whole_years and ys == ye:
            return str(ys)
        if ye == ys + 1 and (whole_years or (s[5:], e[5:]) == ("04-01", "03-31")):  # "1986/87", "2022-23"
            return f"{ys}/{str(ye)[2:]}"
        if whole_years and span.precision == "decade":
            return f"{ys}s"
        if whole_years:
            return f"{ys}-{ye}"
        if s[:7] == e[:7]:
            return s[:7]
    return " ".join(span.text.split())


def _is_month_end(iso: str) -> bool:
    d = date.fromisoformat(iso)
    return (d + timedelta(days=1)).day == 1


def _period(sentence: str, anchor: tuple[int, int], published: date | None) -> str | None:
    # Only calendar periods (years, seasons, halves, quarters, months): "the past two years" is a window.
    spans = [s for s in dates.find_dates(sentence, published)
             if s.precision in ("year", "decade", "month", "quarter", "season") and s.date_start and s.date_end
             and s.date_start.endswith("-01") and _is_month_end(s.date_end)]
    # A date after the number but past a comparison ("up from 10.2 billion in 1985") is the old period.
    spans = [s for s in spans if s.end <= anchor[0]
             or (s.start >= anchor[1] and not _TAIL_STOP.search(sentence, anchor[1], s.start)
                 and not re.search(r"\bfrom\b", sentence[anchor[1]:s.start], re.I))]
    if not spans:
        return None
    best = min(spans, key=lambda s: min(abs(s.start - anchor[1]), abs(anchor[0] - s.end)))
    return _period_text(best)


# --------------------------------------------------------------------------------------------

def _record(indicator: str, rep: Mention, par: Mention, value: float, unit: str, anchor: tuple[int, int],
            confidence: float, qualifier: str | None = None, scale: str | None = None) -> dict:
    return {"kind": "figure", "source": rep.country, "target": par.country,
            "source_text": rep.text, "target_text": par.text, "indicator": indicator,
            "value": value, "unit": unit, "scale": scale, "approximate": qualifier is not None,
            "qualifier": qualifier, "product": None, "anchor": anchor, "confidence": confidence}


def find_figures(sentence: str, mentions: list[Mention], published: date | None = None) -> list[dict]:
    """Trade figures between two countries named in `sentence` (mentions: offsets within it).

    Each is a partial record: kind, source (reporter), target (partner), indicator, value, unit,
    scale, approximate, qualifier, period, anchor (the number's span) and confidence."""
    if len({m.country for m in mentions}) < 2 or not re.search(r"\d|largest|biggest|top|number", sentence, re.I):
        return []
    masked, kept = _mask(sentence, mentions)

    def who(m: re.Match, group: str) -> Mention:
        return kept[ord(m[group]) - _SLOT0]

    out: list[dict] = []
    seen: set[tuple] = set()

    def add(rec: dict | None) -> None:
        if rec is None or rec["source"] == rec["target"]:
            return  # a country never pairs with itself
        key = (rec["anchor"], rec["indicator"])
        if key in seen:
            return
        seen.add(key)
        rec["period"] = _period(sentence, rec["anchor"], published) if rec["unit"] != "rank" else None
        out.append(rec)

    for rx, conf in _SHARE_TEMPLATES:
        for m in rx.finditer(masked):
            prep = m.groupdict().get("prep")
            if prep and prep.lower() != _PREP_OF_FLOW[_flow(m["what"])]:
                continue  # "20% of Japan's exports come from ..." does not parse as a share
            rec = _record(_share_of(m), who(m, "R"), who(m, "P"), _to_float(m["num"]), "percent",
                          m.span("num"), conf, _qualifier(m["q"]))
            rec["product"] = _product(m["mods"])
            add(rec)

    for rx, conf in _RANK_TEMPLATES:
        for m in rx.finditer(masked):
            if _REGION_AFTER.match(sentence, m.end()):
                continue  # "largest export market in the Middle East" ranks within a region only
            rec = _record(_kind_indicator(m["kind"]), who(m, "R"), who(m, "P"), float(_rank_value(m)), "rank",
                          m.span("rank"), conf)
            # "the largest buyer of U.S. farm products": a rank for one product, not for all trade
            prod = _PRODUCT_AFTER.match(sentence, m.end())
            rec["product"] = _product(prod["prod"]) if prod else None
            add(rec)

    for rx, what, conf in _VALUE_TEMPLATES:
        for m in rx.finditer(masked):
            flow = _flow(m["what"]) if what == "flow" else "trade"
            if what == "flow" and m["prep"].lower() != _PREP_OF_FLOW[flow]:
                continue
            groups = m.groupdict()
            add(_from_tail(m, sentence, flow + "_value", who(m, "R"), who(m, "P"), conf, 1.0,
                           _product(groups.get("mods"), groups.get("of"))))

    for m in _VERB_VALUE.finditer(masked):
        flow = "export" if m["verb"].lower() in ("exported", "sold", "shipped") else "import"
        if m["prep"].lower() != _PREP_OF_FLOW[flow]:
            continue
        add(_from_money(m, sentence, flow + "_value", who(m, "R"), who(m, "P"), 0.75, 1.0, _product(m["of"])))

    for rx, conf in _BALANCE_TEMPLATES:
        for m in rx.finditer(masked):
            if re.search(r"\b(?:account|budget|fiscal|payments)\b", m["mods"], re.I):
                continue  # a current-account or budget balance is not a trade balance
            sign = -1.0 if m["bal"].lower() == "deficit" else 1.0
            add(_from_tail(m, sentence, "trade_balance", who(m, "R"), who(m, "P"), conf, sign))
    for rx in _BALANCE_BEFORE:
        for m in rx.finditer(masked):
            sign = -1.0 if m["bal"].lower() == "deficit" else 1.0
            add(_from_money(m, sentence, "trade_balance", who(m, "R"), who(m, "P"), 0.8, sign))

    out.sort(key=lambda r: r["anchor"])
    return out


def _product_in(text: str) -> str | None:
    """'in these products' in the figure's own clause limits it to a product."""
    cut = _TAIL_STOP.search(text)
    found = _PRODUCT_IN.search(text[:cut.start()] if cut else text)
    return _product(found["prod"]) if found else None


def _currency(code: str, rep: Mention) -> str | None:
    return _LOCAL_CURRENCY.get(rep.country) if code == "LOCAL" else code


def _from_tail(m: re.Match, sentence: str, indicator: str, rep: Mention, par: Mention, conf: float,
               sign: float, product: str | None = None) -> dict | None:
    # The tail is read in the real sentence: a masked "U.S." in "13.6 billion U.S. dlrs" is currency.
    base = m.start("tail")
    tail = sentence[base:m.end("tail")]
    found = _level_money(tail)
    if found is None:
        return None
    mm, borrowed = found
    if borrowed:
        factor = _SCALES[mm["scale2"].lower()]
        value, code, scale = _to_float(mm["num2"]) * factor, borrowed, _SCALE_NAME.get(factor)
    else:
        parsed = parse_money(mm)
        if parsed is None:
            return None
        value, code, scale = parsed
    unit = _currency(code, rep)
    if unit is None:
        return None
    num = "num" if "num" in mm.re.groupindex and mm["num"] is not None else "num2"
    rec = _record(indicator, rep, par, sign * value, unit, (base + mm.start(num), base + mm.end(num)),
                  conf, _qualifier(mm["q"]), scale)
    rec["product"] = product or _product_in(tail)
    return rec


def _from_money(m: re.Match, sentence: str, indicator: str, rep: Mention, par: Mention, conf: float,
                sign: float, product: str | None = None) -> dict | None:
    parsed = parse_money(m)
    if parsed is None:
        return None
    value, code, scale = parsed
    unit = _currency(code, rep)
    if unit is None:
        return None
    num = "num" if m["num"] is not None else "num2"
    rec = _record(indicator, rep, par, sign * value, unit, m.span(num), conf, _qualifier(m["q"]), scale)
    # "... a 3.6 billion dlr trade surplus with the United States in these products"
    rec["product"] = product or _product_in(sentence[m.end():m.end() + 60])
    return rec
