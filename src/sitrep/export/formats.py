"""Records → the files analysts' tools already read: ACLED-style CSV, JSON Lines, GeoJSON, Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from sitrep.model import ArticleResult, Record
from sitrep.serialize import RECORD_FIELDS, record_to_dict

# ACLED's public export, in its column order; sitrep's extensions follow.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
EXTENSION_COLUMNS: tuple[str, ...] = tuple(
    f for f in RECORD_FIELDS if f not in ACLED_COLUMNS and f != "evidence")
FORMATS = ("jsonl", "csv", "acled-csv", "geojson", "parquet")


def _flat(record: Record, *, with_evidence: bool = False) -> dict[str, Any]:
    data = record_to_dict(record)
    row: dict[str, Any] = {}
    for col in ACLED_COLUMNS:
        if col == "year":
            row[col] = (record.event_date or "")[:4]
        elif col == "interaction":
            row[col] = _interaction(record.inter1, record.inter2)
        elif col in ("region", "admin3", "source_scale", "tags", "timestamp"):
            row[col] = ""
        else:
            row[col] = data[col]
    for col in EXTENSION_COLUMNS:
        value = data[col]
        if col == "counts":
            value = "; ".join(f"{c['what']} {c['best'] if c['best'] is not None else c['low']}"
                              f"{'+' if c['high'] is None and c['low'] is not None else ''} {c['object']}".strip()
                              for c in value)
        elif col == "article_ids":
            value = "; ".join(value)
        row[col] = value
    if with_evidence:
        row["evidence"] = json.dumps(data["evidence"], ensure_ascii=False)
    return {k: ("" if v is None else v) for k, v in row.items()}


def _interaction(inter1: int | None, inter2: int | None) -> int | str:
    """ACLED's interaction code: the two inter codes, lower first; a sole actor's code times ten."""
    if not inter1:
        return ""
    if not inter2:
        return inter1 * 10
    return int(f"{min(inter1, inter2)}{max(inter1, inter2)}")


def write_csv(records: Iterable[Record], out: IO[str], *, with_evidence: bool = False) -> int:
    columns = list(ACLED_COLUMNS) + list(EXTENSION_COLUMNS) + (["evidence"] if with_evidence else [])
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for record in records:
        writer.writerow(_flat(record, with_evidence=with_evidence))
        n += 1
    return n


def write_jsonl(records: Iterable[Record], out: IO[str]) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record_to_dict(record), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_geojson(records: Iterable[Record], out: IO[str]) -> int:
    features = []
    for record in records:
        props = record_to_dict(record)
        geometry = None
        if record.latitude is not None and record.longitude is not None:
            geometry = {"type": "Point", "coordinates": [record.longitude, record.latitude]}
        features.append({"type": "Feature", "id": record.event_id_cnty, "geometry": geometry, "properties": props})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


def write_parquet(records: Iterable[Record], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [record_to_dict(r) for r in records]
    for row in rows:
        row["counts"] = json.dumps(row["counts"], ensure_ascii=False)
        row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False)
    schema = pa.schema([
        (name, pa.int64() if name in _INT_FIELDS else pa.float64() if name in _FLOAT_FIELDS
         else pa.list_(pa.string()) if name == "article_ids" else pa.string())
        for name in RECORD_FIELDS
    ])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, str(path))
    return len(rows)


_INT_FIELDS = frozenset({"time_precision", "inter1", "inter2", "iso", "geo_precision", "geonameid", "fatalities",
                         "fatalities_low", "fatalities_high", "injuries", "injuries_low", "injuries_high"})
_FLOAT_FIELDS = frozenset({"latitude", "longitude", "confidence"})


def article_to_dict(result: ArticleResult) -> dict[str, Any]:
    """The contract's article record (``--format articles``)."""
    a = result.article
    return {
        "article_id": a.article_id, "title": a.title, "outlet": a.outlet, "url": a.url,
        "published": a.published.isoformat() if a.published else None, "published_from": a.published_from,
        "text": a.text,
        "places": [{"name": p.name, "geonameid": p.geonameid, "feature_class": p.feature_class,
                    "country": p.country, "admin1": p.admin1, "admin2": p.admin2, "latitude": p.latitude,
                    "longitude": p.longitude, "geo_precision": p.geo_precision, "start": p.span.start,
                    "end": p.span.end} for p in result.places],
        "actors": [{"name": m.text, "canonical": m.canonical, "inter": m.inter, "start": m.span.start,
                    "end": m.span.end} for m in result.actors],
        "records": [record_to_dict(r) for r in result.records],
        "problems": [{"code": p.code, "message": p.message} for p in result.problems],
    }


def problem_to_dict(problem: Any) -> dict[str, Any]:
    return asdict(problem)
