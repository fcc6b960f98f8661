"""Records ↔ plain dicts with exactly the output contract's field names (shared/spec/output-contract.md)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from sitrep.model import Count, Evidence, Record

RECORD_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Record))


def record_to_dict(record: Record) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in RECORD_FIELDS:
        value = getattr(record, name)
        if name == "counts":
            value = [{"what": c.what, "object": c.object, "low": c.low, "best": c.best, "high": c.high} for c in value]
        elif name == "evidence":
            value = [{"field": e.field, "article_id": e.article_id, "start": e.start, "end": e.end, "text": e.text}
                     for e in value]
        elif name == "article_ids":
            value = list(value)
        out[name] = value
    return out


def record_from_dict(data: dict[str, Any]) -> Record:
    kwargs: dict[str, Any] = {k: data[k] for k in RECORD_FIELDS if k in data}
    kwargs["counts"] = tuple(Count(**c) for c in data.get("counts", ()))
    kwargs["evidence"] = tuple(Evidence(**e) for e in data.get("evidence", ()))
    kwargs["article_ids"] = tuple(data.get("article_ids", ()))
    return Record(**kwargs)
