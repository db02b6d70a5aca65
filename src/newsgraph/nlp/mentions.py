"""``ng_mentions``: repairs the model's named-entity spans in ``doc.ents`` with rules and gazetteers.

Runs right after the model's ``ner``. The small English model makes the same
mistakes on news again and again; each step below fixes one kind:

1. Boundaries: a leading article ("the Federal Reserve"), a trailing possessive
   ("New York 's"), numbers stuck to a name ("Durham 114"), a span running
   over a line break or across a spaced dash ("Romania - Cosmin Contra").
2. Datelines: the capitalised place that opens a line before a date
   ("BELGRADE 1996-08-30") is a GPE.
3. Gazetteers (:mod:`newsgraph.normalize.names`): countries, demonyms,
   capitals, places, organisations and their abbreviations take their own
   label ("Kursk Oblast" GPE, not ORG; "North Korean" NORP).
4. Patterns: "<Name> Oblast/Province/Region" is a GPE; "<the> ... Agreement/
   Treaty/Act" a LAW; "Long Name (ABBR)" gives ABBR the long name's label.
5. People: a known given name followed by capitalised words ("Mihai
   Tararache"), or an initial and a surname ("D. Fleming"), is a PERSON.
6. Sport: in a sports report a city, county or state that stands for a team
   ("Chicago beat Houston"), or a club of the clubs table, is an ORG.
7. Within the document: the surname of a person named in full is a PERSON
   wherever it stands alone ("Lebed"); a name the model labels differently in
   different places takes its most frequent label; an untagged repeat of a
   tagged name gets its label; an ALL-CAPS headline word takes the label its
   ordinary spelling has in the body.

Only proper-name labels are touched; DATE, CARDINAL and the other numeric
entities of the model are kept as they are.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import overload

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsgraph.nlp.extensions import doc_text
from newsgraph.normalize.names import GazEntry, clubs, gazetteer, given_names, name_key

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"}
)
_DETERMINERS = frozenset({"the", "a", "an"})
_POSSESSIVE = frozenset({"'s", "'", "\u2019s", "\u2019"})
_DATE_TOKEN = re.compile(r"^\d{4}-\d\d-\d\d$|^\d{1,2}/\d{1,2}(/\d{2,4})?$")
_INITIAL = re.compile(r"^[A-Z]\.(?:[A-Z]\.)*$")
_SUBNATIONAL = frozenset(
    {"Oblast", "Province", "Region", "Krai", "Governorate", "Prefecture", "Republic", "Territory", "Canton"}
)
_LAW_HEADS = frozenset(
    {
        "Agreement",
        "Treaty",
        "Pact",
        "Accord",
        "Accords",
        "Act",
        "Convention",
        "Protocol",
        "Charter",
        "Constitution",
        "Memorandum",
        "Declaration",
        "Resolution",
    }
)
_CORPORATE = frozenset(
    {
        "Inc",
        "Inc.",
        "Corp",
        "Corp.",
        "Co",
        "Co.",
        "Ltd",
        "Ltd.",
        "Plc",
        "PLC",
        "Group",
        "Bank",
        "Motor",
        "Motors",
        "Airlines",
        "International",
        "Holdings",
        "Industries",
        "Associates",
        "Foundation",
        "University",
        "Institute",
        "College",
        "Company",
        "Brothers",
        "Bros",
        "Stadium",
        "Hospital",
        "Prize",
        "Cup",
        "Trophy",
        "Open",
        "Award",
    }
)
_DESIGNATORS = frozenset(
    {"Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.", "Plc", "PLC", "plc", "SpA", "AG", "SA", "NV",
     "BV", "GmbH", "Group", "International", "Holdings", "Corporation", "Company", "Industries", "Cos", "LLC"}
)  # fmt: skip
_EVENT_HEADS = frozenset(
    {"Cup", "Open", "Championship", "Championships", "Games", "Trophy", "Tournament", "Prix", "Masters",
     "Olympics", "Olympiad", "Rally", "Marathon", "Classic", "War", "Summit", "Festival", "Expo"}
)  # fmt: skip
# the last word of a named place people walk in ("Kim Il Sung Square", "Tahrir Square"), which the
# model takes for a person when the name starts with one
_FACILITY_HEADS = frozenset(
    {"Square", "Street", "Avenue", "Boulevard", "Bridge", "Airport", "Palace", "Stadium", "Station",
     "Cathedral", "Mosque", "Park", "Plaza", "Tower", "Harbour", "Harbor", "Highway", "Dam", "Prison"}
)  # fmt: skip
_SENTENCE_END = frozenset({".", "!", "?", ":", '"', "'", ")", ";"})
_NAME_PARTICLES = frozenset(
    {"van", "von", "der", "de", "da", "di", "del", "la", "le", "bin", "ibn", "al", "el"}
)
_LOCATIVE = frozenset({"in", "at", "near", "outside", "from", "of", "across", "around", "into"})
_SPORTS = (
    "SOCCER",
    "CRICKET",
    "TENNIS",
    "GOLF",
    "BASEBALL",
    "BASKETBALL",
    "RUGBY",
    "ATHLETICS",
    "CYCLING",
    "BOXING",
    "MOTOR RACING",
    "MOTORCYCLING",
    "HORSE RACING",
    "ICE HOCKEY",
    "HOCKEY",
    "NFL",
    "NBA",
    "NHL",
    "AMERICAN FOOTBALL",
    "SQUASH",
    "BADMINTON",
    "SWIMMING",
    "SKIING",
    "FORMULA ONE",
    "ROWING",
    "VOLLEYBALL",
    "HANDBALL",
    "SAILING",
    "YACHTING",
    "TABLE TENNIS",
    "FOOTBALL",
    "OLYMPICS",
    "CHESS",
)
_SPORT_WORDS = frozenset(
    {
        "innings",
        "wickets",
        "wicket",
        "goals",
        "goal",
        "scored",
        "striker",
        "midfielder",
        "batsman",
        "bowler",
        "pitcher",
        "inning",
        "homer",
        "touchdown",
        "quarterback",
        "semifinal",
        "semi-final",
        "quarter-final",
        "seeded",
        "unseeded",
        "league",
        "championship",
        "standings",
        "halftime",
        "penalty",
        "coach",
    }
)
_TEAM_PLACE_KINDS = frozenset({"city", "county", "state", "province", "capital"})


@dataclass
class _Mention:
    start: int
    end: int
    label: str
    source: str  # "model", "gazetteer", "pattern", "dateline", "person", "propagated"
    entry: GazEntry | None = None


@lru_cache(maxsize=1)
def _first_words() -> dict[str, int]:
    """First word (key form) of every gazetteer name -> the most tokens a name starting with it has."""
    table: dict[str, int] = {}
    for key in gazetteer():
        words = key.replace("'", " '").split()
        if not words:
            continue
        # spaCy splits "St." "Louis" and "al" "-" "Qaeda": allow a few extra tokens
        table[words[0]] = max(table.get(words[0], 0), len(words) * 2 + 1)
    return table


_ARTICLES = frozenset({"the", "a", "an"})


def _starts_a_key(keys: list[str], prefix: str) -> bool:
    """Whether any of the sorted ``keys`` starts with ``prefix``."""
    at = bisect_left(keys, prefix)
    return at < len(keys) and keys[at].startswith(prefix)


def _key_word(token: _Tok) -> str:
    return name_key(token.text).split(" ")[0] if token.text.strip(".-") else ""


def _capitalised(token: _Tok) -> bool:
    text = token.text
    return text[:1].isupper() or (text[:3] in {"al-", "el-"} and len(text) > 3)


class _Tok:
    """The attributes the rules read of one token, read once (spaCy builds a Token object per access)."""

    __slots__ = (
        "ent_type_",
        "i",
        "idx",
        "is_alpha",
        "is_digit",
        "is_lower",
        "is_punct",
        "is_sent_start",
        "is_space",
        "is_title",
        "is_upper",
        "like_num",
        "lower_",
        "tag_",
        "text",
        "whitespace_",
    )

    def __init__(self, tok: Token) -> None:
        self.i = tok.i
        self.idx = tok.idx
        self.text = tok.text
        self.lower_ = tok.lower_
        self.whitespace_ = tok.whitespace_
        self.is_alpha = tok.is_alpha
        self.is_digit = tok.is_digit
        self.is_lower = tok.is_lower
        self.is_punct = tok.is_punct
        self.is_space = tok.is_space
        self.is_title = tok.is_title
        self.is_upper = tok.is_upper
        self.like_num = tok.like_num
        self.tag_ = tok.tag_
        self.is_sent_start = bool(tok.is_sent_start)
        self.ent_type_ = tok.ent_type_

    def __len__(self) -> int:
        return len(self.text)


class _Slice:
    """A span of :class:`_Toks`: its tokens, bounds and text."""

    __slots__ = ("doc", "end", "start")

    def __init__(self, doc: _Toks, start: int, end: int) -> None:
        self.doc, self.start, self.end = doc, start, end

    def __iter__(self) -> Iterator[_Tok]:
        return iter(self.doc.toks[self.start : self.end])

    def __len__(self) -> int:
        return self.end - self.start

    @property
    def text(self) -> str:
        if self.end <= self.start:
            return ""
        toks = self.doc.toks
        last = toks[self.end - 1]
        return self.doc.text[toks[self.start].idx : last.idx + len(last.text)]


class _Toks:
    """A Doc's tokens as plain Python objects, indexed and sliced like the Doc."""

    def __init__(self, doc: Doc) -> None:
        self.toks = [_Tok(t) for t in doc]
        self.text = doc_text(doc)

    def __len__(self) -> int:
        return len(self.toks)

    def __iter__(self) -> Iterator[_Tok]:
        return iter(self.toks)

    @overload
    def __getitem__(self, key: int) -> _Tok: ...
    @overload
    def __getitem__(self, key: slice) -> _Slice: ...
    def __getitem__(self, key: int | slice) -> _Tok | _Slice:
        if isinstance(key, slice):
            start, stop, _ = key.indices(len(self.toks))
            return _Slice(self, start, max(start, stop))
        return self.toks[key]


class MentionFixer:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        # load the tables once, when the pipeline is built
        gazetteer(), _first_words(), given_names(), clubs()

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        toks = _Toks(doc)
        lines = _Lines(toks)
        sports = _is_sports(toks)
        mentions: list[_Mention] = []
        keep: list[Span] = []  # numeric entities, untouched
        for ent in doc.ents:
            if ent.label_ not in NAME_LABELS:
                keep.append(ent)
                continue
            for start, end in _repair(toks, ent.start, ent.end, lines.wrapped):
                mentions.append(_Mention(start, end, ent.label_, "model"))
        proposals = [
            *_datelines(toks, lines),
            *_gazetteer_matches(toks, lines),
            *_patterns(toks),
            *_people(toks),
            *(_competitors(toks) if sports else ()),
            *(_table_teams(toks, lines) if sports else ()),
        ]
        mentions = _merge(toks, mentions, proposals, sports)
        mentions = _consistency(toks, mentions, lines)
        _events(toks, mentions, lines)
        _facilities(toks, mentions)
        if sports:
            _sport_teams(toks, mentions, lines)
        taken = {i for ent in keep for i in range(ent.start, ent.end)}
        spans = [
            Span(doc, m.start, m.end, label=m.label)
            for m in mentions
            if not any(i in taken for i in range(m.start, m.end))
        ]
        doc.ents = sorted(filter_spans([*spans, *keep]), key=lambda s: s.start)
        return doc


class _Lines:
    """The line of every token, and which lines are ALL-CAPS headlines or table rows."""

    def __init__(self, doc: _Toks) -> None:
        tk = doc.toks
        self.line_of: list[int] = []
        self.starts: list[int] = [0]
        line = 0
        for tok in doc:
            self.line_of.append(line)
            if "\n" in tok.text or "\n" in tok.whitespace_:
                line += 1
                self.starts.append(tok.i + 1)
        self.caps: list[bool] = []
        self.table: list[bool] = []
        bounds = [*self.starts, len(doc)]
        for a, b in pairwise(bounds):
            words = [t for t in doc[a:b] if t.is_alpha and len(t) > 1]
            upper = sum(1 for t in words if t.is_upper)
            self.caps.append(len(words) >= 1 and upper >= 0.8 * len(words))
            numbers = sum(1 for t in doc[a:b] if t.like_num or t.text in {"-", ":"})
            self.table.append(b - a >= 3 and numbers >= 0.4 * (b - a))
        # hard-wrapped text (lines cut mid-sentence at a fixed width): a single line break is a space
        long_lines = open_lines = 0
        for a, b in pairwise(bounds):
            last = b - 1
            while last > a and tk[last].is_space:
                last -= 1
            if b - a >= 8:
                long_lines += 1
                if tk[last].text not in _SENTENCE_END and not self.table[self.line_of[a]]:
                    open_lines += 1
        self.wrapped = open_lines >= 2 and open_lines >= 0.5 * long_lines

    def is_caps(self, i: int) -> bool:
        return self.caps[self.line_of[i]]

    def is_table(self, i: int) -> bool:
        return self.table[self.line_of[i]]

    def line_start(self, i: int) -> int:
        return self.starts[self.line_of[i]]


def _repair(doc: _Toks, start: int, end: int, wrapped: bool = False) -> list[tuple[int, int]]:
    """Fixed boundaries of one model span: none, one or several spans."""
    tk = doc.toks
    pieces: list[tuple[int, int]] = []
    a = start
    for i in range(start, end):
        tok = tk[i]
        if (
            tok.text.strip(" ") == "\n"
            and start < i < end - 1
            and (wrapped or tk[i + 1].text in _DESIGNATORS)
        ):
            continue  # a line wrapped inside a name ("AMR\nCorp")
        breaks = "\n" in tok.text or (i < end - 1 and "\n" in tok.whitespace_)
        dash = tok.text in {"-", "--", "\u2013"} and tok.whitespace_ and i > start and tk[i - 1].whitespace_
        if tok.is_space or dash:
            pieces.append((a, i))
            a = i + 1
        elif breaks:
            pieces.append((a, i + 1))
            a = i + 1
    pieces.append((a, end))
    out = []
    for s, e in pieces:
        while s < e and (tk[s].is_space or tk[s].lower_ in _DETERMINERS or tk[s].is_punct or tk[s].like_num):
            if tk[s].like_num and e - s > 1 and not tk[s + 1].is_title and not tk[s + 1].is_upper:
                break
            s += 1
        while e > s and (
            tk[e - 1].is_space
            or tk[e - 1].text in _POSSESSIVE
            or (tk[e - 1].is_punct and tk[e - 1].text not in {")", "."})
            or (tk[e - 1].like_num and not tk[e - 1].is_alpha)
        ):
            e -= 1
        if e > s and tk[e - 1].text == ")" and not any(t.text == "(" for t in doc[s:e]):
            e -= 1
        if e > s and any(t.is_alpha or any(c.isalpha() for c in t.text) for t in doc[s:e]):
            out.append((s, e))
    return out


def _datelines(doc: _Toks, lines: _Lines) -> Iterable[_Mention]:
    """The place in capitals that opens a line before a date: ``LONDON 1996-08-30``, ``MOSCOW, June 5``."""
    tk = doc.toks
    for start in lines.starts:
        i = start
        while i < len(doc) and tk[i].is_space:
            i += 1
        j = i
        while (
            j < len(doc) and j - i < 4 and ((tk[j].is_upper and tk[j].is_alpha) or tk[j].text in {".", "-"})
        ):
            j += 1
        if j == i or j >= len(doc) or not tk[j - 1].is_alpha:
            continue
        nxt = tk[j]
        after = tk[j + 1] if j + 1 < len(doc) else None
        second = None
        if nxt.text == "," and after is not None and after.is_title and j + 2 < len(doc):
            k = j + 1
            while k < len(doc) and k - j <= 3 and tk[k].is_title and tk[k].is_alpha:
                k += 1
            if k < len(doc) and (_DATE_TOKEN.match(tk[k].text) or tk[k].ent_type_ == "DATE"):
                second = (j + 1, k)
                nxt = tk[k]
        dated = (
            _DATE_TOKEN.match(nxt.text)
            or (nxt.ent_type_ == "DATE" and nxt.is_digit and len(nxt) == 4)
            or (nxt.text == "," and after is not None and after.ent_type_ == "DATE")
        )
        if dated and lines.line_of[j] == lines.line_of[i]:
            yield _Mention(i, j, "GPE", "dateline")
            if second is not None:
                yield _Mention(second[0], second[1], "GPE", "dateline")


def _gazetteer_matches(doc: _Toks, lines: _Lines) -> Iterable[_Mention]:
    """Longest gazetteer names in the text, capitalised as names are."""
    tk = doc.toks
    first = _first_words()
    table = gazetteer()
    n = len(doc)
    i = 0
    while i < n:
        tok = tk[i]
        if not _capitalised(tok):
            i += 1
            continue
        width = first.get(_key_word(tok))
        if not width:
            i += 1
            continue
        found = None
        for j in range(min(n, i + width), i, -1):
            last = tk[j - 1]
            if not (last.is_alpha or (last.text.endswith(".") and len(last) > 1)) or last.is_space:
                continue
            span = doc[i:j]
            if "\n" in span.text:
                continue
            entry = table.get(name_key(span.text))
            if entry is None or not _acceptable(span, entry, lines):
                continue
            found = _Mention(i, j, entry.label, "gazetteer", entry)
            break
        if found is not None:
            yield found
            i = found.end
        else:
            i += 1


def _acceptable(span: _Slice, entry: GazEntry, lines: _Lines) -> bool:
    text = span.text
    if not all(_capitalised(t) or t.lower_ in _NAME_PARTICLES or not t.is_alpha for t in span):
        return False
    # an ALL-CAPS word is only a name in a headline line, and never a common word ("US", "WHO")
    if (
        text.isupper()
        and not entry.text.isupper()
        and (not lines.is_caps(span.start) or (len(text) < 4 and text.lower() in STOP_WORDS))
    ):
        return False
    if text.isupper() and lines.is_caps(span.start) and text.lower() in STOP_WORDS:
        return False
    prev = span.doc[span.start - 1] if span.start else None
    # "Jack Kent", "Dr. Jordan": a place name after a given name or a title is a surname
    return not (prev is not None and prev.text in given_names() and entry.kind != "demonym")


def _patterns(doc: _Toks) -> Iterable[_Mention]:
    """Subnational units, treaties and laws, and abbreviations in brackets after a name."""
    tk = doc.toks
    n = len(doc)
    for i, tok in enumerate(doc):
        text = tok.text
        if text in _SUBNATIONAL and i > 0 and tk[i - 1].is_title and tk[i - 1].is_alpha:
            s = i - 1
            while s > 0 and tk[s - 1].is_title and tk[s - 1].is_alpha and tk[s - 1].lower_ not in STOP_WORDS:
                s -= 1
            if not (text == "Republic" and tk[s].text in {"Czech", "Dominican", "Central"}):
                yield _Mention(s, i + 1, "GPE", "pattern")
        elif text in _LAW_HEADS and i > 0 and tk[i - 1].is_title:
            s = i
            while (
                s > 0
                and (tk[s - 1].is_title or tk[s - 1].text in {"of", "and", "on"})
                and not tk[s - 1].is_sent_start
            ):
                s -= 1
            while s < i and tk[s].text in {"of", "and", "on"}:
                s += 1
            if i - s >= 1 and tk[s].lower_ != "the":
                yield _Mention(s, i + 1, "LAW", "pattern")
        elif text == "(" and i + 2 < n and tk[i + 2].text == ")" and i > 0:
            abbr = tk[i + 1]
            if abbr.is_upper and abbr.is_alpha and 2 <= len(abbr) <= 8:
                yield _Mention(i + 1, i + 2, "", "abbreviation")


def _people(doc: _Toks) -> Iterable[_Mention]:
    """Given name + capitalised surname(s), and initial(s) + surname."""
    tk = doc.toks
    names = given_names()
    n = len(doc)
    for i, tok in enumerate(doc):
        text = tok.text
        is_given = text in names
        is_initial = bool(_INITIAL.match(text)) and i + 1 < n and name_key(text) not in gazetteer()
        if not (is_given or is_initial):
            continue
        if i > 0 and (tk[i - 1].is_title and tk[i - 1].is_alpha and tk[i - 1].text not in names):
            continue  # inside a longer capitalised name ("Saint John", "Lake Victoria")
        j = i + 1
        while j < n and j - i <= 4:
            t = tk[j]
            if (
                (t.is_title and (t.is_alpha or "-" in t.text or "'" in t.text) and t.text not in _CORPORATE)
                or (_INITIAL.match(t.text) and is_initial)
                or (t.lower_ in _NAME_PARTICLES and j + 1 < n and tk[j + 1].is_title)
            ):
                j += 1
            else:
                break
        if j < n and tk[j].text in _CORPORATE:
            continue
        last = tk[j - 1]
        if j - i >= 2 and last.is_title and not _INITIAL.match(last.text) and last.lower_ not in STOP_WORDS:
            if table_key_is_place(doc[i:j]):
                continue
            yield _Mention(i, j, "PERSON", "person")


def _competitors(doc: _Toks) -> Iterable[_Mention]:
    """In results lists, "First Last ( Country )" names a competitor: "Anne-Gaelle Sidot ( France )"."""
    tk = doc.toks
    table = gazetteer()
    n = len(doc)
    for i, tok in enumerate(doc):
        if tok.text != "(" or i + 2 >= n or tk[i + 2].text != ")" or i < 2:
            continue
        country = table.get(name_key(tk[i + 1].text))
        if country is None or country.kind not in {"country", "demonym"}:
            continue
        s = i
        while s > 0 and i - s < 4 and tk[s - 1].is_title and (tk[s - 1].is_alpha or "-" in tk[s - 1].text):
            s -= 1
        if (
            i - s < 2
            or tk[s].text in _DETERMINERS
            or any(name_key(t.text) in table or t.text in _CORPORATE for t in doc[s:i])
        ):
            continue
        yield _Mention(s, i, "PERSON", "person")


def _table_teams(doc: _Toks, lines: _Lines) -> Iterable[_Mention]:
    """In results and standings rows of a sports report, a name before a score is a team:
    "Tranmere 2 Gillingham 1", "Haitai 64 2 43 .596"."""
    tk = doc.toks
    table = gazetteer()
    n = len(doc)
    i = 0
    while i < n:
        tok = tk[i]
        if not lines.is_table(i) or not tok.is_alpha or not (tok.is_title or tok.is_upper):
            i += 1
            continue
        prev = tk[i - 1] if i else None
        if prev is not None and not (prev.is_space or prev.like_num or i == lines.line_start(i)):
            i += 1
            continue
        j = i
        while j < n and j - i < 4 and tk[j].is_alpha and (tk[j].is_title or tk[j].is_upper):
            j += 1
        dated = j < n and (tk[j].ent_type_ == "DATE" or _DATE_TOKEN.match(tk[j].text))
        if j < n and tk[j].like_num and not dated and tk[i].lower_ not in STOP_WORDS:
            entry = table.get(name_key(doc[i:j].text))
            label = "GPE" if entry is not None and entry.kind == "country" else "ORG"
            yield _Mention(i, j, label, "team")
        i = max(j, i + 1)


def table_key_is_place(span: _Slice) -> bool:
    entry = gazetteer().get(name_key(span.text))
    return entry is not None


def _merge(doc: _Toks, model: list[_Mention], proposals: list[_Mention], sports: bool) -> list[_Mention]:
    """Fold rule and gazetteer proposals into the model's mentions."""
    by_token: dict[int, int] = {}
    for index, m in enumerate(model):
        for i in range(m.start, m.end):
            by_token[i] = index
    removed: set[int] = set()
    added: list[_Mention] = []
    for p in proposals:
        overlapping = sorted({by_token[i] for i in range(p.start, p.end) if i in by_token} - removed)
        if p.source == "abbreviation":
            _abbreviation(doc, p, model, by_token, overlapping, added)
            continue
        if not overlapping:
            if p.source != "person" or p.end - p.start >= 2:
                added.append(p)
                for i in range(p.start, p.end):
                    by_token[i] = -1
            continue
        if overlapping == [-1]:
            continue
        overlapping = [k for k in overlapping if k >= 0]
        if len(overlapping) == 1:
            m = model[overlapping[0]]
            if (m.start, m.end) == (p.start, p.end):
                m.label = _relabel(m, p, sports)
                m.entry = p.entry or m.entry
                if p.source == "dateline":
                    m.source = "dateline"
                continue
            if m.start <= p.start and p.end <= m.end:
                # a known name inside a longer model name ("Hong Kong" in "Hong Kong Open")
                if p.source in {"pattern", "dateline"}:
                    removed.add(overlapping[0])
                    added.append(p)
                continue
        if all(p.start <= model[k].start and model[k].end <= p.end for k in overlapping):
            # the model's pieces lie inside the known name ("Kursk" of "Kursk Oblast")
            removed.update(overlapping)
            added.append(p)
            for i in range(p.start, p.end):
                by_token[i] = -1
    kept = [m for k, m in enumerate(model) if k not in removed]
    return sorted([*kept, *added], key=lambda m: (m.start, -m.end))


def _relabel(model: _Mention, proposal: _Mention, sports: bool) -> str:
    """The label of a span both the model and a rule found."""
    entry = proposal.entry
    if proposal.source == "person":
        if model.label in {"ORG", "GPE", "LOC", "NORP", "PRODUCT", "WORK_OF_ART", "FAC"}:
            return "PERSON"
        return model.label
    if proposal.source == "dateline":
        return "GPE"
    if entry is None:
        return proposal.label
    if model.label == "PERSON" and entry.kind not in {"country", "demonym"}:
        # cities, states and counties are also surnames ("Washington", "Kent")
        return entry.label if sports and entry.kind in _TEAM_PLACE_KINDS | {"club"} else model.label
    if model.label == "ORG" and entry.label in {"GPE", "LOC"} and entry.kind in _TEAM_PLACE_KINDS:
        return "ORG" if sports else entry.label
    if model.label in {"EVENT", "WORK_OF_ART"} and entry.kind == "club":
        return model.label
    return entry.label


def _abbreviation(
    doc: _Toks,
    p: _Mention,
    model: list[_Mention],
    by_token: dict[int, int],
    overlapping: list[int],
    added: list[_Mention],
) -> None:
    """``Long Name (ABBR)``: ABBR is a mention with the long name's label."""
    tk = doc.toks
    before = by_token.get(p.start - 2)
    if before is None or before < 0:
        return
    long = model[before]
    if long.end != p.start - 1:
        return
    from newsgraph.normalize.names import is_acronym_of

    if not is_acronym_of(tk[p.start].text, doc[long.start : long.end].text):
        return
    if overlapping and overlapping != [-1]:
        model[overlapping[0]].label = long.label
        return
    added.append(_Mention(p.start, p.end, long.label, "abbreviation"))
    by_token[p.start] = -1


def _is_sports(doc: _Toks) -> bool:
    """A sports report: its first line names a sport, or sports words are frequent."""
    head = doc[: min(len(doc), 12)].text.upper()
    if any(head.startswith(s) or head.startswith(s + " ") for s in _SPORTS):
        return True
    words = sum(1 for t in doc if t.lower_ in _SPORT_WORDS)
    return words >= 3 and words * 60 >= len(doc)


def _sport_teams(doc: _Toks, mentions: list[_Mention], lines: _Lines) -> None:
    """In a sports report, a city, county or state standing for a team is an ORG.

    It stays a place after a locative preposition ("in Chicago"), as the
    second part of a place ("Edgbaston , Birmingham"), as a venue heading a
    result line ("Leicester : ..."), and before a common noun ("the Moscow club").
    """
    tk = doc.toks
    table = clubs()
    by_end = {m.end: m for m in mentions}
    for m in mentions:
        if m.source == "dateline" or m.label not in {"GPE", "LOC", "PERSON", "ORG"}:
            continue
        span = doc[m.start : m.end]
        key = name_key(span.text)
        entry = m.entry or gazetteer().get(key)
        club = table.get(key)
        prev = tk[m.start - 1] if m.start else None
        locative = prev is not None and prev.lower_ in _LOCATIVE
        if club is not None and m.label != "PERSON" and not locative:
            m.label = "ORG"
            continue
        nxt = tk[m.end] if m.end < len(doc) else None
        if (
            lines.is_table(m.start)
            and nxt is not None
            and nxt.like_num
            and m.label in {"GPE", "LOC", "FAC", "PRODUCT", "NORP", "WORK_OF_ART"}
            and not (entry is not None and entry.kind == "country")
        ):
            m.label = "ORG"  # a team in a results or standings row ("Haitai 64 2 43 .596")
            continue
        if entry is None or entry.kind not in _TEAM_PLACE_KINDS or m.label not in {"GPE", "LOC"} or locative:
            continue
        before = by_end.get(m.start - 1) if prev is not None and prev.text == "," else None
        if before is not None and before.label in {"GPE", "LOC", "FAC"}:
            continue
        if nxt is not None and nxt.text in {":", "("} and m.start == lines.line_start(m.start):
            continue
        if nxt is not None and nxt.is_lower and nxt.is_alpha and nxt.tag_ in {"NN", "NNS"}:
            continue
        if m.start == lines.line_start(m.start) and nxt is not None and nxt.text == ",":
            continue  # a dateline the date of which is missing
        m.label = "ORG"


def _consistency(doc: _Toks, mentions: list[_Mention], lines: _Lines) -> list[_Mention]:
    """One label per name within the document; surnames and repeats found where the model missed them."""
    tk = doc.toks
    mentions = filter_mentions(mentions)
    # surnames of people named in full
    surnames: dict[str, str] = {}
    given = given_names()
    for m in mentions:
        if m.label == "PERSON" and m.end - m.start >= 2:
            last = tk[m.end - 1]
            if last.is_alpha and len(last) > 1:
                surnames[last.text.lower()] = "PERSON"
            first = tk[m.start]
            if first.is_alpha and len(first) > 1 and first.text not in given and first.is_title:
                surnames.setdefault(first.text.lower(), "PERSON")  # "Wang" of "Wang Dan"
        elif m.label == "ORG" and m.end - m.start >= 2 and tk[m.end - 1].text in _DESIGNATORS:
            e = m.end - 1
            while e > m.start + 1 and tk[e - 1].text in _DESIGNATORS:
                e -= 1
            short = doc[m.start : e].text
            if name_key(short) not in gazetteer():
                surnames[short.lower()] = "ORG"  # "Magna" of "Magna International Inc"
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.source in {"dateline"} or lines.is_caps(m.start):
            continue
        votes[name_key(doc[m.start : m.end].text)][m.label] += 1
    for m in mentions:
        text = doc[m.start : m.end].text
        key = name_key(text)
        if (
            text.lower() in surnames
            and m.label != "NORP"
            and (m.end - m.start == 1 or surnames[text.lower()] == "ORG")
        ):
            m.label = surnames[text.lower()]
            continue
        counts = votes.get(key)
        if counts and m.source in {"model", "gazetteer"}:
            label, top = counts.most_common(1)[0]
            if top > counts.get(m.label, 0):
                m.label = label
    # a lone "person" after "in" or "near" is a place the model did not know ("in Tavildara")
    for m in mentions:
        if (
            m.label == "PERSON"
            and m.end - m.start == 1
            and m.start > 0
            and tk[m.start - 1].lower_ in {"in", "near", "outside"}
            and tk[m.start].text.lower() not in surnames
            and (m.end >= len(tk) or tk[m.end].text not in _POSSESSIVE)
        ):
            m.label = "GPE"
    # untagged repeats, surnames alone, and headline words in capitals
    taken = {i for m in mentions for i in range(m.start, m.end)}
    final: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.source != "dateline" and not lines.is_caps(m.start):
            final[name_key(doc[m.start : m.end].text)][m.label] += 1
    known: dict[str, str] = {k: c.most_common(1)[0][0] for k, c in final.items()}
    for name, label in surnames.items():
        known[name_key(name)] = label
    longest = max((len(k.split()) for k in known), default=0)
    # a name's key starts with the key of its first token unless that is an article (trimmed from
    # whole names only): a token that no known key starts with needs no lookup
    keys = sorted(known)
    added: list[_Mention] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = tk[i]
        if (
            i in taken
            or not _capitalised(tok)
            or not (tok.is_alpha or "-" in tok.text or "." in tok.text)
            or not (tok.lower_ in _ARTICLES or _starts_a_key(keys, name_key(tok.text)))
        ):
            i += 1
            continue
        found = None
        for j in range(min(n, i + longest), i, -1):
            if any(k in taken for k in range(i, j)) or not tk[j - 1].is_alpha:
                continue
            span = doc[i:j]
            key = name_key(span.text)
            found_label = known.get(key)
            if found_label is None:
                continue
            caps = span.text.isupper()
            if j - i == 1 and (
                tok.lower_ in STOP_WORDS or (tok.is_sent_start and not caps and found_label != "PERSON")
            ):
                continue
            found = _Mention(i, j, found_label, "propagated")
            break
        if found is not None:
            added.append(found)
            i = found.end
        else:
            i += 1
    return sorted([*mentions, *added], key=lambda m: m.start)


def _events(doc: _Toks, mentions: list[_Mention], lines: _Lines) -> None:
    """Names of competitions, wars and summits are EVENTs ("U.S. Open", "Fed Cup", "Korean War").

    A place or name just before such a word is part of the event's name ("Hong
    Kong" + "Open"); in an ALL-CAPS headline the name ends at that word
    ("WORLD CUP" of "WORLD CUP QUALIFIER").
    """
    tk = doc.toks
    taken = {i for m in mentions for i in range(m.start, m.end)}

    def head(i: int) -> bool:
        text = tk[i].text
        return text in _EVENT_HEADS or (text.isupper() and text.title() in _EVENT_HEADS)

    for m in mentions:
        if m.label in {"EVENT", "LAW"}:
            continue
        if m.end < len(tk) and m.end not in taken and head(m.end) and m.label != "PERSON":
            taken.add(m.end)
            m.end += 1
            m.label = "EVENT"
            continue
        if lines.is_caps(m.start) and m.end - m.start >= 3:
            cut = next((i for i in range(m.start + 1, m.end - 1) if head(i)), None)
            if cut is not None:
                m.end = cut + 1
                m.label = "EVENT"
                continue
        if m.end - m.start >= 2 and m.label != "NORP" and head(m.end - 1):
            m.label = "EVENT"


def _facilities(doc: _Toks, mentions: list[_Mention]) -> None:
    """A person's name that ends in a facility word is the facility's name ("Kim Il Sung Square")."""
    for m in mentions:
        if m.label == "PERSON" and m.end - m.start >= 2 and doc.toks[m.end - 1].text in _FACILITY_HEADS:
            m.label = "FAC"


def filter_mentions(mentions: list[_Mention]) -> list[_Mention]:
    """Drop overlaps: longer first, then earlier."""
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), m.start))
    taken: set[int] = set()
    kept = []
    for m in ordered:
        if any(i in taken for i in range(m.start, m.end)):
            continue
        taken.update(range(m.start, m.end))
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)
