"""The event cue lexicon (data/event_types.toml) compiled into word-boundary regexes."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sitrep.model import Span


@dataclass(frozen=True, slots=True)
class EventTypeRule:
    sub_event_type: str
    event_type: str
    needs: tuple[str, ...]
    pattern: re.Pattern[str]
    exclude: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str  # killed, injured, arrested, abducted, displaced, destroyed, seized, attacked, protested, rioted, foiled
    span: Span
    text: str


def _alternation(words: list[str]) -> re.Pattern[str]:
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: tuple[tuple[str, re.Pattern[str]], ...]
    types: tuple[EventTypeRule, ...]
    demonyms: tuple[tuple[str, str], ...] = ()

    @classmethod
    def load(cls, path: Path | None = None) -> Lexicon:
        if path is None:
            raw = resources.files("sitrep.data").joinpath("event_types.toml").read_bytes()
        else:
            raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
        verbs = tuple((kind, _alternation(words)) for kind, words in data["verbs"].items())
        types = tuple(
            EventTypeRule(t["sub_event_type"], t["event_type"], tuple(t.get("needs", ())), _alternation(t["cues"]),
                          _alternation(t["exclude"]) if t.get("exclude") else None)
            for t in data["types"]
        )
        return cls(verbs, types, tuple(data.get("demonyms", {}).items()))

    def cues(self, text: str, start: int, end: int) -> list[Cue]:
        found: list[Cue] = []
        for kind, pattern in self.verbs:
            for m in pattern.finditer(text, start, end):
                found.append(Cue(kind, Span(m.start(), m.end()), m.group(0)))
        found.sort(key=lambda c: (c.span.start, -c.span.end))
        return found

    def classify(self, text: str, start: int, end: int, kinds: set[str]) -> tuple[EventTypeRule, Span] | None:
        """The first type rule whose cues occur in text[start:end] and whose needed verb kinds are present."""
        for rule in self.types:
            if rule.needs and not kinds.intersection(rule.needs):
                continue
            blocked = [Span(x.start(), x.end()) for x in rule.exclude.finditer(text, start, end)] if rule.exclude \
                else []
            for m in rule.pattern.finditer(text, start, end):
                if not any(b.start <= m.start() < b.end for b in blocked):
                    return rule, Span(m.start(), m.end())
        return None
