"""Extraction behaviour on real sentences: events vs tallies vs nothing, types, figures, actors, claimants."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import sitrep
from sitrep.model import Article, Record
from tests.paths import SEED_ARTICLE

PUB = date(2024, 3, 13)  # a Wednesday


def _records(extractor: Any, text: str, published: date | None = PUB) -> list[Record]:
    article = Article(article_id="t", text=text, source="t", published=published)
    return list(extractor.extract(article).records)


def _events(extractor: Any, text: str) -> list[Record]:
    return [r for r in _records(extractor, text) if r.record_type == "event"]


@pytest.mark.issue(3)
def test_claims_seed_yields_its_four_tallies_and_no_event(extractor: Any, seed_text: str) -> None:
    article = sitrep.iter_articles([str(SEED_ARTICLE)], sitrep.Settings(), published=date(2023, 3, 15))
    (art,) = list(article)
    assert isinstance(art, Article)
    records = list(extractor.extract(art).records)
    assert [r.record_type for r in records] == ["tally"] * 4
    by_count = {(c.what, c.low): r for r in records for c in r.counts}
    assert set(by_count) == {("killed", 24), ("destroyed", 200), ("killed", 156), ("destroyed", 303)}
    dozens = by_count[("killed", 24)]
    assert (dozens.fatalities_low, dozens.fatalities_high) == (24, 99)
    assert dozens.claimant == "Tahsin al-Khafaji (Joint Operations Command spokesman)"
    assert "Iraqi News Agency" in dozens.source
    assert by_count[("destroyed", 200)].claimant == dozens.claimant
    exceeded = by_count[("killed", 156)]
    assert (exceeded.fatalities_low, exceeded.fatalities_high) == (156, None)
    assert by_count[("destroyed", 303)].counts[0].object == "tunnels and guesthouses"
    for r in records:
        assert r.country == "Iraq" and r.iso == 368
        assert r.actor2 == "Islamic State"
        for e in r.evidence:
            assert art.text[e.start:e.end] == e.text


@pytest.mark.issue(5)
def test_claims_seed_periods_come_from_the_words_and_the_publication_date(extractor: Any, seed_text: str) -> None:
    (dated,) = list(sitrep.iter_articles([str(SEED_ARTICLE)], sitrep.Settings(), published=date(2023, 3, 15)))
    (undated,) = list(sitrep.iter_articles([str(SEED_ARTICLE)], sitrep.Settings()))
    assert isinstance(dated, Article) and isinstance(undated, Article)
    assert undated.published is None
    since_start = [r for r in extractor.extract(dated).records if r.counts[0].low in (24, 303)]
    assert [(r.date_start, r.date_end, r.time_precision) for r in since_start] == [
        ("2023-01-01", "2023-03-15", 3)] * 2
    government = next(r for r in extractor.extract(dated).records if r.counts[0].low == 156)
    assert (government.date_start, government.date_end) == (None, "2023-03-15")
    for r in extractor.extract(undated).records:
        assert (r.event_date, r.date_start, r.date_end, r.time_precision) == (None, None, None, None)


@pytest.mark.parametrize("text", [
    "Iraq declared victory over Islamic State in December 2017 after a three-year war.",
    "Islamic State threatened to attack polling stations in Kirkuk during next month's election.",
    "The ministry denied reports that its forces had killed civilians in the raid near Tarmiyah.",
    "Officials warned that Boko Haram could kill dozens if the army withdraws from the town.",
    "Security forces plan to launch an operation in the Hamrin mountains next week.",
    "In December, militants killed three soldiers in a similar attack on a post in the same district.",
    "The cells still carry out sporadic hit-and-run attacks on security forces in the north.",
    "No group claimed responsibility for the blast.",
])
def test_claims_background_threats_plans_denials_are_not_events(extractor: Any, text: str) -> None:
    assert _events(extractor, text) == []


@pytest.mark.parametrize(("text", "sub_event_type", "actor1", "actor2", "fatalities"), [
    ("Gunmen killed four soldiers at a checkpoint near Tarmiyah on Monday, police said.",
     "Armed clash", "Unidentified Armed Group", "Military Forces of Iraq", 4),
    ("Gunmen killed two shepherds near Khanaqin on Monday, police said.",
     "Attack", "Unidentified Armed Group", "Civilians", 2),
    ("A roadside bomb struck an army patrol near Baiji on Tuesday, killing two soldiers, a security source said.",
     "Remote explosive/landmine/IED", "Unidentified Armed Group", "Military Forces of Iraq", 2),
    ("A suicide bomber blew himself up at a funeral near Muqdadiyah on Monday, killing nine mourners and himself.",
     "Suicide bomb", "Unidentified Armed Group", "Civilians", 10),
    ("Iraqi F-16 jets struck Islamic State hideouts in the Hamrin mountains on Sunday, killing four militants.",
     "Air/drone strike", "Military Forces of Iraq", "Islamic State", 4),
    ("Bomb disposal teams defused an explosive device planted under a bridge in Fallujah on Tuesday.",
     "Disrupted weapons use", None, None, None),
    ("Islamic State militants abducted eight truffle hunters near Rutba on Saturday.",
     "Abduction/forced disappearance", "Islamic State", "Civilians", None),
    ("Police arrested 12 suspected Islamic State members in a raid near Tarmiyah on Monday.",
     "Arrests", "Police Forces of Iraq", "Islamic State", None),
    ("Police fired tear gas to disperse hundreds of protesters in Nasiriyah on Monday.",
     "Protest with intervention", "Protesters", "Police Forces of Iraq", None),
])
def test_claims_event_types_and_actors(extractor: Any, text: str, sub_event_type: str, actor1: str | None,
                                       actor2: str | None, fatalities: int | None) -> None:
    (event,) = _events(extractor, text)
    assert event.sub_event_type == sub_event_type
    if actor1 is not None:
        assert event.actor1 == actor1
    if actor2 is not None:
        assert event.actor2 == actor2
    assert event.fatalities == fatalities
    assert event.disorder_type in ("Political violence", "Demonstrations", "Strategic developments")
    assert (event.civilian_targeting == "Civilian targeting") == (event.actor2 == "Civilians")


def test_claims_two_sentences_about_one_incident_make_one_event(extractor: Any) -> None:
    text = ("Islamic State militants ambushed a Peshmerga patrol near Khanaqin late on Tuesday. Three Peshmerga "
            "fighters died in the attack and two were wounded, the Ministry of Peshmerga Affairs said on Wednesday.")
    (event,) = _events(extractor, text)
    assert (event.fatalities, event.injuries, event.event_date) == (3, 2, "2024-03-12")


def test_claims_separate_incidents_in_one_sentence_are_separate_events(extractor: Any) -> None:
    text = ("In Diyala, a roadside bomb wounded two policemen near Baqubah on Monday, and in a separate incident "
            "gunmen killed a shepherd near Khanaqin the same day, police said.")
    events = _events(extractor, text)
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED", "Attack"]
    assert [e.location for e in events] == ["Baqubah", "Khanaqin"]


def test_claims_conflicting_figures_keep_the_range(extractor: Any) -> None:
    text = ("A roadside bomb hit a minibus near Afgoye on Friday. A local official said eight passengers were "
            "killed, but a hospital director told reporters that 11 bodies had been brought in.")
    (event,) = _events(extractor, text)
    assert (event.fatalities_low, event.fatalities, event.fatalities_high) == (8, 8, 11)


@pytest.mark.parametrize(("text", "low", "best", "high"), [
    ("Gunmen killed at least 12 civilians in a village near Mosul on Monday.", 12, 12, None),
    ("More than 20 soldiers were killed when militants attacked a base near Haditha on Monday.", 21, 21, None),
    ("Dozens of people were killed in an air strike on a market near Taiz on Monday.", 24, 24, 99),
    ("A roadside bomb exploded near an army patrol in Balad on Monday. No one was killed.", 0, 0, 0),
])
def test_claims_figures_as_low_best_high(extractor: Any, text: str, low: int, best: int, high: int | None) -> None:
    (event,) = _events(extractor, text)
    assert (event.fatalities_low, event.fatalities, event.fatalities_high) == (low, best, high)


def test_claims_dates_resolve_against_publication_with_precision(extractor: Any) -> None:
    (monday,) = _events(extractor, "Gunmen killed two shepherds near Khanaqin on Monday, police said.")
    assert (monday.event_date, monday.time_precision) == ("2024-03-11", 1)
    (undated,) = _events(extractor, "Gunmen killed two shepherds near Khanaqin, police said.")
    assert (undated.event_date, undated.time_precision) == ("2024-03-13", 2)  # the report's date, ACLED-style
    (none,) = [r for r in _records(extractor, "Gunmen killed two shepherds near Khanaqin on Monday.", None)]
    assert (none.event_date, none.time_precision) == (None, None)


def test_claims_place_of_the_event_not_its_reference_point(extractor: Any) -> None:
    (event,) = _events(extractor, "Gunmen killed four soldiers in Tarmiyah, north of Baghdad, on Monday.")
    assert (event.location, event.admin1, event.geo_precision) == ("Tarmiyah", "Baghdad", 1)
    assert event.latitude is not None and event.longitude is not None


def test_claims_every_evidence_span_slices_the_text(extractor: Any) -> None:
    text = ("KIRKUK, March 12 (Reuters) - Islamic State militants attacked an army checkpoint near Hawija late on "
            "Monday, killing four soldiers and wounding two others, Iraq's Security Media Cell said.")
    records = _records(extractor, text)
    assert records
    fields = {e.field for r in records for e in r.evidence}
    assert {"event_type", "actor1", "actor2", "fatalities", "injuries", "event_date", "location", "claimant"} <= fields
    for r in records:
        for e in r.evidence:
            assert text[e.start:e.end] == e.text and e.text


def test_claims_python_api_extract(gazetteer_path: Any) -> None:
    records = sitrep.extract("Gunmen killed four soldiers near Tarmiyah on Monday.", published="2024-03-13",
                             settings=sitrep.Settings(gazetteer_path=gazetteer_path))
    assert [r.record_type for r in records] == ["event"]
    with pytest.raises(sitrep.InputError):
        sitrep.extract("text", published="last week")


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("On 14 March 2023, ISIS militants attacked an Iraqi army checkpoint in Wadi al-Shay area (Hawija district, "
     "Kirkuk), killing 2 soldiers and injuring 1 other.", None,
     ("2023-03-14", "Armed clash", "Islamic State", "Military Forces of Iraq", "Kirkuk", 2, 1)),
    ("IS killed 3 PMF members in an ambush near Tuz Khurmatu.", date(2023, 3, 20),
     ("2023-03-20", "Armed clash", "Islamic State", "Popular Mobilization Forces", "Salah al-Din", 3, None)),
    ("On 10 January 2023, around 200 people protested in front of the governorate building in Basra city to "
     "demand jobs.", None, ("2023-01-10", "Peaceful protest", "Protesters", "", "Basra", None, None)),
    ("03/14/2023: Assailants opened fire on a checkpoint in Tarmiyah, Baghdad, Iraq. At least two soldiers were "
     "killed and three others were injured in the attack.", None,
     ("2023-03-14", "Armed clash", "Unidentified Armed Group", "Military Forces of Iraq", "Baghdad", 2, 3)),
])
def test_claims_database_note_styles(extractor: Any, text: str, published: date | None,
                                     expected: tuple[Any, ...]) -> None:
    """Short incident summaries in the style public conflict databases write them."""
    (event,) = [r for r in _records(extractor, text, published) if r.record_type == "event"]
    assert (event.event_date, event.sub_event_type, event.actor1, event.actor2, event.admin1, event.fatalities,
            event.injuries) == expected


def test_claims_one_sentence_several_towns_gives_one_event_per_town(extractor: Any) -> None:
    text = ("Demonstrations over electricity shortages took place on Monday in Basra and Amarah and ended without "
            "incident, according to local officials.")
    events = _events(extractor, text)
    assert sorted(e.admin1 for e in events) == ["Basra", "Maysan"]
    assert {(e.sub_event_type, e.fatalities, e.event_date) for e in events} == {("Peaceful protest", 0, "2024-03-11")}
    assert len({e.event_id_cnty for e in events}) == 2


@pytest.mark.parametrize(("text", "actor2"), [
    ("A car bomb exploded near a busy market in Tuz Khurmatu on Saturday, killing three people.", "Civilians"),
    ("Unknown gunmen shot dead a lawyer outside his home in Amarah on Monday, police said.", "Civilians"),
    ("A roadside bomb killed four militants near Baiji on Monday.", ""),
])
def test_claims_unnamed_victims_are_civilians_unless_fighters(extractor: Any, text: str, actor2: str) -> None:
    (event,) = _events(extractor, text)
    assert event.actor2 == actor2
    assert (event.civilian_targeting == "Civilian targeting") == (actor2 == "Civilians")


def test_claims_excessive_force_puts_the_force_first(extractor: Any) -> None:
    text = ("Security forces opened fire with live ammunition on protesters in Nasiriyah on Monday, killing two "
            "demonstrators, medical sources said.")
    (event,) = _events(extractor, text)
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Excessive force against protesters", "Military Forces of Iraq", "Protesters")


def test_claims_responsibility_names_the_perpetrator_and_adds_no_event(extractor: Any) -> None:
    text = ("At least five Iraqi soldiers were killed in an attack on an army position in Tarmiyah late on Monday, "
            "an army officer said.\n\nIslamic State claimed responsibility for the attack in a statement on its "
            "Amaq channel on Tuesday.")
    (event,) = _events(extractor, text)
    assert (event.actor1, event.event_date, event.fatalities) == ("Islamic State", "2024-03-11", 5)


def test_claims_arrests_and_a_clash_in_one_report_are_two_events(extractor: Any) -> None:
    text = ("On 9 December 2023, Israeli forces raided Jenin refugee camp and arrested 15 Palestinians. Clashes with "
            "armed men followed; 2 Palestinian militants were killed.")
    events = [r for r in _records(extractor, text, None) if r.record_type == "event"]
    assert [(e.sub_event_type, e.event_date, e.fatalities) for e in events] == [
        ("Arrests", "2023-12-09", None), ("Armed clash", "2023-12-09", 2)]
