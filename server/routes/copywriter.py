"""POST /v1/copy/generate: localized copy for the caller's tenant, checked and compliance-reviewed."""

import fastapi
from starlette.concurrency import run_in_threadpool

from agents.copywriter.service import generate_copy
from agents.copywriter.state import CopyRequest, CopyResponse
from server.deps import AppDeps, TenantName

router = fastapi.APIRouter(prefix="/v1")


@router.post("/copy/generate", response_model=CopyResponse)
async def copy_generate(body: CopyRequest, tenant: TenantName, deps: AppDeps) -> CopyResponse:
    """The tenant comes from the API key; bad markets, platforms or counts are a 400 from BadInput."""
    return await run_in_threadpool(generate_copy, deps, body, tenant)
