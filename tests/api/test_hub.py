"""Opening the store for the server: read-only needs an existing store; a writer creates one."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.api.hub import StoreHub
from newsgraph.errors import StoreError


def test_read_only_server_needs_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        StoreHub(str(tmp_path / "missing.db"), writable=False)
    assert info.value.code == "NG302" and "newsgraph ingest" in str(info.value)
    assert not (tmp_path / "missing.db").exists()


def test_writer_creates_the_store_and_readers_are_per_thread(tmp_path: Path) -> None:
    import threading

    hub = StoreHub(str(tmp_path / "new.db"), writable=True)
    try:
        assert (tmp_path / "new.db").exists()
        mine = hub.reader()
        assert hub.reader() is mine
        other: list[object] = []
        t = threading.Thread(target=lambda: other.append(hub.reader()))
        t.start()
        t.join()
        assert other[0] is not mine
        assert hub.reader().counts()["articles"] == 0
        assert hub.add([]).added == 0
    finally:
        hub.close()


def test_read_only_hub_refuses_writes(tmp_path: Path) -> None:
    StoreHub(str(tmp_path / "s.db"), writable=True).close()
    hub = StoreHub(str(tmp_path / "s.db"), writable=False)
    try:
        with pytest.raises(StoreError):
            hub.add([])
    finally:
        hub.close()
