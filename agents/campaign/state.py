"""Typed input, output and state of the campaign specialist (the REST contract of POST /v1/campaigns/plan)."""

import datetime as dt
from typing import Literal, TypedDict

from pydantic import BaseModel, Field

from tools.campaign import KPIs, Money, Phase, Plan, PlanAllocation, PlanRequest
from tools.campaign.models import CalendarEntry, Goal

NarrativeSource = Literal["model", "deterministic"]
ExportFormat = Literal["csv", "ics", "md"]


class CampaignInput(BaseModel):
    request: PlanRequest
    language: str = "en"
    tenant: str = "demo"
    narrative: bool = Field(default=True, description="False skips the model and returns the deterministic summary.")
    context: str = Field(default="", description="The analyst's answer earlier in the same turn, shown as context.")


class Citation(BaseModel):
    """A marketing note's source: `id` is a chunk id from the knowledge store."""

    id: str
    title: str
    section: str
    url: str
    source: str


class MarketingNote(BaseModel):
    """What the knowledge store says about an event of the plan's calendar in one market."""

    market: str
    event: str
    citation_id: str
    excerpt: str


class HistoryUse(BaseModel):
    """Whether the plan used the seller's own ad history, and what was left out."""

    rows_used: int = 0
    rows_skipped: int = 0
    currency: str | None = None
    notes: list[str] = []


class CampaignPlanResponse(BaseModel):
    allocations: list[PlanAllocation]
    calendar: list[CalendarEntry]
    kpis: KPIs
    assumptions: list[str]
    citations: list[Citation]
    summary: str = Field(description="The narrative, or the deterministic summary when narrative_source says so.")
    product: str
    markets: list[str]
    budget: Money
    start: dt.date
    end: dt.date
    goal: Goal
    phases: list[Phase]
    risks: list[str]
    sources: list[str] = Field(description="Public sources behind the plan's benchmarks and rules.")
    plan_summary: str = Field(description="The deterministic summary, every number from the plan.")
    narrative_source: NarrativeSource
    narrative_note: str = ""
    narrative_attempts: int = Field(default=0, description="Model drafts written (a rejected draft is retried once).")
    marketing_notes: list[MarketingNote] = []
    history: HistoryUse = HistoryUse()
    context: str = ""
    language: str = "en"
    exports: list[ExportFormat] = ["csv", "ics", "md"]

    def to_plan(self) -> Plan:
        """The deterministic plan behind this response (what the exports and score_plan take)."""
        fields = self.model_dump(include=set(Plan.model_fields) - {"summary"})
        return Plan.model_validate({**fields, "summary": self.plan_summary})


class NarrativeCheck(BaseModel):
    """Numbers a draft states that the plan does not, and whether its language is right."""

    unknown_numbers: list[str] = []
    wrong_language: bool = False

    @property
    def ok(self) -> bool:
        return not self.unknown_numbers and not self.wrong_language


class CampaignState(TypedDict, total=False):
    input: CampaignInput
    plan: Plan
    history: HistoryUse
    notes: list[MarketingNote]
    citations: list[Citation]
    draft: str
    attempts: int
    feedback: str
    output: CampaignPlanResponse
