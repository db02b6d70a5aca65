"""Laying an extraction over its text: proper nesting, split crossings, nothing lost, hover notes."""

from __future__ import annotations

from newsgraph.web.highlight import Mark, Node, describe_timex, figure_text, marks_for, nest, number


def flatten(nodes: list[Node]) -> str:
    return "".join(n.text if n.mark is None else flatten(n.children) for n in nodes)


def check_nesting(nodes: list[Node], start: int, end: int) -> None:
    pos = start
    for n in nodes:
        assert n.start == pos and start <= n.start < n.end <= end
        if n.mark is not None:
            check_nesting(n.children, n.start, n.end)
        pos = n.end
    assert pos == end


def marks_of(nodes: list[Node], kind: str) -> list[tuple[int, int]]:
    out = []
    for n in nodes:
        if n.mark is not None:
            if n.mark.kind == kind:
                out.append((n.start, n.end))
            out += marks_of(n.children, kind)
    return out


TEXT = "Police arrested 12 protesters in Chisinau on Friday, the ministry said."


def test_nest_keeps_every_character_and_nests_properly() -> None:
    marks = [
        Mark(0, 51, "claim", "mk claim", "claim"),
        Mark(16, 18, "figure", "mk fig", "12"),
        Mark(32, 40, "entity", "mk ent", "Chisinau", href="/ui/entities/3"),
        Mark(44, 50, "timex", "mk timex", "Friday"),
        Mark(7, 15, "trigger", "mk trig", "arrested", anchor="e0"),
    ]
    nodes = nest(TEXT, marks)
    assert flatten(nodes) == TEXT
    check_nesting(nodes, 0, len(TEXT))
    claim = next(n for n in nodes if n.mark and n.mark.kind == "claim")
    assert {c.mark.kind for c in claim.children if c.mark} == {"figure", "entity", "timex", "trigger"}


def test_crossing_spans_are_split_and_anchor_only_the_first_piece() -> None:
    # a date phrase that starts inside a claim and runs past its end
    marks = [
        Mark(0, 20, "claim", "mk claim", "c", anchor="c0"),
        Mark(15, 30, "timex", "mk timex", "t", anchor="t0"),
    ]
    nodes = nest(TEXT, marks)
    assert flatten(nodes) == TEXT
    check_nesting(nodes, 0, len(TEXT))
    assert marks_of(nodes, "timex") == [(15, 20), (20, 30)]
    pieces = [n for n in nodes[0].children if n.mark] + [
        n for n in nodes if n.mark and n.mark.kind == "timex"
    ]
    assert [p.first for p in pieces] == [True, False]


def test_links_never_nest() -> None:
    marks = [Mark(0, 20, "entity", "e", "outer", href="/a"), Mark(5, 10, "entity", "e", "inner", href="/b")]
    (outer,) = [n for n in nest(TEXT, marks) if n.mark]
    inner = next(n for n in outer.children if n.mark)
    assert outer.link and not inner.link


def test_empty_and_out_of_range_marks_are_dropped() -> None:
    nodes = nest("abc", [Mark(2, 2, "entity", "e", "empty"), Mark(1, 99, "timex", "t", "clipped")])
    assert flatten(nodes) == "abc"
    assert marks_of(nodes, "timex") == [(1, 3)]
    assert marks_of(nodes, "entity") == []


def test_marks_for_a_result_cover_every_kind_with_notes() -> None:
    result = {
        "text": TEXT,
        "entities": [{"id": "E1", "name": "Chisinau", "type": "GPE", "kb": {"iso": "MD"},
                      "mentions": [{"start": 32, "end": 40, "text": "Chisinau", "label": "GPE"}]}],
        "timexes": [{"start": 44, "end": 50, "text": "Friday", "type": "DATE", "value": "2025-04-11"}],
        "quantities": [{"start": 16, "end": 18, "text": "12", "value": 12.0, "unit": "protesters",
                        "bound": "lower", "about": None}],
        "claims": [{"source": {"start": 53, "end": 65, "text": "the ministry", "entity": None},
                    "cue": {"start": 66, "end": 70, "text": "said"},
                    "content": {"start": 0, "end": 51, "text": TEXT[:51]}, "direct": False,
                    "hedges": ["reportedly"]}],
        "events": [{"type": "COERCE", "category": "ARREST", "trigger": {"start": 7, "end": 15, "text": "arrested"},
                    "actor": None, "target": None, "place": "E1", "time": {"value": "2025-04-11"},
                    "modality": "reported", "negated": False,
                    "sentence": {"start": 0, "end": len(TEXT), "text": TEXT}}],
    }  # fmt: skip
    marks = {m.kind: m for m in marks_for(result, {"E1": 7}, focus=("event", 0))}
    assert set(marks) == {"entity", "timex", "figure", "claim", "cue", "source", "trigger", "focus"}
    assert marks["entity"].href == "/ui/entities/7" and "iso:MD" in marks["entity"].tip
    assert "2025-04-11" in marks["timex"].tip and "11 April 2025" in marks["timex"].tip
    assert "at least 12 protesters" in marks["figure"].tip
    assert "the ministry" in marks["claim"].tip and "reportedly" in marks["claim"].tip
    assert "COERCE/ARREST" in marks["trigger"].tip and "at Chisinau" in marks["trigger"].tip
    assert (marks["focus"].start, marks["focus"].end, marks["focus"].anchor) == (0, len(TEXT), "focus")
    nodes = nest(TEXT, list(marks.values()))
    assert flatten(nodes) == TEXT
    check_nesting(nodes, 0, len(TEXT))


def test_marks_lead_to_the_graph() -> None:
    text = "Rusu met Popa."
    result = {
        "text": text,
        "entities": [{"id": "E1", "name": "Rusu", "type": "PERSON",
                      "mentions": [{"start": 0, "end": 4, "text": "Rusu", "label": "PERSON"}]}],
        "events": [{"type": "CONSULT", "trigger": {"start": 5, "end": 8, "text": "met"}, "actor": "E1"},
                   {"type": "CONSULT", "trigger": {"start": 5, "end": 8, "text": "met"}}],
    }  # fmt: skip
    merged = {0: {"event": 22, "reports": 3, "articles": 2}, 1: {"event": 23, "reports": 1, "articles": 1}}
    marks = marks_for(result, {"E1": 2}, merged=merged, resolved={"E1": "Elena Rusu"})
    entity, told_twice, once = marks
    assert entity.tip == "Rusu → Elena Rusu (PERSON)" and entity.href == "/ui/entities/2"
    assert told_twice.href == "/ui/events/22" and "reported in 2 articles (3 reports)" in told_twice.tip
    assert once.href == "/ui/events/23" and "reported in" not in once.tip


def test_figures_in_words() -> None:
    assert number(50_000_000_000) == "50,000,000,000" and number(0.35) == "0.35" and number(12.0) == "12"
    assert figure_text({"value": 12000, "unit": "troops", "bound": "upper"}) == "at most 12,000 troops"
    assert figure_text({"value": 10, "high": 15, "unit": None, "bound": "range"}) == "10 to 15 (no unit)"


def test_focus_leaves_out_trailing_blank_lines_and_bad_indexes() -> None:
    text = "One sentence.\n\nNext."
    result = {"events": [{"type": "OTHER", "trigger": {"start": 4, "end": 12, "text": "sentence"},
                          "sentence": {"start": 0, "end": 15, "text": "One sentence.\n\n"}}]}  # fmt: skip
    (focus,) = [m for m in marks_for(result, {}, focus=("event", 0)) if m.kind == "focus"]
    assert text[focus.start : focus.end] == "One sentence."
    assert not [m for m in marks_for(result, {}, focus=("event", 5)) if m.kind == "focus"]
    assert not [m for m in marks_for(result, {}, focus=("claim", 0)) if m.kind == "focus"]


def test_describe_timex() -> None:
    assert describe_timex("2025-06-05") == "5 June 2025"
    assert describe_timex("2024-08") == "August 2024"
    assert describe_timex("2024-FA") == "autumn 2024"
    assert describe_timex("2024") == "2024"
    assert describe_timex("P1M") == "a duration: P1M"
    assert describe_timex("PRESENT_REF") == "now"
    assert describe_timex("XXXX-XX-XX") == "not resolved"
    assert describe_timex("2025-Q2") == "quarter 2 of 2025"
    assert describe_timex("2025-13-40") == "2025-13-40"  # malformed: shown as it is
    assert describe_timex("199") == "the 1990s"
    assert describe_timex("19") == "the 20th century"
    assert describe_timex("BC0481") == "481 BC"
    assert describe_timex("MA65") == "65 million years ago"
