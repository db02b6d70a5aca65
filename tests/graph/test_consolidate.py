from __future__ import annotations

from pathlib import Path
from typing import Any

from newsgraph.graph.synthetic import build
from newsgraph.model import ArticleResult
from newsgraph.store.sqlite import SQLiteStore
from tests.graph.worlds import item, people, store_with, treaty, troops


def _canon(store: SQLiteStore, name: str) -> int:
    found = store.find_entities(name)
    assert found, name
    return int(store.graph_entity(int(found[0]["id"]))["id"])  # type: ignore[index]


def test_variant_names_become_one_entity_with_evidence(tmp_path: Path) -> None:
    store = store_with(tmp_path, people(), batch=1)
    z = store.graph_entity(store.find_entities("Zelenskyy")[0]["id"])
    assert z is not None
    names = {m["name"] for m in z["members"]}
    assert names == {"Volodymyr Zelensky", "Zelenskyy", "Volodymyr Zelenskiy", "President Zelensky"}
    assert z["name"] in {"Volodymyr Zelensky", "Volodymyr Zelenskiy"}
    assert len(z["merges"]) == 3
    assert all(m["rule"] and m["evidence"]["names"] for m in z["merges"])
    assert {"Zelenskyy", "President Zelensky"} <= set(z["aliases"])
    assert z["articles"] == 4
    # the council under two names
    assert _canon(store, "Russian Security Council") == _canon(store, "Security Council of Russia")


def test_people_sharing_a_surname_stay_apart_and_context_decides(tmp_path: Path) -> None:
    store = store_with(tmp_path, people(), batch=1)
    jong_un, yo_jong = _canon(store, "Kim Jong Un"), _canon(store, "Kim Yo Jong")
    assert jong_un != yo_jong
    # "Kim" in Pyongyang with a Russian delegation: the context (Pyongyang) points to Kim Jong Un
    assert _canon(store, "Kim") == jong_un
    merge = next(m for m in store.graph_entity(jong_un)["merges"] if m["rule"] == "partial")  # type: ignore[index]
    assert merge["evidence"]["shared_context"]


def test_surname_alone_without_context_is_not_merged(tmp_path: Path) -> None:
    results = [
        *people()[4:6],
        build("k9", "Kim spoke.", published="2024-07-01", entities=[("E1", "Kim", "PERSON")]),
    ]
    store = store_with(tmp_path, results, batch=1)
    kim = _canon(store, "Kim")
    assert kim not in {_canon(store, "Kim Jong Un"), _canon(store, "Kim Yo Jong")}


def test_undo_splits_and_blocks_remerge(tmp_path: Path) -> None:
    store = store_with(tmp_path, people(), batch=1)
    council = _canon(store, "Russian Security Council")
    merge = store.graph_entity(council)["merges"][0]  # type: ignore[index]
    moved = store.undo_merge(int(merge["id"]))
    assert moved
    assert _canon(store, "Russian Security Council") != _canon(store, "Security Council of Russia")
    undone = store.graph_entity(council)["merges"]  # type: ignore[index]
    assert undone and undone[0]["undone_at"]
    # a new article naming it again does not bring the merge back
    store.add_batch([item(build("s3", "The Security Council of Russia met again.", published="2024-07-01",
                                entities=[("E1", "Security Council of Russia", "ORG")]))])  # fmt: skip
    assert _canon(store, "Russian Security Council") != _canon(store, "Security Council of Russia")
    # and a merge by hand is recorded as such
    mid = store.merge_entities(
        _canon(store, "Russian Security Council"), _canon(store, "Security Council of Russia")
    )
    assert mid is not None
    assert _canon(store, "Russian Security Council") == _canon(store, "Security Council of Russia")


def _node_of(store: SQLiteStore, article_id: str, idx: int = 0) -> dict[str, Any]:
    row = store.sql_rows(
        "SELECT group_id FROM event_members WHERE article_id = ? AND idx = ?", (article_id, idx)
    )
    node = store.graph_event(int(row[0]["group_id"]))
    assert node is not None
    return node


def test_treaty_reported_three_times_is_one_event_with_both_dates(tmp_path: Path) -> None:
    store = store_with(tmp_path, treaty(), batch=1)
    node = _node_of(store, "t1")
    assert node["reports"] == 3 and node["articles"] == 3 and node["sources"] == 3
    assert {r["article_id"] for r in node["reports_detail"]} == {"t1", "t2", "t3"}
    assert node["date_value"] == "2024-06-19"
    assert node["dates"] == 2
    assert [(d["date_value"], d["reports"]) for d in node["dates_given"]] == [
        ("2024-06-19", 2),
        ("2024-06-18", 1),
    ]
    late = next(r for r in node["reports_detail"] if r["article_id"] == "t3")
    assert late["date_value"] == "2024-06-18" and late["evidence"]["dates_disagree_days"] == 1
    assert all(r["sentence"] for r in node["reports_detail"])
    # the gas deal with China is another event
    assert _node_of(store, "t4")["id"] != node["id"]


def test_events_merge_the_same_whatever_the_batch_size(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = store_with(tmp_path / "a", treaty(), batch=1)
    many = store_with(tmp_path / "b", treaty(), batch=10)

    def partition(store: SQLiteStore) -> set[frozenset[tuple[str, int]]]:
        groups: dict[int, set[tuple[str, int]]] = {}
        for r in store.sql_rows("SELECT article_id, idx, group_id FROM event_members"):
            groups.setdefault(r["group_id"], set()).add((r["article_id"], r["idx"]))
        return {frozenset(g) for g in groups.values()}

    assert partition(one) == partition(many)
    assert len(partition(one)) == 2


def test_timeline_follows_merged_entities_and_events(tmp_path: Path) -> None:
    store = store_with(tmp_path, treaty(), batch=1)
    items = store.graph_timeline(store.find_entities("North Korea")[0]["id"])
    events = [i for i in items if i["kind"] == "event"]
    assert len(events) == 1 and events[0]["reports"] == 3 and events[0]["sentence"]
    russia = [i for i in store.graph_timeline(store.find_entities("Russia")[0]["id"]) if i["kind"] == "event"]
    assert [e["date_sort"] for e in russia] == ["2024-05-15", "2024-06-19"]


def test_ledger_groups_figures_and_flags_disagreement(tmp_path: Path) -> None:
    store = store_with(tmp_path, troops(), batch=1)
    ledger = store.ledger(about=store.find_entities("North Korea")[0]["id"])
    (group,) = ledger["figures"]
    assert group["topic"] == "troops" and group["entries"] == 3 and group["sources"] == 3
    entries = group["entries_detail"]
    assert [e["report_date"] for e in entries] == ["2024-10-20", "2024-10-25", "2024-10-28"]
    assert [e["bound"] for e in entries] == ["upper", "lower", "approx"]
    assert entries[1]["source_name"] == "Pentagon"
    pairs = {(c["a_article"], c["b_article"]) for c in group["conflicts_detail"]}
    assert pairs == {("n1", "n2"), ("n2", "n3")}  # 12,000 at most and about 11,000 agree
    assert [e["disagrees"] for e in entries] == [True, True, True]
    # the denial and the report it denies are one contested event
    (contested,) = ledger["contested"]
    assert contested["reports"] == 2 and contested["denials"] == 1
    assert {r["article_id"]: r["denial"] for r in contested["reports_detail"]} == {"d1": 1, "d2": 0}


def test_entity_view_has_roles_cooccurrence_and_events(tmp_path: Path) -> None:
    results = [
        build("r1", "Sergei Shoigu, secretary of the Russian Security Council, visited Pyongyang.",
              published="2025-06-04", entities=[("E1", "Sergei Shoigu", "PERSON"),
                                                ("E2", "Russian Security Council", "ORG"),
                                                ("E3", "Pyongyang", "GPE")],
              roles={"E1": [("secretary", "E2")]},
              events=[{"type": "CONSULT", "trigger": "visited", "actor": "E1", "place": "E3",
                       "time": "2025-06-04"}]),
        build("r2", "Shoigu met Kim Jong Un in Pyongyang.", published="2025-06-05",
              entities=[("E1", "Shoigu", "PERSON"), ("E2", "Kim Jong Un", "PERSON"), ("E3", "Pyongyang", "GPE")],
              events=[{"type": "CONSULT", "trigger": "met", "actor": "E1", "target": "E2", "place": "E3",
                       "time": "2025-06-04"}]),
    ]  # fmt: skip
    store = store_with(tmp_path, results, batch=1)
    view = store.graph_entity(store.find_entities("Shoigu")[0]["id"])
    assert view is not None and view["name"] == "Sergei Shoigu"
    assert (
        view["roles"][0]["title"] == "secretary"
        and view["roles"][0]["org_name"] == "Russian Security Council"
    )
    assert view["cooccurring"][0]["name"] == "Pyongyang"
    # "visited" and "met" on the same day, in the same place, by the same man: one meeting
    assert len(view["events"]) == 1 and view["events"][0]["reports"] == 2


def test_demonym_joins_its_country_and_figures_split_by_what_happened(tmp_path: Path) -> None:
    text_sent = "North Korea sent 10,000 soldiers to Russia in October."
    text_lost = "About 300 North Korean soldiers were killed in Kursk, Seoul said."
    results = [
        build("c1", text_sent, published="2024-11-01", source="Outlet A",
              entities=[("E1", "North Korea", "GPE"), ("E2", "Russia", "GPE")],
              events=[{"type": "MOBILIZE", "trigger": "sent", "actor": "E1", "target": "E2", "time": "2024-10"}],
              quantities=[{"text": "10,000", "value": 10000, "unit": "soldiers", "about": "E1"}]),
        build("c2", text_lost, published="2024-11-02", source="Outlet B",
              entities=[("E1", "North Korean", "NORP"), ("E2", "Kursk", "GPE"), ("E3", "Seoul", "GPE")],
              events=[{"type": "ASSAULT", "trigger": "killed", "place": "E2", "time": "2024-11"}],
              quantities=[{"text": "300", "value": 300, "unit": "soldiers", "bound": "approx"}]),
    ]  # fmt: skip
    store = store_with(tmp_path, results, batch=1)
    assert _canon(store, "North Korean") == _canon(store, "North Korea")
    view = store.graph_entity(store.find_entities("North Korean")[0]["id"])
    assert view is not None and view["name"] == "North Korea"
    assert view["merges"][0]["rule"] == "demonym"
    topics = sorted(g["topic"] for g in store.sql_rows("SELECT topic FROM ledger_groups"))
    assert topics == ["troops killed", "troops · MOBILIZE"]  # not one figure contradicting the other
    assert store.sql_rows("SELECT COUNT(*) AS n FROM ledger_conflicts")[0]["n"] == 0


def _hamas() -> list[ArticleResult]:
    """One attack reported under two names of its actor, which the resolver cannot know are one."""
    return [
        build("h1", "Hamas fighters attacked Sderot on October 7, the army said.", published="2023-10-07",
              source="Outlet A", entities=[("E1", "Hamas", "ORG"), ("E2", "Sderot", "GPE")],
              events=[{"type": "ASSAULT", "trigger": "attacked", "actor": "E1", "place": "E2",
                       "time": "2023-10-07"}]),
        build("h2", "The Islamic Resistance Movement attacked Sderot on October 7.", published="2023-10-08",
              source="Outlet B", entities=[("E1", "Islamic Resistance Movement", "ORG"), ("E2", "Sderot", "GPE")],
              events=[{"type": "ASSAULT", "trigger": "attacked", "actor": "E1", "place": "E2",
                       "time": "2023-10-07"}]),
    ]  # fmt: skip


def test_events_merge_after_an_entity_merge_and_split_when_it_is_undone(tmp_path: Path) -> None:
    store = store_with(tmp_path, _hamas(), batch=1)
    assert _node_of(store, "h1")["id"] != _node_of(store, "h2")["id"]  # two actors: two attacks
    mid = store.merge_entities(_canon(store, "Hamas"), _canon(store, "Islamic Resistance Movement"))
    assert mid is not None
    node = _node_of(store, "h1")
    assert node["id"] == _node_of(store, "h2")["id"] and node["reports"] == 2 and node["articles"] == 2
    assert len(store.table_rows("event_groups")) == 1
    store.undo_merge(mid)
    assert _node_of(store, "h1")["id"] != _node_of(store, "h2")["id"]
    assert len(store.table_rows("event_groups")) == 2
    assert len(store.table_rows("event_members")) == 2


def test_transliterated_places_are_one_entity(tmp_path: Path) -> None:
    results = [
        build("v1", "Missiles hit Kyiv overnight.", published="2024-03-01",
              entities=[("E1", "Kyiv", "GPE")]),
        build("v2", "Missiles hit Kiev overnight, officials said.", published="2024-03-01",
              entities=[("E1", "Kiev", "GPE")]),
        build("v3", "Shelling near Zaporizhia continued.", published="2024-03-02",
              entities=[("E1", "Zaporizhia", "GPE")]),
        build("v4", "Shelling near Zaporizhzhia continued.", published="2024-03-02",
              entities=[("E1", "Zaporizhzhia", "GPE")]),
    ]  # fmt: skip
    store = store_with(tmp_path, results, batch=1)
    assert _canon(store, "Kyiv") == _canon(store, "Kiev")
    assert _canon(store, "Zaporizhia") == _canon(store, "Zaporizhzhia")
    assert _canon(store, "Kyiv") != _canon(store, "Zaporizhia")


def test_figures_of_killed_and_of_killed_or_wounded_are_not_compared(tmp_path: Path) -> None:
    t1 = "At least 30 people were killed or wounded in Kharkiv, the governor said."
    t2 = "At least 12 people were killed in Kharkiv, officials said."
    t3 = "Only 4 people were killed in Kharkiv, Russia said."
    kh = [("E1", "Kharkiv", "GPE")]
    results = [
        build("f1", t1, published="2024-05-01", source="A", entities=kh,
              quantities=[{"text": "At least 30", "value": 30, "unit": "people", "bound": "lower", "about": "E1"}]),
        build("f2", t2, published="2024-05-01", source="B", entities=kh,
              quantities=[{"text": "At least 12", "value": 12, "unit": "people", "bound": "lower", "about": "E1"}]),
        build("f3", t3, published="2024-05-02", source="C", entities=kh,
              quantities=[{"text": "4", "value": 4, "unit": "people", "about": "E1"}]),
    ]  # fmt: skip
    store = store_with(tmp_path, results, batch=1)
    topics = sorted(g["topic"] for g in store.sql_rows("SELECT topic FROM ledger_groups"))
    assert topics == ["killed", "killed/wounded"]
    # "at least 12 killed" and "4 killed" disagree; "at least 30 killed or wounded" is no figure of the killed
    conflicts = store.sql_rows(
        "SELECT c.a_article, c.b_article FROM ledger_conflicts c JOIN ledger_groups g ON g.id = c.group_id"
    )
    assert {frozenset((c["a_article"], c["b_article"])) for c in conflicts} == {frozenset(("f2", "f3"))}


def test_timeline_pages_newest_first_with_a_cursor_and_counts(tmp_path: Path) -> None:
    from newsgraph.graph.synthetic import corpus

    store = store_with(tmp_path, list(corpus(400)), batch=100)
    hub = int(store.sql_rows("SELECT id FROM entities ORDER BY articles DESC LIMIT 1")[0]["id"])
    seen: list[tuple[str, str]] = []
    cursor, pages = None, 0
    while True:
        page = store.graph_timeline_page(hub, limit=25, cursor=cursor)
        keys = [
            (str(i["date_sort"]), str(i.get("id") or f"{i['article_id']}|{i['idx']}")) for i in page["items"]
        ]
        assert [k[0] for k in keys] == sorted((k[0] for k in keys), reverse=True)
        seen += keys
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages > 2 and len(seen) == len(set(seen))  # every item once, across pages
    canon = _canon_id(store, hub)
    nodes = store.sql_rows(
        "SELECT COUNT(DISTINCT group_id) AS n FROM event_group_entities WHERE canon_id = ? AND date_sort IS NOT NULL",
        (canon,),
    )[0]["n"]
    claims = store.sql_rows(
        "SELECT COUNT(*) AS n FROM claims c JOIN entity_canon k ON k.entity_id = c.source_entity"
        " WHERE k.canon_id = ? AND c.date_sort IS NOT NULL",
        (canon,),
    )[0]["n"]
    assert len(seen) == nodes + claims
    assert (
        page["events"] >= nodes
        and page["claims"]
        == store.sql_rows(
            "SELECT COUNT(*) AS n FROM claims c JOIN entity_canon k ON k.entity_id = c.source_entity WHERE k.canon_id = ?",
            (canon,),
        )[0]["n"]
    )
    # a one-month window holds only that month
    month = seen[0][0][:7]
    window = store.graph_timeline_page(hub, limit=500, since=month, until=month)
    assert window["items"] and all(str(i["date_sort"]).startswith(month) for i in window["items"])


def _canon_id(store: SQLiteStore, entity_id: int) -> int:
    return int(
        store.sql_rows("SELECT canon_id FROM entity_canon WHERE entity_id = ?", (entity_id,))[0]["canon_id"]
    )
