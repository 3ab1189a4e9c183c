"""Request dependencies: the caller's tenant from the API key, and the process-wide runtime."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from agents.context import Deps
from server.errors import RateLimited, Unauthorized
from server.metrics import Metrics
from server.ratelimit import RateLimiter
from server.tenants import TenantStore
from tools.errors import LLMUnavailable
from tools.settings import Settings

if TYPE_CHECKING:
    from agents.service import Copilot


@dataclass
class ServerState:
    """Everything built once in the app's lifespan."""

    settings: Settings
    deps: Deps
    copilot: "Copilot"
    tenants: TenantStore
    limiter: RateLimiter
    metrics: Metrics


# The dependencies are `async def` although none awaits: FastAPI runs a plain `def` dependency in the
# thread pool, and three hops per request cost more than the rules-only compliance check itself.
# Each is quick and non-blocking (a key lookup by primary key in SQLite WAL, a file stat).
async def get_state(request: Request) -> ServerState:
    state: ServerState = request.app.state.server
    return state


State = Annotated[ServerState, Depends(get_state)]
_bearer = HTTPBearer(auto_error=False, description="An API key from `chuhai tenants create NAME`.")


async def current_tenant(
    request: Request, state: State, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> str:
    """Authorization: Bearer <key> → the key's tenant; each key also spends from its rate limit."""
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise Unauthorized("missing API key: send 'Authorization: Bearer <key>'")
    caller = state.tenants.resolve(credentials.credentials)
    if caller is None:
        raise Unauthorized("invalid or revoked API key")
    request.state.tenant, request.state.key_id = caller.tenant, caller.key_id
    decision = state.limiter.take(caller.key_id)
    if not decision.allowed:
        raise RateLimited(f"too many requests; retry in {decision.retry_after_s:.1f} s", decision.retry_after_s)
    return caller.tenant


async def get_deps(state: State) -> Deps:
    return state.deps


async def get_copilot(state: State) -> "Copilot":
    return state.copilot


def model_is_ready(deps: Deps) -> bool:
    """A configured endpoint counts as ready; the embedded model needs its file on disk."""
    if deps._chat_model is not None or deps.settings.llm_provider != "local":
        return True
    from agents.llm.embedded import embedded_model_path

    return (deps.settings.local_model_path or embedded_model_path(deps.settings.models_dir)).exists()


async def require_model(deps: Annotated[Deps, Depends(get_deps)], _: Annotated[str, Depends(current_tenant)]) -> None:
    """Model-dependent routes answer 503 with a clear message when no model is available (after auth)."""
    if not model_is_ready(deps):
        raise LLMUnavailable("the language model is not available: run `chuhai models prepare` or configure "
                             "CHUHAI_LLM_PROVIDER=openai with an endpoint")


TenantName = Annotated[str, Depends(current_tenant)]
AppDeps = Annotated[Deps, Depends(get_deps)]
AppCopilot = Annotated["Copilot", Depends(get_copilot)]
ModelReady = Depends(require_model)
