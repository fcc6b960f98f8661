"""Place recognition on raw text: the seed article's six places, false positives, bounds."""

from __future__ import annotations

import pytest

from sitrep.resolve.geo.gazetteer import Gazetteer, build_gazetteer
from sitrep.resolve.geo.rank import Geocoder
from sitrep.resolve.geo.recognize import MAX_TEXT_CHARS, find_place_mentions
from tests.paths import SEED_ARTICLE

REGION = ("IQ", "SY", "LB", "LY", "JO", "TR", "IR", "US")
assert SEED_ARTICLE.exists(), f"the seed article is missing: {SEED_ARTICLE} (shared/ must sit beside the repo)"
SEED_TEXT = SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = tmp_path_factory.getbasetemp() / "sitrep-geo" / "gazetteer.sqlite"
    if not path.exists():
        build_gazetteer(path, REGION)
    return Gazetteer(path)


# The six seed places. Hamrin range: centroid admin1 Salah al-Din (the range also crosses Kirkuk
# and Diyala); Wadi al-Shay and Wadi Zaytoun: southern Kirkuk, toward Salah al-Din.
SEED_EXPECTED = {
    "Hamrin mountain range": ("Hamrin Mountains", "T", {"Salah al-Din", "Diyala"}),
    "Lake Hamrin": ("Lake Hamrin", "H", {"Diyala"}),
    "Wadi al-Shay": ("Wadi al-Shay", "H", {"Kirkuk", "Salah al-Din"}),
    "Wadi Zaytoun": ("Wadi Zaytoun", "H", {"Kirkuk", "Salah al-Din"}),
    "Anbar desert": ("Anbar Desert", "T", {"Anbar"}),
    "Nineveh": ("Nineveh", "A", {"Nineveh"}),
}


def test_recognize_seed_finds_all_six_places_with_admin1_and_precision(gaz: Gazetteer) -> None:
    places = Geocoder(gaz).places_in(SEED_TEXT)
    by_text = {p.span.slice(SEED_TEXT): p for p in places}
    for surface, (name, fclass, admin1s) in SEED_EXPECTED.items():
        assert surface in by_text, (surface, sorted(by_text))
        p = by_text[surface]
        assert p.name == name
        assert p.feature_class == fclass
        assert p.admin1 in admin1s
        assert p.geo_precision == 3
        assert p.country == "Iraq" and p.iso == 368
        assert p.latitude is not None and 29 < p.latitude < 38
        assert p.longitude is not None and 38 < p.longitude < 49


def test_recognize_seed_has_no_false_positives(gaz: Gazetteer) -> None:
    found = {m.text for m in find_place_mentions(SEED_TEXT, gaz, country_hint="IQ")}
    assert found <= {*SEED_EXPECTED, "Iraq"}, found - {*SEED_EXPECTED, "Iraq"}


def test_recognize_seed_article_country_is_iraq(gaz: Gazetteer) -> None:
    assert Geocoder(gaz).article_country(SEED_TEXT) == "IQ"


def test_recognize_spans_index_the_text(gaz: Gazetteer) -> None:
    text = "Intro. " + SEED_TEXT
    for m in find_place_mentions(text, gaz, start=7):
        assert text[m.span.start : m.span.end] == m.text


def test_recognize_respects_start_and_end(gaz: Gazetteer) -> None:
    text = "Clashes in Mosul. Then a bomb in Kirkuk."
    assert [m.text for m in find_place_mentions(text, gaz, 0, 17)] == ["Mosul"]
    assert [m.text for m in find_place_mentions(text, gaz, 17)] == ["Kirkuk"]


@pytest.mark.parametrize(
    "text",
    [
        "Major General Tahsin al-Khafaji said on Monday.",
        "Iraqi expert Ali Al-Baydar told Sky News Arabia.",
        "Hit by a roadside bomb, the convoy stopped.",
        "Security sources said the Joint Operations Command met in May.",
        "The Islamic State claimed it.",
        "Source » easternherald",
    ],
)
def test_recognize_common_words_and_people_are_not_places(gaz: Gazetteer, text: str) -> None:
    assert find_place_mentions(text, gaz, country_hint="IQ") == []


def test_recognize_feature_words_and_admin_suffixes(gaz: Gazetteer) -> None:
    text = "Raids in Diyala Governorate, Anbar province and the Hamrin mountains."
    ms = {m.text: m for m in find_place_mentions(text, gaz, country_hint="IQ")}
    assert ms["Diyala Governorate"].feature_hint == "A"
    assert all(c.is_admin1 for c in ms["Anbar province"].candidates)
    assert ms["Hamrin mountains"].candidates[0].feature_class == "T"


def test_recognize_marks_organisation_and_origin_roles(gaz: Gazetteer) -> None:
    text = "The Nineveh Operations Command and a Baghdad-based official said gunmen from Mosul fled."
    roles = {m.text: m.role for m in find_place_mentions(text, gaz, country_hint="IQ")}
    assert roles == {"Nineveh": "org", "Baghdad": "origin", "Mosul": "origin"}


def test_recognize_relative_locations(gaz: Gazetteer) -> None:
    text = "A bomb exploded 30 km south of Kirkuk and on the outskirts of Mosul, near Tikrit."
    rel = {m.text: m.relation for m in find_place_mentions(text, gaz, country_hint="IQ")}
    assert rel == {"Kirkuk": "distance", "Mosul": "outskirts", "Tikrit": "near"}


def test_recognize_bounds_input(gaz: Gazetteer) -> None:
    text = "Clashes in Mosul. " * ((MAX_TEXT_CHARS // 18) + 500)
    ms = find_place_mentions(text, gaz, country_hint="IQ")
    assert ms and max(m.span.end for m in ms) <= MAX_TEXT_CHARS


NEWS = (
    "BAGHDAD (Reuters) - Prime Minister Mohammed Shia al-Sudani on Monday ordered an investigation after a "
    "drone attack on the Ain al-Asad air base in western Anbar, a government spokesman said. The Islamic "
    "Resistance in Iraq claimed the attack in a statement on Telegram.\n\nWashington condemned the strike. "
    "White House spokesman John Kirby told reporters that President Joe Biden had been briefed.\n\n"
    "Separately, the Kurdistan Regional Government said Turkish warplanes bombed villages in the Amedi "
    "district of Duhok province, killing a shepherd, near Mount Gara.\n\nIn Kirkuk, police arrested three "
    "suspects. Victoria Taylor, a senior fellow at the Atlantic Council, said the attacks could escalate. "
    '"Iraq cannot afford this," said Hamdi Malik of the Washington Institute. Al Jazeera and AFP '
    "contributed reporting. Editing by Jordan Smith and Paris Chen."
)


def test_recognize_news_boilerplate_people_and_outlets_are_not_places(gaz: Gazetteer) -> None:
    found = {m.text for m in find_place_mentions(NEWS, gaz, country_hint="IQ")}
    assert {"BAGHDAD", "Ain al-Asad air base", "Anbar", "Amedi district", "Duhok province", "Mount Gara"} <= found
    assert "Kirkuk" in found
    for word in ("In", "Victoria", "Atlantic", "Jordan", "Paris", "Chen", "White House", "Al Jazeera", "Joe"):
        assert word not in found, word


def test_recognize_curated_district_name_corrects_package_data(gaz: Gazetteer) -> None:
    places = Geocoder(gaz).places_in(NEWS)
    amedi = next(p for p in places if p.span.slice(NEWS) == "Amedi district")
    assert (amedi.name, amedi.admin1, amedi.geo_precision) == ("Amedi District", "Dohuk", 2)
