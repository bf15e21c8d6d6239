"""find_mentions and resolve: metonymy, leaders by date, introduced people, and the traps
(airlines, seas, publishers, first names) that must not become countries."""
import gzip
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.actors import find_mentions, resolve
from pipeline.commands.resolve import resolve_line

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_5bd6db2c55771876.txt"
REUTERS = ROOT.parent / "shared" / "corpus" / "reuters21578.jsonl.gz"
D = date(2025, 12, 30)


def found(text, published=D):
    return [(m.text, m.country, m.how) for m in find_mentions(text, published)]


def countries(text, published=D):
    return {m.country for m in find_mentions(text, published)}


def test_capitals_and_seats_of_government_are_metonyms():
    assert found("Seoul and Beijing agreed.") == [("Seoul", "KOR", "capital"), ("Beijing", "CHN", "capital")]
    assert found("the Blue House said") == [("Blue House", "KOR", "institution")]
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
    assert found("SEOUL, Dec 30 (Reuters) - Officials said.")[0] == ("SEOUL", "KOR", "capital")
    assert found("Headline\nNEW YORK, March 3 - Stocks rose.", date(1987, 3, 3)) == [("NEW YORK", "USA", "city")]
    assert found("PORTLAND, March 3 - Stocks rose.", date(1987, 3, 3)) == []


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
    assert found("Moon Jae-in said", date(2024, 6, 1)) == []
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
                                         "how": "institution"}
    assert resolve("Moon Jae-in", date(2019, 1, 1))["country"] == "KOR"
    out = resolve("Moon Jae-in", date(2024, 1, 1))
    assert out["country"] is None and "not in office" in out["note"]
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
    assert [o["country"] for o in out] == ["KOR", None, "CHN", None]
    assert out[2]["how"] == "institution" and out[3]["text"] is None and "error" in out[3]


@pytest.mark.skipif(not REUTERS.exists(), reason="shared Reuters corpus not available")
def test_reuters_document_countries_floor():
    """Countries found per article vs the editors' places_iso3 tags, first 3,000 bodies (bench/mentions_speed.py
    runs the whole corpus). Floors pinned a little under what was measured."""
    tp = fp = fn = 0
    n = 0
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if not d.get("text") or not d.get("places_iso3"):
                continue
            pred = {m.country for m in find_mentions(d["text"], date.fromisoformat(d["published"]))}
            gold = set(d["places_iso3"])
            tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
            n += 1
            if n >= 3000:
                break
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    # measured 0.719 / 0.648 (recall is capped by USA tags that come from datelines, not the body)
    assert precision >= 0.71 and recall >= 0.635, (precision, recall)
