"""Error bodies, the request size limit and the security headers, over real HTTP."""

from __future__ import annotations

import socket

import httpx
import pytest

from newsgraph.errors import CATALOG
from tests.api.serving import Server

pytestmark = pytest.mark.model


def raw_request(server: Server, request: bytes) -> bytes:
    """Send bytes as they are (to declare a Content-Length no client library would send)."""
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data


def test_declared_body_over_the_limit_is_refused_before_reading(write_server: Server) -> None:
    head = (
        b"POST /articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 999999999\r\nConnection: close\r\n\r\n{"
    )
    reply = raw_request(write_server, head)
    assert reply.startswith(b"HTTP/1.1 413")
    assert b'"NG412"' in reply


def test_bad_content_length_is_400(write_server: Server) -> None:
    reply = raw_request(
        write_server, b"GET /stats HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\nConnection: close\r\n\r\n"
    )
    assert reply.split(b" ", 2)[1] == b"400"


def test_get_with_a_huge_declared_body_is_refused(read_server: Server) -> None:
    reply = raw_request(
        read_server,
        b"GET /stats HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000000\r\nConnection: close\r\n\r\n",
    )
    assert reply.startswith(b"HTTP/1.1 413")


@pytest.mark.parametrize(("method", "path", "status"), [("DELETE", "/articles", 405), ("PUT", "/entities/1", 405),
                                                        ("GET", "/no/such/thing", 404)])  # fmt: skip
def test_other_errors_have_codes(read_server: Server, method: str, path: str, status: int) -> None:
    resp = httpx.request(method, read_server.url + path)
    assert resp.status_code == status
    assert resp.json()["error"]["code"] in CATALOG


def test_security_headers_on_every_response(read_server: Server) -> None:
    for path in ("/stats", "/", "/nope", "/static/app.css"):
        headers = httpx.get(read_server.url + path).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert "default-src 'self'" in headers["content-security-policy"]
