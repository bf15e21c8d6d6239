"""Unit tests for pipeline.figures: trade shares, partner ranks, values and balances between two countries.

Mentions are built by hand (surface -> ISO3), so these tests do not depend on the gazetteer."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from pipeline.figures import FigureContext, find_figures
from pipeline.schema import Mention

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_5bd6db2c55771876.txt"
PUB = date(2025, 12, 30)

NAMES = {
    "South Korea": "KOR", "Seoul": "KOR", "Korea": "KOR", "China": "CHN", "Beijing": "CHN", "Chinese": "CHN",
    "United States": "USA", "U.S.": "USA", "US": "USA", "Washington": "USA", "Japan": "JPN", "Japanese": "JPN",
    "Taiwan": "TWN", "Canada": "CAN", "Kenya": "KEN", "Pakistan": "PAK", "Britain": "GBR", "British": "GBR",
    "Saudi Arabia": "SAU", "Norwegian": "NOR", "South Africa": "ZAF", "Israeli": "ISR", "Germany": "DEU",
    "France": "FRA", "North Korea": "PRK", "Australia": "AUS", "Mexico": "MEX", "Brazil": "BRA",
    "India": "IND", "Indian": "IND", "UAE": "ARE", "Vietnam": "VNM", "Bangladesh": "BGD", "Uganda": "UGA",
    "Tanzania": "TZA", "Rwanda": "RWA", "Nigeria": "NGA", "Egypt": "EGY", "Indonesia": "IDN", "Russia": "RUS",
    "Russian": "RUS", "Turkey": "TUR", "Italy": "ITA", "Chile": "CHL", "Peru": "PER", "Sri Lanka": "LKA",
    "Nepal": "NPL", "Ethiopia": "ETH", "Ghana": "GHA", "Malaysia": "MYS", "Thailand": "THA", "Poland": "POL",
    "Philippines": "PHL", "Singapore": "SGP", "Argentina": "ARG", "Vietnamese": "VNM", "Kenyan": "KEN",
    "Ugandan": "UGA", "Brazilian": "BRA", "Australian": "AUS", "Mexican": "MEX", "Canadian": "CAN",
    "Zambia": "ZMB", "Angola": "AGO", "Qatar": "QAT", "Iran": "IRN", "Switzerland": "CHE", "Netherlands": "NLD",
}
DEMONYMS = {"Chinese", "Japanese", "British", "Norwegian", "Israeli", "Indian", "Russian", "Vietnamese", "Kenyan",
            "Ugandan", "Brazilian", "Australian", "Mexican", "Canadian"}
_NAME_RX = re.compile(r"(?<![\w$])(?:" + "|".join(sorted(map(re.escape, NAMES), key=len, reverse=True)) + r")(?![\w])")


def mentions(sentence: str) -> list[Mention]:
    return [Mention(m.start(), m.end(), m[0], NAMES[m[0]], "demonym" if m[0] in DEMONYMS else "name")
            for m in _NAME_RX.finditer(sentence)]


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


# --- values in any currency and scale ---------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Vietnam's exports to the United States climbed to $4.2bn in March.", ("VNM", "USA", "export_value", 4.2e9, "USD")),
    ("Australia's exports to China were worth seven billion dollars in the quarter.",
     ("AUS", "CHN", "export_value", 7e9, "USD")),
    ("Italy's imports from Russia reached €12 billion last year.", ("ITA", "RUS", "import_value", 12e9, "EUR")),
    ("China's exports to Nigeria rose to 9.8 billion yuan.", ("CHN", "NGA", "export_value", 9.8e9, "CNY")),
    ("Kenya's exports to Tanzania stood at Sh100 billion in 2023.", ("KEN", "TZA", "export_value", 100e9, "KES")),
    ("Uganda's imports from Kenya were Ush 1.5 trillion.", ("UGA", "KEN", "import_value", 1.5e12, "UGX")),
    ("Trade between China and Brazil reached US$1.2 trillion over the decade.", ("CHN", "BRA", "trade_value", 1.2e12, "USD")),
    ("Mexico's exports to the United States totalled 39,543 million dollars.", ("MEX", "USA", "export_value", 39543e6, "USD")),
    ("India's trade with the UAE touched USD 85 billion.", ("IND", "ARE", "trade_value", 85e9, "USD")),
    ("Turkey's exports to Germany hit 21.1 billion euros.", ("TUR", "DEU", "export_value", 21.1e9, "EUR")),
    ("India's imports from Nepal were Rs 8,000 crore.", ("IND", "NPL", "import_value", 8e10, "INR")),
])
def test_values_in_currencies_and_scales(sentence, expected):
    assert brief(only(sentence)) == expected


def test_value_as_written_keeps_scale_and_anchor():
    sentence = "Uganda's imports from Kenya were Ush 1.5 trillion."
    f = only(sentence)
    assert f["scale"] == "trillion" and sentence[slice(*f["anchor"])] == "1.5"


@pytest.mark.parametrize("sentence, expected", [
    # Ush is the Ugandan shilling whoever reports; Sh is the pair's own shilling, the Kenyan one by default
    ("Rwanda's exports to Uganda stood at Sh40 billion.", "UGX"),
    ("Tanzania's exports to Rwanda rose to Sh50 billion.", "TZS"),
    ("Uganda's exports to Kenya rose to Sh116 billion.", "KES"),
    ("India's exports to Nepal rose to Rs 9,000 crore.", "INR"),
    ("Pakistan's exports to Afghanistan... Pakistan's imports from China were Rs 500 billion.", "PKR"),
])
def test_local_currencies_follow_the_pair(sentence, expected):
    assert figs(sentence)[-1]["unit"] == expected


def test_crowns_without_a_crown_country_give_nothing():
    assert figs("Japan's exports to China rose to 160 mln crowns.") == []


# --- earlier-period values and several values in one sentence -----------------------------------------

def test_earlier_values_are_figures_with_their_own_period():
    sentence = "Bangladesh's exports to India rose to $2.1 billion in 2023 from $1.8 billion in 2022."
    now, before = figs(sentence)
    assert brief(now) == ("BGD", "IND", "export_value", 2.1e9, "USD") and now["period"] == "2023"
    assert brief(before) == ("BGD", "IND", "export_value", 1.8e9, "USD") and before["period"] == "2022"


@pytest.mark.parametrize("sentence, values", [
    ("Japan's exports to Vietnam fell from $28.1 billion to $17.5 billion.", [28.1e9, 17.5e9]),
    ("Trade between Chile and China stood at $65 billion as against $58 billion a year earlier.", [65e9, 58e9]),
    ("Canada's exports to Mexico were $9 billion, compared with $7.5 billion in 2021.", [9e9, 7.5e9]),
    ("Egypt's imports from Turkey stood at $3.2 billion, down from $4 billion.", [3.2e9, 4e9]),
    ("Ghana's exports to China rose 12 per cent to $1.4 billion.", [1.4e9]),
    ("Malaysia's exports to Singapore rose by $2 billion to $30 billion.", [30e9]),
])
def test_levels_not_changes(sentence, values):
    assert [f["value"] for f in figs(sentence)] == values


def test_respectively_splits_values_over_the_partners():
    found = figs("India's exports to the United States and China were $78 billion and $15 billion, respectively.")
    assert [brief(f) for f in found] == [("IND", "USA", "export_value", 78e9, "USD"),
                                         ("IND", "CHN", "export_value", 15e9, "USD")]


def test_combined_partners_give_no_figure():
    assert figs("India's exports to Bangladesh, Nepal and Sri Lanka totalled $15 billion.") == []
    assert figs("Exports to Nepal and Bangladesh reached $12 billion, India said.") == []


def test_a_second_partner_in_the_same_clause_takes_its_own_values():
    sentence = ("The U.S. trade deficit with Latin America rose to 2.6 billion dlrs, with Japan increased "
                "700 mln dlrs to 14.8 billion dlrs and with Western Europe rose to 7.2 billion dlrs.")
    assert [brief(f) for f in figs(sentence)] == [("USA", "JPN", "trade_balance", -14.8e9, "USD")]


def test_verbs_of_trade():
    f = only("Rwanda exported goods worth $499 million to Kenya in 2022.")
    assert brief(f) == ("RWA", "KEN", "export_value", 499e6, "USD")
    f = only("Egypt imported $2.4 billion of wheat from Russia.")
    assert (brief(f), f["product"]) == (("EGY", "RUS", "import_value", 2.4e9, "USD"), "wheat")
    found = figs("Frolov said Russia exported 500 mln dlrs worth of goods to the United States and imported 1.5 billion dlrs worth.")
    assert [brief(f) for f in found] == [("RUS", "USA", "export_value", 500e6, "USD"),
                                         ("RUS", "USA", "import_value", 1.5e9, "USD")]


def test_a_flow_after_while_keeps_the_pair():
    found = figs("Kenya's exports to Uganda were $2 billion in 2023, while imports from Uganda reached $1.2 billion.")
    assert [brief(f) for f in found] == [("KEN", "UGA", "export_value", 2e9, "USD"),
                                         ("KEN", "UGA", "import_value", 1.2e9, "USD")]
    found = figs("Japan's exports to Thailand rose to $30 billion, while imports grew to $25 billion.")
    assert [brief(f)[:3] for f in found] == [("JPN", "THA", "export_value"), ("JPN", "THA", "import_value")]


# --- balances ------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("India had a trade surplus of $28 billion with the United States.", ("IND", "USA", 28e9)),
    ("India's trade deficit with China widened to $83.2 billion.", ("IND", "CHN", -83.2e9)),
    ("The U.S. trade gap with Vietnam rose to $104 billion in 2023.", ("USA", "VNM", -104e9)),
    ("The U.S. trade shortfall with Mexico was $152 billion.", ("USA", "MEX", -152e9)),
    ("Germany's $20 billion surplus with France narrowed last year.", ("DEU", "FRA", 20e9)),
    ("Japan ran a 5.9 billion dlr trade surplus with Britain in 1986.", ("JPN", "GBR", 5.9e9)),
])
def test_balances_surplus_positive_deficit_negative(sentence, expected):
    f = only(sentence)
    assert (f["source"], f["target"], f["indicator"], f["value"]) == (*expected[:2], "trade_balance", expected[2])


@pytest.mark.parametrize("sentence", [
    "Japan's current account surplus with the United States rose to $60 billion.",
    "Its budget deficit with the IMF program reached $5 billion.",
    "The deficit on invisible trade with Japan narrowed to 740 mln dlrs.",
])
def test_balances_that_are_not_trade(sentence):
    assert figs(sentence) == []


# --- pairs -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, pair", [
    ("Two-way trade between India and Russia hit $65 billion.", ("IND", "RUS")),
    ("Russia-China trade amounted to USD 80.675 billion in the first half.", ("RUS", "CHN")),
    ("Bilateral trade between Ethiopia and China reached $3 billion.", ("ETH", "CHN")),
    ("US-China trade went up 28.7 per cent, standing at USD 755.645 billion.", ("USA", "CHN")),
])
def test_bilateral_totals(sentence, pair):
    f = only(sentence)
    assert (f["source"], f["target"], f["indicator"]) == (*pair, "trade_value")


# --- products ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, product", [
    ("Kenya's tea exports to Pakistan rose to $550 million.", "tea"),
    ("India's crude oil imports from Russia reached $46 billion.", "crude oil"),
    ("Taiwan's imports of U.S. farm produce amounted to 1.41 billion dlrs.", "farm produce"),
    ("Canada shipped 2.48 billion Canadian dlrs worth of gas to the U.S. in 1986.", "gas"),
    ("Japan's exports to Vietnam rose to $20 billion.", None),
    ("India's total exports to Nepal reached $7 billion.", None),
])
def test_figures_about_one_product_keep_it(sentence, product):
    assert only(sentence)["product"] == product


# --- partner ranks in any wording ---------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("China remains Vietnam's top trading partner.", ("VNM", "CHN", "trade_partner_rank", 1.0)),
    ("The United States has once again become Korea's largest export destination.", ("KOR", "USA", "export_partner_rank", 1.0)),
    ("The United States has emerged as India's biggest trading partner in 2022-23.", ("IND", "USA", "trade_partner_rank", 1.0)),
    ("Germany is the largest source of imports for Poland.", ("POL", "DEU", "import_partner_rank", 1.0)),
    ("Japan is the third-largest trading partner of Malaysia.", ("MYS", "JPN", "trade_partner_rank", 3.0)),
    ("China, Australia's biggest customer, bought more iron ore.", ("AUS", "CHN", "export_partner_rank", 1.0)),
    ("Brazil's largest export market is China.", ("BRA", "CHN", "export_partner_rank", 1.0)),
    ("Mexico overtook China as the largest trading partner of the United States in 2023.", ("USA", "MEX", "trade_partner_rank", 1.0)),
    ("Italy is Germany's fifth largest supplier.", ("DEU", "ITA", "import_partner_rank", 5.0)),
])
def test_rank_wordings(sentence, expected):
    assert brief(only(sentence))[:4] == expected


def test_negated_rank_gives_no_record():
    # A figure record has no status: "no longer its largest" is not emitted as a rank of 1.
    assert figs("The United States is no longer China's largest trading partner.") == []
    assert figs("Japan was not Thailand's biggest export market in 2023.") == []


def test_rank_list_continues_with_the_same_reporter():
    sentence = ("The EU ranked second among China's trading partners, with trade up 2.4% to $847.32 billion, "
                "followed by the U.S., with trade up 0.6% to $759.42 billion.")
    found = figs(sentence)
    assert [brief(f)[:4] for f in found] == [("CHN", "USA", "trade_partner_rank", 3.0),
                                             ("CHN", "USA", "trade_value", 759.42e9)]


@pytest.mark.parametrize("sentence", [
    "Bangladesh is India's largest trading partner in South Asia, followed by Nepal and Sri Lanka.",
    "Kenya is the biggest export market for Uganda in the East African Community.",
    "India's trade with its seven South Asian neighbours grew, and Bangladesh has emerged as its largest trading partner.",
    "Nigeria is China's largest trading partner in Africa.",
    "China and the United States are Japan's largest trading partners.",
    "Japan is one of Vietnam's biggest trading partners.",
    "India is the world's third largest consumer market.",
])
def test_ranks_within_a_region_or_group_or_plural_are_not_ranks(sentence):
    assert figs(sentence) == []


def test_regional_rank_still_states_the_value_of_the_relation():
    found = figs("Kenya is the biggest export market for Uganda in the East African Community, "
                 "with the latter recording Sh116 billion in 2023.")
    assert [brief(f) for f in found] == [("UGA", "KEN", "export_value", 116e9, "KES")]


def test_rank_and_share_in_one_clause():
    found = figs("West Germany is the Netherlands' largest single trading partner, taking 28 pct of Dutch exports.")
    assert [brief(f)[:4] for f in found] == [("NLD", "DEU", "trade_partner_rank", 1.0), ("NLD", "DEU", "export_share", 28.0)]


# --- shares ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("The U.S. takes 90 pct of Korea's computer products exports.", ("KOR", "USA", "export_share", 90.0)),
    ("China accounts for nearly a third, or 32%, of Australia's exports.", ("AUS", "CHN", "export_share", 32.0)),
    ("Russia supplies 40 per cent of Turkey's gas imports.", ("TUR", "RUS", "import_share", 40.0)),
    ("China's share of Brazil's exports rose to 31 per cent.", ("BRA", "CHN", "export_share", 31.0)),
    ("India served as the source of 14 per cent of Bangladesh's imports.", ("BGD", "IND", "import_share", 14.0)),
])
def test_share_wordings(sentence, expected):
    f = [f for f in figs(sentence) if f["unit"] == "percent"][0]
    assert brief(f)[:4] == expected


@pytest.mark.parametrize("sentence", [
    "83 per cent of the total exports in South Asia were made to Bangladesh, Nepal and Sri Lanka, with Bangladesh alone accounting for 35 per cent.",
    "South Africa accounts for 20% of China's total trade with the continent.",
    "U.S. imports will account for about 35 pct of Korea's total imports in 1987.",
    "China cut tariffs on 98% of products imported from Angola and Zambia.",
    "India's exports to Bangladesh grew 9.9 per cent.",
])
def test_percentages_that_are_not_shares(sentence):
    assert [f for f in figs(sentence) if f["unit"] == "percent"] == []


# --- parties from the context --------------------------------------------------------------------------

def read_article(sents: list[str], published: date | None = None) -> list[list[dict]]:
    """Each sentence read with the ones before it, as pipeline/extract.py does."""
    ctx = FigureContext()
    out = []
    for s in sents:
        ms = mentions(s)
        found = find_figures(s, ms, published, language="en", context=ctx)
        ctx = ctx.after(s, ms, found, "en")
        out.append(found)
    return out


def test_omitted_reporter_comes_from_the_figures_before():
    found = read_article([
        "The bilateral trade between India and the US increased by 7.65 per cent to $128.55 billion in 2022-23.",
        "It was $80.51 billion in 2020-21.",
        "Exports to the US rose by 2.81 per cent to $78.31 billion, while imports grew to $50.24 billion.",
    ])
    assert [brief(f)[:4] for f in found[1]] == [("IND", "USA", "trade_value", 80.51e9)]
    assert found[1][0]["period"] == "2020/21"
    assert [brief(f)[:4] for f in found[2]] == [("IND", "USA", "export_value", 78.31e9), ("IND", "USA", "import_value", 50.24e9)]


def test_omitted_reporter_from_the_article_reporter():
    found = read_article([
        "After 20 years, the U.S. has once again become Korea's largest export destination.",
        "Exports to the U.S. have increased for five months, surpassing 11 billion U.S. dollars for the first time.",
        "In November, exports to the U.S. reached 10.95 billion dollars, while exports to China were 10.2 billion dollars.",
    ])
    assert found[1] == []  # "surpassing 11 billion" is a threshold
    assert [brief(f)[:4] for f in found[2]] == [("KOR", "USA", "export_value", 10.95e9), ("KOR", "CHN", "export_value", 10.2e9)]


def test_a_sentence_without_countries_takes_the_pair_just_read():
    found = read_article([
        "India's exports to China fell from $28.1 billion to $17.48 billion.",
        "The trade deficit reached $101.02 billion, up by 45%, from $69.4 billion in 2021.",
    ])
    assert [(f["source"], f["target"], f["value"]) for f in found[1]] == [("IND", "CHN", -101.02e9), ("IND", "CHN", -69.4e9)]


def test_an_unowned_surplus_after_a_deficit_belongs_to_the_other_side():
    found = read_article([
        "The U.S. trade deficit with Taiwan rose to 15.7 billion dlrs in 1986.",
        "The surplus hit a record 15.6 billion dlrs last year against 10.6 billion in 1985.",
    ], date(1987, 3, 1))
    assert [(f["source"], f["target"], f["value"]) for f in found[1]] == [("TWN", "USA", 15.6e9), ("TWN", "USA", 10.6e9)]


def test_descriptions_resolve_to_countries_named_before():
    found = read_article([
        "Vietnamese President Tran Dai Quang arrived in Bangladesh for a state visit on Sunday.",
        "At present, the volume of annual trade between the two countries is worth $900 million.",
    ])
    assert [(f["source"], f["target"], f["indicator"], f["value"]) for f in found[1]] == [("VNM", "BGD", "trade_value", 900e6)]
    found = read_article([
        "Uganda exported more goods to Kenya than any other country in the region.",
        "Exports to the country in the period under review stood at Ush1.5 trillion compared to Ush908.7 billion in 2017.",
        "However, imports from East Africa's largest economy to Uganda stood at Ush1.7 trillion.",
    ])
    assert found[0] == []  # a rank within the region
    assert [brief(f) for f in found[1]] == [("UGA", "KEN", "export_value", 1.5e12, "UGX"), ("UGA", "KEN", "export_value", 908.7e9, "UGX")]
    assert [brief(f) for f in found[2]] == [("UGA", "KEN", "import_value", 1.7e12, "UGX")]


def test_its_and_that_country():
    found = read_article([
        "Uganda has in the last five years decreased its trade deficit with Kenya, which at some point stood at Ush500 billion.",
        "India's importance to Bangladesh is underscored by the fact that it served as the source of 14 per cent of that country's imports.",
    ])
    assert [brief(f) for f in found[0]] == [("UGA", "KEN", "trade_balance", -500e9, "UGX")]
    assert [brief(f) for f in found[1]] == [("BGD", "IND", "import_share", 14.0, "percent")]


def test_its_after_another_actor_is_not_a_country():
    # "its" is the company here, not a country
    assert figs("He said Puma hoped to break even in 1988 in the U.S., its most important export market.") == []


def test_context_may_be_just_the_previous_mentions():
    prev = mentions("Vietnam and Bangladesh signed three agreements on Sunday.")
    sentence = "Trade between the two countries was worth $900 million last year."
    found = find_figures(sentence, mentions(sentence), PUB, context=prev)
    assert [(f["source"], f["target"], f["value"]) for f in found] == [("VNM", "BGD", 900e6)]


def test_without_context_an_unnamed_party_gives_nothing():
    assert find_figures("Exports to China dipped to $15.32 billion.", mentions("Exports to China dipped to $15.32 billion.")) == []
    assert find_figures("The trade deficit reached $101.02 billion.", []) == []


def test_no_context_figure_from_a_bare_flow_or_a_bullet():
    found = read_article([
        "India's exports to China fell to $17.48 billion.",
        "Exports rose 10.5 per cent to $450 billion.",             # India's total exports, not to China
        "- Data machines (1986 deficit worth 180 mln dlrs), including laptops;",
    ])
    assert found[1] == [] and found[2] == []


def test_figures_after_a_non_country_partner_stay_unpaired():
    found = read_article([
        "China's exports to the U.S. rose 23 pct to 640 mln dlrs.",
        "Exports to the EEC rose 35.1 pct to 770 mln dlrs and imports fell 3.8 pct to 1.5 billion dlrs.",
    ])
    assert found[1] == []


# --- what is not a figure (modern_dev README, Figures) ------------------------------------------------

@pytest.mark.parametrize("sentence", [
    # growth rates
    "China's trade with Russia went up by 27.2 per cent in the first half.",
    "Japan's exports to the United States rose 20 pct in 1986.",
    # targets and goals
    "Bangladesh and Vietnam aim to raise their two-way annual trade to $2 billion by 2025.",
    "Vietnam and Sri Lanka set a goal of US$1 billion in bilateral trade turnover.",
    "India and the UAE plan to take bilateral trade to $100 billion over the next five years.",
    "The accord provided for trade between Argentina and Brazil to rise to 2.0 billion dlrs over four years.",
    # thresholds
    "Kenya's exports to Uganda crossed the Sh100 billion mark for the first time.",
    "India's trade deficit with China went beyond the $100 billion-mark for the first time.",
    "Exports from Korea to the U.S. surpassed 11 billion dollars in a month.",
    # tariff rates and goods hit by tariffs
    "The United States imposed a 25% tariff on Chinese steel.",
    "Washington imposed tariffs on $300 billion of Chinese imports.",
    "Reagan imposed 100 pct tariffs on 300 mln dlrs worth of Japanese exports to the United States.",
    # quantities
    "Russia exported 2 million tonnes of wheat to Egypt.",
    # prices and credit for sales
    "Nigerian crude sold for delivery into the U.S. at 18.92 dlrs a barrel.",
    "The CCC authorized 3.0 mln dlrs in credit guarantees for sales of U.S. rice to Iran.",
    "Japanese purchases of U.S. stocks reached 12 billion dlrs.",
    # totals with all partners, a region, or several partners
    "India's exports to South Asia rose to $19.10 billion.",
    "Kenya's imports from neighbouring countries jumped to Ush2 trillion.",
    "China's total foreign trade hit a record $6.25 trillion, Beijing said.",
    "Japan's total trade surplus reached 528.5 billion yen, Tokyo said, as exports to China fell.",
    # no figure at all
    "Japan and China met on January 4 to discuss 2,000 tonnes of rice.",
    "The U.S. trade deficit with Japan is a problem, Canada said.",
])
def test_not_figures_by_the_convention(sentence):
    assert figs(sentence, PUB) == [], sentence


def test_target_clause_keeps_the_current_level():
    found = figs("Bangladesh and Vietnam aim to raise their two-way annual trade to $2 billion from nearly $1 billion.")
    assert [(f["source"], f["target"], f["value"], f["qualifier"]) for f in found] == [("BGD", "VNM", 1e9, "nearly")]


def test_a_share_of_a_tonnage_is_a_product_share_and_the_tonnes_no_figure():
    found = figs("Uganda accounted for 70.36 per cent of the nearly 419,548 tonnes of Kenya's maize imports.")
    assert [(brief(f), f["product"]) for f in found] == [(("KEN", "UGA", "import_share", 70.36, "percent"), "maize")]


@pytest.mark.parametrize("sentence, expected", [
    ("Ghana's cocoa exports to the Netherlands were valued at $1.2 billion.", [("GHA", "NLD", "export_value", 1.2e9, "USD")]),
    ("The US bought $536 billion worth of goods from China in 2022.", [("USA", "CHN", "import_value", 536e9, "USD")]),
    ("Total trade between Australia and China was worth A$287 billion in 2022.", [("AUS", "CHN", "trade_value", 287e9, "AUD")]),
    ("Japan's exports to China fell 7.7% year-on-year to ¥1.5 trillion in May.", [("JPN", "CHN", "export_value", 1.5e12, "JPY")]),
    ("Canada sent 77% of its exports to the US in 2023.", [("CAN", "USA", "export_share", 77.0, "percent")]),
    ("Exports of Kenyan tea to Pakistan fell to Sh60 billion.", [("KEN", "PAK", "export_value", 60e9, "KES")]),
    ("Exports from Kenya to Uganda rose to Sh120 billion.", [("KEN", "UGA", "export_value", 120e9, "KES")]),
    ("Imports into India from Russia surged to $46 billion.", [("IND", "RUS", "import_value", 46e9, "USD")]),
    ("China's exports to the U.S. plunged 20% in the first quarter, to $97 billion.", [("CHN", "USA", "export_value", 97e9, "USD")]),
    ("India and China's bilateral trade hit $136 billion.", [("IND", "CHN", "trade_value", 136e9, "USD")]),
    ("Nigeria's trade deficit with China stood at N2.1 trillion.", [("NGA", "CHN", "trade_balance", -2.1e12, "NGN")]),
    ("Britain exported £48 billion of goods to the US last year.", [("GBR", "USA", "export_value", 48e9, "GBP")]),
    ("The value of Chinese imports from Russia rose to $129 billion.", [("CHN", "RUS", "import_value", 129e9, "USD")]),
    ("The U.S. is Canada's largest export market, buying 75% of its exports.",
     [("CAN", "USA", "export_partner_rank", 1.0, "rank"), ("CAN", "USA", "export_share", 75.0, "percent")]),
    ("The United States was the top destination for Vietnamese exports.", [("VNM", "USA", "export_partner_rank", 1.0, "rank")]),
])
def test_more_phrasings(sentence, expected):
    assert [brief(f) for f in figs(sentence)] == expected


@pytest.mark.parametrize("sentence, product", [
    ("Saudi Arabia is China's top crude supplier.", "crude"),
    ("Russia has become India's top oil supplier.", "oil"),
    ("China was the largest buyer of U.S. soybeans last year.", "soybeans"),
])
def test_ranks_for_one_product_keep_it(sentence, product):
    assert only(sentence)["product"] == product


@pytest.mark.parametrize("sentence", [
    "Japan and South Korea's exports to China fell sharply, totalling $300 billion.",  # combined reporters
    "Kenya's exports to the EAC region fell to Sh200 billion.",
    "China's trade with Africa reached $282 billion.",
    "Thailand's rice exports to the Philippines rose to 1.1 million tonnes.",
])
def test_more_non_figures(sentence):
    assert figs(sentence) == []


def test_another_country_starts_another_clause():
    found = figs("Japan's exports to China rose to 9 billion dollars, while Korea's rose to 7 billion dollars.")
    assert [brief(f) for f in found] == [("JPN", "CHN", "export_value", 9e9, "USD")]
