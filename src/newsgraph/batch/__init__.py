"""Extraction on a Dask cluster into partitioned Parquet (``runner``), and loading it into a store (``load``).

Needs the ``batch`` extra: ``pip install 'newsgraph[batch]'`` (Dask distributed and pyarrow).
"""

from __future__ import annotations

__all__ = ["TABLE_NAMES"]

TABLE_NAMES = ("articles", "entities", "mentions", "timexes", "quantities", "claims", "events")
