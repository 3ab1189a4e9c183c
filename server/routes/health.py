"""Liveness, readiness, Prometheus metrics and the chat page."""

from fastapi import APIRouter, Response
from fastapi.responses import FileResponse
from pydantic import BaseModel

from server.deps import State, model_is_ready

router = APIRouter(tags=["health"])
PAGE = "index.html"


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    model: bool
    knowledge_chunks: int


@router.get("/healthz", response_model=Health, summary="Liveness")
def healthz() -> Health:
    """The process answers."""
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness, summary="Readiness",
            responses={503: {"description": "not ready: the model or the store is unavailable"}})
def readyz(state: State, response: Response) -> Readiness:
    """Ready when the store answers and a model is available (rules-only routes work without one)."""
    model = model_is_ready(state.deps)
    chunks = state.deps.store.count()
    if not model:
        response.status_code = 503
    return Readiness(status="ready" if model else "degraded", model=model, knowledge_chunks=chunks)


@router.get("/metrics", summary="Prometheus metrics",
            responses={200: {"content": {"text/plain": {"example": "chuhai_http_requests_total{...} 3.0"}}}})
def metrics(state: State) -> Response:
    """Requests, latency histograms, tokens and model time per specialist."""
    return Response(state.metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8")


@router.get("/", include_in_schema=False)
def chat_page() -> FileResponse:
    from server.app import STATIC

    return FileResponse(STATIC / PAGE, media_type="text/html; charset=utf-8")
