"""Small worlds of contract results for the graph tests (texts written for these tests)."""

from __future__ import annotations

from pathlib import Path

from newsgraph.graph.synthetic import build
from newsgraph.ingest.dedup import content_hash, signature
from newsgraph.model import ArticleResult
from newsgraph.store.base import StoreItem
from newsgraph.store.sqlite import SQLiteStore


def item(r: ArticleResult) -> StoreItem:
    return StoreItem(result=r, content_hash=content_hash(r.text), signature=signature(r.text))


def store_with(tmp_path: Path, results: list[ArticleResult], *, batch: int = 100) -> SQLiteStore:
    store = SQLiteStore(tmp_path / "graph.db")
    for i in range(0, len(results), batch):
        store.add_batch([item(r) for r in results[i : i + batch]])
    return store


def people() -> list[ArticleResult]:
    """One president under four spellings; two Kims; one council under two names."""
    return [
        build("p1", "President Volodymyr Zelensky met Keir Starmer in Kyiv to discuss air defence for Ukraine.",
              published="2024-06-01", source="Outlet A",
              entities=[("E1", "Volodymyr Zelensky", "PERSON"), ("E2", "Keir Starmer", "PERSON"),
                        ("E3", "Kyiv", "GPE"), ("E4", "Ukraine", "GPE")]),
        build("p2", "Zelenskyy said Ukraine needs more air defence systems in Kyiv and Kharkiv.",
              published="2024-06-02", source="Outlet B",
              entities=[("E1", "Zelenskyy", "PERSON"), ("E2", "Ukraine", "GPE"), ("E3", "Kyiv", "GPE"),
                        ("E4", "Kharkiv", "GPE")]),
        build("p3", "Volodymyr Zelenskiy visited Kharkiv, the second city of Ukraine.",
              published="2024-06-03", source="Outlet C",
              entities=[("E1", "Volodymyr Zelenskiy", "PERSON"), ("E2", "Kharkiv", "GPE"), ("E3", "Ukraine", "GPE")]),
        build("p4", "President Zelensky thanked Keir Starmer for the help given to Ukraine.",
              published="2024-06-04", source="Outlet A",
              entities=[("E1", "President Zelensky", "PERSON"), ("E2", "Keir Starmer", "PERSON"),
                        ("E3", "Ukraine", "GPE")]),
        build("k1", "Kim Jong Un met Vladimir Putin in Pyongyang and praised Russia.",
              published="2024-06-19", source="Outlet A",
              entities=[("E1", "Kim Jong Un", "PERSON"), ("E2", "Vladimir Putin", "PERSON"),
                        ("E3", "Pyongyang", "GPE"), ("E4", "Russia", "GPE")]),
        build("k2", "Kim Yo Jong criticised Seoul over leaflets sent across the border by South Korea.",
              published="2024-06-20", source="Outlet B",
              entities=[("E1", "Kim Yo Jong", "PERSON"), ("E2", "Seoul", "GPE"), ("E3", "South Korea", "GPE")]),
        build("k3", "Kim welcomed the Russian delegation in Pyongyang.",
              published="2024-06-21", source="Outlet C",
              entities=[("E1", "Kim", "PERSON"), ("E2", "Pyongyang", "GPE")]),
        build("s1", "The Russian Security Council met in Moscow on Friday.",
              published="2024-06-22", source="Outlet A",
              entities=[("E1", "Russian Security Council", "ORG"), ("E2", "Moscow", "GPE")]),
        build("s2", "The Security Council of Russia discussed Ukraine.",
              published="2024-06-23", source="Outlet B",
              entities=[("E1", "Security Council of Russia", "ORG"), ("E2", "Ukraine", "GPE")]),
    ]  # fmt: skip


def treaty() -> list[ArticleResult]:
    """The 2024-06-19 treaty signing reported three times (one report gives the wrong day), and another deal."""
    ru_kp = [("E1", "Russia", "GPE"), ("E2", "North Korea", "GPE"), ("E3", "Pyongyang", "GPE")]
    return [
        build("t1", "Russia and North Korea signed a strategic partnership treaty in Pyongyang on June 19.",
              published="2024-06-19", source="Outlet A", entities=ru_kp,
              events=[{"type": "SUPPORT", "category": "AGREEMENT", "trigger": "signed", "actor": "E1",
                       "target": "E2", "place": "E3", "time": "2024-06-19"}]),
        build("t2", "Vladimir Putin and Kim Jong Un signed the pact on Wednesday, state media said.",
              published="2024-06-20", source="Outlet B",
              entities=[("E1", "Vladimir Putin", "PERSON"), ("E2", "Kim Jong Un", "PERSON")],
              events=[{"type": "SUPPORT", "category": "AGREEMENT", "trigger": "signed", "actor": "E1",
                       "target": "E2", "time": "2024-06-19"}]),
        build("t3", "North Korea and Russia signed the treaty on June 18 in Pyongyang.",
              published="2024-06-21", source="Outlet C", entities=ru_kp,
              events=[{"type": "SUPPORT", "category": "AGREEMENT", "trigger": "signed", "actor": "E2",
                       "target": "E1", "place": "E3", "time": "2024-06-18"}]),
        build("t4", "Russia signed a gas deal with China in Beijing on May 15.",
              published="2024-05-16", source="Outlet A",
              entities=[("E1", "Russia", "GPE"), ("E2", "China", "GPE"), ("E3", "Beijing", "GPE")],
              events=[{"type": "SUPPORT", "category": "AGREEMENT", "trigger": "signed", "actor": "E1",
                       "target": "E2", "place": "E3", "time": "2024-05-15"}]),
    ]  # fmt: skip


def troops() -> list[ArticleResult]:
    """Three sources on North Korean troops in Russia (two disagree beyond their bounds) and a denial."""
    nk = [("E1", "North Korea", "GPE", ["North Korean"]), ("E2", "Russia", "GPE"), ("E3", "Kursk", "GPE")]
    return [
        build("n1", "South Korea's spy agency said up to 12,000 North Korean troops were sent to Russia.",
              published="2024-10-20", source="Outlet A", entities=[*nk[:2], ("E4", "South Korea", "GPE")],
              quantities=[{"text": "12,000", "value": 12000, "unit": "troops", "bound": "upper"}],
              claims=[{"source": "South Korea's spy agency", "cue": "said",
                       "content": "up to 12,000 North Korean troops were sent to Russia"}]),
        build("n2", "The Pentagon said at least 15,000 North Korean soldiers are in Kursk.",
              published="2024-10-25", source="Outlet B", entities=[nk[0], nk[2], ("E4", "Pentagon", "ORG")],
              quantities=[{"text": "15,000", "value": 15000, "unit": "soldiers", "bound": "lower"}],
              claims=[{"source": "The Pentagon", "entity": "E4", "cue": "said",
                       "content": "at least 15,000 North Korean soldiers are in Kursk"}]),
        build("n3", "Ukraine said about 11,000 North Korean troops had reached Kursk.",
              published="2024-10-28", source="Outlet C", entities=[*nk, ("E4", "Ukraine", "GPE")],
              quantities=[{"text": "11,000", "value": 11000, "unit": "troops", "bound": "approx"}],
              claims=[{"source": "Ukraine", "entity": "E4", "cue": "said",
                       "content": "about 11,000 North Korean troops had reached Kursk"}]),
        build("d1", "Russia denied that North Korean troops were deployed to Kursk.",
              published="2024-10-26", source="Outlet D", entities=nk,
              claims=[{"source": "Russia", "entity": "E2", "cue": "denied", "negated": True,
                       "content": "North Korean troops were deployed to Kursk"}],
              events=[{"type": "MOBILIZE", "trigger": "deployed", "actor": "E1", "place": "E3", "claim": 0,
                       "time": "2024-10-26", "time_source": "published"}]),
        build("d2", "North Korean troops were deployed to Kursk, Ukraine's intelligence said.",
              published="2024-10-27", source="Outlet E", entities=[*nk, ("E4", "Ukraine", "GPE")],
              claims=[{"source": "Ukraine's intelligence", "cue": "said",
                       "content": "North Korean troops were deployed to Kursk"}],
              events=[{"type": "MOBILIZE", "trigger": "deployed", "actor": "E1", "place": "E3", "claim": 0,
                       "time": "2024-10-27", "time_source": "published"}]),
    ]  # fmt: skip
