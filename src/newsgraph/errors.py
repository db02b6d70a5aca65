"""Coded errors and warnings: the one catalog.

Every problem newsgraph reports carries a code from :data:`CATALOG`. Fatal
problems raise an exception from this tree; problems that lose no data are
recorded as :class:`newsgraph.model.Warning` on the article (or reported by the
CLI) and the batch goes on::

    NewsgraphError        (NG001 when nothing more specific applies)
    ├── InputError        (NG1xx: a file or record cannot be read as an article)
    ├── ExtractionError   (NG2xx: the pipeline failed on an article)
    ├── StoreError        (NG3xx: the database refused or is inconsistent)
    ├── UsageError        (NG4xx: bad options or arguments)
    └── EvalError         (NG5xx: evaluation data missing or malformed)

Codes are stable: tools may match on them. Add new ones; never reuse a number.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.model import Warning

__all__ = [
    "CATALOG",
    "EvalError",
    "ExtractionError",
    "InputError",
    "NewsgraphError",
    "StoreError",
    "UsageError",
    "warning",
]


@dataclass(frozen=True)
class Code:
    code: str
    fatal: bool  # True: the article (or file) is skipped; False: accepted with a warning
    summary: str


_CODES = [
    Code("NG001", True, "unexpected internal error: a bug, please report it"),
    # input: skipped
    Code("NG101", True, "empty input: the file or record has no text"),
    Code("NG102", True, "binary input: the file is not text"),
    Code("NG103", True, "no article found in the HTML page"),
    Code("NG104", True, "malformed JSON Lines record"),
    Code("NG105", True, "JSON Lines record lacks a required field (id, text)"),
    Code("NG106", True, "input file cannot be read"),
    Code("NG107", True, "unknown input kind"),
    Code("NG108", True, "WARC or feed could not be parsed"),
    Code("NG109", True, "input larger than the size limit"),
    # input: accepted with a warning
    Code("NG120", False, "text was not UTF-8; decoded with a detected encoding"),
    Code("NG121", False, "invalid bytes replaced while decoding"),
    Code("NG122", False, "impossible or unparseable publication date; treated as unknown"),
    Code("NG123", False, "no publication date; relative dates cannot be resolved"),
    Code("NG125", False, "near-duplicate of an article already stored"),
    Code("NG126", False, "control characters removed from text"),
    # extraction
    Code("NG201", True, "the NLP pipeline failed on this article"),
    Code("NG202", False, "the English pipeline package is missing"),
    Code("NG203", False, "a component failed; its part of the result is empty"),
    Code("NG204", True, "worker processes keep dying; extraction stopped"),
    # store
    Code("NG301", True, "database schema is newer than this program"),
    Code("NG302", True, "database cannot be opened"),
    Code("NG303", True, "database write failed; the batch was rolled back"),
    Code("NG304", True, "database schema is older than this program; open it for writing once to upgrade"),
    # usage
    Code("NG401", True, "bad command-line usage"),
    Code("NG402", True, "no such entity, article or event"),
    Code("NG403", True, "write refused: token missing or wrong"),
    # API (newsgraph serve)
    Code("NG410", True, "bad API request: a parameter or the body is malformed"),
    Code("NG411", True, "write refused: the server is read-only (no token is configured)"),
    Code("NG412", True, "request body larger than the setting max_request_bytes"),
    # evaluation
    Code("NG501", True, "evaluation data not found"),
    Code("NG502", True, "evaluation data malformed"),
]

CATALOG: dict[str, Code] = {c.code: c for c in _CODES}


class NewsgraphError(Exception):
    """Base of every error newsgraph raises on purpose. ``code`` is from :data:`CATALOG`."""

    code = "NG001"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code is not None:
            if code not in CATALOG:
                raise KeyError(f"unknown error code {code}")
            self.code = code
        super().__init__(message)

    def __str__(self) -> str:
        return f"{self.code}: {self.args[0]}"

    def as_warning(self) -> Warning:
        return Warning(self.code, str(self.args[0]))


class InputError(NewsgraphError):
    code = "NG106"


class ExtractionError(NewsgraphError):
    code = "NG201"


class StoreError(NewsgraphError):
    code = "NG303"


class UsageError(NewsgraphError):
    code = "NG401"


class EvalError(NewsgraphError):
    code = "NG501"


def warning(code: str, message: str) -> Warning:
    """A coded warning; the code must be in the catalog."""
    if code not in CATALOG:
        raise KeyError(f"unknown warning code {code}")
    return Warning(code, message)
