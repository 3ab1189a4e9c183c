"""POST /v1/bi/query: a business question over the caller's own data."""

import fastapi
from starlette.concurrency import run_in_threadpool

from agents.analyst.service import answer_question
from agents.analyst.state import BIRequest, BIResponse
from server.deps import AppDeps, TenantName

router = fastapi.APIRouter(prefix="/v1")


@router.post("/bi/query", response_model=BIResponse)
async def bi_query(body: BIRequest, tenant: TenantName, deps: AppDeps) -> BIResponse:
    """The tenant is the API key's, never the body's; the query runs on a read-only connection."""
    return await run_in_threadpool(answer_question, deps, tenant, body)
