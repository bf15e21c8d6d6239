"""The Phoenix / PETRARCH actor dictionaries read into rows of Dyad's actor tables (build time only):
entries and their dated codes parsed, names cased, spells clipped and merged, people, organisations and
generic agents with their country, role and whether they act for the state. Used by build_actors."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import gazetteer as gz

if TYPE_CHECKING:
    from pipeline.gazetteer.build_actors import Report


# The Phoenix dictionaries' own dates: the country file was generated from CountryInfo.140130 on
# 2014-01-30; the international and non-state files were last edited in 2013 and released with
# PETRARCH-2 (commit 676801c, 2019-03-18).
PHOENIX_FILES = {
    "Phoenix.Countries.actors.txt": "2014-01-30",
    "Phoenix.International.actors.txt": "2013",
    "Phoenix.MilNonState.actors.txt": "2013-03-21",
}
PHOENIX_DATE = date(2014, 1, 30)
# An open-ended spell (">YYMMDD") only says the person held the post when the entry was written:
# it is closed at most OPEN_YEARS later, and never after the dictionary's own date.
OPEN_YEARS = 6

# CAMEO country codes that are not ISO-3 (or are historical) -> the code the tables use.
CAMEO_COUNTRY = {"KSV": "XKX", "USR": "RUS", "SCG": "SRB", "FRY": "SRB", "ROM": "ROU", "ZAR": "COD",
                 "TMP": "TLS", **gz.SUCCESSOR}
NON_STATE_PREFIX = {"IGO": "international", "NGO": "ngo"}
STATE_ROLES = {"GOV", "MIL", "SPY", "COP", "JUD"}
UNKNOWN_ROLES = {"LEG", ""}  # a legislator may or may not act for the state
ROLE_NAMES = {"GOV": "government", "MIL": "military", "SPY": "intelligence", "COP": "police", "JUD": "judiciary",
              "LEG": "legislature", "OPP": "opposition", "ELI": "elite (out of office)", "BUS": "business",
              "MED": "media", "REB": "rebels", "INS": "insurgents", "SEP": "separatists", "CVL": "civilian",
              "PTY": "party", "EDU": "education", "LAB": "labour", "HRI": "human rights", "NGO": "ngo",
              "CRM": "criminal", "UAF": "armed group", "REL": "religious", "REF": "refugees"}
ORG_KIND = {"GOV": "government", "MIL": "military", "SPY": "agency", "COP": "police", "LEG": "legislature",
            "JUD": "court", "MED": "media", "PTY": "party", "OPP": "party", "REB": "armed_group",
            "INS": "armed_group", "SEP": "armed_group", "UAF": "armed_group", "BUS": "company"}
# Words that make a Phoenix entry an organisation rather than a person.
ORG_WORDS = frozenset("""ARMY FORCES FORCE COUNCIL PARTY CONGRESS MINISTRY ASSEMBLY PARLIAMENT COMMITTEE SERVICE
AGENCY BANK COURT POLICE GUARD GUARDS NAVY COMMAND FRONT MOVEMENT DEPARTMENT OFFICE GOVERNMENT KREMLIN HOUSE
ORGANIZATION ORGANISATION UNION LEAGUE COMMISSION FUND ASSOCIATION FEDERATION INSTITUTE AUTHORITY BUREAU
BRIGADE BRIGADES BATTALION CORPS MILITIA ALLIANCE NATIONS SENATE DUMA KNESSET PROGRAMME PROGRAM TRIBUNAL CENTRE
CENTER FOUNDATION SOCIETY NETWORK GROUP CABINET DIRECTORATE SECRETARIAT CONFERENCE FORUM COMMUNITY MISSION
REPUBLIC STATE STATES TRUST COALITION ORGANIZATION COMPANY CORPORATION ACADEMY UNIVERSITY SCHOOL NEWS AGENCY""".split())
# Words that open a title, not a name ("FOREIGN_MINISTER_SERGEY_LAVROV", "PRESIDENT_PUTIN").
TITLE_WORDS = frozenset("""PRESIDENT PREMIER PRIME MINISTER FOREIGN SECRETARY AMBASSADOR GENERAL GEN GEN. COLONEL COL
COL. MAJOR CAPTAIN ADMIRAL ADM. LT. LIEUTENANT MARSHAL CHAIRMAN CHIEF COMMANDER DEPUTY VICE KING QUEEN PRINCE
PRINCESS SHEIKH SHAIKH EMIR AMIR SULTAN LEADER FORMER EX EX- SENATOR GOVERNOR MAYOR MR MR. MRS MRS. MS DR DR.
SPOKESMAN SPOKESWOMAN JUDGE JUSTICE DIRECTOR HEAD PARTY COMMUNIST SOVIET ACTING INTERIM THE LORD BARON SIR
DEFENSE DEFENCE INTERIOR FINANCE TRADE OPPOSITION REBEL RUSSIAN AMERICAN CHINESE""".split())
NOT_NAME = frozenset("REGIME ADMINISTRATION CAMP FAMILY SUPPORTERS LOYALISTS FORCES GOVERNMENT ERA".split())
PARTICLES = frozenset("al el bin bint ibn de da do dos das du la le van von der den ter di del y".split())
SOVIET = {"UKR": "1991-08-24", "BLR": "1991-08-25", "MDA": "1991-08-27", "GEO": "1991-04-09", "ARM": "1991-09-21",
          "AZE": "1991-08-30", "KAZ": "1991-12-16", "UZB": "1991-08-31", "TKM": "1991-10-27", "KGZ": "1991-08-31",
          "TJK": "1991-09-09", "EST": "1991-08-20", "LVA": "1991-08-21", "LTU": "1990-03-11"}
YUGOSLAV = {"HRV": "1991-06-25", "SVN": "1991-06-25", "MKD": "1991-09-08", "BIH": "1992-03-03",
            "MNE": "2006-06-03", "XKX": "2008-02-17"}
SPLIT_OFF = {**{k: ("RUS", v) for k, v in SOVIET.items()}, **{k: ("SRB", v) for k, v in YUGOSLAV.items()},
             "SVK": ("CZE", "1993-01-01")}

_CODE = re.compile(r"\[([^\]]*)\]")
_SPELL = re.compile(r"^(?P<code>[A-Z~\-]+)(?:\s+(?P<dates>[<>]?\d{6,8}(?:-\d{6,8})?))?$")


@dataclass
class Block:
    """One Phoenix entry: its names (the root and its "+" synonyms), codes and comments."""
    file: str
    line: int
    names: list[str] = field(default_factory=list)
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code with dates, comment)
    comment: str = ""


# --- Phoenix --------------------------------------------------------------------------------------

def parse_phoenix(path: Path) -> list[Block]:
    """Blocks of a TABARI/PETRARCH .actors file. Consecutive name lines before the first code line
    share its codes; a name line with its codes on the same line stands alone (with its "+" lines)."""
    blocks: list[Block] = []
    cur: Block | None = None
    for n, raw in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
        line = raw.rstrip()
        body, _, comment = line.partition("#")
        if not body.strip():
            if cur is not None and cur.codes:
                blocks.append(cur)
                cur = None
            continue
        codes = _CODE.findall(body)
        text = _CODE.sub(" ", body)
        if raw[:1] in " \t" and not text.strip():  # an indented code line
            if cur is not None:
                cur.codes += [(c.strip(), comment.strip()) for c in codes]
            continue
        if raw.startswith("+"):
            if cur is not None:
                cur.names.append(text[1:].strip())
                cur.codes += [(c.strip(), comment.strip()) for c in codes]
            continue
        if cur is not None and (cur.codes or codes):
            blocks.append(cur)
            cur = None
        if cur is None:
            cur = Block(path.name, n, comment=comment.strip())
        cur.names.append(text.strip())
        cur.codes += [(c.strip(), comment.strip()) for c in codes]
    if cur is not None and cur.codes:
        blocks.append(cur)
    return blocks


def phoenix_date(text: str) -> date:
    """YYMMDD (years up to 25 are 20YY) or YYYYMMDD -> a date; ValueError otherwise."""
    if len(text) == 8:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if len(text) == 6:
        yy = int(text[:2])
        return date((2000 if yy <= 25 else 1900) + yy, int(text[2:4]), int(text[4:]))
    raise ValueError(f"date {text!r} is neither YYMMDD nor YYYYMMDD")


@dataclass(frozen=True)
class Code:
    country: str | None  # ISO-3, or None for IGO/NGO/MNC/IMG/...
    prefix: str  # the first three letters as written
    role: str  # the next three ("GOV", "MIL", ...), "" for a bare country code
    start: date | None
    end: date | None
    open_ended: bool
    comment: str
    raw: str


def parse_code(raw: str, comment: str, known: frozenset[str]) -> Code:
    m = _SPELL.match(re.sub(r"([<>])\s+", r"\1", " ".join(raw.split())))
    if not m:
        raise ValueError(f"unreadable code {raw!r}")
    code, dates = m.group("code"), m.group("dates") or ""
    prefix = code[:3]
    country = CAMEO_COUNTRY.get(prefix, prefix)
    if country not in known:
        country = None
    role = code[3:6]
    if country and role in known and role not in ROLE_NAMES:  # "GBRVGBGOV": the British Virgin Islands
        country, role = role, code[6:9]
    start = end = None
    open_ended = False
    if dates.startswith(">"):
        start, open_ended = phoenix_date(dates[1:]), True
    elif dates.startswith("<"):
        end = phoenix_date(dates[1:])
    elif dates:
        a, _, b = dates.partition("-")
        start, end = phoenix_date(a), phoenix_date(b) if b else None
        open_ended = not b  # a lone date: from then on, as far as the entry knew
        if b and start > end:
            raise ValueError(f"spell ends before it starts: {raw!r}")
    return Code(country, prefix, role, start, end, open_ended, comment, raw)


def _cap_token(tok: str, first: bool) -> str:
    low = tok.lower()
    if re.fullmatch(r"[ivx]+", low) and not first:  # Elizabeth II
        return tok.upper()
    if "." in tok:  # "A.P.J.", "V."
        return tok.upper()
    if low in PARTICLES and not first:
        return low
    if "-" in tok:
        parts = tok.split("-")
        out = [_cap_token(parts[0], first)] + [p.lower() if p.lower() in PARTICLES else p.capitalize() for p in parts[1:]]
        return "-".join(out)
    word = low.capitalize()
    if word.startswith("Mc") and len(word) > 2:
        word = "Mc" + word[2:].capitalize()
    if "'" in word:  # O'Neill, D'Estaing
        a, _, b = word.partition("'")
        word = a + "'" + b.capitalize() if len(a) == 1 else word
    return word


def person_name(raw: str) -> str | None:
    """'SERGEY_V._LAVROV_' -> 'Sergey V. Lavrov'; None for titles, junk and one-word names."""
    if not raw or any(ch in raw for ch in ",()/&0123456789{}!"):
        return None
    toks = [t for t in re.split(r"[_\s]+", raw.strip().strip("_")) if t]
    if len(toks) < 2 or len(toks) > 5 or toks[0].upper() in ("ST.", "ST", "SAINT"):
        return None
    if toks[0].upper() in TITLE_WORDS or any(t.upper() in ORG_WORDS | NOT_NAME for t in toks) \
            or len(toks) == 2 and toks[0].lower() in PARTICLES:
        return None
    if not all(re.fullmatch(r"[A-Za-z][A-Za-z'.\-]*", t) for t in toks):
        return None
    if len(toks) == 2 and re.fullmatch(r"[A-Za-z]\.", toks[0]):
        return None  # "K. Annan": news writes the given name
    return " ".join(_cap_token(t, i == 0) for i, t in enumerate(toks))


def org_name(raw: str) -> str | None:
    """'PEOPLES_LIBERATION_ARMY' -> 'Peoples Liberation Army'; short one-word names are acronyms."""
    if not raw or any(ch in raw for ch in "(){}!/0123456789"):
        return None
    toks = [t for t in re.split(r"[_\s]+", raw.strip().strip("_")) if t]
    if not toks or not all(re.fullmatch(r"[A-Za-z][A-Za-z'.\-&]*", t) for t in toks):
        return None
    if toks[0].upper() in {"CHAIRMAN", "PRESIDENT", "MINISTER", "HEAD", "CHIEF", "SPEAKER", "MEMBER", "MEMBERS"}:
        return None  # a post, not the body
    if len(toks) == 1:
        t = toks[0]
        if len(t) <= 5 or not re.search(r"[AEIOUaeiou]", t):
            return t.upper()
        return t.capitalize()
    small = {"of", "the", "and", "for", "in", "on", "to", "de", "al", "el"}
    out = []
    for i, t in enumerate(toks):
        low = t.lower()
        out.append(low if i and low in small else t.capitalize() if len(t) > 4 or i == 0 else t.upper()
                   if not re.search(r"[aeiou]", low) else t.capitalize())
    return " ".join(out)


def _clip_open(c: Code) -> tuple[date | None, date | None]:
    start, end = c.start, c.end
    if c.open_ended and start is not None:
        end = min(start + timedelta(days=365 * OPEN_YEARS), PHOENIX_DATE)
        end = max(end, start)
    if start is None and end is not None and not c.open_ended and c.raw.split()[-1].startswith("<"):
        start = end - timedelta(days=365 * OPEN_YEARS)
    return start, end


def _subtract(spans: list[tuple], cut: list[tuple]) -> list[tuple]:
    """Interval difference on days; None is unbounded."""
    lo_inf, hi_inf = date.min, date.max
    out = []
    for s, e in spans:
        pieces = [(s or lo_inf, e or hi_inf)]
        for cs, ce in cut:
            cs, ce = cs or lo_inf, ce or hi_inf
            nxt = []
            for a, b in pieces:
                if ce < a or cs > b:
                    nxt.append((a, b))
                    continue
                if a < cs:
                    nxt.append((a, cs - timedelta(days=1)))
                if ce < b:
                    nxt.append((ce + timedelta(days=1), b))
            pieces = nxt
        out += [(None if a == lo_inf else a, None if b == hi_inf else b) for a, b in pieces]
    return out


def _merge(spans: list[tuple]) -> list[tuple]:
    lo_inf, hi_inf = date.min, date.max
    items = sorted(((s or lo_inf, e or hi_inf) for s, e in spans))
    out: list[list[date]] = []
    for a, b in items:
        if out and a <= out[-1][1] + timedelta(days=1):
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(None if a == lo_inf else a, None if b == hi_inf else b) for a, b in out]


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def phoenix_rows(shared: Path, known: frozenset[str], rep: Report):
    """People and organisations from the three Phoenix actor files."""
    people: dict[str, dict] = {}  # name -> {"also", "codes", "where"}
    orgs: list[dict] = []
    country_places: list[tuple[str, str, str]] = []  # (raw synonym, iso3, where): checked against GeoNames
    for fname in PHOENIX_FILES:
        path = shared / "reference" / "phoenix" / fname
        for b in parse_phoenix(path):
            where = f"{fname}:{b.line}"
            codes = []
            for raw, comment in b.codes:
                try:
                    codes.append(parse_code(raw, comment, known))
                except ValueError as err:
                    rep.drop("unreadable code or date", f"{where} {err}")
            if not codes:
                rep.drop("entry without a usable code", f"{where} {b.names[0]}")
                continue
            root = b.names[0]
            root_toks = set(re.split(r"[_\s]+", root.upper()))
            if all(c.role == "" and c.country for c in codes) and fname.startswith("Phoenix.Countries"):
                iso = codes[0].country
                country_places += [(nm, iso, where) for nm in b.names[1:]]
                continue
            is_org = bool(root_toks & ORG_WORDS) or (len(root_toks - {""}) == 1 and fname != "Phoenix.Countries.actors.txt")
            prefixes = {c.prefix for c in codes}
            if prefixes & {"MNC"}:
                rep.drop("company (MNC): not an actor of a state", f"{where} {root}")
                continue
            if is_org or "MilNonState" in fname:
                _phoenix_org(b, codes, where, orgs, rep)
                continue
            if "CountryInfo" not in b.comment and fname == "Phoenix.Countries.actors.txt" and not person_name(root):
                rep.drop("neither a person nor an organisation", f"{where} {root}")
                continue
            name = person_name(root)
            if name is None:
                rep.drop("person name unusable (title, initials, one word, junk)", f"{where} {root}")
                continue
            state_codes = [c for c in codes if c.country]
            if not state_codes:
                rep.drop("person with no country (IGO/NGO posts only)", f"{where} {name}")
                continue
            entry = people.setdefault(gz.name_key(name), {"name": name, "also": set(), "codes": [], "where": where})
            if name != entry["name"]:
                entry["also"].add(name)
            entry["codes"] += state_codes
            for syn in b.names[1:]:
                alt = person_name(syn)
                if alt and alt != entry["name"]:
                    entry["also"].add(alt)
                elif not alt:
                    rep.drop("synonym unusable (title form, one word)", f"{where} {syn}")
    return people, orgs, country_places


def _phoenix_org(b: Block, codes: list[Code], where: str, orgs: list[dict], rep: Report) -> None:
    names = [n for n in (org_name(x) for x in b.names) if n]
    words = [n for n in names if " " not in n and not (n.isupper() and len(n) >= 3)]
    for n in words:  # "Falcon", "Tigers", "Senate": a one-word name that is no acronym is a word
        rep.drop("one-word organisation name that is not an acronym", f"{where} {n}")
    names = [n for n in names if n not in words]
    if not names:
        rep.drop("organisation name unusable", f"{where} {b.names[0]}")
        return
    c = codes[0]
    if c.country is None:
        kind = NON_STATE_PREFIX.get(c.prefix)
        if kind is None and c.prefix in ("IMG",) or c.role in ("REB", "INS"):
            kind = "armed_group"
        if kind is None:
            rep.drop(f"organisation code {c.prefix} has no country and is no IGO/NGO", f"{where} {names[0]}")
            return
        orgs.append({"name": names[0], "also": names[1:], "iso3": "", "kind": kind,
                     "state_actor": "false", "start": "", "end": "", "where": where, "code": c.raw})
        return
    kind = ORG_KIND.get(c.role) or ("armed_group" if "MilNonState" in b.file else None)
    if kind is None:
        rep.drop(f"organisation role {c.role or 'none'} has no kind here", f"{where} {names[0]}")
        return
    state = "true" if c.role in STATE_ROLES else "" if c.role in UNKNOWN_ROLES else "false"
    if kind == "armed_group":
        state = "false"
    orgs.append({"name": names[0], "also": names[1:], "iso3": c.country, "kind": kind, "state_actor": state,
                 "start": "", "end": "", "where": where, "code": c.raw})


def people_rows(people: dict[str, dict], rep: Report) -> list[dict]:
    """One row per spell: spells acting for the state (GOV/MIL/SPY/COP/JUD) and unknown ones (LEG);
    a person with neither gets one undated non-state row (opposition, elite, business ...)."""
    rows = []
    for key in sorted(people):
        e = people[key]
        name = e["name"]
        countries = {c.country for c in e["codes"]}
        if len(countries) > 1:
            rep.drop("person coded for several countries", f"{e['where']} {name} {sorted(countries)}")
            continue
        iso = countries.pop()
        state = [c for c in e["codes"] if c.role in STATE_ROLES and (c.start or c.end)]
        unknown = [c for c in e["codes"] if c.role in UNKNOWN_ROLES and (c.start or c.end)]
        undated_state = [c for c in e["codes"] if c.role in STATE_ROLES | UNKNOWN_ROLES and not (c.start or c.end)]
        if undated_state:
            rep.drop("undated government spell (no proof of when): kept as unknown role", f"{e['where']} {name}")
        also = "|".join(sorted(e["also"]))
        where = e["where"]
        state_spans = _merge([_clip_open(c) for c in state])
        clipped = sum(c.open_ended for c in state)
        if clipped:
            rep.keep("open-ended spells closed (at most 6 years, never after 2014-01-30)", clipped)
        roles = "; ".join(sorted({c.comment or ROLE_NAMES.get(c.role, c.role) for c in state}))[:80]
        for s, t in state_spans:
            rows.append(_prow(name, also, iso, roles or "government", "true", s, t, where, state))
            also = ""
        unknown_spans = _subtract(_merge([_clip_open(c) for c in unknown]), state_spans)
        for s, t in unknown_spans:
            rows.append(_prow(name, also, iso, "legislature", "", s, t, where, unknown))
            also = ""
        if not state_spans and not unknown_spans:
            if undated_state:
                rows.append(_prow(name, also, iso, ROLE_NAMES.get(undated_state[0].role, "government"), "",
                                  None, None, where, undated_state))
            else:
                role = sorted({ROLE_NAMES.get(c.role, c.role or "unknown") for c in e["codes"]})[0]
                rows.append(_prow(name, also, iso, role, "false", None, None, where, e["codes"]))
    return rows


def _prow(name, also, iso, role, state, s, t, where, codes) -> dict:
    return {"name": name, "also": also, "iso3": iso, "role": role, "state_actor": state, "start": _iso(s),
            "end": _iso(t), "source": f"phoenix {PHOENIX_FILES[where.split(':')[0]]}: {where} "
                                      f"[{' '.join(sorted({c.raw for c in codes}))[:60]}]"}


_AGENT_CODE = re.compile(r"\[~([A-Z]*)\]")


def phoenix_agent_rows(shared: Path, hand: set[str], rep: Report) -> list[dict]:
    """Phoenix generic agents: macros (!PERSON!) expanded, {plurals} kept, code -> state or not."""
    path = shared / "reference" / "phoenix" / "Phoenix.agents.txt"
    macros: dict[str, list[str]] = {}
    rows: dict[str, dict] = {}
    for n, raw in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"^!(\w+)!\s*=\s*(.+)$", line)
        if m:
            macros[m.group(1)] = [w.strip().lower() for w in m.group(2).split(",")]
            continue
        code = _AGENT_CODE.search(line)
        if not code:
            rep.drop("agent line without a code", f"Phoenix.agents.txt:{n} {line[:40]}")
            continue
        role = code.group(1)[:3]
        state = "true" if role in STATE_ROLES else "" if role in UNKNOWN_ROLES | {"PPL", "ELI"} else "false"
        head = line[:code.start()]
        plural = re.search(r"\{([^}]*)\}", head)
        words = [re.sub(r"\{[^}]*\}", "", head).strip()]
        if plural and plural.group(1).strip():
            words += [p for p in plural.group(1).split() if p]
        else:  # "{}" or nothing: the regular plural, as PETRARCH forms it for agents
            words.append(_plural(words[0]))
        forms = []
        for w in words:
            mm = re.search(r"!(\w+)!", w)
            if mm:
                forms += [w.replace(mm.group(0), x.upper()) for x in macros.get(mm.group(1), [])]
            else:
                forms.append(w)
        forms = [" ".join(f.replace("_", " ").lower().split()) for f in forms]
        forms = [f for f in forms if re.fullmatch(r"[a-z][a-z .'\-]*", f)]
        if not forms:
            rep.drop("agent word unusable", f"Phoenix.agents.txt:{n} {line[:40]}")
            continue
        for f in forms:
            if f in hand:
                continue
            if f in rows and rows[f]["state_actor"] != state:
                rep.drop("agent word coded both ways (first kept)", f"{f}")
                continue
            rows.setdefault(f, {"word": f, "also": "", "state_actor": state,
                                "role": ROLE_NAMES.get(role, role or "unknown"),
                                "source": f"phoenix 2014: Phoenix.agents.txt:{n} [~{code.group(1)}]"})
    return list(rows.values())


def _plural(word: str) -> str:
    w = word.rstrip("_")
    if w.endswith(("S", "SH", "CH", "X", "Z")):
        return w + "ES"
    if w.endswith("Y") and w[-2:-1] not in "AEIOU":
        return w[:-1] + "IES"
    if w.endswith("MAN"):
        return w[:-3] + "MEN"
    return w + "S"
