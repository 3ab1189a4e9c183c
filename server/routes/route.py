"""POST /v1/route: the router's decision only."""

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from agents.router.state import Route
from agents.service import MAX_MESSAGE_CHARS
from server.deps import AppCopilot, TenantName
from server.errors import ERROR_RESPONSES

router = APIRouter(prefix="/v1", tags=["chat"])


class RouteRequest(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"text": "find TikTok influencers for my lamp in DE"}]})

    text: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS, description="The request to route.")


@router.post("/route", response_model=Route, summary="Which specialists a request goes to",
             responses={503: {"description": "the language model is unavailable for an unsure request"},
                        **ERROR_RESPONSES})
async def route(body: RouteRequest, tenant: TenantName, copilot: AppCopilot) -> Route:
    """Fast path by nearest labelled examples; the model decides only when unsure (503 if it is unavailable)."""
    return await run_in_threadpool(copilot.route, body.text)
