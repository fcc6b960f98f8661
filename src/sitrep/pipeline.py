"""ingest → clean → extract → store, over many inputs, collecting problems into a RunReport."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from sitrep.clean.article import to_article
from sitrep.ingest.sources import iter_inputs
from sitrep.model import Article, ArticleResult, Problem, RawDocument, Record
from sitrep.settings import Settings
from sitrep.store.sqlite import SqliteStore


@dataclass(slots=True)
class RunReport:
    """What one run did. ``failed`` is True when any input could not be read."""

    run_id: str = ""
    articles_read: int = 0
    articles_stored: int = 0
    articles_unchanged: int = 0
    events: int = 0
    tallies: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(p.stage in ("ingest", "clean") for p in self.problems)


def iter_articles(paths: Sequence[str], settings: Settings, published: date | None = None,
                  stdin: BinaryIO | None = None) -> Iterator[Article | Problem]:
    """Readable articles and problems, in input order; one bad input never stops the rest."""
    for item in iter_inputs(paths, settings, stdin=stdin):
        if isinstance(item, RawDocument):
            yield to_article(item, settings, published=published)
        else:
            yield item


def _batches(items: Iterable[Article | Problem], size: int) -> Iterator[list[Article | Problem]]:
    batch: list[Article | Problem] = []
    for item in items:
        batch.append(item)
        if sum(isinstance(i, Article) for i in batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_results(paths: Sequence[str], settings: Settings, published: date | None = None,
                    stdin: BinaryIO | None = None) -> Iterator[ArticleResult | Problem]:
    """Extract without a database (``sitrep extract``), in input order, problems in their place."""
    from sitrep.engines.local import LocalEngine

    waiting: deque[list[Article | Problem]] = deque()

    def article_batches() -> Iterator[list[Article]]:
        for batch in _batches(iter_articles(paths, settings, published, stdin), settings.batch_size):
            waiting.append(batch)
            yield [a for a in batch if isinstance(a, Article)]

    for results in LocalEngine(settings, settings.workers).map(article_batches()):
        by_source = {r.article.source: r for r in results}
        for item in waiting.popleft():
            yield by_source[item.source] if isinstance(item, Article) else item


def run(paths: Sequence[str], store: SqliteStore, settings: Settings, published: date | None = None,
        stdin: BinaryIO | None = None, on_item: Callable[[str], None] | None = None) -> RunReport:
    """Read, extract and store; articles already stored by this extractor are skipped (a re-run adds nothing)."""
    from sitrep.engines.local import LocalEngine
    from sitrep.extraction.claims import Extractor

    extractor_name = Extractor.name  # stored with each article: a new extractor re-codes what an old one stored
    report = RunReport(run_id=store.begin_run(list(paths), options=str(published or "")))
    seen: set[str] = set()

    def todo_batches() -> Iterator[list[Article]]:
        """Articles not stored yet, in batches; problems and already-stored articles are accounted for here."""
        for batch in _batches(iter_articles(paths, settings, published, stdin), settings.batch_size):
            todo: list[Article] = []
            for item in batch:
                if isinstance(item, Problem):
                    report.problems.append(item)
                    store.add_problem(report.run_id, item)
                    if on_item:
                        on_item(item.source)
                    continue
                report.articles_read += 1
                if item.article_id in seen or store.has_article(item.article_id, extractor_name):
                    report.articles_unchanged += 1
                    if on_item:
                        on_item(item.source)
                    continue
                seen.add(item.article_id)
                todo.append(item)
            if todo:
                yield todo

    for results in LocalEngine(settings, settings.workers).map(todo_batches()):
        for result in results:
            store.save(report.run_id, result, extractor_name)
            report.articles_stored += 1
            report.events += sum(r.record_type == "event" for r in result.records)
            report.tallies += sum(r.record_type == "tally" for r in result.records)
            report.problems.extend(result.problems)
            if on_item:
                on_item(result.article.source)
    store.finish_run(report.run_id, {"articles_read": report.articles_read, "articles_stored": report.articles_stored,
                                     "events": report.events, "tallies": report.tallies,
                                     "problems": len(report.problems)})
    return report


def extract(text: str, published: date | str | None = None, *, settings: Settings | None = None) -> list[Record]:
    """Code one article's text into records (the Python API's one-call entry)."""
    from sitrep.clean.article import parse_iso_date
    from sitrep.errors import InputError
    from sitrep.resources import load_extractor

    settings = settings or Settings()
    pub = parse_iso_date(published) if isinstance(published, str) else published
    if isinstance(published, str) and pub is None:
        raise InputError(f"published {published!r} is not a date", hint="give YYYY-MM-DD")
    raw = RawDocument(source="<text>", body=text, media_type="text/plain")
    article = to_article(raw, settings, published=pub)
    if isinstance(article, Problem):
        raise InputError(article.message, hint=article.hint, code=article.code)
    return list(load_extractor(settings).extract(article).records)
