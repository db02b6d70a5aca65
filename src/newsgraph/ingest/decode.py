"""Bytes to text: refuse binary data, detect legacy encodings, record what was repaired."""

from __future__ import annotations

import re

from newsgraph.errors import InputError, warning
from newsgraph.model import Warning

__all__ = ["decode", "is_binary"]

# C0 controls other than tab, newline and carriage return, plus DEL
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def is_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes, or more than 10% control bytes, in its first 8 KiB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > max(2, len(head) // 10)


def decode(data: bytes, origin: str) -> tuple[str, list[Warning]]:
    """Decode ``data`` as UTF-8 when it is, else as the legacy encoding it looks like.

    Raises :class:`InputError` NG102 for binary data. Returns the text and the
    warnings (NG120 legacy encoding, NG121 replaced bytes, NG126 control characters).
    """
    if is_binary(data):
        raise InputError(f"{origin}: binary data, not text", code="NG102")
    warnings: list[Warning] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        replaced = data.decode("utf-8", errors="replace")
        bad = replaced.count("\ufffd")
        good_multibyte = sum(1 for ch in replaced if ord(ch) > 127 and ch != "\ufffd")
        if good_multibyte >= bad:
            # mostly UTF-8 with a few broken bytes
            text = replaced
            warnings.append(warning("NG121", f"{origin}: {bad} invalid UTF-8 byte sequence(s) replaced"))
        else:
            try:
                text = data.decode("cp1252")
                encoding = "cp1252"
            except UnicodeDecodeError:
                text = data.decode("latin-1")
                encoding = "latin-1"
            warnings.append(warning("NG120", f"{origin}: not UTF-8; decoded as {encoding}"))
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
        warnings.append(warning("NG126", f"{origin}: control characters removed"))
    return text, warnings
