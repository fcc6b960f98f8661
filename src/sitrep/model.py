"""Plain typed records that flow between sitrep's stages.

ingest → clean → extract → resolve → store → export.  Every type here is a
frozen, slotted dataclass; collections are tuples; no spaCy object ever
crosses a stage boundary.  ``Span`` offsets always index into ``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

RecordType = Literal["event", "tally"]
Bound = Literal["exact", "approx", "at_least", "at_most", "range", "none"]  # kinds of figure bounds
PublishedFrom = Literal["jsonl", "option", "html-meta", "feed", "dateline"]


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character offsets ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that could not be read or resolved. Stored, never only logged."""

    source: str
    stage: str
    code: str
    message: str
    hint: str = ""


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read from its source, before cleaning."""

    source: str  # path, "path:line" for JSONL, or "<stdin>"
    body: str
    media_type: Literal["text/plain", "text/html"]
    declared_id: str | None = None
    declared_published: str | None = None
    declared_url: str | None = None
    declared_outlet: str | None = None
    declared_title: str | None = None
    declared_published_from: PublishedFrom | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned article. ``text`` is the canonical text every Span indexes into."""

    article_id: str
    text: str
    source: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: date | None = None
    published_from: PublishedFrom | None = None


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """A time expression resolved against the publication date.

    ``start``/``end`` are None when they cannot be known from the words and the
    publication date (never from today's clock).  ``precision`` follows ACLED:
    1 day, 2 a week or a few days, 3 a month or vaguer.
    """

    text: str
    span: Span | None
    start: date | None
    end: date | None
    precision: int | None


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in the text, normalised through the alias table."""

    text: str
    span: Span
    canonical: str
    inter: int | None


@dataclass(frozen=True, slots=True)
class Place:
    """A place named in the text, resolved against the gazetteer."""

    name: str
    span: Span
    geonameid: int | None = None
    feature_class: str = ""
    feature_code: str = ""
    country: str = ""
    iso: int | None = None
    admin1: str = ""
    admin2: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    field: str
    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Count:
    what: str
    object: str
    low: int | None
    best: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class Record:
    """One coded record, field for field the output contract (shared/spec)."""

    event_id_cnty: str
    record_type: RecordType
    event_date: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    time_precision: int | None = None
    disorder_type: str = ""
    event_type: str = ""
    sub_event_type: str = ""
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int | None = None
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int | None = None
    civilian_targeting: str = ""
    iso: int | None = None
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    geonameid: int | None = None
    source: str = ""
    claimant: str = ""
    notes: str = ""
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    injuries: int | None = None
    injuries_low: int | None = None
    injuries_high: int | None = None
    counts: tuple[Count, ...] = ()
    article_ids: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything the pipeline learned from one article."""

    article: Article
    records: tuple[Record, ...]
    places: tuple[Place, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
