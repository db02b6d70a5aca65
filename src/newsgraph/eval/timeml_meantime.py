"""TIMEX3 spans, types and values on MEANTIME (English Wikinews, 2004-2013), with the TempEval-3 measures.

A second corpus for the time tagger, written and annotated apart from TimeBank and
AQUAINT: newer news, another annotation team, and conventions of its own ("annual"
and "later" tagged, "Thursday night" a TIME). It shows how the rules, written on
TimeBank, carry over. Its errors showed a few faults of a general kind (wire-service
clocks such as "0800 GMT", "fall" the drop read as the season, "since November" read
ahead), which were fixed in general; none of its conventions was copied.

MEANTIME annotates the title and the first sentences of each article; the text is
rebuilt from the tokens up to the last annotated sentence, the DCT line inside it
is not scored, and the scoring is that of ``newsgraph.eval.timeml``.
"""

from __future__ import annotations

from pathlib import Path

from newsgraph.eval.base import Report
from newsgraph.eval.timeml import read_cat_corpus, run

__all__ = ["DEFAULT", "DESCRIPTION", "evaluate"]

DEFAULT = "meantime_en"
DESCRIPTION = "TIMEX3 spans, types and values (TempEval-3 measures) on MEANTIME English, anchored on the DCT"


def evaluate(path: Path, *, limit: int | None = None) -> Report:
    """Run the time tagger on the MEANTIME articles (published = DCT) and score its timexes."""
    docs, skipped = read_cat_corpus(path, limit=limit)
    report = run(docs, dataset=str(path), name="timeml_meantime")
    if skipped:
        report.notes.append(f"skipped for want of a usable DCT: {', '.join(skipped)}")
    return report
