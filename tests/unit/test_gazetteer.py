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
    hows = {"name", "capital", "demonym", "institution", "city", "located"}
    for a in gz.aliases():
        assert a.iso3 in known, a
        assert a.how in hows, a
        assert a.text[:1].isupper() or a.text[:1].isdigit(), f"never matched (matching is case-sensitive): {a}"
    texts = {a.text for a in gz.aliases()}
    for must in ("U.S.", "Britain", "Blue House", "Kremlin", "Soviet Union", "West Germany", "Sino-", "Zhongnanhai"):
        assert must in texts


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
