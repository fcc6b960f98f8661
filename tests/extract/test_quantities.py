"""sitrep.extraction.quantities: number words → low/best/high/bound, and finding them in running text."""

from __future__ import annotations

import itertools
import time

import pytest

from sitrep.extraction.quantities import MAX_SCAN_CHARS, Quantity, find_quantities, parse_quantity
from sitrep.model import Span

N = None

# (phrase, low, best, high, bound)
PARSE_CASES: list[tuple[str, int | None, int | None, int | None, str]] = [
    # exact figures: digits and words
    ("12", 12, 12, 12, "exact"),
    ("1,200", 1200, 1200, 1200, "exact"),
    ("1,200,000", 1_200_000, 1_200_000, 1_200_000, "exact"),
    ("303", 303, 303, 303, "exact"),
    ("0", 0, 0, 0, "exact"),
    ("1.5 million", 1_500_000, 1_500_000, 1_500_000, "exact"),
    ("2 million", 2_000_000, 2_000_000, 2_000_000, "exact"),
    ("3 thousand", 3000, 3000, 3000, "exact"),
    ("one", 1, 1, 1, "exact"),
    ("two", 2, 2, 2, "exact"),
    ("seventeen", 17, 17, 17, "exact"),
    ("twenty-three", 23, 23, 23, "exact"),
    ("twenty three", 23, 23, 23, "exact"),
    ("Forty-Five", 45, 45, 45, "exact"),
    ("ninety", 90, 90, 90, "exact"),
    ("three hundred and four", 304, 304, 304, "exact"),
    ("one hundred and twenty", 120, 120, 120, "exact"),
    ("a hundred", 100, 100, 100, "exact"),
    ("a thousand", 1000, 1000, 1000, "exact"),
    ("two thousand five hundred", 2500, 2500, 2500, "exact"),
    ("fifteen hundred", 1500, 1500, 1500, "exact"),
    ("a million", 1_000_000, 1_000_000, 1_000_000, "exact"),
    ("a single", 1, 1, 1, "exact"),
    ("zero", 0, 0, 0, "exact"),
    # approximate counts
    ("a dozen", 12, 12, 12, "approx"),
    ("two dozen", 24, 24, 24, "approx"),
    ("half a dozen", 6, 6, 6, "approx"),
    ("a score of", 20, 20, 20, "approx"),
    ("a couple of", 2, 2, 2, "approx"),
    ("around 30", 30, 30, 30, "approx"),
    ("about 30", 30, 30, 30, "approx"),
    ("some 30", 30, 30, 30, "approx"),
    ("nearly 30", 30, 30, 30, "approx"),
    ("almost 30", 30, 30, 30, "approx"),
    ("approximately 30", 30, 30, 30, "approx"),
    ("roughly 30", 30, 30, 30, "approx"),
    ("close to 30", 30, 30, 30, "approx"),
    ("an estimated 3,000", 3000, 3000, 3000, "approx"),
    ("about a dozen", 12, 12, 12, "approx"),
    ("30 or so", 30, 30, 30, "approx"),
    ("30-odd", 30, 30, 30, "approx"),
    # at least
    ("at least 12", 12, 12, N, "at_least"),
    ("At least twelve", 12, 12, N, "at_least"),
    ("no fewer than 12", 12, 12, N, "at_least"),
    ("no less than 12", 12, 12, N, "at_least"),
    ("a minimum of 12", 12, 12, N, "at_least"),
    ("20 or more", 20, 20, N, "at_least"),
    ("30-plus", 30, 30, N, "at_least"),
    ("30+", 30, 30, N, "at_least"),
    ("at least one", 1, 1, N, "at_least"),
    ("at least dozens", 24, 24, N, "at_least"),
    # strictly more
    ("more than 20", 21, 21, N, "at_least"),
    ("over 20", 21, 21, N, "at_least"),
    ("exceeded 155", 156, 156, N, "at_least"),
    ("has exceeded 155", 156, 156, N, "at_least"),
    ("exceeding 155", 156, 156, N, "at_least"),
    ("upwards of 20", 21, 21, N, "at_least"),
    ("in excess of 100", 101, 101, N, "at_least"),
    ("more than a dozen", 13, 13, N, "at_least"),
    ("over a thousand", 1001, 1001, N, "at_least"),
    ("more than 1,000", 1001, 1001, N, "at_least"),
    ("more than hundreds", 200, 200, N, "at_least"),
    # at most
    ("up to 15", N, 15, 15, "at_most"),
    ("as many as 15", N, 15, 15, "at_most"),
    ("no more than 15", N, 15, 15, "at_most"),
    ("at most 15", N, 15, 15, "at_most"),
    ("a maximum of 15", N, 15, 15, "at_most"),
    ("15 or fewer", N, 15, 15, "at_most"),
    ("less than 10", N, 9, 9, "at_most"),
    ("fewer than 10", N, 9, 9, "at_most"),
    ("under 10", N, 9, 9, "at_most"),
    ("fewer than a dozen", N, 11, 11, "at_most"),
    # ranges: best is the lower figure
    ("10 to 15", 10, 10, 15, "range"),
    ("10-15", 10, 10, 15, "range"),
    ("10–15", 10, 10, 15, "range"),
    ("between 10 and 15", 10, 10, 15, "range"),
    ("10 or 15", 10, 10, 15, "range"),
    ("one or two", 1, 1, 2, "range"),
    ("two or three", 2, 2, 3, "range"),
    ("ten to fifteen", 10, 10, 15, "range"),
    ("about 10 to 15", 10, 10, 15, "range"),
    ("between 1,000 and 1,500", 1000, 1000, 1500, "range"),
    # vague amounts: best is the low end
    ("a few", 3, 3, 5, "range"),
    ("a handful", 2, 2, 5, "range"),
    ("a handful of", 2, 2, 5, "range"),
    ("several", 3, 3, 9, "range"),
    ("tens of", 20, 20, 99, "range"),
    ("dozens", 24, 24, 99, "range"),
    ("dozens of", 24, 24, 99, "range"),
    ("Dozens", 24, 24, 99, "range"),
    ("scores of", 40, 40, 99, "range"),
    ("hundreds", 200, 200, 999, "range"),
    ("hundreds of", 200, 200, 999, "range"),
    ("thousands", 2000, 2000, 9999, "range"),
    ("millions", 2_000_000, 2_000_000, 9_999_999, "range"),
    ("several hundred", 300, 300, 999, "range"),
    ("a few hundred", 300, 300, 599, "range"),
    ("a few dozen", 36, 36, 71, "range"),
    ("several thousand", 3000, 3000, 9999, "range"),
    ("a couple of hundred", 200, 200, 299, "range"),
    ("tens of thousands", 20_000, 20_000, 99_999, "range"),
    ("hundreds of thousands", 200_000, 200_000, 999_999, "range"),
    # a count is stated but no figure
    ("a number of", N, N, N, "none"),
    ("a large number of", N, N, N, "none"),
    ("an unknown number of", N, N, N, "none"),
    # zero
    ("no casualties", 0, 0, 0, "exact"),
    ("no deaths", 0, 0, 0, "exact"),
    ("no immediate casualties", 0, 0, 0, "exact"),
    ("no one", 0, 0, 0, "exact"),
    ("nobody", 0, 0, 0, "exact"),
    ("none", 0, 0, 0, "exact"),
    ("without casualties", 0, 0, 0, "exact"),
    ("not a single", 0, 0, 0, "exact"),
]


@pytest.mark.parametrize(
    ("phrase", "low", "best", "high", "bound"), PARSE_CASES, ids=[c[0] for c in PARSE_CASES]
)
def test_quantities_parse_table(phrase: str, low: int | None, best: int | None, high: int | None,
                                bound: str) -> None:
    q = parse_quantity(phrase)
    assert q is not None
    assert (q.low, q.best, q.high, q.bound) == (low, best, high, bound)
    assert q.span == Span(0, len(phrase))


def test_quantities_parse_table_is_large() -> None:
    assert len(PARSE_CASES) >= 80


@pytest.mark.parametrize(
    "phrase",
    ["many", "numerous", "multiple", "a soldier", "an officer", "few", "", "   ", "third", "3rd",
     "twenty-third", "3.5", "10.30", "0770", "hundreds of millions", "12,000,000", "20 soldiers", "no",
     "a", "the 12",
     "10%", "$5 million", "30 km", "more than", "x" * 300],
)
def test_quantities_parse_rejects(phrase: str) -> None:
    assert parse_quantity(phrase) is None


# (sentence, [(words, low, best, high, bound), ...])
FIND_CASES: list[tuple[str, list[tuple[str, int | None, int | None, int | None, str]]]] = [
    ("dozens of ISIS operatives have been killed since the beginning of this year",
     [("dozens", 24, 24, 99, "range")]),
    ("The number of ISIS fighters killed since the current government took power "
     "has exceeded 155 terrorists.",
     [("exceeded 155", 156, 156, N, "at_least")]),
    ("Security forces have destroyed 303 tunnels and guesthouses", [("303", 303, 303, 303, "exact")]),
    ("They also destroyed hundreds of dens, bunkers and tunnels in the desert.",
     [("hundreds", 200, 200, 999, "range")]),
    ("At least 12 people were killed and more than 20 wounded in the blast.",
     [("At least 12", 12, 12, N, "at_least"), ("more than 20", 21, 21, N, "at_least")]),
    ("Between 10 and 15 militants were killed, officials said.",
     [("Between 10 and 15", 10, 10, 15, "range")]),
    ("Two soldiers were killed and three others wounded.",
     [("Two", 2, 2, 2, "exact"), ("three", 3, 3, 3, "exact")]),
    ("The attack caused no casualties, police said.", [("no", 0, 0, 0, "exact")]),
    ("No one was hurt in the explosion.", [("No one", 0, 0, 0, "exact")]),
    ("None were hurt.", [("None", 0, 0, 0, "exact")]),
    ("Up to 15 civilians may have died in the strike.", [("Up to 15", N, 15, 15, "at_most")]),
    ("Tens of thousands of people have been displaced.",
     [("Tens of thousands", 20_000, 20_000, 99_999, "range")]),
    ("A number of gunmen were arrested.", [("A number", N, N, N, "none")]),
    ("Many people fled the village.", []),
    ("Twenty-three fighters surrendered to the army.", [("Twenty-three", 23, 23, 23, "exact")]),
    ("Some 1,200 families returned home.", [("Some 1,200", 1200, 1200, 1200, "approx")]),
    ("In 2014, ISIS killed 1,700 cadets at Speicher.", [("1,700", 1700, 1700, 1700, "exact")]),
    ("Since 2014, more than 2000 people have been abducted.",
     [("more than 2000", 2001, 2001, N, "at_least")]),
    ("A 25-year-old man and two children were killed.", [("two", 2, 2, 2, "exact")]),
    ("The convoy was hit 30 km south of Mosul, killing 4 soldiers.", [("4", 4, 4, 4, "exact")]),
    ("On March 3, gunmen killed 5 shepherds.", [("5", 5, 5, 5, "exact")]),
    ("On 3 May 2019 the army arrested 8 suspects.", [("8", 8, 8, 8, "exact")]),
    ("At 10 a.m. a bomb killed 6 people.", [("6", 6, 6, 6, "exact")]),
    ("Brigade 51 of the PMF lost 7 fighters.", [("7", 7, 7, 7, "exact")]),
    ("Fighters of the 51 Brigade and Division 7 killed 9 militants.", [("9", 9, 9, 9, "exact")]),
    ("Police seized 5 kg of explosives and 12 rifles.", [("12", 12, 12, 12, "exact")]),
    ("Prices rose 10% and the government paid $5 million to 300 families.",
     [("300", 300, 300, 300, "exact")]),
    ("The three-day operation left 14 militants dead.", [("14", 14, 14, 14, "exact")]),
    ("Two or three houses were destroyed.", [("Two or three", 2, 2, 3, "range")]),
    ("Clashes killed 10-15 fighters.", [("10-15", 10, 10, 15, "range")]),
    ("a dozen or more soldiers were wounded", [("a dozen or more", 12, 12, N, "at_least")]),
    ("Several hundred people protested.", [("Several hundred", 300, 300, 999, "range")]),
    ("Not a single civilian was harmed.", [("Not a single", 0, 0, 0, "exact")]),
    ("The operation was carried out without casualties.", [("without", 0, 0, 0, "exact")]),
    ("Nearly 30 bodies were recovered.", [("Nearly 30", 30, 30, 30, "approx")]),
    ("Fewer than 10 people attended.", [("Fewer than 10", N, 9, 9, "at_most")]),
    ("The bombing killed one soldier and injured one another.", [("one", 1, 1, 1, "exact")]),
]


@pytest.mark.parametrize(("sentence", "expected"), FIND_CASES, ids=[c[0][:40] for c in FIND_CASES])
def test_quantities_find_in_sentences(
    sentence: str, expected: list[tuple[str, int | None, int | None, int | None, str]]
) -> None:
    found = find_quantities(sentence)
    got = [(q.span.slice(sentence), q.low, q.best, q.high, q.bound) for q in found]
    assert got == expected
    for q in found:
        assert sentence[q.span.start : q.span.end] == q.span.slice(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The group was founded in 2014.",
        "Since 2014 the city has been contested.",
        "He was a 25-year-old student.",
        "The victim, aged 25, was a teacher.",
        "The victim was five years old.",
        "The village lies 30 km from the border.",
        "It is 12 kilometres away and 3 miles from the road.",
        "The attack happened on March 3.",
        "The attack happened on 3 March.",
        "The curfew starts at 10 p.m. and ends at 6am.",
        "The meeting was at 10:30 local time, at 1030 GMT.",
        "He finished third; it was his 3rd attempt.",
        "Unemployment reached 25% or 30 percent in some areas.",
        "The ministry paid $5 million and 7 billion dinars.",
        "See page 5 and Article 140 of the constitution and Resolution 2254.",
        "F-16 jets and Su-24 bombers flew over; COVID-19 slowed the offensive.",
        "Call +964 770 123 4567 or 0770-123-4567 to report.",
        "The report is dated 2014-03-04 and 3/4/2014.",
        "The siege lasted 48 hours over two weeks in the 1990s.",
        "Many people fled and numerous homes were looted.",
        "The offensive began in the summer of 2017.",
        "Units of Division 7 and Brigade 51 moved north.",
    ],
)
def test_quantities_find_skips_non_counts(sentence: str) -> None:
    assert find_quantities(sentence) == []


def test_quantities_find_window_offsets_index_full_text() -> None:
    text = "Earlier, 4 died. Later, at least 12 people were killed near Kirkuk."
    start = text.index("Later")
    found = find_quantities(text, start, len(text))
    assert [q.span.slice(text) for q in found] == ["at least 12"]
    assert found[0].span.start == text.index("at least")
    assert find_quantities(text, 0, start)[0].span == Span(9, 10)


def test_quantities_find_modifier_does_not_cross_window_start() -> None:
    text = "more than 20"
    found = find_quantities(text, text.index("20"))
    assert [(q.span.slice(text), q.bound) for q in found] == [("20", "exact")]


def test_quantities_find_results_sorted_and_disjoint() -> None:
    text = "Between 10 and 15 died, 3 or more were hurt, dozens fled and about 200 were displaced."
    found = find_quantities(text)
    starts = [q.span.start for q in found]
    assert starts == sorted(starts)
    for a, b in itertools.pairwise(found):
        assert a.span.end <= b.span.start
    assert [q.span.slice(text) for q in found] == ["Between 10 and 15", "3 or more", "dozens", "about 200"]


def test_quantities_find_longest_wins() -> None:
    text = "two thousand five hundred people"
    assert [q.span.slice(text) for q in find_quantities(text)] == ["two thousand five hundred"]


def test_quantities_find_rejects_values_over_ten_million() -> None:
    assert find_quantities("Some 12,000,000 people and tens of millions more.") == []
    assert [q.best for q in find_quantities("Some 9,000,000 people.")] == [9_000_000]


def test_quantities_find_reads_at_most_max_scan_chars() -> None:
    text = "x " * (MAX_SCAN_CHARS // 2) + "killed 7 people"
    assert find_quantities(text) == []
    assert [q.best for q in find_quantities(text, MAX_SCAN_CHARS)] == [7]


def test_quantities_find_empty_and_reversed_windows() -> None:
    assert find_quantities("") == []
    assert find_quantities("12 killed", 5, 2) == []
    assert find_quantities("12 killed", -5, 999)[0].span == Span(0, 2)


def test_quantities_find_is_linear_on_hostile_input() -> None:
    nasty = ("1" * 40 + " ") * 1000 + "twenty " * 3000 + ("at least " * 2000) + ("-" * 5000) + " " * 20000
    t0 = time.perf_counter()
    find_quantities(nasty)
    assert time.perf_counter() - t0 < 5.0


def test_quantities_quantity_is_frozen() -> None:
    q = Quantity(1, 1, 1, "exact", Span(0, 1))
    with pytest.raises(AttributeError):
        q.low = 2  # type: ignore[misc]
