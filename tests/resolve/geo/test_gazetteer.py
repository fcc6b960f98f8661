"""Gazetteer build, lookup, admin1 canonical names, curated data and GeoNames dump import."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

import sitrep.resolve.geo.gazetteer as gz
from sitrep.errors import ResourceMissing
from sitrep.resolve.geo.gazetteer import Gazetteer, build_gazetteer, import_geonames, open_gazetteer

REGION = ("IQ", "SY", "LB", "LY", "JO", "TR", "IR", "US")
PLACES_CSV = Path(gz.__file__).resolve().parents[2] / "data" / "places.csv"


@pytest.fixture(scope="session")
def gaz_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One regional gazetteer per test session (shared by the geo test modules via basetemp)."""
    path = tmp_path_factory.getbasetemp() / "sitrep-geo" / "gazetteer.sqlite"
    if not path.exists():
        build_gazetteer(path, REGION)
    return path


@pytest.fixture(scope="session")
def gaz(gaz_path: Path) -> Gazetteer:
    return Gazetteer(gaz_path)


def test_gazetteer_build_small_country_set_is_fast(tmp_path: Path) -> None:
    path = tmp_path / "iq.sqlite"
    path.write_bytes(b"not a database")  # replaced atomically
    t0 = time.perf_counter()
    assert build_gazetteer(path, ["IQ"]) == path
    elapsed = time.perf_counter() - t0
    assert elapsed < 20
    assert not list(tmp_path.glob("*.tmp*"))
    g = Gazetteer(path)
    assert g.meta["countries"] == "IQ"
    assert int(g.meta["cities"]) > 100
    assert g.lookup("Mosul")[0].country_iso2 == "IQ"
    assert g.lookup("Aleppo") == []  # Syria left out of this build (the country name stays)
    assert g.lookup("Syria")[0].is_country


def test_gazetteer_lookup_alternate_names(gaz: Gazetteer) -> None:
    assert gaz.lookup("Al Mawsil")[0].name == "Mosul"
    assert gaz.lookup("Telafer")[0].name == "Tal Afar"
    assert gaz.lookup("Tall Afar")[0].admin1 == "Nineveh"
    assert gaz.lookup("Baquba")[0].admin1 == "Diyala"
    assert gaz.lookup("Falluja")[0].admin1 == "Anbar"
    assert gaz.lookup("Makhmour")[0].geonameid == 93818
    assert gaz.lookup("Jalula")[0].admin1 == "Diyala"


def test_gazetteer_lookup_country_filter_and_codes(gaz: Gazetteer) -> None:
    tripoli = {c.country_iso2 for c in gaz.lookup("Tripoli")}
    assert {"LB", "LY"} <= tripoli
    assert {c.country_iso2 for c in gaz.lookup("Tripoli", "LB")} == {"LB"}
    iraq = gaz.country("IQ")
    assert iraq is not None and iraq.numeric == 368 and iraq.iso3 == "IRQ"


def test_gazetteer_lookup_binds_parameters(gaz: Gazetteer, gaz_path: Path) -> None:
    assert gaz.lookup("'; DROP TABLE places; --") == []
    assert gaz.lookup("x" * 100_000) == []
    con = sqlite3.connect(gaz_path)
    assert con.execute("SELECT count(*) FROM places").fetchone()[0] > 1000
    con.close()


def test_gazetteer_lookup_is_fast(gaz: Gazetteer) -> None:
    names = ["Mosul", "Kirkuk", "Hamrin", "Wadi al-Shay", "Nowhere Special", "Ramadi", "Aleppo", "Tripoli"]
    t0 = time.perf_counter()
    for _ in range(200):
        for n in names:
            gaz.lookup(n)
    per = (time.perf_counter() - t0) / (200 * len(names))
    assert per < 200e-6


@pytest.mark.parametrize(
    ("name", "cc", "expected"),
    [
        ("Ninawa", "IQ", "Nineveh"),
        ("Nineveh", "IQ", "Nineveh"),
        ("Ninewa", "IQ", "Nineveh"),
        ("Nīnawá", "IQ", "Nineveh"),
        ("Nineveh Governorate", "IQ", "Nineveh"),
        ("Ninawa province", "IQ", "Nineveh"),
        ("At-Ta'mim", "IQ", "Kirkuk"),
        ("Tamim", "IQ", "Kirkuk"),
        ("Saladin", "IQ", "Salah al-Din"),
        ("Salahuddin province", "IQ", "Salah al-Din"),
        ("Şalāḩ ad Dīn", "IQ", "Salah al-Din"),
        ("Al Anbar", "IQ", "Anbar"),
        ("Duhok", "IQ", "Dohuk"),
        ("Arbil", "IQ", "Erbil"),
        ("IQ-NI", "IQ", "Nineveh"),
        ("Halabja Governorate", "IQ", "Halabja"),
        ("Dayr az Zawr", "SY", "Deir ez-Zor"),
        ("Deir Ezzor", "SY", "Deir ez-Zor"),
        ("Al-Hasakah Governorate", "SY", "Hasakah"),
        ("Ar Raqqah", "SY", "Raqqa"),
        ("Damascus Countryside", "SY", "Rif Dimashq"),
        ("Sweida", "SY", "Suwayda"),
    ],
)
def test_gazetteer_canonical_admin1_folds_spellings(gaz: Gazetteer, name: str, cc: str, expected: str) -> None:
    assert gaz.canonical_admin1(name, cc) == expected


def test_gazetteer_canonical_admin1_other_countries_and_unknowns(gaz: Gazetteer) -> None:
    assert gaz.canonical_admin1("Nineveh", "SY") is None
    assert gaz.canonical_admin1("Atlantis", "IQ") is None
    assert gaz.canonical_admin1("Beirut Governorate", "LB") == "Bayrūt"  # GeoNames name outside IQ/SY


def test_gazetteer_curated_places_csv_is_valid() -> None:
    with PLACES_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 120
    assert list(rows[0]) == [
        "name", "aliases", "feature_class", "feature_code", "country_iso2", "admin1_iso",
        "latitude", "longitude", "geonameid", "source", "note",
    ]  # fmt: skip
    bbox = {"IQ": (29.0, 37.5, 38.7, 48.8), "SY": (32.3, 37.4, 35.6, 42.5)}
    names = set()
    for r in rows:
        assert r["feature_class"] in {"A", "P", "T", "H", "S"}, r
        assert r["source"], r
        assert (r["name"], r["feature_code"]) not in names, r
        names.add((r["name"], r["feature_code"]))
        lat, lon = float(r["latitude"]), float(r["longitude"])
        s, n, w, e = bbox[r["country_iso2"]]
        assert s <= lat <= n and w <= lon <= e, r
        if r["admin1_iso"]:
            assert r["admin1_iso"][:2] == r["country_iso2"], r
        else:
            assert r["feature_code"] == "PCLI", r
        assert not r["geonameid"] or r["geonameid"].isdigit()


@pytest.mark.parametrize(
    ("name", "fclass", "admin1"),
    [
        ("Hamrin mountains", "T", "Salah al-Din"),
        ("Lake Hamrin", "H", "Diyala"),
        ("Wadi al-Shay", "H", "Kirkuk"),
        ("Wadi Zaytoun", "H", "Kirkuk"),
        ("Anbar desert", "T", "Anbar"),
        ("Qara Chokh", "T", "Erbil"),
        ("Mount Sinjar", "T", "Nineveh"),
        ("Lake Tharthar", "H", "Anbar"),
        ("Ain al-Asad", "S", "Anbar"),
        ("al-Tanf", "S", "Homs"),
        ("Jabal Bishri", "T", "Deir ez-Zor"),
        ("Wadi Houran", "H", "Anbar"),
    ],
)
def test_gazetteer_curated_features_resolve(gaz: Gazetteer, name: str, fclass: str, admin1: str) -> None:
    cands = [c for c in gaz.lookup(name) if c.feature_class == fclass]
    assert cands, name
    assert cands[0].admin1 == admin1
    assert cands[0].latitude is not None and cands[0].longitude is not None


def test_gazetteer_admin_units_have_centroids(gaz: Gazetteer) -> None:
    for name in ("Nineveh", "Anbar", "Diyala", "Hasakah"):
        adm = [c for c in gaz.lookup(name) if c.is_admin1]
        assert adm and adm[0].latitude is not None, name


GEONAMES_LINES = [
    # geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 a1 a2 a3 a4 pop elev dem tz mod
    "9990001\tJabal Test\tJabal Test\tTest Mountain,Mount Testy\t35.1\t43.9\tT\tMT\tIQ\t\t13\t\t\t\t0"
    "\t\t450\tAsia/Baghdad\t2020-01-01",
    "9990002\tQaryat Zaytun\tQaryat Zaytun\tZaytun village,قرية\t34.9\t44.2\tP\tPPL\tIQ\t\t18\t\t\t\t120"
    "\t\t\tAsia/Baghdad\t2020-01-01",
    "this line is broken",
    "notanumber\tX\tX\t\t1\t2\tP\tPPL\tIQ\t\t13\t\t\t\t0\t\t\t\t2020-01-01",
    "93818\tMakhmur\tMakhmur\tMakhmour Town\t35.776\t43.58\tP\tPPLA2\tIQ\t\t11\t\t\t\t50000\t\t\t"
    "Asia/Baghdad\t2020-01-01",
]


def test_gazetteer_import_geonames_loads_rows_and_skips_bad_lines(gaz_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    shutil.copy(gaz_path, path)
    dump = tmp_path / "IQ.txt"
    dump.write_text("\n".join(GEONAMES_LINES) + "\n", encoding="utf-8")
    codes = tmp_path / "admin1CodesASCII.txt"
    codes.write_text("IQ.13\tKirkuk\tKirkuk\t98410\nZZ.01\tTestland\tTestland\t1\n", encoding="utf-8")
    assert import_geonames(path, dump, codes) == 3
    g = Gazetteer(path)
    assert g.meta["last_import_bad_lines"] == "2"
    mt = g.lookup("Mount Testy")
    assert len(mt) == 1 and mt[0].feature_class == "T" and mt[0].admin1 == "Kirkuk"
    assert g.lookup("Zaytun village")[0].population == 120
    makhmur = [c for c in g.lookup("Makhmour Town") if c.geonameid == 93818]
    assert makhmur and makhmur[0].population == 50000  # upserted, not duplicated
    assert len([c for c in g.lookup("Makhmour") if c.geonameid == 93818]) == 1
    assert g.canonical_admin1("Testland", "ZZ") == "Testland"


def test_gazetteer_open_uses_env_path(gaz_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_GAZETTEER", str(gaz_path))
    assert gz.default_gazetteer_path() == gaz_path
    with open_gazetteer() as g:
        assert g.lookup("Kirkuk")


def test_gazetteer_open_reports_build_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(path: Path, countries: object = None) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(gz, "build_gazetteer", fail)
    with pytest.raises(ResourceMissing) as err:
        open_gazetteer(tmp_path / "missing.sqlite")
    assert "disk full" in str(err.value) and err.value.hint


def test_gazetteer_default_path_is_versioned(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SITREP_GAZETTEER", raising=False)
    monkeypatch.delenv("SITREP_GAZETTEER_PATH", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    p = gz.default_gazetteer_path()
    assert p.parent == tmp_path / "sitrep" and gz.GAZETTEER_VERSION in p.name
