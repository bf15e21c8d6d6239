"""find_mentions and resolve: metonymy, leaders by date, introduced people, and the traps
(airlines, seas, publishers, first names) that must not become countries."""
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.actors import find_mentions, resolve
from pipeline.commands.resolve import resolve_line

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_5bd6db2c55771876.txt"
D = date(2025, 12, 30)


def found(text, published=D):
    return [(m.text, m.country, m.how) for m in find_mentions(text, published)]


def countries(text, published=D):
    return {m.country for m in find_mentions(text, published)}


def test_capitals_and_seats_of_government_are_metonyms():
    assert found("Seoul and Beijing agreed.") == [("Seoul", "KOR", "capital"), ("Beijing", "CHN", "capital")]
    assert found("the Blue House said") == [("Blue House", "KOR", "government")]
    assert found("The Kremlin denied it.")[0][:2] == ("Kremlin", "RUS")
    assert found("Beijing's effective ban on K-pop") == [("Beijing", "CHN", "capital")]
    assert countries("Downing Street and the Elysee and the White House") == {"GBR", "FRA", "USA"}


def test_offsets_point_into_the_text():
    text = "Officials in Washington said South Korea's exports rose."
    for m in find_mentions(text, D):
        assert text[m.start:m.end] == m.text
    starts = [m.start for m in find_mentions(text, D)]
    assert starts == sorted(starts)


def test_possessives_hyphens_and_sentence_end():
    assert found("South Korea's President") [0] == ("South Korea", "KOR", "name")
    assert found("a U.S.-led missile defence system")[0][:2] == ("U.S.", "USA")
    assert found("ties with the U.S.")[0][:2] == ("U.S.", "USA")
    assert countries("the China-South Korea strategic partnership") == {"CHN", "KOR"}
    assert found("Sino-Japanese relations") == [("Sino", "CHN", "demonym"), ("Japanese", "JPN", "demonym")]
    assert found("a Seoul-based think-tank")[0][:2] == ("Seoul", "KOR")


def test_all_caps_headlines():
    assert countries("LEE BALANCING SEOUL'S TIES WITH BOTH US AND CHINA") == {"KOR", "USA", "CHN"}
    assert countries("JAPAN SAYS TRADE SURPLUS WITH U.S. NARROWS", date(1987, 4, 1)) == {"JPN", "USA"}


def test_wire_datelines():
    assert found("SEOUL, Dec 30 (Reuters) - Officials said.")[0] == ("SEOUL", "KOR", "dateline")
    assert found("Headline\nNEW YORK, March 3 - Stocks rose.", date(1987, 3, 3)) == [("NEW YORK", "USA", "dateline")]
    assert found("PORTLAND, March 3 - Stocks rose.", date(1987, 3, 3)) == [("PORTLAND", "USA", "dateline")]


def test_things_that_are_not_countries():
    for text in ("This article has not been edited by Global South World.", "He flew Korean Air to Paris's rival",
                 "patrols in the South China Sea", "a ticket on Air China", "Bank of America raised rates",
                 "the New Mexico legislature", "across the Indian Ocean", "peace on the Korean Peninsula",
                 "Michael Jordan scored", "Jordan Peterson spoke", "Chad Smith drums", "roast turkey with gravy",
                 "paid with American Express", "the Washington Post reported"):
        assert "KOR" not in countries(text) and countries(text) <= {"FRA"}, text
    assert countries("piracy in the Gulf of Guinea and the Niger Delta") == set()
    assert countries("Jordan and Egypt signed") == {"JOR", "EGY"}
    assert countries("King Hussein of Jordan") == {"JOR"}


def test_territories_beat_the_country_inside_their_name():
    assert found("the U.S. Virgin Islands and the British Virgin Islands") == [
        ("U.S. Virgin Islands", "VIR", "name"), ("British Virgin Islands", "VGB", "name")]
    assert countries("American Samoa and French Polynesia") == {"ASM", "PYF"}
    assert countries("Chinese Taipei") == {"TWN"}


def test_historical_names_follow_the_date():
    assert countries("the Soviet Union and West Germany", date(1987, 3, 1)) == {"RUS", "DEU"}
    assert countries("Soviet officials", date(1987, 3, 1)) == {"RUS"}
    assert countries("Congo", date(1987, 3, 1)) == {"COG"}
    assert countries("Congo", date(2020, 3, 1)) == {"COD"}
    assert countries("Georgia", date(1987, 3, 1)) == set()  # then a Soviet republic (or a US state)
    assert countries("Taiwan and Hong Kong", date(1987, 3, 1)) == {"TWN", "HKG"}


def test_leaders_resolve_only_within_their_spell():
    assert found("Moon Jae-in said", date(2019, 6, 1)) == [("Moon Jae-in", "KOR", "leader")]
    assert found("Moon Jae-in said", date(2024, 6, 1)) == [("Moon Jae-in", "KOR", "person")]  # no longer acts for the state
    assert countries("President Reagan met Gorbachev.", date(1987, 3, 1)) == {"USA", "RUS"}
    assert countries("Prime Minister Nakasone said", date(1987, 3, 1)) == {"JPN"}
    assert countries("Chancellor Kohl said", date(1987, 3, 1)) == {"DEU"}


def test_bare_surnames_need_the_article_or_a_title():
    text = "South Korean President Lee Jae Myung will meet Chinese counterpart Xi Jinping. Later Lee met Xi."
    assert [m for m in found(text) if m[0] in ("Lee", "Xi")] == [("Lee", "KOR", "leader"), ("Xi", "CHN", "leader")]
    # someone else called Lee is no president
    assert found("By Joyce Lee and Ethan Wang") == []
    assert found("REUTERS/Kim Hong-Ji/File Photo") == []
    assert countries("During the previous Lee-Xi meeting in Seoul and Beijing") == {"KOR", "CHN"}
    # a common word is a surname only with a title
    assert countries("in May the price rose", date(2017, 5, 3)) == set()
    assert countries("Britain's Prime Minister May said", date(2017, 5, 3)) == {"GBR"}
    # a title must fit: in 2018 "President Obama" is out of office, not Equatorial Guinea's PM Obama Asue
    assert countries("President Obama said", date(2018, 6, 1)) == set()
    assert countries("President Obama said", date(2012, 6, 1)) == {"USA"}


def test_a_title_picks_the_office():
    assert found("President Lee said", date(2010, 1, 1)) == [("Lee", "KOR", "leader")]  # Lee Myung-bak
    assert found("Prime Minister Lee said", date(2010, 1, 1)) == [("Lee", "SGP", "leader")]  # Lee Hsien Loong
    assert countries("French President Emmanuel Macron", date(2018, 6, 1)) == {"FRA"}  # also Andorra's co-prince


WORDS = ["South Korea's", "U.S.-led", "Seoul", "Lee", "Xi", "Korean Air", "China", "said", "the", "Blue House",
         "LEE", "BEIJING", "Jordan", "Smith", "President", "Kim", "-", ",", ".", "\n", "Moon Jae-in", "Sino-"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=25), st.sampled_from([None, D]))
def test_mentions_are_sorted_disjoint_spans_of_the_text(parts, published):
    text = " ".join(parts)
    ms = find_mentions(text, published)
    for a, b in zip(ms, ms[1:], strict=False):
        assert a.end <= b.start
    for m in ms:
        assert text[m.start:m.end] == m.text and m.country and m.how


def test_introduced_people_keep_their_country():
    text = ("China's Foreign Ministry spokesperson Lin Jian told a briefing. "
            "Lin said ties were good.")
    got = found(text)
    assert ("Lin Jian", "CHN", "person") in got and ("Lin", "CHN", "person") in got
    got = found("Wang Yi, China's foreign minister, said so. Later Wang met them.", date(2023, 3, 1))
    assert ("Wang Yi", "CHN", "person") in got and ("Wang", "CHN", "person") in got
    assert found("Indonesian President Suharto met Japanese officials", date(1987, 3, 1))[1] == \
        ("Suharto", "IDN", "leader")


def test_seed_article_mentions():
    text = SEED.read_text(encoding="utf-8")
    got = found(text)
    by_text = {}
    for t, c, _how in got:
        by_text.setdefault(t, set()).add(c)
    for name, iso in [("Lee", "KOR"), ("Xi", "CHN"), ("Seoul", "KOR"), ("Beijing", "CHN"), ("Blue House", "KOR"),
                      ("China's Foreign Ministry", "CHN"), ("North Korea", "PRK"), ("Lee Jae Myung", "KOR"),
                      ("Xi Jinping", "CHN"), ("Lin Jian", "CHN"), ("United States", "USA"), ("U.S.", "USA"),
                      ("Shanghai", "CHN"), ("South Korea", "KOR")]:
        assert by_text.get(name) == {iso}, name
    assert {c for _, c, _ in got} == {"KOR", "CHN", "PRK", "USA"}
    assert "Global South World" not in {t for t, _, _ in got}
    for m in find_mentions(text, D):
        assert text[m.start:m.end] == m.text


def test_resolve_single_strings():
    assert resolve("Seoul")["country"] == "KOR"
    assert resolve("the Blue House") == {"text": "the Blue House", "country": "KOR", "matched": "Blue House",
                                         "how": "government", "state_actor": True}
    assert resolve("Moon Jae-in", date(2019, 1, 1))["country"] == "KOR"
    out = resolve("Moon Jae-in", date(2024, 1, 1))  # docs/contract.md: still South Korean, no state actor
    assert out["country"] == "KOR" and out["state_actor"] is False and "not in office" in out["note"]
    assert resolve("Moon Jae-in")["country"] == "KOR"  # no date, one country across all spells
    assert resolve("Lee", D)["country"] == "KOR"  # in office on the date
    assert resolve("Korean Air")["country"] is None
    assert resolve("U.S.-led coalition")["country"] == "USA"


def test_resolve_line_never_raises():
    assert resolve_line("{not json")["error"].startswith("bad JSON")
    assert resolve_line('{"txt": 1}')["text"] is None
    assert "bad date" in resolve_line('{"text": "Seoul", "date": "yesterday"}')["error"]
    assert resolve_line('{"text": "Seoul", "date": "2025-12-30T08:00:00Z"}')["country"] == "KOR"


def test_resolve_cli_round_trip():
    lines = [{"text": "Moon Jae-in", "date": "2019-06-01"}, {"text": "Moon Jae-in", "date": "2024-06-01"},
             {"text": "Zhongnanhai"}]
    stdin = "\n".join(json.dumps(x) for x in lines) + "\nthis is not json\n"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "resolve"], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [o["country"] for o in out] == ["KOR", "KOR", "CHN", None]
    assert [o.get("state_actor") for o in out[:3]] == [True, False, True]
    assert out[2]["how"] == "government" and out[3]["text"] is None and "error" in out[3]


def states(text, published=D):
    return [(m.text, m.country, m.how, m.state_actor) for m in find_mentions(text, published)]


def test_generic_agents_say_whether_the_state_acts():
    assert states("Chinese police detained Chinese protesters.") == [
        ("Chinese", "CHN", "demonym", True), ("Chinese", "CHN", "demonym", False)]
    assert states("China said") == [("China", "CHN", "name", True)]
    assert states("Chinese tourists") == [("Chinese", "CHN", "demonym", False)]
    assert states("a Chinese") == [("Chinese", "CHN", "demonym", None)]  # a demonym alone says nothing
    assert resolve("Chinese police")["state_actor"] is True
    assert resolve("Chinese police")["matched"] == "Chinese police"
    assert resolve("police") == {"text": "police", "country": None, "matched": "police", "how": "agent",
                                 "state_actor": True}


def test_people_resolve_by_the_date_of_their_spells():
    assert states("Sergei Lavrov said", date(2020, 1, 1)) == [("Sergei Lavrov", "RUS", "person", True)]
    assert states("Mike Pompeo said", date(2023, 1, 1)) == [("Mike Pompeo", "USA", "person", False)]
    assert states("Mike Pompeo said", date(2019, 1, 1)) == [("Mike Pompeo", "USA", "person", True)]
    # a former leader keeps the country and no longer acts for it
    assert resolve("Shinzo Abe", date(2021, 6, 1))["country"] == "JPN"
    assert resolve("Shinzo Abe", date(2021, 6, 1))["state_actor"] is False
    # an opposition figure never acts for the state
    assert resolve("Alexei Navalny", date(2021, 1, 1))["state_actor"] is False
    # a distinctive surname alone, in the years of its spells; a common one never
    assert states("Lavrov said", date(2020, 1, 1)) == [("Lavrov", "RUS", "person", True)]
    assert states("Lavrov said", date(1987, 1, 1)) == []
    assert states("Wang said", date(2020, 1, 1)) == []


def test_the_articles_own_title_says_who_acts_for_the_state():
    # out of office on the day of publication, but the article calls him Secretary of State: it
    # narrates his time in office ("On Nov. 2, ... called"), so he acts for the state
    on = date(2018, 6, 1)
    assert states("US Secretary of State Rex Tillerson called", on)[1] == ("Rex Tillerson", "USA", "person", True)
    assert states("Russia's Minister of Foreign Affairs Sergei Lavrov said", date(2020, 1, 1))[1][3] is True
    # "former" before the country word, or no title at all: his country, not the state
    assert states("Former US Secretary of State Rex Tillerson called", on)[1] == \
        ("Rex Tillerson", "USA", "person", False)
    assert states("Rex Tillerson called", on) == [("Rex Tillerson", "USA", "person", False)]


def test_a_title_and_surname_resolve_from_the_tables_or_the_article():
    assert states("Foreign Minister Wang said", date(2024, 3, 1)) == [("Wang", "CHN", "person", True)]
    assert states("Defence Minister Kim said", date(2024, 10, 1)) == [("Kim", "KOR", "person", True)]
    assert states("Defence Minister Kim said", date(2024, 3, 1)) == []  # Shin Won-sik held the post then
    # the article gives the title a country in another sentence
    text = "South Korea's defence minister flew to Delhi. Defence Minister Park said the talks went well."
    assert ("Park", "KOR", "person", True) in states(text, date(2030, 1, 1))
    # ... but not the country of the counterpart he met
    text = "India's defence minister spoke. Defence Minister Park met his Indian counterpart on Monday."
    assert [s for s in states(text, date(2030, 1, 1)) if s[0] == "Park"] == []
    # a former title is no state role
    assert states("former Foreign Minister Wang said", date(2024, 3, 1)) == [] or \
        states("former Foreign Minister Wang said", date(2024, 3, 1))[0][3] is False


def test_organisations_carry_their_kind_and_dates():
    assert states("The IRGC fired missiles.") == [("IRGC", "IRN", "military", True)]
    assert states("Hamas said") == [("Hamas", "PSE", "armed_group", False)]
    assert states("the Taliban", date(2010, 1, 1))[0][2:] == ("armed_group", False)
    assert states("the Taliban", date(2023, 1, 1))[0][2:] == ("government", True)
    assert states("the Liberal Democratic Party", date(2020, 1, 1))[0][1:] == ("JPN", "party", True)
    assert states("the Liberal Democratic Party", date(2010, 6, 1))[0][1:] == ("JPN", "party", False)
    assert states("the Constitutional Democratic Party", date(2020, 1, 1))[0][3] is False
    # international bodies are not states, and a publisher is not what the story is about
    assert states("NATO and the EU said") == []
    assert resolve("NATO")["country"] is None and resolve("NATO")["how"] == "international"
    assert states("Xinhua reported") == []
    assert resolve("Xinhua")["country"] == "CHN" and resolve("Xinhua")["state_actor"] is False


def test_places_name_where_not_who():
    assert states("shelling in Kharkiv") == [("Kharkiv", "UKR", "city", False)]
    assert states("in Crimea", date(2023, 1, 1)) == [("Crimea", "UKR", "occupied", False)]
    assert states("in Abkhazia") == [("Abkhazia", "GEO", "breakaway", False)]
    assert states("ANKARA, May 3 - Turkey said", date(2024, 5, 3)) == [
        ("ANKARA", "TUR", "dateline", False), ("Turkey", "TUR", "name", True)]
    assert resolve("ANKARA, May 3 -", date(2024, 5, 3))["how"] == "dateline"
