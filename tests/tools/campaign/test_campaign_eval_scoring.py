"""The campaign eval's scorer accepts a correct plan and catches each kind of broken plan."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from evals.campaign_eval import expected_events, score_plan
from tools.campaign import Plan, PlanRequest, build_plan, parse_plan_request


@pytest.fixture(scope="module")
def case() -> tuple[PlanRequest, Plan]:
    request = parse_plan_request(
        {
            "product": {"name": "Yoga mat", "category": "sports"},
            "markets": ["US", "MX", "SA"],
            "budget": {"amount": "30000", "currency": "USD"},
            "start": "2025-11-01",
            "end": "2025-12-31",
            "constraints": {"market_min_share": {"MX": 0.25}},
        }
    )
    return request, build_plan(request)


def tampered(plan: Plan, **changes: Any) -> Plan:
    return plan.model_copy(update=changes, deep=True)


def test_a_built_plan_passes_every_check(case: tuple[PlanRequest, Plan]) -> None:
    request, plan = case
    scores = score_plan(request, plan)
    assert scores["problems"] == []
    assert scores["calendar_recall"] == 1.0
    assert all(scores[k] for k in ("budget_exact", "constraints_ok", "kpi_consistent", "phases_ok"))


def test_expected_events_are_computed_independently(case: tuple[PlanRequest, Plan]) -> None:
    request, _ = case
    expected = expected_events(request)
    assert ("US", date(2025, 11, 28), "black friday", 0) in expected
    assert any(e[0] == "MX" and e[2] == "buen fin" for e in expected)
    assert any(e[0] == "SA" and e[2] == "white friday" for e in expected)


def test_missing_events_lower_recall(case: tuple[PlanRequest, Plan]) -> None:
    request, plan = case
    fewer = tampered(plan, calendar=[c for c in plan.calendar if "Black Friday" not in c.event])
    scores = score_plan(request, fewer)
    assert scores["calendar_recall"] < 1.0
    assert any("black friday" in p for p in scores["problems"])


def test_budget_constraint_and_kpi_breaks_are_caught(case: tuple[PlanRequest, Plan]) -> None:
    request, plan = case
    first = plan.allocations[0]
    short = tampered(
        plan, allocations=[first.model_copy(update={"amount": first.amount - 1}), *plan.allocations[1:]]
    )
    assert score_plan(request, short)["budget_exact"] is False
    mx = sum(a.amount for a in plan.allocations if a.market == "MX")
    moved = [a.model_copy(update={"market": "US"}) if a.market == "MX" else a for a in plan.allocations]
    assert mx > 0 and score_plan(request, tampered(plan, allocations=moved))["constraints_ok"] is False
    kpis = plan.kpis.model_copy(
        update={"roas": plan.kpis.roas.model_copy(update={"mid": plan.kpis.roas.mid + 1})}
    )
    assert score_plan(request, tampered(plan, kpis=kpis))["kpi_consistent"] is False
    phases = tampered(plan, phases=plan.phases[1:])
    assert score_plan(request, phases)["phases_ok"] is False


def test_output_that_is_not_a_plan_fails_every_check(case: tuple[PlanRequest, Plan]) -> None:
    request, _ = case
    scores = score_plan(request, {"allocations": [{"market": "US", "amount": Decimal(1)}]})
    assert scores["calendar_recall"] == 0.0 and not scores["budget_exact"] and scores["problems"]
