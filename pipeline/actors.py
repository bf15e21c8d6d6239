"""Actor resolution: every place an article names a country (by name, capital, demonym, organisation,
place, a person in the actor tables, a leader, or a person the article introduced), whether those
words act for the state, and `resolve`.

One compiled trie regex finds every gazetteer surface in a single pass over the text (longest match
wins at each position); Python then only looks at the few hundred hits, never at every word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from pipeline import gazetteer as gz
from pipeline.datafiles import surface_char, trie
from pipeline.gazetteer import tables as tb
from pipeline.schema import Mention

SLACK_DAYS = 7  # a report dated a few days before a handover still names the outgoing leader

# Words that may stand before a bare surname without making it part of a longer name.
TITLES = frozenset("""President Premier Chancellor King Queen Emperor Empress Prince Princess Sultan Emir Amir Sheikh
Chairman Ayatollah Taoiseach Mr Mrs Ms Dr Gen General Marshal Leader Minister Secretary Pope Vice Acting Interim
Supreme Counterpart Former Then Dictator Comrade Senator Governor Ambassador Envoy Spokesman Spokeswoman
Spokesperson Admiral Adm Commander Chief Director Deputy Lt Col Colonel Field""".split())
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
# A generated city name (GeoNames) followed by one of these is still the place ("Kharkiv Governor").
AFTER_PLACE_OK = AFTER_COUNTRY_OK | frozenset("""Oblast Province Region Prefecture County District City Mayor Governor
Airport Port Harbour Harbor Metropolitan Municipality Council Authorities Residents Officials""".split())
ROLES = ("president|prime minister|premier|chancellor|counterparts?|ministers?|spokes(?:person|man|woman)|ambassador|"
         "envoy|leader|king|queen|emperor|crown prince|prince|princess|officials?|diplomats?|negotiators?|secretary|"
         "chief|head|general|commander|governor|lawmakers?|senators?|advis[eo]rs?|representative|delegates?|"
         "chairman|chairwoman|director|mayor|ruler|monarch|sultan|emir|dictator|general secretary|counsellor|"
         "spokesperson|deputy")
# The portfolio some offices are named by: "Secretary of State Rex Tillerson", "Minister of Foreign Affairs X".
PORTFOLIO = (r"(?:[ \t]+of[ \t]+(?:the[ \t]+)?(?:State|Defen[cs]e|National[ \t]+Defen[cs]e|Foreign[ \t]+Affairs|"
             r"Foreign[ \t]+and[ \t]+Commonwealth[ \t]+Affairs|External[ \t]+Affairs|Home[ \t]+Affairs|"
             r"Internal[ \t]+Affairs|Interior|Finance|Economy|Trade|Commerce|Treasury|Energy|Health|Justice|"
             r"Homeland[ \t]+Security|Agriculture)(?![\w]))?")
NAME_TOKEN = r"[A-Z][\w'’\-]*"
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # wire copy breaks lines inside names ("Paul\nVolcker")
# Between the country and the role only words of a title may stand ("Chinese Foreign Ministry
# spokesperson", "South Korea's top security adviser"), never a verb ("Nicaragua accused President Reagan").
TITLE_WORDS = (r"(?:[A-Z][\w\-]*(?:['’]s)?|foreign|deputy|vice|prime|finance|trade|defen[cs]e|economy|economic|oil|"
               r"energy|agriculture|agricultural|senior|top|former|state|central|bank|chief|security|interior|"
               r"acting|new|national|presidential|ministry|military|army|navy|commerce|industry|petroleum|treasury|"
               r"budget|labou?r|justice|health|home|education|communist|party|general|assistant|permanent|junior|"
               r"its|the|a|an|and|information|intelligence|nuclear|chief|executive|cabinet|government|embassy|"
               r"opposition|ex-|late|external|affairs)")
INTRO = re.compile(
    r"(?:['’]s)?[ \t]*,?[ \t\n]+(?P<title>(?:" + TITLE_WORDS + r"[ \t\n]+){0,4}?(?i:" + ROLES + r")" + PORTFOLIO + r"),?[ \t\n]+"
    r"(?P<name>" + NAME_TOKEN + r"(?:" + _GAP + r"(?:[A-Z]\." + _GAP + r")?" + NAME_TOKEN + r"){0,3})")
# The same tie written the other way round: "Wang Yi, China's foreign minister," / "..., the Chinese envoy".
APPOSITIVE_NAME = re.compile(r"(?P<name>" + NAME_TOKEN + r"(?:" + _GAP + NAME_TOKEN + r"){1,3}),[ \t\n]+(?:the[ \t\n]+)?$")
ROLE_AFTER = re.compile(r"(?:['’]s)?[ \t\n]+(?P<title>(?:" + TITLE_WORDS + r"[ \t\n]+){0,3}?(?i:" + ROLES + r"))(?!\w)")
TITLE_BEFORE = re.compile(
    r"(?P<title>President|Prime Minister|Premier|Chancellor|King|Queen|Emperor|Empress|Prince|Princess|Sultan|Emir|Amir|"
    r"Sheikh|Chairman|General Secretary|Supreme Leader|Ayatollah|Taoiseach|Gen\.|(?<![-\w])(?<!- )(?<!Secretary )General|"
    r"Marshal|Pope|leader|president|premier|chancellor|prime minister)[ \t]+$")
# Titles of the people table ("Foreign Minister Wang", "Defence Secretary Healey", "Gen. Milley").
PERSON_TITLE = re.compile(
    r"(?P<title>(?:(?:[Ff]ormer|[Tt]hen|[Aa]cting|[Ii]nterim|[Dd]eputy|[Vv]ice|First Deputy|Senior)[ \t]+)?"
    r"(?:(?:Foreign|Defen[cs]e|Finance|Trade|Commerce|Economy|Economic|Interior|Home|Industry|Energy|Oil|Security|"
    r"Unification|Justice|Health|External Affairs|Armed Forces|Treasury|War|Intelligence|Army|Navy|Air Force|"
    r"Central Bank|Bank|Cabinet|Chief Cabinet|Presidential)[ \t]+)?"
    r"(?:Minister|Secretary|Ambassador|Envoy|Spokes(?:man|woman|person)|Governor|Commander|Chief|Director|"
    r"Adviser|Advisor|Secretary of State|Secretary of Defen[cs]e|Secretary of War|Chancellor of the Exchequer|"
    r"Vice President|Crown Prince|Admiral|Adm\.|Gen\.|General|Lt\.[ \t]+Gen\.|Field Marshal|Marshal|Col\.|Colonel|"
    r"Representative|Treasurer|Mr\.?|Mrs\.?|Ms\.?|Dr\.?))[ \t]+$")
PREV_WORD = re.compile(r"(" + NAME_TOKEN + r")\.?[ \t]+$")
NEXT_WORD = re.compile(r"[ \t]+(" + NAME_TOKEN + r")")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_MONTH_ANY = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[A-Za-z]*\.?"
# A wire dateline at the top of a story: "SEOUL, Dec 30 (Reuters) -", "NEW YORK, March 3 -",
# "ANKARA, May 3 -", "YEREVAN, FEBRUARY 3", "MOSCOW (Reuters) -", "KYIV, Ukraine (AP) —".
DATELINE = re.compile(r"(?m)^[ \t]*(?P<place>[A-Z][A-Z.'’\-]*(?:[ \t]+[A-Z][A-Z.'’\-]*){0,3})[ \t]*"
                      r"(?:,[ \t]*(?:" + _MONTH_ANY + r"[ \t]+\d{1,2}|\d{1,2}[ \t]+" + _MONTH_ANY + r"|\(|"
                      r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?[ \t]*(?:\(|[-—–:]))|[ \t]*\([A-Z][\w .]*\)[ \t]*[-—–:])")
# Starts with a bare character class (the word-start check comes second) so re can skip ahead fast.
CAPS_RUN = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z0-9'’.&\-]*(?:[ \t]+[A-Z0-9][A-Z0-9'’.&\-]*){2,}(?!\w)")
NAME_STOP = FUNCTION_WORDS | frozenset("""Said Says Told Will Would Has Had Is Was Corp Co Inc Ltd Plc Electric Bank
Group Oil Motors Airlines Industries International Company Corporation Association Council Committee Commission
Ministry Department Board Agency Office Party Government News Reuters Agreement Accord Round Fund Assembly
Secretary Resolution Heads Head General Hospital Security Directorate Foundation Nations United Union Summit
Conference Forum Organization Organisation Institute University Court Parliament Senate Congress House State
States Republic Kingdom Mission Delegation Programme Program Declaration Charter Treaty Convention I II III IV V""".split())
# How a country is named -> whether those words act for the state when nothing else says (docs/contract.md):
# the country and its capital as metonym do; a demonym alone does not say ("Chinese" people or firms).
STATE_BY_HOW = {"name": True, "capital": True, "demonym": None, "city": False, "region": False, "occupied": False,
                "breakaway": False, "dateline": False}
ORG_HOWS = tb.ORGANISATION_KINDS
PLACE_HOWS = tb.PLACE_KINDS
# Mentions after which a role and a name introduce a person of that country (INTRO).
INTRODUCING = frozenset({"name", "demonym", "capital", "government", "ministry", "agency", "military", "embassy",
                         "legislature", "central_bank", "police", "court"})
_FORMER_BEFORE = re.compile(r"(?i)\b(?:former|ex-|then-?)[ \t]*$")
NOT_STATE_WORDS = ("former", "ex-", "late", "opposition", "then", "exiled", "jailed")
UNKNOWN_ROLE_WORDS = ("lawmaker", "senator", "legislator", "mp ", "representative", "delegate")


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


def _key(surface: str) -> str:
    """The table key of a matched surface: one space between words, straight apostrophes."""
    return " ".join(surface.replace("’", "'").split())  # any run of whitespace (\r\n, NBSP) is one space


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
# A person's title in the text -> words one of which their role in the people table contains.
ROLE_GROUPS = {
    "foreign minister": ("foreign minister", "foreign secretary", "secretary of state", "external affairs",
                         "international relations minister", "foreign affairs"),
    "foreign secretary": ("foreign secretary", "foreign minister", "foreign affairs"),
    "secretary of state": ("secretary of state",),
    "external affairs minister": ("external affairs",),
    "defence minister": ("defence minister", "defence secretary", "armed forces minister", "secretary of war"),
    "defence secretary": ("defence secretary", "defence minister", "secretary of war"),
    "secretary of defence": ("defence secretary",), "secretary of war": ("defence secretary", "secretary of war"),
    "war secretary": ("secretary of war",), "armed forces minister": ("armed forces minister",),
    "finance minister": ("finance minister", "treasurer", "treasury secretary", "chancellor of the exchequer",
                         "economy and finance"),
    "treasury secretary": ("treasury secretary",), "treasurer": ("treasurer",),
    "chancellor of the exchequer": ("chancellor of the exchequer",),
    "trade minister": ("trade", "commerce"), "trade secretary": ("trade",), "commerce minister": ("commerce",),
    "commerce secretary": ("commerce",), "economy minister": ("economy", "economic"),
    "interior minister": ("interior", "home secretary", "home minister", "homeland security", "public security"),
    "home secretary": ("home secretary",), "home minister": ("home minister",),
    "security minister": ("security",), "unification minister": ("unification",),
    "central bank governor": ("central bank", "bank of", "banque de", "bundesbank", "reserve bank", "banxico"),
    "governor": ("governor",), "ambassador": ("ambassador",), "envoy": ("envoy", "representative", "ambassador"),
    "spokesman": ("spokes",), "spokeswoman": ("spokes",), "spokesperson": ("spokes",),
    "general": ("chief", "commander", "general", "chairman of the joint"), "gen.": ("chief", "commander", "general",
                                                                                  "chairman of the joint"),
    "admiral": ("chief", "commander", "admiral", "navy"), "adm.": ("chief", "commander", "admiral", "navy"),
    "commander": ("commander", "chief"), "chief": ("chief", "director", "head"), "director": ("director", "head", "chief"),
    "vice president": ("vice president",), "crown prince": ("crown prince",),
    "national security adviser": ("national security adviser",), "security adviser": ("security adviser",),
    "chief cabinet secretary": ("chief cabinet secretary",),
}
GENERIC_TITLES = frozenset({"minister", "secretary", "mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "marshal",
                            "field marshal", "col.", "colonel", "lt. gen.", "adviser", "advisor", "representative"})


def _title(text: str, start: int) -> str | None:
    m = TITLE_BEFORE.search(text, max(0, start - 40), start)
    return m.group("title").lower() if m else None


def _person_title(text: str, start: int) -> str | None:
    m = PERSON_TITLE.search(text, max(0, start - 60), start)
    return _norm_title(m.group("title")) if m else None


def _norm_title(title: str) -> str:
    t = " ".join(title.replace("’", "'").lower().replace("defense", "defence").split())
    for w in ("the ", "its ", "top ", "new ", "senior "):
        t = t.replace(w, "")
    return t.replace("'s ", " ").strip()


def _title_fits(title: str, role: str) -> bool:
    t = title
    for mod in ("former ", "then ", "acting ", "interim ", "first deputy ", "deputy ", "vice "):
        if t.startswith(mod) and t != "vice president":
            t = t[len(mod):]
    role = role.lower().replace("defense", "defence")
    if t in GENERIC_TITLES:
        return True
    group = ROLE_GROUPS.get(t)
    if group is None:
        last = t.split()[-1] if t else ""
        group = ROLE_GROUPS.get(last, (last,))
    return any(g in role for g in group)


def _spell_countries(spells, on: date | None, slack: int) -> set[str]:
    hits = [s for s in spells if on is None or s.covers(on, slack)]
    countries = {s.iso3 for s in hits}
    if len(countries) > 1:  # France's president is also Andorra's co-prince: the news means France
        countries = {s.iso3 for s in hits if s.office != "Co-prince"} or countries
    return countries


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


_COMPOUND = re.compile(r"-[A-Z]")
_CAPS_BEFORE = re.compile(r"(?<![\w.])[A-Z][A-Z.'’\-]+[>\"”]?[ \t]+$")
_CAPS_AFTER = re.compile(r"[ \t]+[A-Z][A-Z.'’\-]+(?![\w])")


def _caps_around(text: str, start: int, end: int) -> bool:
    """An acronym in all-caps copy, or a stock ticker ("MCGRAW HILL <MHP> BUYS ...")."""
    return bool(_CAPS_BEFORE.search(text, max(0, start - 25), start) or _CAPS_AFTER.match(text, end)
                or text[start - 1:start] == "<" and text[end:end + 1] in (">", "."))


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
