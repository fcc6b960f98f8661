"""Benchmark the offline gazetteer and geocoder.

    python bench/bench_geo.py                      # build a world gazetteer in a temp dir
    python bench/bench_geo.py --gazetteer G.sqlite # use an existing gazetteer file
    python bench/bench_geo.py --countries IQ,SY    # build a regional gazetteer
    python bench/bench_geo.py --gold FILE ...      # also score files in shared/spec/gold-format.md format

Prints: build time and size, µs per lookup, ms per article, and on labelled cases the admin1
accuracy, the share of town-level (geo_precision 1) gold records located within 25 km, the
geo_precision agreement and the rate of gold places missed (not among the places found).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from sitrep.model import Place  # noqa: E402
from sitrep.resolve.geo.gazetteer import Gazetteer, build_gazetteer, haversine_km  # noqa: E402
from sitrep.resolve.geo.names import fold  # noqa: E402
from sitrep.resolve.geo.rank import Geocoder  # noqa: E402

NEAR_KM = 25.0
MAX_LINE = 5_000_000


@dataclass
class GoldPlace:
    text: str
    country: str
    admin1: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    source: str


def read_cases(path: Path) -> list[GoldPlace]:
    """geo_cases.jsonl lines ({text, admin1, location, ...}) or gold-format lines ({text, gold: [...]})."""
    out: list[GoldPlace] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or len(line) > MAX_LINE:
                continue
            obj = json.loads(line)
            text = str(obj.get("text") or "")
            records = obj["gold"] if isinstance(obj.get("gold"), list) else [obj]
            for r in records:
                if not isinstance(r, dict) or not (r.get("admin1") or r.get("location") or r.get("country")):
                    continue
                out.append(
                    GoldPlace(
                        text=text,
                        country=str(r.get("country") or ""),
                        admin1=str(r.get("admin1") or ""),
                        location=str(r.get("location") or ""),
                        latitude=r.get("latitude"),
                        longitude=r.get("longitude"),
                        geo_precision=r.get("geo_precision"),
                        source=f"{path.name}:{n}",
                    )
                )
    return out


def _dist(p: Place, g: GoldPlace) -> float | None:
    if None in (p.latitude, p.longitude, g.latitude, g.longitude):
        return None
    assert p.latitude is not None and p.longitude is not None
    assert g.latitude is not None and g.longitude is not None
    return haversine_km(p.latitude, p.longitude, float(g.latitude), float(g.longitude))


def _same_place(p: Place, g: GoldPlace, text: str) -> bool:
    keys = {fold(p.name), fold(p.span.slice(text))}
    if g.location and fold(g.location) in keys:
        return True
    d = _dist(p, g)
    return d is not None and d <= NEAR_KM and (p.geo_precision or 3) <= 2


def score(geo: Geocoder, gaz: Gazetteer, all_cases: list[GoldPlace], verbose: bool) -> dict[str, float]:
    country_n = country_ok = 0
    for g in all_cases:
        if g.country:
            country_n += 1
            cc = geo.article_country(g.text)
            ctry = gaz.country(cc) if cc else None
            country_ok += ctry is not None and ctry.name == g.country
            if verbose and (ctry is None or ctry.name != g.country):
                print(f"  COUNTRY {g.source}: gold={g.country} got={ctry.name if ctry else None}")
    cases = [g for g in all_cases if g.admin1 or g.location]
    n = len(cases)
    admin1_ok = town_n = town_near = prec_ok = prec_n = missed = loc_ok = 0
    t0 = time.perf_counter()
    cache: dict[str, list[Place]] = {}
    for g in cases:
        places = cache.get(g.text)
        if places is None:
            places = geo.places_in(g.text)
            cache[g.text] = places
        by_name = [p for p in places if g.location and _same_place(p, g, g.text)]
        event = geo.event_place(places, g.text, 0)
        # several gold records per text: score the found place that is this record, else the event place
        pred = event if (len(by_name) == 0 or event in by_name) else by_name[0]
        if not by_name:
            missed += 1
        cc_iso2 = next((p.country for p in places if p.country == g.country), "")
        iso2 = {"Iraq": "IQ", "Syria": "SY"}.get(g.country or cc_iso2, "")
        gold_a1 = (gaz.canonical_admin1(g.admin1, iso2) if iso2 else None) or g.admin1
        ok_a1 = pred is not None and fold(pred.admin1) == fold(gold_a1)
        admin1_ok += ok_a1
        ok_loc = pred is not None and _same_place(pred, g, g.text)
        loc_ok += ok_loc
        if g.geo_precision == 1 and g.latitude is not None and g.longitude is not None:
            town_n += 1
            d = _dist(pred, g) if pred is not None else None
            town_near += d is not None and d <= NEAR_KM
        ok_prec = g.geo_precision is None or (pred is not None and pred.geo_precision == g.geo_precision)
        if g.geo_precision is not None:
            prec_n += 1
            prec_ok += ok_prec
        if verbose and not (ok_a1 and ok_loc and ok_prec):
            got = (pred.name, pred.admin1, pred.geo_precision) if pred else None
            gold = f"({g.location}, {g.admin1}, {g.geo_precision})"
            print(f"  MISS {g.source}: gold={gold} got={got} :: {g.text[:90]}")
    elapsed = time.perf_counter() - t0
    return {
        "country_records": country_n,
        "country_accuracy": country_ok / country_n if country_n else 0.0,
        "cases": n,
        "admin1_accuracy": admin1_ok / n if n else 0.0,
        "location_accuracy": loc_ok / n if n else 0.0,
        "town_within_25km": town_near / town_n if town_n else 0.0,
        "town_cases": town_n,
        "precision_agreement": prec_ok / prec_n if prec_n else 0.0,
        "missed_rate": missed / n if n else 0.0,
        "ms_per_text": 1000 * elapsed / max(1, len(cache)),
    }


def bench_lookups(gaz: Gazetteer, k: int = 5000) -> tuple[float, float]:
    """(µs per uncached lookup, µs per cached lookup) on names sampled from the gazetteer."""
    con = gaz._con  # bench only: sample stored keys
    keys = [str(r[0]) for r in con.execute("SELECT folded FROM names ORDER BY random() LIMIT ?", (k,))]
    random.shuffle(keys)
    fresh = Gazetteer(gaz.path)
    t0 = time.perf_counter()
    for key in keys:
        fresh.lookup(key)
    cold = (time.perf_counter() - t0) / max(1, len(keys)) * 1e6
    t0 = time.perf_counter()
    for key in keys:
        fresh.lookup(key)
    warm = (time.perf_counter() - t0) / max(1, len(keys)) * 1e6
    fresh.close()
    return cold, warm


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gazetteer", type=Path, help="existing gazetteer file (skips the build)")
    ap.add_argument("--countries", help="comma-separated ISO2 codes to build (default: the whole world)")
    ap.add_argument("--cases", type=Path, default=ROOT / "bench" / "geo_cases.jsonl")
    ap.add_argument("--gold", type=Path, nargs="*", default=[], help="gold-format JSONL files")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="sitrep-geo-bench-") as tmp:
        path = args.gazetteer
        if path is None:
            path = Path(tmp) / "gazetteer.sqlite"
            countries = [c for c in args.countries.split(",") if c] if args.countries else None
            t0 = time.perf_counter()
            build_gazetteer(path, countries)
            region = "world" if countries is None else ",".join(countries)
            print(f"build: {time.perf_counter() - t0:.1f} s  ({region})")
        size_mb = path.stat().st_size / 1e6
        gaz = Gazetteer(path)
        n_places = gaz._con.execute("SELECT count(*) FROM places").fetchone()[0]
        n_names = gaz._con.execute("SELECT count(*) FROM names").fetchone()[0]
        print(f"gazetteer: {path.name} {size_mb:.1f} MB, {n_places} places, {n_names} names")
        cold, warm = bench_lookups(gaz)
        print(f"lookup: {cold:.1f} µs uncached ({1e6 / cold:,.0f}/s), {warm:.2f} µs cached")
        geo = Geocoder(gaz)
        for f in [args.cases, *args.gold]:
            if not f.exists():
                print(f"{f}: not found")
                continue
            cases = read_cases(f)
            res = score(geo, gaz, cases, args.verbose)
            print(f"{f.name}:")
            for k, v in res.items():
                print(f"  {k:22} {v:.3f}" if isinstance(v, float) else f"  {k:22} {v}")
        gaz.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
