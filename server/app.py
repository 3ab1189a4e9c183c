"""The HTTP app: REST under /v1, SSE chat, the chat page, health and metrics.

Runtime (models, stores, graph) is built once in the lifespan; routes are thin and call the
same service functions as the CLI; errors become responses in server/errors.py only.
"""

import importlib
import pkgutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from agents.context import Deps
from server.deps import ServerState
from server.errors import install_error_handlers
from server.metrics import Metrics
from server.middleware import AuditMiddleware, BodyLimitMiddleware
from server.ratelimit import RateLimiter
from server.runtime import build_deps, load_settings
from server.tenants import TenantStore, tenant_db_path
from tools.settings import Settings

if TYPE_CHECKING:
    from agents.service import Copilot

STATIC = Path(__file__).parent / "static"
DESCRIPTION = """Chuhai 出海: a marketing copilot for cross-border sellers.

Every `/v1` route takes `Authorization: Bearer <api key>` (create one with `chuhai tenants create NAME`);
a key sees only its tenant's data. Errors are `{"error": {"code", "message"}}`."""


def build_state(settings: Settings, deps: Deps | None = None, copilot: "Copilot | None" = None) -> ServerState:
    """Deps, the orchestrated Copilot, tenants, limiter and metrics: once per process."""
    from agents.service import Copilot

    deps = deps or build_deps(settings)
    deps.store.count()  # the store and its embedder load now, not on the first request
    return ServerState(
        settings=settings, deps=deps, copilot=copilot or Copilot(deps),
        tenants=TenantStore(tenant_db_path(settings.home)),
        limiter=RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst), metrics=Metrics(),
    )


def include_routes(app: FastAPI) -> None:
    """Every module in server/routes/ that exposes `router` is mounted."""
    import server.routes

    for module in sorted(pkgutil.iter_modules(server.routes.__path__), key=lambda m: m.name):
        router = getattr(importlib.import_module(f"server.routes.{module.name}"), "router", None)
        if router is not None:
            app.include_router(router)


def create_app(
    settings: Settings | None = None, *, deps: Deps | None = None, copilot: "Copilot | None" = None
) -> FastAPI:
    """The app; `deps` and `copilot` let tests and benchmarks run with fake models."""
    settings = settings or (deps.settings if deps else load_settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = build_state(settings, deps, copilot)
        app.state.server = state
        try:
            yield
        finally:
            state.tenants.close()

    app = FastAPI(title="Chuhai API", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, json_limit=settings.max_body_bytes,
                       upload_limit=settings.max_upload_bytes)
    app.add_middleware(AuditMiddleware)
    include_routes(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
