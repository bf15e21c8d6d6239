"""Actor resolution: every place an article names a country (by name, capital, demonym, institution,
a leader in office on the publication date, or a person the article introduced), and `resolve`.

One compiled trie regex finds every gazetteer surface in a single pass over the text (longest match
wins at each position); Python then only looks at the few hundred hits, never at every word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from pipeline import gazetteer as gz
from pipeline.schema import Mention

SLACK_DAYS = 7  # a report dated a few days before a handover still names the outgoing leader

# Words that may stand before a bare surname without making it part of a longer name.
TITLES = frozenset("""President Premier Chancellor King Queen Emperor Empress Prince Princess Sultan Emir Amir Sheikh
Chairman Ayatollah Taoiseach Mr Mrs Ms Dr Gen General Marshal Leader Minister Secretary Pope Vice Acting Interim
Supreme Counterpart Former Then Dictator Comrade Senator Governor""".split())
# Capitalised words that begin sentences or clauses; a surname after them still stands alone.
FUNCTION_WORDS = frozenset("""The But And When While After Before As If Then So Yet Also Meanwhile However Since Though
Although Under In On At For With From By Of To That This Both Neither Either Only Even Still Now Later Earlier Last
Next Under Without Despite During Until Unlike Like Nor Or Whether Where Why How What Who Whom Which Mr Mrs Ms Dr
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split())
# Words that may follow a surname ("the Trump administration") without making it a longer name.
AFTER_SURNAME = frozenset("Administration Government Cabinet Doctrine Era Regime".split())
# Country names that are also first names or words: not taken when they sit inside a person's name.
PERSON_RISKY = frozenset("Jordan Chad Georgia Israel Kenya Niger Panama Tonga Guinea Cuba Jersey Mali Chile".split())
AFTER_COUNTRY_OK = frozenset("""King Queen President Prime Premier Foreign Government Army Minister Ministry Crown Central
National Armed Embassy Parliament Radio Television News Airways Airlines Times Post State Defence Defense Interior
Finance Trade Energy Oil Navy Air Police Supreme Court Cabinet Senate Congress Assembly Republic Kingdom""".split())
ROLES = ("president|prime minister|premier|chancellor|counterparts?|ministers?|spokes(?:person|man|woman)|ambassador|"
         "envoy|leader|king|queen|emperor|crown prince|prince|princess|officials?|diplomats?|negotiators?|secretary|"
         "chief|head|general|commander|governor|lawmakers?|senators?|advis[eo]rs?|representative|delegates?|"
         "chairman|chairwoman|director|mayor|ruler|monarch|sultan|emir|dictator|general secretary|counsellor|"
         "spokesperson|deputy")
NAME_TOKEN = r"[A-Z][\w'’\-]*"
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # wire copy breaks lines inside names ("Paul\nVolcker")
# Between the country and the role only words of a title may stand ("Chinese Foreign Ministry
# spokesperson", "South Korea's top security adviser"), never a verb ("Nicaragua accused President Reagan").
TITLE_WORDS = (r"(?:[A-Z][\w\-]*(?:['’]s)?|foreign|deputy|vice|prime|finance|trade|defen[cs]e|economy|economic|oil|"
               r"energy|agriculture|agricultural|senior|top|former|state|central|bank|chief|security|interior|"
               r"acting|new|national|presidential|ministry|military|army|navy|commerce|industry|petroleum|treasury|"
               r"budget|labou?r|justice|health|home|education|communist|party|general|assistant|permanent|junior|"
               r"its|the|a|an|and|information|intelligence|nuclear|chief|executive|cabinet|government|embassy)")
INTRO = re.compile(
    r"(?:['’]s)?[ \t]*,?[ \t\n]+(?:" + TITLE_WORDS + r"[ \t\n]+){0,4}?(?i:" + ROLES + r"),?[ \t\n]+"
    r"(?P<name>" + NAME_TOKEN + r"(?:" + _GAP + r"(?:[A-Z]\." + _GAP + r")?" + NAME_TOKEN + r"){0,3})")
# The same tie written the other way round: "Wang Yi, China's foreign minister," / "..., the Chinese envoy".
APPOSITIVE_NAME = re.compile(r"(?P<name>" + NAME_TOKEN + r"(?:" + _GAP + NAME_TOKEN + r"){1,3}),[ \t\n]+(?:the[ \t\n]+)?$")
ROLE_AFTER = re.compile(r"(?:['’]s)?[ \t\n]+(?:" + TITLE_WORDS + r"[ \t\n]+){0,3}?(?i:" + ROLES + r")(?!\w)")
TITLE_BEFORE = re.compile(
    r"(?P<title>President|Prime Minister|Premier|Chancellor|King|Queen|Emperor|Empress|Prince|Princess|Sultan|Emir|Amir|"
    r"Sheikh|Chairman|General Secretary|Supreme Leader|Ayatollah|Taoiseach|Gen\.|(?<![-\w])(?<!- )(?<!Secretary )General|"
    r"Marshal|Pope|leader|president|premier|chancellor|prime minister)[ \t]+$")
PREV_WORD = re.compile(r"(" + NAME_TOKEN + r")\.?[ \t]+$")
NEXT_WORD = re.compile(r"[ \t]+(" + NAME_TOKEN + r")")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# A wire dateline at the top of a story: "SEOUL, Dec 30 (Reuters) -", "NEW YORK, March 3 -".
DATELINE = re.compile(r"(?m)^[ \t]*(?P<place>[A-Z][A-Z.'’\-]*(?:[ \t]+[A-Z][A-Z.'’\-]*){0,3})[ \t]*,[ \t]*"
                      r"(?:" + _MONTH + r"[ \t]+\d{1,2}|\d{1,2}[ \t]+" + _MONTH + r"|\()")
# Starts with a bare character class (the word-start check comes second) so re can skip ahead fast.
CAPS_RUN = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z0-9'’.&\-]*(?:[ \t]+[A-Z0-9][A-Z0-9'’.&\-]*){2,}(?!\w)")
NAME_STOP = FUNCTION_WORDS | frozenset("""Said Says Told Will Would Has Had Is Was Corp Co Inc Ltd Plc Electric Bank
Group Oil Motors Airlines Industries International Company Corporation Association Council Committee Commission
Ministry Department Board Agency Office Party Government News Reuters Agreement Accord Round Fund Assembly
Secretary Resolution Heads Head General Hospital Security Directorate Foundation Nations United Union Summit
Conference Forum Organization Organisation Institute University Court Parliament Senate Congress House State
States Republic Kingdom Mission Delegation Programme Program Declaration Charter Treaty Convention I II III IV V""".split())


@dataclass(slots=True)
class _Info:
    """What one surface can mean, worked out once at index time so the hot loop is a dict lookup."""
    blocked: bool = False
    aliases: tuple = ()  # gz.Alias, in table order
    fixed: gz.Alias | None = None  # the one meaning whatever the date (most surfaces)
    leader: bool = False  # a leader's full name (resolved by date)
    surname: bool = False  # a leader's surname (resolved by context)


@dataclass(slots=True)
class _Index:
    pattern: re.Pattern
    upper: re.Pattern
    table: dict[str, _Info]


def _key(surface: str) -> str:
    """The table key of a matched surface: one space between words, straight apostrophes."""
    return " ".join(surface.replace("’", "'").split())  # any run of whitespace (\r\n, NBSP) is one space


def _char(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch == "'":
        return "['’]"
    return re.escape(ch)


def _emit(node: dict, last: str) -> str:
    """Trie -> regex. Children come before the end of a word, so the longest surface wins; a surface
    ending in a letter must not run on into another letter ("Korea" inside "Koreans")."""
    alts = [_char(ch) + _emit(child, ch) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        alts.append(r"(?!\w)" if last.isalnum() else "")
    if len(alts) == 1:
        return alts[0]
    return "(?:" + "|".join(alts) + ")"


def trie_regex(surfaces) -> str:
    trie: dict = {}
    for s in surfaces:
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}
    # the lookahead on the possible first letters lets re reject most positions before the lookbehind
    first = "".join(sorted(k for k in trie if k))
    return "(?=[" + re.escape(first) + r"])(?<!\w)" + _emit(trie, "")


def _surface_variants(text: str) -> set[str]:
    out = {text, gz.fold(text)}
    for t in list(out):
        if t.startswith("Saint "):
            out |= {"St. " + t[6:], "St " + t[6:]}
    return out


@lru_cache(maxsize=1)
def _index() -> _Index:
    table: dict[str, _Info] = {}

    def info(surface: str) -> _Info:
        return table.setdefault(surface.replace("’", "'"), _Info())

    for a in gz.aliases():
        for v in _surface_variants(a.text):
            i = info(v)
            if a not in i.aliases:
                i.aliases += (a,)
    for phrase in gz.not_countries():
        for v in _surface_variants(phrase):
            info(v).blocked = True
    for sp in gz.leaders():
        for v in gz.name_variants(sp.name, sp.iso3):
            if " " in v:
                info(v).leader = True
        if sp.surname and sp.surname[:1].isupper():
            info(sp.surname).surname = True
            info(gz.fold(sp.surname)).surname = True
    for i in table.values():
        undated = {a.iso3 for a in i.aliases if a.valid_from is None and a.valid_to is None}
        if len(i.aliases) == 1 and undated:
            i.fixed = i.aliases[0]
    surfaces = [s for s in table if s[:1].isupper() or s[:1].isdigit()]
    upper = {}
    for s in surfaces:
        up = s.upper()
        if up != s:
            upper.setdefault(up, table[s])
    for up, i in upper.items():
        table.setdefault(up, i)
    return _Index(re.compile(trie_regex(surfaces)), re.compile(trie_regex(sorted(upper))), table)


def _pick_alias(info: _Info, on: date | None) -> gz.Alias | None:
    if info.fixed is not None:
        return info.fixed
    valid = [a for a in info.aliases if a.valid_on(on)]
    if not valid:
        return None
    if on is None:  # no date: today's sense of a name ("Congo") beats a historical one
        current = [a for a in valid if a.valid_to is None]
        valid = current or valid
    return valid[0]


def _looks_like_person(text: str, start: int, end: int) -> bool:
    """'Michael Jordan', 'Chad Smith': a risky country name inside a run of capitalised name words."""
    prev = PREV_WORD.search(text, max(0, start - 30), start)
    if prev and prev.group(1) not in FUNCTION_WORDS and prev.group(1) not in TITLES \
            and _key(prev.group(1)) not in _index().table and not text[prev.start(1) - 2:prev.start(1)].endswith(". "):
        return True
    nxt = NEXT_WORD.match(text, end)
    return bool(nxt and nxt.group(1) not in AFTER_COUNTRY_OK and _key(nxt.group(1)) not in _index().table)


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


# A title narrows the offices it can refer to ("President Lee" in 2010 is Lee Myung-bak, not
# Singapore's Prime Minister Lee); REIGN's generic "Leader" fits every title.
TITLE_OFFICES = {
    "president": ("President", "Leader", "Chairman"),
    "prime minister": ("Prime Minister", "Premier", "Chancellor", "Head of Government", "Taoiseach", "Leader"),
    "premier": ("Premier", "Prime Minister", "Leader"),
    "chancellor": ("Chancellor", "Leader"),
    "king": ("King", "Leader", "Amir", "Sultan"), "queen": ("Queen", "Leader"),
    "emperor": ("Emperor", "Leader"), "sultan": ("Sultan", "Leader"),
}


def _title(text: str, start: int) -> str | None:
    m = TITLE_BEFORE.search(text, max(0, start - 40), start)
    return m.group("title").lower() if m else None


def _spell_countries(spells, on: date | None, slack: int) -> set[str]:
    hits = [s for s in spells if on is None or s.covers(on, slack)]
    countries = {s.iso3 for s in hits}
    if len(countries) > 1:  # France's president is also Andorra's co-prince: the news means France
        countries = {s.iso3 for s in hits if s.office != "Co-prince"} or countries
    return countries


def _candidates(text: str, idx: _Index) -> list[tuple[int, int, str, bool]]:
    found = [(m.start(), m.end(), m.group(), False) for m in idx.pattern.finditer(text)]
    segments = [m.span() for m in CAPS_RUN.finditer(text)]
    dateline = DATELINE.search(text, 0, 400)
    if dateline:
        segments.append(dateline.span("place"))
    if not segments:  # finditer hits are already leftmost-longest and disjoint
        return found
    for lo, hi in segments:
        found += [(m.start(), m.end(), m.group(), True) for m in idx.upper.finditer(text, lo, hi)]
    found.sort(key=lambda c: (c[0], c[0] - c[1]))
    kept, last_end = [], -1
    for c in found:  # leftmost, then longest; no overlaps
        if c[0] >= last_end:
            kept.append(c)
            last_end = c[1]
    return kept


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


def find_mentions(text: str, published: date | None = None) -> list[Mention]:
    """Every place `text` names a country, sorted by offset, non-overlapping (docs/contract.md `how`)."""
    idx = _index()
    table = idx.table
    out: list[Mention] = []
    pending: list[tuple[int, int, str, bool]] = []  # surnames and out-of-office names: need context
    taken: list[tuple[int, int]] = []
    for start, end, surface, caps in _candidates(text, idx):
        key = _key(surface)
        info = table.get(key)
        taken.append((start, end))
        if info is None or info.blocked:
            continue
        alias = _pick_alias(info, published)
        if alias is not None:
            if not caps and alias.text in PERSON_RISKY and _looks_like_person(text, start, end):
                continue
            if surface.endswith("-"):  # "Sino-", "Franco-": the span is the prefix word
                end -= 1
                surface = surface[:-1]
            out.append(Mention(start, end, surface, alias.iso3, alias.how))
            continue
        if info.leader and " " in key:
            countries = _spell_countries(gz.spells_by_full_name(key), published, SLACK_DAYS)
            if len(countries) == 1:
                out.append(Mention(start, end, surface, countries.pop(), "leader"))
                continue
        if info.surname or info.leader:  # an introduction in the article may still place them
            pending.append((start, end, surface, caps))

    # People the article introduced win over the leader table, and a longer introduced name
    # ("Lin Jian") over a surname the trie found inside it ("Lin").
    registry = _introductions(text, out, published)
    pending_spans = {(p[0], p[1]) for p in pending}
    introduced = _registry_mentions(text, registry, [t for t in taken if t not in pending_spans]) if registry else []
    out += introduced
    for start, end, surface, caps in pending:
        key = gz.name_key(surface)
        if key in registry or " " in key or any(m.start < end and start < m.end for m in introduced):
            continue
        iso3 = _resolve_surname(text, start, end, surface, caps, published)
        if iso3:
            out.append(Mention(start, end, surface, iso3, "leader"))
    out.sort(key=lambda m: m.start)
    return out


def _resolve_surname(text: str, start: int, end: int, surface: str, caps: bool, on: date | None) -> str | None:
    """A bare surname: with a title, any leader of that name in office (+ slack); without one, only a
    head of state/government in office on the day whose surname is not an everyday word."""
    spells = gz.spells_by_surname(surface)
    if not spells:
        return None
    if not caps and not _stands_alone(text, start, end):
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


def _introductions(text: str, mentions: list[Mention], published: date | None) -> dict[str, tuple[str | None, str]]:
    """People the article ties to a country: 'South Korean President Lee Jae Myung', "China's Foreign
    Ministry spokesperson Lin Jian", and every leader already resolved by full name. Key: name_key."""
    reg: dict[str, tuple[str | None, str]] = {}

    def register(name: str, iso3: str, how: str) -> None:
        toks = [t for t in name.split() if len(t) > 2 or not t.endswith(".")]
        sur = toks[0] if iso3 in gz.SURNAME_FIRST else toks[-1]
        keys = {gz.name_key(" ".join(toks))}
        if len(sur) >= 3 or len(toks) == 1:
            keys.add(gz.name_key(sur))
        for k in keys:
            old = reg.get(k)
            reg[k] = (iso3, how) if old is None or old[0] == iso3 else (None, how)  # two countries: unusable

    for m in mentions:
        if m.how == "leader" and " " in m.text:
            register(m.text, m.country, "leader")
            continue
        if m.how not in ("name", "demonym", "capital", "institution"):
            continue
        intro = INTRO.match(text, m.end)
        if intro:
            raw = intro.group("name")
        else:
            before = APPOSITIVE_NAME.search(text, max(0, m.start - 60), m.start)
            if not before or not ROLE_AFTER.match(text, m.end):
                continue
            raw = before.group("name")
        name = _clean_name(raw)
        if not name or _key(name.split()[0]) in _index().table and not gz.spells_by_surname(name.split()[0]):
            continue
        spells = gz.spells_by_full_name(name) or gz.spells_by_surname(name)
        serving = _spell_countries(spells, published, SLACK_DAYS) if published else set()
        if serving and m.country not in serving:  # "Indonesian President Suharto" is no Japanese
            continue
        serving_here = any(s.iso3 == m.country and (published is None or s.covers(published, SLACK_DAYS))
                           for s in spells)
        register(name, m.country, "leader" if serving_here else "person")  # "former President Moon": person
    return reg


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
        iso3, how = registry[key]
        if " " not in key and not m.group().isupper() and not _stands_alone(text, s, e):
            continue
        out.append(Mention(s, e, m.group(), iso3, how))
    return out


# --- resolve: one mention text (+ date) -> one country ---------------------------------------------

def resolve(text: str, on: date | None = None) -> dict:
    """{"text", "country", "matched", "how"} for one actor string (docs/contract.md); people resolve
    by the date, and a known leader out of office gets a "note" instead of a country."""
    result = {"text": text, "country": None, "matched": None, "how": None}
    stripped = text.strip()
    if stripped.upper() in gz.countries() and len(stripped) == 3 and stripped.isupper():
        result.update(country=stripped, matched=stripped, how="code")
        return result
    mentions = find_mentions(text, on)
    if mentions:
        best = max(mentions, key=lambda m: (m.end - m.start, -m.start))
        result.update(country=best.country, matched=best.text, how=best.how)
        return result
    spells = gz.leaders_for(stripped)
    if spells:
        last = max(spells, key=lambda s: s.start or date.min)
        span = f"{last.start or '?'} to {last.end or 'present'}"
        result["note"] = f"{last.name}: {last.office} of {gz.country_name(last.iso3)} {span}, not in office on {on}" \
            if on else f"{last.name}: ambiguous without a date"
    return result
