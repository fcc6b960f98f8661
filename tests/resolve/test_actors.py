"""Tests for the actor table (sitrep/data/actors.toml) and its matcher (sitrep.resolve.actors)."""

from __future__ import annotations

import itertools
import time
import tomllib
from collections import defaultdict
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from sitrep.errors import InputError, ResourceMissing
from sitrep.model import ActorMention
from sitrep.resolve.actors import MAX_FIND_CHARS, ActorEntry, ActorPeriod, ActorTable, alias_key
from tests.paths import vocabulary_actors

SEED = (
    "Joint Operations Command spokesman Major General Tahsin al-Khafaji reported, according to the "
    "Iraqi News Agency, that dozens of ISIS operatives have been killed since the beginning of this "
    "year, and hundreds of dens, bunkers and tunnels belonging to the terrorist organization were "
    "destroyed in many areas."
)


@pytest.fixture(scope="module")
def table() -> ActorTable:
    return ActorTable.load()


def names(mentions: list[ActorMention]) -> list[tuple[str, str]]:
    return [(m.text, m.canonical) for m in mentions]


# ───────────────────────────── aliases → canonical ─────────────────────────────


@pytest.mark.parametrize(
    ("sentence", "alias", "canonical"),
    [
        ("ISIS claimed the attack.", "ISIS", "Islamic State"),
        ("ISIL claimed the attack.", "ISIL", "Islamic State"),
        ("Daesh claimed the attack.", "Daesh", "Islamic State"),
        ("Da'esh claimed the attack.", "Da'esh", "Islamic State"),
        ("The Islamic State claimed the attack.", "Islamic State", "Islamic State"),
        ("IS claimed the attack.", "IS", "Islamic State"),
        ("Fighters of al-Shabaab attacked.", "al-Shabaab", "Al Shabaab"),
        ("Fighters of al Shabaab attacked.", "al Shabaab", "Al Shabaab"),
        ("Fighters of Al-Shabab attacked.", "Al-Shabab", "Al Shabaab"),
        ("The Hashd al-Shaabi deployed.", "Hashd al-Shaabi", "Popular Mobilization Forces"),
        ("PMF units deployed.", "PMF", "Popular Mobilization Forces"),
        ("Iraqi soldiers were wounded.", "Iraqi soldiers", "Military Forces of Iraq"),
        ("Iraqi troops advanced.", "Iraqi troops", "Military Forces of Iraq"),
        (
            "The Counter-Terrorism Service raided a hideout.",
            "Counter-Terrorism Service",
            "Military Forces of Iraq",
        ),
        ("The Security Media Cell said two drones fell.", "Security Media Cell", "Military Forces of Iraq"),
        ("The Federal Police arrested him.", "Federal Police", "Police Forces of Iraq"),
        ("The Rapid Response Division arrived.", "Rapid Response Division", "Police Forces of Iraq"),
        ("Houthi rebels fired a missile.", "Houthi rebels", "Houthis"),
        ("Ansar Allah fired a missile.", "Ansar Allah", "Houthis"),
        ("JNIM fighters attacked a convoy.", "JNIM fighters", "Jama'at Nusrat al-Islam wal-Muslimin"),
        ("ISGS fighters attacked a convoy.", "ISGS", "Islamic State Sahel Province"),
        ("ISWAP fighters overran a base.", "ISWAP fighters", "Islamic State West Africa Province"),
        ("The RSF shelled El Fasher.", "RSF", "Rapid Support Forces"),
        ("The Sudanese Armed Forces retook the bridge.", "Sudanese Armed Forces", "Military Forces of Sudan"),
        ("The Tatmadaw bombed a village.", "Tatmadaw", "Military Forces of Myanmar"),
        ("Kata'ib Hezbollah denied involvement.", "Kata'ib Hezbollah", "Kataib Hezbollah"),
        ("The Pakistani Taliban claimed it.", "Pakistani Taliban", "Tehrik-i-Taliban Pakistan"),
        ("AFC/M23 rebels seized Goma.", "AFC/M23", "March 23 Movement"),
        ("Unknown gunmen killed a shepherd.", "Unknown gunmen", "Unidentified Armed Group"),
        ("Truffle hunters were killed.", "Truffle hunters", "Civilians"),
        ("Demonstrators gathered in Tahrir Square.", "Demonstrators", "Protesters"),
    ],
)
def test_actors_alias_resolves_to_canonical(
    table: ActorTable, sentence: str, alias: str, canonical: str
) -> None:
    found = table.find(sentence)
    assert (alias, canonical) in names(found)


def test_actors_isis_isil_daesh_are_one_actor(table: ActorTable) -> None:
    assert {table.canonical(n) for n in ("ISIS", "ISIL", "Daesh", "Islamic State", "IS")} == {"Islamic State"}


def test_actors_longest_match_wins(table: ActorTable) -> None:
    text = "Islamic State West Africa Province and Kataib Hezbollah and the Pakistani Taliban"
    assert [m.canonical for m in table.find(text)] == [
        "Islamic State West Africa Province",
        "Kataib Hezbollah",
        "Tehrik-i-Taliban Pakistan",
    ]


# ───────────────────────────── case sensitivity and word boundaries ─────────────────────────────


@pytest.mark.parametrize(
    "sentence",
    [
        "the situation is calm",
        "This is what happened.",
        "Is the road open?",
        "Let the record show the town is quiet.",
        "He said it was a crisis.",
        "THIS HAPPENED",
        "us forces of good",
    ],
)
def test_actors_case_sensitive_acronyms_ignore_english_words(table: ActorTable, sentence: str) -> None:
    assert table.find(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("IS fighters attacked the village", [("IS fighters", "Islamic State")]),
        ("a claim by IS on Telegram", [("IS", "Islamic State")]),
        ("LeT operatives were arrested", [("LeT", "Lashkar-e-Taiba")]),
        ("Crisis in Basra", []),
        ("ISISK fighters", [("ISISK", "Islamic State Khorasan Province")]),
        ("ISISland and Hamasville", []),
    ],
)
def test_actors_word_boundaries_respected(
    table: ActorTable, sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert names(table.find(sentence)) == expected


# ───────────────────────────── possessives, quotes, spans ─────────────────────────────


@pytest.mark.parametrize(
    ("sentence", "alias"),
    [
        ("ISIS's fighters withdrew.", "ISIS"),
        ("Daesh’s remnants fled.", "Daesh"),
        ("the so-called “ISIS” group", "ISIS"),
        ('the so-called "Daesh" group', "Daesh"),
        ("(ISIL) fighters", "ISIL"),
        ("Da’esh claimed it.", "Da’esh"),
    ],
)
def test_actors_possessives_and_quotes(table: ActorTable, sentence: str, alias: str) -> None:
    found = table.find(sentence)
    assert names(found) == [(alias, "Islamic State")]


@pytest.mark.parametrize(
    "text",
    [
        SEED,
        "Turkish drones struck PKK positions near Duhok; Peshmerga forces and U.S. forces were nearby.",
        "“ISIS” cells attacked the Iraqi army’s checkpoint, killing two soldiers and a shepherd.",
    ],
)
def test_actors_spans_slice_back(table: ActorTable, text: str) -> None:
    found = table.find_in_article(text, country="IQ")
    assert found
    for m in found:
        assert text[m.span.start : m.span.end] == m.text
        assert m.span.slice(text) == m.text
    starts = [m.span.start for m in found]
    assert starts == sorted(starts)
    for a, b in itertools.pairwise(found):
        assert a.span.end <= b.span.start


def test_actors_find_window_offsets_into_full_text(table: ActorTable) -> None:
    text = "Preamble about ISIS. Then Iraqi troops arrived. Epilogue about Hamas."
    start = text.index("Then")
    end = text.index("Epilogue")
    found = table.find(text, start, end)
    assert names(found) == [("Iraqi troops", "Military Forces of Iraq")]
    assert found[0].span.slice(text) == "Iraqi troops"


def test_actors_window_cutting_a_word_does_not_match(table: ActorTable) -> None:
    text = "xISIS and ISIS"
    assert names(table.find(text, 1)) == [("ISIS", "Islamic State")]
    assert table.find(text, 1)[0].span.start == 10


# ───────────────────────────── seed sentence and context aliases ─────────────────────────────


def test_actors_seed_sentence(table: ActorTable) -> None:
    found = table.find_in_article(SEED, country="IQ")
    assert names(found) == [
        ("Joint Operations Command", "Military Forces of Iraq"),
        ("ISIS", "Islamic State"),
        ("the terrorist organization", "Islamic State"),
    ]
    assert [m.inter for m in found] == [1, 2, 2]


@pytest.mark.parametrize(
    ("text", "named_before", "expected"),
    [
        ("The organization claimed the attack.", frozenset(), []),
        (
            "the organization claimed the attack.",
            frozenset({"Islamic State"}),
            [("the organization", "Islamic State")],
        ),
        (
            "ISIS struck; the organization later claimed it.",
            frozenset(),
            [("ISIS", "Islamic State"), ("the organization", "Islamic State")],
        ),
        ("The group claimed it.", frozenset({"Islamic State", "Al Shabaab"}), []),
        (
            "Al-Shabaab and ISIS are rivals; the group said.",
            frozenset(),
            [("Al-Shabaab", "Al Shabaab"), ("ISIS", "Islamic State"), ("the group", "Islamic State")],
        ),
        ("the group claimed it.", frozenset({"Military Forces of Iraq"}), []),
    ],
)
def test_actors_context_alias_needs_antecedent(
    table: ActorTable, text: str, named_before: frozenset[str], expected: list[tuple[str, str]]
) -> None:
    assert names(table.find(text, named_before=named_before)) == expected


def test_actors_context_alias_before_its_antecedent_is_not_resolved(table: ActorTable) -> None:
    found = table.find_in_article("The organization said ISIS was behind it.")
    assert names(found) == [("ISIS", "Islamic State")]


# ───────────────────────────── country context ─────────────────────────────


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Security forces killed two militants.", "IQ", "Military Forces of Iraq"),
        ("Security forces killed two militants.", "SY", "Military Forces of Syria"),
        ("Security forces killed two militants.", "", None),
        ("Police arrested a suspect.", "IQ", "Police Forces of Iraq"),
        ("Border Guards repelled an infiltration.", "IQ", "Police Forces of Iraq"),
        ("Coalition forces struck a Houthi site.", "YE", "Military Forces of Saudi Arabia"),
        ("Coalition forces struck an ISIS hideout.", "IQ", "US-led Coalition"),
    ],
)
def test_actors_country_context_alias(
    table: ActorTable, text: str, country: str, expected: str | None
) -> None:
    found = [m.canonical for m in table.find(text, country=country)]
    if expected is None:
        assert found == []
    else:
        assert found[0] == expected


# ───────────────────────────── inter codes ─────────────────────────────


@pytest.mark.parametrize(
    ("canonical", "country", "inter"),
    [
        ("Military Forces of Turkey", "IQ", 8),
        ("Military Forces of Turkey", "TR", 1),
        ("Military Forces of Turkey", "", 1),
        ("Military Forces of Iraq", "IQ", 1),
        ("Military Forces of the United States", "SY", 8),
        ("Military Forces of Russia", "UA", 8),
        ("US-led Coalition", "IQ", 8),
        ("Islamic State", "IQ", 2),
        ("Popular Mobilization Forces", "IQ", 1),
        ("Kurdistan Workers' Party", "IQ", 2),
        ("Civilians", "IQ", 7),
        ("Protesters", "IQ", 6),
        ("Rioters", "IQ", 5),
        ("Unidentified Armed Group", "IQ", 3),
        ("Wagner Group", "ML", 8),
    ],
)
def test_actors_inter_codes(table: ActorTable, canonical: str, country: str, inter: int) -> None:
    assert table.inter(canonical, country) == inter


def test_actors_inter_8_for_turkish_forces_in_iraqi_article(table: ActorTable) -> None:
    found = table.find("Turkish warplanes bombed PKK positions in Duhok.", country="IQ")
    assert [(m.canonical, m.inter) for m in found] == [
        ("Military Forces of Turkey", 8),
        ("Kurdistan Workers' Party", 2),
    ]


def test_actors_inter_unknown_actor_is_none(table: ActorTable) -> None:
    assert table.inter("Nobody In Particular") is None
    assert table.entry("Nobody In Particular") is None


# ───────────────────────────── time-bounded codes ─────────────────────────────


@pytest.mark.parametrize(
    ("on", "country", "inter"),
    [
        (date(2020, 6, 1), "AF", 2),
        (date(2021, 8, 14), "AF", 2),
        (date(2021, 8, 15), "AF", 1),
        (date(2023, 3, 1), "AF", 1),
        (date(2023, 3, 1), "PK", 8),
        (date(2019, 3, 1), "PK", 2),
        (None, "AF", 1),
    ],
)
def test_actors_taliban_time_bounded(table: ActorTable, on: date | None, country: str, inter: int) -> None:
    assert table.inter("Taliban", country, on=on) == inter


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2019, 5, 1), "Military Forces of Afghanistan"),
        (date(2022, 5, 1), "Taliban"),
        (None, "Taliban"),
    ],
)
def test_actors_time_bounded_aliases(table: ActorTable, on: date | None, expected: str) -> None:
    found = table.find("Afghan forces clashed with gunmen.", country="AF", on=on)
    assert found[0].canonical == expected


def test_actors_rsf_time_bounded(table: ActorTable) -> None:
    assert table.inter("Rapid Support Forces", "SD", on=date(2020, 1, 1)) == 1
    assert table.inter("Rapid Support Forces", "SD", on=date(2023, 5, 1)) == 2


# ───────────────────────────── canonical() on ACLED-style names ─────────────────────────────


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Islamic State (Iraq)", "Islamic State"),
        ("Islamic State (Syria)", "Islamic State"),
        ("Military Forces of Iraq (2020-)", "Military Forces of Iraq"),
        ("Military Forces of Iraq (2020-) Counter Terrorism Service", "Military Forces of Iraq"),
        ("Police Forces of Iraq (2020-)", "Police Forces of Iraq"),
        ("PMF: Popular Mobilization Forces", "Popular Mobilization Forces"),
        ("Civilians (Iraq)", "Civilians"),
        ("Protesters (Iraq)", "Protesters"),
        ("Unidentified Armed Group (Iraq)", "Unidentified Armed Group"),
        ("Military Forces of Turkey (2016-)", "Military Forces of Turkey"),
        ("JNIM: Group for Support of Islam and Muslims", "Jama'at Nusrat al-Islam wal-Muslimin"),
        ("Military Forces of Afghanistan (2021-)", "Taliban"),
        ("Military Forces of Afghanistan (2004-2021)", "Military Forces of Afghanistan"),
        ("Islamic State (Greater Sahara)", "Islamic State Sahel Province"),
        ("al-shabaab", "Al Shabaab"),
        ("  Hashd al-Sha'bi ", "Popular Mobilization Forces"),
        ("Kurdistan Workers' Party", "Kurdistan Workers' Party"),
        ("QSD: Syrian Democratic Forces", "Syrian Democratic Forces"),
    ],
)
def test_actors_canonical_acled_names(table: ActorTable, name: str, canonical: str) -> None:
    assert table.canonical(name) == canonical


@pytest.mark.parametrize(
    "name", ["", "the group", "is", "security forces", "Atlantis Liberation Front (Iraq)", "x" * 5000]
)
def test_actors_canonical_unknown_is_none(table: ActorTable, name: str) -> None:
    assert table.canonical(name) is None


# ───────────────────────────── data file integrity ─────────────────────────────


def _raw_actors() -> list[dict[str, object]]:
    data = tomllib.loads(resources.files("sitrep.data").joinpath("actors.toml").read_text(encoding="utf-8"))
    actors = data["actor"]
    assert isinstance(actors, list)
    return actors


def _window(entry: ActorEntry, period: ActorPeriod | None) -> tuple[date, date]:
    start = max(entry.valid_from or date.min, (period.valid_from if period else None) or date.min)
    end = min(entry.valid_to or date.max, (period.valid_to if period else None) or date.max)
    return start, end


def test_actors_data_canonicals_unique_and_sourced(table: ActorTable) -> None:
    raw = _raw_actors()
    canonicals = [a["canonical"] for a in raw]
    assert len(canonicals) == len(set(canonicals))
    assert len(table) == len(raw) >= 45
    for entry in table.entries:
        assert 1 <= entry.inter <= 8, entry.canonical
        assert all(1 <= p.inter <= 8 for p in entry.periods), entry.canonical
        assert entry.sources, f"{entry.canonical} has no source"
        assert entry.aliases, f"{entry.canonical} has no alias"
        assert set(entry.case_sensitive_aliases) <= set(entry.aliases), entry.canonical
        if entry.kind == "state":
            assert entry.home, f"{entry.canonical}: state forces need a home country"


def test_actors_data_vocabulary_names_present(table: ActorTable) -> None:
    vocabulary = vocabulary_actors()
    assert len(vocabulary) >= 25
    for canonical, inter in vocabulary.items():
        entry = table.entry(canonical)
        assert entry is not None and entry.canonical == canonical
        assert entry.inter == inter, canonical


def test_actors_data_each_alias_maps_to_one_canonical(table: ActorTable) -> None:
    """A plain or country-context alias is shared by two actors only in disjoint validity windows."""
    plain: dict[str, list[tuple[str, tuple[date, date]]]] = defaultdict(list)
    per_country: dict[tuple[str, str], list[tuple[str, tuple[date, date]]]] = defaultdict(list)
    for entry in table.entries:
        window = _window(entry, None)
        for alias in {entry.canonical, *entry.aliases}:
            plain[alias_key(alias)].append((entry.canonical, window))
        for country, phrases in entry.country_context_aliases:
            for alias in phrases:
                per_country[(country, alias_key(alias))].append((entry.canonical, window))
        for period in entry.periods:
            p_window = _window(entry, period)
            for alias in period.aliases:
                plain[alias_key(alias)].append((entry.canonical, p_window))
            for country, phrases in period.country_context_aliases:
                for alias in phrases:
                    per_country[(country, alias_key(alias))].append((entry.canonical, p_window))
    for key, owners in [*plain.items(), *per_country.items()]:
        by_actor = {name: w for name, w in owners}
        if len(by_actor) < 2:
            continue
        spans = sorted(by_actor.values())
        for (_s1, e1), (s2, _e2) in itertools.pairwise(spans):
            assert e1 < s2, f"alias {key!r} is shared by {sorted(by_actor)} in overlapping windows"


def test_actors_data_every_alias_resolves_through_canonical(table: ActorTable) -> None:
    for entry in table.entries:
        for alias in (entry.canonical, *entry.aliases, *entry.acled_names):
            resolved = table.canonical(alias)
            assert resolved is not None, alias
            if resolved != entry.canonical:  # only time-disjoint sharing is allowed
                other = table.entry(resolved)
                assert other is not None and other.periods, (alias, entry.canonical, resolved)


def test_actors_data_every_alias_is_found_in_text(table: ActorTable) -> None:
    for entry in table.entries:
        for alias in entry.aliases:
            found = table.find(f"Reports said {alias} were involved.")
            assert found and found[0].text == alias, (entry.canonical, alias)


# ───────────────────────────── loading, bounds, speed ─────────────────────────────


def test_actors_load_explicit_path_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "actors.toml"
    good.write_text(
        '[[actor]]\ncanonical = "Test Army"\ninter = 1\nhome = "ZZ"\nkind = "state"\n'
        'aliases = ["test troops"]\nsources = ["unit test"]\n',
        encoding="utf-8",
    )
    small = ActorTable.load(good)
    assert names(small.find("The test troops left.")) == [("test troops", "Test Army")]
    with pytest.raises(ResourceMissing):
        ActorTable.load(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text('[[actor]]\ncanonical = "X"\ninter = 9\nkind = "state"\n', encoding="utf-8")
    with pytest.raises(InputError):
        ActorTable.load(bad)


def test_actors_input_is_bounded(table: ActorTable) -> None:
    with pytest.raises(InputError):
        table.find("a " * (MAX_FIND_CHARS // 2 + 1))
    long_text = "x " * MAX_FIND_CHARS + " ISIS"
    found = table.find(long_text, len(long_text) - 10)
    assert names(found) == [("ISIS", "Islamic State")]


def test_actors_matching_is_fast(table: ActorTable) -> None:
    article = " ".join([SEED] * 14)  # about 600 words
    table.find_in_article(article, country="IQ")
    started = time.perf_counter()
    for _ in range(20):
        table.find_in_article(article, country="IQ")
    per_article = (time.perf_counter() - started) / 20
    assert per_article < 0.02
