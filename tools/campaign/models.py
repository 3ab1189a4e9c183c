"""Request and plan models of the campaign planner (the body of POST /v1/campaigns/plan)."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from tools.calendar import EventKind

Goal = Literal["sales", "awareness"]
PhaseName = Literal["warm-up", "peak", "retargeting"]


class Product(BaseModel):
    """The product being advertised; `price` (in the budget currency) sets the order value when given."""

    name: str
    description: str | None = None
    features: list[str] = []
    category: str = "general"
    brand: str | None = None
    keywords: list[str] = []
    price: Decimal | None = None


class Money(BaseModel):
    amount: Decimal
    currency: str


class Constraints(BaseModel):
    """Limits on the split; shares are fractions of the budget (0.25 = 25 %)."""

    channel_min_share: dict[str, float] = {}
    channel_max_share: dict[str, float] = {}
    market_min_share: dict[str, float] = {}
    market_max_share: dict[str, float] = {}


class PlanRequest(BaseModel):
    product: Product
    markets: list[str]
    budget: Money
    start: dt.date
    end: dt.date
    goal: Goal = "sales"
    channels: list[str] | None = None
    constraints: Constraints | None = None


class PlanAllocation(BaseModel):
    market: str
    channel: str
    amount: Decimal
    share: Decimal
    expected_impressions: int
    expected_reach: int
    expected_clicks: int
    expected_conversions: Decimal
    expected_revenue: Decimal
    rationale: str


class CalendarEntry(BaseModel):
    date: dt.date
    end_date: dt.date | None = None
    market: str
    event: str
    kind: EventKind
    action: str
    uncertainty_days: int = 0
    source: str


class Phase(BaseModel):
    name: PhaseName
    start: dt.date
    end: dt.date
    markets: list[str]
    share_of_budget: Decimal
    amount: Decimal
    events: list[str] = []


class Range(BaseModel):
    low: Decimal
    mid: Decimal
    high: Decimal


class KPIs(BaseModel):
    """Targets derived from the allocation; money in the budget currency, `ctr` in percent."""

    currency: str
    roas: Range
    cpa: Range | None
    ctr: Range
    cpm: Decimal
    expected_impressions: Range
    expected_reach: int
    expected_clicks: int
    expected_conversions: Range
    expected_revenue: Range
    average_order_value: Decimal


class Plan(BaseModel):
    product: str
    markets: list[str]
    budget: Money
    start: dt.date
    end: dt.date
    goal: Goal
    allocations: list[PlanAllocation]
    calendar: list[CalendarEntry]
    phases: list[Phase]
    kpis: KPIs
    assumptions: list[str]
    risks: list[str]
    sources: list[str] = Field(default_factory=list)
    summary: str
