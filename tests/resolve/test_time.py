"""Tests for sitrep.resolve.time: time expressions found and resolved from the words
and the publication date, with their ACLED time precision, never from the clock."""

from __future__ import annotations

import ast
import itertools
import time
from datetime import date
from pathlib import Path

import pytest

from sitrep.model import Span
from sitrep.resolve import time as time_module
from sitrep.resolve.time import (
    MAX_SCAN_CHARS,
    find_time_expressions,
    publication_date_from_dateline,
    resolve_in_text,
    resolve_time,
)
from tests.paths import SEED_ARTICLE

# Publication dates used below.
WED = "2023-03-15"  # a Wednesday
MON = "2023-03-13"  # a Monday
SUN = "2023-03-19"  # a Sunday
NEWYEAR = "2024-01-01"  # 1 January, a Monday
LEAP = "2024-02-29"  # leap day, a Thursday
YEAREND = "2022-12-31"  # 31 December, a Saturday
NOV19 = "2019-11-20"  # a Wednesday
JAN5 = "2024-01-05"  # a Friday, just after a year end
NONE = None

Row = tuple[str, str | None, str | None, str | None, int | None]

# (expression, published, expected start, expected end, expected precision)
LABELLED: list[Row] = [
    # --- absolute dates -------------------------------------------------------------
    ("March 3, 2023", WED, "2023-03-03", "2023-03-03", 1),
    ("on March 3, 2023", WED, "2023-03-03", "2023-03-03", 1),
    ("3 March 2023", WED, "2023-03-03", "2023-03-03", 1),
    ("on 14 March 2023", NONE, "2023-03-14", "2023-03-14", 1),
    ("2023-03-14", NONE, "2023-03-14", "2023-03-14", 1),
    ("14/03/2023", WED, "2023-03-14", "2023-03-14", 1),
    ("03/14/2023", WED, "2023-03-14", "2023-03-14", 1),
    ("03/04/2023", WED, "2023-03-04", "2023-03-04", 1),  # 3 April would be after publication
    ("03/04/2023", NONE, "2023-04-03", "2023-04-03", 1),  # ambiguous, no publication: day-first
    ("04/03/2023", WED, "2023-03-04", "2023-03-04", 1),
    ("14.03.2023", WED, "2023-03-14", "2023-03-14", 1),
    ("Sept. 14, 2022", WED, "2022-09-14", "2022-09-14", 1),
    ("Jan 5 2023", WED, "2023-01-05", "2023-01-05", 1),
    ("Tuesday, March 14, 2023", WED, "2023-03-14", "2023-03-14", 1),
    ("Monday, March 13", WED, "2023-03-13", "2023-03-13", 1),
    ("the 14th of March 2023", NONE, "2023-03-14", "2023-03-14", 1),
    ("March 14th", WED, "2023-03-14", "2023-03-14", 1),
    ("March 20", WED, "2022-03-20", "2022-03-20", 1),  # after publication: the year before
    ("March 3", NONE, None, None, None),
    ("on 25 December", NEWYEAR, "2023-12-25", "2023-12-25", 1),
    ("February 29", LEAP, "2024-02-29", "2024-02-29", 1),
    ("February 29", WED, "2020-02-29", "2020-02-29", 1),  # the latest 29 February
    ("December 31", YEAREND, "2022-12-31", "2022-12-31", 1),
    ("January 1", YEAREND, "2022-01-01", "2022-01-01", 1),
    ("on the 14th", WED, "2023-03-14", "2023-03-14", 1),
    ("on the 20th", WED, "2023-02-20", "2023-02-20", 1),
    # --- months and years ------------------------------------------------------------
    ("in March 2023", WED, "2023-03-01", "2023-03-15", 3),  # cut at publication
    ("February 2023", WED, "2023-02-01", "2023-02-28", 3),
    ("in January 2024", LEAP, "2024-01-01", "2024-01-31", 3),
    ("in February 2024", LEAP, "2024-02-01", "2024-02-29", 3),
    ("in 2014", WED, "2014-01-01", "2014-12-31", 3),
    ("in 2023", WED, "2023-01-01", "2023-03-15", 3),
    ("during 2022", YEAREND, "2022-01-01", "2022-12-31", 3),
    ("the year 2016", NONE, "2016-01-01", "2016-12-31", 3),
    ("in March", WED, "2023-03-01", "2023-03-15", 3),
    ("in April", WED, "2022-04-01", "2022-04-30", 3),
    ("in December", NEWYEAR, "2023-12-01", "2023-12-31", 3),
    ("in January", NEWYEAR, "2024-01-01", "2024-01-01", 3),
    ("last March", WED, "2022-03-01", "2022-03-31", 3),
    ("in May", NONE, None, None, None),
    # --- weekdays --------------------------------------------------------------------
    ("on Monday", WED, "2023-03-13", "2023-03-13", 1),
    ("Monday", MON, "2023-03-13", "2023-03-13", 1),  # published on a Monday: that day
    ("on Monday night", MON, "2023-03-13", "2023-03-13", 1),
    ("last Tuesday", WED, "2023-03-14", "2023-03-14", 1),
    ("last Monday", MON, "2023-03-06", "2023-03-06", 1),  # "last": strictly before publication
    ("on Wednesday", WED, "2023-03-15", "2023-03-15", 1),
    ("on Thursday", WED, "2023-03-09", "2023-03-09", 1),
    ("on Sunday evening", SUN, "2023-03-19", "2023-03-19", 1),
    ("on Sunday evening", MON, "2023-03-12", "2023-03-12", 1),
    ("Saturday", SUN, "2023-03-18", "2023-03-18", 1),
    ("early on Friday", WED, "2023-03-10", "2023-03-10", 1),
    ("late Sunday", NEWYEAR, "2023-12-31", "2023-12-31", 1),
    ("Friday morning", YEAREND, "2022-12-30", "2022-12-30", 1),
    ("Tuesday afternoon", LEAP, "2024-02-27", "2024-02-27", 1),
    ("Saturday overnight", SUN, "2023-03-18", "2023-03-19", 1),
    ("this past Saturday", WED, "2023-03-11", "2023-03-11", 1),
    ("on Monday", NONE, None, None, None),
    # --- days relative to publication -------------------------------------------------
    ("yesterday", WED, "2023-03-14", "2023-03-14", 1),
    ("yesterday", NEWYEAR, "2023-12-31", "2023-12-31", 1),
    ("yesterday", LEAP, "2024-02-28", "2024-02-28", 1),
    ("last night", WED, "2023-03-14", "2023-03-14", 1),
    ("late last night", MON, "2023-03-12", "2023-03-12", 1),
    ("overnight", WED, "2023-03-14", "2023-03-15", 1),
    ("overnight", NEWYEAR, "2023-12-31", "2024-01-01", 1),
    ("today", WED, "2023-03-15", "2023-03-15", 1),
    ("earlier today", YEAREND, "2022-12-31", "2022-12-31", 1),
    ("this morning", WED, "2023-03-15", "2023-03-15", 1),
    ("early this morning", LEAP, "2024-02-29", "2024-02-29", 1),
    ("the day before yesterday", WED, "2023-03-13", "2023-03-13", 1),
    ("the day before yesterday", NEWYEAR, "2023-12-30", "2023-12-30", 1),
    ("yesterday evening", YEAREND, "2022-12-30", "2022-12-30", 1),
    ("yesterday", NONE, None, None, None),
    # --- weeks, months, years relative to publication ----------------------------------
    ("last week", WED, "2023-03-06", "2023-03-12", 2),
    ("last week", MON, "2023-03-06", "2023-03-12", 2),
    ("last week", SUN, "2023-03-06", "2023-03-12", 2),
    ("last week", NEWYEAR, "2023-12-25", "2023-12-31", 2),
    ("this week", WED, "2023-03-13", "2023-03-15", 2),
    ("earlier this week", SUN, "2023-03-13", "2023-03-19", 2),
    ("earlier this week", MON, "2023-03-13", "2023-03-13", 2),
    ("earlier in the week", WED, "2023-03-13", "2023-03-15", 2),
    ("last month", WED, "2023-02-01", "2023-02-28", 3),
    ("last month", NEWYEAR, "2023-12-01", "2023-12-31", 3),
    ("last month", LEAP, "2024-01-01", "2024-01-31", 3),
    ("this month", WED, "2023-03-01", "2023-03-15", 3),
    ("earlier this month", NEWYEAR, "2024-01-01", "2024-01-01", 3),
    ("earlier this month", LEAP, "2024-02-01", "2024-02-29", 3),
    ("earlier this year", WED, "2023-01-01", "2023-03-15", 3),
    ("this year", YEAREND, "2022-01-01", "2022-12-31", 3),
    ("earlier this year", NEWYEAR, "2024-01-01", "2024-01-01", 3),
    ("so far this year", LEAP, "2024-01-01", "2024-02-29", 3),
    ("last year", WED, "2022-01-01", "2022-12-31", 3),
    ("last year", NEWYEAR, "2023-01-01", "2023-12-31", 3),
    ("last week", NONE, None, None, None),
    ("over the weekend", MON, "2023-03-11", "2023-03-12", 2),
    ("last weekend", WED, "2023-03-11", "2023-03-12", 2),
    ("last weekend", SUN, "2023-03-11", "2023-03-12", 2),
    ("this weekend", YEAREND, "2022-12-31", "2022-12-31", 2),
    ("at the weekend", NEWYEAR, "2023-12-30", "2023-12-31", 2),
    # --- since X / from X until now ------------------------------------------------------
    ("since the beginning of this year", WED, "2023-01-01", "2023-03-15", 3),
    ("since the start of the year", LEAP, "2024-01-01", "2024-02-29", 3),
    ("since the beginning of this year", NEWYEAR, "2024-01-01", "2024-01-01", 1),
    ("since the beginning of 2023", WED, "2023-01-01", "2023-03-15", 3),
    ("since January", WED, "2023-01-01", "2023-03-15", 3),
    ("since December", NEWYEAR, "2023-12-01", "2024-01-01", 3),
    ("since 2014", WED, "2014-01-01", "2023-03-15", 3),
    ("since 2014", NONE, "2014-01-01", None, None),  # the start is in the words
    ("ever since 2003", WED, "2003-01-01", "2023-03-15", 3),
    ("since last week", WED, "2023-03-06", "2023-03-15", 2),
    ("since last month", WED, "2023-02-01", "2023-03-15", 3),
    ("since Monday", WED, "2023-03-13", "2023-03-15", 2),
    ("since yesterday", WED, "2023-03-14", "2023-03-15", 2),
    ("since March 1", WED, "2023-03-01", "2023-03-15", 3),
    ("since March 8", WED, "2023-03-08", "2023-03-15", 2),
    ("since the summer of 2017", NOV19, "2017-06-01", "2019-11-20", 3),
    ("since early 2019", NOV19, "2019-01-01", "2019-11-20", 3),
    ("since last summer", WED, "2022-06-01", "2023-03-15", 3),
    ("since the current government took power", WED, None, "2023-03-15", 3),
    ("since it came to power", SUN, None, "2023-03-19", 3),
    ("since Prime Minister Sudani took office", WED, None, "2023-03-15", 3),
    ("since the start of the war", WED, None, "2023-03-15", 3),
    ("since the liberation of Mosul", WED, None, "2023-03-15", 3),
    ("since then", WED, None, "2023-03-15", 3),
    ("since the current government took power", NONE, None, None, None),
    ("since the war began", NONE, None, None, None),
    ("since the beginning of this year until now", WED, "2023-01-01", "2023-03-15", 3),
    ("from the beginning of this year until now", LEAP, "2024-01-01", "2024-02-29", 3),
    ("from January until now", WED, "2023-01-01", "2023-03-15", 3),
    ("since 2014 until today", WED, "2014-01-01", "2023-03-15", 3),
    # --- seasons ------------------------------------------------------------------------
    ("in the summer of 2017", WED, "2017-06-01", "2017-08-31", 3),
    ("summer 2017", NONE, "2017-06-01", "2017-08-31", 3),
    ("winter 2017", NONE, "2017-12-01", "2018-02-28", 3),
    ("the winter of 2015", NONE, "2015-12-01", "2016-02-29", 3),
    ("winter 2016-17", NONE, "2016-12-01", "2017-02-28", 3),
    ("in spring 2018", NONE, "2018-03-01", "2018-05-31", 3),
    ("in the autumn of 2016", NONE, "2016-09-01", "2016-11-30", 3),
    ("fall 2020", NONE, "2020-09-01", "2020-11-30", 3),
    ("last summer", WED, "2022-06-01", "2022-08-31", 3),
    ("last summer", NOV19, "2019-06-01", "2019-08-31", 3),
    ("last winter", WED, "2022-12-01", "2023-02-28", 3),
    ("this winter", NEWYEAR, "2023-12-01", "2024-01-01", 3),
    ("in the spring", WED, "2023-03-01", "2023-03-15", 3),
    ("in the summer", WED, "2022-06-01", "2022-08-31", 3),
    ("last summer", NONE, None, None, None),
    # --- parts of years, months, weeks ---------------------------------------------------
    ("early 2019", NONE, "2019-01-01", "2019-04-30", 3),
    ("in mid-2019", NONE, "2019-05-01", "2019-08-31", 3),
    ("late 2019", NOV19, "2019-09-01", "2019-11-20", 3),
    ("the first half of 2020", NONE, "2020-01-01", "2020-06-30", 3),
    ("in the second half of 2022", NONE, "2022-07-01", "2022-12-31", 3),
    ("the second quarter of 2021", NONE, "2021-04-01", "2021-06-30", 3),
    ("in the last quarter of 2020", NONE, "2020-10-01", "2020-12-31", 3),
    ("Q3 2022", NONE, "2022-07-01", "2022-09-30", 3),
    ("at the end of last year", WED, "2022-12-01", "2022-12-31", 3),
    ("at the end of last year", NEWYEAR, "2023-12-01", "2023-12-31", 3),
    ("at the beginning of this year", WED, "2023-01-01", "2023-01-31", 3),
    ("late last year", LEAP, "2023-09-01", "2023-12-31", 3),
    ("early this year", WED, "2023-01-01", "2023-03-15", 3),
    ("the first three months of 2023", NONE, "2023-01-01", "2023-03-31", 3),
    ("in the first two months of this year", WED, "2023-01-01", "2023-02-28", 3),
    ("early March", WED, "2023-03-01", "2023-03-10", 3),
    ("in mid-February", WED, "2023-02-11", "2023-02-20", 3),
    ("late February", LEAP, "2024-02-21", "2024-02-29", 3),
    ("at the end of last month", WED, "2023-02-21", "2023-02-28", 3),
    ("late January 2020", NONE, "2020-01-21", "2020-01-31", 3),
    ("the first week of March", WED, "2023-03-01", "2023-03-07", 2),
    ("the last week of February 2024", NONE, "2024-02-23", "2024-02-29", 2),
    ("the beginning of the week", WED, "2023-03-13", "2023-03-14", 2),
    ("at the end of last week", WED, "2023-03-10", "2023-03-12", 2),
    ("early 2019", WED, "2019-01-01", "2019-04-30", 3),
    ("at the end of last year", NONE, None, None, None),
    # --- the past N units ------------------------------------------------------------------
    ("over the past three days", WED, "2023-03-12", "2023-03-15", 2),
    ("in the past 24 hours", WED, "2023-03-14", "2023-03-15", 1),
    ("in the past 24 hours", NEWYEAR, "2023-12-31", "2024-01-01", 1),
    ("over the past twenty-four hours", WED, "2023-03-14", "2023-03-15", 1),
    ("the past 48 hours", WED, "2023-03-13", "2023-03-15", 2),
    ("the past day", WED, "2023-03-14", "2023-03-15", 1),
    ("in the last two weeks", WED, "2023-03-01", "2023-03-15", 2),
    ("during the past week", WED, "2023-03-08", "2023-03-15", 2),
    ("over the last 10 days", WED, "2023-03-05", "2023-03-15", 2),
    ("over the past 30 days", WED, "2023-02-13", "2023-03-15", 3),
    ("the past three weeks", YEAREND, "2022-12-10", "2022-12-31", 3),
    ("over the past month", WED, "2023-02-15", "2023-03-15", 3),
    ("in the past three months", LEAP, "2023-11-29", "2024-02-29", 3),
    ("over the past year", LEAP, "2023-02-28", "2024-02-29", 3),
    ("in the past two years", WED, "2021-03-15", "2023-03-15", 3),
    ("in the past decade", WED, "2013-03-15", "2023-03-15", 3),
    ("over the past three days", NONE, None, None, None),
    # --- N units ago ----------------------------------------------------------------------
    ("two days ago", WED, "2023-03-13", "2023-03-13", 1),
    ("36 hours ago", WED, "2023-03-14", "2023-03-14", 1),
    ("three weeks ago", WED, "2023-02-20", "2023-02-26", 2),
    ("a week ago", MON, "2023-03-06", "2023-03-12", 2),
    ("two months ago", WED, "2023-01-01", "2023-01-31", 3),
    ("a year ago", LEAP, "2023-01-01", "2023-12-31", 3),
    ("two days ago", NONE, None, None, None),
    # --- vague spans -----------------------------------------------------------------------
    ("in recent months", WED, None, "2023-03-15", 3),
    ("in recent days", SUN, None, "2023-03-19", 2),
    ("for several weeks", WED, None, "2023-03-15", 3),
    ("for months", NEWYEAR, None, "2024-01-01", 3),
    ("over the past few days", WED, None, "2023-03-15", 2),
    ("over the past several months", WED, None, "2023-03-15", 3),
    ("a few days ago", WED, None, "2023-03-15", 2),
    ("in recent weeks", NONE, None, None, None),
    # --- explicit ranges --------------------------------------------------------------------
    ("between March 1 and March 5", WED, "2023-03-01", "2023-03-05", 2),
    ("between March 1 and 5", WED, "2023-03-01", "2023-03-05", 2),
    ("from 1 to 5 March 2023", NONE, "2023-03-01", "2023-03-05", 2),
    ("March 1-5, 2023", NONE, "2023-03-01", "2023-03-05", 2),
    ("March 1–5, 2023", NONE, "2023-03-01", "2023-03-05", 2),
    ("1-3 March 2023", NONE, "2023-03-01", "2023-03-03", 2),
    ("March 1-5", WED, "2023-03-01", "2023-03-05", 2),
    ("between 10 and 20 January 2021", NONE, "2021-01-10", "2021-01-20", 3),
    ("from Monday to Wednesday", WED, "2023-03-13", "2023-03-15", 2),
    ("from Monday to Wednesday", SUN, "2023-03-13", "2023-03-15", 2),
    ("from Friday to Sunday", MON, "2023-03-10", "2023-03-12", 2),
    ("between Saturday and Monday", MON, "2023-03-11", "2023-03-13", 2),
    ("between December 28 and January 3", JAN5, "2023-12-28", "2024-01-03", 2),
    ("December 30-31", NEWYEAR, "2023-12-30", "2023-12-31", 2),
    ("from March 28 to April 3, 2022", WED, "2022-03-28", "2022-04-03", 2),
    ("between March 1 and March 5, 2023", NONE, "2023-03-01", "2023-03-05", 2),
    ("from 2014 to 2017", NONE, "2014-01-01", "2017-12-31", 3),
    ("between 2014 and 2017", NONE, "2014-01-01", "2017-12-31", 3),
    ("2014-2017", NONE, "2014-01-01", "2017-12-31", 3),
    ("2016-17", NONE, "2016-01-01", "2017-12-31", 3),
    ("from March to May 2022", WED, "2022-03-01", "2022-05-31", 3),
    ("between January and March", WED, "2023-01-01", "2023-03-15", 3),
    ("from June 2014 to December 2017", NONE, "2014-06-01", "2017-12-31", 3),
    ("between Monday and Wednesday", NONE, None, None, None),
    # --- anaphoric: hangs on another date, not on publication -------------------------------
    ("the next day", WED, None, None, None),
    ("the following day", NONE, None, None, None),
    ("the previous week", WED, None, None, None),
]


def _d(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


@pytest.mark.parametrize(
    ("expression", "published", "start", "end", "precision"),
    [pytest.param(*row, id=f"{row[0]}@{row[1]}") for row in LABELLED],
)
def test_time_labelled_expression(
    expression: str, published: str | None, start: str | None, end: str | None, precision: int | None
) -> None:
    got = resolve_time(expression, _d(published))
    assert got is not None, expression
    assert (got.start, got.end, got.precision) == (_d(start), _d(end), precision)
    assert got.text == expression
    assert got.span is None


def test_time_table_is_large_and_varied() -> None:
    assert len(LABELLED) >= 160
    assert len({row[0] for row in LABELLED}) >= 150
    assert {WED, MON, SUN, NEWYEAR, LEAP, YEAREND, NONE} <= {row[1] for row in LABELLED}


@pytest.mark.parametrize(
    "words",
    [
        "",
        "   ",
        "the government",
        "dozens of ISIS operatives",
        "February 30, 2023",
        "13/13/2023",
        "winter 2016-18",
        "2017-2014",
        "since the vestiges of the organization",
        "March 5 to March 1, 2023",
        "x" * 5000,
    ],
)
def test_time_not_a_time_expression_gives_none(words: str) -> None:
    assert resolve_time(words, date(2023, 3, 15)) is None


@pytest.mark.parametrize(
    "words",
    [
        "yesterday",
        "last night",
        "overnight",
        "today",
        "on Monday",
        "last Tuesday",
        "last week",
        "earlier this week",
        "this month",
        "earlier this year",
        "last year",
        "over the past three days",
        "in the past 24 hours",
        "in recent months",
        "two weeks ago",
        "March 3",
        "in March",
        "since the beginning of this year",
        "since the current government took power",
        "from Monday to Wednesday",
        "last summer",
        "the end of last year",
    ],
)
def test_time_relative_words_without_publication_stay_unknown(words: str) -> None:
    got = resolve_time(words, None)
    assert got is not None
    assert (got.start, got.end, got.precision) == (None, None, None)


def test_time_never_reads_the_clock() -> None:
    source = Path(time_module.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source)
    clock_calls = {"today", "now", "utcnow", "time", "localtime", "gmtime"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            assert node.attr not in clock_calls, f"clock access: .{node.attr} at line {node.lineno}"
        if isinstance(node, ast.ImportFrom):
            assert node.module not in ("time", "dateparser"), node.module
        if isinstance(node, ast.Import):
            assert all(alias.name not in ("time", "dateparser") for alias in node.names)


def test_time_same_words_same_answer_for_same_publication() -> None:
    published = date(2023, 3, 15)
    first = [resolve_time(row[0], published) for row in LABELLED]
    second = [resolve_time(row[0], published) for row in LABELLED]
    assert first == second


SEED_SENTENCE = (
    "Joint Operations Command spokesman Major General Tahsin al-Khafaji reported, according to the "
    "Iraqi News Agency, that dozens of ISIS operatives have been killed since the beginning of this "
    "year, and hundreds of dens, bunkers and tunnels belonging to the terrorist organization were "
    "destroyed in many areas."
)


def _found(text: str) -> list[tuple[str, str]]:
    found = find_time_expressions(text)
    for span, _kind in found:
        assert 0 <= span.start < span.end <= len(text)
    return [(text[span.start : span.end], kind) for span, kind in found]


def test_time_find_since_beginning_of_this_year_in_seed_sentence() -> None:
    assert _found(SEED_SENTENCE) == [("since the beginning of this year", "since")]
    ((span, _),) = find_time_expressions(SEED_SENTENCE)
    got = resolve_in_text(SEED_SENTENCE, span, date(2023, 3, 15))
    assert got is not None
    assert (got.start, got.end, got.precision) == (date(2023, 1, 1), date(2023, 3, 15), 3)
    assert got.span == span
    assert got.text == "since the beginning of this year"


def test_time_find_since_government_took_power() -> None:
    text = (
        "The number of ISIS fighters killed since the current government took power "
        "has exceeded 155 terrorists."
    )
    assert _found(text) == [("since the current government took power", "since")]
    ((span, _),) = find_time_expressions(text)
    got = resolve_in_text(text, span, date(2023, 3, 15))
    assert got is not None
    assert (got.start, got.end, got.precision) == (None, date(2023, 3, 15), 3)


def test_time_find_since_beginning_until_now() -> None:
    text = (
        "Security forces have destroyed 303 tunnels and guesthouses since the beginning of this "
        "year until now."
    )
    assert _found(text) == [("since the beginning of this year until now", "since")]
    ((span, _),) = find_time_expressions(text)
    got = resolve_in_text(text, span, date(2023, 3, 15))
    assert got is not None
    assert (got.start, got.end, got.precision) == (date(2023, 1, 1), date(2023, 3, 15), 3)


def test_time_find_whole_seed_article() -> None:
    assert SEED_ARTICLE.exists(), f"the seed article is missing: {SEED_ARTICLE} (shared/ must sit beside the repo)"
    found = _found(SEED_ARTICLE.read_text(encoding="utf-8"))
    assert found == [
        ("since the beginning of this year", "since"),
        ("since the current government took power", "since"),
        ("since the beginning of this year until now", "since"),
        ("in recent months", "vague"),
        ("since the beginning of this year", "since"),
        ("For several weeks", "vague"),
        ("in the summer of 2017", "season"),
        ("since 2014", "since"),
    ]


def test_time_find_news_paragraph() -> None:
    text = (
        "Gunmen killed three soldiers on Monday night in Diyala, police said. Over the past three "
        "days, at least 12 people have died, and clashes continued from Friday to Sunday near "
        "Tuz Khurmatu. An earlier attack on 3 March 2023 killed five. Violence has risen in recent "
        "weeks after a lull in mid-2022 and last year's offensive."
    )
    assert _found(text) == [
        ("on Monday night", "weekday"),
        ("Over the past three days", "past"),
        ("from Friday to Sunday", "range"),
        ("on 3 March 2023", "date"),
        ("in recent weeks", "vague"),
        ("in mid-2022", "part"),
        ("last year", "relative_period"),
    ]


def test_time_find_longest_match_wins() -> None:
    text = "Fighting raged between March 1 and March 5, 2023 in the west."
    assert _found(text) == [("between March 1 and March 5, 2023", "range")]
    text = "The offensive ran from 2014 to 2017, officials said."
    assert _found(text) == [("from 2014 to 2017", "range")]


def test_time_find_spans_index_the_full_text_and_respect_the_window() -> None:
    text = "Intro. " * 10 + "Two bombs exploded yesterday. Another blast on Friday. Police came in 2019."
    window_start = text.index("Another")
    found = find_time_expressions(text, window_start, text.index("Police"))
    assert [(text[s.start : s.end], kind) for s, kind in found] == [("on Friday", "weekday")]
    for span, _kind in find_time_expressions(text):
        assert resolve_in_text(text, span, date(2023, 3, 15)) is not None
    assert find_time_expressions(text, 50, 10) == []
    assert find_time_expressions("", 0, None) == []


def test_time_find_results_sorted_and_disjoint() -> None:
    text = " ".join(row[0] + "." for row in LABELLED)
    found = find_time_expressions(text)
    assert len(found) > 100
    for (a, _), (b, _) in itertools.pairwise(found):
        assert a.end <= b.start


@pytest.mark.parametrize(
    "text",
    [
        "Security forces arrested 2014 suspects and seized 303 weapons.",
        "The attacks may continue, officials said.",
        "Police said 155 terrorists were killed and 12 wounded.",
        "The 1st Division moved on the 3rd Brigade.",
        "since the vestiges of the organization and its remnants are still present",
    ],
)
def test_time_find_ignores_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert find_time_expressions(text) == []


def test_time_find_scans_at_most_the_cap() -> None:
    filler = "x " * (MAX_SCAN_CHARS // 2)
    text = "Attacked on Monday. " + filler + "Attacked on Tuesday."
    found = _found(text)
    assert found == [("on Monday", "weekday")]
    later = find_time_expressions(text, len(text) - 30)
    assert [(text[s.start : s.end], k) for s, k in later] == [("on Tuesday", "weekday")]


@pytest.mark.parametrize(
    "text",
    [
        "March " * 20_000,
        "since " * 20_000,
        "from 2014 to " * 10_000,
        "1 " * 50_000,
        " " * 100_000 + "March",
        "the past " * 15_000,
    ],
)
def test_time_find_is_linear_on_hostile_input(text: str) -> None:
    began = time.perf_counter()
    find_time_expressions(text)
    assert time.perf_counter() - began < 10.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BAGHDAD, March 3, 2023 (Reuters) - Iraqi forces killed ...", "2023-03-03"),
        ("MOSUL, Iraq, 2023-03-14 (AP) — Gunmen attacked ...", "2023-03-14"),
        ("Baghdad, 14 March 2023 (INA) - The Joint Operations Command ...", "2023-03-14"),
        ("ERBIL, Iraq, Sept. 5, 2022 (Xinhua) -- A drone strike ...", "2022-09-05"),
        ("Security update\n\nKIRKUK, 2 January 2024 (Shafaq News) - Two policemen ...", "2024-01-02"),
        ("BAGHDAD, March 3 (Reuters) - Iraqi forces killed ...", None),  # no year: not guessed
        ("MOSUL, Iraq (AP) — Gunmen attacked ...", None),
        ("Security Efforts Confound ISIS Terrorist Plans\n\nJoint Operations Command ...", None),
        ("BAGHDAD, February 30, 2023 (Reuters) - impossible date", None),
        ("x" * 400 + "\nBAGHDAD, March 3, 2023 (Reuters) - too far down", None),
    ],
)
def test_time_dateline(text: str, expected: str | None) -> None:
    assert publication_date_from_dateline(text) == _d(expected)


def test_time_resolve_in_text_carries_span() -> None:
    text = "Two rockets hit the base on Sunday evening, officials said."
    span = Span(text.index("on Sunday"), text.index(","))
    got = resolve_in_text(text, span, date(2023, 3, 19))
    assert got is not None
    assert got.span == span
    assert got.text == "on Sunday evening"
    assert (got.start, got.end, got.precision) == (date(2023, 3, 19), date(2023, 3, 19), 1)
    assert resolve_in_text(text, Span(0, 3), date(2023, 3, 19)) is None
