"""POST /v1/campaigns/plan: a campaign plan for the caller's tenant (its ad history, never another's)."""

import fastapi
from starlette.concurrency import run_in_threadpool

from agents.campaign.service import CampaignPlanRequest, plan_campaign
from agents.campaign.state import CampaignPlanResponse
from server.deps import AppDeps, TenantName

router = fastapi.APIRouter(prefix="/v1")


@router.post("/campaigns/plan", response_model=CampaignPlanResponse)
async def campaigns_plan(body: CampaignPlanRequest, tenant: TenantName, deps: AppDeps) -> CampaignPlanResponse:
    """The tenant comes from the API key; the plan's numbers come from code, the narrative is checked."""
    return await run_in_threadpool(plan_campaign, deps, body, tenant)
