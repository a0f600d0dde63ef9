"""Resolve a time expression ("on Friday", "in December", "earlier this month") to a window.

Every answer is a :class:`DateSpan` with a precision (1 day, 2 week, 3 month, 4 year or vaguer)
resolved against the publication date.  News English uses a handful of shapes again and again;
those are handled by the rules below, which know what ``dateparser`` gets wrong (a weekday equal to
the publication day, "earlier in July", "two days prior"); anything else falls back to
``dateparser`` with the publication date as its base and a preference for the past.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from ..model import DateSpan

WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)} | {
    name: i for i, name in enumerate(calendar.day_abbr)
}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | {
    name.lower(): i for i, name in enumerate(calendar.month_abbr) if name
}
MONTHS["sept"] = 9
# Number words as news writes them ("three soldiers", "twenty-five"); shared with counts.
CARDINALS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "dozen": 12,
}
NUMBER_WORDS = {
    **CARDINALS,
    "a": 1,
    "an": 1,
    "a few": 3,
    "several": 3,
    "a couple of": 2,
    "couple of": 2,
}
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
UNIT_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 4}
# "recent days" and the like: how far back the window reaches, and its precision.
VAGUE_RECENT = {"days": (7, 2), "weeks": (30, 3), "months": (180, 4)}

_NUM = (
    r"(?P<n>\d+|a few|a couple of|couple of|several|an?|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve)"
)
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _clip(span: DateSpan, published: date) -> DateSpan:
    """Past events cannot end after the report; keep windows inside [.., published]."""
    end = min(span.end, published)
    start = min(span.start, end)
    return DateSpan(start, end, span.precision, span.text)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower(), 1)


def _weekday(m: re.Match[str], pub: date, anchor: date | None) -> DateSpan:
    target = WEEKDAYS[m.group("wd").capitalize()]
    back = (pub.weekday() - target) % 7
    if m.group("last") and back == 0:
        back = 7
    day = pub - timedelta(days=back)
    return DateSpan(day, day, 1)


def _relative_word(m: re.Match[str], pub: date, anchor: date | None) -> DateSpan:
    word = m.group("word").lower()
    base = anchor or pub
    offsets = {
        "today": (pub, 0),
        "tonight": (pub, 0),
        "this morning": (pub, 0),
        "this afternoon": (pub, 0),
        "this evening": (pub, 0),
        "yesterday": (pub, -1),
        "last night": (pub, -1),
        "overnight": (pub, -1),
        "the previous day": (base, -1),
        "the day before": (base, -1),
        "the next day": (base, 1),
        "the following day": (base, 1),
        "the same day": (base, 0),
    }
    origin, delta = offsets[word]
    day = origin + timedelta(days=delta)
    return DateSpan(day, day, 1)


def _ago(m: re.Match[str], pub: date, anchor: date | None) -> DateSpan:
    unit = m.group("unit").lower().rstrip("s")
    n = _number(m.group("n"))
    direction = m.group("dir").lower()
    base = pub if direction == "ago" else (anchor or pub)
    sign = 1 if direction in ("later", "after") else -1
    day = base + timedelta(days=sign * n * UNIT_DAYS[unit])
    if unit == "day":
        return DateSpan(day, day, 1)
    half = UNIT_DAYS[unit] // 2
    return DateSpan(day - timedelta(days=half), day + timedelta(days=half), UNIT_PRECISION[unit])


def _last_period(m: re.Match[str], pub: date, anchor: date | None) -> DateSpan:
    unit = m.group("unit").lower()
    if unit == "week":
        monday = pub - timedelta(days=pub.weekday())
        return DateSpan(monday - timedelta(days=7), monday - timedelta(days=1), 2)
    if unit == "month":
        first = pub.replace(day=1) - timedelta(days=1)
        return DateSpan(first.replace(day=1), first, 3)
    return DateSpan(date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), 4)


def _this_period(m: re.Match[str], pub: date, anchor: date | None) -> DateSpan:
    unit = m.group("unit").lower()
    starts = {
        "week": pub - timedelta(days=pub.weekday()),
        "month": pub.replace(day=1),
        "year": date(pub.year, 1, 1),
    }
    start = starts[unit]
    earlier = bool(m.group("earlier")) and pub > start
    end = pub - timedelta(days=1) if earlier else pub
    return DateSpan(start, end, UNIT_PRECISION[unit] if unit != "year" else 4)


def _explicit_year(m: re.Match[str], pub: date) -> int | None:
    """The year the text states: "2016", or "last year" (the year before publication)."""
    if m.group("year"):
        return int(m.group("year"))
    if m.group("lastyear"):
        return pub.year - 1
    return None


def _month(m: re.Match[str], pub: date, anchor: date | None) -> DateSpan:
    month = MONTHS[m.group("month").lower()]
    year = _explicit_year(m, pub) or pub.year
    if not _explicit_year(m, pub) and month > pub.month:
        year -= 1
    start, end = date(year, month, 1), _month_end(year, month)
    if m.group("part"):
        part = m.group("part").lower()
        if part.startswith("early") or part.startswith("the beginning"):
            end = date(year, month, 10)
        elif part.startswith("mid"):
            start, end = date(year, month, 11), date(year, month, 20)
        elif part.startswith("late") or part.startswith("the end"):
            start = date(year, month, 21)
    if m.group("earlier") and (year, month) == (pub.year, pub.month):
        end = pub - timedelta(days=1) if pub.day > 1 else pub
    return DateSpan(start, end, 3)


def _year(m: re.Match[str], pub: date, anchor: date | None) -> DateSpan:
    year = int(m.group("year"))
    return DateSpan(date(year, 1, 1), date(year, 12, 31), 4)


def _decade(m: re.Match[str], pub: date, anchor: date | None) -> DateSpan:
    start = int(m.group("decade"))
    return DateSpan(date(start, 1, 1), date(start + 9, 12, 31), 4)


def _recent(m: re.Match[str], pub: date, anchor: date | None) -> DateSpan:
    back, precision = VAGUE_RECENT[m.group("unit").lower()]
    return DateSpan(pub - timedelta(days=back), pub, precision)


def _day_month(m: re.Match[str], pub: date, anchor: date | None) -> DateSpan | None:
    month_word = m.group("month") or m.group("month2")
    day_text = m.group("day") or m.group("day2")
    month = MONTHS[month_word.lower()]
    year = _explicit_year(m, pub) or pub.year
    if not _explicit_year(m, pub) and (month, int(day_text)) > (pub.month, pub.day):
        year -= 1
    for candidate in range(year, year - 8, -1):  # 29 February needs a leap year
        try:
            day = date(candidate, month, int(day_text))
        except ValueError:
            if _explicit_year(m, pub):
                return None
            continue
        return DateSpan(day, day, 1)
    return None


RULES: list[
    tuple[re.Pattern[str], Callable[[re.Match[str], date, date | None], DateSpan | None]]
] = [
    (
        re.compile(
            r"\b(?P<word>today|tonight|this (?:morning|afternoon|evening)|yesterday|last night|"
            r"overnight|the previous day|the day before|the next day|the following day|"
            r"the same day)\b",
            re.I,
        ),
        _relative_word,
    ),
    (
        re.compile(
            r"\b" + _NUM + r"\s+(?P<unit>days?|weeks?|months?|years?)\s+"
            r"(?P<dir>ago|earlier|before|prior|later|after)\b",
            re.I,
        ),
        _ago,
    ),
    (
        re.compile(
            r"\b(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            + _MONTH
            + r"|"
            + _MONTH.replace("month>", "month2>")
            + r"\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?)"
            r"(?:,?\s+(?P<year>\d{4})|\s+(?P<lastyear>last year))?\b",
            re.I,
        ),
        _day_month,
    ),
    (
        re.compile(
            r"\b(?P<earlier>earlier\s+in\s+)?"
            r"(?P<part>early|mid-?|late|the beginning of|the end of)?"
            r"\s*(?:in\s+)?" + _MONTH + r"(?:\s+(?P<year>\d{4})|\s+(?P<lastyear>last year))?\b",
            re.I,
        ),
        _month,
    ),
    (re.compile(r"\b(?:last|past|previous)\s+(?P<unit>week|month|year)\b", re.I), _last_period),
    (
        re.compile(r"\b(?P<earlier>earlier\s+)?this\s+(?P<unit>week|month|year)\b", re.I),
        _this_period,
    ),
    (
        re.compile(r"\b(?P<last>last\s+)?(?P<wd>" + "|".join(calendar.day_name) + r")\b", re.I),
        _weekday,
    ),
    (
        re.compile(
            r"\b(?:in\s+)?(?:the\s+)?(?:recent|past|last|coming)\s+(?P<unit>days|weeks|months)\b",
            re.I,
        ),
        _recent,
    ),
    (re.compile(r"\b(?P<decade>(?:19|20)\d0)'?s\b"), _decade),
    (re.compile(r"\b(?P<year>(?:19|20)\d{2})\b"), _year),
]


def resolve_date(text: str, published: date, *, anchor: date | None = None) -> DateSpan | None:
    """Resolve ``text`` against ``published``; ``anchor`` is the date of the event the text is
    relative to ("two days earlier"), when known.  None when the text holds no date."""
    for pattern, rule in RULES:
        match = pattern.search(text)
        if match:
            span = rule(match, published, anchor)
            if span is not None:
                return _clip(DateSpan(span.start, span.end, span.precision, text), published)
    return _dateparser_fallback(text, published)


# What a time expression needs before dateparser is asked: a month, a weekday, a year or a
# numeric date.  Bare durations ("two days", "48 hours") are not dates.
DATE_LIKE = re.compile(
    r"\b(?:"
    + "|".join(MONTHS)
    + "|"
    + "|".join(n.lower() for n in calendar.day_name)
    + r")\b|\b(?:19|20)\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b",
    re.I,
)


def _dateparser_fallback(text: str, published: date) -> DateSpan | None:
    import dateparser

    if not DATE_LIKE.search(text):
        return None
    base = datetime(published.year, published.month, published.day, 12)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["year"]}
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if parsed is None:
        return None
    day = parsed.date()
    return _clip(DateSpan(day, day, 1, text), published)


def default_window(published: date, days: int = 6) -> DateSpan:
    """The window for an event whose report gives no date: the days just before publication."""
    return DateSpan(published - timedelta(days=days), published, 2, "")


def report_window(reported_on: DateSpan) -> DateSpan:
    """An event told of in a statement dated ``reported_on`` happened on or before that day."""
    return DateSpan(reported_on.end - timedelta(days=6), reported_on.end, 2, reported_on.text)
