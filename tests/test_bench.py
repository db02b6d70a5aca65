"""``newsgraph bench``: the real corpora it reads, the ratios it reports, and one short real run."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from newsgraph.bench.corpora import REUTERS, WIKINEWS, bench_articles, read_reuters, read_wikinews
from newsgraph.bench.throughput import BenchReport, Stage
from newsgraph.cli import app
from newsgraph.eval.base import shared_data


def test_wikinews_articles_are_dated_and_whole() -> None:
    arts = list(read_wikinews(shared_data() / WIKINEWS))
    assert len(arts) == 295  # 171 + 124, as SOURCE.md counts them
    assert all(a.published and re.fullmatch(r"20(19|20|21)-\d\d-\d\d", a.published) for a in arts)
    assert sum(len(a.text.split()) for a in arts) > 200_000
    assert all(a.url and a.url.startswith("https://en.wikinews.org/") for a in arts)


def test_reuters_bodies_are_decoded_and_dated() -> None:
    arts = list(read_reuters(shared_data() / REUTERS))
    assert len(arts) == 2761  # the stories with a <BODY>, as SOURCE.md counts them
    assert {a.published[:7] for a in arts if a.published} == {"1987-02", "1987-03"}
    assert all(a.published for a in arts)
    bad = [a.id for a in arts if "&lt;" in a.text or "&#" in a.text or re.search(r"[\x00-\x08\x7f]", a.text)]
    assert bad == []  # entities unescaped, control characters gone
    assert not any(a.text.rstrip().endswith("Reuter") for a in arts)  # the wire's sign-off is not text
    assert arts[0].title == "BAHIA COCOA REVIEW" and arts[0].published == "1987-02-26"


def test_bench_articles_take_both_corpora_in_turn() -> None:
    arts = bench_articles(10)
    assert [a.source for a in arts] == ["Wikinews", "Reuters"] * 5
    assert len({a.id for a in arts}) == 10


def test_ratios_are_words_per_second_ratios() -> None:
    report = BenchReport(articles=10, words=1000, cores=2, load_before=(0.1, 0.1, 0.1))
    report.stages = {
        "bare": Stage("bare", 10, 1000, 2.0, 300.0, cpu_seconds=1.8),
        "full": Stage(
            "full",
            10,
            1000,
            2.5,
            320.0,
            cpu_seconds=2.0,
            model_seconds=2.1,
            component_seconds={"ng_timex": 0.1, "ng_claims": 0.2},
        ),
        "pool": Stage("pool", 10, 1000, 1.25, 330.0, workers=2, cpu_seconds=2.5),
        "extract": Stage("extract", 10, 1000, 5.0, 340.0, cpu_seconds=4.0),
        "ingest": Stage("ingest", 10, 1000, 5.5, 350.0, cpu_seconds=5.0),
    }
    ratios = report.ratios
    assert ratios["full_vs_bare"] == pytest.approx(2.1 / 2.5)  # the model's share of the full run
    assert ratios["full_vs_bare_separate"] == pytest.approx(0.8)
    assert ratios["two_vs_one"] == pytest.approx(2.0)
    assert ratios["ingest_vs_extract"] == pytest.approx(5.0 / 5.5)
    assert ratios["peak_worker_mb"] == 330.0
    assert ratios["timex_share"] == pytest.approx(0.1 / 2.5)  # the time tagger's share of the full run
    cpu = report.cpu_ratios
    assert cpu["full_vs_bare"] == pytest.approx(0.9)
    assert cpu["pool_worker_cpu_vs_full"] == pytest.approx(0.8)
    assert "ingest_vs_extract" not in cpu  # its extraction runs in a worker that wait4 does not see
    assert json.loads(json.dumps(report.as_dict()))["stages"]["pool"]["words_per_s"] == 800.0


@pytest.mark.model
@pytest.mark.slow
def test_bench_command_measures_real_articles() -> None:
    args = ["bench", "--articles", "6", "--warmup", "3", "--repeat", "2", "--stages", "bare,full", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["articles"] == 6 and data["words"] > 1000
    for stage in ("bare", "full"):
        s = data["stages"][stage]
        assert s["articles"] == 6 and s["seconds"] > 0 and s["cpu_seconds"] > 0 and 50 < s["peak_mb"] < 2000
    assert 0.2 < data["ratios"]["full_vs_bare"] < 1  # the model's share of the full run
    full = data["stages"]["full"]
    assert set(full["component_seconds"]) >= {"ng_mentions", "ng_timex", "ng_claims", "extract_doc"}
    assert full["model_seconds"] + sum(full["component_seconds"].values()) <= full["seconds"]
    assert 0 < data["ratios"]["timex_share"] < 0.5
    assert data["ratios"]["full_vs_bare_separate"] > 0
    assert len(data["stages"]["full"]["rounds"]) == 2 and data["stages"]["full"]["seconds"] == min(
        data["stages"]["full"]["rounds"]
    )
    assert 0.2 < data["cpu_ratios"]["full_vs_bare"] < 2  # CPU time: steady even when the machine is busy
    assert data["ratios"]["two_vs_one"] is None


def test_bench_refuses_unknown_stages() -> None:
    result = CliRunner().invoke(app, ["bench", "--stages", "bare,turbo"])
    assert result.exit_code == 2
