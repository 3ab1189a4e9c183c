"""KOL suite: requests on the demo directory against the generator's ground truth.

Reports hard-constraint satisfaction, budget adherence, fraud recall and precision, and NDCG@10
against the generator's graded relevance. `python -m evals.kol_eval` exits non-zero below thresholds.
"""

import argparse
import math
import sys
import time
from typing import Any

import duckdb

from evals.report import DATASETS, EvalReport, load_jsonl, percentile
from tools.kol import (
    Creator,
    CreatorDirectory,
    GroundTruth,
    MatchRequest,
    MatchResponse,
    assess_fraud,
    generate_demo_creators,
    hashing_embedder,
    match_creators,
    upsert_creators,
)
from tools.kol.fraud import high_risk_threshold
from tools.kol.scoring import estimate_cost
from tools.kol.store import ensure_schema
from tools.kol.text import base_language

THRESHOLDS = {
    "constraints_share": 1.0,
    "budget_share": 1.0,
    "fraud_recall": 0.9,
    "fraud_precision": 0.8,
    "ndcg_at_10": 0.8,
}
K = 10


def violations(creator: Creator, request: MatchRequest) -> list[str]:
    """Hard filters a creator breaks, checked from its own data."""
    broken = []
    if creator.country not in {m.upper() for m in request.markets}:
        broken.append("market")
    if request.platforms and creator.platform not in request.platforms:
        broken.append("platform")
    followers = creator.followers
    if request.min_followers is not None and (followers is None or followers < request.min_followers):
        broken.append("min_followers")
    if request.max_followers is not None and (followers is None or followers > request.max_followers):
        broken.append("max_followers")
    if request.languages:
        spoken = {base_language(c) for c in creator.languages or []}
        if not spoken & {base_language(c) for c in request.languages}:
            broken.append("language")
    for cap in (request.budget, request.max_price):
        if cap is not None:
            cost = estimate_cost(creator, cap.currency)
            if cost is None or cost.money.amount > cap.amount * (1 + 1e-9):
                broken.append("price")
    return broken


def response_violations(response: MatchResponse, request: MatchRequest, by_id: dict[str, Creator]) -> list[str]:
    """Every broken constraint in one response: per match, count, duplicates, fraud and budget."""
    broken = [f"{m.handle}: {v}" for m in response.matches for v in violations(by_id[m.creator_id], request)]
    if len(response.matches) > request.limit:
        broken.append("over limit")
    handles = [m.handle.lower() for m in response.matches]
    if len(set(handles)) < len(handles):
        broken.append("same handle twice")
    if not request.allow_high_risk and any(m.fraud_risk >= high_risk_threshold() for m in response.matches):
        broken.append("high fraud risk selected")
    return broken


def over_budget(response: MatchResponse, request: MatchRequest) -> bool:
    """True when the selected creators cost more than the budget."""
    if request.budget is None:
        return False
    total = sum(m.estimated_cost.amount if m.estimated_cost else math.inf for m in response.matches)
    return total > request.budget.amount


def ndcg(gains: list[int], ideal: list[int], k: int = K) -> float:
    """Normalized discounted cumulative gain at k with exponential gains."""

    def dcg(values: list[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(values[:k]))

    best = dcg(sorted(ideal, reverse=True))
    return dcg(gains) / best if best > 0 else 1.0


def _grades(truth: GroundTruth, category: str, markets: list[str]) -> dict[str, int]:
    merged: dict[str, int] = {}
    for market in markets:
        for creator_id, grade in truth.relevance(category, market).items():
            merged[creator_id] = max(merged.get(creator_id, 0), grade)
    return merged


def fraud_metrics(creators: list[Creator], truth: GroundTruth) -> dict[str, Any]:
    """Recall and precision of risk ≥ threshold against the planted patterns."""
    flagged = {c.creator_id for c in creators if assess_fraud(c).risk >= high_risk_threshold()}
    planted = truth.fraudulent()
    hits = len(flagged & planted)
    missed: dict[str, int] = {}
    for creator_id in planted - flagged:
        missed[truth.fraud[creator_id]] = missed.get(truth.fraud[creator_id], 0) + 1
    return {
        "fraud_recall": round(hits / len(planted), 4) if planted else 1.0,
        "fraud_precision": round(hits / len(flagged), 4) if flagged else 1.0,
        "fraud_planted": len(planted),
        "fraud_flagged": len(flagged),
        "fraud_missed_by_pattern": missed,
    }


def evaluate_kol(limit: int | None = None) -> EvalReport:
    """Run every request of kol_requests.jsonl on the demo directory and score the answers."""
    cases = load_jsonl(DATASETS / "kol_requests.jsonl", limit)
    creators, truth = generate_demo_creators()
    by_id = {c.creator_id: c for c in creators}
    conn = duckdb.connect()
    ensure_schema(conn)
    upsert_creators(conn, creators)
    directory, embed = CreatorDirectory(conn), hashing_embedder()
    ok = within_budget = 0
    scores, latency, failures, empty = [], [], [], 0
    for case in cases:
        request = MatchRequest.model_validate(case["request"])
        started = time.perf_counter()
        response = match_creators(directory, request, embed)
        latency.append((time.perf_counter() - started) * 1000)
        broken = response_violations(response, request, by_id)
        ok += not broken
        within_budget += not over_budget(response, request)
        grades = _grades(truth, case["category"], request.markets)
        eligible = [grades[c.creator_id] for c in creators if not violations(c, request)]
        scores.append(ndcg([grades[m.creator_id] for m in response.matches], eligible))
        empty += not response.matches
        if broken or over_budget(response, request):
            failures.append({"id": case["id"], "broken": broken, "total_cost": response.total_cost})
    conn.close()
    total = len(cases)
    metrics: dict[str, Any] = {
        "cases": total,
        "constraints_share": round(ok / total, 4) if total else 0.0,
        "budget_share": round(within_budget / total, 4) if total else 0.0,
        "ndcg_at_10": round(sum(scores) / total, 4) if total else 0.0,
        "empty_responses": empty,
        "p50_ms": round(percentile(latency[1:] or latency, 0.5), 2),
        "first_request_ms": round(latency[0], 2) if latency else 0.0,
        **fraud_metrics(creators, truth),
        "failures": failures,
    }
    passed = all(metrics[name] >= floor for name, floor in THRESHOLDS.items())
    headline = (
        f"constraints {metrics['constraints_share']:.0%}, budget {metrics['budget_share']:.0%}, "
        f"fraud recall {metrics['fraud_recall']:.2f} precision {metrics['fraud_precision']:.2f}, "
        f"NDCG@10 {metrics['ndcg_at_10']:.3f} on {total} requests; p50 {metrics['p50_ms']} ms"
    )
    return EvalReport(
        suite="kol",
        metrics=metrics,
        gate=", ".join(THRESHOLDS),
        threshold=THRESHOLDS["ndcg_at_10"],
        passed=passed,
        headline=headline,
        config={"thresholds": THRESHOLDS, "embedder": "hashing_embedder(256)", "demo": "n=2400 seed=11"},
    )


def main(argv: list[str] | None = None) -> int:
    """Print the report as JSON; exit 1 when a metric is below its threshold."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N requests")
    args = parser.parse_args(argv)
    report = evaluate_kol(args.limit)
    print(report.model_dump_json(indent=2))
    print(("PASS " if report.passed else "FAIL ") + report.headline, file=sys.stderr)
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
