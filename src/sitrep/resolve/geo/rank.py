"""Toponym disambiguation: pick one gazetteer record per mention and code ACLED geo_precision.

Evidence, summed per candidate (weights in ``_score``):

* the article's country (most places named in it, plus demonyms, or the caller's hint);
* a parent named nearby ("Tarmiyah, north of Baghdad", "Hit, in Anbar province"): same admin1
  or within 150 km of the parent;
* feature-class fit with the words around the name ("mountains" → T, "lake" → H,
  "province" → admin1, "district" → admin2);
* a population prior (log-scaled) and a small bonus for reviewed (curated) records.

geo_precision follows ACLED: 1 the town itself; 2 near a town ("30 km south of Kirkuk",
"on the outskirts of Mosul"), a district or a point facility; 3 a province, country or a large
area such as a mountain range, a desert, a lake or a wadi.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

from sitrep.model import Place, Span
from sitrep.resolve.geo.gazetteer import Candidate, Gazetteer, effective_population, haversine_km
from sitrep.resolve.geo.recognize import MAX_TEXT_CHARS, PlaceMention, find_place_mentions

PARENT_WINDOW = 160  # characters around a mention searched for a parent place
PARENT_KM = 150.0

DEMONYMS: dict[str, str] = {
    "iraqi": "IQ", "iraqis": "IQ", "syrian": "SY", "syrians": "SY", "turkish": "TR", "iranian": "IR",
    "lebanese": "LB", "libyan": "LY", "yemeni": "YE", "afghan": "AF", "pakistani": "PK",
    "nigerian": "NG", "somali": "SO", "israeli": "IL", "palestinian": "PS", "jordanian": "JO",
    "saudi": "SA", "egyptian": "EG", "malian": "ML", "sudanese": "SD", "ukrainian": "UA",
    "kurdistan": "IQ", "peshmerga": "IQ", "erbil": "IQ",
}  # fmt: skip
_DEMONYM_RE = re.compile(r"\b(" + "|".join(sorted(DEMONYMS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_ATTACK_VERBS = frozenset(
    {"hit", "struck", "attacked", "targeted", "shelled", "bombed", "raided", "stormed", "targeting",
     "bombarded", "captured", "seized", "overran", "besieged", "liberated", "retook", "recaptured"}
)  # fmt: skip
_ATTACK_ON = re.compile(
    r"\b(?:attacks?|strikes?|airstrikes?|assault|bombing|raids?|explosion|blast|clash(?:es)?|fighting|"
    r"ambush|offensive|shelling)\s+(?:on|in|at|near|against|targeting)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_EVENT_CUES = frozenset({"in", "at", "near", "outside", "around", "inside", "into", "within", "on", "outskirts of"})


_APOSTROPHES = str.maketrans({q: "'" for q in "’‘ʿʾʻʼ`´"})


def display_name(name: str) -> str:
    """The location name as output: GeoNames' name without diacritics ("Sinjār" → "Sinjar")."""
    s = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    return unicodedata.normalize("NFC", "".join(ch for ch in s if not unicodedata.combining(ch)))


def precision_of(c: Candidate, m: PlaceMention | None = None) -> int:
    """ACLED geo_precision for a candidate as mentioned."""
    if c.is_country or c.is_admin1:
        return 3
    if c.feature_class in ("T", "H"):
        return 3
    if c.feature_class == "A":
        return 2
    if c.feature_class == "S":
        return 2
    # populated place
    if m is not None:
        if m.relation in ("near", "outskirts", "distance", "direction"):
            return 2
        if m.feature_hint in ("ADM2", "T", "H"):
            return 2  # "Tikrit district", "the Tikrit desert"
    return 1


def _fit(c: Candidate, hint: str) -> float:
    if not hint:
        return 0.0
    if hint == "A":
        return 5.0 if c.is_admin1 else -1.0
    if hint == "ADM2":
        return 3.0 if c.feature_code == "ADM2" else (1.0 if c.feature_class == "P" else 0.0)
    if hint == "S":
        return 3.0 if c.feature_class == "S" else 0.0
    if hint == "P":
        return 3.0 if c.feature_class == "P" else 0.0
    if hint == "H":
        return 4.0 if c.feature_class in ("H", "S") else 0.0
    if hint == "T":
        return 4.0 if c.feature_class == "T" else 0.0
    return 0.0


def _score(
    c: Candidate, m: PlaceMention, country: str | None, parents: Sequence[tuple[int, Candidate, float]]
) -> float:
    s = 0.0
    if country and c.country_iso2 == country:
        s += 4.0
    s += _fit(c, m.feature_hint)
    s += min(3.5, math.log10(effective_population(c) + 1) / 2)
    if "curated" in c.source:
        s += 0.5
    if c.is_preferred:
        s += 0.3
    if c.feature_class == "P":
        s += 1.0  # a bare name is a town before it is a district or a province of that name
    elif c.feature_code == "ADM2":
        s -= 0.5
    if c.is_country:
        s += 2.0
    # one vote per neighbouring mention: its best-supporting reading, discounted unless it is the pick
    best_by_neighbour: dict[int, float] = {}
    for nb, p, weight in parents:
        best_by_neighbour[nb] = max(best_by_neighbour.get(nb, 0.0), weight * _support(c, p))
    s += sum(best_by_neighbour.values())
    return s


def _support(c: Candidate, p: Candidate) -> float:
    """How much a place named nearby (``p``) supports reading the mention as ``c``."""
    if p.place_id == c.place_id:
        return 0.0
    if p.is_country:
        return 2.0 if p.country_iso2 == c.country_iso2 else 0.0
    if p.country_iso2 != c.country_iso2:
        return 0.0
    s = 0.0
    if p.admin1_code and p.admin1_code == c.admin1_code:
        s += 3.0 if p.is_admin1 else 1.5
    if (
        p.latitude is not None and p.longitude is not None and c.latitude is not None
        and c.longitude is not None
        and haversine_km(p.latitude, p.longitude, c.latitude, c.longitude) <= PARENT_KM
    ):  # fmt: skip
        s += 2.0
    return s


def _best(m: PlaceMention, country: str | None, parents: Sequence[tuple[int, Candidate, float]]) -> Candidate:
    best, best_score = m.candidates[0], -math.inf
    for c in m.candidates:
        sc = _score(c, m, country, parents)
        if sc > best_score:
            best, best_score = c, sc
    return best


class Geocoder:
    """Finds and resolves the places an article names."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._country_cache: dict[tuple[int, int], str | None] = {}

    # ------------------------------------------------------------------ country
    def _country_votes(self, text: str, mentions: Sequence[PlaceMention]) -> dict[str, float]:
        votes: dict[str, float] = {}
        for m in mentions:
            if m.role == "origin":
                continue
            countries = {c.country_iso2 for c in m.candidates}
            if any(c.is_country for c in m.candidates):
                best = max(m.candidates, key=lambda c: (c.is_country, c.population))
                votes[best.country_iso2] = votes.get(best.country_iso2, 0.0) + 1.5
            elif len(countries) == 1:
                (only,) = countries
                votes[only] = votes.get(only, 0.0) + 1.0
            else:
                by_cc: dict[str, float] = {}
                for c in m.candidates:
                    by_cc[c.country_iso2] = max(by_cc.get(c.country_iso2, 0), effective_population(c))
                # one vote shared by the namesakes' countries, by the square root of population
                weights = {cc: math.sqrt(pop + 100) for cc, pop in by_cc.items()}
                total = sum(weights.values())
                for cc, w in weights.items():
                    votes[cc] = votes.get(cc, 0.0) + w / total
        for dm in _DEMONYM_RE.finditer(text[:MAX_TEXT_CHARS]):
            cc = DEMONYMS[dm.group(1).lower()]
            votes[cc] = votes.get(cc, 0.0) + 0.5
        return votes

    def article_country(self, text: str) -> str | None:
        """ISO alpha-2 code of the country the article is mostly about, or None (cached per text)."""
        ck = (len(text), hash(text))
        if ck in self._country_cache:
            return self._country_cache[ck]
        if len(self._country_cache) > 1024:
            self._country_cache.clear()
        result = self._article_country(text)
        self._country_cache[ck] = result
        return result

    def _article_country(self, text: str) -> str | None:
        mentions = find_place_mentions(text, self.gazetteer)
        votes = self._country_votes(text, mentions)
        if not votes:
            return None
        ranked = sorted(votes.items(), key=lambda kv: -kv[1])
        cc, n = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        return cc if n >= 0.5 or (n >= 0.3 and n >= 1.5 * runner_up) else None

    # ------------------------------------------------------------------ places
    def places_in(
        self, text: str, start: int = 0, end: int | None = None, *, country_hint: str | None = None
    ) -> list[Place]:
        """Every place named in ``text[start:end]``, resolved; spans index into ``text``."""
        country = country_hint.upper() if country_hint else self.article_country(text)
        mentions = find_place_mentions(text, self.gazetteer, start, end, country_hint=country)
        return [self._to_place(m, c) for m, c in self.resolve(mentions, country)]

    def resolve(self, mentions: Sequence[PlaceMention], country: str | None) -> list[tuple[PlaceMention, Candidate]]:
        """Pick one candidate per mention (two passes: alone, then with nearby parents)."""
        first = [_best(m, country, ()) for m in mentions]
        out: list[tuple[PlaceMention, Candidate]] = []
        for idx, m in enumerate(mentions):
            parents: list[tuple[int, Candidate, float]] = []
            for k, other in enumerate(mentions):
                if k == idx or abs(other.span.start - m.span.start) > PARENT_WINDOW or other.key == m.key:
                    continue
                # a confident neighbour (one reading, or one in the article's country) counts fully;
                # an ambiguous one little, so two foreign namesakes cannot prop each other up
                sure = len(other.candidates) == 1 or (country is not None and first[k].country_iso2 == country)
                parents.append((k, first[k], 1.0 if sure else 0.3))
                parents.extend((k, oc, 0.2) for oc in other.candidates[:20] if oc is not first[k])
            out.append((m, _best(m, country, parents)))
        return out

    def _to_place(self, m: PlaceMention, c: Candidate) -> Place:
        ctry = self.gazetteer.country(c.country_iso2)
        return Place(
            name=display_name(c.name),
            span=Span(m.span.start, m.span.end),
            geonameid=c.geonameid,
            feature_class=c.feature_class,
            feature_code=c.feature_code,
            country=ctry.name if ctry else c.country_iso2,
            iso=ctry.numeric if ctry else None,
            admin1=c.admin1,
            admin2=c.admin2,
            latitude=c.latitude,
            longitude=c.longitude,
            geo_precision=precision_of(c, m),
        )

    # ------------------------------------------------------------------ event place
    def event_place(self, places: Sequence[Place], sentence: str, sentence_start: int) -> Place | None:
        """Where the event in ``sentence`` happened, among ``places`` (spans index the article)."""
        s_end = sentence_start + len(sentence)
        inside = [p for p in places if sentence_start <= p.span.start and p.span.end <= s_end]
        if not inside:
            return None
        inside.sort(key=lambda p: p.span.start)
        best: tuple[float, Place] | None = None
        for idx, p in enumerate(inside):
            rel_start = p.span.start - sentence_start
            rel_end = p.span.end - sentence_start
            before = sentence[max(0, rel_start - 40) : rel_start]
            after = sentence[rel_end : rel_end + 40]
            score = 0.0
            cue = _cue(before)
            if cue in _EVENT_CUES:
                score += 3.0
            elif cue in _ATTACK_VERBS:
                score += 2.0
            elif cue == "from":
                score -= 2.0
            if _ATTACK_ON.search(before):
                score += 2.0  # "a drone attack on Harir air base", "clashes in Hit"
            if re.match(r"[-‑–]\s?(?:based|born|headquartered)\b", after) or re.match(
                r"\s+(?:Operations|Command|Police|Council|Governor|Provincial|University)\b", after
            ):
                score -= 6.0
            prec = p.geo_precision or 3
            score += (3 - prec) * 1.5
            if p.feature_class == "A" and p.feature_code.startswith("PCL"):
                score -= 3.0
            # a reference point or a parent of a more precise place named just before it
            if idx > 0 and _is_reference(before):
                prev = inside[idx - 1]
                if (prev.geo_precision or 3) <= prec or rel_start - (prev.span.end - sentence_start) <= 40:
                    score -= 4.0
            is_admin = p.feature_class == "A"
            if (is_admin or prec == 3) and any(
                q is not p
                and q.admin1 == p.admin1
                and ((q.geo_precision or 3) < prec or (is_admin and q.feature_class != "A"))
                for q in inside
            ):
                score -= 2.0
            score -= idx * 0.01
            if best is None or score > best[0]:
                best = (score, p)
        return best[1] if best else None

    def places_and_event(
        self, text: str, sentence_start: int, sentence_end: int, *, country_hint: str | None = None
    ) -> tuple[list[Place], Place | None]:
        """Convenience: resolve the places of one sentence and pick the event place."""
        places = self.places_in(text, sentence_start, sentence_end, country_hint=country_hint)
        return places, self.event_place(places, text[sentence_start:sentence_end], sentence_start)


_REFERENCE = re.compile(
    r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?(?:\s+of)?|"
    r"\bof|\bin|,)\s*(?:the\s+)?(?:city\s+of\s+|province\s+of\s+|governorate\s+of\s+)?$",
    re.IGNORECASE,
)


def _is_reference(before: str) -> bool:
    """True when the words before a place make it a parent/reference: ", north of X", ", in X"."""
    tail = before[-40:]
    return bool(
        re.search(r",\s*(?:\d[\d.,]*\s*(?:km|kilometers|kilometres|miles)\s+)?\w*\s*(?:of|in)?\s*(?:the\s+)?$", tail)
        and _REFERENCE.search(tail)
    )


def _cue(before: str) -> str:
    b = before.rstrip().lower()
    if re.search(r"outskirts\s+of(?:\s+the)?$", b):
        return "outskirts of"
    m = re.search(r"([a-z]+)(?:\s+the)?(?:\s+(?:city|town|village|province|governorate|district)\s+of)?$", b)
    return m.group(1) if m else ""
