"""POST /v1/kol/match: creators for the caller's tenant (its own plus the shared directory) and outreach."""

import fastapi
from starlette.concurrency import run_in_threadpool

from agents.kol.service import match_kol
from agents.kol.state import KolMatchRequest, KolMatchResponse
from server.deps import AppDeps, TenantName

router = fastapi.APIRouter(prefix="/v1")


@router.post("/kol/match", response_model=KolMatchResponse)
async def kol_match(body: KolMatchRequest, tenant: TenantName, deps: AppDeps) -> KolMatchResponse:
    """No model dependency on purpose: without a model, outreach falls back to the checked templates."""
    return await run_in_threadpool(match_kol, deps, body, tenant)
