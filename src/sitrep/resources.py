"""Build the heavy shared objects (spaCy pipeline, actor table, gazetteer) once, and pass them in."""

from __future__ import annotations

from functools import lru_cache

from sitrep.extraction.claims import Extractor
from sitrep.settings import Settings


@lru_cache(maxsize=4)
def load_extractor(settings: Settings) -> Extractor:
    """The rule extractor with its resources; cached per Settings so a process loads them once."""
    from sitrep.extraction.lexicon import Lexicon
    from sitrep.extraction.nlp import load_nlp
    from sitrep.resolve.actors import ActorTable
    from sitrep.resolve.geo.gazetteer import open_gazetteer
    from sitrep.resolve.geo.rank import Geocoder

    return Extractor(
        nlp=load_nlp(settings.spacy_model),
        lexicon=Lexicon.load(),
        actors=ActorTable.load(),
        geocoder=Geocoder(open_gazetteer(settings.gazetteer_path)),
    )
