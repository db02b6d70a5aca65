"""``ng_quantities``: figures with value, unit (what is counted), bound, range and the entity they are about.

1. Figures: the model's CARDINAL, MONEY, PERCENT and QUANTITY entities, plus
   number tokens it missed and vague counts ("hundreds of", "dozens of"). Dates
   and years are not figures: a span inside a timex, or a lone year-like number
   with nothing counted, is dropped; so are numbers inside names ("Boeing 747").
2. Each figure is widened over bound words before ("up to", "at least") and
   after ("or more"), currency symbols and words, percent words and units of
   measure (``quantity_units.tsv``), and read with :mod:`newsgraph.normalize.quantities`
   as one value or a range ("10,000 to 12,000": value 10,000, high 12,000).
3. Unit: the currency code, "percent", "fraction" (for "two-thirds"), the unit of
   measure, or the counted noun the number modifies ("12,000 troops" -> "troops",
   "hundreds of protesters" -> "protesters").
4. About: an entity inside the counted noun phrase ("North Korean troops" -> North
   Korea), else the subject of the verb the figure is the object of.
5. Derived figures: "4,000 casualties, two-thirds of them killed" adds "killed,
   about 2,667", ``derived: true``, ``derived_from`` = the index of the 4,000.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.model import Quantity
from newsgraph.nlp.extensions import ensure
from newsgraph.nlp.tokens import table
from newsgraph.normalize.quantities import BOUNDS, BOUNDS_AFTER, parse_number, parse_range, vague_number

__all__ = ["QuantityTagger", "find_quantities", "units"]

_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_NOT_FIGURES = frozenset({"DATE", "TIME", "ORDINAL"})
_BEFORE_MAP = {tuple(k.split()): v for k, v in BOUNDS.items()}
_AFTER_MAP = {tuple(k.split()): v for k, v in BOUNDS_AFTER.items()}
_LONGEST = max(len(k) for k in _BEFORE_MAP)
_VAGUE_HEADS = frozenset({"dozens", "scores", "hundreds", "thousands", "millions", "billions", "tens"})
_NUMBER_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
     "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion",
     "trillion", "dozen", "half", "third", "thirds", "quarter", "quarters", "fifths", "tenths", "and", "-",
     "a", "an"}
)  # fmt: skip
_RANGE_WORDS = frozenset({"to", "-", "–", "—", "and", "or"})
_FRACTION_WORDS = frozenset(
    {"half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths"}
)
_SUBSET_HEADS = frozenset({"them", "those", "these", "which", "whom"})
# a figure glued to its currency or unit in one token: "us$5", "3.5-inch", "60gb", "$4bn"
_GLUED = re.compile(r"^(?:us\$|[$€£¥₽₴₹])\d[\d,.]*(?:bn|m|k)?$|^\d[\d,.]*-?(?:[a-z]{1,6})$")
_NUMERIC = re.compile(r"\d")
_GLUED_UNIT = re.compile(r"^(us\$|[$€£¥₽₴₹])?\d[\d,.]*-?([a-z]+)?$")
_AGE_BEFORE = frozenset({"aged", ","})


@lru_cache(maxsize=1)
def units() -> dict[str, tuple[str, str]]:
    """Unit word or symbol (lowercase) -> (kind: currency | percent | measure, normalised unit)."""
    text = resources.files("newsgraph.nlp.data").joinpath("quantity_units.tsv").read_text(encoding="utf-8")
    out: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, kind, unit = line.split("\t")[:3]
            out.setdefault(word, (kind, unit))
    return out


def _is_number_token(tok: Token) -> bool:
    return tok.like_num or (tok.lower_ in _NUMBER_WORDS and tok.lower_ not in ("and", "-", "a", "an"))


def _timex_tokens(doc: Doc) -> set[int]:
    out: set[int] = set()
    for tx in doc._.ng_timexes or ():
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    for ent in doc.ents:
        if ent.label_ in _NOT_FIGURES:
            out.update(range(ent.start, ent.end))
    return out


# words that go on a figure ("two hundred and five"), and those "a" counts ("a dozen", "a third")
_NUMBER_WORDS_AFTER = _NUMBER_WORDS - {"a", "an"}
_COUNTED = frozenset({"dozen", "hundred", "thousand", "million", "billion", "half", "third", "quarter"})


def _candidates(doc: Doc, blocked: set[int]) -> list[tuple[int, int]]:
    """Token ranges of figures, before widening."""
    spans: list[tuple[int, int]] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in _LABELS:
            spans.append((ent.start, ent.end))
            covered.update(range(ent.start, ent.end))
    t = table(doc)
    lower, like_num = t.lower, t.like_num
    i = 0
    n = len(doc)
    while i < n:
        if i in covered or i in blocked:
            i += 1
            continue
        low = lower[i]
        if low in _VAGUE_HEADS and i + 1 < n and lower[i + 1] == "of":
            j = i + 1
            # "tens of thousands of", "hundreds of thousands of"
            if j + 2 < n and lower[j + 1] in _VAGUE_HEADS and lower[j + 2] == "of":
                j += 2
            spans.append((i, j))
            i = j + 1
            continue
        if (
            like_num[i]
            or _GLUED.match(low)
            or (low in _NUMBER_WORDS and low not in ("and", "-", "a", "an", "half"))
        ):
            j = i + 1
            while j < n and j not in covered and (like_num[j] or lower[j] in _NUMBER_WORDS_AFTER):
                j += 1
            while j > i + 1 and lower[j - 1] in ("and", "-"):
                j -= 1
            start = (
                i - 1 if i > 0 and lower[i - 1] in ("a", "an") and j > i and lower[j - 1] in _COUNTED else i
            )
            spans.append((start, j))
            i = j
            continue
        i += 1
    spans.sort()
    return _merge_ranges(doc, spans)


def _merge_ranges(doc: Doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "10,000 to 12,000", "between 5 and 7": two figures joined by a range word are one."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            a, b = out[-1]
            joint = doc[b].lower_ if b < len(doc) else ""
            before = {t.lemma_.lower() for t in doc[max(0, a - 3) : a]}
            between = "between" in before
            change = bool(before & _CHANGE) or "from" in before
            same = _marks(doc[a:b].text) == _marks(doc[start:end].text)
            if (
                start == b + 1
                and same
                and not change
                and (joint in ("to", "-", "–", "—", "or") or (joint == "and" and between))
            ):
                out[-1] = (a, end)
                continue
        out.append((start, end))
    return out


# "rose 5% to 7%", "from $27 billion to $9 billion": a change between two figures, not a range
_CHANGE = frozenset(
    {"rise", "fall", "increase", "decrease", "drop", "climb", "grow", "jump", "slip", "decline", "cut",
     "reduce", "raise", "lower", "go", "soar", "plunge", "slide", "gain", "lose", "shrink", "swell"}
)  # fmt: skip


def _marks(text: str) -> str:
    return "".join(sorted({c for c in text if c in "$€£¥%"}))


def _widen(doc: Doc, start: int, end: int) -> tuple[int, int, str]:
    """Take in bound words before and after; return the new range and the bound."""
    inside = tuple(t.lower_ for t in doc[start : min(end, start + _LONGEST)])
    for k in range(len(inside), 0, -1):
        b = _BEFORE_MAP.get(inside[:k])
        if b is not None and start + k < end:
            new_end, new_bound = _widen_after(doc, start, end, b)
            return start, new_end, new_bound
    bound = "exact"
    before = tuple(t.lower_ for t in doc[max(0, start - _LONGEST) : start])
    for k in range(len(before), 0, -1):
        b = _BEFORE_MAP.get(before[-k:])
        if b is not None:
            start -= k
            bound = b
            break
    end, bound = _widen_after(doc, start, end, bound)
    return start, end, bound


def _widen_after(doc: Doc, start: int, end: int, bound: str) -> tuple[int, str]:
    after = tuple(t.lower_ for t in doc[end : end + 2])
    for k in range(len(after), 0, -1):
        b = _AFTER_MAP.get(after[:k])
        if b is not None:
            return end + k, b
    return end, bound


def _money_and_measure(doc: Doc, start: int, end: int) -> tuple[int, int, str | None, str | None]:
    """Widen over currency symbols/words, percent words and units of measure; return (start, end, kind, unit)."""
    table = units()
    kind: str | None = None
    unit: str | None = None
    for t in doc[start:end]:
        hit = table.get(t.lower_)
        if hit is None:
            glued = _GLUED_UNIT.match(t.lower_)
            if glued is not None:
                hit = table.get(glued.group(1) or "") or table.get(glued.group(2) or "")
        if hit is not None:
            kind, unit = hit
    if kind is None and start > 0 and doc[start - 1].lower_ in table:
        k, u = table[doc[start - 1].lower_]
        if k == "currency":
            start, kind, unit = start - 1, k, u
    if kind is None and end < len(doc):
        two = f"{doc[end].lower_} {doc[end + 1].lower_}" if end + 1 < len(doc) else ""
        if two in table:
            kind, unit = table[two]
            end += 2
        elif doc[end].lower_ in table:
            k, u = table[doc[end].lower_]
            if (
                k != "measure"
                or not doc[end].is_quote
                or doc[end].idx == doc[end - 1].idx + len(doc[end - 1])
            ):
                kind, unit = k, u
                end += 1
    return start, end, kind, unit


_VAGUE_WORDS = frozenset(
    {
        "dozens",
        "scores",
        "hundreds",
        "thousands",
        "millions",
        "billions",
        "tens",
        "of",
        "several",
        "few",
        "couple",
    }
)


def _strip_unit(text: str) -> str:
    """ "3.5-inch" -> "3.5", "60GB" -> "60"; currency prefixes and scale suffixes stay for the parser."""
    m = re.match(r"^(\d[\d,.]*)-?([a-zA-Z]+)$", text)
    if m and m.group(2).lower() not in ("bn", "m", "k", "mn", "tn"):
        return m.group(1)
    return text


def _value(doc: Doc, start: int, end: int) -> tuple[float, float | None, bool] | None:
    """Value, high end of a range, and whether it is written as a fraction."""
    table = units()
    toks = [
        t
        for t in doc[start:end]
        if t.lower_ not in table
        and (not _is_bound_word(t) or (t.lower_ in _RANGE_WORDS and start < t.i < end - 1))
        and (
            _NUMERIC.search(t.text)
            or t.lower_ in _NUMBER_WORDS
            or t.lower_ in _RANGE_WORDS
            or t.lower_ in _VAGUE_WORDS
        )
    ]
    while toks and toks[-1].lower_ in _RANGE_WORDS:
        toks.pop()
    while toks and toks[0].lower_ in _RANGE_WORDS:
        toks.pop(0)
    if not toks:
        return None
    text = "".join(_strip_unit(t.text) + t.whitespace_ for t in toks).strip()
    low = text.lower()
    vague = vague_number(low.removesuffix(" of"))
    if vague is not None:
        return vague[0], None, False
    if any(t.lower_ in _RANGE_WORDS for t in toks[1:-1]) or ("-" in text and not low[0].isalpha()):
        rng = parse_range(text)
        if rng is not None and rng[0] != rng[1]:
            return rng[0], rng[1], False
    value = parse_number(text)
    if value is None:
        return None
    is_fraction = any(t.lower_ in _FRACTION_WORDS for t in toks) or "/" in text
    return value, None, is_fraction


_BOUND_WORDS = frozenset(w for k in list(BOUNDS) + list(BOUNDS_AFTER) for w in k.split())


def _is_bound_word(tok: Token) -> bool:
    return tok.lower_ in _BOUND_WORDS and not tok.like_num


def _counted(doc: Doc, start: int, end: int) -> Token | None:
    """The noun a figure counts: its head ("12,000 troops"), or the object of its "of"."""
    span = doc[start:end]
    root = span.root
    if (
        root.dep_ in ("nummod", "quantmod", "amod", "compound")
        and root.head.pos_ in ("NOUN", "PROPN")
        and not (start <= root.head.i < end)
    ):
        return root.head
    for t in span:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in ("NOUN", "PROPN", "PRON"):
                    return pobj
    # "hundreds of protesters": the span ends on "of"
    if end < len(doc) and doc[end - 1].lower_ == "of":
        for t in doc[end : min(len(doc), end + 5)]:
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("pobj", "nsubj", "dobj", "ROOT", "conj", "appos"):
                return t
    return None


def _about(doc: Doc, noun: Token | None, start: int, end: int) -> str | None:
    te: dict[int, str] = doc._.ng_token_entity
    if noun is not None:
        for c in noun.subtree:
            if c.i in te and not (start <= c.i < end) and abs(c.i - noun.i) <= 6:
                return te[c.i]
        anchor = noun
    else:
        anchor = doc[start:end].root
    head = anchor.head
    if anchor.dep_ in ("dobj", "attr", "pobj") and head.pos_ in ("VERB", "AUX", "ADP"):
        verb = head if head.pos_ != "ADP" else head.head
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                for t in c.subtree:
                    if t.i in te:
                        return te[t.i]
    return None


def _derived(
    doc: Doc, q: Quantity, span: tuple[int, int], found: list[Quantity], spans: list[tuple[int, int]]
) -> Quantity | None:
    """ "two-thirds of them killed", "30% of them civilians": the share of an earlier absolute figure."""
    start, end = span
    root = doc[start:end].root
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None and end < len(doc) and doc[end].lower_ == "of":
        of = doc[end]
    if of is None:
        return None
    sent = doc[start].sent
    base_index = None
    for k in range(len(found) - 1, -1, -1):
        b = found[k]
        bs, be = spans[k]
        absolute = b.unit not in ("percent", "fraction") and not b.derived and b.high is None
        if be <= start and bs >= sent.start - 40 and absolute and b.value >= 1:
            base_index = k
            break
    if base_index is None:
        return None
    base = found[base_index]
    share = q.value / 100 if q.unit == "percent" else q.value
    if not 0 < share < 1:
        return None
    # what the share is: a participle or noun after "of them/the losses" ("killed", "civilians")
    unit = base.unit
    for t in doc[of.i + 1 : min(sent.end, of.i + 10)]:
        if t.is_punct:
            break
        if t.tag_ in ("VBN", "JJ") or (t.pos_ == "NOUN" and t.dep_ in ("attr", "acomp", "oprd", "appos")):
            unit = t.lower_
    exact = Fraction(share).limit_denominator(12) if q.unit == "fraction" else Fraction(share)
    value = float(base.value * exact)
    return Quantity(
        q.start,
        q.end,
        q.text,
        float(round(value)) if base.value.is_integer() and value >= 10 else round(value, 4),
        unit,
        "approx",
        about=base.about,
        derived=True,
        derived_from=base_index,
    )


def _ages(doc: Doc, blocked: set[int]) -> set[int]:
    """Ages the model calls dates: "Barra, 51, will", "aged 55", "at the age of 56" (among ``blocked``)."""
    out = set()
    for i in sorted(blocked):
        tok = doc[i]
        if tok.shape_ not in ("d", "dd", "ddd") or tok.i < 2:
            continue
        prev, prev2 = doc[tok.i - 1], doc[tok.i - 2]
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if (
            prev.lower_ == "aged"
            or (prev.lower_ == "of" and prev2.lower_ == "age")
            or (prev.text == "," and prev2.ent_type_ == "PERSON" and nxt is not None and nxt.text == ",")
        ):
            out.add(tok.i)
    return out


def _in_name(doc: Doc, start: int, end: int) -> bool:
    """ "iPhone 4", "Safari 4.0", "iOS 5": a small number right after a product or name word."""
    if start == 0 or end - start != 1:
        return False
    prev, tok = doc[start - 1], doc[start]
    if prev.pos_ != "PROPN":
        return False
    if prev.ent_type_ in _LABELS or prev.is_sent_start:
        return False
    return bool(re.match(r"^\d{1,2}(?:\.\d{1,2})?$", tok.text))


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every figure of ``doc`` in text order (the pure function behind ``ng_quantities``)."""
    blocked = _timex_tokens(doc)
    ages = _ages(doc, blocked)
    blocked -= ages
    names: dict[int, str] = doc._.ng_token_entity
    ent_labels = {i: ent.label_ for ent in doc.ents for i in range(ent.start, ent.end)}
    found: list[Quantity] = []
    spans: list[tuple[int, int]] = []
    last_end = -1
    for start, end in _candidates(doc, blocked):
        if start < last_end or any(i in blocked for i in range(start, end)):
            continue
        if any(i in names and ent_labels.get(i) not in _LABELS for i in range(start, end)):
            continue  # a number inside a name: "Boeing 747", "G7"
        if start in ages and end - start == 1:
            span = doc[start:end]
            found.append(
                Quantity(span.start_char, span.end_char, span.text, float(span.text), "age", "exact")
            )
            spans.append((start, end))
            last_end = end
            continue
        if _in_name(doc, start, end):
            continue
        start, end, kind, unit = _money_and_measure(doc, start, end)
        start, end, bound = _widen(doc, start, end)
        parsed = _value(doc, start, end)
        if parsed is None:
            continue
        value, high, is_fraction = parsed
        first = doc[start:end]
        numbers = [t for t in first if t.like_num]
        if (
            kind is None
            and len(numbers) == 1
            and len(first) <= 2
            and numbers[0].shape_ == "dddd"
            and 1800 <= value <= 2100
        ):
            continue  # a year
        counted = _counted(doc, start, end)
        if kind == "currency" or kind == "measure" or kind == "percent":
            pass
        elif is_fraction and value < 1:
            unit = "fraction"
        elif counted is not None:
            unit = counted.text.lower()
        if (
            vague_number(" ".join(t.lower_ for t in first).removesuffix(" of")) is not None
            and bound == "exact"
        ):
            bound = "lower" if first[0].lower_ not in ("several", "a") else "approx"
        if high is not None:
            bound = "range"
        span = doc[start:end]
        q = Quantity(
            span.start_char,
            span.end_char,
            span.text,
            value,
            unit,
            bound,
            high=high,
            about=_about(doc, counted, start, end),
        )
        found.append(q)
        spans.append((start, end))
        last_end = end
        if unit in ("fraction", "percent"):
            d = _derived(doc, q, (start, end), found[:-1], spans[:-1])
            if d is not None:
                found.append(d)
                spans.append((start, end))
    return found


class QuantityTagger:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        units()

    def __call__(self, doc: Doc) -> Doc:
        ensure(doc)
        doc._.ng_quantities = find_quantities(doc)
        return doc


def _span(doc: Doc, start: int, end: int) -> Span:
    return doc[start:end]
