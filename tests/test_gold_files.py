"""Checks on the hand-coded gold files: the bundled example articles and the hard-case set.

These files are the yardstick the extractor is measured against, so they must be internally consistent:
valid JSON, texts identical to the bundled article files, canonical actor names, valid ACLED
event-type pairs, ISO dates in order, places inside their country. Standard library + pytest only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.paths import vocabulary_actors

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "sitrep" / "data" / "examples"
EXAMPLES_GOLD = ROOT / "src" / "sitrep" / "data" / "examples_gold.jsonl"
EXAMPLE_ARTICLES = EXAMPLES / "articles.jsonl"
HARD_CASES = ROOT / "tests" / "data" / "hard_cases.jsonl"

# Canonical actors and their ACLED inter code (notes/vocabulary.md).
ACTORS: dict[str, int] = vocabulary_actors()
STATE_HOME = {
    "Military Forces of Iraq": "Iraq",
    "Police Forces of Iraq": "Iraq",
    "Popular Mobilization Forces": "Iraq",
    "Peshmerga": "Iraq",
    "Military Forces of Syria": "Syria",
    "Military Forces of Turkey": "Turkey",
    "Military Forces of the United States": "United States",
    "Military Forces of Israel": "Israel",
}
TALIBAN_IN_POWER = "2021-08-15"

TAXONOMY: dict[str, tuple[str, str]] = {}
for _disorder, _event_type, _subs in [
    (
        "Political violence",
        "Battles",
        ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    ),
    (
        "Political violence",
        "Explosions/Remote violence",
        [
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ],
    ),
    (
        "Political violence",
        "Violence against civilians",
        ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    ),
    (
        "Demonstrations",
        "Protests",
        ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    ),
    ("Demonstrations", "Riots", ["Violent demonstration", "Mob violence"]),
    (
        "Strategic developments",
        "Strategic developments",
        [
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ],
    ),
]:
    for _sub in _subs:
        TAXONOMY[_sub] = (_disorder, _event_type)

ADMIN1 = {
    "Iraq": {
        "Anbar",
        "Babil",
        "Baghdad",
        "Basra",
        "Dohuk",
        "Dhi Qar",
        "Diyala",
        "Erbil",
        "Halabja",
        "Karbala",
        "Kirkuk",
        "Maysan",
        "Muthanna",
        "Najaf",
        "Nineveh",
        "Qadisiyah",
        "Salah al-Din",
        "Sulaymaniyah",
        "Wasit",
    },
    "Syria": {
        "Aleppo",
        "Damascus",
        "Daraa",
        "Deir ez-Zor",
        "Hama",
        "Hasakah",
        "Homs",
        "Idlib",
        "Latakia",
        "Quneitra",
        "Raqqa",
        "Rif Dimashq",
        "Suwayda",
        "Tartus",
    },
}
# ISO 3166-1 numeric code and a rough bounding box (lat_min, lat_max, lon_min, lon_max).
COUNTRIES: dict[str, tuple[int, tuple[float, float, float, float]]] = {
    "Iraq": (368, (29.0, 37.5, 38.7, 48.7)),
    "Syria": (760, (32.3, 37.4, 35.7, 42.4)),
    "Somalia": (706, (-1.7, 12.0, 40.9, 51.5)),
    "Nigeria": (566, (4.2, 13.9, 2.6, 14.7)),
    "Afghanistan": (4, (29.3, 38.5, 60.5, 75.0)),
    "Pakistan": (586, (23.6, 37.1, 60.8, 77.9)),
    "Yemen": (887, (12.1, 19.0, 42.5, 54.6)),
    "Turkey": (792, (35.8, 42.2, 25.6, 44.9)),
}

CONTRACT_FIELDS = {
    "event_id_cnty",
    "record_type",
    "event_date",
    "date_start",
    "date_end",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "inter1",
    "inter2",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "geonameid",
    "source",
    "claimant",
    "notes",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "injuries",
    "injuries_low",
    "injuries_high",
    "counts",
    "article_ids",
    "evidence",
    "confidence",
}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
RELATIVE_DAY = re.compile(r"\b(yesterday|last night)\b", re.I)
EXAMPLE_NAME = re.compile(r"^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")


def _load(path: Path) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{path.name}:{n}: blank line"
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:  # pragma: no cover - the assertion message is the point
            pytest.fail(f"{path.name}:{n}: not JSON: {exc}")
    return rows


def _all_rows() -> list[tuple[str, dict[str, Any]]]:
    return [(f"{p.name}:{row['id']}", row) for p in (EXAMPLES_GOLD, HARD_CASES) for row in _load(p)]


def _records() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    return [(where, row, rec) for where, row in _all_rows() for rec in row["gold"]]


def _date(value: Any, where: str) -> dt.date:
    assert isinstance(value, str) and ISO_DATE.match(value), f"{where}: not an ISO date: {value!r}"
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pytest.fail(f"{where}: not a calendar date: {value!r}")


def test_gold_files_lines_parse_as_json_with_required_keys() -> None:
    for path, dataset in ((EXAMPLES_GOLD, "sitrep-examples"), (HARD_CASES, "sitrep-hard-cases")):
        rows = _load(path)
        assert rows, path
        ids = [r["id"] for r in rows]
        assert len(ids) == len(set(ids)), f"{path.name}: duplicate ids"
        for row in rows:
            for key in ("id", "text", "published", "source_dataset", "gold"):
                assert key in row, f"{path.name}:{row.get('id')}: missing {key}"
            assert row["source_dataset"] == dataset
            assert isinstance(row["text"], str) and row["text"].strip()
            assert isinstance(row["gold"], list)
            _date(row["published"], row["id"])
            for rec in row["gold"]:
                assert isinstance(rec, dict)


def test_gold_files_article_text_matches_file() -> None:
    """The bundled articles (what `sitrep run --examples` reads) are exactly the texts the gold codes."""
    articles = _load(EXAMPLE_ARTICLES)
    assert len(articles) == 10
    assert sorted(EXAMPLES.iterdir()) == [EXAMPLE_ARTICLES]
    rows = {r["id"]: r for r in _load(EXAMPLES_GOLD)}
    assert sorted(rows) == sorted(a["id"] for a in articles)
    for article in articles:
        assert EXAMPLE_NAME.match(article["id"]), article["id"]
        row = rows[article["id"]]
        assert row["text"] == article["text"], f"{article['id']}: text differs from the gold"
        assert row["published"] == article["published"]


def test_gold_files_articles_are_wire_copy_shaped() -> None:
    for article in _load(EXAMPLE_ARTICLES):
        text = article["text"]
        lines = text.splitlines()
        assert lines[0].strip() and not lines[1].strip(), f"{article['id']}: title line then a blank line"
        words = len(text.split())
        assert 150 <= words <= 450, f"{article['id']}: {words} words"


def test_gold_files_example_set_covers_the_brief() -> None:
    rows = _load(EXAMPLES_GOLD)
    subs = {rec.get("sub_event_type") for r in rows for rec in r["gold"]}
    for needed in (
        "Armed clash",
        "Remote explosive/landmine/IED",
        "Air/drone strike",
        "Abduction/forced disappearance",
        "Arrests",
    ):
        assert needed in subs, needed
    assert subs & {"Peaceful protest", "Protest with intervention"}
    assert any(r["gold"] and all(rec["record_type"] == "tally" for rec in r["gold"]) for r in rows)
    assert any(r["gold"] == [] for r in rows)


def test_gold_files_hard_cases_are_enough_and_short() -> None:
    rows = _load(HARD_CASES)
    assert len(rows) >= 70
    for n, row in enumerate(rows, 1):
        assert row["id"] == f"hc-{n:03d}"
        assert isinstance(row.get("case"), str) and row["case"].strip(), row["id"]
        sentences = len(re.findall(r"[.!?](?=\s+[A-Z']|\s*$)", row["text"].strip()))
        assert 1 <= sentences <= 4, f"{row['id']}: {sentences} sentences"
    kinds = {rec["record_type"] for row in rows for rec in row["gold"]}
    assert kinds == {"event", "tally"}
    assert sum(1 for row in rows if not row["gold"]) >= 5
    assert sum(1 for row in rows if len(row["gold"]) > 1) >= 3


def test_gold_files_records_use_contract_fields() -> None:
    for where, _row, rec in _records():
        unknown = set(rec) - CONTRACT_FIELDS
        assert not unknown, f"{where}: fields outside the output contract: {unknown}"
        assert rec.get("record_type") in ("event", "tally"), where
        if "civilian_targeting" in rec:
            assert rec["civilian_targeting"] in ("Civilian targeting", ""), where


def test_gold_files_actor_names_are_canonical() -> None:
    for where, _row, rec in _records():
        for field in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
            if field in rec:
                assert rec[field] == "" or rec[field] in ACTORS, f"{where}: {field} {rec[field]!r}"
        for actor_field, inter_field in (("actor1", "inter1"), ("actor2", "inter2")):
            actor = rec.get(actor_field)
            if not actor:
                assert inter_field not in rec or rec[inter_field] is None, where
                continue
            assert inter_field in rec, f"{where}: {actor_field} without {inter_field}"
            inter = rec[inter_field]
            if actor == "Taliban":
                date = rec.get("event_date") or rec.get("date_end") or ""
                expected = 1 if rec.get("country") == "Afghanistan" and date >= TALIBAN_IN_POWER else 2
            elif actor in STATE_HOME and rec.get("country") and rec["country"] != STATE_HOME[actor]:
                expected = 8
            else:
                expected = ACTORS[actor]
            assert inter == expected, f"{where}: {actor} inter {inter}, expected {expected}"


def test_gold_files_actor_list_matches_vocabulary_notes() -> None:
    assert len(ACTORS) >= 25 and ACTORS["Islamic State"] == 2 and ACTORS["Civilians"] == 7


def test_gold_files_event_types_are_valid_acled_pairs() -> None:
    for where, _row, rec in _records():
        if rec["record_type"] == "event":
            for field in ("disorder_type", "event_type", "sub_event_type"):
                assert field in rec, f"{where}: event without {field}"
        if "sub_event_type" in rec:
            sub = rec["sub_event_type"]
            assert sub in TAXONOMY, f"{where}: unknown sub_event_type {sub!r}"
            disorder, event_type = TAXONOMY[sub]
            assert rec.get("event_type") == event_type, f"{where}: {sub} is not a {rec.get('event_type')}"
            assert rec.get("disorder_type") == disorder, where
        if rec.get("event_type") == "Violence against civilians":
            assert rec.get("civilian_targeting") == "Civilian targeting", where


def test_gold_files_dates_are_iso_and_ordered() -> None:
    for where, row, rec in _records():
        published = _date(row["published"], where)
        for field in ("event_date", "date_start", "date_end"):
            if rec.get(field) is not None:
                assert _date(rec[field], where) <= published, f"{where}: {field} after publication"
        if rec.get("date_start") and rec.get("date_end"):
            start, end = _date(rec["date_start"], where), _date(rec["date_end"], where)
            assert start <= end, where
            if rec.get("event_date"):
                assert start <= _date(rec["event_date"], where) <= end, where
        if rec["record_type"] == "event":
            assert rec.get("time_precision") in (1, 2, 3), where
            assert rec.get("date_start") and rec.get("date_end"), where
            if rec["time_precision"] == 1:
                assert rec.get("event_date") == rec["date_start"] == rec["date_end"], where
        else:
            assert rec.get("date_start") and rec.get("date_end"), f"{where}: tally without its period"
            if rec.get("event_date"):
                assert rec["event_date"] == rec["date_end"], where


def test_gold_files_weekday_phrases_resolve_to_the_event_date() -> None:
    for where, row, rec in _records():
        if rec["record_type"] != "event" or rec.get("time_precision") != 1:
            continue
        named = {d for d in WEEKDAYS if re.search(rf"\b{d}\b", row["text"])}
        date = _date(rec["event_date"], where)
        if (
            not named
            or RELATIVE_DAY.search(row["text"])
            or date.strftime("%B ") + str(date.day) in row["text"]
        ):
            continue
        weekday = WEEKDAYS[date.weekday()]
        assert weekday in named, (
            f"{where}: {rec['event_date']} is a {weekday}, the text names {sorted(named)}"
        )


def test_gold_files_places_are_consistent() -> None:
    for where, _row, rec in _records():
        country = rec.get("country")
        if rec["record_type"] == "event":
            assert country and rec.get("admin1") and rec.get("location"), f"{where}: event without a place"
        if not country:
            assert "iso" not in rec and "admin1" not in rec, where
            continue
        assert country in COUNTRIES, f"{where}: unknown country {country!r}"
        iso, (lat0, lat1, lon0, lon1) = COUNTRIES[country]
        assert rec.get("iso") == iso, f"{where}: iso {rec.get('iso')} for {country}"
        if country in ADMIN1 and "admin1" in rec:
            assert rec["admin1"] in ADMIN1[country], f"{where}: admin1 {rec['admin1']!r}"
        if "latitude" in rec or "longitude" in rec:
            lat, lon = rec["latitude"], rec["longitude"]
            assert lat0 <= lat <= lat1 and lon0 <= lon <= lon1, f"{where}: ({lat}, {lon}) not in {country}"
            assert round(lat, 2) == lat and round(lon, 2) == lon, where
        if "geo_precision" in rec:
            assert rec["geo_precision"] in (1, 2, 3), where
            if rec["geo_precision"] in (1, 2):
                assert "latitude" in rec, f"{where}: a town-level place needs coordinates"


def _check_range(where: str, low: Any, best: Any, high: Any) -> None:
    for v in (low, best, high):
        assert v is None or (isinstance(v, int) and not isinstance(v, bool) and v >= 0), f"{where}: {v!r}"
    present = [v for v in (low, best, high) if v is not None]
    assert present == sorted(present), f"{where}: low/best/high out of order: {low}, {best}, {high}"


def test_gold_files_figures_are_consistent() -> None:
    for where, _row, rec in _records():
        for stem in ("fatalities", "injuries"):
            _check_range(where, rec.get(f"{stem}_low"), rec.get(stem), rec.get(f"{stem}_high"))
        for c in rec.get("counts", []):
            assert set(c) <= {"what", "object", "low", "best", "high"}, where
            assert c.get("what") and c.get("object"), f"{where}: count without what/object"
            assert {"low", "best", "high"} & set(c), f"{where}: count without a figure"
            _check_range(where, c.get("low"), c.get("best"), c.get("high"))
        if rec["record_type"] == "tally":
            assert rec.get("counts"), f"{where}: a tally rests on its counts"
            assert "sub_event_type" not in rec, f"{where}: a tally is not an event"
