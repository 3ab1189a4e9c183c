"""Routing suite: labelled requests (zh / en / mixed) against the router's decision."""

import time
from collections import defaultdict
from collections.abc import Callable

from agents.router.state import Route
from evals.report import DATASETS, EvalReport, load_jsonl, percentile

THRESHOLD = 0.8  # exact specialist-list accuracy (measured 85.2 %)


def evaluate_routing(route: Callable[[str], Route], limit: int | None = None) -> EvalReport:
    cases = load_jsonl(DATASETS / "routing.jsonl", limit)
    exact = first = missing_ok = 0
    latency: dict[str, list[float]] = defaultdict(list)
    by_lang: dict[str, list[int]] = defaultdict(list)
    errors = []
    for case in cases:
        started = time.perf_counter()
        decision = route(case["text"])
        latency[decision.source].append((time.perf_counter() - started) * 1000)
        hit = list(decision.specialists) == case["specialists"]
        exact += hit
        first += decision.specialists[0] == case["specialists"][0]
        missing_ok += sorted(decision.missing) == sorted(case.get("missing", []))
        by_lang[case["lang"]].append(int(hit))
        if not hit:
            errors.append({"id": case["id"], "expected": case["specialists"], "got": decision.specialists,
                           "source": decision.source})
    total = len(cases)
    accuracy = exact / total if total else 0.0
    metrics = {
        "cases": total,
        "exact_accuracy": round(accuracy, 4),
        "first_specialist_accuracy": round(first / total, 4) if total else 0.0,
        "missing_slot_accuracy": round(missing_ok / total, 4) if total else 0.0,
        "accuracy_by_lang": {lang: round(sum(v) / len(v), 4) for lang, v in by_lang.items()},
        "share_by_source": {source: round(len(v) / total, 4) for source, v in latency.items()},
        "p50_ms_by_source": {source: round(percentile(v, 0.5), 2) for source, v in latency.items()},
        "p95_ms_by_source": {source: round(percentile(v, 0.95), 2) for source, v in latency.items()},
        "errors": errors,
    }
    return EvalReport(suite="routing", metrics=metrics, gate="exact_accuracy", threshold=THRESHOLD,
                      passed=accuracy >= THRESHOLD,
                      headline=f"exact {accuracy:.1%} on {total} requests (threshold {THRESHOLD:.0%}), "
                               f"sources {metrics['share_by_source']}, p50 ms {metrics['p50_ms_by_source']}")
