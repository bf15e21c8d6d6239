"""Unit tests for pipeline.dates.picking: which date of a sentence belongs to an event's trigger."""
from __future__ import annotations

from datetime import date

import pytest

from pipeline.dates import find_dates
from pipeline.dates.picking import pick_date, tense_hint


def picked(sentence: str, trigger: str, published: date, tense: str | None = None):
    i = sentence.index(trigger)
    return pick_date(sentence, find_dates(sentence, published, tense), (i, i + len(trigger)))


def dates_of(sentence: str, trigger: str, published: date, tense: str | None = None):
    span = picked(sentence, trigger, published, tense)
    return None if span is None else (span.text, span.date_start, span.date_end)


WED = date(2024, 7, 17)   # a Wednesday
THU = date(2021, 12, 9)   # a Thursday


@pytest.mark.parametrize("sentence, trigger, expected", [
    # the event's own clause pins the day
    ("The Foreign Ministry in Seoul summoned the Russian ambassador on Wednesday to protest", "summoned",
     ("Wednesday", "2024-07-17", "2024-07-17")),
    ("Russia's foreign ministry on Monday expelled two Dutch diplomats after the expulsions in December", "expelled",
     ("Monday", "2024-07-15", "2024-07-15")),
    ("On Tuesday, Iran launched missiles at a base in Pakistan", "launched", ("Tuesday", "2024-07-16", "2024-07-16")),
    # a speech act dated in its own clause keeps that date ("at a news conference held on Thursday")
    ("the spokesman expressed a serious warning against the deployment at a news conference held on Wednesday",
     "warning", ("Wednesday", "2024-07-17", "2024-07-17")),
    # the trigger is the reporting verb itself
    ("The ministry announced on Monday sanctions on three firms", "announced", ("Monday", "2024-07-15", "2024-07-15")),
])
def test_the_date_of_the_events_own_clause(sentence, trigger, expected):
    assert dates_of(sentence, trigger, WED) == expected


@pytest.mark.parametrize("sentence, trigger", [
    # the reporting clause dates the report, not the event
    ("Modi and Trump discussed trade in a phone call, a PMO statement said on Tuesday", "discussed"),
    ("Wang told a news briefing on Wednesday that some in Australia are spreading rumours", "spreading rumours"),
    ("The ministry said on Tuesday it summoned the ambassador", "summoned"),
    ("The ministry said in a statement on Tuesday that the ambassador was summoned", "summoned"),
    # another clause's date
    ("Since he took office in June, Lee will visit Beijing", "visit"),
    # a dateline dates the story
    ("Dec 9 (Reuters) - Nicaragua broke its ties with Taiwan", "broke"),
    ("BEIJING, Nov. 14 (Xinhua) -- China summoned the Japanese ambassador", "summoned"),
    # "now" says no more than the record's publication date
    ("China is now South Korea's largest trading partner", "largest trading partner"),
])
def test_dates_that_do_not_belong_to_the_event(sentence, trigger):
    assert picked(sentence, trigger, WED) is None


def test_dates_inside_the_reported_clause_or_a_modifier_of_the_trigger():
    # "said that in 1986 ...": the date is the reported clause's, not the report's
    assert dates_of("Yaacobi said that in 1986 Israeli exports to the U.S. were over 2.3 billion dlrs",
                    "exports", date(1987, 6, 29)) == ("1986", "1986-01-01", "1986-12-31")
    # a participle or relative clause right after the trigger
    assert dates_of("measures will be announced at the next committee meeting, expected in May, they said",
                    "meeting", date(1987, 3, 30), "future") == ("May", "1987-05-01", "1987-05-31")
    span = picked("A spokesman said the talks, which began today, were suspended", "talks", date(1987, 3, 23))
    assert (span.date_start, span.date_end) == ("1987-03-23", None)
    # but not a relative clause on another noun, nor a clause with its own subject
    assert picked("In the five-year plan, which starts this year, South Korea aims to cut imports", "aims",
                  date(1987, 3, 17)) is None
    assert picked("Japan protested on Thursday, saying China had violated its airspace", "violated", THU) is None


def test_a_participle_clause_shares_the_main_clauses_date():
    sentence = ("Dec 9 (Reuters) - Nicaragua on Thursday broke its longstanding diplomatic ties with Taiwan, "
                "switching allegiance to Beijing")
    assert dates_of(sentence, "switching allegiance", THU) == ("Thursday", "2021-12-09", "2021-12-09")
    assert dates_of(sentence, "broke", THU) == ("Thursday", "2021-12-09", "2021-12-09")
    # "saying" starts a report, "following" is a preposition
    assert picked("Japan protested on Thursday, saying China had violated its airspace", "violated", THU) is None
    assert picked("Mexico made the announcement on Friday evening, following the police raid on its embassy",
                  "raid", THU) is None


def test_concluded_pins_only_the_end_and_began_only_the_start():
    span = picked('The China-Russia "Exercise Joint Sea-2024" concluded on Wednesday, with a ceremony', "Exercise", WED)
    assert (span.date_start, span.date_end) == (None, "2024-07-17")
    span = picked("The joint drills began on Monday near Zhanjiang", "drills", WED)
    assert (span.date_start, span.date_end) == ("2024-07-15", None)
    # "launched" is the act itself, a single day
    span = picked("Iran launched missiles on Tuesday at a base in Pakistan", "launched", WED)
    assert (span.date_start, span.date_end) == ("2024-07-16", "2024-07-16")


def test_nearest_date_in_the_clause_wins_and_ranges_stay_whole():
    sentence = "Lee will make a state visit to China from January 4 to 7, the Blue House said on Tuesday"
    assert dates_of(sentence, "state visit", date(2025, 12, 30), "future") == (
        "January 4 to 7", "2026-01-04", "2026-01-07")
    sentence = "Riyadh severed diplomatic ties with Tehran in 2016, after protesters stormed the embassy"
    assert dates_of(sentence, "severed", date(2023, 3, 10)) == ("2016", "2016-01-01", "2016-12-31")


def test_vague_recently_still_dates_an_event():
    assert dates_of("Xi visited South Korea recently", "visited", date(2025, 12, 30)) == (
        "recently", "2025-11-30", "2025-12-30")


@pytest.mark.parametrize("status, tense", [("planned", "future"), ("occurred", "past"), ("negated", "past"),
                                           ("ongoing", None), ("hypothetical", None), (None, None)])
def test_tense_hint(status, tense):
    assert tense_hint(status) == tense
