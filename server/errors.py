"""Every error the API returns, mapped to a status and `{"error": {"code", "message"}}` in one place."""

import logging
import math

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from tools.errors import BadInput, ChuhaiError, Forbidden, LLMUnavailable, NotFound

log = logging.getLogger("chuhai.server")


class Unauthorized(ChuhaiError):
    code = "unauthorized"


class Conflict(ChuhaiError):
    code = "conflict"


class PayloadTooLarge(ChuhaiError):
    code = "payload_too_large"


class UnsupportedMediaType(ChuhaiError):
    code = "unsupported_media_type"


class RateLimited(ChuhaiError):
    code = "rate_limited"

    def __init__(self, message: str, retry_after_s: float) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


STATUS: dict[type[ChuhaiError], int] = {
    BadInput: 400, Unauthorized: 401, Forbidden: 403, NotFound: 404, Conflict: 409, PayloadTooLarge: 413,
    UnsupportedMediaType: 415, RateLimited: 429, LLMUnavailable: 503,
}
_HTTP_CODES = {400: "bad_input", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
               406: "not_acceptable", 409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type",
               429: "rate_limited", 503: "unavailable"}


def status_of(exc: ChuhaiError) -> int:
    """The most specific mapped class wins; other ChuhaiErrors are bad input."""
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


def _chuhai_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ChuhaiError)
    headers: dict[str, str] = {}
    if isinstance(exc, RateLimited):
        headers["Retry-After"] = str(max(1, math.ceil(exc.retry_after_s)))
    if isinstance(exc, Unauthorized):
        headers["WWW-Authenticate"] = "Bearer"
    return error_response(status_of(exc), exc.code, exc.message, headers)


def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = exc.errors()
    if any(p.get("type") == "json_invalid" for p in problems):
        return error_response(400, "malformed_json", "the request body is not valid JSON")
    parts = []
    for problem in problems[:5]:
        where = ".".join(str(part) for part in problem.get("loc", ()) if part != "body") or "body"
        parts.append(f"{where}: {problem.get('msg', 'invalid')}")
    return error_response(422, "invalid_request", "; ".join(parts) or "invalid request")


def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, "error")
    return error_response(exc.status_code, code, str(exc.detail), dict(exc.headers or {}))


def _unexpected(_: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return error_response(500, "internal", "internal error; the server log has the details")


def install_error_handlers(app: FastAPI) -> None:
    """The one place where errors become responses."""
    app.add_exception_handler(ChuhaiError, _chuhai_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {"description": code.replace("_", " "),
             "content": {"application/json": {"example": error_body(code, f"{code.replace('_', ' ')}: details")}}}
    for status, code in ((400, "bad_input"), (401, "unauthorized"), (413, "payload_too_large"),
                         (422, "invalid_request"), (429, "rate_limited"))
}
