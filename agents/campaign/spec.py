"""How the orchestrator runs the campaign specialist and reads its output."""

from datetime import date
from typing import Any

from pydantic import BaseModel

from agents.campaign.graph import build_graph
from agents.campaign.state import CampaignInput, CampaignPlanResponse
from agents.campaign.turn import plan_input
from agents.registry import SpecialistSpec, TurnInput
from tools.campaign.wording import channel_label, fmt, percent

MAX_DATES_SHOWN = 5


def _input(turn: TurnInput) -> CampaignInput:
    return plan_input(turn.text, turn.language, turn.slots, turn.tenant, turn.earlier_outputs, date.today())


def answer_text(output: BaseModel) -> str:
    """The narrative (or marked summary), then the split and the key dates, all from the plan."""
    plan = CampaignPlanResponse.model_validate(output)
    currency = plan.budget.currency
    lines = [f"{plan.narrative_note}\n{plan.summary}".strip(), ""]
    lines += [f"- {a.market} {channel_label(a.channel)}: {fmt(a.amount)} {currency} ({percent(a.share)}%)"
              for a in plan.allocations]
    key_dates = [c for c in plan.calendar if c.kind != "holiday"][:MAX_DATES_SHOWN]
    if key_dates:
        lines += [""] + [f"- {c.date.isoformat()} {c.market} {c.event}: {c.action}" for c in key_dates]
    return "\n".join(lines)


def citations(output: BaseModel) -> list[dict[str, Any]]:
    return [c.model_dump() for c in CampaignPlanResponse.model_validate(output).citations]


SPEC = SpecialistSpec(
    name="campaign",
    input_model=CampaignInput,
    output_model=CampaignPlanResponse,
    build=build_graph,
    input_from_turn=_input,
    answer_of=answer_text,
    citations_of=citations,
    tools=("campaign.build_plan", "analytics.ad_history", "knowledge.search"),
)
