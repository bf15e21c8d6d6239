"""Unit tests for pipeline.dates: the forms of the `dates` command (seasons, fiscal years, centuries,
present words, parts of periods, dates relative to another date), the clause tense, and the
command's pure logic (date_entries, dates_line). The older forms are in test_dates.py."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.commands.dates import dates_line
from pipeline.dates import DateSpan, date_entries, find_dates
from pipeline.schema import DATE_PRECISIONS

PUB = date(2025, 12, 30)  # the seed's publication date, a Tuesday


def one(text: str, published: date | None = PUB, tense: str | None = None) -> DateSpan:
    spans = find_dates(text, published, tense)
    assert len(spans) == 1, spans
    return spans[0]


def rng(span: DateSpan) -> tuple[str | None, str | None]:
    return span.date_start, span.date_end


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
    ('{"text": "on Tuesday", "published": 20251230}', "on Tuesday", "not a YYYY-MM-DD date"),
])
def test_dates_line_reports_a_bad_line_instead_of_raising(line, text, reason):
    out = dates_line(line)
    assert (out["text"], out["dates"]) == (text, [])
    assert reason in out["error"]


def test_dates_line_never_raises(monkeypatch):
    import pipeline.commands.dates as command

    def broken(text, published):
        raise RuntimeError("boom")

    monkeypatch.setattr(command, "date_entries", broken)
    out = command.dates_line('{"text": "on Tuesday"}')
    assert out["text"] == "on Tuesday" and out["dates"] == [] and "RuntimeError: boom" in out["error"]
