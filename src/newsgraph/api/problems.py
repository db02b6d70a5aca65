"""Errors as the API returns them: ``{"error": {"code", "message", "details"}}`` with a 4xx status.

Codes come from :mod:`newsgraph.errors`. The web pages get the same errors as HTML.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.errors import CATALOG, NewsgraphError

__all__ = ["ApiError", "BodyLimit", "SecurityHeaders", "error_response", "install_handlers"]


class ApiError(Exception):
    """An error to answer with: HTTP status, catalog code, message."""

    def __init__(self, status: int, code: str, message: str, details: list[dict[str, Any]] | None = None):
        if code not in CATALOG:
            raise KeyError(f"unknown error code {code}")
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


def not_found(what: str) -> ApiError:
    return ApiError(404, "NG402", f"no {what}")


def error_body(code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return path == "/" or path.startswith("/ui")


def error_response(
    request: Request, status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
) -> Response:
    if _wants_html(request):
        from newsgraph.web.views import error_page

        return error_page(request, status, code, message)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(error_body(code, message, details), status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    """The catalog code and a JSON-safe list of what was wrong, by location."""
    details = []
    code = "NG410"
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        kind = str(err.get("type", ""))
        details.append({"loc": loc, "message": str(err.get("msg", "")), "type": kind})
        if loc and loc[0] == "body":
            if kind in ("json_invalid", "string_unicode"):  # not JSON, or text with lone surrogates
                code = "NG104"
            elif kind == "missing" and code == "NG410":
                code = "NG101" if len(loc) == 1 else "NG105"  # no body at all, or a field missing
    return code, details


def install_handlers(app: Any) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return error_response(request, exc.status, exc.code, exc.message, exc.details)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        code, details = _validation_details(exc)
        where = ", ".join(".".join(d["loc"]) + ": " + d["message"] for d in details[:5])
        return error_response(request, 422, code, f"invalid request ({where})", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return error_response(request, 404, "NG402", f"no such resource: {request.url.path}")
        if exc.status_code == 400 and "parsing the body" in str(exc.detail):  # bytes that are not JSON text
            return error_response(request, 422, "NG104", "the body is not JSON (UTF-8 text)")
        return error_response(request, exc.status_code, "NG410", str(exc.detail))

    @app.exception_handler(NewsgraphError)
    async def _newsgraph(request: Request, exc: NewsgraphError) -> Response:
        # raised by the store on a write that failed: not the client's fault
        return error_response(request, 503, exc.code, str(exc.args[0]))


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` (413, NG412) before the application reads them.

    Bodies of writing methods are read up to the limit and handed on whole; a
    declared Content-Length over the limit is refused without reading at all.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                return await self._refuse(scope, receive, send, 400, "NG410", "bad Content-Length header")
            if size > self.max_bytes:
                return await self._too_large(scope, receive, send)
        if scope["method"] not in ("POST", "PUT", "PATCH"):
            return await self.app(scope, receive, send)
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                return await self._too_large(scope, receive, send)
            if not message.get("more_body", False):
                break
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._refuse(
            scope,
            receive,
            send,
            413,
            "NG412",
            f"request body over {self.max_bytes} bytes (max_request_bytes)",
        )

    @staticmethod
    async def _refuse(
        scope: Scope, receive: Receive, send: Send, status: int, code: str, message: str
    ) -> None:
        response = JSONResponse(
            error_body(code, message), status_code=status, headers={"Connection": "close"}
        )
        await response(scope, receive, send)


# Pages load only the app's own files: no inline script, nothing from elsewhere.
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI sets inline styles.
_CSP_DOCS = _CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class SecurityHeaders:
    """Headers on every response; a strict Content-Security-Policy on HTML."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        csp = (_CSP_DOCS if scope["path"].startswith("/docs") else _CSP).encode()

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"content-security-policy", csp),
                ]
                headers += [(k, v) for k, v in extra if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
