"""Disambiguation, geo_precision and the choice of the event place."""

from __future__ import annotations

import pytest

from sitrep.model import Place, Span
from sitrep.resolve.geo.gazetteer import Gazetteer, build_gazetteer
from sitrep.resolve.geo.rank import Geocoder

REGION = ("IQ", "SY", "LB", "LY", "JO", "TR", "IR", "US")


@pytest.fixture(scope="session")
def geocoder(tmp_path_factory: pytest.TempPathFactory) -> Geocoder:
    path = tmp_path_factory.getbasetemp() / "sitrep-geo" / "gazetteer.sqlite"
    if not path.exists():
        build_gazetteer(path, REGION)
    return Geocoder(Gazetteer(path))


# sentence → (event location, admin1, country, geo_precision)
CASES = [
    ("Gunmen attacked a checkpoint in Tarmiyah, north of Baghdad.", ("Tarmiyah", "Baghdad", "Iraq", 1)),
    ("A roadside bomb exploded 30 km south of Kirkuk.", ("Kirkuk", "Kirkuk", "Iraq", 2)),
    ("Clashes broke out in Hit, in Anbar province.", ("Hit", "Anbar", "Iraq", 1)),
    ("Hit by a roadside bomb, the convoy stopped near Ramadi.", ("Ramadi", "Anbar", "Iraq", 2)),
    ("Militants attacked a village outside Tall Afar.", ("Tal Afar", "Nineveh", "Iraq", 2)),
    ("An airstrike hit Telafer on Monday.", ("Tal Afar", "Nineveh", "Iraq", 1)),
    ("ISIS fighters attacked an army post in Tal Afar.", ("Tal Afar", "Nineveh", "Iraq", 1)),
    ("Police in Baquba said two people were killed.", ("Baqubah", "Diyala", "Iraq", 1)),
    ("A bomb went off in a market in Baqubah.", ("Baqubah", "Diyala", "Iraq", 1)),
    ("Fighting in Falluja continued for a third day.", ("Fallujah", "Anbar", "Iraq", 1)),
    ("Security forces arrested five suspects in Fallujah.", ("Fallujah", "Anbar", "Iraq", 1)),
    ("A car bomb in Ar Ramadi killed three soldiers.", ("Ramadi", "Anbar", "Iraq", 1)),
    ("Snipers killed a policeman in Ramadi.", ("Ramadi", "Anbar", "Iraq", 1)),
    ("Protesters gathered in Al Mawsil.", ("Mosul", "Nineveh", "Iraq", 1)),
    ("Shelling on the outskirts of Mosul killed a child.", ("Mosul", "Nineveh", "Iraq", 2)),
    (
        "Clashes in Tripoli left two dead, the Lebanese army said, as tensions rose across northern Lebanon.",
        ("Tripoli", None, "Lebanon", 1),
    ),
    ("Militias fought in Tripoli, the Libyan capital, on Friday.", ("Tripoli", None, "Libya", 1)),
    (
        "The Baghdad-based commander said ISIS attacked Tuz Khurmatu.",
        ("Tuz Khurmatu", "Salah al-Din", "Iraq", 1),
    ),
    (
        "The Nineveh Operations Command said militants attacked a village near Sinjar.",
        ("Sinjar", "Nineveh", "Iraq", 2),
    ),
    ("Two soldiers were killed in Jalawla, in Diyala province.", ("Jalawla", "Diyala", "Iraq", 1)),
    (
        "Turkish drones struck positions on Mount Matin in Duhok governorate.",
        ("Mount Matin", "Dohuk", "Iraq", 3),
    ),
    (
        "ISIS cells attacked shepherds in Wadi al-Shay, southwest of Kirkuk.",
        ("Wadi al-Shay", "Kirkuk", "Iraq", 3),
    ),
    (
        "Iraqi aircraft bombed ISIS hideouts in the Hamrin mountains.",
        ("Hamrin Mountains", "Salah al-Din", "Iraq", 3),
    ),
    ("Peshmerga forces repelled an attack near Makhmour.", ("Makhmour", "Erbil", "Iraq", 2)),
    ("An IED killed two soldiers in the Qarachogh mountains.", ("Qarachogh Mountain", "Erbil", "Iraq", 3)),
    ("A mortar round landed in Amerli, south of Tuz Khurmatu.", ("Amerli", "Salah al-Din", "Iraq", 1)),
    ("Gunmen opened fire in Muqdadiyah, northeast of Baquba.", ("Muqdadiyah", "Diyala", "Iraq", 1)),
    (
        "US troops at Ain al-Asad air base came under rocket fire.",
        ("Ain al-Asad Air Base", "Anbar", "Iraq", 2),
    ),
    ("Regime forces clashed with ISIS in the Badia near Sukhnah.", ("Sukhnah", "Homs", "Syria", 2)),
    ("A car bomb exploded in Manbij.", ("Manbij", "Aleppo", "Syria", 1)),
    ("Turkish shelling hit Kobani overnight.", ("Kobani", "Aleppo", "Syria", 1)),
    ("Fighting in Deir ez-Zor province killed six.", ("Deir ez-Zor", "Deir ez-Zor", "Syria", 3)),
    ("ISIS remnants hide in the Anbar desert.", ("Anbar Desert", "Anbar", "Iraq", 3)),
    ("Security forces cleared the western regions of Nineveh.", ("Nineveh", "Nineveh", "Iraq", 3)),
    ("A bomb exploded in Sadr City, Baghdad.", ("Sadr City", "Baghdad", "Iraq", 1)),
    ("Airstrikes targeted ISIS near Lake Tharthar.", ("Lake Tharthar", "Anbar", "Iraq", 3)),
    ("Clashes erupted in Sinjar district.", ("Sinjar", "Nineveh", "Iraq", 2)),
    ("A drone struck a car in Qamishli.", ("Al Qamishli", "Hasakah", "Syria", 1)),
    ("Iraqi forces killed militants in Wadi Houran in western Anbar.", ("Wadi Hauran", "Anbar", "Iraq", 3)),
    (
        "Kurdish officials in Erbil condemned a drone attack on Harir air base.",
        ("Harir Air Base", "Erbil", "Iraq", 2),
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_rank_event_place_in_short_sentences(
    geocoder: Geocoder, sentence: str, expected: tuple[str, str | None, str, int]
) -> None:
    places = geocoder.places_in(sentence)
    ev = geocoder.event_place(places, sentence, 0)
    assert ev is not None, [p.name for p in places]
    name, admin1, country, precision = expected
    assert (ev.name, ev.country, ev.geo_precision) == (name, country, precision)
    if admin1 is not None:
        assert ev.admin1 == admin1


def test_rank_spellings_resolve_to_the_same_place(geocoder: Geocoder) -> None:
    groups = [
        ("Tal Afar", "Tall Afar", "Telafer"),
        ("Baqubah", "Baquba"),
        ("Fallujah", "Falluja"),
        ("Ramadi", "Ar Ramadi"),
        ("Mosul", "Al Mawsil"),
    ]
    for group in groups:
        ids = {geocoder.places_in(f"Fighting was reported in {n}.", country_hint="IQ")[0].geonameid for n in group}
        assert len(ids) == 1 and None not in ids, group


def test_rank_country_hint_beats_population(geocoder: Geocoder) -> None:
    lb = geocoder.places_in("Gunmen fired shots in Tripoli.", country_hint="LB")
    ly = geocoder.places_in("Gunmen fired shots in Tripoli.", country_hint="LY")
    assert lb[0].country == "Lebanon" and ly[0].country == "Libya"


def test_rank_article_country_counts_places_and_demonyms(geocoder: Geocoder) -> None:
    assert geocoder.article_country("Clashes in Raqqa and Hasakah; Syrian forces said.") == "SY"
    assert geocoder.article_country("Iraqi forces raided Tarmiyah and Baiji.") == "IQ"
    assert geocoder.article_country("Nothing here names a place.") is None


def test_rank_places_carry_contract_fields(geocoder: Geocoder) -> None:
    text = "A bomb exploded in Kirkuk."
    (p,) = geocoder.places_in(text)
    assert p.span.slice(text) == "Kirkuk"
    assert p.geonameid is not None and p.feature_class == "P"
    assert (p.country, p.iso, p.admin1) == ("Iraq", 368, "Kirkuk")
    assert p.latitude == pytest.approx(35.47, abs=0.1) and p.longitude == pytest.approx(44.39, abs=0.1)


def test_rank_event_place_skips_parents_origins_and_other_sentences(geocoder: Geocoder) -> None:
    text = "Officials in Baghdad spoke. Gunmen from Mosul attacked a checkpoint in Hawija, in Kirkuk province."
    places = geocoder.places_in(text)
    s_start = text.index("Gunmen")
    ev = geocoder.event_place(places, text[s_start:], s_start)
    assert ev is not None and ev.name == "Hawija" and ev.admin1 == "Kirkuk"
    assert geocoder.event_place(places, "No place.", len(text) + 5) is None


def test_rank_event_place_prefers_precise_and_locative(geocoder: Geocoder) -> None:
    s = "In Diyala province, gunmen attacked Abbara village."
    ev = geocoder.event_place(geocoder.places_in(s, country_hint="IQ"), s, 0)
    assert ev is not None and ev.name == "Abbara"
    hand = [
        Place(name="Iraq", span=Span(0, 4), feature_class="A", feature_code="PCLI", geo_precision=3),
        Place(name="Mosul", span=Span(30, 35), feature_class="P", feature_code="PPL", admin1="Nineveh",
              geo_precision=1),
    ]  # fmt: skip
    sentence = "Iraq said the bomb went off in Mosul."
    assert geocoder.event_place(hand, sentence, 0) == hand[1]
