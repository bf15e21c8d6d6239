"""Unit tests for pipeline.dates: each date form the brief names, resolved against a publication date."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dates import DateSpan, find_dates
from pipeline.schema import DATE_PRECISIONS

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_5bd6db2c55771876.txt"
PUB = date(2025, 12, 30)  # the seed's publication date, a Tuesday


def one(text: str, published: date | None = PUB, tense: str | None = None) -> DateSpan:
    spans = find_dates(text, published, tense)
    assert len(spans) == 1, spans
    return spans[0]


def rng(span: DateSpan) -> tuple[str | None, str | None]:
    return span.date_start, span.date_end


# --- absolute days and ranges ------------------------------------------------------------------

@pytest.mark.parametrize("text, expected_text", [
    ("will visit China from January 4 to 7 and meet", "January 4 to 7"),
    ("the visit on Jan. 4-7 was", "Jan. 4-7"),
    ("talks on 4-7 January in Beijing", "4-7 January"),
])
def test_year_less_day_range_crosses_into_next_year(text, expected_text):
    span = one(text)
    assert span.text == expected_text
    assert rng(span) == ("2026-01-04", "2026-01-07")
    assert span.precision == "day"
    assert text[span.start:span.end] == expected_text


def test_year_less_day_crosses_back_into_previous_year():
    # A January article that mentions "December 28" means the December just gone.
    assert rng(one("the meeting on December 28", date(2026, 1, 3))) == ("2025-12-28", "2025-12-28")


def test_year_less_day_takes_the_side_of_its_clause_tense():
    june = date(2018, 6, 1)
    # nearest would be 2018-11-02 (five months ahead); a past clause cannot be about a day to come
    assert rng(one("On Nov. 2, the secretary called the minister.", june, "past")) == ("2017-11-02", "2017-11-02")
    assert rng(one("On Nov. 2 the secretary will call the minister.", june)) == ("2018-11-02", "2018-11-02")
    # and a future clause not about a day gone: "will meet on 20 March", published in September
    assert rng(one("The ministers will meet on 20 March.", date(2018, 9, 1))) == ("2019-03-20", "2019-03-20")
    # with no tense, the nearest year as before; within a month, the nearest whatever the tense
    assert rng(one("the Nov. 2 meeting", june)) == ("2018-11-02", "2018-11-02")
    assert rng(one("the visit on Jan. 4-7 was announced", tense="past")) == ("2026-01-04", "2026-01-07")


def test_range_over_new_year_keeps_end_after_start():
    assert rng(one("from December 28 to January 3")) == ("2025-12-28", "2026-01-03")


@pytest.mark.parametrize("text, day", [
    ("the December 3, 2024 martial law declaration", "2024-12-03"),
    ("on 3 December 2024 he", "2024-12-03"),
    ("the 2025-12-30 statement", "2025-12-30"),
])
def test_full_dates(text, day):
    assert rng(one(text)) == (day, day)


def test_reuters_style_month_day():
    span = one("LONDON, Feb 26 - Sugar prices", date(1987, 2, 26))
    assert (span.text, rng(span)) == ("Feb 26", ("1987-02-26", "1987-02-26"))


def test_absolute_dates_resolve_without_publication_date():
    assert rng(one("on December 3, 2024", None)) == ("2024-12-03", "2024-12-03")
    assert rng(one("in 2017", None)) == ("2017-01-01", "2017-12-31")


def test_relative_and_year_less_dates_need_publication_date():
    for text, precision in [("on Tuesday", "day"), ("last week", "week"), ("January 4 to 7", "day"),
                            ("recently", "vague"), ("in June", "month")]:
        span = one(text, None)
        assert (span.date_start, span.date_end, span.precision) == (None, None, precision), text


# --- weekdays and tense ------------------------------------------------------------------------

def test_weekday_past_is_at_or_before_publication():
    # Published on a Tuesday: "said on Tuesday" is the same day.
    assert rng(one("the Blue House said on Tuesday")) == ("2025-12-30", "2025-12-30")
    assert rng(one("the ministry said on Monday")) == ("2025-12-29", "2025-12-29")
    assert rng(one("the ministry said on Friday")) == ("2025-12-26", "2025-12-26")


def test_weekday_future_with_will_or_next():
    assert rng(one("he will arrive on Friday")) == ("2026-01-02", "2026-01-02")
    assert rng(one("on Friday", tense="future")) == ("2026-01-02", "2026-01-02")
    span = one("they meet next Monday")
    assert (rng(span), span.relation) == (("2026-01-05", "2026-01-05"), "future")
    span = one("they met last Tuesday")
    assert (rng(span), span.relation) == (("2025-12-23", "2025-12-23"), "past")


def test_reporting_verb_beats_an_earlier_will():
    text = "Lee will make a state visit from January 4 to 7, the Blue House said on Tuesday"
    spans = find_dates(text, PUB)
    assert [s.text for s in spans] == ["January 4 to 7", "Tuesday"]
    assert rng(spans[1]) == ("2025-12-30", "2025-12-30")


# --- relative words ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, start, end, precision, relation", [
    ("today", "2025-12-30", "2025-12-30", "day", None),
    ("yesterday", "2025-12-29", "2025-12-29", "day", "past"),
    ("tomorrow", "2025-12-31", "2025-12-31", "day", "future"),
    ("last week", "2025-12-22", "2025-12-28", "week", "past"),
    ("this week", "2025-12-29", "2026-01-04", "week", None),
    ("next month", "2026-01-01", "2026-01-31", "month", "future"),
    ("this year", "2025-01-01", "2025-12-31", "year", None),
    ("last year", "2024-01-01", "2024-12-31", "year", "past"),
    ("earlier this month", "2025-12-01", "2025-12-30", "month", "past"),
    ("later this year", "2025-12-30", "2025-12-31", "year", "future"),
    ("two years ago", "2023-01-01", "2023-12-31", "year", "past"),
])
def test_relative_expressions(text, start, end, precision, relation):
    span = one(f"It happened {text}, he said")
    assert (span.text, span.date_start, span.date_end, span.precision, span.relation) == (
        text, start, end, precision, relation)


@pytest.mark.parametrize("word", ["recently", "earlier"])
def test_vague_past(word):
    span = one(f"as the adviser said {word}.")
    assert (span.precision, span.relation) == ("vague", "past")
    assert rng(span) == ("2025-11-30", "2025-12-30")


def test_a_year_earlier_without_another_date_is_the_year_before_publication():
    # It used to give no date; with no other date in the text it now reads as the year before publication.
    span = one("up from 2.45 a year earlier")
    assert (span.text, rng(span), span.precision, span.relation) == (
        "a year earlier", ("2024-01-01", "2024-12-31"), "year", "past")


# --- months, quarters, years, decades ---------------------------------------------------------

def test_month_without_year_follows_tense():
    assert rng(one("took office in June", tense="past")) == ("2025-06-01", "2025-06-30")
    assert rng(one("will take office in June", tense="future")) == ("2026-06-01", "2026-06-30")
    # Reuters, 1987-03-02: "in March" past tense is the current month
    assert rng(one("the plan announced in March", date(1987, 3, 20), "past")) == ("1987-03-01", "1987-03-31")


def test_bare_may_is_a_verb_not_a_month():
    assert find_dates("Seoul may reconsider, officials said", PUB) == []


def test_first_quarter():
    assert rng(one("profits fell in the first quarter", date(1987, 4, 20), "past")) == ("1987-01-01", "1987-03-31")
    assert rng(one("sales in the fourth quarter of 1986 rose")) == ("1986-10-01", "1986-12-31")
    assert one("in the first half of 2025").text == "first half of 2025"


def test_years():
    span = one("Beijing's ban after the 2017 deployment of a U.S.-led missile defence system")
    assert (span.text, rng(span), span.precision) == ("2017", ("2017-01-01", "2017-12-31"), "year")
    span = one("ties frozen since 2017")
    assert (span.text, rng(span), span.relation) == ("since 2017", ("2017-01-01", "2025-12-30"), "past")
    assert rng(one("the 1986/87 season", date(1987, 3, 1))) == ("1986-01-01", "1987-12-31")
    assert rng(one("by mid-1987", date(1987, 3, 1))) == ("1987-05-01", "1987-08-31")


def test_decade():
    span = one("growth in the 1990s")
    assert (span.text, rng(span), span.precision) == ("1990s", ("1990-01-01", "1999-12-31"), "decade")


@pytest.mark.parametrize("text", [
    "a deficit of 1987 mln dlrs", "exports of 2000 tonnes", "rose 20% on the year to 1,999",
    "his first trip in 11 years", "in 2000 tonnes of sugar", "some 1986 shares",
])
def test_numbers_that_are_not_years(text):
    assert [s for s in find_dates(text, date(1987, 3, 1)) if s.precision in ("year", "decade")] == []


# --- the seed article --------------------------------------------------------------------------

def test_seed_article_dates():
    text = SEED.read_text(encoding="utf-8")
    got = {(s.text, s.date_start, s.date_end) for s in find_dates(text, PUB)}
    for expected in [("January 4 to 7", "2026-01-04", "2026-01-07"),
                     ("Tuesday", "2025-12-30", "2025-12-30"),
                     ("December 3, 2024", "2024-12-03", "2024-12-03"),
                     ("December 3, 2025", "2025-12-03", "2025-12-03"),
                     ("June", "2025-06-01", "2025-06-30"),
                     ("recently", "2025-11-30", "2025-12-30"),
                     ("2017", "2017-01-01", "2017-12-31"),
                     ("earlier", "2025-11-30", "2025-12-30")]:
        assert expected in got, expected
    assert not any("11 years" in t for t, _, _ in got)


def test_spans_are_sorted_and_point_at_their_text():
    text = "On Monday, a year after the 1990s boom and since 2017, talks set for January 4 to 7 resumed."
    spans = find_dates(text, PUB)
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    assert all(text[s.start:s.end] == s.text for s in spans)
    assert len(spans) == 4


def test_the_past_year_is_a_window_not_last_calendar_year():
    span = one("achieved milestones in the past year", date(2015, 9, 25))
    assert (span.text, rng(span), span.relation) == ("past year", ("2014-09-25", "2015-09-25"), "past")


def test_bare_year_needs_context():
    assert one("Taiwan's 1986 trade surplus", date(1987, 3, 1)).text == "1986"
    assert one("at last year's 2016 gathering", date(2017, 1, 1)).text == "last year"
    assert find_dates("order number 1986 was shipped", date(1987, 3, 1)) == []


def test_a_day_followed_by_an_amount_is_not_a_range():
    # Reuters: "rose on Feb 25 to 4.151 billion dlrs" is one day, not Feb 25 to (March) 4
    span = one("Treasury balances rose on Feb 25 to 4.151 billion dlrs", date(1987, 2, 26))
    assert (span.text, rng(span)) == ("Feb 25", ("1987-02-25", "1987-02-25"))


def test_listed_years_keep_the_first():
    assert [s.text for s in find_dates("the 1986 and 1985 deficits", date(1987, 3, 1))] == ["1986"]


@pytest.mark.parametrize("text, published, expected_start", [
    # Reuters 1987 sentences where reading the tense changes the answer
    ("Peru will put into effect Monday a foreign exchange rationing system", date(1987, 3, 15), "1987-03-16"),
    ("A vote on the bill by the committee is scheduled for Thursday.", date(1987, 3, 3), "1987-03-05"),
    ("Chi-Chi's posted a third-quarter loss of 10 mln dlrs", date(1987, 3, 17), "1986-07-01"),
    # a past participle after "will be" is not a past tense
    ("The company said a merger will be completed before mid-May.", date(1987, 3, 4), "1987-05-11"),
    # a reporting verb far before the date frames the sentence, it does not date the launch
    ("Xerox Corp said it is launching in May a more powerful version", date(1987, 3, 4), "1987-05-01"),
])
def test_tense_from_the_words_before(text, published, expected_start):
    assert one(text, published).date_start == expected_start


def test_since_with_part_of_month_and_month_comma_year():
    span = one("a probe since mid-December by a lawyer", date(1987, 3, 12))
    assert (span.text, rng(span), span.relation) == ("since mid-December", ("1986-12-11", "1987-03-12"), "past")
    assert rng(one("a medical leave in June, 1986.", date(1987, 3, 12))) == ("1986-06-01", "1986-06-30")


# --- invariants over arbitrary text --------------------------------------------------------------

_PIECES = st.sampled_from([
    "January", "Jan.", "4", "7", "to", "-", "2024", "1987", "mln", "dlrs", "in", "since", "the", "last", "next",
    "week", "year", "Tuesday", "said", "will", "on", "1990s", "first", "quarter", "of", "recently", "ago", "two",
    "days", ",", ".", "May", "20%", "1986/87", "mid-", "today", "earlier", "this", "month", "Q1", "$", "2,000",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=30),
       st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))),
       st.sampled_from([None, "past", "future"]))
def test_spans_are_ordered_disjoint_and_well_formed(words, published, tense):
    text = " ".join(words)
    spans = find_dates(text, published, tense)
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start
    for s in spans:
        assert text[s.start:s.end] == s.text and s.text
        assert s.precision in DATE_PRECISIONS
        assert s.relation in (None, "past", "future", "present")
        if s.date_start and s.date_end:
            assert s.date_start <= s.date_end


def test_publication_date_at_the_calendar_edge_does_not_crash():
    text = "last year, next week, in June, on Tuesday, two years ago, the 1990s, since 2017"
    for published in (date(1, 1, 1), date(9999, 12, 31)):
        assert all(text[s.start:s.end] == s.text for s in find_dates(text, published))


def test_since_and_word_before_a_year():
    # "1983-84" is a split fiscal year (April to March), so "since" starts in April 1983
    span = one("stocks have increased since 1983-84, he said", date(1987, 3, 11))
    assert (span.text, rng(span), span.relation) == ("since 1983-84", ("1983-04-01", "1987-03-11"), "past")
    span = one("assets at the end of 1986 rose", date(1987, 3, 11))
    assert (span.text, rng(span)) == ("end of 1986", ("1986-12-01", "1986-12-31"))
    # a "since" after publication cannot end at publication: it is just the year
    assert rng(one("since 2024", date(2000, 1, 1))) == ("2024-01-01", "2024-12-31")
