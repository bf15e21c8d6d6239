"""Event rules that need the article around a sentence or the semantics of whole news copy: the
article's pair, speaker and actor (pipeline.discourse), agentless passives, private actors, lists,
statistics sentences. Sentences are written for these tests, in the style of wire and ministry copy."""
from __future__ import annotations

from datetime import date

from pipeline.discourse import Discourse, implied_mentions, observe
from pipeline.events import find_events
from pipeline.extract import extract_article
from pipeline.schema import Article
from tests.unit.test_events import events, ments, pairs


def article_records(text: str, published: date = date(2023, 5, 10)) -> set[tuple[str, str, str]]:
    res = extract_article(Article(id="t", text=text, published=published))
    return {(r["source"], r["target"], r["event_type"]) for r in res.records if r["kind"] == "event"}


# --- what a sentence leaves unsaid ------------------------------------------------------------------

def test_the_two_leaders_are_the_article_pair():
    text = ("Kenyan President William Ruto arrived in Tanzania on Tuesday for a state visit. "
            "The two leaders held talks on trade and regional security.")
    res = extract_article(Article(id="t", text=text, published=date(2023, 5, 10)))
    consults = [r for r in res.records if {r["source"], r["target"]} == {"KEN", "TZA"} and r["event_type"] == "CONSULT"]
    assert {r["sentence_index"] for r in consults} == {0, 1}  # the visit, and the talks of "the two leaders"


def test_the_three_leaders_are_the_three_countries_named_before():
    text = ("President Joe Biden hosted Japanese Prime Minister Fumio Kishida and South Korean President Yoon "
            "Suk Yeol at Camp David on Friday. The three leaders agreed to hold annual trilateral summits.")
    got = {(frozenset((s, t)), e) for s, t, e in article_records(text, date(2023, 8, 19)) if e in ("AGREE", "COOPERATE")}
    assert {frozenset(p) for p, _ in got} >= {frozenset(("USA", "JPN")), frozenset(("USA", "KOR")),
                                              frozenset(("JPN", "KOR"))}


def test_a_group_number_must_match_the_countries_named_before():
    state = observe(Discourse(), ments("Leaders of France, Germany and Italy met in Rome.", ("France", "FRA"),
                                       ("Germany", "DEU"), ("Italy", "ITA")), [], "")
    assert state.group == ("FRA", "DEU", "ITA")
    three = "The three countries agreed to coordinate their energy purchases."
    four = "The four countries agreed to coordinate their energy purchases."
    assert [m.country for m in implied_mentions(three, [], state)] == ["FRA|DEU|ITA"]
    assert implied_mentions(four, [], state) == []  # four is not the three named: no guess


def test_an_unqualified_ministry_is_the_article_actor():
    text = ("Turkey summoned the ambassadors of three countries on Thursday. "
            "The envoys of Sweden, Denmark and Norway were summoned to the Foreign Ministry.")
    got = article_records(text)
    assert {("TUR", "SWE", "ACCUSE"), ("TUR", "DNK", "ACCUSE"), ("TUR", "NOR", "ACCUSE")} <= got


def test_a_quoted_we_is_the_speaking_government_and_someone_elses_quote_is_not():
    text = ("The Indonesian foreign ministry said on Monday it was reviewing ties with Australia. "
            "\"We have decided to suspend all joint exercises with Australia,\" the ministry said.")
    got = article_records(text)
    assert ("IDN", "AUS", "SANCTION") in got or ("IDN", "AUS", "REJECT") in got
    state = Discourse(pair=("IDN", "AUS"), actor="IDN", speaker="IDN")
    quote = "\"We met the Australian delegation today,\" said Budi Santoso, head of a business chamber."
    assert not [m for m in implied_mentions(quote, ments(quote, ("Australian", "AUS", "demonym")), state)
                if m.how == "speaker"]


def test_an_agentless_sanction_is_the_article_actors():
    text = ("Russia imposed sanctions on ten Canadian officials on Friday. "
            "Restrictive measures have also been introduced against Canadian senators.")
    got = article_records(text)
    assert ("RUS", "CAN", "SANCTION") in got
    # the sentence alone names nobody who acts: no record without the article
    alone = "Restrictive measures have also been introduced against Canadian senators."
    assert find_events(alone, ments(alone, ("Canadian", "CAN", "demonym"))) == []


def test_observe_keeps_the_pair_the_speaker_and_the_person():
    s1 = "The Japanese foreign ministry said Tokyo would host Vietnamese Prime Minister Pham Minh Chinh."
    local = ments(s1, ("Japanese", "JPN", "demonym"), ("Tokyo", "JPN", "capital"), ("Vietnamese", "VNM", "demonym"),
                  ("Pham Minh Chinh", "VNM", "leader"))
    state = observe(Discourse(), local, [], s1)
    assert state.pair == ("JPN", "VNM") and state.speaker == "JPN" and state.person == "VNM"


# --- whose act it is ---------------------------------------------------------------------------------

def test_an_agentless_passive_names_no_actor():
    s = "Two Chinese nationals were accused of spying on the Philippine navy."
    assert events(s, ("Chinese", "CHN", "demonym"), ("Philippine", "PHL", "demonym")) == []
    s2 = "Two Chinese nationals were accused by Manila of spying on the Philippine navy."
    assert ("PHL", "CHN", "ACCUSE") in pairs(events(s2, ("Chinese", "CHN", "demonym"), ("Manila", "PHL", "capital"),
                                                     ("Philippine", "PHL", "demonym")))


def test_private_people_never_act_for_a_state_but_can_be_acted_on():
    s = "Iranian protesters stormed the Saudi embassy in Tehran."
    assert events(s, ("Iranian", "IRN", "demonym"), ("Saudi", "SAU", "demonym"), ("Tehran", "IRN", "capital")) == []
    s2 = "Washington imposed sanctions on Chinese technology companies."
    assert pairs(events(s2, ("Washington", "USA", "capital"), ("Chinese", "CHN", "demonym"))) == {
        ("USA", "CHN", "SANCTION")}


def test_the_speaker_calls_it_a_breach():
    s = "Islamabad described the strike as a blatant violation of its sovereignty by Tehran."
    assert ("PAK", "IRN", "ACCUSE") in pairs(events(s, ("Islamabad", "PAK", "capital"), ("Tehran", "IRN", "capital")))


def test_recalling_ones_own_ambassador_is_a_sanction_not_a_meeting():
    s = "Ankara has summoned its ambassador to Israel for consultations."
    assert pairs(events(s, ("Ankara", "TUR", "capital"), ("Israel", "ISR"))) == {("TUR", "ISR", "SANCTION")}


def test_expelled_from_a_capital_is_that_governments_act():
    s = "The move followed the expulsion of two Russian diplomats from Prague in April."
    assert ("CZE", "RUS", "SANCTION") in pairs(events(s, ("Russian", "RUS", "demonym"), ("Prague", "CZE", "capital")))


# --- lists, statistics, background ---------------------------------------------------------------------

def test_every_pair_of_a_coordinated_list():
    s = "Australia, Japan, India and the United States held joint naval drills."
    recs = events(s, ("Australia", "AUS"), ("Japan", "JPN"), ("India", "IND"), ("United States", "USA"))
    assert {frozenset((r["source"], r["target"])) for r in recs} == {
        frozenset(p) for p in [("AUS", "JPN"), ("AUS", "IND"), ("AUS", "USA"), ("JPN", "IND"), ("JPN", "USA"),
                               ("IND", "USA")]}


def test_thanks_go_on_after_as_well_as():
    s = "Egypt and Qatar thanked Kenya for its support, as well as Ghana and Chile."
    got = pairs(events(s, ("Egypt", "EGY"), ("Qatar", "QAT"), ("Kenya", "KEN"), ("Ghana", "GHA"), ("Chile", "CHL")))
    assert {("EGY", "GHA", "SUPPORT"), ("QAT", "CHL", "SUPPORT"), ("EGY", "KEN", "SUPPORT")} <= got


def test_a_trade_statistic_is_a_figure_not_a_cooperation():
    s = "Brazil's exports to China rose 12% to $89 billion last year."
    assert not [r for r in events(s, ("Brazil", "BRA"), ("China", "CHN")) if r["event_type"] == "COOPERATE"]
    s2 = "Brazil and China signed a trade agreement on Monday."
    assert ("BRA", "CHN", "AGREE") in pairs(events(s2, ("Brazil", "BRA"), ("China", "CHN")))


def test_a_nominal_subject_takes_the_modality_of_its_verb():
    s = "Talks between Serbia and Kosovo will be held in Brussels next week."
    recs = events(s, ("Serbia", "SRB"), ("Kosovo", "XKX"), ("Brussels", "BEL", "capital"))
    assert recs and all(r["status"] == "planned" for r in recs if {r["source"], r["target"]} == {"SRB", "XKX"})
