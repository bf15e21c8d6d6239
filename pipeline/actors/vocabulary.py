"""The words and patterns actor resolution reads: titles and roles, the words around a name that make
it a person or not, datelines, and which kinds of mention act for the state."""
from __future__ import annotations

import re

from pipeline.gazetteer import tables as tb

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
