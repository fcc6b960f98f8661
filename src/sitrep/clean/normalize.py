"""Unicode and whitespace normalisation: the canonical text every evidence span indexes into."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u3000\t\f\v"), " ")
_LINE_SEPARATORS = re.compile(r"\r\n?|\u2028|\u2029|\x85")
_RUN_OF_SPACES = re.compile(r" {2,}")
_SPACE_AT_LINE_EDGE = re.compile(r" *\n *")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def normalize_text(text: str) -> str:
    """NFC, one kind of space and newline, no invisible characters, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text)
    text = _LINE_SEPARATORS.sub("\n", text)
    text = text.translate(_INVISIBLE).translate(_SPACES)
    text = _CONTROL.sub("", text)
    text = _RUN_OF_SPACES.sub(" ", text)
    text = _SPACE_AT_LINE_EDGE.sub("\n", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()
