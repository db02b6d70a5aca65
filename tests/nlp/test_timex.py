"""ng_timex: spans, values in context, and the time of events."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.ingest.text import parse_text_file
from newsgraph.model import EventTime
from newsgraph.nlp import make_doc
from newsgraph.nlp.timex import TimexTagger, event_time, find_spans, patterns, tense_of
from tests.conftest import SEED, hand_doc


def spans(text: str) -> list[str]:
    return [text[a:b] for a, b, _ in find_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KCNA reported on June 5.", ["June 5"]),
        ("deployed to Kursk since last fall to counter", ["last fall"]),
        ("signed on June 19, 2024, commits both", ["June 19, 2024"]),
        ("prices fell over the past two months.", ["the past two months"]),
        ("He left two years ago and came back", ["two years ago"]),
        ("a five-hour meeting on Friday morning", ["five-hour", "Friday morning"]),
        ("at 10:35 a.m. Tuesday in Nairobi", ["10:35 a.m. Tuesday"]),
        ("third-quarter profit rose from a year earlier", ["third-quarter", "a year earlier"]),
        ("flights leave every Monday and daily from March 30", ["every Monday", "daily", "March 30"]),
        ("It is now clear that recently the future looked bright", ["now", "recently", "the future"]),
        ("in the late 1970s and early 1980s", ["the late 1970s", "early 1980s"]),
        ("cars of the 70s and 80s", ["the 70s", "80s"]),
        ("At 0800 GMT, the bank", ["0800 GMT"]),
        # a wire service's clock is no year: "1805 local time", "1630 EST", "by 1000 London time"
        ("lifted off at 1805 local time (2305 GMT)", ["1805 local time", "2305 GMT"]),
        ("released at 1630 EST, entered by 1000 London time", ["1630 EST", "1000 London time"]),
        ("born in 1930, he came by 1999 New York time", ["1930", "1999"]),
        # a local time and its day, then the same moment in UTC with its own day
        (
            "At 4:42 local time on Saturday (2024 Friday, UTC), a quake struck",
            ["4:42 local time on Saturday", "2024 Friday, UTC"],
        ),
        ("The index rose 48 points to finish the day at 5,210.", ["the day"]),
        ("It rebounded late in the day after falling", ["late in the day"]),
        ("waiting for the day when peace comes", []),
        ("a 44-year-old protester", []),
        ("The company has 1,500 workers.", []),
        ("Mark Papermaster, formerly an Apple executive, left", []),  # a former role, not a time
        ("It will soon move and very soon settle", ["soon", "very soon"]),
        ("They left as soon as it ended, and soon after", []),
        # Reuters spells out days under ten; a count after a month is no day
        ("Pay April one\n    Record March nine\n", ["April one", "March nine"]),
        ("until September one 1989, and on April One will redeem", ["September one 1989", "April One"]),
        ("In March two people died.", ["March"]),
        (
            "The day before last Tuesday's hearing, and the day after July 4",
            ["The day before last Tuesday", "the day after July 4"],
        ),
        ("the lowest since '82, as in the 1970’s; iLife '11", ["'82", "the 1970’s"]),
        ("today is the eighth day of Desert Shield", ["today", "the eighth day"]),
        ("on the first day of March, 1990", ["the first day of March, 1990"]),
    ],
)
def test_find_spans(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


def test_patterns_compile_once_and_name_their_triggers() -> None:
    compiled = patterns()
    assert compiled is patterns()
    names = {name for name, _, _ in compiled.spans}
    assert {"date_md", "weekday", "duration", "ago", "period", "set", "ref"} <= names


def split(sentence: str) -> tuple[list[str], list[bool]]:
    """Words and trailing spaces of a sentence, as a tokenizer would give them."""
    found = list(re.finditer(r"\w+(?:[-:.]\w+)*|[^\w\s]", sentence))
    return [m.group() for m in found], [m.end() < len(sentence) and sentence[m.end()] == " " for m in found]


def tag(words: list[str], published: str, **kwargs: list[str]) -> list[tuple[str, str, str]]:
    doc = hand_doc(words, published=published, **kwargs)  # type: ignore[arg-type]
    TimexTagger(None, "ng_timex")(doc)  # type: ignore[arg-type]
    return [(t.text, t.type, t.value) for t in doc._.ng_timexes]


def test_tagger_resolves_against_the_publication_date() -> None:
    words = ["Troops", "arrived", "last", "fall", "and", "left", "yesterday", "."]
    assert tag(words, "2025-06-05") == [("last fall", "DATE", "2024-FA"), ("yesterday", "DATE", "2025-06-04")]


def test_tagger_follows_the_dates_of_the_text() -> None:
    words, spaces = split("It was signed on June 19, 2024; the next day it took effect.")
    got = tag(words, "2025-06-05", spaces=spaces)  # type: ignore[arg-type]
    assert got == [("June 19, 2024", "DATE", "2024-06-19"), ("the next day", "DATE", "2024-06-20")]


def test_a_wire_clock_is_a_time_of_the_day() -> None:
    words, spaces = split("The rocket lifted off at 1805 local time, and the tremor at 0620 hrs.")
    got = tag(words, "1987-02-26", spaces=spaces)  # type: ignore[arg-type]
    assert got == [("1805 local time", "TIME", "1987-02-26T18:05"), ("0620 hrs", "TIME", "1987-02-26T06:20")]


def test_a_clock_in_another_zone_and_a_small_count_are_no_years() -> None:
    words, spaces = split("at 11:30 am (1830 UTC); the 1000 megawatt cable, flight 1344, built in 1119")
    got = tag(words, "2019-10-09", spaces=spaces)  # type: ignore[arg-type]
    assert got == [("11:30 am", "TIME", "2019-10-09T11:30"), ("1119", "DATE", "1119")]


def test_overnight_as_a_kind_of_loan_is_no_night() -> None:
    words, spaces = split(
        "The overnight call money rate and overnight or one-week rates rose after an overnight attack."
    )
    assert tag(words, "1987-03-05", spaces=spaces) == [  # type: ignore[arg-type]
        ("one-week", "DURATION", "P1W"),
        ("overnight", "TIME", "1987-03-04TNI"),
    ]


def test_a_quarter_of_something_is_no_period() -> None:
    words, spaces = split(
        "Three quarters of the states must agree, and a quarter million voted in some quarters; "
        "it shrank for two quarters of falling sales and the first three quarters of the year."
    )
    got = tag(words, "2019-01-06", spaces=spaces)  # type: ignore[arg-type]
    assert [t[0] for t in got] == ["two quarters", "the first three quarters", "the year"]


def test_since_does_not_move_the_story() -> None:
    # "lows not seen since October 1982": the story stays on its day, and "the day" is that day
    words, spaces = split(
        "Stocks fell to lows not seen since October 1982. For the day, the index closed down."
    )
    got = tag(words, "2008-10-27", spaces=spaces)  # type: ignore[arg-type]
    assert got == [("October 1982", "DATE", "1982-10"), ("the day", "DATE", "2008-10-27")]


def test_tagger_marks_since_as_the_start_and_records_tokens() -> None:
    doc = hand_doc(["deployed", "since", "last", "fall"], published="2025-06-05")
    TimexTagger(None, "ng_timex")(doc)  # type: ignore[arg-type]
    (timex,) = doc._.ng_timexes
    assert (timex.value, timex.mod, timex.anchor) == ("2024-FA", "START", "2025-06-05")
    assert doc._.ng_token_timex == {2: 0, 3: 0}
    assert doc._.ng_sent_reftime == {}  # where a stretch starts is not when its sentence is


def test_a_span_of_days_ends_after_it_starts() -> None:
    # published on Thursday: "Wednesday through Friday" ends tomorrow; "Wednesday and Friday" are
    # two days, and a bare Friday is the last one
    words = ["mourning", ",", "Wednesday", "through", "Friday", "."]
    assert tag(words, "2020-02-27") == [("Wednesday", "DATE", "2020-02-26"), ("Friday", "DATE", "2020-02-28")]
    words[3] = "and"
    assert tag(words, "2020-02-27") == [("Wednesday", "DATE", "2020-02-26"), ("Friday", "DATE", "2020-02-21")]


def test_a_month_or_the_future_inside_a_name_is_no_time() -> None:
    words = ["Theresa", "May", "met", "McFly", "of", "Back", "to", "the", "Future", "in", "May", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "B-PERSON", "O", "B-WORK_OF_ART", "I-WORK_OF_ART",
            "I-WORK_OF_ART", "I-WORK_OF_ART", "O", "B-DATE", "O"]  # fmt: skip
    assert tag(words, "2019-03-28", ents=ents) == [("May", "DATE", "2019-05")]


def test_tagger_skips_may_the_modal_and_march_the_verb() -> None:
    words = ["They", "may", "march", "in", "May", "."]
    tags = ["PRP", "MD", "VB", "IN", "NNP", "."]
    pos = ["PRON", "AUX", "VERB", "ADP", "PROPN", "PUNCT"]
    heads = [2, 2, 2, 2, 3, 2]
    deps = ["nsubj", "aux", "ROOT", "prep", "pobj", "punct"]
    got = tag(words, "2025-06-05", tags=tags, pos=pos, heads=heads, deps=deps)
    assert got == [("May", "DATE", "2025-05")]


@pytest.mark.parametrize(
    ("words", "tags", "deps", "expected"),
    [
        # "It will soon rise" is ahead of the writing; "Prices soon rose" is shortly after a past time
        (
            ["It", "will", "soon", "rise", "."],
            ["PRP", "MD", "RB", "VB", "."],
            ["nsubj", "aux", "advmod", "ROOT", "punct"],
            [("soon", "DATE", "FUTURE_REF")],
        ),
        (
            ["Prices", "soon", "rose", "."],
            ["NNS", "RB", "VBD", "."],
            ["nsubj", "advmod", "ROOT", "punct"],
            [],
        ),
    ],
)
def test_soon_looks_ahead_only_from_now(
    words: list[str], tags: list[str], deps: list[str], expected: list[tuple[str, str, str]]
) -> None:
    root = deps.index("ROOT")
    pos = [_POS_OF_TAG.get(t, "VERB" if t.startswith("VB") else "AUX" if t == "MD" else "ADV") for t in tags]
    got = tag(words, "2025-06-05", tags=tags, pos=pos, heads=[root] * len(words), deps=deps)
    assert got == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("citing 17 U.S. Code § 1201 ,", []),
        ("under Section 1202 of the act", []),
        ("see page 1998 of the report", []),
        ("the law of 1998 , section 5", [("1998", "DATE", "1998")]),
        ("a 1368 million pounds turnover", []),
        ("sold its roughly 2000 Thai stores", []),
    ],
)
def test_a_section_page_amount_or_count_is_no_year(
    sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    words = sentence.split()
    assert tag(words, "2020-11-17") == expected


@pytest.mark.parametrize(
    ("sentence", "tags", "expected"),
    [
        ("the HP LaserJet 2000 printer", ["DT", "NNP", "NNP", "CD", "NN"], []),
        ("a venture called Orion 1980", ["DT", "NN", "VBN", "NNP", "CD"], []),
        ("the keynote at WWDC 2005", ["DT", "NN", "IN", "NNP", "CD"], [("2005", "DATE", "2005")]),
        ("the U.S. 1987 total", ["DT", "NNP", "CD", "NN"], [("1987", "DATE", "1987")]),
    ],
)
def test_a_number_after_a_name_is_part_of_it(
    sentence: str, tags: list[str], expected: list[tuple[str, str, str]]
) -> None:
    words = sentence.split()
    pos = [
        "PROPN" if t == "NNP" else "NOUN" if t.startswith("NN") else "NUM" if t == "CD" else "X" for t in tags
    ]
    assert tag(words, "2025-06-05", tags=tags, pos=pos) == expected


@pytest.mark.parametrize(
    ("sentence", "tags", "expected"),
    [
        ("a fall in retail sales", ["DT", "NN", "IN", "JJ", "NNS"], []),
        ("its biggest fall since 1987", ["PRP$", "JJS", "NN", "IN", "CD"], [("1987", "DATE", "1987")]),
        ("the fall in prices", ["DT", "NN", "IN", "NNS"], []),
        ("troops left last fall", ["NNS", "VBD", "JJ", "NN"], [("last fall", "DATE", "2024-FA")]),
        ("in the fall of 1998", ["IN", "DT", "NN", "IN", "CD"], [("the fall of 1998", "DATE", "1998-FA")]),
        (
            "they will return in the fall",
            ["PRP", "MD", "VB", "IN", "DT", "NN"],
            [("the fall", "DATE", "2025-FA")],
        ),
    ],
)
def test_fall_the_drop_is_no_season(
    sentence: str, tags: list[str], expected: list[tuple[str, str, str]]
) -> None:
    words = sentence.split()
    pos = ["NOUN" if t.startswith("NN") else "NUM" if t == "CD" else "X" for t in tags]
    assert tag(words, "2025-06-05", tags=tags, pos=pos) == expected


def test_tagger_without_publication_date_keeps_placeholders() -> None:
    assert tag(["on", "Friday"], "") == [("Friday", "DATE", "XXXX-WXX-5")]


def _clause(verb_tag: str, aux: str | None) -> tuple[list[str], dict[str, list]]:
    """ "He [will] leave(s)/left Friday" with its parse."""
    words = ["He", *([aux] if aux else []), "leaves", "Friday"]
    verb = len(words) - 2
    heads = [verb, *([verb] if aux else []), verb, verb]
    deps = ["nsubj", *(["aux"] if aux else []), "ROOT", "npadvmod"]
    tags = ["PRP", *(["MD"] if aux else []), verb_tag, "NNP"]
    pos = ["PRON", *(["AUX"] if aux else []), "VERB", "PROPN"]
    return words, {"heads": heads, "deps": deps, "tags": tags, "pos": pos}


@pytest.mark.parametrize(
    ("verb_tag", "aux", "tense", "value"),
    [
        ("VBD", None, "past", "1998-02-13"),  # "He left Friday": the Friday before
        ("VB", "will", "future", "1998-02-20"),  # "He will leave Friday": the Friday after
        ("VBZ", None, "present_event", "1998-02-20"),  # "He leaves Friday": scheduled, ahead
    ],
)
def test_tense_turns_weekdays(verb_tag: str, aux: str | None, tense: str, value: str) -> None:
    words, kw = _clause(verb_tag, aux)
    doc = hand_doc(words, published="1998-02-19", **kw)
    assert tense_of(doc[len(words) - 1]) == tense
    TimexTagger(None, "ng_timex")(doc)  # type: ignore[arg-type]
    assert doc._.ng_timexes[0].value == value


def test_the_past_of_an_if_clause_is_a_supposition() -> None:
    # "If there came a day when he left, they would know.": a day that may come, not a past one
    doc = _parsed(
        ["If", "there", "came", "a", "day", "when", "he", "left", ",", "they", "would", "know", "."],
        [2, 2, 11, 4, 2, 7, 7, 4, 11, 11, 11, 11, 11],
        [
            "mark",
            "expl",
            "advcl",
            "det",
            "nsubj",
            "advmod",
            "nsubj",
            "relcl",
            "punct",
            "nsubj",
            "aux",
            "ROOT",
            "punct",
        ],
        ["IN", "EX", "VBD", "DT", "NN", "WRB", "PRP", "VBD", ",", "PRP", "MD", "VB", "."],
    )
    assert tense_of(doc[4]) == "conditional"
    assert [(t.text, t.type, t.value) for t in doc._.ng_timexes] == [("a day", "DATE", "FUTURE_REF")]


def test_a_clock_restated_in_parentheses_is_one_time() -> None:
    words = ["at", "10:35", "a.m.", "(", "0735", "GMT", ")", "Friday"]
    got = tag(words, "1998-08-08")
    assert [t for t, _, _ in got] == ["10:35 a.m.", "Friday"]


def test_a_weekday_that_is_not_the_dates_day_is_its_own_timex() -> None:
    # a headline ending "until Friday" over the dateline "September 18, 2008" (a Thursday)
    words = ["closed", "until", "Friday", "\n", "September", "18", ",", "2008"]
    spaces = [True, True, False, False, True, False, True, False]
    got = tag(words, "2008-09-18", spaces=spaces)  # type: ignore[arg-type]
    assert [t for t, _, _ in got] == ["Friday", "September 18, 2008"]
    assert got[1][2] == "2008-09-18"


def test_easter_island_is_a_name() -> None:
    words = ["on", "Easter", "Island", "at", "Easter"]
    pos = ["ADP", "PROPN", "PROPN", "ADP", "PROPN"]
    assert tag(words, "2019-01-12", pos=pos, tags=["IN", "NNP", "NNP", "IN", "NNP"]) == [
        ("Easter", "DATE", "2019-04-21")
    ]


def test_black_monday_is_a_name() -> None:
    assert tag(["since", "Black", "Monday", "in", "1987"], "2007-10-20") == [("1987", "DATE", "1987")]


def _paragraphs(*paragraphs: str) -> tuple[list[str], list[bool]]:
    words: list[str] = []
    spaces: list[bool] = []
    for i, text in enumerate(paragraphs):
        w, sp = split(text)
        if i:
            spaces[-1] = False
            words.append("\n\n")
            spaces.append(False)
        words += w
        spaces += sp
    return words, spaces


def test_the_same_day_after_an_aside_is_the_day_of_the_news() -> None:
    words, spaces = _paragraphs(
        "Shoigu met Kim on Friday.",
        "In June, the court issued a warrant.",
        "On the same day, media showed a site.",
    )
    got = tag(words, "2024-09-13", spaces=spaces)  # type: ignore[arg-type]
    assert got[-1] == ("the same day", "DATE", "2024-09-13")
    # within the paragraph that moved the text to June, "the same day" is a day of June
    words, spaces = _paragraphs(
        "Shoigu met Kim on Friday.", "In June, the court issued a warrant. On the same day, it met."
    )
    got = tag(words, "2024-09-13", spaces=spaces)  # type: ignore[arg-type]
    assert got[-1] == ("the same day", "DATE", "2024-06-XX")


def test_about_a_quarter_of_them_is_a_share() -> None:
    words, spaces = split("to cut 789, or about a quarter, of its dealers within a quarter")
    got = tag(words, "2009-05-14", spaces=spaces)  # type: ignore[arg-type]
    assert [t for t, _, _ in got] == ["a quarter"]


def test_temperatures_in_the_70s_are_no_decade() -> None:
    assert tag(["highs", "in", "the", "70s", "today"], "2025-06-05") == [("today", "DATE", "2025-06-05")]
    assert tag(["cars", "of", "the", "70s"], "2025-06-05") == [("the 70s", "DATE", "197")]


@pytest.mark.parametrize(
    ("words", "heads", "deps", "tags", "published", "expected"),
    [
        # "Stocks have their best week since November": the point a span runs from lies behind
        (
            ["Stocks", "have", "their", "best", "week", "since", "November"],
            [1, 1, 4, 4, 1, 4, 5],
            ["nsubj", "ROOT", "poss", "amod", "dobj", "prep", "pobj"],
            ["NNS", "VBP", "PRP$", "JJS", "NN", "IN", "NNP"],
            "2009-03-13",
            "2008-11",
        ),
        # "Police said on Monday they believe ...", parsed with the day on "believe": the saying is dated
        (
            ["Police", "said", "on", "Monday", "they", "believe", "it"],
            [1, 1, 5, 2, 5, 1, 5],
            ["nsubj", "ROOT", "prep", "pobj", "nsubj", "ccomp", "dobj"],
            ["NNS", "VBD", "IN", "NNP", "PRP", "VBP", "PRP"],
            "2019-09-18",
            "2019-09-16",
        ),
        # "As of February, the store holds 70%": a state measured up to now, not next February
        (
            ["As", "of", "February", ",", "the", "store", "holds", "70", "%", "."],
            [6, 0, 1, 6, 5, 6, 6, 8, 6, 6],
            ["prep", "pcomp", "pobj", "punct", "det", "nsubj", "ROOT", "nummod", "dobj", "punct"],
            ["IN", "IN", "NNP", ",", "DT", "NN", "VBZ", "CD", "NN", "."],
            "2008-04-09",
            "2008-02",
        ),
    ],
)
def test_since_as_of_and_said_on_look_back(
    words: list[str], heads: list[int], deps: list[str], tags: list[str], published: str, expected: str
) -> None:
    pos = [_POS_OF_TAG.get(t, "NOUN") for t in tags]
    lemmas = [{"said": "say", "holds": "hold"}.get(w, w.lower()) for w in words]
    got = tag(words, published, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)
    assert [v for _, _, v in got] == [expected]


_POS_OF_TAG = {"VBP": "VERB", "VBZ": "VERB", "VBD": "VERB", "PRP": "PRON", "PRP$": "PRON", "JJS": "ADJ", "IN": "ADP", "NNP": "PROPN",
               ",": "PUNCT", ".": "PUNCT", "DT": "DET", "CD": "NUM"}  # fmt: skip


def _treaty_doc() -> object:
    words, spaces = split(
        "Kim signed the treaty on June 19, 2024. Kim met Putin yesterday. Officials praised it."
    )
    heads = [1, 1, 3, 1, 1, 4, 5, 5, 5, 1, 11, 11, 11, 11, 11, 16, 16, 16, 16]
    deps = ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "nummod", "punct", "nummod", "punct",
            "nsubj", "ROOT", "dobj", "npadvmod", "punct", "nsubj", "ROOT", "dobj", "punct"]  # fmt: skip
    pos = ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "NUM", "PUNCT", "NUM", "PUNCT",
           "PROPN", "VERB", "PROPN", "NOUN", "PUNCT", "NOUN", "VERB", "PRON", "PUNCT"]  # fmt: skip
    tags = ["NNP", "VBD", "DT", "NN", "IN", "NNP", "CD", ",", "CD", ".",
            "NNP", "VBD", "NNP", "NN", ".", "NNS", "VBD", "PRP", "."]  # fmt: skip
    doc = hand_doc(words, heads=heads, deps=deps, pos=pos, tags=tags, spaces=spaces, published="2025-06-05")
    TimexTagger(None, "ng_timex")(doc)  # type: ignore[arg-type]
    return doc


def test_event_time_from_the_governing_timex() -> None:
    doc = _treaty_doc()
    got = event_time(doc, doc[1])  # type: ignore[index, arg-type]
    assert got is not None and (got.value, got.source) == ("2024-06-19", "text")
    met = event_time(doc, doc[11])  # type: ignore[index, arg-type]
    assert met is not None and (met.value, met.source) == ("2025-06-04", "text")


def test_event_time_of_a_past_event_carries_the_paragraphs_time() -> None:
    # "Kim met Putin yesterday. Officials praised it.": the praise is told in the day in view
    doc = _treaty_doc()
    got = event_time(doc, doc[16])  # type: ignore[index, arg-type]
    assert got is not None and (got.value, got.timex, got.source) == ("2025-06-04", 1, "sentence")


def test_event_time_of_a_wire_story_is_the_day_it_tells_of() -> None:
    # published on the 6th, the story is of the 5th: "Officials praised it." happened then
    words, spaces = _paragraphs("WASHINGTON, June 5 -- Kim met Putin.", "Officials praised it.")
    root = words.index("met")
    second = words.index("praised")
    heads = [root if i < second - 1 else second for i in range(len(words))]
    deps = ["ROOT" if i in (root, second) else "dep" for i in range(len(words))]
    tags = ["VBD" if w in ("met", "praised") else "NNP" for w in words]
    pos = ["VERB" if t == "VBD" else "PROPN" for t in tags]
    doc = hand_doc(words, heads=heads, deps=deps, tags=tags, pos=pos, spaces=spaces, published="2025-06-06")
    TimexTagger(None, "ng_timex")(doc)  # type: ignore[arg-type]
    got = event_time(doc, doc[second])
    assert got is not None and (got.value, got.timex, got.source) == ("2025-06-05", 0, "story")


@pytest.mark.parametrize(
    ("words", "tags", "lemmas"),
    [
        (["Officials", "praised", "it", "."], ["NNS", "VBD", "PRP", "."], ["official", "praise", "it", "."]),
        # what is told in the present, or said, is of the time of writing, not of the sentence's date
        (
            ["Kim", "who", "met", "him", "in", "June", "wants", "peace", "."],
            ["NNP", "WP", "VBD", "PRP", "IN", "NNP", "VBZ", "NN", "."],
            ["Kim", "who", "meet", "he", "in", "June", "want", "peace", "."],
        ),
    ],
)
def test_event_time_falls_back_on_the_publication_date(
    words: list[str], tags: list[str], lemmas: list[str]
) -> None:
    root = tags.index("VBZ") if "VBZ" in tags else 1
    heads = [root] * len(words)
    if root != 1:  # "who met him in June" is a relative clause of "Kim"
        heads[1], heads[2], heads[3], heads[4], heads[5] = 2, 0, 2, 2, 4
    deps = ["ROOT" if i == root else "dep" for i in range(len(words))]
    pos = ["VERB" if t.startswith("VB") else "X" for t in tags]
    doc = hand_doc(words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas, published="2025-06-05")
    TimexTagger(None, "ng_timex")(doc)  # type: ignore[arg-type]
    got = event_time(doc, doc[root])
    assert got is not None and (got.value, got.timex, got.source) == ("2025-06-05", None, "published")


def test_event_time_from_the_sentence() -> None:
    # "Kim spoke and on June 19 Putin left.": the date hangs on "left"; "spoke" gets it from its sentence
    words = ["Kim", "spoke", "and", "on", "June", "19", "Putin", "left", "."]
    heads = [1, 1, 1, 7, 3, 4, 7, 1, 1]
    deps = ["nsubj", "ROOT", "cc", "prep", "pobj", "nummod", "nsubj", "conj", "punct"]
    pos = ["PROPN", "VERB", "CCONJ", "ADP", "PROPN", "NUM", "PROPN", "VERB", "PUNCT"]
    tags = ["NNP", "VBD", "CC", "IN", "NNP", "CD", "NNP", "VBD", "."]
    doc = hand_doc(words, heads=heads, deps=deps, pos=pos, tags=tags, published="2025-06-25")
    TimexTagger(None, "ng_timex")(doc)  # type: ignore[arg-type]
    spoke = event_time(doc, doc[1])
    left = event_time(doc, doc[7])
    assert left is not None and (left.value, left.source) == ("2025-06-19", "text")
    assert spoke is not None and (spoke.value, spoke.timex, spoke.source) == ("2025-06-19", 0, "sentence")


def test_event_time_of_an_event_told_again() -> None:
    # "The visit was in June. / During that visit, Kim signed a treaty." (published in September): the
    # signing, its treaty and "that visit" take June from the visit's first mention, not the publication date
    words, spaces = _paragraphs("The visit was in June.", "During that visit, Kim signed a treaty.")
    # The visit was in June . \n\n During that visit , Kim signed a treaty .
    heads = [1, 2, 2, 2, 3, 2, 2, 12, 9, 7, 12, 12, 12, 14, 12, 12]
    deps = ["det", "nsubj", "ROOT", "prep", "pobj", "punct", "dep", "prep", "det", "pobj", "punct",
            "nsubj", "ROOT", "det", "dobj", "punct"]  # fmt: skip
    tags = ["DT", "NN", "VBD", "IN", "NNP", ".", "_SP", "IN", "DT", "NN", ",", "NNP", "VBD", "DT", "NN", "."]
    pos = ["DET", "NOUN", "AUX", "ADP", "PROPN", "PUNCT", "SPACE", "ADP", "DET", "NOUN", "PUNCT",
           "PROPN", "VERB", "DET", "NOUN", "PUNCT"]  # fmt: skip
    lemmas = [w.lower() for w in words]
    lemmas[2], lemmas[12] = "be", "sign"
    doc = hand_doc(
        words,
        heads=heads,
        deps=deps,
        tags=tags,
        pos=pos,
        lemmas=lemmas,
        spaces=spaces,
        published="2024-09-13",
    )
    TimexTagger(None, "ng_timex")(doc)  # type: ignore[arg-type]
    assert event_time(doc, doc[1]) == EventTime("2024-06", 0, "text")
    assert event_time(doc, doc[12]) == EventTime("2024-06", 0, "sentence")
    assert event_time(doc, doc[9]) == EventTime("2024-06", 0, "sentence")
    assert event_time(doc, doc[14]) == EventTime("2024-06", 0, "sentence")  # the treaty signed then


def _parsed(
    words: list[str],
    heads: list[int],
    deps: list[str],
    tags: list[str],
    spaces: list[bool] | None = None,
    *,
    lemmas: list[str] | None = None,
    published: str = "2025-06-05",
) -> Doc:
    pos = [_POS_OF_TAG.get(t, "VERB" if t.startswith("VB") else "NOUN") for t in tags]
    doc = hand_doc(
        words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas, spaces=spaces, published=published
    )
    TimexTagger(None, "ng_timex")(doc)  # type: ignore[arg-type]
    return doc


def test_a_habit_on_a_weekday_is_a_weekly_set() -> None:
    # "The bank generally holds a tender on Tuesday and pays Wednesday." (a habit, not this week)
    doc = _parsed(
        [
            "The",
            "bank",
            "generally",
            "holds",
            "a",
            "tender",
            "on",
            "Tuesday",
            "and",
            "pays",
            "Wednesday",
            ".",
        ],
        [1, 3, 3, 3, 5, 3, 3, 6, 3, 3, 9, 3],
        ["det", "nsubj", "advmod", "ROOT", "det", "dobj", "prep", "pobj", "cc", "conj", "npadvmod", "punct"],
        ["DT", "NN", "RB", "VBZ", "DT", "NN", "IN", "NNP", "CC", "VBZ", "NNP", "."],
        published="1987-03-04",
    )
    assert [(t.text, t.type, t.value) for t in doc._.ng_timexes] == [
        ("Tuesday", "SET", "XXXX-WXX-2"),
        ("Wednesday", "SET", "XXXX-WXX-3"),
    ]


def test_a_part_of_the_day_told_of_in_the_present_is_of_any_day() -> None:
    # "Clients come in the morning." (a habit, not this morning)
    doc = _parsed(
        ["Clients", "come", "in", "the", "morning", "."],
        [1, 1, 1, 4, 2, 1],
        ["nsubj", "ROOT", "prep", "det", "pobj", "punct"],
        ["NNS", "VBP", "IN", "DT", "NN", "."],
    )
    assert [(t.text, t.type, t.value) for t in doc._.ng_timexes] == [("the morning", "TIME", "XXXX-XX-XXTMO")]


def test_a_weekday_in_brackets_names_the_day_before_it_again() -> None:
    words, spaces = split("funds are credited tomorrow (Thursday).")
    assert tag(words, "1987-03-04", spaces=spaces) == [  # type: ignore[arg-type]
        ("tomorrow", "DATE", "1987-03-05"),
        ("Thursday", "DATE", "1987-03-05"),
    ]


def test_event_time_in_a_when_clause_of_a_time() -> None:
    # "Kim has lived here since 2016, when he arrived.": the arrival is in 2016
    doc = _parsed(
        ["Kim", "has", "lived", "here", "since", "2016", ",", "when", "he", "arrived", "."],
        [2, 2, 2, 2, 2, 4, 5, 9, 9, 5, 2],
        ["nsubj", "aux", "ROOT", "advmod", "prep", "pobj", "punct", "advmod", "nsubj", "relcl", "punct"],
        ["NNP", "VBZ", "VBN", "RB", "IN", "CD", ",", "WRB", "PRP", "VBD", "."],
    )
    assert event_time(doc, doc[9]) == EventTime("2016", 0, "text")


def test_event_time_not_from_the_edge_of_a_stretch() -> None:
    # "Ivanov, who served since 2016, stayed in detention.": 2016 is when his service began, not
    # when he stayed or was detained
    doc = _parsed(
        ["Ivanov", ",", "who", "served", "since", "2016", ",", "stayed", "in", "detention", "."],
        [7, 0, 3, 0, 3, 4, 0, 7, 7, 8, 7],
        ["nsubj", "punct", "nsubj", "relcl", "prep", "pobj", "punct", "ROOT", "prep", "pobj", "punct"],
        ["NNP", ",", "WP", "VBD", "IN", "CD", ",", "VBD", "IN", "NN", "."],
    )
    assert event_time(doc, doc[3]) == EventTime("2016", 0, "text")
    for i in (7, 9):
        assert event_time(doc, doc[i]) == EventTime("2025-06-05", None, "published")


def test_event_time_of_what_a_stretch_runs_from() -> None:
    # "Prices rose on Monday, the most since the crash.": the crash was not on Monday
    doc = _parsed(
        ["Prices", "rose", "on", "Monday", ",", "the", "most", "since", "the", "crash", "."],
        [1, 1, 1, 2, 1, 6, 1, 6, 9, 7, 1],
        ["nsubj", "ROOT", "prep", "pobj", "punct", "det", "npadvmod", "prep", "det", "pobj", "punct"],
        ["NNS", "VBD", "IN", "NNP", ",", "DT", "JJS", "IN", "DT", "NN", "."],
    )
    assert event_time(doc, doc[1]) == EventTime("2025-06-02", 0, "text")
    assert event_time(doc, doc[9]) == EventTime("2025-06-05", None, "published")


def test_event_time_of_what_is_told_in_the_past_or_expected_is_not_ahead() -> None:
    # "She used a speech that NATO meets next month.": the speech is not next month; "They are
    # expected to meet next month": expected now (the meeting itself is governed by its time)
    doc = _parsed(
        ["She", "used", "a", "speech", "that", "NATO", "meets", "next", "month", "."],
        [1, 1, 3, 1, 6, 6, 3, 8, 6, 1],
        ["nsubj", "ROOT", "det", "dobj", "mark", "nsubj", "relcl", "amod", "npadvmod", "punct"],
        ["PRP", "VBD", "DT", "NN", "IN", "NNP", "VBZ", "JJ", "NN", "."],
    )
    assert [t.value for t in doc._.ng_timexes] == ["2025-07"]
    assert event_time(doc, doc[1]) == EventTime("2025-06-05", None, "published")
    doc = _parsed(
        ["They", "are", "expected", "to", "meet", "next", "month", "."],
        [2, 2, 2, 4, 2, 6, 4, 2],
        ["nsubjpass", "auxpass", "ROOT", "aux", "xcomp", "amod", "npadvmod", "punct"],
        ["PRP", "VBP", "VBN", "TO", "VB", "JJ", "NN", "."],
    )
    assert event_time(doc, doc[4]) == EventTime("2025-07", 0, "text")
    assert event_time(doc, doc[2]) == EventTime("2025-06-05", None, "published")


def test_event_time_of_a_past_event_carries_the_paragraphs_week() -> None:
    # "Kim met Putin last week. Officials praised it.": the praise is of that week (a week's value,
    # "2025-W22", is not a date ahead of the publication)
    words, spaces = split("Kim met Putin last week. Officials praised it.")
    heads = [1, 1, 1, 4, 1, 1, 7, 7, 7, 7]
    deps = ["nsubj", "ROOT", "dobj", "amod", "npadvmod", "punct", "nsubj", "ROOT", "dobj", "punct"]
    tags = ["NNP", "VBD", "NNP", "JJ", "NN", ".", "NNS", "VBD", "PRP", "."]
    doc = _parsed(words, heads, deps, tags, spaces)
    assert event_time(doc, doc[7]) == EventTime("2025-W22", 0, "sentence")


def test_event_time_not_from_a_time_that_dates_a_noun_argument() -> None:
    # "The incidents of Aug. 7 show risks.": Aug. 7 dates the incidents, not the showing (told
    # in the present, it is of the time of writing)
    doc = _parsed(
        ["The", "incidents", "of", "Aug.", "7", "show", "risks", "."],
        [1, 5, 1, 2, 3, 5, 5, 5],
        ["det", "nsubj", "prep", "pobj", "nummod", "ROOT", "dobj", "punct"],
        ["DT", "NNS", "IN", "NNP", "CD", "VBZ", "NNS", "."],
    )
    assert event_time(doc, doc[1]) == EventTime("2025-08-07", 0, "text")
    assert event_time(doc, doc[5]) == EventTime("2025-06-05", None, "published")
    # "White is investigating the bombings of Aug. 7.": the investigating goes on now
    doc = _parsed(
        ["White", "is", "investigating", "the", "bombings", "of", "Aug.", "7", "."],
        [2, 2, 2, 4, 2, 4, 5, 6, 2],
        ["nsubj", "aux", "ROOT", "det", "dobj", "prep", "pobj", "nummod", "punct"],
        ["NNP", "VBZ", "VBG", "DT", "NNS", "IN", "NNP", "CD", "."],
    )
    assert event_time(doc, doc[2]) == EventTime("2025-06-05", None, "published")
    assert event_time(doc, doc[4]) == EventTime("2025-08-07", 0, "text")


def test_event_time_of_now_is_the_day_of_writing() -> None:
    # "Officials now say so.": said on the publication day, a date on the calendar
    doc = _parsed(
        ["Officials", "now", "say", "so", "."],
        [2, 2, 2, 2, 2],
        ["nsubj", "advmod", "ROOT", "advmod", "punct"],
        ["NNS", "RB", "VBP", "RB", "."],
    )
    assert event_time(doc, doc[2]) == EventTime("2025-06-05", 0, "text")


def test_event_time_not_from_a_relative_clause_aside() -> None:
    # "Kopp joined the list, which began in 1950.": he did not join in 1950; the list did begin then
    doc = _parsed(
        ["Kopp", "joined", "the", "list", ",", "which", "began", "in", "1950", "."],
        [1, 1, 3, 1, 3, 6, 3, 6, 7, 1],
        ["nsubj", "ROOT", "det", "dobj", "punct", "nsubj", "relcl", "prep", "pobj", "punct"],
        ["NNP", "VBD", "DT", "NN", ",", "WDT", "VBD", "IN", "CD", "."],
    )
    assert event_time(doc, doc[6]) == EventTime("1950", 0, "text")
    assert event_time(doc, doc[3]) == EventTime("1950", 0, "sentence")
    assert event_time(doc, doc[1]) == EventTime("2025-06-05", None, "published")


def test_event_time_of_a_noun_told_in_the_past_of_a_story_of_yesterday() -> None:
    # "On March 12 NATO grew. Before the ceremony Solana spoke.", published on the 13th
    words, spaces = split("On March 12 NATO grew. Before the ceremony Solana spoke.")
    heads = [4, 0, 1, 4, 4, 4, 10, 8, 6, 10, 10, 10]
    deps = [
        "prep",
        "pobj",
        "nummod",
        "nsubj",
        "ROOT",
        "punct",
        "prep",
        "det",
        "pobj",
        "nsubj",
        "ROOT",
        "punct",
    ]
    tags = ["IN", "NNP", "CD", "NNP", "VBD", ".", "IN", "DT", "NN", "NNP", "VBD", "."]
    doc = _parsed(words, heads, deps, tags, spaces, published="1999-03-13")
    assert event_time(doc, doc[8]) == EventTime("1999-03-12", 0, "story")
    # "... Solana spoke, praising members.": the praise is of that day too
    words, spaces = split("On March 12 NATO grew. Solana spoke, praising members.")
    heads = [4, 0, 1, 4, 4, 4, 7, 7, 7, 7, 9, 7]
    deps = [
        "prep",
        "pobj",
        "nummod",
        "nsubj",
        "ROOT",
        "punct",
        "nsubj",
        "ROOT",
        "punct",
        "advcl",
        "dobj",
        "punct",
    ]
    tags = ["IN", "NNP", "CD", "NNP", "VBD", ".", "NNP", "VBD", ",", "VBG", "NNS", "."]
    doc = _parsed(words, heads, deps, tags, spaces, published="1999-03-13")
    assert event_time(doc, doc[9]) == EventTime("1999-03-12", 0, "story")


def test_event_time_of_an_event_named_again_by_a_noun() -> None:
    # "Slepian was killed on October 23. Police study the killing.": the killing is of October 23;
    # the studying, told in the present, is of the publication date
    words, spaces = split("Slepian was killed on October 23. Police study the killing.")
    heads = [2, 2, 2, 2, 3, 4, 2, 8, 8, 10, 8, 8]
    deps = [
        "nsubjpass",
        "auxpass",
        "ROOT",
        "prep",
        "pobj",
        "nummod",
        "punct",
        "nsubj",
        "ROOT",
        "det",
        "dobj",
        "punct",
    ]
    tags = ["NNP", "VBD", "VBN", "IN", "NNP", "CD", ".", "NNS", "VBP", "DT", "NN", "."]
    lemmas = ["Slepian", "be", "kill", "on", "October", "23", ".", "police", "study", "the", "killing", "."]
    doc = _parsed(words, heads, deps, tags, spaces, lemmas=lemmas, published="1998-11-20")
    assert event_time(doc, doc[2]) == EventTime("1998-10-23", 0, "text")
    assert event_time(doc, doc[10]) == EventTime("1998-10-23", 0, "sentence")
    assert event_time(doc, doc[8]) == EventTime("1998-11-20", None, "published")
    # "Putin visited Pyongyang in June. The visit comes amid talks.": a visit said to be happening
    # is this one, not June's
    words, spaces = split("Putin visited Pyongyang in June. The visit comes amid talks.")
    heads = [1, 1, 1, 1, 3, 1, 7, 8, 8, 8, 9, 8]
    deps = ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct", "det", "nsubj", "ROOT", "prep", "pobj", "punct"]
    tags = ["NNP", "VBD", "NNP", "IN", "NNP", ".", "DT", "NN", "VBZ", "IN", "NNS", "."]
    lemmas = ["Putin", "visit", "Pyongyang", "in", "June", ".", "the", "visit", "come", "amid", "talk", "."]
    doc = _parsed(words, heads, deps, tags, spaces, lemmas=lemmas, published="2024-09-13")
    assert event_time(doc, doc[1]) == EventTime("2024-06", 0, "text")
    assert event_time(doc, doc[7]) == EventTime("2024-09-13", None, "published")


def test_event_time_without_any_date() -> None:
    doc = hand_doc(["Kim", "spoke"], published=None)
    TimexTagger(None, "ng_timex")(doc)  # type: ignore[arg-type]
    assert event_time(doc, doc[1]) is None


@pytest.mark.model
def test_seed_article_timexes_and_event_times(nlp: Language) -> None:
    article = parse_text_file(SEED.read_text(encoding="utf-8"), "seed")
    gold = json.loads(Path(str(SEED).replace(".txt", ".gold.json")).read_text(encoding="utf-8"))
    doc = nlp(make_doc(nlp, article.text, article.published))
    found = {(t.text, t.value) for t in doc._.ng_timexes}
    for g in gold["timexes"]:
        assert (g["text"], g["value"]) in found
    fall = next(t for t in doc._.ng_timexes if t.text == "last fall")
    assert fall.mod == "START"
    times = {(e.trigger.text, e.time.value) for e in doc._.ng_events if e.time is not None}
    assert ("signed", "2024-06-19") in times
    assert ("incursion", "2024-08") in times
    assert ("arrest warrant", "2024-06-25") in times


def test_holidays_named_with_day_and_titles_that_are_no_dates() -> None:
    words, spaces = split("He came on Thanksgiving Day and spoke on ABC's This Week show.")
    got = tag(words, "1999-12-01", spaces=spaces)  # type: ignore[arg-type]
    assert [(t, v) for t, _, v in got] == [("Thanksgiving Day", "1999-11-25")]


def test_a_year_named_in_the_clause_moves_a_bare_month() -> None:
    # "In 1996 he moved to Paris in March." : both dates hang on "moved"
    words, spaces = split("In 1996 he moved to Paris in March.")
    heads = [3, 0, 3, 3, 3, 4, 3, 6, 3]
    deps = ["prep", "pobj", "nsubj", "ROOT", "prep", "pobj", "prep", "pobj", "punct"]
    pos = ["ADP", "NUM", "PRON", "VERB", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"]
    tags = ["IN", "CD", "PRP", "VBD", "IN", "NNP", "IN", "NNP", "."]
    got = tag(words, "2025-06-05", heads=heads, deps=deps, pos=pos, tags=tags, spaces=spaces)  # type: ignore[arg-type]
    assert got == [("1996", "DATE", "1996"), ("March", "DATE", "1996-03")]


def test_rates_are_no_timexes_but_frequencies_are_sets() -> None:
    words, spaces = split(
        "Sales rise 8.5% annually, it pays $1.76 a year, chips run 15 million instructions per second "
        "and flights leave twice a week. Average daily volume fell."
    )
    got = tag(words, "1999-02-10", spaces=spaces)  # type: ignore[arg-type]
    assert got == [("a week", "SET", "P1W")]
    words, spaces = split("He works three days a week.")
    got = tag(words, "1999-02-10", spaces=spaces)  # type: ignore[arg-type]
    assert got == [("three days", "DURATION", "P3D"), ("a week", "SET", "P1W")]


def test_a_year_earlier_of_the_quarter_or_of_the_months_to_date() -> None:
    words, spaces = split("Third-quarter net rose to $5 million from $4 million a year earlier.")
    got = tag(words, "1989-10-26", spaces=spaces)  # type: ignore[arg-type]
    assert got == [("Third-quarter", "DATE", "1989-Q3"), ("a year earlier", "DATE", "1988-Q3")]
    # the nine months to date compared with the same months of last year: the year, not the quarter
    words, spaces = split(
        "Third-quarter net rose; for the nine months, net rose to $9 million from $8 million a year earlier."
    )
    got = tag(words, "1989-10-26", spaces=spaces)  # type: ignore[arg-type]
    assert got == [
        ("Third-quarter", "DATE", "1989-Q3"),
        ("the nine months", "DURATION", "P9M"),
        ("a year earlier", "DATE", "1988"),
    ]
    # a sentence that names its year compares with the year before that, not with the quarter
    words, spaces = split(
        "Fourth-quarter net fell. Net for 1986 fell to $101 million from $199 million a year earlier, "
        "and costs to $9 million from $11 million the year before."
    )
    got = tag(words, "1987-03-03", spaces=spaces)  # type: ignore[arg-type]
    assert got == [
        ("Fourth-quarter", "DATE", "1986-Q4"),
        ("1986", "DATE", "1986"),
        ("a year earlier", "DATE", "1985"),
        ("the year before", "DATE", "1985"),
    ]


def test_a_part_of_the_day_is_of_the_last_day_told_of() -> None:
    words, spaces = split(
        "Shares fell on Friday. Sales rose in June. Dealers bought in the morning, "
        "sold in morning trading and left by late afternoon, in their morning coats."
    )
    assert tag(words, "1989-10-30", spaces=spaces) == [  # type: ignore[arg-type]
        ("Friday", "DATE", "1989-10-27"),
        ("June", "DATE", "1989-06"),
        ("the morning", "TIME", "1989-10-27TMO"),
        ("morning", "TIME", "1989-10-27TMO"),
        ("late afternoon", "TIME", "1989-10-27TAF"),
    ]


def test_the_day_before_or_after_is_of_the_last_day_told_of() -> None:
    words, spaces = split(
        "On Thursday, Cengiz spoke in New York. Khashoggi was killed last October. "
        "The previous day, PBS aired a film."
    )
    assert tag(words, "2019-09-29", spaces=spaces) == [  # type: ignore[arg-type]
        ("Thursday", "DATE", "2019-09-26"),
        ("last October", "DATE", "2018-10"),
        ("The previous day", "DATE", "2019-09-25"),
    ]


def test_a_length_told_in_parts_is_one_duration() -> None:
    words, spaces = split(
        "He ran 1 hour 59 minutes 40.2 seconds, served 15 years, 8 months on 24-hour, 7-day shifts "
        "and was held for two months, a day after his arrest."
    )
    assert tag(words, "2019-10-13", spaces=spaces) == [  # type: ignore[arg-type]
        ("1 hour 59 minutes 40.2 seconds", "DURATION", "PT1H59M40.2S"),
        ("15 years, 8 months", "DURATION", "P15Y8M"),
        ("24-hour", "DURATION", "PT24H"),
        ("7-day", "DURATION", "P7D"),
        ("two months", "DURATION", "P2M"),
        ("a day", "DURATION", "P1D"),
    ]


def test_names_idioms_and_parts_of_days_that_are_no_timexes() -> None:
    words, spaces = split(
        "Now for VOA Today at high noon, the future of our peoples, and the early hours of Thursday morning."
    )
    got = tag(words, "1999-02-10", spaces=spaces)  # type: ignore[arg-type]
    assert got == [("Now", "DATE", "PRESENT_REF"), ("Thursday morning", "DATE", "1999-02-04")]


def test_a_second_day_joined_to_a_date() -> None:
    words, spaces = split("The summit is on April 24 and 25 and the vote on May 5 and 6 percent.")
    got = tag(words, "1999-02-10", spaces=spaces)  # type: ignore[arg-type]
    assert got == [
        ("April 24", "DATE", "1999-04-24"),
        ("25", "DATE", "1999-04-25"),
        ("May 5", "DATE", "1999-05-05"),
    ]


def test_week_of_a_date_and_spelled_out_days() -> None:
    words, spaces = split(
        "A hearing the week of March 6 follows this coming Sunday, March fifth, and March the ninth."
    )
    got = tag(words, "2000-02-24", spaces=spaces)  # type: ignore[arg-type]
    assert got == [
        ("the week of March 6", "DATE", "2000-W10"),
        ("this coming Sunday, March fifth", "DATE", "2000-03-05"),
        ("March the ninth", "DATE", "2000-03-09"),
    ]


def test_a_day_naming_a_thing_takes_the_nearest() -> None:
    # "The move follows Tuesday's declaration.": a present verb, but the declaration is behind
    words = ["The", "move", "follows", "Tuesday", "'s", "declaration", "."]
    heads = [1, 2, 2, 5, 3, 2, 2]
    deps = ["det", "nsubj", "ROOT", "poss", "case", "dobj", "punct"]
    pos = ["DET", "NOUN", "VERB", "PROPN", "PART", "NOUN", "PUNCT"]
    tags = ["DT", "NN", "VBZ", "NNP", "POS", "NN", "."]
    got = tag(words, "1989-10-27", heads=heads, deps=deps, pos=pos, tags=tags)
    assert got == [("Tuesday", "DATE", "1989-10-24")]


def test_is_to_is_ahead_and_had_been_due_to_is_behind() -> None:
    # "It is to resume trading Tuesday." / "It had been due to expire Friday."
    words = ["It", "is", "to", "resume", "trading", "Tuesday", "."]
    heads = [1, 1, 3, 1, 3, 3, 1]
    deps = ["nsubj", "ROOT", "aux", "xcomp", "dobj", "npadvmod", "punct"]
    pos = ["PRON", "AUX", "PART", "VERB", "NOUN", "PROPN", "PUNCT"]
    tags = ["PRP", "VBZ", "TO", "VB", "NN", "NNP", "."]
    lemmas = ["it", "be", "to", "resume", "trading", "Tuesday", "."]
    got = tag(words, "1989-10-27", heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    assert got == [("Tuesday", "DATE", "1989-10-31")]
    words = ["It", "had", "been", "due", "to", "expire", "Friday", "."]
    heads = [2, 2, 2, 2, 5, 3, 5, 2]
    deps = ["nsubj", "aux", "ROOT", "acomp", "aux", "xcomp", "npadvmod", "punct"]
    pos = ["PRON", "AUX", "AUX", "ADJ", "PART", "VERB", "PROPN", "PUNCT"]
    tags = ["PRP", "VBD", "VBN", "JJ", "TO", "VB", "NNP", "."]
    lemmas = ["it", "have", "be", "due", "to", "expire", "Friday", "."]
    got = tag(words, "1989-10-30", heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    assert got == [("Friday", "DATE", "1989-10-27")]


def test_generic_today_and_one_day() -> None:
    # "in today's world": the present in general, no timex; "Islam will one day be ...": some day ahead
    words = ["in", "today", "'s", "world", "."]
    heads = [0, 3, 1, 0, 0]
    deps = ["ROOT", "poss", "case", "pobj", "punct"]
    pos = ["ADP", "NOUN", "PART", "NOUN", "PUNCT"]
    tags = ["IN", "NN", "POS", "NN", "."]
    assert tag(words, "1998-04-24", heads=heads, deps=deps, pos=pos, tags=tags) == []
    # a day's editions are of that day
    words = ["in", "today", "'s", "editions", "."]
    assert tag(words, "1989-11-02", heads=heads, deps=deps, pos=pos, tags=tags) == [
        ("today", "DATE", "1989-11-02")
    ]
    words = ["Islam", "will", "one", "day", "be", "first", "."]
    heads = [4, 4, 3, 4, 4, 4, 4]
    deps = ["nsubj", "aux", "nummod", "npadvmod", "ROOT", "attr", "punct"]
    pos = ["PROPN", "AUX", "NUM", "NOUN", "AUX", "ADJ", "PUNCT"]
    tags = ["NNP", "MD", "CD", "NN", "VB", "JJ", "."]
    assert tag(words, "1998-03-03", heads=heads, deps=deps, pos=pos, tags=tags) == [
        ("one day", "DATE", "FUTURE_REF")
    ]


def test_a_daily_that_is_a_newspaper_is_no_timex() -> None:
    # "The state-run daily said flights leave daily." / "People 's Daily": a newspaper, then a set
    words = ["The", "state", "-", "run", "daily", "said", "flights", "leave", "daily", "."]
    pos = ["DET", "NOUN", "PUNCT", "VERB", "ADV", "VERB", "NOUN", "VERB", "ADV", "PUNCT"]
    tags = ["DT", "NN", "HYPH", "VBN", "RB", "VBD", "NNS", "VBP", "RB", "."]
    assert tag(words, "2000-01-28", pos=pos, tags=tags) == [("daily", "SET", "P1D")]
    words = [
        "A",
        "Paris",
        "daily",
        ",",
        "the",
        "People",
        "'s",
        "Daily",
        "and",
        "the",
        "daily",
        "tally",
        "agree",
        ".",
    ]
    spaces = [True, True, False, True, True, False, True, True, True, True, True, True, False, False]
    pos = [
        "DET",
        "PROPN",
        "ADV",
        "PUNCT",
        "DET",
        "PROPN",
        "PART",
        "PROPN",
        "CCONJ",
        "DET",
        "ADJ",
        "NOUN",
        "VERB",
        "PUNCT",
    ]
    tags = ["DT", "NNP", "RB", ",", "DT", "NNPS", "POS", "NNP", "CC", "DT", "JJ", "NN", "VBP", "."]
    got = tag(words, "2000-01-28", pos=pos, tags=tags, spaces=spaces)  # type: ignore[arg-type]
    assert got == [("daily", "SET", "P1D")]


def test_a_range_of_durations_is_tagged_at_both_ends() -> None:
    words, spaces = split(
        "It takes two to six days, or between 60 and 90 days, but the next 12 to 18 months."
    )
    got = tag(words, "1998-03-31", spaces=spaces)  # type: ignore[arg-type]
    assert got == [
        ("two", "DURATION", "P2D"),
        ("six days", "DURATION", "P6D"),
        ("60", "DURATION", "P60D"),
        ("90 days", "DURATION", "P90D"),
        ("the next 12 to 18 months", "DURATION", "PXM"),  # a stretch ahead, one expression
    ]


def test_the_day_after_an_aside_about_a_month_is_the_day_told_of() -> None:
    words, spaces = split(
        "Stocks rose on Friday despite a report that jobs were lost in March. The index ended the day higher."
    )
    got = tag(words, "2009-04-04", spaces=spaces)  # type: ignore[arg-type]
    assert got == [
        ("Friday", "DATE", "2009-04-03"),
        ("March", "DATE", "2009-03"),
        ("the day", "DATE", "2009-04-03"),
    ]


def test_final_days_and_ages_are_no_times() -> None:
    words, spaces = split(
        "A man in his forties spoke on the last day, and on the last night; "
        "a woman in her early thirties left last night."
    )
    got = tag(words, "2019-08-06", spaces=spaces)  # type: ignore[arg-type]
    assert got == [("last night", "TIME", "2019-08-05TNI")]


def test_a_quarter_century_and_a_count_in_words_are_no_times() -> None:
    words, spaces = split("Toronto marked the quarter century anniversary of its fair.")
    assert tag(words, "2019-09-02", spaces=spaces) == []  # type: ignore[arg-type]
    words = ["It", "hit", "two", "thousand", "degrees", "in", "two", "thousand", "and", "one", "."]
    heads = [1, 1, 3, 4, 1, 1, 7, 5, 7, 7, 1]
    deps = ["nsubj", "ROOT", "compound", "nummod", "dobj", "prep", "compound", "pobj", "cc", "conj", "punct"]
    pos = ["PRON", "VERB", "NUM", "NUM", "NOUN", "ADP", "NUM", "NUM", "CCONJ", "NUM", "PUNCT"]
    tags = ["PRP", "VBD", "CD", "CD", "NNS", "IN", "CD", "CD", "CC", "CD", "."]
    got = tag(words, "2019-09-02", heads=heads, deps=deps, pos=pos, tags=tags)
    assert got == [("two thousand and one", "DATE", "2001")]


def test_a_weekday_in_a_name_is_no_day() -> None:
    words = ["The", "Sunday", "Times", "said", "so", "on", "Sunday", "."]
    ents = ["O", "B-ORG", "I-ORG", "O", "O", "O", "B-DATE", "O"]
    assert tag(words, "2019-12-14", ents=ents) == [("Sunday", "DATE", "2019-12-08")]
