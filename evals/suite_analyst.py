"""`chuhai eval analyst`: exact answers on the demo tenant against gold computed from its export files.

Two parts. The deterministic path (parser → compiler → SQL, no model) runs over every question;
a question the parser is unsure about counts as an abstention there. The model path (the whole
specialist: the model fills unsure specs and writes narratives) and the peer baseline (a ReAct-style
SQL agent on the same model, evals/analyst_baseline.py) run over `limit` questions (those the
parser hands to the model first, then an even spread) only when a limit is given, since the
embedded model is slow on a CPU.
"""

import time
from datetime import date
from pathlib import Path
from typing import Any

from agents.analyst import tenant_data
from agents.analyst.data_service import seed_demo
from agents.analyst.nodes import after_understand
from agents.analyst.service import answer_question
from agents.analyst.state import BIRequest
from agents.context import Deps
from agents.llm.usage import UsageMeter
from evals.analyst_gold import DemoExports, GoldQuery
from evals.analyst_scoring import is_correct
from evals.report import DATASETS, EvalReport, load_jsonl, percentile
from tools.analytics.demo import DEMO_TODAY
from tools.analytics.semantic import compile_spec, parse_question, run_query
from tools.analytics.store import tenant_db_path
from tools.errors import ChuhaiError

TENANT = "demo"
THRESHOLD = 0.8  # exact-answer accuracy of the deterministic path


def demo_exports(deps: Deps) -> Path:
    """The demo tenant's export folder, seeding the tenant first when it has no data."""
    folder = deps.settings.tenant_dir(TENANT) / "demo_exports"
    if not tenant_db_path(deps.settings, TENANT).exists() or not folder.exists():
        seed_demo(deps.settings, TENANT)
    return folder


def deterministic_case(deps: Deps, row: dict[str, Any], gold: Any, known: dict[str, list[str]]) -> dict[str, Any]:
    """Parser → compiler → read-only SQL; 'abstain' when the parser would hand over to the model or ask."""
    started = time.perf_counter()
    parsed = parse_question(row["question"], DEMO_TODAY, known_values=known)
    route = after_understand({"parsed": parsed})
    outcome = "abstain"
    if route == "run" and parsed.spec is not None:
        compiled = compile_spec(parsed.spec)
        with tenant_data.read_only(deps.settings, TENANT) as conn:
            result = run_query(conn, compiled)
        dims = [c.name for c in compiled.columns if c.role == "dimension"]
        correct = is_correct(gold, result.columns, result.rows, dims, row["gold"]["measure"])
        outcome = "correct" if correct else "wrong"
    return {"outcome": outcome, "route": route, "ms": (time.perf_counter() - started) * 1000}


def model_case(deps: Deps, row: dict[str, Any], gold: Any) -> dict[str, Any]:
    """The whole specialist with the configured model."""
    meter, started = UsageMeter(), time.perf_counter()
    try:
        request = BIRequest(question=row["question"])
        response = answer_question(deps, TENANT, request, today=DEMO_TODAY, meter=meter)
    except ChuhaiError as error:
        return {"id": row["id"], "outcome": "abstain", "error": error.message, "calls": meter.usage.model_calls,
                "s": time.perf_counter() - started}
    dims = response.spec.dimensions if response.spec else []
    outcome = "abstain" if response.sql is None else (
        "correct" if is_correct(gold, response.columns, response.rows, dims, row["gold"]["measure"]) else "wrong")
    return {"id": row["id"], "outcome": outcome, "calls": meter.usage.model_calls,
            "s": round(time.perf_counter() - started, 2), "narrative_source": response.narrative_source,
            "spec_source": response.spec_source, "gold_measure": row["gold"]["measure"],
            "spec": response.spec.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
            if response.spec else None,
            "ask_back_choices": response.ask_back.choices if response.ask_back else None}


def _rates(cases: list[dict[str, Any]]) -> dict[str, float]:
    total = len(cases) or 1
    outcomes = [c["outcome"] for c in cases]
    return {name: round(outcomes.count(name) / total, 4) for name in ("correct", "wrong", "abstain")}


def _model_metrics(deps: Deps, rows: list[dict[str, Any]], gold: list[Any]) -> dict[str, Any]:
    from evals.analyst_baseline import run_baseline

    analyst = [model_case(deps, row, g) for row, g in zip(rows, gold, strict=True)]
    baseline = run_baseline(deps, rows, gold, TENANT)
    return {
        "model_sample": len(rows),
        "analyst": {**_rates(analyst), "calls_per_question": sum(c["calls"] for c in analyst) / len(rows),
                    "p50_s": round(percentile([c["s"] for c in analyst], 0.5), 2),
                    "template_narratives": sum(c.get("narrative_source") == "template" for c in analyst),
                    "cases": analyst},
        "baseline": baseline,
    }


def model_sample(cases: list[dict[str, Any]], limit: int) -> list[int]:
    """Questions for the model path: those the parser hands to the model first, then an even spread."""
    handed = [i for i, case in enumerate(cases) if case["route"] == "fill"]
    stride = max(1, len(cases) // max(1, limit))
    spread = [i for i in range(0, len(cases), stride) if i not in handed]
    return (handed + spread)[:limit]


def run(deps: Deps, limit: int | None) -> EvalReport:
    """Deterministic path over all questions; model path and baseline over a sample of `limit`."""
    rows = load_jsonl(DATASETS / "bi_questions.jsonl")
    exports = DemoExports(demo_exports(deps))
    gold = [exports.answer(GoldQuery.model_validate(row["gold"])) for row in rows]
    with tenant_data.read_only(deps.settings, TENANT) as conn:
        known = tenant_data.known_values(conn)
    cases = [deterministic_case(deps, row, g, known) for row, g in zip(rows, gold, strict=True)]
    rates = _rates(cases)
    by_lang = {lang: _rates([c for c, r in zip(cases, rows, strict=True) if r["lang"] == lang])["correct"]
               for lang in ("zh", "en", "mixed")}
    metrics: dict[str, Any] = {
        "questions": len(rows), "today": DEMO_TODAY.isoformat(), "accuracy": rates["correct"],
        "wrong_rate": rates["wrong"], "abstain_rate": rates["abstain"], "accuracy_by_language": by_lang,
        "p50_ms": round(percentile([c["ms"] for c in cases], 0.5), 1),
        "p95_ms": round(percentile([c["ms"] for c in cases], 0.95), 1),
        "wrong": [r["id"] for c, r in zip(cases, rows, strict=True) if c["outcome"] == "wrong"],
        "abstained": [r["id"] for c, r in zip(cases, rows, strict=True) if c["outcome"] == "abstain"],
    }
    if limit:
        chosen = model_sample(cases, limit)
        metrics["model_sample_ids"] = [rows[i]["id"] for i in chosen]
        metrics.update(_model_metrics(deps, [rows[i] for i in chosen], [gold[i] for i in chosen]))
    headline = (f"deterministic exact accuracy {rates['correct']:.1%} over {len(rows)} questions, "
                f"abstain {rates['abstain']:.1%}, wrong {rates['wrong']:.1%}, p50 {metrics['p50_ms']} ms")
    if limit:
        headline += (f"; model path on {limit}: accuracy {metrics['analyst']['correct']:.0%}, "
                     f"baseline {metrics['baseline']['correct']:.0%}")
    return EvalReport(suite="analyst", metrics=metrics, gate="accuracy", threshold=THRESHOLD,
                      passed=rates["correct"] >= THRESHOLD, headline=headline,
                      config={"date": date.today().isoformat()})
