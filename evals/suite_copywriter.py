"""`chuhai eval copywriter`: listings for evals/datasets/copy_cases.jsonl (96 product × target cases, product
facts in Chinese and English, every market × platform pair).

Two runs, reported apart:
  model     the first `limit` cases (default MODEL_CASES: the embedded model is slow) through the full
            pipeline: draft, checks, compliance, revisions, fallback
  fallback  every case through the deterministic path (use_model=False), to show it always passes
Per run: pass rate of each check (language, limits, facts, repetition, glossary, compliance = no block or
warn finding) overall, per market and per platform; revision rounds; share of fallbacks; seconds per
target; and for the model run the first drafts' pass rate before revision against the final one.
Gate: every final listing of both runs passes every check in code (checks_ok = 1.0).
"""

import time
from collections import defaultdict
from typing import Any

from agents.context import Deps
from agents.copywriter.service import generate_copy
from agents.copywriter.state import CopyResult
from evals.report import DATASETS, EvalReport, load_jsonl, percentile

DATASET = DATASETS / "copy_cases.jsonl"
MODEL_CASES = 8
TENANT = "eval-copywriter"
CHECKS = ("language", "limits", "facts", "repetition", "glossary", "taboos")


def _row(case: dict[str, Any], result: CopyResult, seconds: float) -> dict[str, Any]:
    checks = {c.name: c.ok for c in result.checks if c.name in CHECKS}
    compliance_ok = not any(f.severity in ("block", "warn") for f in result.compliance.findings)
    return {"id": case["id"], "market": result.market, "platform": result.platform, **checks,
            "compliance": compliance_ok, "not_blocked": result.compliance.verdict != "block",
            "checks_ok": all(checks.values()), "fallback": result.source == "fallback", "rounds": result.rounds,
            "first_draft_ok": result.first_draft_ok, "first_draft_checks": result.first_draft_checks,
            "final_ok": all(checks.values()) and compliance_ok,
            "seconds": round(seconds, 3)}


def run_cases(deps: Deps, cases: list[dict[str, Any]], use_model: bool) -> list[dict[str, Any]]:
    """Each case through the service, one target per request, timed."""
    rows = []
    for case in cases:
        body = {"product": case["product"], "targets": [case["target"]], "use_model": use_model}
        started = time.perf_counter()
        result = generate_copy(deps, body, TENANT).results[0]
        rows.append(_row(case, result, time.perf_counter() - started))
    return rows


def _rate(rows: list[dict[str, Any]], name: str) -> float | None:
    """The share of rows where `name` is true, among rows that have it (None when none has)."""
    values = [r[name] for r in rows if r[name] is not None]
    return round(sum(map(float, values)) / len(values), 4) if values else None


def _first_draft_rates(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Each check's pass rate over the model's first drafts: which checks send a draft to revision."""
    drafts = [r["first_draft_checks"] for r in rows if r["first_draft_checks"]]
    names = sorted({name for checks in drafts for name in checks})
    return {name: round(sum(checks.get(name, False) for checks in drafts) / len(drafts), 4) for name in names}


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Pass rates overall, per market and per platform, rounds, fallbacks, seconds and first-draft rates."""
    names = [*CHECKS, "compliance", "not_blocked", "checks_ok", "final_ok"]
    by: dict[str, dict[str, list[dict[str, Any]]]] = {"market": defaultdict(list), "platform": defaultdict(list)}
    for row in rows:
        by["market"][row["market"]].append(row)
        by["platform"][row["platform"]].append(row)
    seconds = [r["seconds"] for r in rows]
    return {
        "cases": len(rows), **{name: _rate(rows, name) for name in names},
        "first_draft_ok": _rate(rows, "first_draft_ok"),
        "first_drafts": sum(r["first_draft_ok"] is not None for r in rows),
        "first_draft_checks": _first_draft_rates(rows),
        "fallback_share": _rate(rows, "fallback"), "mean_rounds": _rate(rows, "rounds"),
        "seconds_per_target": {"mean": round(sum(seconds) / len(seconds), 3), "p50": percentile(seconds, 0.5),
                               "p90": percentile(seconds, 0.9)},
        **{f"by_{key}": {group: {name: _rate(items, name) for name in ("checks_ok", "compliance", "fallback")}
                         for group, items in sorted(groups.items())} for key, groups in by.items()},
        "failures": [r["id"] for r in rows if not r["checks_ok"]][:20],
    }


def run(deps: Deps, limit: int | None) -> EvalReport:
    """The first `limit` (default MODEL_CASES) cases with the model, every case through the fallback path."""
    cases = load_jsonl(DATASET)
    model_cases = cases[: limit if limit is not None else MODEL_CASES]
    model: dict[str, Any] = summarize(run_cases(deps, model_cases, use_model=True)) if model_cases else {"cases": 0}
    fallback = summarize(run_cases(deps, cases, use_model=False))
    gate = min(fallback["checks_ok"], model.get("checks_ok", 1.0))
    headline = (f"model: {model['cases']} cases, first drafts passed {model.get('first_draft_ok')}, final "
                f"{model.get('final_ok')} (checks {model.get('checks_ok')}), fallbacks {model.get('fallback_share')}, "
                f"{model.get('seconds_per_target', {}).get('mean')} s/target; fallback path: {fallback['cases']} "
                f"cases, checks {fallback['checks_ok']}, compliance clean {fallback['compliance']}, not blocked "
                f"{fallback['not_blocked']}")
    return EvalReport(suite="copywriter", metrics={"model": model, "fallback": fallback}, gate="checks_ok",
                      threshold=1.0, passed=gate >= 1.0, headline=headline,
                      config={"model_cases": len(model_cases), "fallback_cases": len(cases)})
