"""The service behind `chuhai plan` and POST /v1/campaigns/plan: one plan, with its narrative."""

from typing import Any

from pydantic import Field

from agents.campaign.graph import build_graph
from agents.campaign.state import CampaignInput, CampaignPlanResponse
from agents.context import Deps
from agents.llm.usage import UsageMeter
from tools.campaign import PlanRequest, parse_plan_request


class CampaignPlanRequest(PlanRequest):
    """The REST body: a plan request plus the narrative's language and whether to write one."""

    language: str = Field(default="en", description="zh or en: the narrative's language.")
    narrative: bool = Field(default=True, description="False returns the deterministic summary, no model call.")


def parse_campaign_request(data: Any) -> CampaignPlanRequest:
    """A CampaignPlanRequest from JSON-like data; BadInput names the wrong field."""
    parse_plan_request(data)  # the planner's own message for a bad plan field
    return CampaignPlanRequest.model_validate(data)


def plan_campaign(
    deps: Deps, request: CampaignPlanRequest, tenant: str, context: str = "", meter: UsageMeter | None = None
) -> CampaignPlanResponse:
    """Plan, retrieve notes and narrate for `tenant` (always the caller's, never from the body)."""
    plan_request = PlanRequest.model_validate(request.model_dump(exclude={"language", "narrative"}))
    graph_input = CampaignInput(request=plan_request, language=request.language, tenant=tenant,
                                narrative=request.narrative, context=context)
    result = build_graph(deps, meter or UsageMeter()).invoke({"input": graph_input})
    return CampaignPlanResponse.model_validate(result["output"])
