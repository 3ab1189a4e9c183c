"""POST /v1/compliance/check: rules always; the model review when the model answers, else rules only."""

from typing import Annotated

import fastapi
from starlette.concurrency import run_in_threadpool

from agents.compliance.service import check_compliance
from agents.compliance.state import ComplianceRequest, ComplianceResponse
from server.deps import AppDeps, TenantName

router = fastapi.APIRouter(prefix="/v1")


@router.post("/compliance/check", response_model=ComplianceResponse)
async def compliance_check(
    body: ComplianceRequest, tenant: TenantName, deps: AppDeps,
    rules_only: Annotated[bool, fastapi.Query(description="Skip the model review.")] = False,
) -> ComplianceResponse:
    """No model dependency on purpose: without a model the check answers from the rules, with a note."""
    return await run_in_threadpool(
        lambda: check_compliance(deps, body, use_model=not rules_only, tenant=tenant)
    )
