"""``newsgraph eval case``: the shared task's F1 measures, the TSV reader, cross-validation, the floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import EvalError
from newsgraph.eval import case
from newsgraph.eval.base import check_floors, shared_data
from newsgraph.nlp.category import CategoryModel, own_examples
from newsgraph.train.case import build, digest, folds, read_snippets


def test_f1_scores_by_hand() -> None:
    metrics, rows = case.f1_scores(["A", "A", "B", "C"], ["A", "B", "B", "NONE"])
    # A: p 1, r .5 -> 2/3; B: p .5, r 1 -> 2/3; C: 0; NONE: no support, f1 0 (it counts in the macro mean)
    assert metrics["weighted_f1"] == pytest.approx((2 / 3 * 2 + 2 / 3) / 4)
    assert metrics["micro_f1"] == pytest.approx(0.5)
    assert metrics["macro_f1"] == pytest.approx((2 / 3 + 2 / 3) / 4)
    assert [r["class"] for r in rows] == ["A", "B", "C"]


def _tsv(path: Path, rows: list[tuple[str, str]], header: str = "id\tEventSnippet\tSubType") -> Path:
    path.write_text(header + "\n" + "".join(f"{n}\t{t}\t{c}\n" for n, (t, c) in enumerate(rows)), "utf-8")
    return path


def test_read_snippets_checks_header_and_classes(tmp_path: Path) -> None:
    good = _tsv(tmp_path / "g.tsv", [("Police arrested two men.", "ARREST")])
    assert read_snippets(good) == [("0", "Police arrested two men.", "ARREST")]
    with pytest.raises(EvalError):
        read_snippets(_tsv(tmp_path / "h.tsv", [("x", "ARREST")], header="a\tb\tc"))
    with pytest.raises(EvalError):
        read_snippets(_tsv(tmp_path / "c.tsv", [("x", "NOT_A_CLASS")]))


def test_folds_partition() -> None:
    parts = list(folds(11, 5))
    assert sorted(i for p in parts for i in p) == list(range(11))
    assert len(parts) == 5


def test_build_records_what_it_learned_from(tmp_path: Path) -> None:
    data = _tsv(tmp_path / "mine.tsv", list(own_examples())[:40])
    model, target = build(data, tmp_path / "model.npz")
    assert target.is_file()
    assert CategoryModel.load(target).trained_on == {"mine.tsv": digest(data)}
    assert model.trained_on == {"mine.tsv": digest(data)}


@pytest.mark.model
@pytest.mark.slow
def test_data_the_model_learned_from_is_cross_validated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _tsv(tmp_path / "mine.tsv", list(own_examples())[::6])
    build(data, tmp_path / "model.npz")
    monkeypatch.setenv("NEWSGRAPH_CATEGORY_MODEL", str(tmp_path / "model.npz"))
    report = case.evaluate(data)
    assert any("cross-validated" in note for note in report.notes)
    other = _tsv(tmp_path / "other.tsv", list(own_examples())[1::12])
    report = case.evaluate(other)
    assert not any("cross-validated" in note for note in report.notes)
    assert report.metrics["coverage"] == 1.0


@pytest.mark.eval
@pytest.mark.slow
def test_case_floor() -> None:
    report = case.evaluate(shared_data() / case.DEFAULT)
    assert report.counts["classes"] == 30
    assert check_floors(report) == []


def test_train_command_writes_the_model_where_asked(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    data = _tsv(tmp_path / "mine.tsv", list(own_examples())[:30])
    result = CliRunner().invoke(app, ["train", "case", str(data), "--out", str(tmp_path / "m.npz")])
    assert result.exit_code == 0, result.output
    assert CategoryModel.load(tmp_path / "m.npz").trained_on == {"mine.tsv": digest(data)}
    bad = CliRunner().invoke(app, ["train", "nothing"])
    assert bad.exit_code == 2
