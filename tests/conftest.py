"""Shared fixtures. Tests that load the English pipeline use ``nlp`` and are marked ``model``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab, create_vocab

from newsgraph.nlp import build_pipeline, extensions

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_1750dc0db2afdf01.txt"

# the API and browser tests' store and servers (tests/api/serving.py)
pytest_plugins = ["tests.api.serving"]


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full pipeline (English model + newsgraph components), loaded once per session."""
    return build_pipeline()


@pytest.fixture(scope="session")
def bare_nlp() -> Language:
    return build_pipeline(components=False)


def _english_vocab() -> Vocab:
    """A fresh vocabulary with English lexical attributes (no model)."""
    return create_vocab("en", English.Defaults)


def hand_doc(
    words: list[str],
    *,
    heads: list[int] | None = None,
    deps: list[str] | None = None,
    pos: list[str] | None = None,
    tags: list[str] | None = None,
    lemmas: list[str] | None = None,
    ents: list[str] | None = None,
    spaces: list[bool] | None = None,
    published: str | None = None,
) -> Doc:
    """A Doc built by hand (no model): heads are absolute token indices; ents in IOB form ("B-PERSON")."""
    extensions.register()
    doc = Doc(
        _english_vocab(),  # lower_, is_title, like_num ... as in English
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags,
        lemmas=lemmas,
        ents=ents,
        sent_starts=None if heads else [True] + [False] * (len(words) - 1),
    )
    extensions.reset(doc)
    doc._.published = published
    return doc


@pytest.fixture
def tmp_db(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "test.db"
