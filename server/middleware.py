"""Audit and metrics for every request: who called which route, when, the status and the latency; no bodies."""

import time

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.errors import error_response
from server.metrics import Metrics
from server.tenants import AuditEntry, TenantStore


def route_template(scope: Scope) -> str:
    """The matched route's path template (bounded label values), not the raw path."""
    route = scope.get("route")
    return getattr(route, "path", None) or "unmatched"


class AuditMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            self._record(scope, status, time.perf_counter() - started)

    def _record(self, scope: Scope, status: int, seconds: float) -> None:
        server = getattr(scope["app"].state, "server", None)
        if server is None:
            return
        route, method = route_template(scope), scope["method"]
        metrics: Metrics = server.metrics
        metrics.observe_request(method, route, status, seconds)
        if route.startswith("/v1"):
            state = scope.get("state", {})
            tenants: TenantStore = server.tenants
            tenants.audit(AuditEntry(at=time.time(), tenant=state.get("tenant"), key_id=state.get("key_id"),
                                     method=method, route=route, status=status,
                                     latency_ms=round(seconds * 1000, 2)))


class BodyTooLarge(HTTPException):
    def __init__(self) -> None:
        super().__init__(status_code=413, detail="the request body is larger than the limit")


class BodyLimitMiddleware:
    """A body past its limit is a 413: small for JSON, larger for multipart uploads (streamed to disk)."""

    def __init__(self, app: ASGIApp, json_limit: int, upload_limit: int) -> None:
        self.app, self.json_limit, self.upload_limit = app, json_limit, upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        # Multipart framing adds a little to the file itself; the upload reader enforces the exact limit.
        multipart = headers.get("content-type", "").startswith("multipart/")
        limit = self.upload_limit + 65_536 if multipart else self.json_limit
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            response = error_response(413, "payload_too_large", f"the request body is larger than {limit:,} bytes")
            await response(scope, receive, send)
            return
        received = 0

        async def receive_with_limit() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge()
            return message

        await self.app(scope, receive_with_limit, send)
