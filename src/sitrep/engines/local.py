"""Run the extractor over batches of articles: in this process, or in a pool of worker processes.

Each worker loads its own spaCy pipeline, actor table and gazetteer once (nothing heavy crosses a process
boundary; articles and results are plain dataclasses).  Results come back in input order.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from sitrep.model import Article, ArticleResult
from sitrep.settings import Settings


def _extract(settings: Settings, batch: list[Article]) -> list[ArticleResult]:
    """Runs in a worker: ``load_extractor`` caches the resources per process, so they load once."""
    from sitrep.resources import load_extractor

    return load_extractor(settings).extract_many(batch)


class LocalEngine:
    """``workers=1`` extracts in this process; more use a process pool of that size."""

    def __init__(self, settings: Settings, workers: int = 1) -> None:
        self.settings = settings
        self.workers = max(1, workers)

    def map(self, batches: Iterable[list[Article]]) -> Iterator[list[ArticleResult]]:
        if self.workers == 1:
            from sitrep.resources import load_extractor

            extractor = None
            for batch in batches:
                if not batch:  # nothing readable in it: no need to load the model
                    yield []
                    continue
                extractor = extractor or load_extractor(self.settings)
                yield extractor.extract_many(batch)
            return
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(self.workers, mp_context=context) as pool:
            pending: deque[Future[list[ArticleResult]]] = deque()
            for batch in batches:
                pending.append(pool.submit(_extract, self.settings, batch))
                if len(pending) > 2 * self.workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
