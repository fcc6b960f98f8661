"""Split clean article text into sentence spans (cheap, before any parsing)."""

from __future__ import annotations

import re

from sitrep.model import Span

_BOUNDARY = re.compile(r"[.!?][\"”’')\]]?(?=\s+[\"“‘'(\[]?[A-Z0-9–—-])|\n+")
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "gen", "maj", "col", "lt", "capt", "sgt", "brig", "cpl", "pvt", "adm", "gov",
    "sen", "rep", "st", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "u.s", "u.n", "u.k", "a.m", "p.m", "inc", "co", "corp", "prof", "jr", "sr", "e.g", "i.e",
})
_LAST_WORD = re.compile(r"([A-Za-z.]{1,6})$")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans over text[start:end]; a newline always ends a sentence (headings, list items)."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        stop = match.end() if match.group(0)[0] != "\n" else match.start()
        if match.group(0)[0] == ".":
            word = _LAST_WORD.search(text, max(cursor, match.start() - 6), match.start())
            if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
            if word and len(word.group(1)) == 1 and word.group(1).isupper():  # initials: "J. Smith"
                continue
        _add(text, cursor, stop, spans)
        cursor = match.end()
    _add(text, cursor, end, spans)
    return spans


def _add(text: str, start: int, stop: int, spans: list[Span]) -> None:
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop > start:
        spans.append(Span(start, stop))


def paragraph_of(text: str, position: int) -> Span:
    """The paragraph (block between blank lines) holding ``position``."""
    begin = text.rfind("\n\n", 0, position)
    begin = 0 if begin < 0 else begin + 2
    stop = text.find("\n\n", position)
    return Span(begin, len(text) if stop < 0 else stop)
