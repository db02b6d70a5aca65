"""``ng_timex``: temporal expressions with TIMEX3 values, and the time of each event.

Finding: the regular expressions of ``data/time_patterns.tsv`` (built from the word
lists of ``data/time_words.tsv``) run over the text near their trigger words, so
most of a text is never searched. Matches follow TimeML spans: "June 5", not "on
June 5"; "the past two months"; "two years ago". The longest leftmost match wins;
when the tokens or the parse reject it ("may" the modal, "fall" the verb, ABC's
"This Week", a year that names a car model) or it cannot be normalised, a shorter
match in its place may still be taken.

Resolving: :func:`newsgraph.normalize.time.resolve` with the publication date as
anchor, plus what the text gives: the tense of the governing verb (a bare "Friday"
is the last one in a past sentence, the next one in a future sentence), the words
around the expression ("for the year", "twice a year", "effective Feb. 1"), the last
explicit date of the text (for "the following day", "two years earlier"), an explicit
date of the same clause ("in 1996 ... in March"), and the fiscal quarter the text
reports on (the one its paragraph names most, for "the year-earlier quarter").
"since X" marks the timex as the start of an interval (``mod="START"``).

Not timexes: the time unit of a rate ("$1.76 a year", "rise 8.5% annually", "15 million
instructions per second"; a count of occasions or days stays a set: "twice a week", "three
days a week"), titles ("VOA Today"), idioms ("high noon"), ages ("52-year-old"). A day or
month naming a thing ("Tuesday's declaration", "a June agreement") takes the nearest one
unless the clause is explicitly future; generic "today's world" is no timex.

Each event gets its time from :func:`event_time`: the timex governing its trigger
in the parse, else its sentence's reference time, else the publication date
marked ``source="published"``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.model import EventTime, Timex
from newsgraph.nlp.extensions import doc_text, ensure
from newsgraph.nlp.tokens import table
from newsgraph.normalize.time import Resolved, join_durations, lexicon, parse_value, resolve

__all__ = ["TimexTagger", "candidates", "event_time", "find_spans", "parse_published", "patterns", "tense_of"]

_MACRO = re.compile(r"\{([A-Za-z_]+)\}")


def parse_published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _class_regex(cls: str) -> str:
    phrases = lexicon().phrases(cls)
    if not phrases:
        raise KeyError(f"no phrases of class {cls!r} in time_words.tsv")
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + ")"


@dataclass(frozen=True)
class _Patterns:
    spans: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...]  # name, trigger kinds, regex
    kinds: tuple[tuple[str, re.Pattern[str]], ...]  # trigger kind -> its words
    any_kind: re.Pattern[str]  # the words of every kind (most words are none: one test says so)


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    """The span patterns and trigger words of ``time_patterns.tsv``, macros expanded, compiled once."""
    text = resources.files("newsgraph.nlp.data").joinpath("time_patterns.tsv").read_text(encoding="utf-8")
    macros: dict[str, str] = {}
    spans: list[tuple[str, tuple[str, ...], re.Pattern[str]]] = []
    kinds: list[tuple[str, str]] = []

    def expand(template: str) -> str:
        def sub(m: re.Match[str]) -> str:
            name = m[1]
            if name in macros:
                return macros[name]
            if name.islower():
                return _class_regex(name)
            raise KeyError(f"unknown macro {{{name}}} in time_patterns.tsv")

        return _MACRO.sub(sub, template)

    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, name, *rest = line.split("\t")
        if kind == "macro":
            macros[name] = expand(rest[0])
        elif kind == "trigger":
            kinds.append((name, expand(rest[0])))
        else:
            triggers, template = rest
            spans.append((name, tuple(triggers.split(",")), re.compile(expand(template), re.IGNORECASE)))
    known = {k for k, _ in kinds}
    for name, names, _ in spans:
        if not set(names) <= known:
            raise KeyError(f"pattern {name} names an unknown trigger in time_patterns.tsv")
    compiled_kinds = tuple((k, re.compile(f"(?:{r})", re.IGNORECASE)) for k, r in kinds)
    any_kind = re.compile("|".join(f"(?:{r})" for _, r in kinds), re.IGNORECASE)
    return _Patterns(tuple(spans), compiled_kinds, any_kind)


# how far before and after a trigger word an expression may reach ("at least the past | two | years")
_BEFORE, _AFTER = 48, 48


_WORD = re.compile(r"[^\W_]+")
_CLOCK_AFTER = re.compile(r"\s*[ap]\.?\s?m\b|[:.]\d\d|\s+o'clock", re.IGNORECASE)


def _kinds_of(word: str, clock: bool = False) -> tuple[str, ...]:
    """The trigger kinds of a word (cached: a text repeats its words)."""
    key = word if not clock else word + "\x00"
    kinds = _KINDS.get(key)
    if kinds is None:
        low = word.lower()
        compiled = patterns()
        found = (
            [k for k, rx in compiled.kinds if rx.fullmatch(low)] if compiled.any_kind.fullmatch(low) else []
        )
        if clock:
            found.append("clock")
        kinds = _KINDS[key] = tuple(found)
        if len(_KINDS) > 100_000:  # a bound, for long-running processes
            _KINDS.clear()
    return kinds


_KINDS: dict[str, tuple[str, ...]] = {}


def _windows(text: str, compiled: _Patterns) -> dict[str, list[tuple[int, int]]]:
    """For each trigger kind, the stretches of text around its words (merged, cut at whitespace)."""
    out: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for m in _WORD.finditer(text):
        word = m.group()
        if word[0].isdigit():
            clock = len(word) <= 2 and word.isdigit() and _CLOCK_AFTER.match(text, m.end()) is not None
            if not clock and text[m.end() : m.end() + 1] in ("-", "/", "s", "'", "’"):
                word = text[m.start() : m.end() + 8].split()[0].rstrip(".,;:")
            elif len(word) == 2 and m.start() and text[m.start() - 1] in "'’":
                word = text[m.start() - 1] + word  # "since '82"
            kinds = _kinds_of(word, clock)
        else:
            known = _KINDS.get(word)
            kinds = known if known is not None else _kinds_of(word)
        if not kinds:
            continue
        start = max(0, m.start() - _BEFORE)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = min(n, m.end() + _AFTER)
        while end < n and not text[end].isspace():
            end += 1
        for kind in kinds:
            spans = out.setdefault(kind, [])
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
    return out


def _union(windows: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    if len(windows) == 1:
        return windows[0]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(w for ws in windows for w in ws):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def candidates(text: str) -> list[tuple[int, int, str]]:
    """Every pattern match ``(start, end, pattern name)``, leftmost first, longest first."""
    compiled = patterns()
    windows = _windows(text, compiled)
    found: set[tuple[int, int, str]] = set()
    for name, triggers, pattern in compiled.spans:
        ranges = [windows[t] for t in triggers if t in windows]
        if not ranges:
            continue
        for start, end in _union(ranges):
            for m in pattern.finditer(text, start, end):
                if m.end() > m.start():
                    found.add((m.start(), m.end(), name))
    return sorted(found, key=lambda f: (f[0], -(f[1] - f[0]), f[2]))


def find_spans(text: str) -> list[tuple[int, int, str]]:
    """Character spans ``(start, end, pattern name)`` of temporal expressions, leftmost-longest.

    The text alone decides here; the component also checks each span on the parse
    and falls back to a shorter match when the longest one is rejected.
    """
    chosen: list[tuple[int, int, str]] = []
    last = -1
    for begin, stop, name in candidates(text):
        if begin >= last:
            chosen.append((begin, stop, name))
            last = stop
    return chosen


# --------------------------------------------------------------------------- the parse

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
_MODALS = frozenset({"could", "might", "may", "should", "must", "can", "ca"})
# verbs of saying: in a present-tense news sentence they report what has happened ("says Friday")
_REPORTING = frozenset(
    {
        "say", "tell", "report", "announce", "state", "claim", "insist", "deny", "confirm", "add", "note",
        "warn", "predict", "acknowledge", "admit", "argue", "contend", "maintain", "write", "quote",
    }
)  # fmt: skip
# verbs whose object or complement lies ahead: "has scheduled a news conference Thursday"
_PLAN_VERBS = frozenset(
    {
        "plan", "expect", "schedule", "set", "slate", "hope", "intend", "want", "agree", "promise", "aim",
        "prepare", "vow", "propose", "threaten", "seek", "try", "urge", "order", "ask", "call", "require",
        "postpone", "delay", "await", "due",
    }
)  # fmt: skip
# verbs whose past is their present: a news sentence with them tagged VBP is mostly past
_SAME_PAST = frozenset(
    {"hurt", "put", "set", "cut", "let", "hit", "cost", "quit", "spread", "bet", "shut", "split", "cast", "beat",
     "burst", "upset", "bid", "broadcast", "forecast", "read"}
)  # fmt: skip
# nouns whose infinitive lies ahead: "an agreement to acquire the bank in January"
_PLAN_NOUNS = frozenset(
    {
        "agreement",
        "plan",
        "offer",
        "bid",
        "deal",
        "proposal",
        "intention",
        "pact",
        "accord",
        "effort",
        "attempt",
    }
)
_READY = frozenset({"ready", "due", "likely", "expected", "scheduled", "set", "poised", "able", "eager"})


def _verb_above(token: Token) -> Token | None:
    tok = token
    for _ in range(10):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _hypothetical(verb: Token) -> bool:
    """Is ``verb`` the past of an "if" clause whose main clause says "would" ("if he came on
    Friday, they would meet him"): a supposition, not a past event?"""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and _low(c) == "if" for c in verb.children):
        return False
    return any(c.dep_ == "aux" and _low(c) in ("would", "'d", "could", "might") for c in verb.head.children)


def tense_of(token: Token) -> str | None:
    """Tense of the verb governing ``token``, or None when no verb governs it.

    "past", "perfect" (has/have + participle), "present" (a verb of saying, or "be":
    "says Friday"), "present_event" (another present: "meet Monday", a scheduled
    event), "conditional" ("would"), or "future" ("will", "is leaving", "plans to
    leave"). An infinitive or participle takes the tense of the verb it depends on.
    """
    verb = _verb_above(token)
    for _ in range(4):
        if verb is None:
            return None
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {_low(a) for a in auxes}
        if words & _FUTURE_AUX:
            return "future"
        if verb.lemma_ == "go" and verb.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in verb.children):
            return "future"  # "is going to leave"
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            if verb.lemma_ in ("plan", "schedule", "intend", "expect") and "had" not in words:
                return "future"  # "planned a demonstration on Saturday"
            if _hypothetical(verb):
                return "conditional"  # "if there ever came a day when ..., I would"
            return "past"
        if words & {"would", "'d"}:
            # "said they would appeal the decision announced Wednesday": a reported past, unless
            # the clause is progressive ("would be traveling Thursday")
            return "future" if verb.tag_ == "VBG" else "conditional"
        if words & _MODALS:
            return "present"
        has = any(a.lemma_ == "have" for a in auxes)
        if verb.tag_ == "VBN" and has:
            return "future" if verb.lemma_ in _PLAN_VERBS else "perfect"
        if verb.tag_ == "VBP" and _low(verb) in _SAME_PAST:
            return "past"  # "Weakness hurt the composite": tagged present, read as past
        if verb.tag_ in ("VBZ", "VBP"):
            if verb.lemma_ in _PLAN_VERBS:
                return "future"
            return "present" if verb.lemma_ in _REPORTING or verb.lemma_ == "be" else "present_event"
        if verb.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes):
            if has or "been" in words:
                return "perfect"  # "have been searching since Oct. 23"
            return "future"  # "is leaving Friday"
        if verb.tag_ == "VBN" and not auxes and verb.dep_ in ("acl", "relcl", "amod"):
            return "past"  # "the treaty signed on June 19"
        if verb.tag_ == "VB" and "to" in words:
            head = verb.head
            # the verb the infinitive hangs on ("had agreed to"), or the one its adjective or noun
            # hangs on ("had been due to")
            holders = (head,) if head.pos_ in ("VERB", "AUX") else (head, head.head)
            pluperfect = any(
                _low(c) == "had" for h in holders for c in h.children if c.dep_ in ("aux", "auxpass")
            )
            if pluperfect:
                return "past"  # "it had been due to expire Friday": what was ahead then is behind now
            if head.lemma_ in _PLAN_VERBS or _low(head) in _READY or head.lemma_ in _PLAN_NOUNS:
                return "future"  # "agreed to buy it in February", "planned to leave Thursday"
            if head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP") and verb.dep_ == "xcomp":
                return "future"  # "is to resume trading Tuesday": an arrangement ahead
        if verb.head.i == verb.i:
            return None
        verb = _verb_above(verb.head)
    return None


def _low(token: Token) -> str:
    return token.text.lower()


def _signal(doc: Doc, start: int) -> str | None:
    """The word before a span, skipping nothing: "for", "since", "twice", a number ("$5 a year")."""
    if start == 0:
        return None
    prev = doc[start - 1]
    if prev.text[:1].isdigit() or prev.text in ("%", "$", "¢", "£", "€", "¥"):
        return "per"
    if _low(prev) in ("days", "hours", "nights", "weeks", "months", "mornings", "evenings"):
        return "per"  # "three days a week": so many days in each week
    return _low(prev)


_NUMBERING = frozenset(
    {"no.", "number", "§", "§§", "section", "sections", "sec.", "article", "chapter", "clause",
     "paragraph", "page", "pages", "p.", "pp.", "rule", "item", "exhibit"}
)  # fmt: skip
_NAME_TYPES = frozenset({"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT"})
_AMOUNT_AFTER = frozenset(
    {"percent", "%", "feet", "meters", "metres", "miles", "km", "yards", "million", "billion",
     "trillion", "mln", "bln", "dlrs", "dollars", "pounds", "euros", "yen", "tonnes", "tons", "barrels"}
)  # fmt: skip
_COUNT_BEFORE = frozenset({"roughly", "nearly", "almost", "approximately", "some"})
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "sun", "sat", "wed", "mar"})


# named days of history ("Black Friday", "Super Tuesday" are days near the news, resolved as weekdays)
_PAST_NAMED_DAYS = frozenset(
    {
        ("Black", "monday"),
        ("Black", "tuesday"),
        ("Black", "wednesday"),
        ("Black", "thursday"),
        ("Bloody", "sunday"),
    }
)
_CLOCKISH = re.compile(r"^(?:[ap]\.?m\.?|\d{1,2}:\d\d|noon|midnight)$", re.IGNORECASE)
# the words that put a number before 1500 in time ("in 1119", "since 1066"); without one it is a count
_YEAR_PREPOSITIONS = frozenset(
    {"in", "since", "from", "until", "till", "by", "of", "before", "after", "through", "circa", "c.", "to"}
)
_HEAT_WORDS = frozenset({"degrees", "temperature", "temperatures", "highs", "lows", "fahrenheit", "celsius"})


def _a_decline(span: Span) -> bool:
    """Is "fall" a drop (a noun of amount) rather than the season?"""
    doc, word = span.doc, span[-1]
    before = doc[word.i - 1] if word.i > 0 else None
    after = doc[word.i + 1] if word.i + 1 < len(doc) else None
    if before is not None and (
        _low(before) in ("a", "an", "its", "their", "his", "her", "our")
        or before.tag_ in ("JJ", "JJR", "JJS", "CD")
        or before.text == "%"
    ):
        return True  # "a fall", "its biggest fall", "a 5% fall"
    if after is None or _low(after) not in ("in", "of"):
        return False
    nxt = doc[after.i + 1] if after.i + 1 < len(doc) else None
    return nxt is not None and not nxt.text[:1].isdigit() and nxt.pos_ != "PROPN"  # "the fall in prices"


def _keep(span: Span, name: str) -> bool:
    """Checks on the tokens (and the tags and parse, when there are) that a pattern cannot make."""
    first = span[0]
    words = [_low(t) for t in span]
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    last = span[-1]
    if name == "month" and _low(last) in _AMBIGUOUS_MONTHS and not last.text[0].isupper():
        return False  # "this march" (a protest), "they may"
    if words == ["a", "second"] and after is not None and after.text.isalpha():
        return False  # "a second betrayal"
    if words[-1] == "soon" and tense_of(last) in ("past", "perfect"):
        return False  # "Soon, prices rose": shortly after a past time, not ahead of now
    if _low(first) == "noon" and first.text == "Noon" and not first.is_sent_start:
        return False  # "High Noon", a title
    if name in ("month", "season") and len(span) == 1:
        low = _low(first)
        if low in _AMBIGUOUS_MONTHS and (
            first.tag_ == "MD" or first.pos_ == "VERB" or not first.text[0].isupper()
        ):
            return False
        if low in ("fall", "spring") and first.pos_ == "VERB":
            return False
        if name == "season" and first.i + 1 < len(span.doc) and _low(span.doc[first.i + 1]) == "of":
            nxt = span.doc[first.i + 2] if first.i + 2 < len(span.doc) else None
            if nxt is None or not nxt.text[:1].isdigit():
                return False
    if (
        name == "holiday"
        and len(span) == 1
        and after is not None
        and after.text.istitle()
        and after.pos_ == "PROPN"
        and _low(after) not in _CALENDAR_WORDS
    ):
        return False  # "Easter Island", "Easter Rising": a name, not the feast
    if name == "weekday" and before is not None and (before.text, words[-1]) in _PAST_NAMED_DAYS:
        return False  # "Black Monday" (1987), "Bloody Sunday" (1972): a day of history, not of this week
    if (
        name == "clock"
        and before is not None
        and before.text == "("
        and before.i > 0
        and _CLOCKISH.search(doc[before.i - 1].text)
    ):
        return False  # "10:35 a.m. (0735 GMT)": the same moment again, in another zone
    if words == ["overnight"] and _overnight_kind(span):
        return False  # "the overnight call money rate", "not accomplished overnight": no night
    if (
        name == "year"
        and words[0].isdigit()
        and int(words[0]) < 1500
        and (before is None or _low(before) not in _YEAR_PREPOSITIONS)
    ):
        return False  # "exceed 1000", "flight 1344", "the 1000 megawatt cable": a count, not a year
    if name == "decade" and len(span[-1].text) == 3 and any(_low(t) in _HEAT_WORDS for t in span.sent):
        return False  # "highs in the 70s": degrees, not a decade
    if name == "season" and words in (["fall"], ["the", "fall"]) and _a_decline(span):
        return False  # "a fall in retail sales", "its worst fall since 1987"
    if name == "month" and words[-1] in ("may", "march") and len(span) > 1 and span[-1].tag_ == "MD":
        return False
    if name in ("month", "ref", "weekday") and span[-1].ent_type_ in _NAME_TYPES:
        return False  # "Theresa May's deal", "Back to the Future": part of a name
    if name == "month" and len(span) == 1 and after is not None and _low(after) in ("of", "for"):
        nxt = doc[span.end + 1] if span.end + 1 < len(doc) else None
        if nxt is not None and (nxt.text.istitle() or _low(nxt) == "the"):
            return False  # "the March for Life", "the March of the Combatant Mothers"
    if words[-1] == "quarterly" and first.tag_ and first.tag_ != "RB":
        return False  # "its quarterly dividend"
    if after is not None and _low(after) in ("old", "olds") and name in ("duration", "a_unit", "vague_units"):
        return False  # an age: "52 years old"
    if (
        name != "holiday"
        and any(t.text.istitle() and _low(t) in _UNIT_WORDS and not t.is_sent_start for t in span)
        and not first.is_sent_start
        and not any(_low(t) in _CALENDAR_WORDS for t in span)
    ):
        return False  # a title: ABC's "This Week"
    if words[-1] == "quarter" and after is not None and _low(after) in ("century", "centuries"):
        return False  # "the quarter century anniversary": 25 years, not three months
    if words[-2:] == ["a", "quarter"] and words[0] in _APPROX:
        return False  # "789, or about a quarter, of its dealers": a share, not three months
    followed = span.text.lower() + (" " + _low(after) if after is not None else "")
    if _FRACTION_QUARTER.search(followed) and (name != "period" or followed.startswith(("a ", "one "))):
        return False  # "three-quarters", "more than a quarter of"
    if words[-1] in ("quarter", "quarters") and _a_fraction(span):
        return False  # "a quarter point", "three quarters of the states", "in some quarters"
    if name == "year" and len(span) == 1:
        nxt, prev = after, before
        if (
            prev is not None
            and prev.tag_ == "NNP"
            and prev.text[:1].isupper()
            and not prev.text.isupper()
            and _low(prev) not in _CALENDAR_WORDS
        ):
            return False  # a name: "Orion 1980", "Windows 2000", "LaserJet 2000" (not "WWDC 2005")
        if (
            nxt is not None
            and nxt.tag_ == "NNP"
            and nxt.text.istitle()
            and prev is not None
            and prev.tag_ == "POS"
        ):
            return False  # a model: "Kopp's 1987 Chevrolet"
        if prev is not None and (prev.text in ("$", "#", "£", "€", "¥") or _low(prev) in _NUMBERING):
            return False  # "No. 1201", "§ 1201", "Section 1202", "page 1998": a number, not a year
        if prev is not None and _low(prev) in _COUNT_BEFORE:
            return False  # "its roughly 2000 stores": a count, not a year
    if name == "year" and after is not None and all(t.like_num or _low(t) == "and" for t in span):
        last = span[-1]
        if after.tag_ == "NNS" and last.dep_ == "nummod" and _low(after) not in _TIME_NOUNS:
            return False  # "2000 stores", "two thousand degrees": a count, not a year
        if _low(after) in _AMOUNT_AFTER:
            return False  # "1368 million pounds", "2000 feet": an amount, not a year
    if (
        name in ("vague_units", "duration", "a_unit")
        and _low(span[-1]) in ("minutes", "seconds")
        and len(span) == 1
    ):
        return False
    if _is_rate(span):
        return False  # "$1.76 a year", "10,000 units annually": a rate, not a time
    if _publication(span):
        return False  # "the Communist Party daily Granma", "a Paris weekly": a newspaper
    if (
        words == ["today"]
        and first.text == "Today"
        and before is not None
        and before.is_alpha
        and before.text[0].isupper()
        and not before.is_sent_start
        and (before.pos_ == "PROPN" or before.tag_ == "NNP" or not before.pos_)
    ):
        return False  # a title: "VOA Today", "USA Today"
    if words[0] == "noon" and before is not None and _low(before) == "high":
        return False  # "high noon", an idiom
    if (
        words[-1] == "hours"
        and words[-2:-1] in (["early"], ["small"], ["wee"])
        and after is not None
        and _low(after) == "of"
    ):
        return False  # "the early hours of Thursday morning": a time of that day, not a length
    if words[-1] == "future" and after is not None and _low(after) == "of":
        return False  # "the future of our peoples": what becomes of them, not a time
    if name == "period":
        nouns = {"quarter", "quarters", "half", "period", "periods"}
        noun = next((_low(t) for t in reversed(span) if _low(t) in nouns), None)
        qualified = any(
            w in ("first", "second", "third", "fourth", "final", "latest", "comparable", "corresponding", "same",
                  "current", "fiscal", "year", "earlier", "ago", "last", "next", "this", "previous", "prior",
                  "recent", "1st", "2nd", "3rd", "4th")
            or w.isdigit()
            for w in words
        )  # fmt: skip
        if noun in ("half", "period", "periods") and not qualified:
            return False
        if noun in ("quarter", "quarters") and not qualified and words[0] not in ("the", "its", "their"):
            return False  # "such quarters", "living quarters"
        if noun in ("quarter", "quarters") and len(span) <= 2 and not qualified:
            nxt = span.doc[span.end] if span.end < len(span.doc) else None
            if nxt is not None and _low(nxt) in ("of", "-"):
                return False  # "a quarter of the vote"
        if noun == "half" and span.end < len(span.doc) and _low(span.doc[span.end]) == "of":
            nxt = span.doc[span.end + 1] if span.end + 1 < len(span.doc) else None
            if nxt is None or not (
                nxt.text[:1].isdigit() or _low(nxt) in ("the", "this", "last", "next", "fiscal")
            ):
                return False
            if _low(nxt) == "the" and (
                span.end + 2 >= len(span.doc)
                or _low(span.doc[span.end + 2]) not in ("year", "decade", "century")
            ):
                return False
    return True


_RATE_WORDS = frozenset(
    {
        "daily",
        "nightly",
        "weekly",
        "biweekly",
        "monthly",
        "bimonthly",
        "quarterly",
        "annually",
        "yearly",
        "hourly",
    }
)
_AMOUNT_SIGNS = frozenset({"$", "%", "¢", "£", "€", "¥", "#", "percent", "C$", "US$", "A$"})
_PER_UNIT = frozenset({"a", "an", "per"})


def _is_rate(span: Span) -> bool:
    """Is the expression the time unit of a rate: an amount "a year", "per second", or "annually"?

    "three times a year" and "two days a week" stay sets: a count of occasions or of days is
    a frequency, while "$1.76 a year", "700 seats a week", "15 million instructions per second",
    "to rise 8.5% annually" are amounts over time (TimeML marks speeds and rates as no timex).
    A frequency word after "average" ("average daily volume") is a rate too.
    """
    words = [_low(t) for t in span]
    per = len(words) == 2 and words[0] in _PER_UNIT
    if not per and not (len(words) == 1 and words[0] in _RATE_WORDS):
        return False
    doc = span.doc
    if not per and span.start > 0 and _low(doc[span.start - 1]) == "average":
        return True
    for j in range(span.start - 1, max(-1, span.start - 6), -1):
        tok = doc[j]
        low = _low(tok)
        if low in _SET_WORDS or low in _UNIT_WORDS:
            return False  # "three times a year", "24 hours a day"
        if (
            tok.text in _AMOUNT_SIGNS
            or tok.text.endswith("%")
            or (tok.like_num and not _YEAR_NUMBER.match(tok.text))
        ):
            return True
        if (
            tok.is_sent_start or tok.is_punct or tok.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ")
        ) and low != "of":
            return False  # the amount must be in the same phrase ("dozens of calls a day")
    return False


_PUBLICATION_WORDS = frozenset({"daily", "weekly", "biweekly", "monthly", "quarterly"})
_ARTICLES = frozenset({"the", "a", "an"})
_MODIFIER_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})


def _publication(span: Span) -> bool:
    """Is a lone "daily" or "weekly" a newspaper, which TimeML leaves untagged?

    It is one when it is capitalised inside a sentence ("the People's Daily") or when it heads
    its own noun phrase after an article, a name or a hyphenated modifier with no noun after it
    ("the state-run daily said", "a Paris daily,"). "daily flights", "the daily tally" and
    "rallies almost daily" stay sets, and so does "daily" before a newspaper's name ("the Party
    daily Granma"), which the TimeBank annotators tagged more often than not.
    """
    if len(span) != 1 or _low(span[0]) not in _PUBLICATION_WORDS:
        return False
    tok = span[0]
    doc = span.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if tok.text[0].isupper() and not tok.is_sent_start and prev is not None and not prev.is_punct:
        return True
    if prev is None or (nxt is not None and nxt.pos_ in _MODIFIER_POS):
        return False
    hyphenated = tok.i >= 2 and doc[tok.i - 2].text == "-"
    return _low(prev) in _ARTICLES or prev.pos_ == "PROPN" or prev.tag_ == "NNP" or hyphenated


_SET_WORDS = frozenset({"times", "once", "twice", "thrice"})
_YEAR_NUMBER = re.compile(r"^(?:1[89]|20)\d\d$")

_APPROX = frozenset(
    {"about", "roughly", "nearly", "almost", "some", "around", "approximately", "over", "under"}
)
_FRACTION_QUARTER = re.compile(r"\w-quarters?\b|\bquarter of\b")
_UNIT_WORDS = frozenset(
    {"week", "weeks", "year", "years", "day", "days", "month", "months", "hour", "hours", "weekend"}
)
_CALENDAR_WORDS = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "christmas",
        "easter",
        "new",
    }
)
_TIME_NOUNS = frozenset(
    {"years", "months", "weeks", "days", "hours", "decades", "quarters", "elections", "levels"}
)


def _structure(doc: Doc) -> tuple[bool, list[int]]:
    """Whether the doc is parsed, and the token indices where its sentences start.

    Read from the token table: ``Doc.has_annotation`` and ``Doc.sents`` build a Python
    object per token, which costs more than the whole component.
    """
    t = table(doc)
    return any(t.dep), t.sent_starts or [0]


# "the same day" names a day told of before. Opening a paragraph after an aside that moved the
# text to a month or a year ("In June, the court ..."), it is the day of the news the story is about.
_SAME_DAY = re.compile(r"(?:the|that)\s+(?:very\s+)?same\s+day")
# "the day", "later in the day", "the next day", "in the morning": the last day told of, or a
# part of it, or a day counted from it
_PART_OF_DAY = re.compile(
    r"(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?the\s+(?:(?:next|following|previous|preceding)\s+)?day"
    r"|(?:the\s+)?(?:(?:early|late)\s+)?(?:morning|afternoon|evening)"
)


@dataclass
class _State:
    """What the text has said so far: the last explicit date, the last fiscal period, and the
    last date of the current sentence."""

    reference: str | None = None
    reference_paragraph: int = -1  # the paragraph that set the reference
    news_day: str | None = None  # the first explicit day of the text: the day of the news
    day: str | None = None  # the last explicit day
    periods: dict[str, int] = field(default_factory=dict)  # fiscal quarter/half -> times named
    paragraph_periods: dict[str, int] = field(default_factory=dict)  # the same, this paragraph
    local: str | None = None  # an explicit date of the current clause ("in 1996 ... in March")
    local_verb: int = -1
    to_date: int = -1  # the sentence that names a year-to-date span ("for the nine months")
    year_named: tuple[int, str] = (-1, "")  # a sentence and the whole year it names ("in 1986")
    sentence: int = -1
    paragraph: int = -1

    @property
    def period(self) -> str | None:
        """The fiscal period the text reports on: the one its paragraph (else the whole text so
        far) names most often, the first named on a tie, as a report names its own quarter
        before it mentions others."""
        counts = self.paragraph_periods or self.periods
        if not counts:
            return None
        return max(counts, key=lambda p: counts[p])

    def day_told_of(self, text: str, paragraph: int) -> str | None:
        """The day "the day", "the previous day", "in the morning" or "the same day" counts from after
        an aside that moved the text to a month or a year: the last day told of ("ending the day at
        8,017" after "jobs lost in March"; "On Thursday ... killed last October. The previous day"),
        and for "the same day" opening a paragraph, the day of the news ("In June, ...")."""
        same = _SAME_DAY.fullmatch(text) is not None
        if not (same or _PART_OF_DAY.fullmatch(text)):
            return None
        point = parse_value(self.reference)
        if point is None or point.gran in ("D", "T"):
            return None
        if same:
            return self.news_day if self.reference_paragraph < paragraph else None
        return self.day

    def add_period(self, value: str) -> None:
        self.periods[value] = self.periods.get(value, 0) + 1
        self.paragraph_periods[value] = self.paragraph_periods.get(value, 0) + 1


_PARAGRAPH = re.compile(r"\n\s*\n")
_BREAKS_KEY = "newsgraph.paragraph_breaks"


def _paragraph_breaks(doc: Doc) -> list[int]:
    """Where each paragraph after the first starts (after its blank line), found once per Doc."""
    breaks: list[int] | None = doc.user_data.get(_BREAKS_KEY)
    if breaks is None:
        breaks = doc.user_data[_BREAKS_KEY] = [m.end() for m in _PARAGRAPH.finditer(doc_text(doc))]
    return breaks


_RANGE_TO = frozenset({"through", "thru", "to", "until", "till", "-", "–"})


def _range_end(got: Resolved, first: Timex, start_char: int) -> Resolved:
    """The end of a span of days ("Wednesday through Friday") is not before its start."""
    start, end = parse_value(first.value), parse_value(got.value)
    if start is None or end is None or start.gran != "D" or end.gran != "D" or start_char - first.end > 12:
        return got
    if end.date < start.date:
        day = end.date + dt.timedelta(days=7)
        return Resolved(got.type, day.isoformat(), got.mod, got.anchored)
    return got


# the spans a report sums up to its latest quarter: "the first half", "the nine months"
_TO_DATE = frozenset({"P6M", "P9M"})
_BOUNDS = frozenset({"since", "until", "till"})


def _period_for(state: _State, sentence: int) -> str | None:
    """The fiscal period "a year earlier" compares with: the quarter reported on, but the year the
    sentence names ("1986 net fell from year-ago $199 million": 1985), or the quarter's year when
    the sentence is about the months to date ("For the nine months, net rose ... from $5 million
    a year earlier": the same nine months of last year, valued 1988 as TimeBank does, not 1988-Q3)."""
    period = state.period
    if period is not None and state.year_named[0] == sentence:
        return state.year_named[1]
    if period is not None and state.to_date == sentence and period[:4].isdigit():
        return period[:4]
    return period


_RECENT = dt.timedelta(days=460)
_AHEAD_SIGNALS = frozenset({"until", "till", "by", "through"})


_DEFER = frozenset({"postpone", "extend", "delay", "adjourn", "defer", "recess", "suspend", "give", "put"})


def _tense(span: Span, signal: str | None) -> str | None:
    doc = span.doc
    if signal == "effective":
        return "future"  # "effective Feb. 1": a date a change takes effect, announced ahead
    if signal == "someday":  # "he one day became", "will one day be": the verb it goes with
        after = doc[span.end] if span.end < len(doc) else None
        return "past" if after is not None and after.tag_ == "VBD" else "future"
    tense = tense_of(span.root)
    said_at = span.start - (2 if signal == "on" else 1)
    if (
        said_at >= 0
        and doc[said_at].tag_ == "VBD"
        and doc[said_at].lemma_ in _REPORTING
        and not _prenominal(span)
    ):
        return "past"  # "Police said on Monday they believe ...": the day dates the saying
    if signal in ("until", "till") and (verb := _verb_above(span.root)) is not None and verb.lemma_ in _DEFER:
        return "future"  # "postponed until Tuesday"
    two = doc[span.start - 2 : span.start].text.lower() if span.start >= 2 else ""
    if signal == "since" or (two == "as of" and tense in (None, "present", "present_event")):
        # "the best week since November", "as of February, the store accounts for 70%": a point
        # the clause runs from or is measured at lies behind
        return "past"
    if tense in (None, "present", "perfect") and (signal in _AHEAD_SIGNALS or two in ("early as", "soon as")):
        return "future"  # "has given them until 9 a.m. Tuesday", "as early as Tuesday"
    if tense in ("present_event", "future") and _prenominal(span) and not _explicit_future(span.root):
        # "follows Tuesday's declaration", "under a June agreement": a day or month that names
        # a thing (not when the clause happens) takes no direction from a present or progressive
        # verb; the nearest one is meant
        return None
    return {"perfect": "past", "present_event": "future"}.get(tense or "", tense)


_GENERIC_NOUNS = frozenset(
    {
        "world",
        "society",
        "youth",
        "generation",
        "economy",
        "age",
        "era",
        "culture",
        "life",
        "people",
        "children",
    }
)


def _generic_day(span: Span) -> bool:
    """Is "today"/"tomorrow" the present or future in general ("today's world", "the people of
    tomorrow", "many of today's computers") rather than a day?"""
    if len(span) != 1 or _low(span[0]) not in ("today", "tomorrow", "yesterday"):
        return False
    tok, doc = span[0], span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and _low(before) == "of" and span.start > 1 and doc[span.start - 2].pos_ == "NOUN":
        return after is None or after.tag_ != "POS"  # "the people of tomorrow"
    if after is None or after.tag_ != "POS":
        return False
    if span.start >= 2 and doc[span.start - 2 : span.start].text.lower() in ("many of", "most of", "all of"):
        return True  # "many of today's personal computers"
    head = tok.head if tok.dep_ == "poss" else None
    return head is not None and (head.lemma_ or head.text).lower() in _GENERIC_NOUNS  # "today's youth"


def _per_thing(span: Span) -> bool:
    """Is "a day" the frequency of the things just named ("hundreds of interviews a day.")?"""
    doc = span.doc
    if len(span) != 2 or _low(span[0]) not in ("a", "an") or span.start == 0:
        return False
    after = doc[span.end] if span.end < len(doc) else None
    return doc[span.start - 1].tag_ == "NNS" and (after is None or after.is_punct)


_AMOUNT_NOUNS = frozenset(
    {"percent", "%", "points", "cents", "million", "billion", "times", "others", "years"}
)
_DAY_NUMBER = re.compile(r"^(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?$")


def _second_day(span: Span, date: dt.date) -> tuple[Token, str] | None:
    """The day number joined to a month-day date ("April 24 and 25", "Nov. 5 or 6"), with its value."""
    doc = span.doc
    if span.end + 1 >= len(doc) or _low(doc[span.end]) not in ("and", "or", "to", "through", "-"):
        return None
    tok = doc[span.end + 1]
    nxt = doc[span.end + 2] if span.end + 2 < len(doc) else None
    if not _DAY_NUMBER.match(tok.text) or (
        nxt is not None
        and (nxt.like_num or _low(nxt) in _AMOUNT_NOUNS or (nxt.is_alpha and nxt.pos_ == "NOUN"))
    ):
        return None  # "May 5 and 6 percent", "June 3 and 4 others"
    day = int(re.sub(r"\D", "", tok.text))
    if day <= date.day:
        return None
    try:
        return tok, date.replace(day=day).isoformat()
    except ValueError:
        return None


def _range_first(span: Span) -> tuple[Span, Span] | None:
    """The first count of a range of durations and the rest: "two to six days" is "two" (P2D) and
    "six days" (P6D); "between 60 and 90 days" is "60" and "90 days", as TimeML tags the ends."""
    doc = span.doc
    toks = [_low(t) for t in span]
    if len(span) >= 4 and span[0].like_num and toks[1] in ("to", "or") and span[2].like_num:
        return span[0:1], span[2:]
    i = span.start
    if (
        i >= 3
        and span[0].like_num
        and _low(doc[i - 1]) == "and"
        and doc[i - 2].like_num
        and _low(doc[i - 3]) == "between"
    ):
        return doc[i - 2 : i - 1], span
    return None


def _someday(span: Span) -> bool:
    """Is "one day" an adverb of the clause ("Islam will one day be", "he one day follow")?"""
    if [_low(t) for t in span] != ["one", "day"]:
        return False
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return (before is not None and before.tag_ == "MD") or (
        after is not None and after.tag_ in ("VB", "VBZ", "VBP", "VBD") and _low(after) not in ("is", "was")
    )


_NOUN_MODIFIER = frozenset({"poss", "compound", "nmod", "amod"})


def _told_aside(doc: Doc, timex: Timex, trigger: Token) -> bool:
    """Is the timex in a relative clause ("the list, which began in 1950") that the trigger is
    neither in nor described by? Then it is no time of the trigger's event."""
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return False
    clause = span.root
    for _ in range(12):
        if clause.dep_ == "relcl":
            break
        if clause.head.i == clause.i:
            return False
        clause = clause.head
    else:
        return False
    # what the clause describes ("shootings that injured doctors in November") is of its time
    return trigger.i != clause.head.i and not (clause.left_edge.i <= trigger.i <= clause.right_edge.i)


# what follows "quarter" as a share, not three months: "a quarter point", "one quarter share"
_SHARE_OF = frozenset(
    {
        "million",
        "billion",
        "trillion",
        "point",
        "points",
        "share",
        "shares",
        "percent",
        "pct",
        "mile",
        "miles",
    }
)


# what "overnight" names a kind of, in the money market and in delivery: "overnight funds"
_OVERNIGHT_KINDS = frozenset(
    {"rate", "rates", "call", "funds", "money", "deposit", "deposits", "loan", "loans", "lending"}
    | {"borrowing", "repo", "repos", "repurchase", "matched", "interbank", "messenger", "delivery", "courier"}
)


def _overnight_kind(span: Span) -> bool:
    """Is "overnight" a kind ("overnight funds", "high overnight or one-week rates") or the idiom
    of speed ("will not be accomplished overnight"), not the night just gone?"""
    doc = span.doc
    nxt = [_low(t) for t in doc[span.end : span.end + 6]]
    if nxt and (nxt[0] in _OVERNIGHT_KINDS or (nxt[0] in ("or", "and") and _OVERNIGHT_KINDS & set(nxt[1:]))):
        return True
    verb = _verb_above(span[0])
    return verb is not None and any(c.dep_ == "neg" for c in verb.children)


_DETERMINERS_OF = frozenset({"the", "its", "his", "her", "their", "our", "all", "those", "these"})
_PERIOD_FIRST = frozenset({"the", "this", "that", "last", "next", "its", "their", "each", "every", "per"})


def _a_fraction(span: Span) -> bool:
    """Is the "quarter" that ends the span a fourth of something ("three quarters of the country's 50
    state legislatures", "a quarter million clips") or a place ("in some quarters"), not a period?"""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is None or _low(span[0]) in _PERIOD_FIRST:
        return False  # "the current quarter of seven licensees": a period
    if _low(after) in _SHARE_OF:
        return True
    if _low(after) == "of":
        # a share of things named ("of the country's states", "of all voters"); "two quarters of
        # negative growth", "of the year", "of 1987", "of fiscal 1990" are periods
        rest = doc[span.end + 1 : span.end + 4]
        return (
            len(rest) > 0
            and (rest[0].tag_ in ("DT", "PRP$", "PDT") or _low(rest[0]) in _DETERMINERS_OF)
            and not any(t.text[:1].isdigit() or _low(t) in ("year", "fiscal", "calendar") for t in rest)
        )
    before = doc[span.start - 1] if span.start > 0 else None
    return (
        _low(span[0]) in ("some", "certain", "all", "many")
        and before is not None
        and _low(before) in ("in", "from")
    )


def _named_again(span: Span, timexes: list[Timex], token_timex: dict[int, int]) -> str | None:
    """The day of the timex just before "(Thursday)" when the weekday names it again."""
    if span.start < 2 or span.doc[span.start - 1].text != "(":
        return None
    index = token_timex.get(span.start - 2)
    if index is None:
        return None
    point = parse_value(timexes[index].value)
    weekday = lexicon().value(_low(span[0]), "weekday")
    if point is None or point.gran not in ("D", "T") or weekday is None:
        return None
    return point.date.isoformat() if point.date.isoweekday() == int(weekday) else None


_HABITUAL = frozenset({"generally", "usually", "normally", "typically", "always", "often", "regularly"})


def _habitual(span: Span) -> bool:
    """Is the expression told of a habit ("generally announces a tender on Monday, holds it on
    Tuesday"): a present verb, or one joined to it, that a word of habit modifies?"""
    verb = _verb_above(span.root)
    for _ in range(6):
        if verb is None or verb.tag_ not in ("VBZ", "VBP"):
            return False
        if any(c.dep_ == "advmod" and _low(c) in _HABITUAL for c in verb.children):
            return True
        if verb.dep_ != "conj":
            return False
        verb = verb.head
    return False


def _any_day(span: Span, got: Resolved) -> Resolved:
    """A part of the day told of in the present ("the birds are most vocal in the morning", "few
    clients come in the afternoon") is a time of any day, not of the day in view."""
    verb = _verb_above(span.root)
    if (
        verb is None
        or verb.tag_ not in ("VBZ", "VBP")
        or verb.lemma_ in _REPORTING
        or _explicit_future(span.root)
        or not _PART_OF_DAY.fullmatch(span.text.lower())
    ):
        return got
    return Resolved("TIME", "XXXX-XX-XX" + got.value[10:])


_COUNTED_FROM = frozenset({"ago", "after", "before", "earlier", "later", "from", "since", "back"})
_PARTS_BETWEEN = re.compile(r",?\s+(?:and\s+)?")


def _second_part(doc: Doc, timexes: list[Timex], span: Span, value: str) -> Timex | None:
    """The duration just tagged joined with this one, its smaller part ("1 hour 59 minutes",
    "70 years and six months"), or None."""
    if not timexes or timexes[-1].type != "DURATION":
        return None
    first = timexes[-1]
    after = _low(doc[span.end]) if span.end < len(doc) else ""
    if (
        not _PARTS_BETWEEN.fullmatch(doc_text(doc)[first.end : span.start_char])
        or _low(span[0]) in ("a", "an")  # "held for two months, a day after his arrest"
        or after in _COUNTED_FROM  # "15 years, 8 months after": a date counted from another
    ):
        return None
    joined = join_durations(first.value, value)
    if joined is None:
        return None
    return replace(first, end=span.end_char, text=doc_text(doc)[first.start : span.end_char], value=joined)


def _weekly(got: Resolved) -> Resolved:
    """The weekday of a dated ``got`` as a weekly set: "XXXX-WXX-2", "XXXX-WXX-2TMO"."""
    day = dt.date.fromisoformat(got.value[:10])
    return Resolved("SET", f"XXXX-WXX-{day.isoweekday()}{got.value[10:]}")


def _prenominal(span: Span) -> bool:
    """Does the expression modify a noun ("Tuesday's ruling", "a June agreement")?"""
    root = span.root
    return root.dep_ in _NOUN_MODIFIER and root.head.i >= span.end and root.head.pos_ in ("NOUN", "PROPN")


def _explicit_future(token: Token) -> bool:
    """Is the clause above ``token`` future by its auxiliary ("will", "shall", "is going to")?"""
    verb = _verb_above(token)
    if verb is None:
        return False
    return any(_low(c) in _FUTURE_AUX for c in verb.children if c.dep_ in ("aux", "auxpass"))


class TimexTagger:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        patterns()  # compile once, when the pipeline is built

    def __call__(self, doc: Doc) -> Doc:
        ensure(doc)
        anchor = parse_published(doc._.published)
        published = anchor.isoformat() if anchor else None
        timexes: list[Timex] = doc._.ng_timexes
        token_timex: dict[int, int] = doc._.ng_token_timex
        parsed, starts = _structure(doc)
        state = _State()
        text = doc_text(doc)
        breaks = _paragraph_breaks(doc)
        taken_until = -1
        for start_char, end_char, name in candidates(text):
            if start_char < taken_until:
                continue  # inside an expression already taken
            span = doc.char_span(start_char, end_char, alignment_mode="contract")
            if (
                span is None
                or not len(span)
                or span.start_char != start_char
                or any(t.i in token_timex for t in span)
            ):
                continue
            if (name == "clock" and span.end_char != end_char) or not _keep(span, name):
                if name == "clock":
                    # a wire clock set aside ("10:35 a.m. (0735 GMT)", cut by its token in "1630
                    # EST/2130 GMT") keeps its text from the shorter reading, the year 735 or 1630
                    taken_until = end_char
                continue
            sentence = starts[bisect.bisect_right(starts, span.start) - 1]
            if sentence != state.sentence:
                state.sentence, state.local = sentence, None
            paragraph = bisect.bisect_right(breaks, start_char)
            if paragraph != state.paragraph:
                state.paragraph, state.paragraph_periods = paragraph, {}
            signal = _signal(doc, span.start)
            if _someday(span):
                signal = "someday"
            elif _generic_day(span):
                # "today's youth", "the people of tomorrow": the present or future in general, which
                # TimeBank and AQUAINT leave untagged (they tag "today's editions", a day)
                continue
            elif _per_thing(span):
                signal = "per"
            verb = _verb_above(span.root) if parsed else None
            verb_i = verb.i if verb is not None else -1
            reference = state.day_told_of(span.text.lower(), paragraph) or state.reference
            got = resolve(
                span.text,
                anchor,
                tense=_tense(span, signal) if parsed else None,
                reference=reference,
                period=_period_for(state, sentence),
                signal=signal,
                after=_low(doc[span.end]) if span.end < len(doc) else None,
                local=state.local if verb_i == state.local_verb else None,
            )
            if got is None:
                continue
            if (
                name == "weekday"
                and got.type == "DATE"
                and (same := _named_again(span, timexes, token_timex))
            ):
                got = Resolved("DATE", same, anchored="reference")  # "tomorrow (Thursday)": that day
            if name == "weekday" and got.type in ("DATE", "TIME") and parsed and _habitual(span):
                got = _weekly(got)  # "the Bundesbank generally announces a tender on Monday"
            if name == "daypart" and got.type == "TIME" and parsed:
                got = _any_day(span, got)
            if name == "weekday" and signal in _RANGE_TO and timexes:
                got = _range_end(got, timexes[-1], start_char)
            if got.type == "DURATION" and (ends := _range_first(span)) is not None:
                first, rest = ends
                low = resolve(f"{first.text} {rest[-1].text}", anchor)
                high = resolve(rest.text, anchor)
                if low is not None and high is not None and first[0].i not in token_timex:
                    token_timex[first[0].i] = len(timexes)
                    timexes.append(Timex(first.start_char, first.end_char, first.text, low.type, low.value))
                    span, got = rest, high
            mod = got.mod
            if signal == "since" and mod is None:
                mod = "START"
            elif signal in ("until", "till") and mod is None:
                mod = "END"
            if got.anchored == "published":
                anchor_value = published
            elif got.anchored == "reference":
                anchor_value = reference if got.type != "DATE" or "Q" not in got.value else state.period
            else:
                anchor_value = None
            taken_until = span.end_char
            if got.type == "DURATION" and (joined := _second_part(doc, timexes, span, got.value)) is not None:
                index = len(timexes) - 1  # "15 years, 8 months": one length told in two parts
                timexes[index] = joined
            else:
                index = len(timexes)
                timexes.append(
                    Timex(span.start_char, span.end_char, span.text, got.type, got.value, mod, anchor_value)
                )
            for tok in span:
                token_timex[tok.i] = index
            if got.type == "DURATION" and got.value in _TO_DATE:
                state.to_date = sentence
            point = parse_value(got.value) if got.type in ("DATE", "TIME") else None
            if point is not None and got.anchored != "reference":
                # what the text says explicitly (or relative to the publication date) moves the
                # reference; what is itself relative to the reference ("a year earlier") does not
                if point.gran in ("Q", "H") and (anchor is None or anchor - _RECENT <= point.date <= anchor):
                    state.add_period(got.value)  # a quarter reported on: not one ahead, nor long ago
                if point.gran == "Y":
                    state.year_named = (sentence, got.value)
                if point.gran not in ("DE", "CE") and signal not in _BOUNDS:
                    # "since October 1982" does not move the story to 1982
                    state.reference, state.reference_paragraph = got.value, paragraph
                    if point.gran in ("D", "T"):
                        state.day = got.value[:10]
                        if state.news_day is None:
                            state.news_day = got.value
                    if got.anchored is None:  # an explicit date ("in 1996"), not "yesterday"
                        state.local, state.local_verb = got.value, verb_i
            if point is not None and point.gran == "D" and name.startswith("date_md"):
                second = _second_day(span, point.date)
                if second is not None:  # "April 24 and 25": the 25th is a date of its own
                    day_tok, value = second
                    token_timex[day_tok.i] = len(timexes)
                    timexes.append(
                        Timex(
                            day_tok.idx,
                            day_tok.idx + len(day_tok),
                            day_tok.text,
                            "DATE",
                            value,
                            None,
                            anchor_value,
                        )
                    )
                    taken_until = day_tok.idx + len(day_tok)
        self._sentence_times(doc, starts)
        return doc

    @staticmethod
    def _sentence_times(doc: Doc, starts: list[int]) -> None:
        """Each sentence's reference time: its first timex with a calendar value."""
        timexes: list[Timex] = doc._.ng_timexes
        reftime: dict[int, int] = doc._.ng_sent_reftime
        if not timexes:
            return
        seen: set[int] = set()
        for tok_i, index in sorted(doc._.ng_token_timex.items()):
            if index in seen:
                continue
            seen.add(index)
            t = timexes[index]
            if t.type not in ("DATE", "TIME") or not t.value[:1].isdigit():
                continue
            if _signal(doc, tok_i) in _BOUNDS:
                continue  # "since 2016", "until June 23": the edge of a stretch, not the sentence's time
            start = starts[bisect.bisect_right(starts, tok_i) - 1]
            reftime.setdefault(start, index)


def _governed(trigger: Token, tok: Token, token_timex: dict[int, int]) -> bool:
    """Does ``tok`` hang from ``trigger`` without a verb of another clause, or a noun that the time
    dates instead ("the incidents of Aug. 7 underscore ..., he said"), in between?"""
    path = tok
    own = token_timex.get(tok.i)
    for _ in range(12):
        if path.i == trigger.i:
            return True
        if path.head.i == path.i:
            return False
        path = path.head
        if (
            path.i != trigger.i
            and path.pos_ in ("NOUN", "PROPN")
            and path.dep_ in ("nsubj", "nsubjpass", "dobj", "attr")
            and token_timex.get(path.i) != own
        ):
            return False
        # a verb of another clause stops the search, but a participle modifying a noun trigger
        # carries its time ("the incursion launched in August")
        if (
            path.i != trigger.i
            and path.pos_ in ("VERB", "AUX")
            and path.dep_ != "aux"
            and not (path.dep_ == "acl" and path.head.i == trigger.i)
        ):
            return False
    return False


_A_DAY = re.compile(r"^\d{4}-\d\d-\d\d")
_A_DAY_OR_WEEK = re.compile(r"^\d{4}-(?:\d\d-\d\d|W\d\d)")


def _ahead(doc: Doc, timex: Timex) -> bool:
    """Does the timex begin after the publication day ("next month", not "this week")?"""
    published = parse_published(doc._.published)
    point = parse_value(timex.value)
    return published is not None and point is not None and point.date > published


def _carries(doc: Doc, timex: Timex) -> bool:
    """Can a time told earlier in the paragraph date a later past event? A day or a week the story
    is at, yes; not a year or a month told in passing ("Holder was held in contempt in 2012"),
    one ahead of the publication, or one that names a thing ("Friday's vote")."""
    if not _A_DAY_OR_WEEK.match(timex.value) or _ahead(doc, timex):
        return False
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return span is None or not _prenominal(span)


def event_time(doc: Doc, trigger: Token, sent: Span | None = None) -> EventTime | None:
    """The time of an event: a timex its trigger governs (or whose "when" clause tells of it; "now"
    is the publication day), else the time its noun had when first told ("during that visit"),
    else its sentence's, else the time that dated it when a definite noun names it again ("the
    slaying"), else the publication date. A sentence's "since 2016" is where a stretch begins, and
    a time in a relative clause ("the list, which began in 1950") dates that clause, not the
    sentence.

    The sentence's time is not taken for what is told in the present ("believes", "wants", "is
    expected", "has invited", "according to") nor for a past verb of saying ("..., the newspaper
    said"): these are of the time of writing; nor for a past event when that time lies after the
    publication. A past event in a sentence without a time takes the last day or week its paragraph
    gave ("Slepian was shot on Oct. 23 ... He died at the hospital"), else, as a noun or participle
    told in the past does, the day its wire story tells of. ``sent`` is the trigger's sentence when
    the caller has it (``Token.sent`` walks the Doc each call).
    """
    timexes: list[Timex] = doc._.ng_timexes
    if sent is None:
        sent = trigger.sent
    verb = _clause_verb(trigger)
    told = _text_time(doc, trigger, verb, sent)
    if told is None:
        told = _earlier_mention(doc, trigger, verb, sent)
    if told is not None:
        return told
    now = (
        verb.tag_ in ("VBZ", "VBP")
        or (verb.tag_ == "VBD" and verb.lemma_ in _REPORTING)
        or any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children)  # "are expected"
        or (
            verb.tag_ in ("VBG", "VBN")
            and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
        )
        or verb.lower_ == "according"
    )
    if trigger.dep_ == "pobj" and trigger.head.lower_ in _BOUNDS:
        now = True  # "since the invasion", "until the vote": not at the time of its sentence
    reftime: dict[int, int] = doc._.ng_sent_reftime
    ref = None if now else reftime.get(sent.start)
    if ref is not None and verb.tag_ == "VBD" and _ahead(doc, timexes[ref]):
        ref = None  # "She used her speech ... NATO will meet next month": told in the past
    if ref is not None and _told_aside(doc, timexes[ref], trigger):
        ref = None  # "Kopp is placed on the list, which began in 1950": not in 1950
    if ref is None and verb.tag_ == "VBD" and not now and reftime:
        # the time the paragraph last gave, told in an earlier sentence of it
        breaks = _paragraph_breaks(doc)
        k = bisect.bisect_right(breaks, sent.start_char)
        paragraph = breaks[k - 1] if k else 0  # where the sentence's paragraph starts
        earlier = [
            start for start in reftime if start < sent.start and timexes[reftime[start]].start >= paragraph
        ]
        ref = reftime[max(earlier)] if earlier else None
        if ref is not None and not _carries(doc, timexes[ref]):
            ref = None
    if ref is not None:
        return EventTime(timexes[ref].value, ref, "sentence")
    # "The visit comes as ...": an event said to be happening is the news, not one told before
    current = verb is not trigger and trigger.dep_ in ("nsubj", "nsubjpass") and verb.tag_ in ("VBZ", "VBP")
    told = None if current else _named_before(doc, trigger, sent)
    if told is not None:
        return told
    told_in_past = verb.tag_ == "VBD" or (not now and _under_past_verb(trigger))
    if told_in_past and (story := _story_day(doc)) is not None:
        return EventTime(timexes[story].value[:10], story, "story")
    if doc._.published:
        return EventTime(doc._.published[:10], None, "published")
    return None


def _under_past_verb(trigger: Token) -> bool:
    """Is a noun or a participle told under a past finite verb ("Before the ceremony, Solana said",
    "..., saying"), not a present one or a modal ("would like to express")?"""
    tok = trigger
    for _ in range(10):
        if any(c.tag_ == "MD" and c.dep_ == "aux" for c in tok.children):
            return False
        if tok is not trigger and tok.tag_ in ("VBD", "VBZ", "VBP"):
            return tok.tag_ == "VBD"
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _clause_verb(trigger: Token) -> Token:
    """The verb an event noun is the object or subject of ("held a meeting on Monday"), else itself."""
    if (
        trigger.pos_ in ("NOUN", "PROPN")
        and trigger.head.pos_ in ("VERB", "AUX")
        and trigger.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")
    ):
        return trigger.head
    return trigger


def _text_time(doc: Doc, trigger: Token, verb: Token, sent: Span) -> EventTime | None:
    """A timex the trigger (or its clause's verb) governs, or whose "when" clause tells of it."""
    timexes: list[Timex] = doc._.ng_timexes
    token_timex: dict[int, int] = doc._.ng_token_timex
    for head in dict.fromkeys((trigger, verb)):
        for tok in sent:
            index = token_timex.get(tok.i)
            if index is None or tok.i == head.i or timexes[index].type not in ("DATE", "TIME"):
                continue
            if _governed(head, tok, token_timex):
                value = timexes[index].value
                if value == "PRESENT_REF" and doc._.published:
                    value = doc._.published[:10]  # "officials now say": on the day of writing
                return EventTime(value, index, "text")
    when = _when_clause_of(trigger, token_timex)
    if when is not None and timexes[when].type in ("DATE", "TIME"):
        return EventTime(timexes[when].value, when, "text")
    return None


def _when_clause_of(trigger: Token, token_timex: dict[int, int]) -> int | None:
    """The timex whose relative clause tells of the event ("since November, when he was found
    clinging to a tube"; "in 1985, when Israel created a buffer zone")."""
    tok = trigger
    for _ in range(4):
        if tok.dep_ == "relcl":
            return token_timex.get(tok.head.i)
        if tok.dep_ not in ("xcomp", "advcl", "conj", "ccomp") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


_WITHIN = frozenset({"during", "at", "amid", "throughout"})
_POINTING = frozenset({"that", "this", "the"})
_LOOK_BACK = 4  # sentences


def _earlier_mention(doc: Doc, trigger: Token, verb: Token, sent: Span) -> EventTime | None:
    """The time of an event told again ("... Putin's state visit in June. During that visit, Putin
    and Kim signed a treaty"): a past verb governing "during/at that <noun>" (and its object), or
    that noun itself, takes the time that dates the noun's last mention a few sentences before,
    when a timex governs it there."""
    noun = None
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and trigger.head.lower_ in _WITHIN:
        noun = trigger
    elif verb.tag_ in ("VBD", "VBN"):
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in _WITHIN:
                noun = next((o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "NOUN"), None)
                break
    if noun is None or not any(d.dep_ == "det" and d.lower_ in _POINTING for d in noun.children):
        return None
    first = sent
    for _ in range(_LOOK_BACK):
        if first.start == 0:
            break
        first = doc[first.start - 1].sent
    for tok in reversed(doc[first.start : sent.start]):
        if tok.lemma_ == noun.lemma_ and tok.pos_ in ("NOUN", "VERB"):
            return _told_time(doc, tok)
    return None


_MENTIONS_KEY = "newsgraph.event_mentions"
_MENTIONS_READ = 8  # the first tellings of an event looked at for its time


def _event_stem(tok: Token) -> str:
    """What a verb and its noun share: "killed" and "the killing" are "kill", "bombings" "bomb"."""
    lemma = (tok.lemma_ or tok.lower_).lower()
    if tok.pos_ == "NOUN" and lemma.endswith("ing") and len(lemma) > 5:
        return lemma[:-3]
    return lemma


def _named_before(doc: Doc, trigger: Token, sent: Span) -> EventTime | None:
    """The time of an event named again by a definite noun ("Slepian was killed on Oct. 23 ... the
    political ramifications of the slaying", "Slepian's slaying"): the time that dated its first
    telling earlier in the text, when a timex governs it there."""
    if trigger.pos_ != "NOUN" or not any(
        (c.dep_ == "det" and c.lower_ in _POINTING) or c.dep_ == "poss" for c in trigger.children
    ):
        return None
    mentions: dict[str, list[int]] | None = doc.user_data.get(_MENTIONS_KEY)
    if mentions is None:
        mentions = {}
        for tok in doc:
            if tok.pos_ in ("NOUN", "VERB"):
                mentions.setdefault(_event_stem(tok), []).append(tok.i)
        doc.user_data[_MENTIONS_KEY] = mentions
    for i in mentions.get(_event_stem(trigger), ())[:_MENTIONS_READ]:
        if i >= sent.start:
            break
        found = _told_time(doc, doc[i])
        if found is not None:
            return found
    return None


def _told_time(doc: Doc, told: Token) -> EventTime | None:
    """The time a timex gave an earlier telling of an event, as the time of its sentence."""
    found = _text_time(doc, told, _clause_verb(told), told.sent)
    return EventTime(found.value, found.timex, "sentence") if found is not None else None


def _story_day(doc: Doc) -> int | None:
    """The timex of the day a wire story tells of, when it is the day before publication (the text's
    first date: "WASHINGTON, March 12 (Xinhua)" published on the 13th, or "on Friday" read on
    Saturday); what the story tells in the past without a time of its own happened then."""
    published = parse_published(doc._.published)
    if published is None:
        return None
    for index, timex in enumerate(doc._.ng_timexes):
        if _A_DAY.match(timex.value):
            day = parse_published(timex.value)
            return index if day is not None and (published - day).days == 1 else None
    return None
