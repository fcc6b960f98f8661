"""Score sitrep's records against labelled data (shared/spec/gold-format.md).

Gold and predicted records of one text are aligned greedily by similarity (same record type first).
Per field: a gold value matched by an equal predicted value is a true positive; a predicted value that is
wrong or has no gold record is a false positive; a gold value missed or wrong is a false negative.  A field
a labeller left out is not scored; a field set to null was coded "not stated".
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import GoldFormatError

NOT_SCORED = frozenset({"period", "case", "notes", "evidence", "event_id_cnty", "article_ids", "confidence"})


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    text: str
    published: str | None
    gold: tuple[dict[str, Any], ...]
    source_dataset: str = ""


def read_gold(path: Path) -> list[GoldDoc]:
    docs: list[GoldDoc] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise GoldFormatError(f"{path}:{number}: not JSON ({err.msg})",
                                      hint="see shared/spec/gold-format.md") from err
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not isinstance(
                    obj.get("gold"), list):
                raise GoldFormatError(f"{path}:{number}: needs 'text' (string) and 'gold' (list)",
                                      hint="see shared/spec/gold-format.md")
            docs.append(GoldDoc(str(obj.get("id", f"{path.name}:{number}")), obj["text"], obj.get("published"),
                                tuple(obj["gold"]), str(obj.get("source_dataset", ""))))
    return docs


@dataclass(slots=True)
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(p, 3), "recall": round(r, 3),
                "f1": round(f1, 3)}


@dataclass(slots=True)
class Report:
    documents: int = 0
    gold_records: int = 0
    predicted_records: int = 0
    fields: dict[str, FieldScore] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    fatalities_n: int = 0
    fatalities_exact: int = 0
    fatalities_within_10: int = 0
    event_type_n: int = 0
    event_type_correct: int = 0
    geo_n: int = 0
    geo_within_25km: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        total = sum(sum(row.values()) for row in self.confusion.values())
        diag = sum(self.confusion.get(k, {}).get(k, 0) for k in self.confusion)
        return {
            "documents": self.documents,
            "gold_records": self.gold_records,
            "predicted_records": self.predicted_records,
            "record_type": {"accuracy": round(diag / total, 3) if total else 0.0, "confusion": self.confusion},
            "event_type_accuracy": round(self.event_type_correct / self.event_type_n, 3) if self.event_type_n else None,
            "fatalities": {
                "n": self.fatalities_n,
                "exact": round(self.fatalities_exact / self.fatalities_n, 3) if self.fatalities_n else None,
                "within_10pct": round(self.fatalities_within_10 / self.fatalities_n, 3) if self.fatalities_n else None,
            },
            "geo_within_25km": round(self.geo_within_25km / self.geo_n, 3) if self.geo_n else None,
            "fields": {k: v.as_dict() for k, v in sorted(self.fields.items())},
        }


Normalizer = Callable[[str, Any], Any]


def _fold(value: str) -> str:
    value = unicodedata.normalize("NFKD", value)
    value = "".join(c for c in value if not unicodedata.combining(c)).casefold()
    value = re.sub(r"\b(?:al|el|ad|ar|as|an|at|ash|az)[- ]", "", value)
    value = re.sub(r"\b(?:governorate|province|wilayat|muhafazat)\b", "", value)
    value = re.sub(r"[^\w]+", " ", value)
    return " ".join(value.split())


class Comparator:
    """Field equality as an analyst would judge it (actor aliases, admin1 spellings, claimant names)."""

    def __init__(self, actor_canonical: Callable[[str], str | None] | None = None,
                 admin1_canonical: Callable[[str, str], str | None] | None = None,
                 place_fold: Callable[[str], str] | None = None) -> None:
        self.actor_canonical = actor_canonical
        self.admin1_canonical = admin1_canonical
        self.place_fold = place_fold

    def same(self, name: str, gold: Any, pred: Any, gold_record: dict[str, Any]) -> bool:
        if gold in (None, "") or pred in (None, ""):
            return gold in (None, "") and pred in (None, "")
        if name in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
            return self._actor(str(gold)) == self._actor(str(pred))
        if name in ("admin1", "admin2", "country", "location"):
            if name == "admin1" and self.admin1_canonical is not None:
                iso2 = _iso2(gold_record)
                g = self.admin1_canonical(str(gold), iso2) or str(gold)
                p = self.admin1_canonical(str(pred), iso2) or str(pred)
                return self._place_key(g) == self._place_key(p)
            return self._place_key(str(gold)) == self._place_key(str(pred))
        if name == "claimant":
            return _overlap(str(gold), str(pred)) >= 0.5
        if name == "source":
            outlets = [_fold(s) for s in str(gold).split(";") if s.strip()]
            return all(o in _fold(str(pred)) for o in outlets)
        if name in ("latitude", "longitude"):
            return abs(float(gold) - float(pred)) <= 0.25
        if name == "counts":
            return _counts_match(gold, pred)
        if isinstance(gold, str) and isinstance(pred, str):
            return _fold(gold) == _fold(pred)
        return bool(gold == pred)

    def _place_key(self, name: str) -> str:
        if self.place_fold is not None:
            return self.place_fold(name)
        return _fold(name)

    def _actor(self, name: str) -> str:
        if self.actor_canonical is not None:
            found = self.actor_canonical(name)
            if found:
                return found
        return _fold(re.sub(r"\(.*?\)", "", name))


def _iso2(record: dict[str, Any]) -> str:
    """The gold record's country as ISO alpha-2, from ``iso`` (numeric) or ``country``; "" if unknown."""
    import pycountry

    found = None
    if isinstance(record.get("iso"), int):
        found = pycountry.countries.get(numeric=f"{record['iso']:03d}")
    if found is None and record.get("country"):
        try:
            found = pycountry.countries.lookup(str(record["country"]))
        except LookupError:
            found = None
    return str(found.alpha_2) if found is not None else ""


def _overlap(a: str, b: str) -> float:
    ta, tb = set(_fold(a).split()), set(_fold(b).split())
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def _counts_match(gold: Any, pred: Any) -> bool:
    if not isinstance(gold, list) or not isinstance(pred, list):
        return False
    for g in gold:
        keys = [k for k in ("low", "best", "high") if k in g]
        if not any(p.get("what") == g.get("what") and all(p.get(k) == g[k] for k in keys) for p in pred):
            return False
    return True


def _similarity(g: dict[str, Any], p: dict[str, Any], cmp: Comparator) -> float:
    score = 0.0
    if g.get("record_type", "event") == p.get("record_type"):
        score += 2
    for name, weight in (("event_type", 1.0), ("sub_event_type", 0.5), ("event_date", 1.0), ("fatalities", 1.0),
                         ("actor1", 0.5), ("actor2", 0.5), ("location", 0.5), ("admin1", 0.5)):
        if name in g and g[name] not in (None, "") and cmp.same(name, g[name], p.get(name), g):
            score += weight
    gw = {c.get("what") for c in g.get("counts", [])}
    pw = {c.get("what") for c in p.get("counts", [])}
    if gw & pw:
        score += 1
        gl = {(c.get("what"), c.get("low")) for c in g.get("counts", [])}
        pl = {(c.get("what"), c.get("low")) for c in p.get("counts", [])}
        score += 1 if gl & pl else 0
    return score


def align(gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]], cmp: Comparator
          ) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    pairs: list[tuple[float, int, int]] = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            s = _similarity(g, p, cmp)
            if s >= 2.5:
                pairs.append((s, i, j))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched: list[tuple[int, int]] = []
    for _s, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        matched.append((i, j))
    return matched, [i for i in range(len(gold)) if i not in used_g], [j for j in range(len(pred)) if j not in used_p]


def score(docs: Iterable[GoldDoc], predict: Callable[[GoldDoc], list[dict[str, Any]]], cmp: Comparator) -> Report:
    report = Report()
    docs = list(docs)
    coded_fields = {k for d in docs for g in d.gold for k in g if k not in NOT_SCORED}
    for doc in docs:
        report.documents += 1
        preds = predict(doc)
        report.gold_records += len(doc.gold)
        report.predicted_records += len(preds)
        matched, lost, extra = align(doc.gold, preds, cmp)

        def bump(row: str, col: str) -> None:
            report.confusion.setdefault(row, {}).setdefault(col, 0)
            report.confusion[row][col] += 1

        if not doc.gold and not preds:
            bump("none", "none")
        for i, j in matched:
            g, p = doc.gold[i], preds[j]
            bump(str(g.get("record_type", "event")), str(p.get("record_type")))
            for name, value in g.items():
                if name in NOT_SCORED:
                    continue
                fs = report.fields.setdefault(name, FieldScore())
                if cmp.same(name, value, p.get(name), g):
                    fs.tp += 1
                else:
                    if p.get(name) not in (None, "", []):
                        fs.fp += 1
                    if value not in (None, "", []):
                        fs.fn += 1
                    report.failures.append({"doc": doc.id, "field": name, "gold": value, "pred": p.get(name)})
            if "event_type" in g and g.get("record_type", "event") == "event":
                report.event_type_n += 1
                report.event_type_correct += int(cmp.same("event_type", g["event_type"], p.get("event_type"), g))
            _fatalities(report, g, p.get("fatalities"))
            _geo(report, g, p)
        for i in lost:
            g = doc.gold[i]
            bump(str(g.get("record_type", "event")), "none")
            for name, value in g.items():
                if name not in NOT_SCORED and value not in (None, "", []):
                    report.fields.setdefault(name, FieldScore()).fn += 1
            if "event_type" in g and g.get("record_type", "event") == "event":
                report.event_type_n += 1
            _fatalities(report, g, None)
            _geo(report, g, {})
            report.failures.append({"doc": doc.id, "missed": g})
        for j in extra:
            p = preds[j]
            bump("none", str(p.get("record_type")))
            for name in coded_fields:
                if p.get(name) not in (None, "", []):
                    report.fields.setdefault(name, FieldScore()).fp += 1
            report.failures.append({"doc": doc.id, "spurious": {k: p.get(k) for k in (
                "record_type", "event_type", "sub_event_type", "fatalities", "notes")}})
    return report


def _fatalities(report: Report, g: dict[str, Any], pred: Any) -> None:
    if "fatalities" not in g or g.get("record_type", "event") != "event":
        return
    gold = g["fatalities"]
    report.fatalities_n += 1
    if pred == gold:
        report.fatalities_exact += 1
        report.fatalities_within_10 += 1
    elif isinstance(pred, int) and isinstance(gold, int) and abs(pred - gold) <= 0.1 * gold:
        report.fatalities_within_10 += 1


def _geo(report: Report, g: dict[str, Any], p: dict[str, Any]) -> None:
    if g.get("geo_precision") != 1 or g.get("latitude") is None or g.get("longitude") is None:
        return
    report.geo_n += 1
    if p.get("latitude") is None or p.get("longitude") is None:
        return
    if haversine_km(g["latitude"], g["longitude"], p["latitude"], p["longitude"]) <= 25:
        report.geo_within_25km += 1


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))
