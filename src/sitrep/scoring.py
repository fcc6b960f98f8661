"""Run the extractor over labelled documents and score it (used by `sitrep eval` and bench/)."""

from __future__ import annotations

import time
from typing import Any

from sitrep.clean.article import parse_iso_date, to_article
from sitrep.evaluate import Comparator, GoldDoc, Report, score
from sitrep.model import Article, Problem, RawDocument
from sitrep.serialize import record_to_dict
from sitrep.settings import Settings


def evaluate_docs(docs: list[GoldDoc], settings: Settings) -> tuple[Report, float]:
    """Score the extractor on ``docs``; returns the report and the seconds spent extracting."""
    from sitrep.resources import load_extractor

    extractor = load_extractor(settings)
    articles: list[Article | Problem] = [
        to_article(RawDocument(source=d.id, body=d.text, media_type="text/plain", declared_id=d.id),
                   settings, published=parse_iso_date(d.published)) for d in docs]
    started = time.perf_counter()
    good = [a for a in articles if isinstance(a, Article)]
    results = {r.article.article_id: r for r in extractor.extract_many(good)}
    seconds = time.perf_counter() - started
    predictions: dict[str, list[dict[str, Any]]] = {
        d.id: [record_to_dict(r) for r in results[d.id].records] if d.id in results else [] for d in docs}
    from sitrep.resolve.geo.names import fold

    gazetteer = extractor.geocoder.gazetteer

    def admin1(name: str, iso2: str) -> str | None:
        found: str | None = gazetteer.canonical_admin1(name, iso2) if iso2 else None
        return found

    cmp = Comparator(actor_canonical=extractor.actors.canonical, admin1_canonical=admin1, place_fold=fold)
    return score(docs, lambda d: predictions[d.id], cmp), seconds
