"""Campaign planner core: benchmarks, response curves, budget optimiser, KPIs, plan assembly and exports."""

from tools.campaign.curves import CellEconomics, ResponseCurve, benchmark_economics
from tools.campaign.exports import to_csv, to_ics, to_markdown
from tools.campaign.history import AdHistoryRow, FittedCurve, fit_curves
from tools.campaign.models import (
    CalendarEntry,
    Constraints,
    Goal,
    KPIs,
    Money,
    Phase,
    Plan,
    PlanAllocation,
    PlanRequest,
    Product,
    Range,
)
from tools.campaign.numbers import numbers_in_plan, numbers_in_text
from tools.campaign.optimiser import Allocation, Cell, allocate
from tools.campaign.plan import build_plan, parse_plan_request

__all__ = [
    "AdHistoryRow",
    "Allocation",
    "CalendarEntry",
    "Cell",
    "CellEconomics",
    "Constraints",
    "FittedCurve",
    "Goal",
    "KPIs",
    "Money",
    "Phase",
    "Plan",
    "PlanAllocation",
    "PlanRequest",
    "Product",
    "Range",
    "ResponseCurve",
    "allocate",
    "benchmark_economics",
    "build_plan",
    "fit_curves",
    "numbers_in_plan",
    "numbers_in_text",
    "parse_plan_request",
    "to_csv",
    "to_ics",
    "to_markdown",
]
