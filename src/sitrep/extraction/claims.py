"""Article → coded records: discrete events and aggregate tallies, each field with its evidence.

The rules, in the order they are applied to each sentence that holds a cue word (data/event_types.toml):

1. Not an event: the cue is negated ("denied that ... killed"), hedged by a modal or a plan/threat verb
   ("could kill", "threatened to attack", "plans to launch"), conditional ("if"), or habitual (present
   tense with no figure: "cells are carrying out attacks").
2. Tally: the sentence counts over a period ("since the beginning of this year", "so far this year",
   "the number of ... has exceeded", "over the past three months"): one tally per counted figure.
3. Background: a past incident dated well before publication ("in the summer of 2017") is not a new event.
4. Event: a past-tense report of an incident. Sentences about the same incident (no new place, date or
   "in a separate incident") merge into one event; figures from different claimants become a range.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sitrep.extraction.attribution import REPORTING_VERBS, Attribution, find_attribution
from sitrep.extraction.lexicon import Cue, Lexicon
from sitrep.extraction.nlp import coarse_pos
from sitrep.extraction.quantities import Quantity, find_quantities
from sitrep.extraction.sentences import paragraph_of, split_sentences
from sitrep.model import (
    ActorMention,
    Article,
    ArticleResult,
    Count,
    Evidence,
    Place,
    Problem,
    Record,
    Span,
    TimeSpan,
)
from sitrep.resolve.time import find_time_expressions, resolve_in_text

COUNT_KINDS = ("killed", "injured", "arrested", "abducted", "displaced", "destroyed", "seized", "neutralised")
INCIDENT_KINDS = frozenset({*COUNT_KINDS, "attacked", "protested", "rioted", "foiled"}) - {"seized"}
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_ZERO_HEADS = frozenset({"one", "casualties", "deaths", "injuries", "fatalities", "lives", "damage"})
_GENERIC_VICTIMS = frozenset({"", "bodie", "body", "people", "person", "dead", "victim", "casualtie", "death",
                              "other", "fatalitie", "life"})
_MODALS = frozenset({"could", "would", "may", "might", "will", "shall", "can", "should", "must", "'ll"})
_INTENT = frozenset({"plan", "plans", "planned", "planning", "threaten", "threatened", "threatens", "threatening",
                     "vow", "vowed", "vows", "intend", "intends", "intended", "aim", "aims", "aimed", "seek",
                     "seeks", "sought", "try", "tried", "tries", "attempt", "attempted", "prepare", "preparing",
                     "prepared", "warn", "warned", "warns", "call", "called", "calls", "urge", "urged", "fear",
                     "feared", "fears", "risk", "able", "unable", "want", "wanted", "hope", "expected", "expect"})
_DENIAL = frozenset({"denied", "deny", "denies", "rejected", "dismissed", "refuted"})
_DENIAL_WORD = re.compile(r"\b(?:denied|deny|denies|rejected|dismissed|refuted)\b", re.IGNORECASE)
_CONDITIONAL = re.compile(r"\b(?:if|unless|whether|in case|would have)\b", re.IGNORECASE)
_HABITUAL = re.compile(r"\b(?:regularly|routinely|often|frequently|repeatedly|usually|typically|periodically|"
                       r"(?:has|have) long|continue[sd]? to|still carry out|still carries out)\b", re.IGNORECASE)
_BACKGROUND = re.compile(r"\b(?:similar (?:attack|bombing|device|incident|strike|raid|ambush)|a similar|"
                         r"for (?:the past |the last )?(?:two|three|four|five|six|several|many|\d+) (?:decades|years)|"
                         r"historically|in the past,|the deadliest|anniversary|ten years since|years since|"
                         r"to mark|commemorat\w*)\b", re.IGNORECASE)
_SINGLE_INCIDENT = re.compile(r"\b(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:attack|bomb|blast|device|strike|explosion|"
                              r"ambush|raid|assault|bombing|shelling|mine|landmine|incident)\b(?!s)", re.IGNORECASE)
_ZERO_TOLL = re.compile(r"\b(?:(?:ended|passed off|dispersed) (?:without incident|peacefully)|without incident|"
                        r"unharmed|unhurt|no shots were fired|no reports of (?:deaths|casualties|injuries))\b",
                        re.IGNORECASE)
_TOWN_LIST = re.compile(r"\b(?:in|across)\s+((?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?(?:,\s+[A-Z][\w'’-]+"
                        r"(?:\s+[A-Z][\w'’-]+)?){0,4},?\s+and\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")
_COMBATANTS = re.compile(
    r"\b(?:militants?|fighters?|soldiers?|troops?|police|policem[ae]n|officers?|members?|jihadists?|insurgents?|"
    r"gunm[ae]n|attackers?|terrorists?|guards?|security|personnel|recruits?|commanders?|servicem[ae]n|rebels?|"
    r"operatives?|bombers?|conscripts?|peshmerga|army|forces?|patrol|elements?|suspects?)\b", re.IGNORECASE)
_CIVILIAN_PROPERTY = re.compile(r"\b(?:houses?|homes?|shops?|stores?|farms?|crops?|fields?|orchards?|cars?|"
                                r"vehicles?|schools?|mosques?|churches?|clinics?)\b", re.IGNORECASE)
_SECONDARY_WEAPONS = frozenset({"Grenade", "Shelling/artillery/missile attack"})  # details in a follow-up sentence
_ITS_FIGHTERS = re.compile(r"\bits (?:own )?(?:fighters|militants|members|men|operatives|soldiers|forces|"
                           r"mujahideen)\b", re.IGNORECASE)
_STATE_WEAPONS = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
_UNKNOWN_PERPETRATOR = frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Attack",
                                  "Abduction/forced disappearance", "Shelling/artillery/missile attack"})
_WEAPON = (r"(?:drones?|jets?|warplanes?|aircraft|f-16s?|shelling|artillery|strikes?|air\s+strikes?|airstrikes?|"
           r"helicopters?|missiles?|rockets?|planes?|gunships?)")
_CLAIMED = re.compile(r"\bclaimed\s+(?:responsibility|(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:attack|bombing|blast|"
                      r"killing|strike|ambush|abduction|kidnapping|assault|explosion|operation)|it\b)", re.IGNORECASE)
_SAID_BEFORE_TIME = re.compile(r"\b(?:said|says|announced|reported|told \w+|added|confirmed|stated|claimed)"
                               r"(?:\s+in\s+a\s+statement)?\s*$", re.IGNORECASE)
_TRAILING_CLAIM = re.compile(r"[,;]\s*((?:[\w'’.-]+\s+){0,7}?[\w'’.-]+)\s+(?:said|says|told|reported|claimed|"
                             r"confirmed|announced)\b[^,;]{0,60}$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?:and\s+|while\s+|whereas\s+)?(?=(?:in|on|at|near|meanwhile|separately|"
                           r"elsewhere)\s+(?:a\s+separate|another|[A-Z]|(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                           r"Saturday|Sunday)))")
_TALLY_WORDS = re.compile(
    r"\b(?:since|so far|to date|in total|a total of|the total|the number of|tally|toll (?:has|had) (?:risen|reached|"
    r"climbed)|this year|last year|past (?:year|months?)|recent (?:months|weeks|years)|until now|up to now|"
    r"during (?:the|this) (?:year|month|period)|over the (?:past|last) \w+ (?:months|years|weeks))\b",
    re.IGNORECASE)
_SEPARATE = re.compile(r"\b(?:separate(?:ly)?|another|elsewhere|meanwhile|in a second|also in|in another)\b",
                       re.IGNORECASE)
_SINGULAR_VICTIM = re.compile(
    r"\b(?:a|an|one)\s+(?:[A-Za-z-]{2,20}\s+){0,2}?(?:soldier|officer|civilian|policeman|policewoman|man|woman|"
    r"child|boy|girl|fighter|militant|member|shepherd|farmer|journalist|worker|student|person|commander|leader|"
    r"guard|driver|teacher|doctor|cleric|elder|official|suspect|resident|villager|trooper|conscript|"
    r"employee|engineer|pilgrim|protester|demonstrator|jihadist|terrorist|operative|gunman|attacker|bomber|"
    r"recruit|lieutenant|captain|colonel|sergeant|major|mukhtar)\b",
    re.IGNORECASE)
_VICTIM_AFTER_QTY = re.compile(r"\s+(?:of\s+(?:the\s+)?)?((?:[\w'’-]+\s+){0,3}?[\w'’-]+?)(?=\s+(?:were|was|have|"
                               r"had|has|are|and|in|on|at|near|who|when|after|during|as|belonging|,|\.)|[,.;]|$)")
_QTY_WINDOW = 60  # characters between a figure and the cue it counts
_BACKGROUND_DAYS = 45


@dataclass(slots=True)
class _Figure:
    what: str
    object: str
    low: int | None
    best: int | None
    high: int | None
    span: Span
    object_span: Span | None
    claimant: str


@dataclass(slots=True)
class _Claim:
    kind: str  # "event" | "tally"
    sentence: Span
    cue: Cue
    type_rule: tuple[str, str] | None
    type_span: Span | None
    figures: list[_Figure]
    time: TimeSpan | None
    actor1: ActorMention | None
    actor2: ActorMention | None
    attribution: Attribution
    places: list[Place]
    sentences: list[Span] = field(default_factory=list)
    place: Place | None = None  # set when one sentence reports the same kind of event in several towns
    responsibility: bool = False  # "X claimed the attack" with no figures: who did it, maybe not a new incident


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What the extractor knows about the whole article before reading its sentences."""

    country_iso2: str
    country: str
    iso: int | None
    actors: tuple[ActorMention, ...]
    places: tuple[Place, ...]
    focus_actor: ActorMention | None


class Extractor:
    """Rules over a dependency parse. Heavy resources are built by the caller and passed in."""

    name = "sitrep.extraction.rules.v1"

    def __init__(self, nlp: Any, lexicon: Lexicon, actors: Any, geocoder: Any) -> None:
        self.nlp = nlp
        self.lexicon = lexicon
        self.actors = actors
        self.geocoder = geocoder

    # ---------------------------------------------------------------------------------------------
    def context(self, article: Article) -> ArticleContext:
        text = article.text
        iso2 = self.geocoder.article_country(text) or ""
        actors = tuple(self.actors.find_in_article(text, country=iso2, on=article.published))
        if not iso2:
            homes: dict[str, int] = {}
            for m in actors:
                entry = self.actors.entry(m.canonical)
                home = getattr(entry, "home", "") if entry is not None else ""
                if home:
                    homes[home] = homes.get(home, 0) + 1
            if homes:
                iso2 = max(homes, key=lambda h: homes[h])
                actors = tuple(self.actors.find_in_article(text, country=iso2, on=article.published))
        # the gazetteer names countries for place-less records too, so one country has one name in the output
        known = self.geocoder.gazetteer.country(iso2) if iso2 else None
        country, iso = (known.name, known.numeric) if known is not None else ("", None)
        places = tuple(self.geocoder.places_in(text, country_hint=iso2 or None))
        if iso is not None:
            # a namesake abroad ("al-Zaytoun" is also an old name of Quanzhou) only counts if its country is named
            named = {p.iso for p in places if p.feature_class == "A" and p.feature_code.startswith("PCL")}
            places = tuple(p for p in places if p.iso is None or p.iso == iso or p.iso in named)
        counts: dict[str, int] = {}
        for m in actors:
            if m.inter in (2, 3, 4):
                counts[m.canonical] = counts.get(m.canonical, 0) + 1
        focus = None
        if counts:
            best = max(counts, key=lambda c: counts[c])
            focus = next(m for m in actors if m.canonical == best)
        return ArticleContext(iso2, country, iso, actors, places, focus)

    def extract(self, article: Article) -> ArticleResult:
        return self.extract_many([article])[0]

    def extract_many(self, articles: Sequence[Article]) -> list[ArticleResult]:
        """Extract a batch; only sentences that hold a cue word are parsed."""
        jobs: list[tuple[int, Span, Span, list[Cue]]] = []
        contexts = [self.context(a) for a in articles]
        for index, article in enumerate(articles):
            text = article.text
            body = len(article.title) if article.title and text.startswith(article.title) else 0
            for sentence in split_sentences(text, body):
                for clause in split_clauses(text, sentence):
                    cues = self.lexicon.cues(text, clause.start, clause.end)
                    seizure = any(c.kind == "seized" for c in cues) and _SEIZABLE.search(text, clause.start, clause.end)
                    if seizure or any(c.kind in INCIDENT_KINDS for c in cues):
                        jobs.append((index, clause, sentence, cues))
        docs = self.nlp.pipe([articles[i].text[c.start:c.end] for i, c, _, _ in jobs], batch_size=256)
        claims: list[list[_Claim]] = [[] for _ in articles]
        for (index, sent, parent, cues), doc in zip(jobs, docs, strict=True):
            before = claims[index][-1].time if claims[index] else None
            claim = self._claim(articles[index], contexts[index], sent, cues, doc, parent, before)
            if claim is not None:
                claims[index].append(claim)
        results = []
        for article, ctx, found in zip(articles, contexts, claims, strict=True):
            records = self._records(article, ctx, found)
            results.append(ArticleResult(article=article, records=tuple(records), places=ctx.places,
                                         actors=ctx.actors, problems=_unresolved(article, ctx)))
        return results

    # ---------------------------------------------------------------------------------------------
    def _claim(self, article: Article, ctx: ArticleContext, sent: Span, cues: list[Cue], doc: Any,
               parent: Span, previous_time: TimeSpan | None = None) -> _Claim | None:
        text = article.text
        offset = sent.start
        doc.user_data["offset"] = offset
        starts = [t.idx + offset for t in doc]

        def token_at(span: Span) -> Any:
            """The first token overlapping the span."""
            i = bisect.bisect_right(starts, span.start) - 1
            if i < 0:
                i = 0
            tok = doc[i]
            if tok.idx + offset + len(tok.text) <= span.start:
                i += 1
                if i >= len(doc):
                    return None
                tok = doc[i]
            return tok if tok.idx + offset < span.end else None

        incident_cues = [c for c in cues if c.kind in INCIDENT_KINDS] or [c for c in cues if c.kind == "seized"]
        main = incident_cues[0]
        # prefer a cue that is a past-tense verb
        for c in incident_cues:
            tok = token_at(c.span)
            if tok is not None and tok.tag_ in ("VBD", "VBN"):
                main = c
                break
        main_tok = token_at(main.span)
        sentence_text = text[sent.start:sent.end]
        if self._blocked(main_tok, sentence_text):
            return None
        if _HABITUAL.search(sentence_text):
            return None

        quantities = find_quantities(text, sent.start, sent.end)
        attribution = find_attribution(doc[:], offset)
        figures = self._figures(text, sent, cues, quantities, attribution.claimant, token_at)
        if not attribution.claimant:
            trailing = _TRAILING_CLAIM.search(text, parent.start, parent.end)
            if trailing and not re.match(r"(?:no|none|nobody)\b", trailing.group(1), re.IGNORECASE):
                start = trailing.start(1)
                attribution = replace(attribution, claimant=_clean_claimant(trailing.group(1)),
                                      claimant_span=Span(start, start + len(trailing.group(1))))
        found = [(span, kind) for span, kind in find_time_expressions(text, sent.start, sent.end)
                 if not _SAID_BEFORE_TIME.search(text[max(sent.start, span.start - 40):span.start])
                 and not _in_dateline(text, span)]
        resolved = [resolve_in_text(text, span, article.published) for span, kind in found if kind != "anaphoric"]
        times = [t for t in resolved if t is not None]
        time = _nearest(times, main.span)
        if time is None and previous_time is not None and any(kind == "anaphoric" for _, kind in found):
            span = next(s for s, kind in found if kind == "anaphoric")  # "earlier the same day", "the same period"
            time = TimeSpan(text[span.start:span.end], span, previous_time.start, previous_time.end,
                            previous_time.precision)
        past = _is_past(doc, incident_cues, token_at)
        period = time is not None and time.start is not None and time.end is not None and \
            (time.end - time.start).days >= 6
        open_period = time is not None and time.start is None and time.end is not None
        tally_words = bool(_TALLY_WORDS.search(sentence_text))
        single = bool(_SINGLE_INCIDENT.search(sentence_text))
        if figures and (tally_words or ((period or open_period) and not single)):
            kind = "tally"
        elif past:
            kind = "event"
        else:
            return None
        if _is_background(time, article.published) or (kind == "event" and _BACKGROUND.search(sentence_text)):
            return None
        years = [int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", sentence_text)]
        if article.published is not None and years and max(years) < article.published.year and \
                (time is None or time.start is None):
            return None  # "the 2019 protest movement, when hundreds were killed": history, not news
        if kind == "event" and main_tok is not None and coarse_pos(main_tok) in ("NOUN", "PROPN") and \
                main_tok.dep_ == "pobj" and not figures:
            return None  # "responsibility for the blast": a reference to an incident, not a report of one
        kinds = {c.kind for c in cues}
        typed = self.lexicon.classify(text, sent.start, sent.end, kinds)
        if typed is None and kind == "event" and not figures:
            return None  # a figure-only sentence ("Nobody was hurt.") can still complete the previous event
        actor1, actor2 = self._roles(ctx, sent, figures, token_at, main_tok)
        places = [p for p in ctx.places if sent.start <= p.span.start < sent.end]
        return _Claim(responsibility=not figures and bool(_CLAIMED.search(sentence_text)),
                      kind=kind, sentence=sent, cue=main,
                      type_rule=(typed[0].event_type, typed[0].sub_event_type) if typed else None,
                      type_span=typed[1] if typed else None, figures=figures, time=time, actor1=actor1,
                      actor2=actor2, attribution=attribution, places=places, sentences=[sent])

    def _blocked(self, main_tok: Any, sentence_text: str) -> bool:
        """Negated, hedged, conditional or denied statements are not reports of an incident."""
        if main_tok is None:
            return False
        verb = main_tok
        if coarse_pos(main_tok) in ("NOUN", "PROPN") and \
                main_tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr"):
            verb = main_tok.head if main_tok.dep_ != "pobj" else main_tok.head.head
        for node in {main_tok, verb}:
            children = list(node.children)
            for child in children:
                if child.dep_ == "neg" and not _reports_zero(node):
                    return True
                if child.dep_ == "aux" and child.text.lower() in _MODALS and not any(
                        c.text.lower() == "have" and c.i > child.i for c in children if c.dep_ == "aux"):
                    return True
                if child.dep_ in ("nsubj", "nsubjpass") and child.text.lower() not in _ZERO_HEADS and any(
                        d.dep_ == "det" and d.text.lower() == "no" for d in child.children):
                    return True
        head = main_tok
        for _ in range(4):
            if head.text.lower() in _INTENT and head is not main_tok:
                return True
            if head.text.lower() in _DENIAL:
                return True
            if any(c.dep_ == "neg" for c in head.children) and head is not main_tok and coarse_pos(head) == "VERB":
                return True
            if head.head is head:
                break
            head = head.head
        clause = sentence_text[: max(0, main_tok.idx)]
        if _DENIAL_WORD.search(clause):
            return True
        return bool(_CONDITIONAL.search(clause[-80:]))

    def _figures(self, text: str, sent: Span, cues: list[Cue], quantities: list[Quantity], claimant: str,
                 token_at: Any) -> list[_Figure]:
        count_cues = [c for c in cues if c.kind in COUNT_KINDS]
        by_start = {c.span.start: c for c in count_cues}
        figures: list[_Figure] = []
        for q in quantities:
            tok = _last_token(token_at, q.span)
            cue = _cue_by_parse(tok, by_start) or _cue_for(text, q.span, count_cues)
            if cue is None:
                continue
            obj, obj_span = _object_phrase(text, tok, q.span, sent)
            if q.best == 0 and q.low == 0:
                near = text[q.span.start:min(sent.end, q.span.end + 30)].lower()
                if cue.kind in ("killed", "injured"):
                    figures.append(_Figure("killed", obj, 0, 0, 0, q.span, obj_span, claimant))
                if cue.kind == "injured" or re.search(r"casualt|hurt|harm", near):
                    figures.append(_Figure("injured", obj, 0, 0, 0, q.span, obj_span, claimant))
                continue
            what = cue.kind
            if what == "seized" and not _SEIZABLE.search(obj):
                continue
            figures.append(_Figure(what, obj, q.low, q.best, q.high, q.span, obj_span, claimant))
        himself = re.search(r"\b(?:killing|killed)\b[^.;]{0,80}?\band (?:himself|herself|themselves)\b",
                            text[sent.start:sent.end])
        if himself:
            at = sent.start + himself.end()
            word = himself.group(0).rsplit(" ", 1)[1]
            figures.append(_Figure("killed", "attacker", 1, 1, 1, Span(at - len(word), at), None, claimant))
        for cue in count_cues:
            verb = token_at(cue.span)
            if verb is None or cue.kind in ("destroyed", "seized"):
                continue
            for child in verb.children:
                if child.dep_ not in ("dobj", "nsubjpass") or child.tag_ not in ("NN", "NNP") or \
                        coarse_pos(child) == "PRON" or _has_number(child):
                    continue
                dets = [d for d in child.children if d.dep_ in ("det", "poss")]
                if not dets or dets[0].text.lower() not in ("a", "an", "his", "her", "their", "its", "the"):
                    continue
                first = min([child, *[c for c in child.children if c.dep_ in _NP_LINKS]], key=lambda t: t.i)
                offset = verb.doc.user_data.get("offset", 0)
                start = first.idx + offset
                end = child.idx + offset + len(child.text)
                if any(f.span.start <= start < (f.object_span.end if f.object_span else f.span.end) or
                       start <= f.span.start < end for f in figures):
                    continue
                if _role_of(child) == "claimant" or child.text.lower() in ("attack", "bomb", "car", "vehicle",
                                                                            "house", "home", "building"):
                    continue
                figures.append(_Figure(cue.kind, text[start:end], 1, 1, 1, Span(start, start + len(first.text)),
                                       Span(start, end), claimant))
        zero = _ZERO_TOLL.search(text, sent.start, sent.end)
        if zero and not figures:
            zero_span = Span(zero.start(), zero.end())
            figures.append(_Figure("killed", "", 0, 0, 0, zero_span, None, claimant))
            figures.append(_Figure("injured", "", 0, 0, 0, zero_span, None, claimant))
        displaced = [c for c in cues if c.kind == "displaced"]
        if displaced:
            for i, f in enumerate(figures):
                if re.search(r"famil|household|resident|people|villager|civilian", f.object, re.IGNORECASE) and \
                        f.what not in ("displaced",) and not re.search(r"\bkill|dead|wound|injur", text[
                            f.span.end:min(sent.end, f.span.end + 40)]):
                    figures[i] = replace(f, what="displaced")
        # "a soldier was killed", "killing a civilian"
        for m in _SINGULAR_VICTIM.finditer(text, sent.start, sent.end):
            if any(f.span.start <= m.start() < f.span.end or m.start() <= f.span.start < m.end() for f in figures):
                continue
            tok = token_at(Span(m.end() - 1, m.end()))
            usable = {k: c for k, c in by_start.items() if c.kind != "destroyed"}
            cue = _cue_by_parse(tok, usable)
            if cue is None and tok is not None and tok.dep_ in ("dobj", "nsubjpass"):
                cue = _cue_for(text, Span(m.start(), m.end()), list(usable.values()))
            if cue is None or (tok is not None and _role_of(tok) == "claimant"):
                continue
            number_span = Span(m.start(), m.start() + len(m.group(0).split()[0]))
            noun = m.group(0).split(None, 1)[1]
            figures.append(_Figure(cue.kind, noun, 1, 1, 1, number_span, Span(number_span.end + 1, m.end()),
                                   claimant))
        return figures

    def _roles(self, ctx: ArticleContext, sent: Span, figures: list[_Figure], token_at: Any,
               main_tok: Any) -> tuple[ActorMention | None, ActorMention | None]:
        mentions = [m for m in ctx.actors if sent.start <= m.span.start < sent.end]
        if not mentions:
            return None, None
        victim_spans = [f.object_span for f in figures if f.object_span is not None]
        actor1: ActorMention | None = None
        actor2: ActorMention | None = None
        undecided: list[ActorMention] = []
        for m in mentions:
            role = _role_of(token_at(m.span))
            if role == "claimant":
                continue
            if any(v.start <= m.span.start < v.end for v in victim_spans):
                role = "patient"
            if role == "agent" and actor1 is None:
                actor1 = m
            elif role == "patient" and actor2 is None:
                actor2 = m
            elif role == "":
                undecided.append(m)
        for m in undecided:
            tok = token_at(m.span)
            before = tok is not None and main_tok is not None and tok.i < main_tok.i
            if actor1 is None and before and (actor2 is None or m.canonical != actor2.canonical):
                actor1 = m
            elif actor2 is None and (actor1 is None or m.canonical != actor1.canonical) and not before:
                actor2 = m
        if actor1 is not None and actor2 is not None and actor1.canonical == actor2.canonical:
            actor2 = None
        return actor1, actor2

    # ---------------------------------------------------------------------------------------------
    def _records(self, article: Article, ctx: ArticleContext, claims: list[_Claim]) -> list[Record]:
        events: list[_Claim] = []
        tallies: list[_Claim] = []
        for claim in claims:
            if claim.kind == "tally":
                by_what: dict[str, list[_Figure]] = {}
                for fig in claim.figures:
                    by_what.setdefault(fig.what, []).append(fig)
                for figs in by_what.values():
                    tallies.append(replace(claim, figures=figs))
                continue
            if events and claim.responsibility:
                continue  # the claim of responsibility names the perpetrator of an event already coded
            if events and _same_incident(article.text, events[-1], claim, self._claim_place(article.text, events[-1]),
                                         self._claim_place(article.text, claim)):
                _merge(events[-1], claim)
            elif claim.type_rule is not None:
                if claim.time is None and events and paragraph_distance(article.text, events[-1].sentence,
                                                                        claim.sentence) == 0:
                    claim.time = events[-1].time  # "...; 2 militants were killed": same report, same day
                events.append(claim)
        events = [one for claim in events for one in self._per_town(article.text, ctx, claim)]
        records = [self._record(article, ctx, c, "event") for c in events]
        records += [self._record(article, ctx, c, "tally") for c in tallies]
        seen: dict[str, int] = {}
        for i, r in enumerate(records):  # ids are content hashes; never let two records share one
            seen[r.event_id_cnty] = seen.get(r.event_id_cnty, 0) + 1
            if seen[r.event_id_cnty] > 1:
                records[i] = replace(r, event_id_cnty=f"{r.event_id_cnty}-{seen[r.event_id_cnty]}")
        return records

    def _record(self, article: Article, ctx: ArticleContext, claim: _Claim, kind: str) -> Record:
        text, aid = article.text, article.article_id
        evidence: list[Evidence] = []

        def ev(name: str, span: Span | None) -> None:
            if span is not None:
                evidence.append(Evidence(name, aid, span.start, span.end, text[span.start:span.end]))

        event_type, sub_event_type = claim.type_rule or ("", "")
        actor1, actor2 = claim.actor1, claim.actor2
        if actor2 is None and ctx.focus_actor is not None and kind == "tally" and \
                (actor1 is None or actor1.canonical != ctx.focus_actor.canonical):
            actor2 = ctx.focus_actor
        if kind == "event":
            actor1, actor2 = self._default_actors(text, ctx, claim, event_type, sub_event_type, actor1, actor2)
        if kind == "tally" and claim.figures:
            what = claim.figures[0].what
            typed = self.lexicon.classify(text, claim.sentence.start, claim.sentence.end,
                                          {what, "attacked"} if what == "killed" else {what})
            if typed is not None:
                (event_type, sub_event_type), claim.type_span = (typed[0].event_type, typed[0].sub_event_type), typed[1]
        if event_type:
            event_type, sub_event_type, actor1, actor2 = _refine_type(event_type, sub_event_type, actor1, actor2,
                                                                      claim, ctx)
        civilian = ""
        if actor2 is not None and actor2.inter == 7 and event_type in (
                "Violence against civilians", "Explosions/Remote violence", "Battles"):
            civilian = "Civilian targeting"
        killed = [f for f in claim.figures if f.what == "killed"]
        injured = [f for f in claim.figures if f.what == "injured"]
        fat = _combine(killed)
        inj = _combine(injured)
        place = self._event_place(article, ctx, claim) if kind == "event" else self._tally_place(text, ctx, claim)
        time = claim.time
        published = article.published
        if kind == "event" and (time is None or (time.start is None and time.end is None)) and published is not None:
            time = TimeSpan("", None, published, published, 2)  # undated in the text: the report's date, ACLED-style
        for f in claim.figures:
            ev(f"counts.{f.what}", f.span)
        for f in killed[:1]:
            ev("fatalities", f.span)
        for f in injured[:1]:
            ev("injuries", f.span)
        ev("event_type", claim.type_span or claim.cue.span)
        ev("record_type", claim.sentence)
        if actor1 is not None:
            ev("actor1", actor1.span)
        if actor2 is not None:
            ev("actor2", actor2.span)
        if claim.time is not None:
            ev("event_date", claim.time.span)
        if claim.attribution.claimant_span is not None:
            ev("claimant", claim.attribution.claimant_span)
        if claim.attribution.source_span is not None:
            ev("source", claim.attribution.source_span)
        if place is not None:
            ev("location", place.span)
        sources = [s for s in (claim.attribution.source, article.outlet) if s]
        anchor = claim.figures[0].span.start if kind == "tally" and claim.figures else claim.sentence.start
        where = f"|{claim.place.geonameid or claim.place.name}" if claim.place is not None else ""
        digest = hashlib.sha256(f"{aid}|{kind}|{anchor}{where}".encode()).hexdigest()[:12]
        prefix = (ctx.country_iso2 or "XX").upper()
        start = time.start if time else None
        end = time.end if time else None
        country = place.country if place is not None and place.country else ctx.country
        iso = place.iso if place is not None and place.iso is not None else ctx.iso
        return Record(
            event_id_cnty=f"{prefix}-{digest}",
            record_type="tally" if kind == "tally" else "event",
            event_date=end.isoformat() if end else (start.isoformat() if start else None),
            date_start=start.isoformat() if start else None,
            date_end=end.isoformat() if end else None,
            time_precision=time.precision if time and (start or end) else None,
            disorder_type=DISORDER.get(event_type, ""),
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor1=actor1.canonical if actor1 else "",
            inter1=_inter(self.actors, actor1, ctx),
            actor2=actor2.canonical if actor2 else "",
            inter2=_inter(self.actors, actor2, ctx),
            civilian_targeting=civilian,
            iso=iso,
            country=country,
            admin1=ascii_name(place.admin1) if place else "",
            admin2=ascii_name(place.admin2) if place else "",
            location=ascii_name(place.name) if place else "",
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
            geo_precision=place.geo_precision if place else None,
            geonameid=place.geonameid if place else None,
            source="; ".join(dict.fromkeys(sources)),
            claimant=claim.attribution.claimant,
            notes=_note(text, claim, kind),
            fatalities=fat[1],
            fatalities_low=fat[0],
            fatalities_high=fat[2],
            injuries=inj[1],
            injuries_low=inj[0],
            injuries_high=inj[2],
            counts=tuple(Count(f.what, f.object, f.low, f.best, f.high) for f in claim.figures),
            article_ids=(aid,),
            evidence=tuple(evidence),
            confidence=_confidence(claim, place, kind),
        )

    def _default_actors(self, text: str, ctx: ArticleContext, claim: _Claim, event_type: str, sub: str,
                        actor1: ActorMention | None, actor2: ActorMention | None
                        ) -> tuple[ActorMention | None, ActorMention | None]:
        """ACLED's conventions for actors the sentence leaves implicit."""
        anchor = claim.type_span or claim.cue.span
        if actor1 is not None and actor1.inter == 7 and event_type not in ("Riots", "Protests"):
            actor1, actor2 = None, actor2 or actor1
        if event_type in ("Protests", "Riots"):
            crowd = "Protesters" if event_type == "Protests" else "Rioters"
            force = actor1 if actor1 is not None and actor1.inter in (1, 3, 8) else actor2
            if force is not None and force.inter not in (1, 3, 8):
                force = None
            if sub == "Excessive force against protesters":
                return force, self._synth(crowd, anchor, text, ctx)
            if sub in ("Peaceful protest", "Violent demonstration", "Mob violence"):
                force = None  # no one intervened: ACLED leaves actor2 empty
            return self._synth(crowd, anchor, text, ctx), force
        if actor1 is None and sub in _STATE_WEAPONS:
            for sent in claim.sentences:
                for word, canonical in self.lexicon.demonyms:
                    m = re.search(rf"(?<![\w.]){re.escape(word)}(?![\w])(?:[\s-]+[\w-]+){{0,3}}?[\s-]+{_WEAPON}",
                                  text[sent.start:sent.end])
                    if m:
                        start = sent.start + m.start()
                        actor1 = self._synth(canonical, Span(start, start + len(word)), text, ctx)
                        break
                if actor1 is not None:
                    break
        if actor1 is None or actor1.canonical == "Unidentified Armed Group":
            its = _ITS_FIGHTERS.search(text, claim.sentence.start, claim.sentence.end)
            if its:
                named = [a for a in ctx.actors if claim.sentence.start <= a.span.start < its.start()
                         and a.inter in (1, 2, 3, 4, 8)]
                if named:
                    actor1 = named[-1]
                    if actor2 is not None and actor2.canonical == actor1.canonical:
                        actor2 = None
        if actor1 is None or actor1.canonical == "Unidentified Armed Group":
            claimed = self._claimed_by(text, ctx, claim)
            if claimed is not None:
                actor1 = claimed
        if actor1 is None and sub in _UNKNOWN_PERPETRATOR:
            actor1 = self._synth("Unidentified Armed Group", anchor, text, ctx)
        harmful = event_type in ("Violence against civilians", "Explosions/Remote violence") or \
            sub == "Looting/property destruction"
        if actor2 is None and harmful:
            # ACLED: people harmed who are not said to be fighters are civilians; so are homes and crops
            for f in claim.figures:
                if f.object_span is not None and (f.best or f.low or 0) > 0 and not _COMBATANTS.search(f.object) \
                        and (f.what in ("killed", "injured", "abducted") or _CIVILIAN_PROPERTY.search(f.object)):
                    actor2 = self._synth("Civilians", f.object_span, text, ctx)
                    break
        if actor2 is not None and actor1 is not None and actor2.canonical == actor1.canonical:
            actor2 = None
        return actor1, actor2

    def _synth(self, canonical: str, span: Span, text: str, ctx: ArticleContext) -> ActorMention:
        try:
            inter = self.actors.inter(canonical, ctx.country_iso2)
        except (AttributeError, KeyError):
            inter = None
        return ActorMention(text=text[span.start:span.end], span=span, canonical=canonical, inter=inter)

    def _claimed_by(self, text: str, ctx: ArticleContext, claim: _Claim) -> ActorMention | None:
        """"Islamic State claimed responsibility" in the same or the next paragraph names the perpetrator."""
        para = paragraph_of(text, claim.sentence.start)
        stop = text.find("\n\n", para.end + 2)
        window_end = len(text) if stop < 0 else stop
        for m in _CLAIMED.finditer(text, claim.sentence.start, window_end):
            sentence_start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            found = [a for a in ctx.actors if sentence_start <= a.span.start < m.start() and a.inter in (2, 3, 4)]
            if found:
                return found[-1]
        return None

    def _per_town(self, text: str, ctx: ArticleContext, claim: _Claim) -> list[_Claim]:
        """"Protests took place in Basra and Amarah": ACLED codes one event per location. Only without figures,
        which could not be shared out honestly (a zero toll can)."""
        if any((f.best or f.low or 0) > 0 for f in claim.figures) or len(claim.sentences) != 1:
            return [claim]
        sent = claim.sentence
        listed = _TOWN_LIST.search(text, sent.start, sent.end)
        if not listed:
            return [claim]
        towns = [p for p in ctx.places if listed.start(1) <= p.span.start < listed.end(1) and p.geo_precision == 1
                 and not _is_dateline(text, p)]
        if len({p.geonameid or p.name for p in towns}) < 2:
            return [claim]
        return [replace(claim, place=p, sentences=[sent]) for p in towns]

    def _claim_place(self, text: str, claim: _Claim) -> Place | None:
        for sent in claim.sentences:
            places = [p for p in claim.places if sent.start <= p.span.start < sent.end and not _is_dateline(text, p)]
            if places:
                chosen: Place | None = self.geocoder.event_place(places, text[sent.start:sent.end], sent.start)
                if chosen is not None:
                    return chosen
        return None

    def _tally_place(self, text: str, ctx: ArticleContext, claim: _Claim) -> Place | None:
        """A tally over a named province or town ("in Diyala this month") is placed there; else only the country."""
        places = [p for p in ctx.places if claim.sentence.start <= p.span.start < claim.sentence.end
                  and not (p.feature_class == "A" and p.feature_code.startswith("PCL")) and not _is_dateline(text, p)]
        if len({p.admin1 for p in places}) != 1:
            return None
        return min(places, key=lambda p: p.geo_precision or 3)

    def _event_place(self, article: Article, ctx: ArticleContext, claim: _Claim) -> Place | None:
        if claim.place is not None:
            return claim.place
        text = article.text
        for sent in claim.sentences:
            places = [p for p in ctx.places if sent.start <= p.span.start < sent.end]
            inside = [p for p in places if not _is_dateline(text, p)]
            places = inside or places
            if places:
                chosen: Place | None = self.geocoder.event_place(places, text[sent.start:sent.end], sent.start)
                if chosen is not None:
                    return chosen
        para = paragraph_of(text, claim.sentence.start)
        before = [p for p in ctx.places if para.start <= p.span.start < claim.sentence.start
                  and (p.geo_precision or 3) <= 2]
        if before:
            return before[-1]
        head = [p for p in ctx.places if p.span.start < 60 and (p.geo_precision or 3) <= 2]  # dateline city
        return head[0] if head else None


# -------------------------------------------------------------------------------------------------
_SEIZABLE = re.compile(r"\b(?:weapons?|rifles?|ammunition|explosives?|bombs?|drugs?|rockets?|mortars?|grenades?|guns?|"
                       r"kg|kilograms?|missiles?|launchers?|detonators?|devices?|belts|pills|captagon|narcotics|arms|"
                       r"vests?)\b", re.IGNORECASE)
_NP_LINKS = frozenset({"compound", "amod", "poss", "nmod", "nummod", "det", "appos", "quantmod"})
_COUNTED_HEADS = frozenset({"number", "toll", "total", "tally", "count", "death", "deaths"})


def _last_token(token_at: Any, span: Span) -> Any:
    for pos in range(span.end - 1, span.start - 1, -1):
        tok = token_at(Span(pos, pos + 1))
        if tok is not None:
            return tok
    return None


def _cue_by_parse(tok: Any, cues_by_start: dict[int, Cue]) -> Cue | None:
    """The count cue the figure's noun phrase depends on ("dozens ... have been killed")."""
    if tok is None:
        return None
    offset = tok.doc.user_data.get("offset", 0)
    node = tok
    for _ in range(5):
        cue = cues_by_start.get(node.idx + offset)
        if cue is not None and node is not tok:
            return cue
        if node.head is node:
            return None
        node = node.head
    return None


def _object_phrase(text: str, tok: Any, qspan: Span, sent: Span) -> tuple[str, Span | None]:
    """The words a figure counts: "dozens of ISIS operatives" → "ISIS operatives"; lists stay whole."""
    before = text[max(sent.start, qspan.start - 200):qspan.start]
    back = re.search(r"number of ((?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+(?:killed|wounded|injured|arrested|destroyed|"
                     r"abducted|kidnapped|displaced)", before)
    if back:
        s = qspan.start - len(before) + back.start(1)
        return back.group(1), Span(s, s + len(back.group(1)))
    if tok is None:
        return _object_after(text, qspan, sent.end)
    offset = tok.doc.user_data.get("offset", 0)
    noun = None
    if tok.dep_ in ("nummod", "quantmod", "amod", "det") and coarse_pos(tok.head) in ("NOUN", "PROPN"):
        noun = tok.head
    else:
        ofs = [c for c in tok.children if c.dep_ == "prep" and c.text.lower() == "of"]
        if ofs:
            objs = [c for c in ofs[0].children if c.dep_ == "pobj"]
            noun = objs[0] if objs else None
        elif coarse_pos(tok) in ("NOUN", "PROPN") and tok.idx + offset >= qspan.end:
            noun = tok
    if noun is None:
        return _object_after(text, qspan, sent.end)
    keep = [noun]
    stack = [noun]
    if noun is not tok:
        for child in tok.children:
            if child.dep_ in ("conj", "cc") and child.i > noun.i and not _has_number(child):
                keep.append(child)
                stack.append(child)
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ in ("compound", "amod", "conj", "cc", "nmod", "punct") and child.idx + offset >= qspan.end:
                if child.dep_ == "punct" and child.text not in (",",):
                    continue
                if child.dep_ == "conj" and _has_number(child):
                    continue
                keep.append(child)
                stack.append(child)
    tokens = sorted(keep, key=lambda t: t.i)
    while tokens and tokens[-1].dep_ in ("cc", "punct"):
        tokens.pop()
    start = max(qspan.end, tokens[0].idx + offset)
    while start < len(text) and text[start] == " ":
        start += 1
    if text[start:start + 3].lower() == "of ":
        start += 3
    end = tokens[-1].idx + offset + len(tokens[-1].text)
    if end <= start:
        return _object_after(text, qspan, sent.end)
    return text[start:end], Span(start, end)


def _reports_zero(verb: Any) -> bool:
    """"no one was killed", "were not hurt" describe an incident's toll, not a denial of the incident."""
    return verb.text.lower() in ("killed", "hurt", "injured", "wounded", "harmed") and verb.tag_ == "VBN"


def _has_number(tok: Any) -> bool:
    return bool(tok.like_num or any(c.dep_ == "nummod" or c.like_num for c in tok.children))


def _role_of(tok: Any) -> str:
    """agent, patient or claimant, from where the mention's noun phrase hangs in the parse."""
    if tok is None:
        return ""
    node = tok
    for _ in range(8):
        if node.dep_ in _NP_LINKS and node.head is not node:
            node = node.head
        else:
            break
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.text.lower() == "of" and \
                coarse_pos(node.head.head) in ("NOUN", "NUM", "PROPN"):
            node = node.head.head
            while node.dep_ in _NP_LINKS and node.head is not node:
                node = node.head
            if node.text.lower() in _COUNTED_HEADS or coarse_pos(node) == "NUM" or (node.tag_ == "NNS" and \
                    node.text.lower() in ("dozens", "hundreds", "scores", "thousands", "tens")):
                return "patient"
        else:
            break
    head = node.head
    if node.dep_ in ("nsubj",) and head.text.lower() in REPORTING_VERBS:
        return "claimant"
    if node.dep_ == "pobj" and head.text.lower() == "to" and head.head.text.lower() == "according":
        return "claimant"
    if node.dep_ == "nsubj":
        return "agent"
    if node.dep_ in ("nsubjpass", "dobj", "attr"):
        return "patient"
    if node.dep_ == "pobj" and head.text.lower() == "by":
        return "agent"
    if node.dep_ == "pobj" and head.text.lower() in ("against", "on", "targeting", "at"):
        return "patient"
    if node.dep_ == "pobj" and head.text.lower() == "to" and head.head.text.lower() in ("belonging", "linked",
                                                                                       "affiliated", "loyal"):
        return "patient"
    return ""


def split_clauses(text: str, sentence: Span) -> list[Span]:
    """Round-ups pack several incidents into one sentence: split at semicolons and ", and in X ..."."""
    spans: list[Span] = []
    cursor = sentence.start
    for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        if m.start() - cursor >= 20:
            spans.append(Span(cursor, m.start()))
            cursor = m.end()
    spans.append(Span(cursor, sentence.end))
    return spans


def _cue_for(text: str, span: Span, cues: list[Cue]) -> Cue | None:
    """The count cue a figure belongs to: the nearest one after it ("12 were killed"), else before it."""
    counted = [c for c in cues if c.span.end <= span.start and span.start - c.span.end <= 200 and re.search(
        r"\bnumber of (?:[\w'’-]+\s+){1,4}$", text[max(0, c.span.start - 60):c.span.start])]
    if counted:
        return counted[-1]
    after = [c for c in cues if c.span.start >= span.end and c.span.start - span.end <= _QTY_WINDOW]
    before = [c for c in cues if c.span.end <= span.start and span.start - c.span.end <= _QTY_WINDOW]
    best_after = min(after, key=lambda c: c.span.start - span.end, default=None)
    best_before = max(before, key=lambda c: c.span.end, default=None)
    if best_after is not None and best_before is not None:
        gap_after = text[span.end:best_after.span.start]
        gap_before = text[best_before.span.end:span.start]
        # "killed 12 soldiers and wounded 3": a figure right after its verb
        if len(gap_before.split()) <= 2 and not re.search(r"[,;]", gap_before):
            return best_before
        if re.search(r"\b(?:were|was|have been|had been|has been)\b", gap_after) or len(gap_after.split()) <= 4:
            return best_after
        return best_before
    return best_after or best_before


def _object_after(text: str, span: Span, limit: int) -> tuple[str, Span | None]:
    m = _VICTIM_AFTER_QTY.match(text, span.end, min(limit, span.end + 80))
    if not m or not m.group(1):
        # "The number of ISIS fighters killed ... has exceeded 155 terrorists": look back for "number of X"
        back = re.search(r"number of ((?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+(?:killed|wounded|arrested|destroyed)",
                         text[max(0, span.start - 200):span.start])
        if back:
            s = max(0, span.start - 200) + back.start(1)
            return back.group(1), Span(s, s + len(back.group(1)))
        return "", None
    return m.group(1), Span(m.start(1), m.end(1))


def _nearest(times: list[TimeSpan], span: Span) -> TimeSpan | None:
    located = [t for t in times if t.span is not None]
    if not located:
        return times[0] if times else None
    return min(located, key=lambda t: abs(t.span.start - span.start) if t.span else 0)


def _is_past(doc: Any, cues: list[Cue], token_at: Any) -> bool:
    for c in cues:
        tok = token_at(c.span)
        if tok is None:
            continue
        if tok.tag_ == "VBD":
            return True
        if tok.tag_ == "VBN" and any(a.text.lower() in ("was", "were", "had", "has", "have", "been")
                                     for a in tok.children if a.dep_ in ("aux", "auxpass")):
            return True
        if tok.tag_ == "VBN" and tok.dep_ in ("advcl", "conj", "relcl", "ccomp") and tok.head.tag_ in ("VBD", "VBN"):
            return True
        if tok.tag_ == "VBN" and tok.dep_ == "ROOT" and not any(
                c.dep_ in ("aux", "auxpass") and c.text in ("is", "are", "am", "be", "being", "Is", "Are")
                for c in tok.children):
            return True  # a participle heading the sentence is a mis-tagged past tense ("200 people protested")
        if tok.tag_ == "VB" and tok.dep_ in ("xcomp", "advcl") and tok.head.tag_ == "VBD":
            return True  # "police fired tear gas to disperse protesters"
        if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "pcomp"):
            head = tok.head
            if head.tag_ in ("VBD",) or (head.tag_ == "VBN"):
                return True
    # a noun cue ("a blast", "the attack") with a past-tense main verb
    return any(t.tag_ == "VBD" and t.dep_ == "ROOT" for t in doc) and any(
        token_at(c.span) is not None and coarse_pos(token_at(c.span)) == "NOUN" for c in cues)


_DATELINE_HEAD = re.compile(r"[A-Z][A-Z .'’-]{2,40},")
_DATELINE_TAIL = re.compile(r"[^\n]{0,12}?(?:\([^()\n]{1,30}\)\s*)?[-—–]")


def _in_dateline(text: str, span: Span) -> bool:
    """"KIRKUK, Iraq, March 12 (Reuters) -": the filing date, not the event's."""
    line_start = text.rfind("\n", 0, span.start) + 1
    return span.start - line_start < 60 and bool(_DATELINE_HEAD.match(text, line_start)) and bool(
        _DATELINE_TAIL.match(text, span.end))


def _is_dateline(text: str, place: Place) -> bool:
    """"RAMADI, Iraq, Feb 27 (AFP) -": where the story was filed, not where it happened."""
    line_start = text.rfind("\n", 0, place.span.start) + 1
    word = text[place.span.start:place.span.end]
    return place.span.start == line_start and word.isupper() and len(word) > 2


def ascii_name(name: str) -> str:
    """Place names as analysts' tools expect them: no diacritics or ayn/hamza marks ("Tāʻizz" → "Taizz")."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[ʻʼʿʾ‘’`´]", "", plain).replace("'", "")


def _clean_claimant(phrase: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)


def _is_background(time: TimeSpan | None, published: date | None) -> bool:
    if time is None or time.end is None:
        return False
    if published is not None:
        return (published - time.end).days > _BACKGROUND_DAYS
    return time.start is not None and (time.end - time.start).days > 31


def _dep_role(tok: Any, main_tok: Any) -> str:
    if tok is None or main_tok is None:
        return ""
    node = tok
    for _ in range(6):
        if node.dep_ in ("nsubj",) and node.head.i == main_tok.i:
            return "agent"
        if node.dep_ in ("pobj",) and node.head.text.lower() == "by" and node.head.head.i == main_tok.i:
            return "agent"
        if node.dep_ in ("dobj", "nsubjpass") and node.head.i == main_tok.i:
            return "patient"
        if node.head is node:
            break
        node = node.head
    return ""


def _same_incident(text: str, prev: _Claim, new: _Claim, prev_place: Place | None = None,
                   new_place: Place | None = None) -> bool:
    sentence = text[new.sentence.start:new.sentence.end]
    if _SEPARATE.search(sentence[:60]):
        return False
    if paragraph_distance(text, prev.sentences[-1], new.sentence) > 2:
        return False
    if new.time is not None and prev.time is not None and new.time.span is not None and prev.time.span is not None \
            and (new.time.start, new.time.end) != (prev.time.start, prev.time.end):
        return False
    if prev_place is not None and new_place is not None and \
            (prev_place.geonameid or prev_place.name) != (new_place.geonameid or new_place.name):
        # a province and a town in it, or a town and its outskirts, can be one incident
        nested = prev_place.admin1 == new_place.admin1 and 3 in (prev_place.geo_precision, new_place.geo_precision)
        if not nested:
            return False
    if prev.type_rule and new.type_rule and prev.type_rule[1] == "Arrests" and \
            new.type_rule[1] == "Disrupted weapons use" and all(f.what == "seized" for f in new.figures):
        return True  # weapons seized in the raid belong to the arrest
    if new.figures and all(f.best == 0 and f.low == 0 for f in new.figures):
        return True  # "No one was killed." completes the incident before it
    # an arrest and a clash, or a defused bomb and a blast, are separate records; an IED and a clash stay one
    return not (prev.type_rule and new.type_rule and prev.type_rule != new.type_rule
                and "Strategic developments" in (new.type_rule[0], prev.type_rule[0]))


def paragraph_distance(text: str, a: Span, b: Span) -> int:
    return text.count("\n\n", a.end, b.start)


def _merge(into: _Claim, new: _Claim) -> None:
    into.sentences.append(new.sentence)
    into.places.extend(p for p in new.places if p not in into.places)
    if into.time is None and new.time is not None:
        into.time = new.time
    if into.actor1 is None:
        into.actor1 = new.actor1
    if into.actor2 is None and new.actor2 is not None and (into.actor1 is None or
                                                           new.actor2.canonical != into.actor1.canonical):
        into.actor2 = new.actor2
    if not into.attribution.claimant and new.attribution.claimant:
        into.attribution = new.attribution
    generic = {"Attack", "Armed clash"}
    upgrade = new.type_rule is not None and (into.type_rule is None or (
        into.type_rule[1] in generic and new.type_rule[1] not in generic
        and new.type_rule[0] != "Strategic developments" and new.type_rule[1] not in _SECONDARY_WEAPONS))
    if upgrade:  # "gunmen attacked ... The roadside bomb had been planted": the specific type wins
        into.type_rule, into.type_span = new.type_rule, new.type_span
    into.figures.extend(new.figures)


def _object_key(obj: str) -> str:
    words = re.findall(r"[a-z]+", obj.lower())
    if not words:
        return ""
    head: str = words[-1]
    return head[:-1] if head.endswith("s") and len(head) > 3 else head


def _combine(figures: list[_Figure]) -> tuple[int | None, int | None, int | None]:
    """One kind of count: figures for different victims add up; figures for the same victims (repeated, or
    competing claims) give a range, best being the most conservative."""
    if not figures:
        return (None, None, None)
    if any((f.best or f.low or 0) > 0 for f in figures):
        figures = [f for f in figures if not (f.best == 0 and f.low == 0)]
    groups: dict[str, list[_Figure]] = {}
    for f in figures:
        key = _object_key(f.object)
        groups.setdefault("" if key in _GENERIC_VICTIMS else key, []).append(f)
    if "" in groups and len(groups) > 1:  # an unnamed figure ("the attack killed 5") speaks of everyone
        unnamed = groups.pop("")
        total = _sum_groups(groups)
        return _range([total, *[(f.low, f.best, f.high) for f in unnamed]])
    return _sum_groups(groups)


def _sum_groups(groups: dict[str, list[_Figure]]) -> tuple[int | None, int | None, int | None]:
    parts = [_range([(f.low, f.best, f.high) for f in figs]) for figs in groups.values()]
    low = _sum(p[0] for p in parts)
    best = _sum(p[1] for p in parts)
    high = None if any(p[2] is None for p in parts) else _sum(p[2] for p in parts)
    return (low, best, high)


def _range(values: list[tuple[int | None, int | None, int | None]]) -> tuple[int | None, int | None, int | None]:
    if len(values) == 1:
        return values[0]
    lows = [v[0] for v in values if v[0] is not None]
    bests = [v[1] for v in values if v[1] is not None]
    highs = [v[2] for v in values]
    high = None if any(h is None for h in highs) else max(h for h in highs if h is not None)
    return (min(lows) if lows else None, min(bests) if bests else None, high)


def _sum(values: Any) -> int | None:
    vals = list(values)
    if any(v is None for v in vals):
        return None
    return int(sum(vals))


def _refine_type(event_type: str, sub: str, actor1: ActorMention | None, actor2: ActorMention | None, claim: _Claim,
                 ctx: ArticleContext) -> tuple[str, str, ActorMention | None, ActorMention | None]:
    armed = {1, 2, 3, 4, 8}
    if sub == "Attack" and actor2 is not None and actor2.inter in armed:
        return "Battles", "Armed clash", actor1, actor2
    if sub == "Armed clash" and actor2 is not None and actor2.inter == 7:
        return "Violence against civilians", "Attack", actor1, actor2
    return event_type, sub, actor1, actor2


def _inter(table: Any, actor: ActorMention | None, ctx: ArticleContext) -> int | None:
    if actor is None:
        return None
    try:
        value = table.inter(actor.canonical, ctx.country_iso2)
    except (AttributeError, KeyError):
        value = None
    return value if value is not None else actor.inter


def _note(text: str, claim: _Claim, kind: str) -> str:
    sentence = " ".join(text[claim.sentence.start:claim.sentence.end].split())
    if len(sentence) > 300:
        sentence = sentence[:297].rsplit(" ", 1)[0] + "..."
    return f"{'Tally' if kind == 'tally' else 'Event'}: {sentence}"


def _confidence(claim: _Claim, place: Place | None, kind: str) -> float:
    score = 0.4
    score += 0.15 if claim.type_rule else 0
    score += 0.15 if claim.time is not None and claim.time.start is not None else 0
    score += 0.1 if claim.actor1 or claim.actor2 else 0
    score += 0.1 if place is not None or kind == "tally" else 0
    score += 0.1 if claim.attribution.claimant or claim.attribution.source else 0
    return round(min(score, 1.0), 2)


def _unresolved(article: Article, ctx: ArticleContext) -> tuple[Problem, ...]:
    problems: list[Problem] = []
    if article.published is None:
        problems.append(Problem(article.source, "resolve", "time.no_published",
                                "no publication date: relative dates stay unresolved",
                                "give --published YYYY-MM-DD or a 'published' field"))
    return tuple(problems)
