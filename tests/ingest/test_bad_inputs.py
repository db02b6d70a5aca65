from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from newsgraph.errors import InputError
from newsgraph.ingest import read_any
from newsgraph.model import Article
from tests.fixtures.bad_inputs import EXPECTED, bad_folder


def test_every_bad_file_is_skipped_or_accepted_with_its_code(tmp_path: Path) -> None:
    folder = bad_folder(tmp_path)
    skipped: dict[str, list[str]] = defaultdict(list)
    accepted: dict[str, list[Article]] = defaultdict(list)
    for item in read_any([folder]):
        if isinstance(item, InputError):
            name = Path(str(item.args[0]).split(":")[0]).name
            skipped[name].append(item.code)
        else:
            accepted[Path((item.origin or "").split(":")[0]).name].append(item)
    for name, (codes, n_articles, warnings) in EXPECTED.items():
        assert tuple(skipped.get(name, ())) == codes, name
        assert len(accepted.get(name, [])) == n_articles, name
        got = tuple(sorted({w.code for a in accepted.get(name, []) for w in a.warnings}))
        assert got == warnings, name
        # every message names its file
    assert all(name in EXPECTED for name in skipped)


def test_latin1_and_broken_utf8_keep_their_words(tmp_path: Path) -> None:
    folder = bad_folder(tmp_path)
    texts = {Path(a.origin or "").name: a.text for a in read_any([folder]) if isinstance(a, Article)}
    assert "Zürich" in texts["latin1.txt"] and "Asunción" in texts["latin1.txt"]
    assert texts["invalid_utf8.txt"].count("\ufffd") == 3
