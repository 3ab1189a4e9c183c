"""Peer baseline: the campaign requests answered by the model alone, scored like the agent's plans.

`python -m evals.campaign_baseline --limit 5 [--out FILE]` asks the configured chat model (grammar-constrained
to the plan's JSON shape: allocations, calendar, phases, KPIs) for each of the first N requests of
evals/datasets/campaign_requests.jsonl, fills the fields the request already fixes (product, markets,
budget, dates, goal), and scores the result with evals.campaign_eval.score_plan. The agent's deterministic
plan for the same requests is scored beside it. The model is slow on a shared CPU: keep N small.
"""

import argparse
import json
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from langchain_core.messages import HumanMessage
from pydantic import BaseModel, Field

from agents.llm import ask_structured
from agents.llm.structured import InvalidModelOutput
from evals.campaign_eval import DATASET, THRESHOLDS, score_plan
from evals.report import load_jsonl
from prompts import render
from tools.campaign import KPIs, PlanRequest, build_plan, parse_plan_request
from tools.campaign.reference import channel_name, channels
from tools.errors import BadInput, LLMUnavailable

BASELINE_MAX_TOKENS = 1536
Channel = Literal["meta", "google_search", "google_shopping", "tiktok", "amazon_ads"]


class BaselineAllocation(BaseModel):
    market: str
    channel: Channel
    amount: Decimal
    share: Decimal
    expected_impressions: int
    expected_reach: int
    expected_clicks: int
    expected_conversions: Decimal
    expected_revenue: Decimal


class BaselineEvent(BaseModel):
    date: date
    market: str
    event: str
    kind: Literal["holiday", "commerce", "cultural", "logistics"]
    action: str


class BaselinePhase(BaseModel):
    name: Literal["warm-up", "peak", "retargeting"]
    start: date
    end: date
    share_of_budget: Decimal
    amount: Decimal


class BaselinePlan(BaseModel):
    allocations: list[BaselineAllocation] = Field(min_length=1, max_length=12)
    calendar: list[BaselineEvent] = Field(max_length=20)
    phases: list[BaselinePhase] = Field(min_length=1, max_length=3)
    kpis: KPIs


def as_plan(request: PlanRequest, answer: BaselinePlan) -> dict[str, Any]:
    """The model's answer as a plan dict: request fields filled in, texts the model was not asked for empty."""
    return {
        "product": request.product.name, "markets": request.markets, "budget": request.budget.model_dump(),
        "start": request.start, "end": request.end, "goal": request.goal,
        "allocations": [{**a.model_dump(), "rationale": ""} for a in answer.allocations],
        "calendar": [{**e.model_dump(), "source": "model"} for e in answer.calendar],
        "phases": [{**p.model_dump(), "markets": request.markets} for p in answer.phases],
        "kpis": answer.kpis.model_dump(), "assumptions": [], "risks": [], "summary": "",
    }


def ask_model(model: Any, request: PlanRequest) -> tuple[dict[str, Any], str]:
    """The model's plan as a dict ({} when it gave none), and why not."""
    names = [channel_name(c) for c in request.channels] if request.channels else list(channels().channels)
    prompt = render("campaign/baseline", request=request.model_dump_json(exclude_none=True), channels=names,
                    currency=request.budget.currency, budget=str(request.budget.amount),
                    start=request.start.isoformat(), end=request.end.isoformat())
    try:
        answer = ask_structured(model, [HumanMessage(prompt)], BaselinePlan, retries=0)
    except (InvalidModelOutput, LLMUnavailable) as error:
        return {}, str(error)[:200]
    return as_plan(request, answer), ""


def _agent_scores(request: PlanRequest) -> dict[str, Any]:
    try:
        return score_plan(request, build_plan(request))
    except BadInput as error:
        return {**{n: 0.0 if n == "calendar_recall" else False for n in THRESHOLDS}, "problems": [str(error)]}


def compare(
    model: Any, cases: list[dict[str, Any]], on_row: Callable[[dict[str, Any]], None] | None = None
) -> dict[str, Any]:
    """Per-request scores of the model alone and of the agent's planner, and the rates of each."""
    rows = []
    for case in cases:
        request = parse_plan_request(case["request"])
        started = time.perf_counter()
        plan, error = ask_model(model, request)
        seconds = time.perf_counter() - started
        rows.append({"id": case["id"], "model_seconds": round(seconds, 1), "model_error": error,
                     "model": score_plan(request, plan), "agent": _agent_scores(request)})
        if on_row:
            on_row(rows[-1])
    rates = {side: {name: round(sum(float(r[side][name]) for r in rows) / len(rows), 4) for name in THRESHOLDS}
             for side in ("model", "agent")}
    return {"cases": len(rows), "rates": rates, "results": rows}


def _brief(scores: dict[str, Any]) -> str:
    return " ".join(f"{name}={float(scores[name]):.2f}" for name in THRESHOLDS)


def main(argv: list[str] | None = None) -> int:
    """Run the baseline on the first --limit requests and print both sides."""
    from server.runtime import build_deps, load_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=5)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    settings = load_settings()
    deps = build_deps(settings.model_copy(update={"llm_max_tokens": BASELINE_MAX_TOKENS}))
    def show(row: dict[str, Any]) -> None:
        print(f"{row['id']}: {row['model_seconds']} s, model {_brief(row['model'])}, agent {_brief(row['agent'])}"
              f"{'; ' + row['model_error'] if row['model_error'] else ''}", flush=True)

    result = compare(deps.chat_model, load_jsonl(DATASET, args.limit), show)
    result["config"] = {"llm_provider": settings.llm_provider, "llm_model": settings.llm_model,
                        "max_tokens": BASELINE_MAX_TOKENS, "limit": args.limit, "dataset": str(DATASET)}
    print(f"{'check':<16} {'model alone':>12} {'agent':>8}")
    for name in THRESHOLDS:
        print(f"{name:<16} {result['rates']['model'][name]:>12.3f} {result['rates']['agent'][name]:>8.3f}")
    if args.out:
        args.out.write_text(json.dumps(result, indent=2, default=str), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
