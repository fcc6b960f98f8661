"""Time expressions: find them in text and resolve them against the publication date.

Every period comes from the words and the article's publication date, never from
the clock: nothing here calls ``date.today()`` or ``datetime.now()``, and an
expression that needs the publication date resolves to ``start=end=None,
precision=None`` when the date is unknown (absolute dates still resolve).

Design
------
A small grammar.  Named sub-patterns (``MONTH``, ``DAY``, ``YEAR``, ``WEEKDAY``,
``NUMBER``, ``UNITS`` ...) are composed into *leaf rules* (one date, month, year,
weekday, season, part of a year ...), each paired with a resolver function.  The
leaf patterns are also joined into ``POINT``, the anchor used by the composite
rules ("since X", "from X until now", "between X and Y", "X - Y").  A composite
resolver re-reads its anchor text through the leaf rules, so every anchor means
the same thing alone and inside a composite.

Precision follows ACLED ``time_precision``: 1 the day is known, 2 a week or a few
days, 3 a month or vaguer.

Choices for ambiguous cases (also pinned by tests/resolve/test_time.py):

* Day and month without a year ("March 3", "3 March", "on the 14th") take the
  latest such date on or before publication.  A month alone ("in March",
  "since January") takes the latest such month that has begun by publication.
* Numeric dates "a/b/YYYY": when one part is > 12 the order is settled by it
  ("03/14/2023" is month-first, "14/03/2023" day-first).  When both are <= 12
  the reading on or before publication and closest to it wins; without a
  publication date, day-first (the convention of most non-US outlets).
  Two-digit years are not read.
* Weekdays ("Monday", "on Monday night") are the latest such day on or before
  publication (the publication day itself counts); "last Monday" is the latest
  one strictly before publication.  "overnight", "Monday overnight" span the
  night: the day and the next day, precision 1.
* "last night", "yesterday" = publication - 1 day; "today", "this morning",
  "earlier today", "tonight" = publication; "overnight" = publication - 1 ..
  publication, precision 1.
* "last week" = the previous Monday-Sunday week; "this week", "earlier this
  week" = Monday of the publication week .. publication (precision 2);
  "last month"/"last year" = the previous calendar month/year; "this month",
  "earlier this month", "this year", "earlier this year" = first day ..
  publication (precision 3).  "the weekend", "over the weekend" = the latest
  Saturday-Sunday begun by publication; "last weekend" skips the current one
  when published on a weekend.
* "the past N days/weeks/months/years" (also "last", "previous", hours,
  "decade") = publication - N units .. publication; precision 1 up to one day,
  2 up to 14 days, 3 beyond.  "the past 24 hours" = publication - 1 ..
  publication, precision 1.
* "N days ago" = that day (precision 1); "N weeks ago" = the Monday-Sunday week
  holding that day (2); "N months ago" = that calendar month (3); "N years ago"
  = that calendar year (3).
* Vague spans ("in recent months", "in recent days", "for several weeks",
  "over the past few days", "a few weeks ago") = start None, end publication;
  precision 2 for days/hours, 3 otherwise.
* "since X" / "from X until now" = start of X .. publication; precision by
  length (1 for one day, 2 up to 14 days, 3 beyond).  When X is not a date in
  the text ("since the current government took power", "since the war began",
  "since then") start is None, end publication, precision 3.  Without a
  publication date the start of an absolute X is kept ("since 2014" ->
  2014-01-01 .. None, precision None).
* Explicit ranges ("between March 1 and March 5", "from 1 to 5 March 2023",
  "March 1-5, 2023", "from Monday to Wednesday", "2014-2017"): the second end
  is resolved first (against publication), then the first end against the
  second end, so a year or a weekday carries over.  Precision 1 for one day,
  2 up to 7 days, 3 beyond.  "and" is only a range connector after "between".
* Seasons: spring Mar 1-May 31, summer Jun 1-Aug 31, autumn/fall Sep 1-Nov 30,
  winter YYYY = Dec 1 YYYY - end of Feb YYYY+1 ("winter 2016-17" is the same
  as "winter 2016").  "last summer" = the latest summer that ended before
  publication; "this summer"/"in the summer" = the summer of the publication
  year (for winter: the one holding January/February of that year).
* Parts of a year: early Jan-Apr, mid/middle May-Aug, late Sep-Dec,
  beginning/start = January, end = December, halves, quarters, "the first N
  months of".  Parts of a month: early/beginning/start 1-10, mid/middle 11-20,
  late/end 21-last, "the first/second/third/fourth/last week of" = days 1-7,
  8-14, 15-21, 22-28, last seven days.  Parts of a week: beginning/start
  Mon-Tue, middle Wed-Thu, end Fri-Sun.
* Anaphoric expressions ("the next day", "the previous day", "that day") are
  found but resolve to start=end=precision=None: they hang on another date.
* A period that contains the publication date is cut at it (the report cannot
  describe what has not happened): "in 2023" published 2023-03-15 ends
  2023-03-15.  Periods wholly after publication are left as written.

Bounds: ``find_time_expressions`` scans at most ``MAX_SCAN_CHARS`` (200,000)
characters from ``start`` and silently ignores the rest (callers chunk larger
texts); ``resolve_time`` reads at most ``MAX_EXPRESSION_CHARS``.  Every
quantifier in the grammar is bounded (``\\s{1,3}``, ``[0-9]{1,3}`` ...) and no
quantified group contains another quantifier that can match the same text, so
each match attempt is constant-bounded and a scan is linear in the text length.

dateparser is not used: the grammar covers the formats above, is
deterministic, and keeps the hot path free of dateparser's first-parse cost.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.model import Span, TimeSpan

__all__ = [
    "MAX_EXPRESSION_CHARS",
    "MAX_SCAN_CHARS",
    "find_time_expressions",
    "publication_date_from_dateline",
    "resolve_in_text",
    "resolve_time",
]

MAX_SCAN_CHARS = 200_000
MAX_EXPRESSION_CHARS = 400
DATELINE_CHARS = 300

_Res = tuple[date | None, date | None, int | None]
_Resolver = Callable[[re.Match[str], date | None], _Res | None]
_UNKNOWN: _Res = (None, None, None)

# ---------------------------------------------------------------------------
# Named sub-patterns.  ``<<NAME>>`` inside a pattern is replaced by _SUB[NAME].
# Sub-patterns hold no capturing groups; rules add named groups on top.

_SUB: dict[str, str] = {
    "WS": r"\s{1,3}",
    "OWS": r"\s{0,2}",
    "DASH": r"\s{0,2}[-\u2010-\u2015]\s{0,2}",
    "MONTH": (
        r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
        r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)"
    ),
    # A month name standing alone: full names only, "May" must be capitalised.
    "MONTH_BARE": (
        r"(?:january|february|march|april|(?-i:May|MAY)|june|july|august|september|october"
        r"|november|december)"
    ),
    "MONTH_FULL": (
        r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    ),
    "DAY": r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])",
    "YEAR": r"(?:1[89][0-9]{2}|20[0-9]{2})(?![0-9])",
    "WEEKDAY": r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    "DIGIT_WORD": r"(?:one|two|three|four|five|six|seven|eight|nine)",
    "NUMBER": (
        r"(?:[0-9]{1,3}(?![0-9])"
        r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s]<<DIGIT_WORD>>)?"
        r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten"
        r"|<<DIGIT_WORD>>)"
    ),
    "UNITS": r"(?:hours?|days?|nights?|weeks?|months?|years?|decades?)",
    "SEASON": r"(?:summer|winter|spring|autumn|fall)",
    "YEARREF": (r"(?:<<YEAR>>|this<<WS>>year|last<<WS>>year|the<<WS>>(?:current<<WS>>)?year)"),
    "MONTHREF": (
        r"(?:<<MONTH_FULL>>(?:,?<<WS>><<YEAR>>)?|this<<WS>>month|last<<WS>>month"
        r"|the<<WS>>(?:current<<WS>>)?month)"
    ),
    "NOW": r"(?:now|today|the<<WS>>present(?:<<WS>>day)?|date|this<<WS>>day)",
    "UNTIL": r"(?:until|till|up<<WS>>to|up<<WS>>until|to|through)",
    "CAPWORD": r"(?-i:[A-Z][\w'\-]{1,30})",
    "POWER_SUBJECT": (
        r"(?:it|he|she|they|we"
        r"|(?:the<<WS>>)?(?:(?:current|new|present|incoming|previous|former|last)<<WS>>)?"
        r"(?:government|cabinet|administration|prime<<WS>>minister|premier|president|coalition"
        r"|regime|authorities)"
        r"|(?-i:Prime<<WS>>Minister|President|Premier)<<WS>><<CAPWORD>>(?:<<WS>><<CAPWORD>>)?)"
    ),
    "POWER_VERB": (
        r"(?:(?:took|assumed|seized|came<<WS>>to|came<<WS>>into|rose<<WS>>to)<<WS>>(?:power|office)"
        r"|was<<WS>>(?:formed|sworn<<WS>>in|elected|installed)|took<<WS>>over)"
    ),
    "EVENT_NOUN": (
        r"(?:war|conflict|fighting|operations?|offensive|campaign|protests|uprising|crisis|clashes"
        r"|ceasefire|truce|invasion|occupation|insurgency|battle)"
    ),
    # "since ..." anchors that are events, not dates: start unknown.
    "CLAUSE": (
        r"(?:<<POWER_SUBJECT>><<WS>><<POWER_VERB>>"
        r"|(?:taking|assuming|seizing|coming<<WS>>to|coming<<WS>>into)<<WS>>(?:power|office)"
        r"|the<<WS>>(?:start|beginning|outbreak|launch|end|onset)<<WS>>of<<WS>>(?:the<<WS>>)?"
        r"(?:(?:military|security|<<CAPWORD>>)<<WS>>)?<<EVENT_NOUN>>"
        r"|the<<WS>><<EVENT_NOUN>><<WS>>(?:began|started|erupted|broke<<WS>>out|ended"
        r"|took<<WS>>effect|came<<WS>>into<<WS>>effect)"
        r"|(?:the<<WS>>)?(?:fall|liberation|defeat|capture|collapse)<<WS>>of<<WS>>(?:the<<WS>>)?"
        r"<<CAPWORD>>(?:<<WS>><<CAPWORD>>)?"
        r"|its<<WS>>(?:formation|establishment|inception|creation)"
        r"|that<<WS>>(?:time|day|date|point)|then)"
    ),
}

_TOKEN = re.compile(r"<<([A-Z_]+)>>")


def _x(pattern: str) -> str:
    """Expand ``<<NAME>>`` tokens recursively."""
    return _TOKEN.sub(lambda m: _x(_SUB[m.group(1)]), pattern)


def _strip_groups(pattern: str) -> str:
    """Turn named groups into plain groups so a leaf can be embedded in POINT."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# ---------------------------------------------------------------------------
# Calendar helpers.

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4, "final": 4}


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _month_num(s: str) -> int:
    return _MONTHS[s.strip().lower()[:3]]


def _day_num(s: str) -> int:
    return int(re.sub(r"\D", "", s))


def _number(s: str) -> int:
    s = s.strip().lower()
    if s.isdigit():
        return int(s)
    return sum(_NUMBER_WORDS[w] for w in re.split(r"[-\s]+", s) if w)


def _mk(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _month_period(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), _last_day(y, m)


def _add_months(d: date, n: int) -> date:
    y, m0 = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m0 + 1, min(d.day, calendar.monthrange(y, m0 + 1)[1]))


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _on_or_before(ref: date, weekday: int) -> date:
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def _precision_for_days(n_days: int, week_limit: int) -> int:
    if n_days <= 1:
        return 1
    if n_days <= week_limit:
        return 2
    return 3


def _span_precision(start: date, end: date, week_limit: int) -> int:
    return _precision_for_days((end - start).days + 1, week_limit)


def _latest_month(m: int, pub: date) -> tuple[date, date]:
    """The latest month ``m`` that has begun by ``pub``."""
    y = pub.year if m <= pub.month else pub.year - 1
    return _month_period(y, m)


def _day_without_year(m: int, d: int, pub: date | None) -> _Res | None:
    if d > calendar.monthrange(2000, m)[1]:  # 2000 is a leap year: Feb 29 allowed
        return None
    if pub is None:
        return _UNKNOWN
    for y in range(pub.year, pub.year - 9, -1):
        found = _mk(y, m, d)
        if found is not None and found <= pub:
            return found, found, 1
    return None


def _g(m: re.Match[str], name: str) -> str | None:
    """A named group's text, or None when the group is absent or did not take part."""
    value = m.groupdict().get(name)
    return None if value is None else str(value)


def _gs(m: re.Match[str], name: str) -> str:
    value = _g(m, name)
    return "" if value is None else _norm(value)


# ---------------------------------------------------------------------------
# Leaf resolvers.  Each takes the match and the publication date and returns
# (start, end, precision), _UNKNOWN when the words need the publication date
# and it is None, or None when the words name no real period.


def _r_iso(m: re.Match[str], pub: date | None) -> _Res | None:
    d = _mk(int(m["y"]), int(m["m"]), int(m["d"]))
    return None if d is None else (d, d, 1)


def _r_numeric(m: re.Match[str], pub: date | None) -> _Res | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    day_first = _mk(y, b, a)
    month_first = _mk(y, a, b)
    if day_first is None or month_first is None or day_first == month_first:
        chosen = day_first or month_first
    elif pub is not None:
        past = [d for d in (day_first, month_first) if d <= pub]
        chosen = max(past) if past else day_first
    else:
        chosen = day_first
    return None if chosen is None else (chosen, chosen, 1)


def _r_day_month(m: re.Match[str], pub: date | None) -> _Res | None:
    month, day = _month_num(m["m"]), _day_num(m["d"])
    year = _g(m, "y")
    if year is not None:
        d = _mk(int(year), month, day)
        return None if d is None else (d, d, 1)
    return _day_without_year(month, day, pub)


def _r_day_of_month(m: re.Match[str], pub: date | None) -> _Res | None:
    day = _day_num(m["d"])
    if day > 31:
        return None
    if pub is None:
        return _UNKNOWN
    first = pub.replace(day=1)
    for back in range(3):
        month_start = _add_months(first, -back)
        d = _mk(month_start.year, month_start.month, day)
        if d is not None and d <= pub:
            return d, d, 1
    return None


def _r_month_year(m: re.Match[str], pub: date | None) -> _Res:
    start, end = _month_period(int(m["y"]), _month_num(m["m"]))
    return start, end, 3


def _r_month_bare(m: re.Match[str], pub: date | None) -> _Res | None:
    month = _month_num(m["m"])
    rel = _gs(m, "rel")
    if pub is None:
        return _UNKNOWN
    if rel in ("last", "past", "this past"):
        y = pub.year if month < pub.month else pub.year - 1
        start, end = _month_period(y, month)
    else:
        start, end = _latest_month(month, pub)
    return start, end, 3


def _r_year(m: re.Match[str], pub: date | None) -> _Res:
    y = int(m["y"])
    return date(y, 1, 1), date(y, 12, 31), 3


def _r_weekday(m: re.Match[str], pub: date | None) -> _Res | None:
    if pub is None:
        return _UNKNOWN
    d = _on_or_before(pub, _WEEKDAYS[m["wd"].lower()])
    if _gs(m, "rel") == "last" and d == pub:
        d -= timedelta(days=7)
    if "overnight" in (_gs(m, "adv"), _gs(m, "part")):
        return d, d + timedelta(days=1), 1
    return d, d, 1


def _r_relative_day(m: re.Match[str], pub: date | None) -> _Res | None:
    if pub is None:
        return _UNKNOWN
    w = _gs(m, "w")
    if w.startswith("the day before"):
        d = pub - timedelta(days=2)
    elif "yesterday" in w or w.startswith("last"):
        d = pub - timedelta(days=1)
    elif w == "overnight":
        return pub - timedelta(days=1), pub, 1
    else:
        d = pub
    return d, d, 1


def _r_weekend(m: re.Match[str], pub: date | None) -> _Res | None:
    if pub is None:
        return _UNKNOWN
    saturday = _on_or_before(pub, 5)
    if _gs(m, "rel") == "last" and pub.weekday() >= 5:
        saturday -= timedelta(days=7)
    return saturday, saturday + timedelta(days=1), 2


def _r_relative_period(m: re.Match[str], pub: date | None) -> _Res | None:
    which = _gs(m, "which")
    unit = _gs(m, "unit")
    if which == "the" and not _gs(m, "adv"):
        return None
    if pub is None:
        return _UNKNOWN
    last = which == "last"
    if unit == "week":
        monday = _monday(pub)
        if last:
            return monday - timedelta(days=7), monday - timedelta(days=1), 2
        return monday, pub, 2
    if unit == "month":
        if last:
            prev = _add_months(pub.replace(day=1), -1)
            start, end = _month_period(prev.year, prev.month)
            return start, end, 3
        return pub.replace(day=1), pub, 3
    if last:
        return date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), 3
    return date(pub.year, 1, 1), pub, 3


def _vague(unit: str, pub: date | None) -> _Res:
    if pub is None:
        return _UNKNOWN
    return None, pub, 2 if unit.startswith(("day", "hour", "night")) else 3


def _back(pub: date, n: int, unit: str) -> tuple[date, int] | None:
    """publication - n units, and the length in days for the precision."""
    try:
        if unit.startswith("hour"):
            days = -(-n // 24)
            return pub - timedelta(days=days), days
        if unit.startswith(("day", "night")):
            return pub - timedelta(days=n), n
        if unit.startswith("week"):
            return pub - timedelta(days=7 * n), 7 * n
        months = n * {"m": 1, "y": 12, "d": 120}[unit[0]]
        start = _add_months(pub, -months)
        return start, (pub - start).days
    except (ValueError, OverflowError):
        return None


def _r_past(m: re.Match[str], pub: date | None) -> _Res | None:
    unit = _gs(m, "unit") or _gs(m, "u1")
    if _g(m, "q") is not None:
        return _vague(unit, pub)
    n = _number(m["n"]) if _g(m, "n") is not None else 1
    if n <= 0:
        return None
    if pub is None:
        return _UNKNOWN
    back = _back(pub, n, unit)
    if back is None:
        return None
    start, days = back
    return start, pub, _precision_for_days(days, 14)


def _r_vague(m: re.Match[str], pub: date | None) -> _Res:
    return _vague(_gs(m, "unit") or _gs(m, "unit2"), pub)


def _r_ago(m: re.Match[str], pub: date | None) -> _Res | None:
    unit = _gs(m, "unit")
    if _g(m, "q") is not None:
        return _vague(unit, pub)
    n = _number(m["n"])
    if n <= 0:
        return None
    if pub is None:
        return _UNKNOWN
    try:
        if unit.startswith("hour"):
            d = pub - timedelta(days=n // 24)
            return d, d, 1
        if unit.startswith(("day", "night")):
            d = pub - timedelta(days=n)
            return d, d, 1
        if unit.startswith("week"):
            monday = _monday(pub - timedelta(days=7 * n))
            return monday, monday + timedelta(days=6), 2
        if unit.startswith("month"):
            target = _add_months(pub, -n)
            start, end = _month_period(target.year, target.month)
            return start, end, 3
        years = n if unit.startswith("year") else 10 * n
        return date(pub.year - years, 1, 1), date(pub.year - years, 12, 31), 3
    except (ValueError, OverflowError):
        return None


def _season(season: str, y: int) -> tuple[date, date]:
    if season == "winter":
        return date(y, 12, 1), _last_day(y + 1, 2)
    first = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9}[season]
    return date(y, first, 1), _last_day(y, first + 2)


def _this_season(season: str, pub: date) -> tuple[date, date]:
    if season == "winter" and pub.month <= 2:
        return _season(season, pub.year - 1)
    return _season(season, pub.year)


def _last_season(season: str, pub: date) -> tuple[date, date]:
    for y in range(pub.year, pub.year - 3, -1):
        start, end = _season(season, y)
        if end < pub:
            return start, end
    raise AssertionError("unreachable: some season ends within three years")


def _r_season(m: re.Match[str], pub: date | None) -> _Res | None:
    season, y = _gs(m, "s"), int(m["y"])
    y2 = _g(m, "y2")
    if y2 is not None:
        second = int(y2) if len(y2) == 4 else (y // 100) * 100 + int(y2)
        if season != "winter" or second != y + 1:
            return None
    start, end = _season(season, y)
    return start, end, 3


def _r_season_relative(m: re.Match[str], pub: date | None) -> _Res | None:
    if pub is None:
        return _UNKNOWN
    season, rel = _gs(m, "s"), _gs(m, "rel")
    if rel in ("last", "past", "this past"):
        start, end = _last_season(season, pub)
    else:
        start, end = _this_season(season, pub)
        if rel == "the" and start > pub:
            start, end = _last_season(season, pub)
    return start, end, 3


def _year_ref(text: str, pub: date | None) -> int | None:
    """Year named by YEARREF; None when it needs the (unknown) publication date."""
    t = _norm(text)
    if t[:1].isdigit():
        return int(t)
    if pub is None:
        return None
    return pub.year - 1 if t.startswith("last") else pub.year


def _month_ref(text: str, pub: date | None) -> tuple[int, int] | None:
    """(year, month) named by MONTHREF; None when it needs the publication date."""
    t = _norm(text)
    year = re.search(r"[0-9]{4}", t)
    if t.startswith(("this", "last", "the")):
        if pub is None:
            return None
        if t.startswith("last"):
            prev = _add_months(pub.replace(day=1), -1)
            return prev.year, prev.month
        return pub.year, pub.month
    month = _month_num(t)
    if year is not None:
        return int(year.group()), month
    if pub is None:
        return None
    start, _ = _latest_month(month, pub)
    return start.year, month


def _r_part_year(m: re.Match[str], pub: date | None) -> _Res | None:
    y = _year_ref(m["yr"], pub)
    if y is None:
        return _UNKNOWN
    p = _gs(m, "p")
    if _g(m, "h") is not None:
        first, last = (1, 6) if _gs(m, "h") == "first" else (7, 12)
    elif _g(m, "q") is not None:
        q = _ORDINALS[_gs(m, "q")]
        first, last = 3 * q - 2, 3 * q
    elif _g(m, "n") is not None:
        n = _number(m["n"])
        if not 1 <= n <= 12:
            return None
        first, last = 1, n
    elif p.startswith("early"):
        first, last = 1, 4
    elif p.startswith(("mid", "the middle")):
        first, last = 5, 8
    elif p.startswith("late"):
        first, last = 9, 12
    elif p.startswith("the end"):
        first, last = 12, 12
    else:  # the beginning / start of
        first, last = 1, 1
    return date(y, first, 1), _last_day(y, last), 3


def _r_quarter(m: re.Match[str], pub: date | None) -> _Res:
    kind, n, y = m["q"][0].lower(), int(m["q"][1]), int(m["y"])
    first, last = (3 * n - 2, 3 * n) if kind == "q" else ((1, 6) if n == 1 else (7, 12))
    return date(y, first, 1), _last_day(y, last), 3


def _r_part_month(m: re.Match[str], pub: date | None) -> _Res | None:
    ref = _month_ref(m["mr"], pub)
    if ref is None:
        return _UNKNOWN
    y, month = ref
    end_day = calendar.monthrange(y, month)[1]
    p = _gs(m, "p")
    if _g(m, "w") is not None:
        week = _gs(m, "w")
        if week in ("last", "final"):
            first, last = end_day - 6, end_day
        else:
            n = _ORDINALS[week]
            first, last = 7 * n - 6, 7 * n
    elif p.startswith(("early", "the beginning", "the start")):
        first, last = 1, 10
    elif p.startswith(("mid", "the middle")):
        first, last = 11, 20
    else:  # late, the end of
        first, last = 21, end_day
    start, end = date(y, month, first), date(y, month, last)
    return start, end, _span_precision(start, end, 7)


def _r_part_week(m: re.Match[str], pub: date | None) -> _Res | None:
    if pub is None:
        return _UNKNOWN
    monday = _monday(pub)
    if _gs(m, "which") == "last":
        monday -= timedelta(days=7)
    p = _gs(m, "p")
    first, last = (0, 1) if p in ("beginning", "start") else (2, 3) if p == "middle" else (4, 6)
    return monday + timedelta(days=first), monday + timedelta(days=last), 2


def _r_anaphoric(m: re.Match[str], pub: date | None) -> _Res:
    return _UNKNOWN


def _r_past_any(m: re.Match[str], pub: date | None) -> _Res | None:
    if _g(m, "u2") is not None and _g(m, "u1") is None and _g(m, "unit") is None:
        # "the last week" reads like "the past week"
        return _r_past_unit(_gs(m, "u2"), pub)
    return _r_past(m, pub)


def _r_past_unit(unit: str, pub: date | None) -> _Res | None:
    if pub is None:
        return _UNKNOWN
    back = _back(pub, 1, unit)
    if back is None:
        return None
    start, days = back
    return start, pub, _precision_for_days(days, 14)


# ---------------------------------------------------------------------------
# Leaf rules, in POINT order (more specific first: inside POINT the first
# alternative that matches wins).


@dataclass(frozen=True, slots=True)
class _Leaf:
    name: str
    kind: str
    pattern: str
    resolve: _Resolver
    context: str = "opt"  # "opt": optional preposition; otherwise a required prefix pattern
    point: bool = True  # usable as an anchor in since/range rules


_PREP = r"(?:on|in|during|at|throughout|over|within|for)<<WS>>"
_CONTEXT_IN = r"(?:in|during|throughout)<<WS>>"

_LEAVES: tuple[_Leaf, ...] = (
    _Leaf(
        "iso", "date",
        r"(?P<y><<YEAR>>)[-/.](?P<m>1[0-2]|0?[1-9])[-/.](?P<d>3[01]|[12][0-9]|0?[1-9])(?![0-9])",
        _r_iso,
    ),
    _Leaf(
        "numeric", "date",
        r"(?P<a>[0-9]{1,2})[-/.](?P<b>[0-9]{1,2})[-/.](?P<y><<YEAR>>)",
        _r_numeric,
    ),
    _Leaf(
        "month_day", "date",
        r"(?:<<WEEKDAY>>,?<<WS>>)?(?P<m><<MONTH>>)<<WS>>(?:the<<WS>>)?(?P<d><<DAY>>)"
        r"(?:,?<<WS>>(?P<y><<YEAR>>))?",
        _r_day_month,
    ),
    _Leaf(
        "day_month", "date",
        r"(?:<<WEEKDAY>>,?<<WS>>)?(?:the<<WS>>)?(?P<d><<DAY>>)(?:<<WS>>of)?<<WS>>(?P<m><<MONTH>>)"
        r"(?:,?<<WS>>(?P<y><<YEAR>>))?",
        _r_day_month,
    ),
    _Leaf(
        "part_month", "part",
        r"(?P<p>early|mid|late|the<<WS>>(?:beginning|start|end|middle)<<WS>>of"
        r"|the<<WS>>(?P<w>first|second|third|fourth|last|final)<<WS>>week<<WS>>of)"
        r"(?:<<WS>>|<<OWS>>-<<OWS>>)(?P<mr><<MONTHREF>>)",
        _r_part_month,
    ),
    _Leaf(
        "part_year", "part",
        r"(?P<p>early|mid|late|the<<WS>>(?:beginning|start|end|middle)<<WS>>of"
        r"|(?:the<<WS>>)?(?P<h>first|second)<<WS>>half<<WS>>of"
        r"|(?:the<<WS>>)?(?P<q>first|second|third|fourth|last|final)<<WS>>quarter<<WS>>of"
        r"|the<<WS>>first<<WS>>(?P<n><<NUMBER>>)<<WS>>months<<WS>>of)"
        r"(?:<<WS>>|<<OWS>>-<<OWS>>)(?P<yr><<YEARREF>>)",
        _r_part_year,
    ),
    _Leaf("quarter", "part", r"(?P<q>q[1-4]|h[12])<<WS>>(?:of<<WS>>)?(?P<y><<YEAR>>)", _r_quarter),
    _Leaf(
        "part_week", "part",
        r"the<<WS>>(?P<p>beginning|start|end|middle)<<WS>>of<<WS>>(?P<which>this|last|the)<<WS>>week",
        _r_part_week,
    ),
    _Leaf(
        "season_year", "season",
        r"(?:the<<WS>>)?(?P<s><<SEASON>>)(?:<<WS>>of)?<<WS>>(?P<y><<YEAR>>)"
        r"(?:(?:<<DASH>>|/)(?P<y2>[0-9]{4}|[0-9]{2})(?![0-9]))?",
        _r_season,
    ),
    _Leaf(
        "season_relative", "season",
        r"(?P<rel>last|this<<WS>>past|this|past)<<WS>>(?P<s><<SEASON>>)",
        _r_season_relative,
    ),
    _Leaf(
        "month_year", "month",
        r"(?P<m><<MONTH>>),?<<WS>>(?:of<<WS>>)?(?P<y><<YEAR>>)",
        _r_month_year,
    ),
    _Leaf("the_year", "year", r"the<<WS>>year<<WS>>(?P<y><<YEAR>>)", _r_year),
    _Leaf(
        "relative_period", "relative_period",
        r"(?:so<<WS>>far<<WS>>)?(?:(?P<adv>earlier)<<WS>>(?:in<<WS>>)?)?"
        r"(?P<which>this|last|the<<WS>>current|the)<<WS>>(?P<unit>week|month|year)(?:<<WS>>so<<WS>>far)?",
        _r_relative_period,
    ),
    _Leaf("weekend", "relative_period", r"(?P<rel>last|this|past|the)<<WS>>weekend", _r_weekend),
    _Leaf(
        "relative_day", "relative_day",
        r"(?:(?P<adv>early|late|earlier|later)<<WS>>(?:on<<WS>>)?)?"
        r"(?P<w>today|tonight|this<<WS>>(?:morning|afternoon|evening)"
        r"|the<<WS>>day<<WS>>before<<WS>>yesterday"
        r"|yesterday(?:<<WS>>(?:morning|afternoon|evening|night))?"
        r"|last<<WS>>(?:night|evening)|overnight)",
        _r_relative_day,
    ),
    _Leaf(
        "ago", "ago",
        r"(?:(?P<q>a<<WS>>few|several|a<<WS>>couple<<WS>>of|some)|(?P<n><<NUMBER>>|an|a))"
        r"<<WS>>(?P<unit><<UNITS>>)<<WS>>ago",
        _r_ago,
    ),
    _Leaf(
        "past", "past",
        r"(?:(?:the<<WS>>)?(?:past|last|previous)<<WS>>"
        r"(?:(?P<n><<NUMBER>>)|(?P<q>few|several|couple<<WS>>of))<<WS>>(?P<unit><<UNITS>>)"
        r"|the<<WS>>past<<WS>>(?P<u1>day|week|month|year|decade)"
        r"|the<<WS>>last<<WS>>(?P<u2>week|month|year|decade))",
        _r_past_any,
        point=False,
    ),
    _Leaf(
        "vague", "vague",
        r"(?:recent<<WS>>(?P<unit>days|weeks|months|years)"
        r"|for<<WS>>(?:(?:several|many|a<<WS>>few|some)<<WS>>)?(?P<unit2>days|weeks|months|years)"
        r"(?:<<WS>>now)?)",
        _r_vague,
        point=False,
    ),
    _Leaf(
        "weekday", "weekday",
        r"(?:(?P<rel>last|this<<WS>>past|this|past)<<WS>>|(?P<adv>early|late|overnight)<<WS>>(?:on<<WS>>)?)?"
        r"(?P<wd><<WEEKDAY>>)(?:<<WS>>(?P<part>morning|afternoon|evening|night|overnight))?",
        _r_weekday,
    ),
    _Leaf(
        "month_relative", "month",
        r"(?P<rel>last|this<<WS>>past|this|past)<<WS>>(?P<m><<MONTH_BARE>>)",
        _r_month_bare,
    ),
    _Leaf(
        "month_bare", "month",
        r"(?:the<<WS>>month<<WS>>of<<WS>>)?(?P<m><<MONTH_BARE>>)",
        _r_month_bare,
        context=_CONTEXT_IN,
    ),
    _Leaf(
        "season_bare", "season",
        r"(?P<rel>the)<<WS>>(?P<s>summer|winter|spring|autumn)(?!<<WS>>of)",
        _r_season_relative,
        context=_CONTEXT_IN,
    ),
    _Leaf("year", "year", r"(?P<y><<YEAR>>)", _r_year, context=_CONTEXT_IN),
    _Leaf(
        "day_of_month", "date",
        r"the<<WS>>(?P<d>(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th))(?![\s\-]{1,3}(?-i:[A-Z]))",
        _r_day_of_month,
        context=r"on<<WS>>",
        point=False,
    ),
    _Leaf(
        "anaphoric", "anaphoric",
        r"(?:(?:later|earlier)<<WS>>)?(?:the<<WS>>(?:previous|following|next|same)<<WS>>"
        r"(?:day|night|morning|evening|week|month|year|period|time)"
        r"|the<<WS>>(?:day|night|week)<<WS>>before|that<<WS>>(?:day|night|morning|evening|period))",
        _r_anaphoric,
        point=False,
    ),
)  # fmt: skip


_POINT = "(?:" + "|".join(_strip_groups(leaf.pattern) for leaf in _LEAVES if leaf.point) + ")"
_SUB["POINT"] = _POINT


# ---------------------------------------------------------------------------
# Composite rules.


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    kind: str
    core: re.Pattern[str]
    finder: re.Pattern[str]
    resolve: _Resolver


_INFERRING_KINDS = frozenset({"date", "month", "weekday", "season", "part"})
_YEAR_IN = re.compile(r"(?<![0-9])(?:1[89]|20)[0-9]{2}(?![0-9])")


def _resolve_point(text: str, pub: date | None) -> tuple[_Res, str] | None:
    for pattern, leaf in _grammar().points:
        m = pattern.fullmatch(text)
        if m is not None:
            res = leaf.resolve(m, pub)
            if res is not None:
                return res, leaf.kind
    return None


def _r_since(m: re.Match[str], pub: date | None) -> _Res | None:
    anchor = _g(m, "x")
    if anchor is None:  # an event clause: the start is not in the text
        return _UNKNOWN if pub is None else (None, pub, 3)
    found = _resolve_point(anchor.strip(), pub)
    if found is None:
        return None
    start = found[0][0]
    if start is None:
        return _UNKNOWN if pub is None else (None, pub, 3)
    if pub is None:
        return start, None, None
    if start > pub:
        return None
    return start, pub, _span_precision(start, pub, 14)


def _ordered(start: date, end: date, week_limit: int = 7) -> _Res | None:
    if start > end:
        return None
    return start, end, _span_precision(start, end, week_limit)


def _r_range(m: re.Match[str], pub: date | None) -> _Res | None:
    if _gs(m, "conn") == "and" and _g(m, "bw") is None:
        return None
    second = _resolve_point(m["b"].strip(), pub)
    if second is None:
        return None
    (b_start, b_end, _), _kind = second
    ref = b_end or b_start
    first_text = m["a"].strip()
    first = _resolve_point(first_text, pub)
    if first is not None and first[1] in _INFERRING_KINDS and ref is not None:
        first = _resolve_point(first_text, ref)
    if first is None:
        return None
    a_start = first[0][0]
    if a_start is None:
        return _UNKNOWN
    if b_end is None:
        return a_start, None, None
    if (
        first[1] in _INFERRING_KINDS
        and _YEAR_IN.search(first_text) is None
        and a_start.year < b_end.year
        and a_start.month <= b_end.month
    ):
        return None  # a borrowed year only wraps across a year end ("December 28 to January 3")
    return _ordered(a_start, b_end)


def _r_range_days(m: re.Match[str], pub: date | None) -> _Res | None:
    if _gs(m, "conn") == "and" and _g(m, "bw") is None:
        return None
    month, d1, d2 = _month_num(m["m"]), _day_num(m["d1"]), _day_num(m["d2"])
    year = _g(m, "y")
    if year is not None:
        start, end = _mk(int(year), month, d1), _mk(int(year), month, d2)
        if start is None or end is None:
            return None
        return _ordered(start, end)
    second = _day_without_year(month, d2, pub)
    if second is None or d1 > calendar.monthrange(2000, month)[1]:
        return None
    end = second[1]
    if end is None:
        return _UNKNOWN if d1 <= d2 else None
    start = _mk(end.year, month, d1)
    return None if start is None else _ordered(start, end)


def _r_range_years(m: re.Match[str], pub: date | None) -> _Res | None:
    y1, raw = int(m["y1"]), m["y2"]
    y2 = int(raw) if len(raw) == 4 else (y1 // 100) * 100 + int(raw)
    if y2 <= y1:
        return None
    return date(y1, 1, 1), date(y2, 12, 31), 3


def _r_range_months(m: re.Match[str], pub: date | None) -> _Res | None:
    if _gs(m, "conn") == "and" and _g(m, "bw") is None:
        return None
    m1, m2, y = _month_num(m["m1"]), _month_num(m["m2"]), int(m["y"])
    start = date(y if m1 <= m2 else y - 1, m1, 1)
    return start, _last_day(y, m2), 3


_CONNECT = r"(?:<<DASH>>|<<WS>>(?P<conn>to|and|until|till|through)<<WS>>)"
_OPEN = r"(?:(?P<bw>between)<<WS>>|from<<WS>>)?"

_COMPOSITES: tuple[tuple[str, str, str, _Resolver], ...] = (
    (
        "since", "since",
        r"(?:ever<<WS>>)?since<<WS>>(?:(?P<x><<POINT>>)|(?P<c><<CLAUSE>>))"
        r"(?:<<WS>><<UNTIL>><<WS>><<NOW>>)?",
        _r_since,
    ),
    (
        "from_until_now", "since",
        r"(?:from|between)<<WS>>(?:(?P<x><<POINT>>)|(?P<c><<CLAUSE>>))"
        r"<<WS>>(?:<<UNTIL>>|and)<<WS>><<NOW>>",
        _r_since,
    ),
    (
        "range_month_days", "range",
        _OPEN + r"(?P<m><<MONTH>>)<<WS>>(?P<d1><<DAY>>)" + _CONNECT
        + r"(?:(?P=m)<<WS>>)?(?P<d2><<DAY>>)(?:,?<<WS>>(?P<y><<YEAR>>))?",
        _r_range_days,
    ),
    (
        "range_days_month", "range",
        _OPEN + r"(?:the<<WS>>)?(?P<d1><<DAY>>)" + _CONNECT
        + r"(?:the<<WS>>)?(?P<d2><<DAY>>)(?:<<WS>>of)?<<WS>>(?P<m><<MONTH>>)(?:,?<<WS>>(?P<y><<YEAR>>))?",
        _r_range_days,
    ),
    (
        "range_months", "range",
        _OPEN + r"(?P<m1><<MONTH>>)" + _CONNECT + r"(?P<m2><<MONTH>>),?<<WS>>(?P<y><<YEAR>>)",
        _r_range_months,
    ),
    (
        "range_years", "range",
        r"(?P<y1><<YEAR>>)(?:<<DASH>>|/)(?P<y2><<YEAR>>|[0-9]{2}(?![0-9]))",
        _r_range_years,
    ),
    (
        "range", "range",
        _OPEN + r"(?P<a><<POINT>>)" + _CONNECT + r"(?P<b><<POINT>>)",
        _r_range,
    ),
)  # fmt: skip


_DATELINE_LEAVES = ("iso", "numeric", "month_day", "day_month")
_DATELINE_PATTERN = (
    r"^[ \t]{0,3}(?:[A-Z][A-Za-z'.\-]{1,30}(?:[ \-][A-Z][A-Za-z'.\-]{1,30}){0,3}"
    r"(?:,[ \t]{0,3}[A-Z][A-Za-z'.\-]{1,30}(?:[ \-][A-Z][A-Za-z'.\-]{1,30}){0,2})?,[ \t]{0,3})?"
    r"(?P<date>(?i:<<DATELINE_DATE>>))"
    r"[ \t]{0,3}(?:\([^()\n]{1,40}\)[ \t]{0,3})?(?:[-\u2010-\u2015:]|\()"
)
_SUB["DATELINE_DATE"] = "|".join(
    _strip_groups(leaf.pattern) for leaf in _LEAVES if leaf.name in _DATELINE_LEAVES
)


@dataclass(frozen=True, slots=True)
class _Grammar:
    rules: tuple[_Rule, ...]  # composites first, then leaves: the order breaks ties
    points: tuple[tuple[re.Pattern[str], _Leaf], ...]  # anchors, in POINT order
    dateline: re.Pattern[str]
    dateline_dates: tuple[tuple[re.Pattern[str], _Leaf], ...]


@functools.cache
def _grammar() -> _Grammar:
    """Compile the grammar once, on first use (importing the module compiles nothing)."""
    rules: list[_Rule] = []
    for name, kind, pattern, fn in _COMPOSITES:
        core = _x(pattern)
        rules.append(
            _Rule(
                name, kind,
                re.compile(core, re.IGNORECASE),
                re.compile(r"(?<!\w)(?:" + core + r")(?!\w)", re.IGNORECASE),
                fn,
            )
        )  # fmt: skip
    for leaf in _LEAVES:
        core = _x(leaf.pattern)
        prefix = _x(_PREP) if leaf.context == "opt" else _x(leaf.context)
        prefix = "(?:" + prefix + ")?" if leaf.context == "opt" else "(?:" + prefix + ")"
        rules.append(
            _Rule(
                leaf.name, leaf.kind,
                re.compile(core, re.IGNORECASE),
                re.compile(r"(?<!\w)" + prefix + "(?:" + core + r")(?!\w)", re.IGNORECASE),
                leaf.resolve,
            )
        )  # fmt: skip
    points = tuple((re.compile(_x(leaf.pattern), re.IGNORECASE), leaf) for leaf in _LEAVES if leaf.point)
    return _Grammar(
        rules=tuple(rules),
        points=points,
        dateline=re.compile(_x(_DATELINE_PATTERN), re.MULTILINE),
        dateline_dates=tuple(
            (re.compile(_x(leaf.pattern), re.IGNORECASE), leaf)
            for leaf in _LEAVES
            if leaf.name in _DATELINE_LEAVES
        ),
    )


_LEADING_PREP = re.compile(r"(?:on|in|during|at|throughout|over|within|for)\s{1,3}", re.IGNORECASE)


# ---------------------------------------------------------------------------
# Public API.


def _clip(res: _Res, pub: date | None) -> _Res:
    start, end, precision = res
    if pub is not None and start is not None and end is not None and start <= pub < end:
        end = pub
    return start, end, precision


def _resolve_words(words: str, pub: date | None) -> _Res | None:
    candidates = [words]
    trimmed = words.rstrip(".,;:!? ")
    if trimmed and trimmed != words:
        candidates.append(trimmed)
    for text in list(candidates):
        prep = _LEADING_PREP.match(text)
        if prep is not None and prep.end() < len(text):
            candidates.append(text[prep.end() :])
    for text in candidates:
        for rule in _grammar().rules:
            m = rule.core.fullmatch(text)
            if m is not None:
                res = rule.resolve(m, pub)
                if res is not None:
                    return _clip(res, pub)
    return None


def resolve_time(expression: str, published: date | None) -> TimeSpan | None:
    """Resolve one expression's words to a period.

    ``span`` is None in the result (the caller sets it).  Returns None when the
    words are not a time expression this grammar knows, or name no real date
    ("February 30, 2023").  When the words need the publication date and
    ``published`` is None, start/end/precision are None (the start of an
    absolute anchor, as in "since 2014", is kept).
    """
    words = expression.strip()
    if not words or len(words) > MAX_EXPRESSION_CHARS:
        return None
    res = _resolve_words(words, published)
    if res is None:
        return None
    start, end, precision = res
    return TimeSpan(text=expression, span=None, start=start, end=end, precision=precision)


def resolve_in_text(text: str, span: Span, published: date | None) -> TimeSpan | None:
    """Resolve ``text[span]`` and return a TimeSpan carrying that span."""
    found = resolve_time(span.slice(text), published)
    if found is None:
        return None
    return TimeSpan(text=found.text, span=span, start=found.start, end=found.end, precision=found.precision)


_TIME_HINT = re.compile(
    r"\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|yesterday|today|tonight|"
    r"night|morning|evening|afternoon|noon|dawn|dusk|week|month|year|ago|since|past|recent|summer|winter|spring|"
    r"autumn|fall|quarter|half|beginning|start|end|earlier|later|overnight|decade|day|previous|next|last|this|that|"
    r"q[1-4]|early|late|mid",
    re.IGNORECASE,
)


def find_time_expressions(text: str, start: int = 0, end: int | None = None) -> list[tuple[Span, str]]:
    """Find time expressions in ``text[start:end]``.

    Returns ``(Span into the full text, kind)`` sorted by position, with no
    overlaps; where matches overlap the longest wins (then the earliest, then
    the rule listed first).  At most ``MAX_SCAN_CHARS`` characters from
    ``start`` are scanned; the rest of the window is ignored.  Kinds: date,
    month, year, weekday, relative_day, relative_period, past, ago, vague,
    season, part, anaphoric, since, range.
    """
    lo = max(0, start)
    hi = len(text) if end is None else max(lo, min(end, len(text)))
    hi = min(hi, lo + MAX_SCAN_CHARS)
    if not _TIME_HINT.search(text, lo, hi):
        return []  # no digit and no calendar word: nothing for the grammar to find
    candidates: list[tuple[int, int, int, str]] = []
    for order, rule in enumerate(_grammar().rules):
        for m in rule.finder.finditer(text, lo, hi):
            if m.end() > m.start() and rule.resolve(m, None) is not None:
                candidates.append((m.start(), m.end(), order, rule.kind))
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    starts: list[int] = []
    chosen: list[tuple[int, int, str]] = []
    for s, e, _order, kind in candidates:
        i = bisect.bisect_left(starts, s)
        if i > 0 and chosen[i - 1][1] > s:
            continue
        if i < len(chosen) and chosen[i][0] < e:
            continue
        starts.insert(i, s)
        chosen.insert(i, (s, e, kind))
    return [(Span(s, e), kind) for s, e, kind in chosen]


def publication_date_from_dateline(text: str) -> date | None:
    """Read the publication date from a dateline at the start of an article.

    Looks at the first ``DATELINE_CHARS`` characters, at the start of any line
    there (a title may come first): "BAGHDAD, March 3, 2023 (Reuters) -",
    "MOSUL, Iraq, 2023-03-14 (AP) —", "Baghdad, 14 March 2023 (INA) -".  A
    dateline without a year ("BAGHDAD, March 3 (Reuters) -") gives None: the
    year is not guessed.
    """
    head = text[:DATELINE_CHARS]
    grammar = _grammar()
    for m in grammar.dateline.finditer(head):
        words = m["date"].strip()
        for pattern, leaf in grammar.dateline_dates:
            dm = pattern.fullmatch(words)
            if dm is None:
                continue
            res = leaf.resolve(dm, None)
            if res is not None and res[0] is not None and res[0] == res[1]:
                return res[0]
    return None
