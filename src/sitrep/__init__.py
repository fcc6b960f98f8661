"""sitrep: turn news reports about political violence into conflict-event data, with evidence.

    >>> import sitrep
    >>> records = sitrep.extract("Gunmen killed four soldiers near Tarmiyah on Monday.", published="2023-03-15")

The public surface is what ``__all__`` lists; everything else is internal.
"""

from __future__ import annotations

import logging

from sitrep._version import __version__
from sitrep.errors import GoldFormatError, InputError, ResourceMissing, SitrepError, StoreError
from sitrep.model import (
    ActorMention,
    Article,
    ArticleResult,
    Count,
    Evidence,
    Place,
    Problem,
    RawDocument,
    Record,
    Span,
    TimeSpan,
)
from sitrep.pipeline import RunReport, extract, extract_results, iter_articles, run
from sitrep.settings import Settings
from sitrep.store.sqlite import SqliteStore, open_store

logging.getLogger("sitrep").addHandler(logging.NullHandler())

__all__ = [
    "ActorMention",
    "Article",
    "ArticleResult",
    "Count",
    "Evidence",
    "GoldFormatError",
    "InputError",
    "Place",
    "Problem",
    "RawDocument",
    "Record",
    "ResourceMissing",
    "RunReport",
    "Settings",
    "SitrepError",
    "Span",
    "SqliteStore",
    "StoreError",
    "TimeSpan",
    "__version__",
    "extract",
    "extract_results",
    "iter_articles",
    "open_store",
    "run",
]
