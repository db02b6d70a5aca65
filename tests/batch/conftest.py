"""Batch fixtures: one LocalCluster for the module's tests, and the store fixtures of tests/store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.store.conftest import pg_url, store, store_url

__all__ = ["client", "pg_url", "store", "store_url"]


@pytest.fixture(scope="session")
def client() -> Iterator[Any]:
    """One LocalCluster of 2 worker processes (1 thread each), shared by the tests that can share it."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        Client(cluster) as c,
    ):
        yield c
