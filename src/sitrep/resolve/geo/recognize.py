"""Find place names in raw text by matching the gazetteer, not by trusting NER.

spaCy tags "Nineveh" and "Wadi al-Shay" as PERSON, so we scan the text ourselves:

1. tokenize into words with offsets (hyphens and apostrophes stay inside a word);
2. group runs of capitalised words, allowing lowercase Arabic articles and connectors
   ("al-", "bin", "of") and feature words ("mountains", "desert", "lake", "province"...);
3. inside each run try the longest n-gram (≤ 5 words) first, fold it and look it up;
4. filter matches that are likely common words or people: stopwords, words after a title
   ("Major General Tahsin"), small places with no locative cue and no country match.

The result is a list of :class:`PlaceMention` with every candidate; :mod:`rank` picks one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.model import Span
from sitrep.resolve.geo.gazetteer import Candidate, Gazetteer, effective_population
from sitrep.resolve.geo.names import ARTICLES, fold

MAX_TEXT_CHARS = 200_000
MAX_NGRAM = 5
MIN_POPULATION_BARE = 100_000  # a lone 1-word town name with no cue needs this many people

_WORD = re.compile(r"[^\W\d_](?:[\w]|['’‘ʿ`-](?=\w))*", re.UNICODE)
_LOWER_SUFFIX = re.compile(r"[-‑–](?!(?:al|el|ad|ar|as|ash|at|az|an|ez|ed)[-'’])(?=[a-z])")
_ART_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ez|ed)[-'’‘]", re.IGNORECASE)

CONNECTORS = frozenset({*ARTICLES, "bin", "bani", "abu", "of", "de", "du", "la", "le", "i"})
FEATURE_WORDS: dict[str, str] = {
    "mountains": "T", "mountain": "T", "mount": "T", "mountainous": "T", "range": "T", "ridge": "T",
    "hills": "T", "desert": "T", "deserts": "T", "plain": "T", "plains": "T",
    "island": "T", "peninsula": "T",
    "lake": "H", "river": "H", "dam": "S", "reservoir": "H", "wadi": "H", "valley": "H", "marshes": "H",
    "province": "A", "governorate": "A", "governorates": "A", "provinces": "A",
    "district": "ADM2", "districts": "ADM2", "subdistrict": "ADM2", "sub-district": "ADM2", "region": "",
    "crossing": "S", "base": "S", "airbase": "S", "air": "", "airport": "S", "camp": "S",
    "border": "", "city": "P", "town": "P", "village": "P", "area": "", "areas": "", "outskirts": "",
}  # fmt: skip
_SKIP_START = frozenset({"the", "a", "an", "this", "that", "these", "those"})
# Place names that are also ordinary words: taken only with a locative cue or a parent after them.
AMBIGUOUS_WORDS = frozenset(
    {"hit", "ana", "bab", "balad", "sur", "zap", "gara", "matin", "rabia", "hol", "tuz", "safra",
     "riyadh", "conoco", "k1", "t4", "tanf", "harir", "badia", "sinjar", "tharthar"}
)  # fmt: skip
_ADMIN_SUFFIX = frozenset({"province", "governorate", "provinces", "governorates"})
_TRAILING_GENERIC = frozenset(
    {"mountains", "mountain", "range", "desert", "deserts", "lake", "valley", "province", "governorate",
     "district", "subdistrict", "sub-district", "region", "city", "town", "village", "area", "areas",
     "hills", "plain", "plains", "river", "border", "crossing", "camp"}
)  # fmt: skip

# Capitalised words that are place names somewhere but almost never places in news copy.
STOPWORDS = frozenset(
    """
    a an the this that these those he she it we they i you his her its our their my january february
    march april may june july august september october november december monday tuesday wednesday
    thursday friday saturday sunday major general minister president prime security command source
    sources police army forces force operations operation joint news agency state islamic said says
    according regarding lake mount wadi desert mountains valley province governorate district city
    town village north south east west northern southern eastern western central upper lower new old
    great al el ali mohammed muhammad ahmed ahmad hassan hussein omar abu abdul abdullah khalid
    saddam mustafa mahmoud salim jabal jebel tal tall tell ain ayn ras deir dayr bab daesh isis isil
    sky arabia arab kurdish kurd kurds iraqi syrian turkish american british russian iranian sunni
    shia shiite christian yazidi turkmen national international federal popular mobilization
    coalition ministry defence defense interior council committee governor spokesman commander chief
    colonel lieutenant brigadier captain sergeant officer mr mrs ms dr sheikh sheik imam emir king
    prince us un eu uk usa nato independence liberty victory hope union unity peace justice freedom
    progress media press times post telegraph reuters associated republic democratic split nice
    mobile reading orange bath deal buffalo phoenix aurora concord providence mission enterprise
    paradise eden people party front movement brigades brigade division battalion in on at by for
    from with as of to and or but if after before during while since until when where who what which
    there here all some many most more other such no not one two three four five six seven eight nine
    ten last next first second third editing reporting writing additional agence presse
    """.split()  # noqa: SIM905
)
TITLES = frozenset(
    """
    mr mrs ms dr sheikh sheik imam emir king prince president minister general major colonel
    lieutenant brigadier captain sergeant spokesman spokeswoman commander governor mayor chief
    expert analyst official officer correspondent reporter journalist pope cardinal judge senator mp
    deputy lawmaker director leader head
    """.split()  # noqa: SIM905
)
# Words after a place name that make it an attribute of an organisation or a person's home.
ORG_FOLLOWERS = frozenset(
    """
    operations command police council governor provincial university club brigade brigades division
    directorate health airport-based based news agency tribe tribes tribal clan province's
    """.split()  # noqa: SIM905
)
LOCATIVE_CUES = frozenset(
    """
    in at near outside around inside into to toward towards from across through within of between
    along on via reached entered stormed captured attacked bombed shelled targeted hit struck raided
    targeting seized liberated retook recaptured besieged bombarded overran
    """.split()  # noqa: SIM905
)


# Folded names that are institutions or outlets far more often than places.
STOP_NAMES = (
    "White House", "al-Jazeera", "Pentagon", "Kremlin", "Capitol Hill", "Downing Street", "Wall Street",
    "Elysee", "Foggy Bottom", "Whitehall", "Quai d'Orsay", "Sky News Arabia", "Jazeera Net",
)  # fmt: skip


@lru_cache(maxsize=1)
def _stop_keys() -> frozenset[str]:
    return frozenset(fold(n) for n in STOP_NAMES)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A stretch of text that names a place, with every gazetteer candidate for it."""

    text: str
    span: Span
    key: str
    candidates: tuple[Candidate, ...]
    feature_hint: str = ""  # "T", "H", "S", "A", "ADM2", "P" or "" from a feature word
    cue: str = ""  # the locative word before the name ("in", "near", "north of", "outskirts of", ...)
    relation: str = ""  # "", "near", "outskirts", "direction", "distance"
    role: str = ""  # "", "org" (Nineveh Operations Command), "origin" (Baghdad-based, from Mosul)
    sentence_initial: bool = False
    parent_after: bool = False  # ", in Anbar province", " in Diyala", ", north of Baghdad" follows
    name_follows: bool = False  # another capitalised word follows ("Victoria Taylor", "Atlantic Council")
    name_precedes: bool = False  # a capitalised non-place word comes just before ("Paris Chen")


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int
    lower: str
    cap: bool


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _WORD.finditer(text, start, end):
        w = m.group(0)
        body = _ART_PREFIX.sub("", w)
        cap = bool(body) and body[0].isupper()
        # "Baghdad's", "Sinjar’s": drop the possessive
        if len(w) > 3 and w[-2] in "'’" and w[-1] in "sS":
            w = w[:-2]
            body = body[:-2] if len(body) > 2 else body
        # "Baghdad-based", "Iraq-wide": the name ends at a hyphen followed by a lowercase word
        cut = _LOWER_SUFFIX.search(body)
        if cut is not None and cap:
            w = w[: len(w) - len(body) + cut.start()]
        out.append(_Tok(w, m.start(), m.start() + len(w), w.lower(), cap))
    return out


def _joinable(text: str, a: _Tok, b: _Tok) -> bool:
    gap = text[a.end : b.start]
    return len(gap) <= 2 and gap.strip() == ""


def _word_ok_in_name(t: _Tok) -> bool:
    return t.cap or t.lower in CONNECTORS or t.lower in FEATURE_WORDS


_RELATIVE = re.compile(
    r"(?P<dist>\d[\d.,]*\s*(?:km|kilometers|kilometres|miles|mi)\s+)?"
    r"(?P<dir>(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west|northern|southern|eastern|western)(?:\s+of)?)\s*$",
    re.IGNORECASE,
)
_NEAR = re.compile(
    r"(?:(?P<outskirts>outskirts\s+of)|(?P<near>near|nearby|close\s+to|outside(?:\s+of)?|around|"
    r"vicinity\s+of|edge\s+of|environs\s+of|surroundings\s+of|countryside\s+of|rural|suburbs?\s+of|"
    r"areas?\s+(?:around|near)))\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?$",
    re.IGNORECASE,
)
_CUE = re.compile(r"(?P<cue>\b[a-z]+)\s+(?:the\s+)?(?:(?:city|town|village|province|governorate|"
                  r"district|area|region)\s+of\s+)?$", re.IGNORECASE)  # fmt: skip


def _context_before(text: str, pos: int) -> tuple[str, str]:
    """(cue, relation) from the words just before ``pos``."""
    before = text[max(0, pos - 60) : pos]
    if m := _NEAR.search(before):
        return ("outskirts of" if m.group("outskirts") else m.group("near").lower(),
                "outskirts" if m.group("outskirts") else "near")  # fmt: skip
    if m := _RELATIVE.search(before):
        return (m.group(0).strip().lower(), "distance" if m.group("dist") else "direction")
    if m := _CUE.search(before):
        return (m.group("cue").lower(), "")
    return ("", "")


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4) : pos].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n:–—-•"


_AREA_WORDS = frozenset({"area", "areas", "region", "countryside", "outskirts", "environs", "vicinity"})
_AREA_AFTER = re.compile(r"\s+(?:area|areas|region|countryside|outskirts|environs|vicinity|suburbs)\b", re.I)


def _role_after(text: str, end: int) -> str:
    after = text[end : end + 40]
    if re.match(r"[-‑–]\s?(?:based|born|headquartered|led|backed)\b", after):
        return "origin"
    m = re.match(r"\s+([A-Za-z']+)", after)
    if m and m.group(1).lower() in ORG_FOLLOWERS:
        return "org"
    return ""


def _after_title(toks: list[_Tok], i: int) -> bool:
    return i > 0 and toks[i - 1].lower.rstrip(".") in TITLES


def find_place_mentions(
    text: str,
    gazetteer: Gazetteer,
    start: int = 0,
    end: int | None = None,
    country_hint: str | None = None,
) -> list[PlaceMention]:
    """Place names in ``text[start:end]`` (at most MAX_TEXT_CHARS), with offsets into ``text``."""
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    end = min(end, start + MAX_TEXT_CHARS)
    toks = _tokens(text, start, end)
    hint = country_hint.upper() if country_hint else None
    mentions: list[PlaceMention] = []
    i = 0
    n_tok = len(toks)
    while i < n_tok:
        t = toks[i]
        if not t.cap or t.lower in _SKIP_START or (t.lower in CONNECTORS and t.text[0].islower()):
            i += 1
            continue
        # a run of name-like tokens starting at i
        j = i + 1
        while (
            j < n_tok and j - i < MAX_NGRAM + 2 and _joinable(text, toks[j - 1], toks[j]) and _word_ok_in_name(toks[j])
        ):
            j += 1
        # "Major General Tahsin al-Khafaji", "expert Ali Al-Baydar": a person, skip the capitalised run
        if _after_title(toks, i) and t.lower not in FEATURE_WORDS:
            k = i
            while (
                k < n_tok
                and (toks[k].cap or toks[k].lower in CONNECTORS)
                and (k == i or _joinable(text, toks[k - 1], toks[k]))
            ):
                k += 1
            i = max(k, i + 1)
            continue
        found = _match_run(text, toks, i, j, gazetteer, hint)
        if found is None:
            i += 1
            continue
        mention, used = found
        mentions.append(mention)
        i = used
    return mentions


def _match_run(
    text: str, toks: list[_Tok], i: int, j: int, gazetteer: Gazetteer, hint: str | None
) -> tuple[PlaceMention, int] | None:
    """Longest gazetteer match starting at token i within the run [i, j)."""
    for n in range(min(MAX_NGRAM, j - i), 0, -1):
        words = toks[i : i + n]
        last = words[-1]
        if last.lower in CONNECTORS:
            continue
        if n == 1 and (words[0].lower in STOPWORDS or words[0].lower in FEATURE_WORDS):
            return None
        phrase = text[words[0].start : last.end]
        key = fold(phrase)
        if not key:
            continue
        feature_hint = ""
        cands = gazetteer.lookup_key(key)
        lw = [w.lower for w in words]
        if not cands and n > 1 and lw[-1] in _TRAILING_GENERIC:
            # "Diyala Governorate", "the Nineveh desert", "Tikrit district": look up the head only
            head_end = n - 1
            while head_end > 0 and lw[head_end - 1] in _TRAILING_GENERIC:
                head_end -= 1
            if head_end == 0:
                continue
            head = text[words[0].start : words[head_end - 1].end]
            cands = gazetteer.lookup_key(fold(head))
            feature_hint = FEATURE_WORDS.get(lw[-1], "")
            if lw[-1] in _ADMIN_SUFFIX:
                admin = tuple(c for c in cands if c.is_admin1)
                cands = admin or cands
        elif cands and lw[0] in FEATURE_WORDS and lw[0] not in ("air",):
            feature_hint = FEATURE_WORDS[lw[0]]
        elif cands and lw[-1] in FEATURE_WORDS:
            feature_hint = FEATURE_WORDS[lw[-1]]
        if not cands or key in _stop_keys():
            continue
        if feature_hint == "A" or (n == 1 and _followed_by_admin_word(text, last.end)):
            admin = tuple(c for c in cands if c.is_admin1)
            if admin:
                cands, feature_hint = admin, "A"
        start = words[0].start
        cue, relation = _context_before(text, start)
        if not relation and (lw[-1] in _AREA_WORDS or _AREA_AFTER.match(text, last.end, last.end + 16)):
            relation = "near"  # "the Mutaibijah area", "the Hawija countryside"
        mention = PlaceMention(
            text=phrase,
            span=Span(start, last.end),
            key=key,
            candidates=cands,
            feature_hint=feature_hint,
            cue=cue,
            relation=relation,
            role=_role_after(text, last.end) or ("origin" if cue == "from" else ""),
            sentence_initial=_sentence_initial(text, start),
            parent_after=bool(_PARENT_AFTER.match(text, last.end, min(len(text), last.end + 80))),
            name_follows=_capitalised_word_follows(toks, i + n, last),
            name_precedes=_capitalised_word_precedes(text, toks, i),
        )
        if not _plausible(mention, n, hint):
            if n == 1:
                return None
            continue
        return mention, i + n
    return None


_PARENT_AFTER = re.compile(
    r",?\s+(?:(?:in|of)\s+(?:the\s+)?[A-Z]|(?:\d[\d.,]*\s*(?:km|kilometers|kilometres|miles)\s+)?"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of\s+[A-Z]|"
    r"(?:a\s+)?(?:town|city|village|district)\s+(?:in|of|near)\s+[A-Z])"
)


def _capitalised_word_follows(toks: list[_Tok], k: int, last: _Tok) -> bool:
    if k >= len(toks) or toks[k].start - last.end > 1:
        return False
    nxt = toks[k]
    return (
        nxt.cap and nxt.lower not in CONNECTORS and nxt.lower not in FEATURE_WORDS and nxt.lower not in (ORG_FOLLOWERS)
    )


def _capitalised_word_precedes(text: str, toks: list[_Tok], i: int) -> bool:
    if i == 0 or not _joinable(text, toks[i - 1], toks[i]) or text[toks[i - 1].end : toks[i].start] != " ":
        return False
    prev = toks[i - 1]
    if not prev.cap or prev.lower in STOPWORDS or prev.lower in CONNECTORS or prev.lower in FEATURE_WORDS:
        return False
    return not _sentence_initial(text, prev.start) or prev.lower not in TITLES


def _followed_by_admin_word(text: str, end: int) -> bool:
    return bool(re.match(r"\s+(?:province|governorate)\b", text[end : end + 14], re.IGNORECASE))


def _plausible(m: PlaceMention, n_words: int, hint: str | None) -> bool:
    """Drop matches that are more likely a common word, a person or a far-away hamlet."""
    best_pop = max(effective_population(c) for c in m.candidates)
    curated_or_admin = any("curated" in c.source or c.feature_class in ("A", "T", "H", "S") for c in m.candidates)
    in_country = hint is not None and any(c.country_iso2 == hint for c in m.candidates)
    has_cue = m.cue in LOCATIVE_CUES or m.relation != "" or m.feature_hint != ""
    reviewed = any("curated" in c.source for c in m.candidates)
    if n_words > 1:
        return in_country or curated_or_admin or best_pop >= 1_000 or has_cue
    if any(c.is_country for c in m.candidates):
        return not m.name_follows or m.text.isupper()  # "Jordan Smith", but "IRAQ NEWS" datelines
    if m.role == "org" and not in_country:
        return False  # "Atlantic Council", "Washington Institute" in a foreign article
    if (m.name_follows or m.name_precedes) and not (in_country and has_cue):
        return False  # "Victoria Taylor", "Washington Institute", "Paris Chen"
    if m.text.isupper() and len(m.text) <= 5 and not reviewed:
        return False  # "SANA", "UN", "AFP": acronyms, not Sana'a
    if len(m.key) <= 3 and not ((in_country or reviewed) and has_cue):
        return False  # "In", "Of", "Bo": too short to trust alone
    if m.key in AMBIGUOUS_WORDS and m.text.lower() in AMBIGUOUS_WORDS:
        return (m.cue in LOCATIVE_CUES and m.cue not in ("to", "of")) or m.relation != "" or m.parent_after
    if best_pop >= MIN_POPULATION_BARE:
        return True
    if reviewed and (has_cue or not m.sentence_initial):
        return True  # a reviewed conflict-relevant name (places.csv), not an ordinary word
    if in_country and (has_cue or curated_or_admin) and not (m.sentence_initial and not has_cue):
        return True
    if has_cue and best_pop >= 20_000:
        return True
    return best_pop >= MIN_POPULATION_BARE and has_cue
