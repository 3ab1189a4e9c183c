"""`chuhai eval campaign`: the campaign specialist's plans and narratives on evals/datasets/campaign_requests.jsonl.

Each request goes through the agent's service (plan, notes, narrative with its number check) and the plan
is scored by evals.campaign_eval.score_plan. Narrative metrics: how often the model's first draft passed the
number check, how often the final text is the model's, and whether every number of every final text is the
plan's (the gate: the check in code must never let an invented number through).
"""

import time
from typing import Any

from agents.campaign.service import CampaignPlanRequest, plan_campaign
from agents.campaign.state import CampaignPlanResponse
from agents.context import Deps
from evals.campaign_eval import DATASET, THRESHOLDS, score_plan
from evals.report import EvalReport, load_jsonl
from tools.campaign import numbers_in_plan, numbers_in_text, parse_plan_request
from tools.errors import BadInput

TENANT = "eval-campaign"  # no ad history: plans stand on public benchmarks


def _narrative_scores(response: CampaignPlanResponse) -> dict[str, Any]:
    plan = response.to_plan()
    invented = numbers_in_text(response.summary) - numbers_in_plan(plan) - numbers_in_text(plan.product)
    return {
        "narrative_model": response.narrative_source == "model",
        "narrative_first_pass": response.narrative_source == "model" and response.narrative_attempts == 1,
        "narrative_numbers_ok": not invented,
        "invented": sorted(str(n) for n in invented),
    }


def score_case(deps: Deps, case: dict[str, Any]) -> dict[str, Any]:
    """Plan one request through the service and score the plan and its narrative."""
    request = parse_plan_request(case["request"])
    body = CampaignPlanRequest.model_validate({**case["request"], "language": case.get("language", "en")})
    started = time.perf_counter()
    try:
        response = plan_campaign(deps, body, TENANT)
    except BadInput as error:
        zero = {n: 0.0 if n == "calendar_recall" else False for n in THRESHOLDS}
        return {"id": case["id"], **zero, "narrative_model": False, "narrative_first_pass": False,
                "narrative_numbers_ok": False, "problems": [str(error)], "seconds": 0.0}
    seconds = time.perf_counter() - started
    return {"id": case["id"], **score_plan(request, response.to_plan()), **_narrative_scores(response),
            "attempts": response.narrative_attempts, "seconds": round(seconds, 3)}


def run(deps: Deps, limit: int | None) -> EvalReport:
    """Every request (or the first `limit`) through the service; passes when every rate meets its threshold."""
    rows = [score_case(deps, case) for case in load_jsonl(DATASET, limit)]
    names = [*THRESHOLDS, "narrative_numbers_ok", "narrative_model", "narrative_first_pass"]
    rates = {name: round(sum(float(r[name]) for r in rows) / len(rows), 4) for name in names}
    gates = {**THRESHOLDS, "narrative_numbers_ok": 1.0}
    met = [name for name, threshold in gates.items() if rates[name] >= threshold]
    failures = [{"id": r["id"], "problems": r.get("problems", [])[:3], "invented": r.get("invented", [])}
                for r in rows if r.get("problems") or r.get("invented")]
    metrics = {**rates, "cases": len(rows), "checks_met": round(len(met) / len(gates), 4),
               "mean_seconds": round(sum(r["seconds"] for r in rows) / len(rows), 3), "failures": failures[:20]}
    headline = (f"{len(rows)} plans: budget {rates['budget_exact']:.2f}, constraints {rates['constraints_ok']:.2f}, "
                f"KPIs {rates['kpi_consistent']:.2f}, phases {rates['phases_ok']:.2f}, "
                f"calendar recall {rates['calendar_recall']:.3f}; narrative from the model "
                f"{rates['narrative_model']:.2f} (first draft passed {rates['narrative_first_pass']:.2f}), "
                f"numbers all from the plan {rates['narrative_numbers_ok']:.2f}")
    return EvalReport(suite="campaign", metrics=metrics, gate="checks_met", threshold=1.0,
                      passed=len(met) == len(gates), headline=headline)
