"""Who says so: the claimant of a statement and the outlet it is attributed to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sitrep.extraction.nlp import coarse_pos
from sitrep.model import Span

REPORTING_VERBS = frozenset({
    "said", "says", "say", "reported", "reports", "told", "tells", "stated", "states", "announced", "announces",
    "claimed", "claims", "confirmed", "confirms", "added", "noted", "declared", "quoted", "emphasized",
    "emphasised", "explained", "revealed", "disclosed", "indicated", "mentioned", "affirmed", "asserted",
})
_OUTLET_WORDS = re.compile(
    r"\b(?:News|Agency|TV|Television|Reuters|AFP|AP|Associated Press|Press|Times|Post|Jazeera|Rudaw|Kurdistan ?24|"
    r"Shafaq|Sky News|BBC|CNN|Arabia|Network|Channel|Radio|Newspaper|Gazette|Observatory|SANA|INA|Anadolu|Xinhua|"
    r"Amaq|al-Sumaria|Alsumaria|Baghdad Today|Asharq|Al-Monitor)\b")
_ACCORDING_TO = re.compile(r"\baccording to\s+((?:[^,.;:\n]){1,120})", re.IGNORECASE)
_TITLES = re.compile(
    r"\b(?:Major General|Maj\.? Gen\.?|Lieutenant General|Lt\.? Gen\.?|Brigadier General|Brig\.? Gen\.?|Brigadier|"
    r"General|Gen\.|Colonel|Col\.|Lieutenant Colonel|Lt\.? Col\.?|Lieutenant|Captain|Capt\.|Major|Maj\.|Sergeant|"
    r"Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sheikh)\s+")
_TRIM_TAIL = re.compile(r"\s+(?:that|who|which|in a statement|on \w+day)\b.*$", re.IGNORECASE)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})


@dataclass(frozen=True, slots=True)
class Attribution:
    claimant: str = ""
    claimant_span: Span | None = None
    source: str = ""
    source_span: Span | None = None


def is_outlet(name: str) -> bool:
    return bool(_OUTLET_WORDS.search(name))


def find_attribution(sent: Any, offset: int) -> Attribution:
    """Attribution within one parsed sentence (a spaCy Span); offsets are shifted by ``offset``."""
    text = sent.text
    claimant, claimant_span, source, source_span = "", None, "", None
    for m in _ACCORDING_TO.finditer(text):
        phrase = _TRIM_TAIL.sub("", m.group(1)).strip()
        start = offset + m.start(1)
        span = Span(start, start + len(phrase))
        if is_outlet(phrase):
            if not source:
                source, source_span = _strip_article(phrase), span
        elif not claimant:
            claimant, claimant_span = phrase, span
    for token in sent:
        if token.text.lower() not in REPORTING_VERBS or coarse_pos(token) not in ("VERB", "AUX"):
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            continue
        if subjects[0].text.lower() in _PRONOUNS:
            continue
        left = min(s.left_edge.i for s in subjects)
        right = max(s.right_edge.i for s in subjects)
        phrase_tokens = [t for t in sent.doc[left : right + 1] if t.dep_ != "punct" or t.text in "-'"]
        if not phrase_tokens:
            continue
        p_start = phrase_tokens[0].idx
        p_end = phrase_tokens[-1].idx + len(phrase_tokens[-1].text)
        phrase = sent.doc.text[p_start:p_end]
        if is_outlet(phrase) and not source:
            source, source_span = _strip_article(phrase), Span(offset + p_start - sent.start_char,
                                                              offset + p_end - sent.start_char)
            continue
        if re.match(r"(?:no|none|nobody|no one)\b", phrase, re.IGNORECASE):
            continue
        if not claimant:
            claimant = _format_claimant(phrase, _person_name(sent.doc[left:right + 1]))
            claimant_span = Span(offset + p_start - sent.start_char, offset + p_end - sent.start_char)
    return Attribution(claimant, claimant_span, source, source_span)


_NOT_NAME_WORDS = frozenset({
    "command", "ministry", "forces", "force", "army", "police", "agency", "council", "office", "cell", "service",
    "news", "government", "directorate", "department", "brigade", "division", "state", "group", "committee",
    "operations", "security", "media", "spokesman", "spokeswoman", "spokesperson", "commander", "official",
    "governor", "minister", "mayor", "chief", "head", "director", "member", "source", "officer", "general",
    "major", "colonel", "brigadier", "lieutenant", "captain", "sheikh", "mr", "mrs", "ms", "dr", "the",
})


def _person_name(phrase: Any) -> str:
    """The last run of capitalised proper nouns in a subject phrase, read as a person's name ("Tahsin al-Khafaji")."""
    tokens = list(phrase)
    end = len(tokens)
    while end > 0 and tokens[end - 1].tag_ not in ("NNP", "NNPS"):
        end -= 1
    start = end
    while start > 0 and (tokens[start - 1].tag_ in ("NNP", "NNPS") or tokens[start - 1].text in ("-", "al", "el")) \
            and tokens[start - 1].text.lower() not in _NOT_NAME_WORDS:
        start -= 1
    name_tokens = tokens[start:end]
    if len(name_tokens) < 2 or any(t.text.lower() in _NOT_NAME_WORDS for t in name_tokens):
        return ""
    first, last = name_tokens[0], name_tokens[-1]
    return str(phrase.doc.text[first.idx:last.idx + len(last.text)])


def _strip_article(phrase: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE)


def _format_claimant(phrase: str, person: str) -> str:
    """'Joint Operations Command spokesman Major General Tahsin al-Khafaji' → 'Tahsin al-Khafaji (Joint Operations
    Command spokesman)'."""
    person = _TITLES.sub("", person + " ").strip()
    if not person or person not in phrase:
        return _strip_article(phrase.strip(" ,"))
    role = phrase.replace(person, " ")
    role = _TITLES.sub(" ", role + " ")
    role = re.sub(r"\s+", " ", role).strip(" ,")
    role = _strip_article(role)
    return f"{person} ({role})" if role else person
