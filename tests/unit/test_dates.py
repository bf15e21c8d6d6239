"""Unit tests for pipeline.dates: each date form the brief names, resolved against a publication date."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dates import DateSpan, date_entries, dates_line, find_dates
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


# === expressions added with the `dates` command ====================================================

def spans_of(text: str, published: date | None = PUB, tense: str | None = None) -> list[tuple]:
    return [(s.text, s.date_start, s.date_end, s.precision) for s in find_dates(text, published, tense)]


# --- present references ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, word", [
    ("The talks are now stalled", "now"),
    ("Seoul currently imports most of its oil", "currently"),
    ("At present the two sides disagree", "At present"),
    ("the army is at the moment on alert", "at the moment"),
    ("right now the border is closed", "right now"),
    ("Prices are presently rising", "presently"),
])
def test_present_references_are_the_publication_day(text, word):
    span = one(text)
    assert (span.text, rng(span), span.precision, span.relation) == (
        word, ("2025-12-30", "2025-12-30"), "vague", "present")


@pytest.mark.parametrize("text, word", [("No deal has been reached so far", "so far"), ("until now", "until now"),
                                        ("thus far", "thus far"), ("sales to date", "to date")])
def test_up_to_now_ends_at_publication(text, word):
    span = one(text)
    assert (span.text, rng(span), span.relation) == (word, (None, "2025-12-30"), "past")


@pytest.mark.parametrize("text", ["by now it is clear", "from now on", "the current account deficit",
                                  "the now-defunct party", "keep the list up to date", "as far as he knows",
                                  "so far as we know"])
def test_words_that_are_not_present_references(text):
    assert [s for s in find_dates(text, PUB) if s.relation == "present" or s.text in ("so far", "to date")] == []


@pytest.mark.parametrize("text", ["larger than earlier expected", "as recently as March 2024", "as soon as possible"])
def test_vague_words_in_comparisons_are_not_dates(text):
    assert [s for s in find_dates(text, PUB) if s.precision == "vague"] == []


def test_present_reference_without_publication_date_has_no_dates():
    span = one("currently", None)
    assert (span.date_start, span.date_end, span.precision) == (None, None, "vague")


def test_two_weeks_from_now_and_this_morning_and_last_night():
    assert spans_of("two weeks from now") == [("two weeks from now", "2026-01-12", "2026-01-18", "week")]
    assert spans_of("this morning") == [("this morning", "2025-12-30", "2025-12-30", "day")]
    assert spans_of("last night") == [("last night", "2025-12-29", "2025-12-29", "day")]


# --- seasons -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, published, expected", [
    ("he will visit next spring", PUB, ("next spring", "2026-03-01", "2026-05-31")),
    ("they met last summer", PUB, ("last summer", "2025-06-01", "2025-08-31")),
    # "last summer" said during a summer is the one before
    ("they met last summer", date(2025, 7, 10), ("last summer", "2024-06-01", "2024-08-31")),
    ("talks began in the autumn of 2019", PUB, ("autumn of 2019", "2019-09-01", "2019-11-30")),
    ("the offensive planned for summer 2024", PUB, ("summer 2024", "2024-06-01", "2024-08-31")),
    ("in the winter of 2019-20", PUB, ("winter of 2019-20", "2019-12-01", "2020-02-29")),
    ("the winter of 2021", PUB, ("winter of 2021", "2021-12-01", "2022-02-28")),
    ("a hard winter this winter", date(2026, 1, 15), ("this winter", "2025-12-01", "2026-02-28")),
    ("this winter", date(2025, 10, 10), ("this winter", "2025-12-01", "2026-02-28")),
    ("this spring", date(2025, 10, 10), ("this spring", "2025-03-01", "2025-05-31")),
    ("sales slowed last fall", PUB, ("last fall", "2025-09-01", "2025-11-30")),
    ("the election in the fall of 2024", PUB, ("fall of 2024", "2024-09-01", "2024-11-30")),
    ("talks held in early summer", PUB, ("early summer", "2025-06-01", "2025-06-30")),
    ("until late spring 2026", PUB, ("late spring 2026", "2026-05-01", "2026-05-31")),
])
def test_seasons(text, published, expected):
    span = one(text, published)
    assert (span.text, span.date_start, span.date_end) == expected
    assert span.precision == "season"


def test_season_without_year_follows_tense():
    assert rng(one("Lee will visit Seoul in the spring")) == ("2026-03-01", "2026-05-31")
    assert rng(one("Lee visited Seoul in the spring")) == ("2025-03-01", "2025-05-31")
    assert rng(one("in spring", tense="past")) == ("2025-03-01", "2025-05-31")


@pytest.mark.parametrize("text", ["the Arab Spring", "a fall in prices", "the fall of Kabul", "shares fall sharply",
                                  "the summer heat", "new businesses spring up", "the Spring Festival",
                                  "the winter of discontent", "Summer Olympics"])
def test_season_words_that_are_not_seasons(text):
    assert [s for s in find_dates(text, PUB) if s.precision == "season"] == []


# --- parts of a period ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("a deal by the end of the year", ("end of the year", "2025-12-01", "2025-12-31", "month")),
    ("a target of end-2024", ("end-2024", "2024-12-01", "2024-12-31", "month")),
    ("at the end of 2024", ("end of 2024", "2024-12-01", "2024-12-31", "month")),
    ("talks at the start of next month", ("start of next month", "2026-01-01", "2026-01-10", "month")),
    ("by the end of June 2024", ("end of June 2024", "2024-06-21", "2024-06-30", "month")),
    ("due by end-June 2024", ("end-June 2024", "2024-06-21", "2024-06-30", "month")),
    ("due by end-June", ("end-June", "2026-06-21", "2026-06-30", "month")),
    ("at the beginning of 2024", ("beginning of 2024", "2024-01-01", "2024-01-31", "month")),
    ("by the middle of 2024", ("middle of 2024", "2024-05-01", "2024-08-31", "month")),
    ("at the end of last year", ("end of last year", "2024-12-01", "2024-12-31", "month")),
    ("around the middle of this week", ("middle of this week", "2025-12-31", "2026-01-01", "week")),
    ("at the end of the month", ("end of the month", "2025-12-21", "2025-12-31", "month")),
])
def test_parts_of_a_period(text, expected):
    assert spans_of(text)[0] == expected


def test_the_end_of_the_year_in_a_past_clause_early_in_a_year_is_last_year():
    assert rng(one("exports rose at the end of the year", date(2026, 1, 10))) == ("2025-12-01", "2025-12-31")


@pytest.mark.parametrize("text, expected", [
    ("in early June", ("2025-06-01", "2025-06-10")),
    ("in mid-June", ("2025-06-11", "2025-06-20")),
    ("in late June", ("2025-06-21", "2025-06-30")),
    ("in late February", ("2025-02-21", "2025-02-28")),
])
def test_early_mid_late_narrow_a_month_to_its_thirds(text, expected):
    assert rng(one(f"the ministers met {text}")) == expected


def test_month_with_last_this_next_year():
    assert spans_of("a catalog sent in February last year", date(1987, 3, 5)) == [
        ("February last year", "1986-02-01", "1986-02-28", "month")]
    assert spans_of("due in March of next year", date(1987, 3, 5)) == [
        ("March of next year", "1988-03-01", "1988-03-31", "month")]


# --- fiscal years -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # one-year labels: the calendar year they name (docs/dates-figures.md says why)
    ("profit in fiscal 2023 rose", ("fiscal 2023", "2023-01-01", "2023-12-31")),
    ("the fiscal year 2024 budget", ("fiscal year 2024", "2024-01-01", "2024-12-31")),
    ("results for FY2023", ("FY2023", "2023-01-01", "2023-12-31")),
    ("guidance for FY23", ("FY23", "2023-01-01", "2023-12-31")),
    # split labels: April to March
    ("exports in FY2022-23", ("FY2022-23", "2022-04-01", "2023-03-31")),
    ("in FY 2022/23", ("FY 2022/23", "2022-04-01", "2023-03-31")),
    ("during the financial year 2021-22", ("financial year 2021-22", "2021-04-01", "2022-03-31")),
    ("$119.5 billion in 2021-22", ("2021-22", "2021-04-01", "2022-03-31")),
    ("the 1987/88 budget", ("1987/88", "1987-04-01", "1988-03-31")),
    ("the 1987-88 fiscal year", ("1987-88", "1987-04-01", "1988-03-31")),
])
def test_fiscal_years(text, expected):
    span = one(text)
    assert (span.text, span.date_start, span.date_end, span.precision) == (*expected, "year")


@pytest.mark.parametrize("text, expected", [
    # a crop or sports season keeps both calendar years, and so does a slash without a fiscal word
    ("the 1986-87 season", ("1986-87", "1986-01-01", "1987-12-31")),
    ("the 1986/87 sugar crop", ("1986/87", "1986-01-01", "1987-12-31")),
    ("in crop year 1986-87", ("1986-87", "1986-01-01", "1987-12-31")),
    # years that are not consecutive are a range
    ("the plan for 2017-19", ("2017-19", "2017-01-01", "2019-12-31")),
    ("between 2021-2022", ("2021-2022", "2021-01-01", "2022-12-31")),
])
def test_split_years_that_are_not_fiscal(text, expected):
    span = one(text, date(1987, 3, 1))
    assert (span.text, span.date_start, span.date_end) == expected


def test_two_digit_fiscal_needs_fy():
    assert find_dates("a fiscal 23 pct rise", PUB) == []


# --- centuries -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("since the 19th century", ("19th century", "1800-01-01", "1899-12-31")),
    ("in the 21st century", ("21st century", "2000-01-01", "2099-12-31")),
    ("a 19th-century treaty", ("19th-century", "1800-01-01", "1899-12-31")),
    ("the twentieth century", ("twentieth century", "1900-01-01", "1999-12-31")),
    ("the twenty-first century", ("twenty-first century", "2000-01-01", "2099-12-31")),
    ("the early 20th century", ("early 20th century", "1900-01-01", "1932-12-31")),
    ("the late 18th century", ("late 18th century", "1767-01-01", "1799-12-31")),
    ("in the 1800s", ("1800s", "1800-01-01", "1899-12-31")),
    ("this century", ("this century", "2000-01-01", "2099-12-31")),
    ("last century", ("last century", "1900-01-01", "1999-12-31")),
])
def test_centuries(text, expected):
    span = one(text)
    assert (span.text, span.date_start, span.date_end, span.precision) == (*expected, "century")


# --- a bare year before a noun --------------------------------------------------------------------

@pytest.mark.parametrize("text, year", [
    ("after the 2019 summit", "2019"), ("her 2016 campaign", "2016"), ("since the 2023 upgrade", "2023"),
    ("China's 2023 upgrade of ties", "2023"), ("a 2019 law on trade", "2019"), ("their 2018 agreement", "2018"),
    ("its 2021 coup", "2021"),
])
def test_bare_year_before_a_noun(text, year):
    span = one(text)
    assert (span.text, rng(span), span.precision) == (year, (f"{year}-01-01", f"{year}-12-31"), "year")


@pytest.mark.parametrize("text", ["her 2000 supporters", "its 2000 employees", "their 1999 and",
                                  "with his 1990 in cash", "a 2000 tonnes cargo"])
def test_a_possessive_number_before_a_plural_or_function_word_is_not_a_year(text):
    assert [s for s in find_dates(text, PUB) if s.precision == "year"] == []


# --- relative to another date -----------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("the previous year", ("the previous year", "2024-01-01", "2024-12-31", "year")),
    ("a year ago", ("a year ago", "2024-01-01", "2024-12-31", "year")),
    ("two years earlier", ("two years earlier", "2023-01-01", "2023-12-31", "year")),
    ("the prior month", ("the prior month", "2025-11-01", "2025-11-30", "month")),
    ("the day before.", ("the day before", "2025-12-29", "2025-12-29", "day")),
])
def test_relative_to_publication_when_no_other_date_precedes(text, expected):
    assert spans_of(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Exports rose 5% in January from a year earlier", ("a year earlier", "2024-01-01", "2024-01-31", "month")),
    ("In 2023 exports rose to $5 billion from $4 billion the previous year",
     ("the previous year", "2022-01-01", "2022-12-31", "year")),
    ("GDP grew 1% in the third quarter of 2024 from the previous quarter",
     ("the previous quarter", "2024-04-01", "2024-06-30", "quarter")),
    ("He arrived on Monday and met the president the next day", ("the next day", "2025-12-30", "2025-12-30", "day")),
    ("Q3 2024 profit fell from the year-ago quarter", ("year-ago", "2023-07-01", "2023-09-30", "quarter")),
    ("talks from January 4 to 7, a week later than planned", ("a week later", "2026-01-11", "2026-01-14", "day")),
    ("the ceasefire of March 2024 collapsed two months later", ("two months later", "2024-05-01", "2024-05-31", "month")),
])
def test_relative_to_the_date_before_it(text, expected):
    assert spans_of(text)[-1] == expected


def test_a_weekday_report_date_is_not_what_a_year_earlier_is_relative_to():
    spans = spans_of("The ministry said on Monday exports were up 5% from a year earlier")
    assert spans[-1] == ("a year earlier", "2024-01-01", "2024-12-31", "year")


@pytest.mark.parametrize("text", ["two years before the war", "a year after the coup", "prior to the talks",
                                  "over the next year"])
def test_relative_words_before_a_noun_are_not_dates(text):
    assert [s for s in find_dates(text, PUB) if "before" in s.text or "after" in s.text or "prior" in s.text
            or "next year" in s.text and s.text.startswith("the")] == []


# --- quarters and halves --------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("profit in the latest quarter", ("latest quarter", "2025-07-01", "2025-09-30")),
    ("the most recent quarter", ("most recent quarter", "2025-07-01", "2025-09-30")),
    ("sales in the current quarter", ("current quarter", "2025-10-01", "2025-12-31")),
    ("a rebound next quarter", ("next quarter", "2026-01-01", "2026-03-31")),
    ("in the first half of 2024", ("first half of 2024", "2024-01-01", "2024-06-30")),
    ("in the second half of the year", ("second half of the year", "2025-07-01", "2025-12-31")),
    ("results for 2H 2024", ("2H 2024", "2024-07-01", "2024-12-31")),
    ("H1 2024 sales", ("H1 2024", "2024-01-01", "2024-06-30")),
    ("the fourth quarter of 1986", ("fourth quarter of 1986", "1986-10-01", "1986-12-31")),
    ("1986's fourth quarter", ("1986's fourth quarter", "1986-10-01", "1986-12-31")),
    ("fiscal 1985 third quarter results", ("fiscal 1985 third quarter", "1985-07-01", "1985-09-30")),
])
def test_quarters_and_halves(text, expected):
    span = one(text)
    assert (span.text, span.date_start, span.date_end, span.precision) == (*expected, "quarter")


def test_h1_follows_tense_and_h1b_is_no_date():
    assert rng(one("the company will grow in H1")) == ("2026-01-01", "2026-06-30")
    assert rng(one("the company earned more in H1")) == ("2025-01-01", "2025-06-30")
    assert find_dates("an H1-B visa", PUB) == []


# --- tense: from the clause around the expression --------------------------------------------------

FEB_10 = date(2024, 2, 10)   # a Saturday
WED = date(2024, 2, 14)      # a Wednesday


@pytest.mark.parametrize("text, published, expected", [
    # a past clause takes the past month, a future clause the next one
    ("the two countries signed in November", FEB_10, ("2023-11-01", "2023-11-30")),
    ("the two countries will sign in November", FEB_10, ("2024-11-01", "2024-11-30")),
    # the cue may come after a fronted date, with or without a comma
    ("In November, the two countries signed a deal", FEB_10, ("2023-11-01", "2023-11-30")),
    ("In November the two countries will sign a deal", FEB_10, ("2024-11-01", "2024-11-30")),
    # a weekday in a past or unmarked clause is never in a future week
    ("Tuesday's talks were tense", WED, ("2024-02-13", "2024-02-13")),
    ("the talks were held on Thursday", WED, ("2024-02-08", "2024-02-08")),
    ("During their meeting in Hanoi on Monday afternoon, they agreed", date(2017, 4, 18), ("2017-04-17", "2017-04-17")),
    # a future clause takes the next one
    ("the minister will visit on Friday", WED, ("2024-02-16", "2024-02-16")),
    ("On Friday, the minister will visit Seoul", WED, ("2024-02-16", "2024-02-16")),
    ("On Friday, the minister visited Seoul", WED, ("2024-02-09", "2024-02-09")),
    ("Friday's meeting will focus on trade", WED, ("2024-02-16", "2024-02-16")),
    # a reporting verb right before or after the date makes it the report's (past)
    ("The ministry on Tuesday said it would retaliate", WED, ("2024-02-13", "2024-02-13")),
    ("Ongpin told reporters on Saturday that Sy would sit on the board", WED, ("2024-02-10", "2024-02-10")),
    ("the minister said in a statement on Monday that talks will resume", WED, ("2024-02-12", "2024-02-12")),
    ("In mid-February, Piedmont said its board would meet", date(1987, 3, 4), ("1987-02-11", "1987-02-20")),
    # a cue in another clause does not count ("that ... would" belongs to the reported clause)
    ("An announcement late Friday that the USDA will lift the limits", WED, ("2024-02-09", "2024-02-09")),
    # "to cut" is an infinitive, not a past tense
    ("gives companies until late September to cut trade ties", date(1987, 3, 16), ("1987-09-21", "1987-09-30")),
])
def test_tense_from_the_clause(text, published, expected):
    spans = [s for s in find_dates(text, published) if s.precision in ("day", "month")]
    assert len(spans) == 1, spans
    assert rng(spans[0]) == expected


def test_given_tense_overrides_the_clause():
    assert rng(one("the two countries signed in November", FEB_10, tense="future")) == ("2024-11-01", "2024-11-30")
    assert rng(one("Tuesday's talks will be tense", WED, tense="past")) == ("2024-02-13", "2024-02-13")


def test_weekday_with_part_of_day_is_one_span():
    span = one("on Monday afternoon", date(2017, 4, 18))
    assert (span.text, rng(span)) == ("Monday afternoon", ("2017-04-17", "2017-04-17"))


_NEW_PIECES = st.sampled_from([
    "spring", "summer", "autumn", "fall", "winter", "fiscal", "FY2022-23", "FY23", "2021-22", "century", "19th",
    "now", "currently", "at", "present", "so", "far", "previous", "earlier", "a", "year", "end", "of", "start",
    "the", "next", "month", "H1", "latest", "quarter", "her", "2016", "campaign", "1800s", "Monday", "afternoon",
    "in", "November", "signed", "will", "said", "on", ",", "last", "this", "mid-June", "end-2024", "1987/88",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_NEW_PIECES, max_size=25),
       st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))),
       st.sampled_from([None, "past", "future"]))
def test_new_forms_keep_spans_ordered_disjoint_and_well_formed(words, published, tense):
    text = " ".join(words)
    spans = find_dates(text, published, tense)
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start
    for s in spans:
        assert text[s.start:s.end] == s.text and s.text
        assert s.precision in DATE_PRECISIONS
        if s.date_start and s.date_end:
            assert s.date_start <= s.date_end


# --- the `dates` command's logic ---------------------------------------------------------------------

def test_date_entries_have_the_contract_keys_and_spans():
    text = "Lee will visit China from January 4 to 7, his office said recently."
    entries = date_entries(text, PUB)
    assert entries == [
        {"start": 26, "end": 40, "text": "January 4 to 7", "date_start": "2026-01-04", "date_end": "2026-01-07",
         "precision": "day"},
        {"start": 58, "end": 66, "text": "recently", "date_start": "2025-11-30", "date_end": "2025-12-30",
         "precision": "vague"},
    ]
    assert all(text[e["start"]:e["end"]] == e["text"] for e in entries)


def test_dates_line_reads_one_jsonl_line():
    out = dates_line('{"text": "They met on Tuesday.", "published": "2025-12-30"}')
    assert out == {"text": "They met on Tuesday.", "dates": [
        {"start": 12, "end": 19, "text": "Tuesday", "date_start": "2025-12-30", "date_end": "2025-12-30",
         "precision": "day"}]}
    # a full ISO timestamp is a publication date too; no published leaves relative dates open
    assert dates_line('{"text": "yesterday", "published": "2025-12-30T23:10:00Z"}')["dates"][0]["date_start"] == "2025-12-29"
    assert dates_line('{"text": "yesterday"}')["dates"][0]["date_start"] is None
    assert dates_line('{"text": "in 2017", "published": null}')["dates"][0]["date_end"] == "2017-12-31"
    assert dates_line('{"text": "no date here", "published": "2025-12-30"}') == {"text": "no date here", "dates": []}


@pytest.mark.parametrize("line, text, reason", [
    ("not json", None, "not JSON"),
    ("", None, "not JSON"),
    ("[1, 2]", None, "not a JSON object"),
    ('{"published": "2025-12-30"}', None, "no \"text\""),
    ('{"text": 42}', None, "no \"text\""),
    ('{"text": "on Tuesday", "published": "yesterday"}', "on Tuesday", "not a YYYY-MM-DD date"),
    ('{"text": "on Tuesday", "published": 20251230}', "on Tuesday", "not a date string"),
])
def test_dates_line_reports_a_bad_line_instead_of_raising(line, text, reason):
    out = dates_line(line)
    assert (out["text"], out["dates"]) == (text, [])
    assert reason in out["error"]


def test_dates_line_never_raises(monkeypatch):
    import pipeline.dates as dates_mod

    def broken(text, published, tense=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(dates_mod, "find_dates", broken)
    out = dates_mod.dates_line('{"text": "on Tuesday"}')
    assert out["text"] == "on Tuesday" and out["dates"] == [] and "RuntimeError: boom" in out["error"]
