"""Tests for borderwatch.resolve.dates.resolve_date: each news date shape, and window properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from borderwatch.model import DateSpan
from borderwatch.resolve.dates import resolve_date

FRIDAY = date(2025, 10, 31)  # a Friday
MONDAY = date(2025, 10, 27)  # a Monday
DAY, WEEK, MONTH, YEAR = 1, 2, 3, 4


def window(text: str, published: date, anchor: date | None = None) -> tuple[date, date, int]:
    span = resolve_date(text, published, anchor=anchor)
    assert span is not None, f"{text!r} did not resolve"
    return span.start, span.end, span.precision


# --- weekdays ----------------------------------------------------------------------------------


def test_weekday_before_publication_day_is_the_most_recent_one():
    assert window("on Wednesday", FRIDAY) == (date(2025, 10, 29), date(2025, 10, 29), DAY)


def test_weekday_after_publication_weekday_is_in_the_previous_week():
    assert window("on Saturday", FRIDAY) == (date(2025, 10, 25), date(2025, 10, 25), DAY)


def test_weekday_equal_to_publication_day_means_that_day():
    assert window("on Friday", FRIDAY) == (FRIDAY, FRIDAY, DAY)


def test_last_weekday_equal_to_publication_day_means_a_week_earlier():
    assert window("last Friday", FRIDAY) == (date(2025, 10, 24), date(2025, 10, 24), DAY)


def test_last_weekday_not_equal_to_publication_day_is_the_most_recent_one():
    assert window("last Tuesday", FRIDAY) == (date(2025, 10, 28), date(2025, 10, 28), DAY)


def test_weekday_is_case_insensitive_and_ignores_part_of_day():
    assert window("late on SUNDAY night", FRIDAY) == (date(2025, 10, 26), date(2025, 10, 26), DAY)


# --- today, yesterday, n days ago ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", FRIDAY),
        ("this morning", FRIDAY),
        ("yesterday", date(2025, 10, 30)),
        ("last night", date(2025, 10, 30)),
        ("overnight", date(2025, 10, 30)),
    ],
)
def test_relative_day_words(text, expected):
    assert window(text, FRIDAY) == (expected, expected, DAY)


def test_days_ago_counts_back_from_publication():
    assert window("two days ago", FRIDAY) == (date(2025, 10, 29), date(2025, 10, 29), DAY)


def test_days_ago_with_digits():
    assert window("10 days ago", FRIDAY) == (date(2025, 10, 21), date(2025, 10, 21), DAY)


def test_days_ago_ignores_the_anchor():
    anchor = date(2025, 10, 1)
    assert window("two days ago", FRIDAY, anchor) == (date(2025, 10, 29), date(2025, 10, 29), DAY)


def test_days_earlier_counts_back_from_the_anchor():
    anchor = date(2025, 10, 20)
    assert window("three days earlier", FRIDAY, anchor) == (
        date(2025, 10, 17),
        date(2025, 10, 17),
        DAY,
    )


def test_days_earlier_without_anchor_counts_back_from_publication():
    assert window("three days earlier", FRIDAY) == (date(2025, 10, 28), date(2025, 10, 28), DAY)


def test_days_later_counts_forward_from_the_anchor():
    anchor = date(2025, 10, 20)
    assert window("two days later", FRIDAY, anchor) == (date(2025, 10, 22), date(2025, 10, 22), DAY)


def test_previous_day_is_relative_to_the_anchor():
    anchor = date(2025, 10, 20)
    assert window("the previous day", FRIDAY, anchor) == (
        date(2025, 10, 19),
        date(2025, 10, 19),
        DAY,
    )


def test_later_date_cannot_run_past_publication():
    start, end, _ = window("the next day", FRIDAY, anchor=FRIDAY)
    assert end <= FRIDAY
    assert start <= end


def test_weeks_ago_is_a_week_window_around_that_day():
    start, end, precision = window("two weeks ago", FRIDAY)
    assert precision == WEEK
    assert start <= FRIDAY - timedelta(days=14) <= end
    assert (end - start).days == 6


# --- weeks -------------------------------------------------------------------------------------


def test_last_week_is_the_previous_monday_to_sunday():
    assert window("last week", FRIDAY) == (date(2025, 10, 20), date(2025, 10, 26), WEEK)


def test_last_week_published_on_monday_is_the_week_just_ended():
    assert window("last week", MONDAY) == (date(2025, 10, 20), date(2025, 10, 26), WEEK)


def test_last_week_published_on_sunday():
    assert window("last week", date(2025, 11, 2)) == (date(2025, 10, 20), date(2025, 10, 26), WEEK)


def test_earlier_this_week_runs_from_monday_to_the_day_before():
    assert window("earlier this week", FRIDAY) == (MONDAY, date(2025, 10, 30), WEEK)


def test_this_week_runs_from_monday_to_publication():
    assert window("this week", FRIDAY) == (MONDAY, FRIDAY, WEEK)


def test_earlier_this_week_published_on_monday_stays_in_this_week():
    start, end, precision = window("earlier this week", MONDAY)
    assert precision == WEEK
    assert MONDAY <= start <= end <= MONDAY


# --- months ------------------------------------------------------------------------------------


def test_this_month_runs_from_the_first_to_publication():
    assert window("this month", FRIDAY) == (date(2025, 10, 1), FRIDAY, MONTH)


def test_earlier_this_month_ends_the_day_before_publication():
    assert window("earlier this month", FRIDAY) == (date(2025, 10, 1), date(2025, 10, 30), MONTH)


def test_earlier_this_month_on_the_first_is_that_day():
    first = date(2025, 7, 1)
    assert window("earlier this month", first) == (first, first, MONTH)


def test_last_month_is_the_whole_previous_month():
    assert window("last month", FRIDAY) == (date(2025, 9, 1), date(2025, 9, 30), MONTH)


def test_last_month_in_january_is_the_previous_december():
    assert window("last month", date(2026, 1, 15)) == (date(2025, 12, 1), date(2025, 12, 31), MONTH)


def test_later_month_name_in_an_earlier_month_article_is_last_year():
    published = date(2026, 2, 10)
    assert window("in December", published) == (date(2025, 12, 1), date(2025, 12, 31), MONTH)


def test_earlier_month_name_is_this_year():
    assert window("in March", FRIDAY) == (date(2025, 3, 1), date(2025, 3, 31), MONTH)


def test_current_month_name_is_clipped_to_publication():
    assert window("in October", FRIDAY) == (date(2025, 10, 1), FRIDAY, MONTH)


def test_earlier_in_the_publication_month_ends_the_day_before():
    published = date(2025, 7, 18)
    assert window("Earlier in July", published) == (date(2025, 7, 1), date(2025, 7, 17), MONTH)


def test_earlier_in_another_month_is_that_whole_month():
    published = date(2025, 7, 18)
    assert window("earlier in May", published) == (date(2025, 5, 1), date(2025, 5, 31), MONTH)


@pytest.mark.parametrize(
    ("text", "start_day", "end_day"),
    [
        ("early June", 1, 10),
        ("in early June", 1, 10),
        ("mid-June", 11, 20),
        ("mid June", 11, 20),
        ("late June", 21, 30),
        ("the beginning of June", 1, 10),
        ("the end of June", 21, 30),
    ],
)
def test_part_of_month(text, start_day, end_day):
    assert window(text, FRIDAY) == (date(2025, 6, start_day), date(2025, 6, end_day), MONTH)


def test_late_february_ends_on_the_last_day_of_a_leap_february():
    assert window("late February", date(2024, 3, 15)) == (
        date(2024, 2, 21),
        date(2024, 2, 29),
        MONTH,
    )


# --- exact days and years ----------------------------------------------------------------------


def test_month_day_is_that_day_this_year():
    assert window("March 3", FRIDAY) == (date(2025, 3, 3), date(2025, 3, 3), DAY)


def test_month_day_after_publication_is_last_year():
    assert window("November 5", FRIDAY) == (date(2024, 11, 5), date(2024, 11, 5), DAY)


@pytest.mark.parametrize("text", ["3 March 2016", "March 3, 2016", "3rd of March 2016"])
def test_full_date_with_year(text):
    assert window(text, FRIDAY) == (date(2016, 3, 3), date(2016, 3, 3), DAY)


def test_abbreviated_month_with_day():
    assert window("Sept. 12", FRIDAY) == (date(2025, 9, 12), date(2025, 9, 12), DAY)


def test_full_date_beats_weekday_in_the_same_text():
    assert window("on Monday, March 3", FRIDAY) == (date(2025, 3, 3), date(2025, 3, 3), DAY)


def test_bare_year_is_the_whole_year():
    assert window("in 2014", FRIDAY) == (date(2014, 1, 1), date(2014, 12, 31), YEAR)


def test_last_year_is_the_whole_previous_year():
    assert window("last year", FRIDAY) == (date(2024, 1, 1), date(2024, 12, 31), YEAR)


def test_leap_day_before_publication_in_a_leap_year_does_not_crash():
    # 29 February 2024 is after the publication day, and 2023 has no 29 February: the rule must
    # look further back or give up, not raise.
    span = resolve_date("February 29", date(2024, 2, 20))
    assert span is None or span.end <= date(2024, 2, 20)


def test_decade_is_not_dated_to_the_publication_day():
    span = resolve_date("the 1980s", FRIDAY)
    assert span is None or (span.start.year >= 1980 and span.end.year <= 1989)


# --- vague and missing ---------------------------------------------------------------------------


def test_recent_days_is_the_last_week_up_to_publication():
    start, end, precision = window("in recent days", FRIDAY)
    assert end == FRIDAY
    assert start == FRIDAY - timedelta(days=7)
    assert precision == WEEK


def test_recent_weeks_is_coarser_than_recent_days():
    days = resolve_date("in recent days", FRIDAY)
    weeks = resolve_date("in recent weeks", FRIDAY)
    assert days is not None and weeks is not None
    assert weeks.start < days.start
    assert weeks.precision > days.precision
    assert weeks.end == FRIDAY


@pytest.mark.parametrize(
    "text", ["the army said", "near the crossing", "no date at all here", "at dawn", ""]
)
def test_text_without_a_date_is_none(text):
    assert resolve_date(text, FRIDAY) is None


def test_span_keeps_the_original_text():
    span = resolve_date("last Friday", FRIDAY)
    assert span is not None
    assert span.text == "last Friday"


# --- properties --------------------------------------------------------------------------------

PHRASES = [
    "on Friday",
    "last Friday",
    "on Monday",
    "last Sunday",
    "today",
    "yesterday",
    "last night",
    "two days ago",
    "a week ago",
    "several months ago",
    "three days earlier",
    "the previous day",
    "the next day",
    "two days later",
    "last week",
    "earlier this week",
    "this week",
    "this month",
    "earlier this month",
    "last month",
    "last year",
    "earlier this year",
    "in December",
    "in January",
    "Earlier in July",
    "early June",
    "mid-March",
    "late August",
    "March 3",
    "December 31",
    "3 March 2016",
    "in 2014",
    "in 2099",
    "in recent days",
    "in recent weeks",
    "in the past months",
]
PUBLISHED = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@settings(max_examples=300, deadline=None)
@given(
    text=st.sampled_from(PHRASES),
    published=PUBLISHED,
    anchor_back=st.one_of(st.none(), st.integers(min_value=0, max_value=60)),
)
def test_window_is_ordered_and_never_after_publication(text, published, anchor_back):
    anchor = None if anchor_back is None else published - timedelta(days=anchor_back)
    span = resolve_date(text, published, anchor=anchor)
    assert isinstance(span, DateSpan)
    assert span.start <= span.end <= published
    assert span.precision in (1, 2, 3, 4)


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), published=PUBLISHED)
@example(day=date(2024, 2, 29), published=date(2024, 2, 20))
def test_any_written_month_and_day_resolves_without_error(day, published):
    text = f"{day:%B} {day.day}"
    span = resolve_date(text, published)
    assert span is not None
    assert span.start <= span.end <= published
    if span.precision == DAY:
        assert (span.start.month, span.start.day) == (day.month, day.day)


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_full_date_before_publication_resolves_to_exactly_that_day(day):
    published = day + timedelta(days=30)
    for text in (f"{day.day} {day:%B %Y}", f"{day:%B} {day.day}, {day.year}"):
        assert window(text, published) == (day, day, DAY)


@settings(max_examples=200, deadline=None)
@given(published=PUBLISHED)
def test_weekday_resolves_to_that_weekday_within_the_past_week(published):
    for offset in range(7):
        target = published - timedelta(days=offset)
        start, end, precision = window(f"on {target:%A}", published)
        assert (start, end, precision) == (target, target, DAY)


@settings(max_examples=200, deadline=None)
@given(published=PUBLISHED)
def test_last_week_is_always_a_full_monday_to_sunday_before_this_week(published):
    start, end, precision = window("last week", published)
    assert start.weekday() == 0
    assert end.weekday() == 6
    assert (end - start).days == 6
    assert 0 < (published - end).days <= 7
