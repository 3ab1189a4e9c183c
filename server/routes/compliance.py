"""POST /v1/compliance/check: rules always; the model review when the model answers, else rules only."""

from typing import Annotated

import fastapi
from starlette.concurrency import run_in_threadpool

from agents.compliance.service import check_compliance
from agents.compliance.state import ComplianceRequest, ComplianceResponse
from server.deps import AppDeps, TenantName

router = fastapi.APIRouter(prefix="/v1")
# A rules-only check of a text this short takes about a millisecond of CPU: the thread-pool hop
# would cost a large share of that and, under the GIL, buy no parallelism. Longer texts and the
# model review run off the event loop.
INLINE_RULES_CHARS = 4_000


@router.post("/compliance/check", response_model=ComplianceResponse)
async def compliance_check(
    body: ComplianceRequest, tenant: TenantName, deps: AppDeps,
    rules_only: Annotated[bool, fastapi.Query(description="Skip the model review.")] = False,
) -> ComplianceResponse:
    """No model dependency on purpose: without a model the check answers from the rules, with a note."""
    if rules_only and len(body.text) <= INLINE_RULES_CHARS:
        return check_compliance(deps, body, use_model=False, tenant=tenant)
    return await run_in_threadpool(
        lambda: check_compliance(deps, body, use_model=not rules_only, tenant=tenant)
    )
