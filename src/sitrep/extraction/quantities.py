"""Casualty and damage figures in running English text → ``low``/``best``/``high`` and a bound.

Pure Python, no spaCy: one atom regex (named alternatives) finds the number words, then short anchored
regexes look at the few characters around each atom for a modifier ("at least", "more than"), a range
("10 to 15", "between 10 and 15"), a trailing bound ("20 or more", "30-odd") and for the context that
means the digits are not a count (years, dates, times, ages, units, money, section numbers, phones).
Every quantifier in every regex is bounded or runs over a bounded window, so scanning is linear.

What the words mean (``N`` is the stated number; spans cover the quantity words only, never the noun
and never a trailing "of": "dozens of ISIS operatives" → "dozens")::

    words                                          low       best      high      bound
    ---------------------------------------------  --------  --------  --------  --------
    "12", "1,200", "1.5 million", "twelve",        N         N         N         exact
      "three hundred and four", "a hundred",
      "a single" (1), "zero"/"0" (0)
    "a dozen" 12, "two dozen" 24, "half a dozen"   N         N         N         approx
      6, "a score of" 20, "a couple (of)" 2
    "about/around/some/approximately/roughly/      N         N         N         approx
      nearly/almost/close to/just under/
      an estimated/circa N", "N or so", "N-odd"
    "at least/no fewer than/no less than/          N         N         None      at_least
      a minimum of N", "N or more", "N-plus",
      "N+", "N at least"
    "more than/over/in excess of/upwards of/       N+1       N+1       None      at_least
      above/exceeded/exceeding/exceeds/
      surpassed N"  (strictly more)
    "up to/as many as/no more than/at most/        None      N         N         at_most
      a maximum of N", "N or fewer", "N at most"
    "less than/fewer than/under/below N"           None      N-1       N-1       at_most
      (strictly fewer; floor 0)
    "10 to 15", "10-15", "10–15", "10 or 15",      A         A         B         range
      "between 10 and 15", "about 10 to 15"
      (A < B; best = the lower figure, as ACLED
      codes the most conservative report)
    "a couple" 2..2 (approx), "a handful" 2..5,    low       low       high      range
      "a few" 3..5, "several" 3..9, "tens of"
      20..99, "dozens" 24..99, "scores of"
      40..99, "hundreds" 200..999, "thousands"
      2000..9999, "millions" 2e6..9_999_999
    "several/a few/a couple (of)/a handful of      l×S       l×S       (h+1)×S−1 range
      hundred|thousand|million|dozen" (S the
      scale): "several hundred" 300..999,
      "a few dozen" 36..71; "tens/dozens/
      hundreds of thousands|millions":
      "tens of thousands" 20_000..99_999
    "at least/more than" + vague ("more than       low       low       None      at_least
      hundreds"); other modifiers before a
      vague amount are ignored (not in the span)
    "a number of", "a large/unknown/unspecified    None      None      None      none
      number of" (a count is stated, no figure)
    "no casualties/deaths/injuries/one/...",       0         0         0         exact
      "no one", "nobody", "none", "not a
      single", "not one", "without casualties"
      (span: "no", "no one", "without", ...)

Not quantities (``parse_quantity`` → None, ``find_quantities`` skips them): bare articles ("a soldier"
— the caller reads that as 1), "many", "numerous", "multiple", "few" without "a", ordinals ("third",
"3rd"), decimals without a scale word ("3.5").  ``find_quantities`` also skips, from the neighbouring
tokens: years (a bare 1900–2099 with no modifier: "in 2014", "since 2014", "the 2017"), dates ("March
3", "3 May", "2014-03-04", "3/4/2014"), times ("10 a.m.", "10:30", "1030 GMT"), ages ("a 25-year-old",
"aged 25", "five years old"), durations ("three days", "48 hours", "a three-day operation"), units and
distances ("30 km", "5 tonnes", "10%", "5 per cent"), money ("$5 million", "5 million dollars", "5
billion"), numbered things ("Brigade 51", "Division 7", "51 Brigade", "Article 140", "Resolution 2254",
"page 5", "Highway 1", "Kilo 160"), designators ("F-16", "COVID-19", "H3"), phone-like digit groups
and numbers with a leading zero.

Bounds: ``find_quantities`` reads at most ``MAX_SCAN_CHARS`` (100_000) characters per call — a longer
``[start, end)`` window is cut to its first 100_000 characters (callers pass one sentence at a time);
``parse_quantity`` returns None for input longer than ``MAX_WORDS_CHARS`` (200).  Any figure whose
value exceeds ``MAX_VALUE`` (10_000_000) is rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.model import Bound, Span

__all__ = ["MAX_SCAN_CHARS", "MAX_VALUE", "MAX_WORDS_CHARS", "Quantity", "find_quantities", "parse_quantity"]

MAX_SCAN_CHARS = 100_000
MAX_WORDS_CHARS = 200
MAX_VALUE = 10_000_000


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity expression; ``span`` indexes into the text that was passed in."""

    low: int | None
    best: int | None
    high: int | None
    bound: Bound
    span: Span


# --------------------------------------------------------------------------------------------------
# Grammar.  Whitespace between words is bounded (``_W``) so no pattern can backtrack unboundedly.
_W = r"\s{1,3}"

_ONES_NZ = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS = r"(?:twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)"
_SMALL = rf"(?:{_TENS}(?!\w)(?:(?:-|{_W}){_ONES_NZ}(?!\w))?|{_TEENS}(?!\w)|{_ONES_NZ}(?!\w))"  # 1..99
_HUNDREDS = rf"(?:(?:a|{_TEENS}|{_ONES_NZ}){_W}hundred(?!\w)(?:{_W}(?:and{_W})?{_SMALL})?)"
_BELOW_K = rf"(?:{_HUNDREDS}|{_SMALL})"
_THOUSANDS = rf"(?:(?:a|{_BELOW_K}){_W}thousand(?!\w)(?:{_W}(?:and{_W})?{_BELOW_K})?)"
_MILLIONS = rf"(?:(?:a|{_BELOW_K}){_W}million(?!\w)(?:{_W}(?:and{_W})?(?:{_THOUSANDS}|{_BELOW_K}))?)"
_DOZENS = rf"(?:(?:half{_W}a|a|{_SMALL}){_W}dozen(?!\w))"
_WORD_NUMBER = rf"(?:{_DOZENS}|{_MILLIONS}|{_THOUSANDS}|{_HUNDREDS}|{_SMALL}|zero(?!\w)|a{_W}single(?!\w))"

_DIGIT_NUMBER = (
    r"(?<![\w$€£¥#@+])(?<![A-Za-z]-)(?<!\d[.,:/])"
    r"(?:\d{1,3}(?:,\d{3}){1,2}(?!\d)|\d{1,8})(?:\.\d{1,3})?"
    rf"(?:{_W}(?:hundred|thousand|million)(?!\w))?"
    r"(?!\w)(?![.,:/]\d)"
)

_VAGUE_SCALED = (
    rf"(?:several|a{_W}few|a{_W}couple(?:{_W}of)?|a{_W}handful{_W}of){_W}(?:hundred|thousand|million|dozen)(?!\w)"
)
_VAGUE_PLURAL_SCALED = rf"(?:tens|dozens|hundreds){_W}of{_W}(?:thousands|millions)(?!\w)"
_VAGUE = (
    rf"(?:a{_W}few|a{_W}couple|a{_W}handful|several|dozens|hundreds|thousands|millions"
    rf"|tens(?={_W}of(?!\w))|scores(?={_W}of(?!\w))|a{_W}score(?={_W}of(?!\w)))(?!\w)"
)
_UNQUANTIFIED = (
    rf"(?:a|an){_W}(?:(?:large|small|significant|great|growing|high|limited|unknown|unspecified|undisclosed"
    rf"|undetermined|unconfirmed|considerable){_W})?number(?={_W}of(?!\w))"
)
_ZERO_ADJ = (
    r"(?:immediate|reported|further|other|known|human|civilian|military|serious|major|confirmed|additional|new)"
)
_ZERO_NOUN = (
    r"(?:casualt(?:y|ies)|deaths?|fatalit(?:y|ies)|injur(?:y|ies)|injured|wounded|dead|victims?|loss(?:es)?"
    r"|lives|harm|damage|arrests?)(?!\w)"
)
_ZERO_TAIL = rf"{_W}(?:{_ZERO_ADJ}{_W})?{_ZERO_NOUN}"
_ZERO = (
    rf"(?:no(?:{_W}|-)one(?!\w)|no(?={_ZERO_TAIL})|without(?={_ZERO_TAIL})|nobody(?!\w)|none(?!\w)"
    rf"|not{_W}a{_W}single(?!\w)|not{_W}one(?!\w))"
)

_ATOM = re.compile(
    rf"(?:(?<![\w'’-])(?:(?P<zero>{_ZERO})|(?P<vscaled>{_VAGUE_SCALED})|(?P<vplural>{_VAGUE_PLURAL_SCALED})"
    rf"|(?P<vague>{_VAGUE})|(?P<unquantified>{_UNQUANTIFIED})|(?P<words>{_WORD_NUMBER})))"
    rf"|(?P<digits>{_DIGIT_NUMBER})",
    re.IGNORECASE,
)

# Modifiers before a number; searched over a short window that ends where the number begins.
_MODIFIER = re.compile(
    r"(?<![\w-])(?:"
    r"(?P<at_least>at\s{1,3}least|at\s{1,3}the\s{1,3}very\s{1,3}least|no\s{1,3}fewer\s{1,3}than"
    r"|no\s{1,3}less\s{1,3}than|not\s{1,3}fewer\s{1,3}than|not\s{1,3}less\s{1,3}than"
    r"|a\s{1,3}minimum\s{1,3}of|minimum\s{1,3}of|at\s{1,3}minimum)"
    r"|(?P<at_most>up\s{1,3}to|as\s{1,3}many\s{1,3}as|as\s{1,3}much\s{1,3}as|no\s{1,3}more\s{1,3}than"
    r"|not\s{1,3}more\s{1,3}than|at\s{1,3}most|at\s{1,3}the\s{1,3}most|a\s{1,3}maximum\s{1,3}of"
    r"|maximum\s{1,3}of|at\s{1,3}maximum)"
    r"|(?P<approx>about|around|some|approximately|approx\.?|roughly|nearly|almost|close\s{1,3}to"
    r"|just\s{1,3}under|just\s{1,3}shy\s{1,3}of|an\s{1,3}estimated|estimated|circa"
    r"|in\s{1,3}the\s{1,3}region\s{1,3}of|on\s{1,3}the\s{1,3}order\s{1,3}of)"
    r"|(?P<more>more\s{1,3}than|(?:well|just|far|many)\s{1,3}(?:over|above|more\s{1,3}than)|over"
    r"|in\s{1,3}excess\s{1,3}of|upwards?\s{1,3}of|above|greater\s{1,3}than|exceed(?:ed|ing|s)?"
    r"|surpass(?:ed|ing|es)?)"
    r"|(?P<less>less\s{1,3}than|fewer\s{1,3}than|under|below)"
    r"|(?P<between>between)"
    r")\s{1,3}\Z",
    re.IGNORECASE,
)
_MODIFIER_WINDOW = 48

_TRAIL = re.compile(
    r"(?:\s{1,3}or\s{1,3}(?:(?P<t_more>more|above|greater|higher)|(?P<t_less>fewer|less|under|below)|(?P<t_so>so))"
    r"|(?P<t_odd>-odd|\s{1,2}odd)|(?P<t_plus>\s?-?plus|\+)"
    r"|\s{1,3}(?P<t_at_least>at\s{1,3}least)|\s{1,3}(?P<t_at_most>at\s{1,3}most))(?!\w)",
    re.IGNORECASE,
)
_RANGE_WORD = re.compile(r"\s{1,3}(?:to|or)\s{1,3}", re.IGNORECASE)
_RANGE_DASH = re.compile(r"\s?[-–]\s?")
_BETWEEN_AND = re.compile(r"\s{1,3}and\s{1,3}", re.IGNORECASE)
_JOINTS = [(_RANGE_WORD, False), (_RANGE_DASH, True)]  # (joint, digits only)

# Context that says "not a count".
_UNITS = (
    r"km2?|kms|kilomet(?:er|re)s?|mi|miles?|m|met(?:er|re)s?|cm|mm|kg|kgs|kilos?|kilograms?|grams?|tons?"
    r"|tonnes?|lbs?|lit(?:er|re)s?|gallons?|hectares?|acres?|dunams?|donums?|feet|foot|ft|yards?"
    r"|inch(?:es)?|sq|square|degrees?|kph|km/h|mph|knots?|mw|kw|percent|per\s?cent|percentage"
    r"|points?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?|yrs?"
    r"|decades?|centur(?:y|ies)|am|pm|o['’]clock|gmt|utc|local\s{1,3}time|dollars?|dinars?|euros?"
    r"|pounds?|liras?|riyals?|rials?|dirhams?|rupees?|naira|shillings?|usd|iqd|syp|eur|gbp|cents?"
    r"|afghanis?|billion|trillion|bn|mln|times|fold|thirds|quarters|fifths"
)
_HYPHEN_ONLY = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|half|quarter"
_RIGHT_BLOCK = re.compile(
    rf"(?:\s{{0,2}}(?:%|°|[ap]\.m\.?)|\s{{0,2}}(?:-\s?|of{_W})?(?:{_UNITS})(?!\w)|-(?:{_HYPHEN_ONLY})(?!\w))",
    re.IGNORECASE,
)
_RIGHT_UNIT_NAME = re.compile(
    r"\s{1,2}(?:Brigade|Division|Regiment|Battalion|Corps|Squadron|Army|Fleet|Infantry|Armou?red|Mechani[sz]ed)\b"
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)
_MONTH_AFTER = re.compile(rf"\s{{1,2}}(?:of\s{{1,2}})?{_MONTHS}\.?(?!\w)")
_MONTH_BEFORE = re.compile(rf"(?<!\w){_MONTHS}\.?\s{{1,2}}\Z")
_LEFT_BLOCK = re.compile(
    r"(?<![\w-])(?:pages?|pp?|sections?|articles?|chapters?|paragraphs?|paras?|clauses?|items?|no|nos"
    r"|resolutions?|laws?|decrees?|vol|volume|issues?|edition|route|road|highway|street|kilo|km|hill"
    r"|brigade|division|regiment|battalion|corps|squadron|platoon|unit|sector|zone|block|building|gate"
    r"|flight|room|apartment|phase|stage|round|channel|model|version|level|grade|class|category|aged"
    r"|age|ages|episode|tier|usd|iqd|syp|eur|gbp)\.?\s{0,2}\Z",
    re.IGNORECASE,
)
_ONE_LEFT_BLOCK = re.compile(
    r"(?<![\w-])(?:the|this|that|any|every|each|which|such|only|someone|anyone)\s{1,3}\Z", re.IGNORECASE
)
_ONE_RIGHT_BLOCK = re.compile(
    r"\s{1,3}(?:another|by\s{1,3}one|of\s{1,3}(?:the|its|his|her|their)\s{1,3}"
    r"(?:most|best|largest|biggest|worst|deadliest|main|few))(?!\w)",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d{1,4}\)?(?:[ .\-]\(?\d{2,4}\)?){2,5}(?!\w)")
_LEFT_WINDOW = 24
_RIGHT_WINDOW = 40

_SMALL_VALUES = {
    w: i
    for i, w in enumerate(
        (
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
        )
    )
}
_TENS_VALUES = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "dozen": 12}
_PLURAL_SCALES = {"thousands": 1_000, "millions": 1_000_000}
# vague amount → (low, high); best is always low.
_VAGUE_VALUES = {
    "a couple": (2, 2), "a handful": (2, 5), "a few": (3, 5), "several": (3, 9), "tens": (20, 99),
    "a score": (20, 20), "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999),
    "thousands": (2_000, 9_999), "millions": (2_000_000, 9_999_999),
}
_NUMBER_KINDS = frozenset({"words", "digits"})


@dataclass(frozen=True, slots=True)
class _Value:
    low: int | None
    best: int | None
    high: int | None
    bound: Bound


def _norm(words: str) -> str:
    return " ".join(words.lower().replace("-", " ").split())


def _words_value(words: str) -> _Value | None:
    tokens = _norm(words).split()
    if tokens[:2] == ["a", "single"]:
        return _Value(1, 1, 1, "exact")
    approx = "dozen" in tokens
    if tokens[:2] == ["half", "a"]:
        tokens = ["six", *tokens[3:]]  # "half a dozen"
    total = current = 0
    for tok in tokens:
        if tok == "and":
            continue
        if tok == "a":
            current = 1
        elif tok in _SMALL_VALUES:
            current += _SMALL_VALUES[tok]
        elif tok in _TENS_VALUES:
            current += _TENS_VALUES[tok]
        elif tok in ("hundred", "dozen"):
            current *= _SCALES[tok]
        elif tok in ("thousand", "million"):
            total += current * _SCALES[tok]
            current = 0
        else:  # pragma: no cover - the grammar only lets the words above through
            return None
    n = total + current
    return _Value(n, n, n, "approx" if approx else "exact")


def _digits_value(words: str) -> _Value | None:
    m = re.fullmatch(r"([\d,]+)(?:\.(\d+))?(?:\s+(hundred|thousand|million))?", words.strip(), re.IGNORECASE)
    if m is None:  # pragma: no cover - the grammar only lets this shape through
        return None
    whole, frac, scale_word = m.group(1), m.group(2), m.group(3)
    if "," not in whole and len(whole) > 1 and whole.startswith("0"):
        return None  # "07701234567", "03"
    n = int(whole.replace(",", ""))
    if scale_word is None:
        if frac is not None:
            return None  # "3.5", "10.30"
        return _Value(n, n, n, "exact")
    scale = _SCALES[scale_word.lower()]
    n *= scale
    if frac is not None:
        n += int(frac) * scale // 10 ** len(frac)
    return _Value(n, n, n, "exact")


def _vague_value(kind: str, words: str) -> _Value | None:
    norm = _norm(words)
    if kind == "vague":
        low, high = _VAGUE_VALUES[norm]
        return _Value(low, low, high, "approx" if low == high else "range")
    if kind == "vplural":  # "tens of thousands"
        base, _, scale_word = norm.split()
        scale = _PLURAL_SCALES[scale_word]
    else:  # "several hundred", "a couple of dozen"
        *head, scale_word = norm.split()
        base = " ".join(w for w in head if w != "of")
        scale = _SCALES[scale_word]
    low, high = _VAGUE_VALUES[base]
    return _Value(low * scale, low * scale, (high + 1) * scale - 1, "range")


def _atom_value(kind: str, words: str) -> _Value | None:
    if kind == "zero":
        return _Value(0, 0, 0, "exact")
    if kind == "unquantified":
        return _Value(None, None, None, "none")
    if kind == "words":
        return _words_value(words)
    if kind == "digits":
        return _digits_value(words)
    return _vague_value(kind, words)


def _apply_modifier(mod: str, v: _Value, number: bool) -> _Value | None:
    """The value of ``mod`` + atom, or None when the modifier does not apply to this atom."""
    if not number:  # a vague amount: only "at least"/"more than" mean something ("more than hundreds")
        return _Value(v.low, v.low, None, "at_least") if mod in ("at_least", "more") else None
    n = v.best
    assert n is not None
    if mod == "at_least":
        return _Value(n, n, None, "at_least")
    if mod == "more":
        return _Value(n + 1, n + 1, None, "at_least")
    if mod == "at_most":
        return _Value(None, n, n, "at_most")
    if mod == "less":
        m = max(n - 1, 0)
        return _Value(None, m, m, "at_most")
    return _Value(n, n, n, "approx")


_TRAIL_MODIFIER = {
    "t_more": "at_least", "t_plus": "at_least", "t_at_least": "at_least",
    "t_less": "at_most", "t_at_most": "at_most", "t_so": "approx", "t_odd": "approx",
}


def _too_big(v: _Value) -> bool:
    return any(x is not None and x > MAX_VALUE for x in (v.low, v.best, v.high))


def _is_year(kind: str, words: str) -> bool:
    return kind == "digits" and len(words) == 4 and words.isdigit() and 1900 <= int(words) <= 2099


class _Scanner:
    def __init__(self, text: str, start: int, end: int, context: bool) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.context = context
        self.phones: list[tuple[int, int]] = []
        if context:
            for m in _PHONE.finditer(text, start, end):
                if sum(c.isdigit() for c in m.group()) >= 7:
                    self.phones.append((m.start(), m.end()))

    # -- context ----------------------------------------------------------------------------------
    def _blocked_left(self, pos: int, kind: str, words: str) -> bool:
        lo = max(0, pos - _LEFT_WINDOW)
        if _LEFT_BLOCK.search(self.text, lo, pos):
            return True
        if kind == "digits" and _MONTH_BEFORE.search(self.text, lo, pos):
            return True
        return _norm(words) == "one" and _ONE_LEFT_BLOCK.search(self.text, lo, pos) is not None

    def _blocked_right(self, pos: int, kind: str, words: str) -> bool:
        hi = min(len(self.text), pos + _RIGHT_WINDOW)
        if _RIGHT_BLOCK.match(self.text, pos, hi):
            return True
        if kind == "digits" and (
            _MONTH_AFTER.match(self.text, pos, hi) or _RIGHT_UNIT_NAME.match(self.text, pos, hi)
        ):
            return True
        return _norm(words) == "one" and _ONE_RIGHT_BLOCK.match(self.text, pos, hi) is not None

    def _in_phone(self, s: int, e: int) -> bool:
        return any(ps < e and s < pe for ps, pe in self.phones)

    def _blocked(self, m: re.Match[str]) -> bool:
        kind = m.lastgroup or ""
        return self.context and (
            self._blocked_left(m.start(), kind, m.group())
            or self._blocked_right(m.end(), kind, m.group())
            or self._in_phone(m.start(), m.end())
        )

    # -- structure --------------------------------------------------------------------------------
    def _number_at(self, pos: int, dash: bool) -> tuple[re.Match[str], _Value | None] | None:
        """The number that starts at ``pos``, with None for its value when the context rules it out."""
        m = _ATOM.match(self.text, pos, self.end)
        if m is None or m.lastgroup not in _NUMBER_KINDS or (dash and m.lastgroup != "digits"):
            return None
        v = _atom_value(m.lastgroup, m.group())
        if v is None or v.best is None or self._blocked(m):
            return m, None
        return m, v

    def _modifier(self, pos: int) -> re.Match[str] | None:
        return _MODIFIER.search(self.text, max(self.start, pos - _MODIFIER_WINDOW), pos)

    def scan(self) -> list[Quantity]:
        found: list[Quantity] = []
        consumed = self.start
        for m in _ATOM.finditer(self.text, self.start, self.end):
            if m.start() < consumed:
                continue
            kind = m.lastgroup or ""
            value = _atom_value(kind, m.group())
            if value is None:
                continue
            q_start, q_end = m.start(), m.end()
            number = kind in _NUMBER_KINDS
            years = [_is_year(kind, m.group())]
            blocked_range = False
            mod = self._modifier(m.start()) if kind not in ("zero", "unquantified") else None
            mod_kind = mod.lastgroup if mod is not None else None
            # ranges: "between 10 and 15", "10 to 15", "10-15", "one or two"
            if number and value.best is not None:
                joints = [(_BETWEEN_AND, False)] if mod_kind == "between" else _JOINTS
                for joint, dash in joints:
                    if dash and kind != "digits":
                        continue
                    j = joint.match(self.text, m.end(), self.end)
                    if j is None:
                        continue
                    other = self._number_at(j.end(), dash)
                    if other is None:
                        continue
                    om, ov = other
                    if ov is None:  # "2 or 3 km", "from 3 to 4 p.m.": the first number goes with it
                        blocked_range = True
                        consumed = om.end()
                        break
                    if ov.best is None or ov.best <= value.best:
                        continue
                    years.append(_is_year("digits" if om.lastgroup == "digits" else "", om.group()))
                    value = _Value(value.best, value.best, ov.high, "range")
                    q_end = om.end()
                    if mod is not None:
                        q_start = mod.start()
                    break
            if value.bound != "range" or not number:
                if mod_kind is not None and mod_kind != "between" and mod is not None:
                    modified = _apply_modifier(mod_kind, value, number)
                    if modified is not None:
                        value, q_start = modified, mod.start()
                elif number:
                    t = _TRAIL.match(self.text, m.end(), self.end)
                    if t is not None and t.lastgroup is not None:
                        trailed = _apply_modifier(_TRAIL_MODIFIER[t.lastgroup], value, True)
                        assert trailed is not None
                        value, q_end = trailed, t.end()
            if blocked_range:
                continue
            consumed = q_end
            if self.context:
                last = q_end if value.bound == "range" else m.end()
                if (
                    self._blocked_left(m.start(), kind, m.group())
                    or self._blocked_right(m.end(), kind, m.group())
                    or (last != m.end() and self._blocked_right(last, "digits", ""))
                    or self._in_phone(m.start(), m.end())
                    or (any(years) and (mod is None or mod_kind == "between"))
                ):
                    continue
            if _too_big(value):
                continue
            found.append(Quantity(value.low, value.best, value.high, value.bound, Span(q_start, q_end)))
        return _longest_first(found)


def _longest_first(found: list[Quantity]) -> list[Quantity]:
    chosen: list[Quantity] = []
    for q in sorted(found, key=lambda q: (q.span.start - q.span.end, q.span.start)):
        if all(q.span.end <= c.span.start or c.span.end <= q.span.start for c in chosen):
            chosen.append(q)
    return sorted(chosen, key=lambda q: q.span.start)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """All quantity expressions in ``text[start:end]``; spans index into ``text``.

    Sorted by position and non-overlapping (the longer expression wins).  At most ``MAX_SCAN_CHARS``
    characters are read: a longer window is cut to its first ``MAX_SCAN_CHARS`` characters.
    """
    start = max(0, start)
    end = len(text) if end is None else min(end, len(text))
    end = min(end, start + MAX_SCAN_CHARS)
    if start >= end:
        return []
    return _Scanner(text, start, end, context=True).scan()


_LEADING_AUX = re.compile(r"\s*(?:(?:has|have|had)\s{1,3})?", re.IGNORECASE)
_TRAILING_OF = re.compile(r"\s{0,3}(?:of)?\s*\Z", re.IGNORECASE)
_TRAILING_ZERO_NOUN = re.compile(rf"{_ZERO_TAIL}\s*\Z", re.IGNORECASE)


def parse_quantity(words: str) -> Quantity | None:
    """``words`` as one quantity expression ("more than 20", "dozens", "10 to 15"), else None.

    The context filters of ``find_quantities`` are not applied ("2014" is 2014); a trailing "of"
    ("dozens of"), a leading "has"/"have"/"had" ("has exceeded 155") and, after a zero word, the
    noun it negates ("no casualties") are allowed.  ``span`` is ``(0, len(words))``.
    """
    if len(words) > MAX_WORDS_CHARS or not words.strip():
        return None
    found = _Scanner(words, 0, len(words), context=False).scan()
    if len(found) != 1:
        return None
    q = found[0]
    lead = _LEADING_AUX.match(words)
    if lead is None or lead.end() != q.span.start:
        return None
    tail_ok = _TRAILING_OF.match(words, q.span.end) or (
        q.best == 0 and _TRAILING_ZERO_NOUN.match(words, q.span.end)
    )
    if not tail_ok:
        return None
    return Quantity(q.low, q.best, q.high, q.bound, Span(0, len(words)))
