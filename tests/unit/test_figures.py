"""Unit tests for pipeline.figures: trade shares, partner ranks, values and balances between two countries.

Mentions are built by hand (surface -> ISO3), so these tests do not depend on the gazetteer."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from pipeline.figures import find_figures
from pipeline.schema import Mention

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_5bd6db2c55771876.txt"
PUB = date(2025, 12, 30)

NAMES = {
    "South Korea": "KOR", "Seoul": "KOR", "Korea": "KOR", "China": "CHN", "Beijing": "CHN", "Chinese": "CHN",
    "United States": "USA", "U.S.": "USA", "Washington": "USA", "Japan": "JPN", "Japanese": "JPN",
    "Taiwan": "TWN", "Canada": "CAN", "Kenya": "KEN", "Pakistan": "PAK", "Britain": "GBR",
    "Saudi Arabia": "SAU", "Norwegian": "NOR", "South Africa": "ZAF", "Israeli": "ISR", "Germany": "DEU",
    "France": "FRA", "North Korea": "PRK", "Australia": "AUS", "Mexico": "MEX", "Brazil": "BRA",
    "India": "IND", "UAE": "ARE",
}
_NAME_RX = re.compile("|".join(sorted(map(re.escape, NAMES), key=len, reverse=True)))


def mentions(sentence: str) -> list[Mention]:
    return [Mention(m.start(), m.end(), m[0], NAMES[m[0]], "name") for m in _NAME_RX.finditer(sentence)]


def figs(sentence: str, published: date | None = None) -> list[dict]:
    return find_figures(sentence, mentions(sentence), published)


def only(sentence: str, published: date | None = None) -> dict:
    found = figs(sentence, published)
    assert len(found) == 1, found
    return found[0]


def brief(f: dict) -> tuple:
    return f["source"], f["target"], f["indicator"], f["value"], f["unit"]


# --- the seed article's two figures ------------------------------------------------------------

def _seed_sentence(needle: str) -> str:
    text = SEED.read_text(encoding="utf-8")
    para = next(p for p in text.split("\n") if needle in p)
    return next(s for s in re.split(r"(?<=\.)\s+", para) if needle in s)


def test_seed_trade_share():
    sentence = _seed_sentence("accounts for about 20%")
    f = only(sentence, PUB)
    assert brief(f) == ("KOR", "CHN", "trade_share", 20.0, "percent")
    assert (f["approximate"], f["qualifier"]) == (True, "about")
    assert sentence[slice(*f["anchor"])] == "20"
    assert (f["source_text"], f["target_text"]) == ("South Korea", "China")


def test_seed_partner_rank():
    f = only(_seed_sentence("largest trading partner"), PUB)
    assert brief(f) == ("KOR", "CHN", "trade_partner_rank", 1.0, "rank")
    assert f["approximate"] is False


def test_seed_other_sentences_give_no_figure():
    for needle in ("North Korea's major ally", "rebuffed any calls", "controls on rare earths", "2017 deployment"):
        sentence = _seed_sentence(needle)
        assert figs(sentence, PUB) == [], sentence


# --- shares ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected, qualifier", [
    ("About 38 pct of Japan's exports go to the U.S.", ("JPN", "USA", "export_share", 38.0, "percent"), "about"),
    ("Nearly 80 pct of Canada's exports are shipped to the U.S. each year.",
     ("CAN", "USA", "export_share", 80.0, "percent"), "nearly"),
    ("Kenya provides over 50 pct of Pakistan's tea imports.", ("PAK", "KEN", "import_share", 50.0, "percent"),
     "more_than"),
    ("Japan's exports to the United States accounted for 38.5% of its total exports.",
     ("JPN", "USA", "export_share", 38.5, "percent"), None),
])
def test_shares(sentence, expected, qualifier):
    f = only(sentence)
    assert brief(f) == expected
    assert f["qualifier"] == qualifier and f["approximate"] == (qualifier is not None)


def test_share_names_its_product():
    assert only("Kenya provides over 50 pct of Pakistan's tea imports.")["product"] == "tea"
    assert only("About 38 pct of Japan's exports go to the U.S.")["product"] is None


def test_growth_rate_is_not_a_share():
    assert figs("U.S. exports to Japan rose 20 pct in 1986.") == []


# --- ranks -------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Canada is the largest trading partner of the United States.", ("USA", "CAN", "trade_partner_rank", 1.0)),
    ("South Korea's largest trading partner, China, bought more chips.", ("KOR", "CHN", "trade_partner_rank", 1.0)),
    ("Japan is the second-largest export market for Australia.", ("AUS", "JPN", "export_partner_rank", 2.0)),
    ("It hurts as Pakistan is Kenya's second largest market.", ("KEN", "PAK", "export_partner_rank", 2.0)),
    ("China has become Japan's top supplier.", ("JPN", "CHN", "import_partner_rank", 1.0)),
])
def test_ranks(sentence, expected):
    assert brief(only(sentence))[:4] == expected


def test_rank_for_one_product_says_so():
    f = only("Lyng noted that Japan is the largest buyer of U.S. farm products.")
    assert brief(f)[:4] == ("USA", "JPN", "export_partner_rank", 1.0)
    assert f["product"] == "farm products"


@pytest.mark.parametrize("sentence", [
    "China is North Korea's major ally and economic lifeline.",
    "Japan is one of South Korea's largest trading partners.",
    "Saudi Arabia is Britain's largest export market in the Middle East.",
    "Seoul is South Korea's largest trading partner.",  # the same country twice
])
def test_no_rank(sentence):
    assert figs(sentence) == []


# --- values and balances -----------------------------------------------------------------------

def test_export_value_with_scale_in_value():
    f = only("Japan's exports to the United States rose to $120 billion in 2025.")
    assert brief(f) == ("JPN", "USA", "export_value", 120e9, "USD")
    assert (f["scale"], f["period"]) == ("billion", "2025")


def test_reuters_deficit_is_negative():
    f = only("The record was the U.S. trade deficit with Japan of 58.6 billion dlrs in 1986.", date(1987, 3, 1))
    assert brief(f) == ("USA", "JPN", "trade_balance", -58.6e9, "USD")
    assert f["period"] == "1986"


def test_surplus_with_money_before_noun_and_relative_period():
    f = only("Japan had a 58.6 billion dlr trade surplus with the U.S. last year.", date(1987, 3, 1))
    assert brief(f) == ("JPN", "USA", "trade_balance", 58.6e9, "USD")
    assert f["period"] == "1986"
    f = only("South Korea's record 7.1 billion dlrs trade surplus with the U.S. is bound to diminish.")
    assert brief(f) == ("KOR", "USA", "trade_balance", 7.1e9, "USD")


def test_level_not_change_not_old_level():
    f = only("Japan's trade surplus with the U.S. rose 1.5 billion dlrs to 5.3 billion dlrs in February.",
             date(1987, 3, 10))
    assert f["value"] == 5.3e9 and f["period"] == "1987-02"
    now, before = figs("Taiwan's 1986 trade surplus with the United States was a record 13.6 billion U.S. dlrs, "
                       "up from 10.2 billion in 1985.")
    assert (now["value"], now["unit"], now["period"]) == (13.6e9, "USD", "1986")
    # the earlier-period value is a figure too, with its own period (modern_dev README, Figures)
    assert (before["value"], before["unit"], before["period"]) == (10.2e9, "USD", "1985")
    assert figs("Japan's exports to the U.S. rose by $5 billion last year.") == []


def test_amount_without_currency_borrows_the_previous_one():
    before, now = figs("In ten years Israeli exports to the U.S. rose from 417 mln dlrs to 2.3 billion in 1986.")
    assert brief(now) == ("ISR", "USA", "export_value", 2.3e9, "USD") and now["period"] == "1986"
    assert brief(before) == ("ISR", "USA", "export_value", 417e6, "USD") and before["period"] is None


def test_currencies():
    f = only("Norwegian imports from South Africa dropped 36 pct to 160 mln crowns in 1986.")
    assert brief(f) == ("NOR", "ZAF", "import_value", 160e6, "NOK")
    f = only("Japan's exports to China reached 1.2 trillion yen.")
    assert (f["value"], f["unit"], f["scale"]) == (1.2e12, "JPY", "trillion")
    assert only("Germany's exports to France reached €10bn.")["unit"] == "EUR"


def test_trade_value_between_two_and_period_text():
    sentence = "Trade between China and South Korea totalled some $300 billion in the first half of 2025."
    f = only(sentence, PUB)
    assert brief(f) == ("CHN", "KOR", "trade_value", 300e9, "USD")
    assert (f["qualifier"], f["period"]) == ("about", "first half of 2025")
    assert sentence[slice(*f["anchor"])] == "300"


def test_verb_form_values():
    f = only("The ministry said Britain exported 1.5 billion stg worth of goods to Saudi Arabia last year.")
    assert brief(f) == ("GBR", "SAU", "export_value", 1.5e9, "GBP")


# --- what is not a figure ----------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "South Korea's population of 51 million is smaller than Japan's 125 million.",
    "The clashes between China and Taiwan killed 20 people in 1996.",
    "China's economy grew 5% in 2025 while Japan's grew 1%.",
    "Japan and China met on January 4 to discuss 2,000 tonnes of rice.",
    "South Korea's trade surplus rose to $5 billion in 2025.",  # one country: no pair
    "Japan's trade surplus with Japan rose to $5 billion.",  # a country never pairs with itself
    "The U.S. trade deficit with Japan is a problem, Canada said.",  # no number
])
def test_not_figures(sentence):
    assert figs(sentence) == []


def test_one_country_only_returns_nothing_fast():
    assert find_figures("Japan's exports rose 5% to $1 billion.", mentions("Japan's exports"), None) == []


def test_share_of_a_flow_named_by_its_partner_is_not_the_partners_share():
    # Reuters 1987: the 80 pct is crude oil's share of those imports, not the Soviet Union's share.
    sentence = "The fall in the price of crude oil, which accounts for 80 pct of Finnish imports from the Soviet Union."
    ms = [Mention(sentence.index("Finnish"), sentence.index("Finnish") + 7, "Finnish", "FIN", "demonym"),
          Mention(sentence.index("Soviet Union"), sentence.index("Soviet Union") + 12, "Soviet Union", "RUS", "name")]
    assert find_figures(sentence, ms, date(1987, 3, 1)) == []


def test_period_is_a_calendar_period_not_a_window():
    f = only("Taiwan's surplus with the U.S. in the past two years was 20 billion dlrs.", date(1987, 3, 1))
    assert f["period"] is None


def test_balance_in_some_products_says_so():
    f = only("Last year, Japan racked up a 3.6 billion dlr trade surplus with the United States in these products.")
    assert brief(f) == ("JPN", "USA", "trade_balance", 3.6e9, "USD")
    assert f["product"] == "these products"


def test_modern_phrasings():
    f = only("Mexico overtook China as the largest trading partner of the United States in 2023.")
    assert brief(f)[:4] == ("USA", "MEX", "trade_partner_rank", 1.0)
    f = only("Canada buys about 17% of U.S. exports.")
    assert brief(f) == ("USA", "CAN", "export_share", 17.0, "percent")
    f = only("Brazil sold $60 billion of soybeans to China in 2023.")
    assert (brief(f), f["product"], f["period"]) == (("BRA", "CHN", "export_value", 60e9, "USD"), "soybeans", "2023")
    f = only("Two-way trade between India and the UAE reached $85 billion in 2022-23.")
    assert (brief(f), f["period"]) == (("IND", "ARE", "trade_value", 85e9, "USD"), "2022/23")


def test_relative_clause_that_states_the_level():
    f = only("Congress is angry about the U.S. trade deficit with Japan, which hit 58 billion dlrs last year.",
             date(1987, 3, 1))
    assert (brief(f), f["period"]) == (("USA", "JPN", "trade_balance", -58e9, "USD"), "1986")
    assert figs("the U.S. deficit with Japan, which worries Congress, and 5 billion dlrs of aid") == []


def test_private_use_characters_in_the_text_are_not_slots():
    sentence = "\ue005 China is South Korea's largest trading partner \ue0ff\ue100."
    f = only(sentence)
    assert brief(f)[:3] == ("KOR", "CHN", "trade_partner_rank")
