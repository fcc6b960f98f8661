"""Actor table: canonical actor names, ACLED inter codes, and a fast alias matcher.

The table lives in ``sitrep/data/actors.toml`` (a reviewed data file; its header documents every
field).  Nothing is read at import time: :meth:`ActorTable.load` parses the file when called.

Matching works on word tokens (``\\w+`` runs) walked through a token trie, so an article is
scanned once whatever the number of aliases.  Consequences, all deliberate:

* word boundaries are always respected ("IS" never matches inside "ISIS" or "this");
* spaces, hyphens and apostrophes between the words of an alias are interchangeable
  ("al-Shabaab" = "al Shabaab", "Da'esh" = "Da’esh"), and a hyphenated or apostrophised alias
  also matches written solid ("alShabaab", "Daesh");
* a possessive or quotes around a name are not part of it ("ISIS's", "Daesh’s", "“ISIS”");
* the longest alias at a position wins, mentions never overlap;
* a "." between words only matches where the alias has one ("U.S. forces"), so a sentence
  end never glues two words into one name.

One call of :meth:`ActorTable.find` looks at no more than :data:`MAX_FIND_CHARS` characters
(the same bound as ``Settings.max_article_chars``); split longer text and use ``start``/``end``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from sitrep.errors import InputError, ResourceMissing
from sitrep.model import ActorMention, Span

__all__ = [
    "KINDS",
    "MAX_FIND_CHARS",
    "ActorEntry",
    "ActorPeriod",
    "ActorTable",
    "alias_key",
]

MAX_FIND_CHARS = 200_000
"""Largest slice of text one :meth:`ActorTable.find` call scans; longer input raises InputError."""

KINDS = frozenset(
    {"state", "rebel", "militia", "civilians", "protesters", "rioters", "unidentified", "external"}
)

_TOKEN_RE = re.compile(r"\w+")
# What may stand between two words of one name: spaces, one line break, hyphens, apostrophes,
# a slash ("AFC/M23"), dots (checked against the alias separately).  Not an em dash.
_GAP_RE = re.compile(r"[\s\-\u2010\u2011\u2012\u2013'\u2019\u2018\u02bc`\u00b4/.]{1,4}")
_INTRA_APOSTROPHE_RE = re.compile(r"(?<=\w)['\u2019\u2018\u02bc`\u00b4](?=\w)")
_INTRA_HYPHEN_RE = re.compile(r"(?<=\w)[\-\u2010\u2011](?=\w)")
_PAREN_RE = re.compile(r"\([^()]*\)")
_PREFIX_RE = re.compile(r"^\s*([^:()]{1,40}):\s*(\S.*)$")
_ISO2_RE = re.compile(r"^[A-Z]{2}$")
_MAX_NAME_CHARS = 1_000

Mode = Literal["plain", "country", "context"]


def alias_key(text: str) -> str:
    """The form two names must share to be the same alias: case-folded words joined by one space."""
    return " ".join(tok.casefold() for tok in _TOKEN_RE.findall(text))


def _variants(alias: str) -> list[tuple[tuple[str, ...], frozenset[int]]]:
    """Token sequences an alias is matched as, each with the gap indices allowed to hold a dot."""
    forms = [alias]
    solid_apostrophe = _INTRA_APOSTROPHE_RE.sub("", alias)
    if solid_apostrophe != alias:
        forms.append(solid_apostrophe)
    for form in list(forms):
        solid_hyphen = _INTRA_HYPHEN_RE.sub("", form)
        if solid_hyphen != form:
            forms.append(solid_hyphen)
    out: list[tuple[tuple[str, ...], frozenset[int]]] = []
    seen: set[tuple[str, ...]] = set()
    for form in forms:
        matches = list(_TOKEN_RE.finditer(form))
        tokens = tuple(m.group() for m in matches)
        if not tokens or tokens in seen:
            continue
        seen.add(tokens)
        dotted = frozenset(
            k for k in range(len(matches) - 1) if "." in form[matches[k].end() : matches[k + 1].start()]
        )
        out.append((tokens, dotted))
    return out


# ───────────────────────────── records ─────────────────────────────


@dataclass(frozen=True, slots=True)
class ActorPeriod:
    """A time-bounded override of an actor's coding (e.g. the Taliban as state forces from 2021-08-15)."""

    valid_from: date | None
    valid_to: date | None
    inter: int
    kind: str
    home: str
    aliases: tuple[str, ...] = ()
    case_sensitive_aliases: tuple[str, ...] = ()
    country_context_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def covers(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor of the table. ``country_context_aliases`` is a tuple of (ISO2, phrases) pairs."""

    canonical: str
    inter: int
    home: str
    kind: str
    aliases: tuple[str, ...]
    case_sensitive_aliases: tuple[str, ...] = ()
    context_aliases: tuple[str, ...] = ()
    country_context_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    acled_names: tuple[str, ...] = ()
    valid_from: date | None = None
    valid_to: date | None = None
    sources: tuple[str, ...] = ()
    periods: tuple[ActorPeriod, ...] = field(default=())

    def active(self, on: date | None) -> bool:
        """Whether the actor exists on ``on`` (always true without a date)."""
        if on is None:
            return True
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )

    def period_on(self, on: date | None) -> ActorPeriod | None:
        """The override in force on ``on``; without a date, the open-ended (current) one, if any."""
        if on is None:
            current = [p for p in self.periods if p.valid_to is None]
            if not current:
                return None
            return max(current, key=lambda p: p.valid_from or date.min)
        for period in self.periods:
            if period.covers(on):
                return period
        return None

    def coding(self, on: date | None = None) -> tuple[int, str, str]:
        """(inter, kind, home) in force on ``on``."""
        period = self.period_on(on)
        if period is None:
            return self.inter, self.kind, self.home
        return period.inter, period.kind, period.home or self.home


# ───────────────────────────── loading ─────────────────────────────


def _bad(source: str, message: str) -> InputError:
    return InputError(
        f"{source}: {message}",
        hint="fix the actor table; its header documents every field",
        code="actors.invalid",
    )


def _str(raw: Mapping[str, Any], key: str, where: str, default: str = "") -> str:
    value = raw.get(key, default)
    if not isinstance(value, str):
        raise _bad(where, f"{key} must be a string")
    return value.strip()


def _str_list(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _bad(where, f"{key} must be a list of strings")
    out: list[str] = []
    for item in value:
        item = item.strip()
        if item and item not in out:
            out.append(item)
    return tuple(out)


def _date(raw: Mapping[str, Any], key: str, where: str) -> date | None:
    value = raw.get(key, "")
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise _bad(where, f"{key} must be a YYYY-MM-DD string")
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise _bad(where, f"{key} {value!r} is not a YYYY-MM-DD date") from None


def _inter(raw: Mapping[str, Any], where: str) -> int:
    value = raw.get("inter")
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 8:
        raise _bad(where, "inter must be an integer 1..8")
    return value


def _kind(raw: Mapping[str, Any], where: str, default: str = "") -> str:
    kind = _str(raw, "kind", where, default)
    if kind not in KINDS:
        raise _bad(where, f"kind {kind!r} is not one of {sorted(KINDS)}")
    return kind


def _home(raw: Mapping[str, Any], where: str, default: str = "") -> str:
    home = _str(raw, "home", where, default).upper()
    if home and not _ISO2_RE.match(home):
        raise _bad(where, f"home {home!r} is not an ISO 3166-1 alpha-2 code")
    return home


def _country_aliases(raw: Mapping[str, Any], where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    value = raw.get("country_context_aliases", {})
    if not isinstance(value, dict):
        raise _bad(where, "country_context_aliases must be a table of ISO2 = [phrases]")
    out: list[tuple[str, tuple[str, ...]]] = []
    for code, phrases in sorted(value.items()):
        iso = str(code).upper()
        if not _ISO2_RE.match(iso):
            raise _bad(where, f"country_context_aliases key {code!r} is not an ISO2 code")
        out.append((iso, _str_list({"p": phrases}, "p", f"{where} country_context_aliases.{iso}")))
    return tuple(out)


def _parse_entry(raw: Any, index: int, source: str) -> ActorEntry:
    where = f"{source} actor #{index + 1}"
    if not isinstance(raw, dict):
        raise _bad(where, "each [[actor]] must be a table")
    canonical = _str(raw, "canonical", where)
    if not canonical:
        raise _bad(where, "canonical is missing")
    where = f"{source} actor {canonical!r}"
    raw_periods = raw.get("period", [])
    if not isinstance(raw_periods, list):
        raise _bad(where, "period must be an array of tables ([[actor.period]])")
    home = _home(raw, where)
    periods: list[ActorPeriod] = []
    for p_index, p in enumerate(raw_periods):
        p_where = f"{where} period #{p_index + 1}"
        if not isinstance(p, dict):
            raise _bad(p_where, "each [[actor.period]] must be a table")
        period = ActorPeriod(
            valid_from=_date(p, "valid_from", p_where),
            valid_to=_date(p, "valid_to", p_where),
            inter=_inter(p, p_where),
            kind=_kind(p, p_where),
            home=_home(p, p_where, home),
            aliases=_str_list(p, "aliases", p_where),
            case_sensitive_aliases=_str_list(p, "case_sensitive_aliases", p_where),
            country_context_aliases=_country_aliases(p, p_where),
        )
        if period.valid_from is None and period.valid_to is None:
            raise _bad(p_where, "a period needs valid_from or valid_to")
        periods.append(period)
    entry = ActorEntry(
        canonical=canonical,
        inter=_inter(raw, where),
        home=home,
        kind=_kind(raw, where),
        aliases=_str_list(raw, "aliases", where),
        case_sensitive_aliases=_str_list(raw, "case_sensitive_aliases", where),
        context_aliases=_str_list(raw, "context_aliases", where),
        country_context_aliases=_country_aliases(raw, where),
        acled_names=_str_list(raw, "acled_names", where),
        valid_from=_date(raw, "valid_from", where),
        valid_to=_date(raw, "valid_to", where),
        sources=_str_list(raw, "sources", where),
        periods=tuple(periods),
    )
    if entry.valid_from and entry.valid_to and entry.valid_from > entry.valid_to:
        raise _bad(where, "valid_from is after valid_to")
    return entry


# ───────────────────────────── matching structures ─────────────────────────────


@dataclass(frozen=True, slots=True)
class _Term:
    entry: int
    mode: Mode
    country: str  # for mode "country"
    period: int  # index into entry.periods, -1 for none
    exact: tuple[str, ...] | None  # original-case tokens for case-sensitive aliases
    dotted: frozenset[int]


class _Node:
    __slots__ = ("children", "terms")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.terms: list[_Term] = []


def _window(entry: ActorEntry, period: ActorPeriod | None) -> tuple[date, date]:
    start = entry.valid_from or date.min
    end = entry.valid_to or date.max
    if period is not None:
        start = max(start, period.valid_from or date.min)
        end = min(end, period.valid_to or date.max)
    return start, end


class ActorTable:
    """The actor table with its alias matcher. Build with :meth:`load`."""

    __slots__ = ("_by_canonical", "_by_folded", "_entries", "_names", "_root", "_sensitive_names")

    def __init__(self, entries: Iterable[ActorEntry]) -> None:
        self._entries: tuple[ActorEntry, ...] = tuple(entries)
        self._by_canonical: dict[str, ActorEntry] = {}
        self._by_folded: dict[str, ActorEntry] = {}
        for entry in self._entries:
            if entry.canonical in self._by_canonical:
                raise _bad("actor table", f"canonical {entry.canonical!r} appears twice")
            self._by_canonical[entry.canonical] = entry
            self._by_folded.setdefault(alias_key(entry.canonical), entry)
        self._root = _Node()
        # name lookup for canonical(): key -> (entry index, window end) ; exact-case keys separately
        self._names: dict[str, tuple[int, date]] = {}
        self._sensitive_names: dict[str, tuple[int, date]] = {}
        for index, entry in enumerate(self._entries):
            self._index_entry(index, entry)

    # -- construction -------------------------------------------------------------------------

    def _add(self, alias: str, term_base: _Term, sensitive: bool) -> None:
        for tokens, dotted in _variants(alias):
            node = self._root
            for tok in tokens:
                node = node.children.setdefault(tok.casefold(), _Node())
            term = _Term(
                entry=term_base.entry,
                mode=term_base.mode,
                country=term_base.country,
                period=term_base.period,
                exact=tokens if sensitive else None,
                dotted=dotted,
            )
            if term not in node.terms:
                node.terms.append(term)

    def _add_name(self, name: str, index: int, end: date, sensitive: bool) -> None:
        for tokens, _dotted in _variants(name):
            if sensitive:
                key, table = " ".join(tokens), self._sensitive_names
            else:
                key, table = " ".join(t.casefold() for t in tokens), self._names
            held = table.get(key)
            if held is None or held[1] < end:
                table[key] = (index, end)

    def _index_entry(self, index: int, entry: ActorEntry) -> None:
        sensitive = set(entry.case_sensitive_aliases)
        end = _window(entry, None)[1]
        plain = _Term(index, "plain", "", -1, None, frozenset())
        for alias in (entry.canonical, *entry.aliases, *entry.case_sensitive_aliases):
            self._add(alias, plain, alias in sensitive)
            self._add_name(alias, index, end, alias in sensitive)
        for name in entry.acled_names:
            self._add_name(name, index, end, False)
        for alias in entry.context_aliases:
            self._add(alias, _Term(index, "context", "", -1, None, frozenset()), alias in sensitive)
        for country, phrases in entry.country_context_aliases:
            for alias in phrases:
                self._add(alias, _Term(index, "country", country, -1, None, frozenset()), alias in sensitive)
        for p_index, period in enumerate(entry.periods):
            p_sensitive = sensitive | set(period.case_sensitive_aliases)
            p_end = _window(entry, period)[1]
            base = _Term(index, "plain", "", p_index, None, frozenset())
            for alias in (*period.aliases, *period.case_sensitive_aliases):
                self._add(alias, base, alias in p_sensitive)
                self._add_name(alias, index, p_end, alias in p_sensitive)
            for country, phrases in period.country_context_aliases:
                for alias in phrases:
                    term = _Term(index, "country", country, p_index, None, frozenset())
                    self._add(alias, term, alias in p_sensitive)

    @classmethod
    def load(cls, path: Path | None = None) -> ActorTable:
        """Parse the actor table; by default the packaged ``sitrep/data/actors.toml``."""
        if path is None:
            source = "sitrep/data/actors.toml"
            try:
                raw_bytes = resources.files("sitrep.data").joinpath("actors.toml").read_bytes()
            except (FileNotFoundError, ModuleNotFoundError) as exc:
                raise ResourceMissing(
                    "the packaged actor table sitrep/data/actors.toml is missing",
                    hint="reinstall sitrep (pip install -e .) so its data files are present",
                    code="actors.missing",
                ) from exc
        else:
            source = str(path)
            try:
                raw_bytes = Path(path).read_bytes()
            except FileNotFoundError as exc:
                raise ResourceMissing(
                    f"actor table {source} not found",
                    hint="pass the path of an actors.toml file, or omit it to use the packaged one",
                    code="actors.missing",
                ) from exc
        try:
            data = tomllib.loads(raw_bytes.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise _bad(source, f"not valid UTF-8 TOML: {exc}") from exc
        raw_actors = data.get("actor")
        if not isinstance(raw_actors, list) or not raw_actors:
            raise _bad(source, "no [[actor]] tables")
        return cls(_parse_entry(raw, i, source) for i, raw in enumerate(raw_actors))

    # -- queries ------------------------------------------------------------------------------

    @property
    def entries(self) -> tuple[ActorEntry, ...]:
        return self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def entry(self, canonical: str) -> ActorEntry | None:
        """The entry for a canonical name (exact, then case-insensitive, then via :meth:`canonical`)."""
        found = self._by_canonical.get(canonical) or self._by_folded.get(alias_key(canonical))
        if found is not None:
            return found
        resolved = self.canonical(canonical)
        return self._by_canonical.get(resolved) if resolved is not None else None

    def inter(self, canonical: str, country: str = "", *, on: date | None = None) -> int | None:
        """The inter code of an actor; 8 for a state's forces acting outside their home country.

        ``country`` is the ISO2 code of the country the event happened in ("" when unknown);
        ``on`` selects time-bounded codings (without it, the current coding).
        """
        entry = self.entry(canonical)
        if entry is None:
            return None
        return self._inter_of(entry, country, on)

    @staticmethod
    def _inter_of(entry: ActorEntry, country: str, on: date | None) -> int:
        inter, kind, home = entry.coding(on)
        if kind == "state" and home and country and country.upper() != home:
            return 8
        return inter

    def _lookup_name(self, name: str) -> str | None:
        tokens = _TOKEN_RE.findall(name)
        if not tokens:
            return None
        held = self._sensitive_names.get(" ".join(tokens)) or self._names.get(
            " ".join(t.casefold() for t in tokens)
        )
        return self._entries[held[0]].canonical if held is not None else None

    def canonical(self, name: str) -> str | None:
        """Our canonical name for any alias, canonical or ACLED-style actor name, else None.

        "Islamic State (Iraq)", "Military Forces of Iraq (2020-)", "PMF: Popular Mobilization Forces",
        "Civilians (Iraq)" and "Military Forces of Iraq (2020-) Counter Terrorism Service" all resolve:
        exact names first (``acled_names`` included), then without an "X:" prefix, then without
        parenthetical qualifiers (the words after a qualifier first, then those before it).
        Context aliases ("the group") and country-context phrases are never names.
        """
        name = name.strip()
        if not name or len(name) > _MAX_NAME_CHARS:
            return None
        candidates = [name]
        prefixed = _PREFIX_RE.match(name)
        if prefixed:
            candidates += [prefixed.group(2), prefixed.group(1)]
        for candidate in candidates:
            found = self._lookup_name(candidate)
            if found is not None:
                return found
            if "(" not in candidate:
                continue
            after = candidate[candidate.rfind(")") + 1 :] if ")" in candidate else ""
            before = candidate[: candidate.find("(")]
            for part in (after, before, _PAREN_RE.sub(" ", candidate)):
                found = self._lookup_name(part) if part.strip() else None
                if found is not None:
                    return found
        return None

    # -- matching -----------------------------------------------------------------------------

    def find(
        self,
        text: str,
        start: int = 0,
        end: int | None = None,
        *,
        country: str = "",
        on: date | None = None,
        named_before: frozenset[str] = frozenset(),
    ) -> list[ActorMention]:
        """Every actor mention in ``text[start:end]``, in reading order, spans into ``text``.

        Longest alias wins; mentions never overlap; case-insensitive except case-sensitive aliases.
        Context aliases ("the organization") resolve only to an actor in ``named_before`` or named
        earlier in this call (the most recently named one; among several only in ``named_before``,
        which has no order, none).  Country-context aliases ("security forces") need ``country``
        (ISO2 of the article's country) and win over another actor's plain alias there.  With
        ``on``, time-bounded actors, periods and their aliases are respected.

        Raises InputError (code ``input.too_large``) when the slice exceeds MAX_FIND_CHARS.
        """
        length = len(text)
        stop = length if end is None else min(max(end, 0), length)
        begin = min(max(start, 0), length)
        if stop <= begin:
            return []
        if stop - begin > MAX_FIND_CHARS:
            raise InputError(
                f"actor matching was given {stop - begin} characters, more than {MAX_FIND_CHARS}",
                hint="split the text and call find() per window with start/end and named_before",
                code="input.too_large",
            )
        return self._scan(text, begin, stop, country.upper(), on, named_before)

    def find_in_article(self, text: str, *, country: str = "", on: date | None = None) -> list[ActorMention]:
        """All mentions in a whole article, context aliases resolved in reading order."""
        return self.find(text, country=country, on=on)

    def _scan(
        self, text: str, start: int, end: int, country: str, on: date | None, named_before: frozenset[str]
    ) -> list[ActorMention]:
        found = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text, start, end)]
        # a window boundary that cuts a word does not make its pieces words
        if (
            found
            and start > 0
            and found[0][0] == start
            and (text[start - 1].isalnum() or text[start - 1] == "_")
        ):
            found.pop(0)
        if found and end < len(text) and found[-1][1] == end and (text[end].isalnum() or text[end] == "_"):
            found.pop()
        folded = [tok.casefold() for _s, _e, tok in found]
        root = self._root.children
        seen: list[str] = []
        mentions: list[ActorMention] = []
        count = len(found)
        i = 0
        while i < count:
            node = root.get(folded[i])
            if node is None:
                i += 1
                continue
            hits: list[tuple[int, _Node]] = []
            j = i
            while True:
                if node.terms:
                    hits.append((j, node))
                j += 1
                if j >= count:
                    break
                gap = text[found[j - 1][1] : found[j][0]]
                if gap.count("\n") > 1 or not _GAP_RE.fullmatch(gap):
                    break
                nxt = node.children.get(folded[j])
                if nxt is None:
                    break
                node = nxt
            chosen: tuple[int, ActorEntry] | None = None
            for last, hit in reversed(hits):
                entry = self._resolve(hit.terms, text, found, i, last, country, on, named_before, seen)
                if entry is not None:
                    chosen = (last, entry)
                    break
            if chosen is None:
                i += 1
                continue
            last, entry = chosen
            s, e = found[i][0], found[last][1]
            mentions.append(
                ActorMention(
                    text=text[s:e],
                    span=Span(s, e),
                    canonical=entry.canonical,
                    inter=self._inter_of(entry, country, on),
                )
            )
            seen.append(entry.canonical)
            i = last + 1
        return mentions

    def _resolve(
        self,
        terms: Sequence[_Term],
        text: str,
        found: Sequence[tuple[int, int, str]],
        first: int,
        last: int,
        country: str,
        on: date | None,
        named_before: frozenset[str],
        seen: Sequence[str],
    ) -> ActorEntry | None:
        plain: list[_Term] = []
        by_country: list[_Term] = []
        context: list[_Term] = []
        dots = {k for k in range(last - first) if "." in text[found[first + k][1] : found[first + k + 1][0]]}
        for term in terms:
            if term.exact is not None and term.exact != tuple(tok for _s, _e, tok in found[first : last + 1]):
                continue
            if not dots <= term.dotted:
                continue
            entry = self._entries[term.entry]
            if on is not None and not (
                entry.active(on) and (term.period < 0 or entry.periods[term.period].covers(on))
            ):
                continue
            if term.mode == "plain":
                plain.append(term)
            elif term.mode == "country":
                if country and term.country == country:
                    by_country.append(term)
            else:
                context.append(term)
        for group in (by_country, plain):
            if group:
                return self._latest(group)
        if not context:
            return None
        candidates = {self._entries[t.entry].canonical: self._entries[t.entry] for t in context}
        for name in reversed(seen):
            if name in candidates:
                return candidates[name]
        earlier = [entry for name, entry in candidates.items() if name in named_before]
        return earlier[0] if len(earlier) == 1 else None

    def _latest(self, terms: Sequence[_Term]) -> ActorEntry:
        """Among candidates for one alias, the one whose validity window ends last (data order on ties)."""

        def window_end(term: _Term) -> date:
            entry = self._entries[term.entry]
            return _window(entry, entry.periods[term.period] if term.period >= 0 else None)[1]

        best = terms[0]
        for term in terms[1:]:
            if window_end(term) > window_end(best):
                best = term
        return self._entries[best.entry]
