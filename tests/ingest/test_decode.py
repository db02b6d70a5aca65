from __future__ import annotations

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest.decode import decode, is_binary

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")


def test_utf8_passes_unchanged() -> None:
    assert decode("Zürich – “quoted”".encode(), "f") == ("Zürich – “quoted”", [])


def test_bom_is_dropped() -> None:
    assert decode(b"\xef\xbb\xbfHello", "f")[0] == "Hello"


def test_latin1_is_detected_and_reported() -> None:
    text, warnings = decode("Zürich and São Paulo".encode("latin-1"), "f")
    assert text == "Zürich and São Paulo"
    assert [w.code for w in warnings] == ["NG120"]


def test_mostly_utf8_with_broken_bytes_is_repaired_and_reported() -> None:
    data = "Zürich – Genève ".encode() + b"\xff\xfe" + " São Paulo".encode()
    text, warnings = decode(data, "f")
    assert "Zürich" in text and "São Paulo" in text and "\ufffd" in text
    assert [w.code for w in warnings] == ["NG121"]


def test_binary_is_refused() -> None:
    assert is_binary(PNG + b"\x00" * 20)
    with pytest.raises(InputError) as info:
        decode(PNG + b"\x00" * 20, "image.txt")
    assert info.value.code == "NG102"


def test_control_characters_are_removed_with_a_warning() -> None:
    text, warnings = decode(b"one\x07two\tthree\n", "f")
    assert text == "onetwo\tthree\n"
    assert [w.code for w in warnings] == ["NG126"]
