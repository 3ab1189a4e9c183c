"""`chuhai eval compliance`: the compliance specialist through check_compliance.

Rules only over every case (the gate, scored as in evals/compliance_rules_eval.py), then, on a small
sample that includes the `needs_model` cases, rules + model review side by side with rules alone on
the same sample and with the LLM-only baseline (evals/compliance_llm_baseline.py). The model parts
are slow on a CPU (about one call a case each), so they run only on request: `--limit N` samples N
cases (10 is a useful size). The rewrite is not run here: these metrics score findings.
"""

import time

from agents.compliance.service import check_compliance
from agents.compliance.state import ComplianceRequest, ComplianceResponse, Finding
from agents.context import Deps
from evals.compliance_llm_baseline import run_baseline
from evals.compliance_rules_eval import (
    DATASET,
    GATE,
    HOLDOUT_METRICS,
    THRESHOLDS,
    CaseResult,
    EvalCase,
    failed_thresholds,
    score_case,
    summarise,
)
from evals.report import EvalReport, load_jsonl
from tools.compliance import Citation, RuleFinding
from tools.errors import BadInput

DEFAULT_SAMPLE = 10
SIDE_BY_SIDE = ("recall_block", "recall_warn", "precision_block", "precision_warn", "right_article_rate",
                "clean_false_positive_rate", "verdict_accuracy", "needs_model_item_recall")


def load_cases() -> list[EvalCase]:
    return [EvalCase.model_validate(row) for row in load_jsonl(DATASET)]


def model_sample(cases: list[EvalCase], size: int) -> list[EvalCase]:
    """Half `needs_model` cases, half others (flagged and clean), spread evenly over the dataset."""
    if size <= 0:
        return []
    model = [c for c in cases if c.needs_model]
    others = [c for c in cases if not c.needs_model]
    half = min(len(model), (size + 1) // 2)

    def spread(group: list[EvalCase], count: int) -> list[EvalCase]:
        step = max(len(group) / max(count, 1), 1.0)
        return [group[int(i * step)] for i in range(min(count, len(group)))]

    return spread(model, half) + spread(others, size - half)


def to_rule_finding(finding: Finding) -> RuleFinding:
    citation = finding.citations[0]
    return RuleFinding(rule_id=finding.rule_id, severity=finding.severity, market=finding.market, span=finding.span,
                       message=finding.message, suggestion=finding.suggestion,
                       citation=Citation(doc_id=citation.id, instrument=citation.instrument,
                                         article=citation.article, url=citation.url))


def _request(case: EvalCase) -> ComplianceRequest:
    return ComplianceRequest(text=case.text, markets=case.markets, platform=case.platform, category=case.category,
                             channel=case.channel)  # type: ignore[arg-type]


def score(case: EvalCase, response: ComplianceResponse) -> CaseResult:
    return score_case(case, [to_rule_finding(f) for f in response.findings])


def sample_metrics(results: list[CaseResult]) -> dict[str, float | int]:
    """Every case of a sample in scope (the model is meant to catch the needs_model ones too)."""
    in_scope = [r.model_copy(update={"case": r.case.model_copy(update={"needs_model": False})}) for r in results]
    metrics = summarise(in_scope)
    metrics["needs_model_item_recall"] = summarise(results)["needs_model_item_recall"]
    return {k: metrics[k] for k in ("cases", *SIDE_BY_SIDE)}


def _model_part(deps: Deps, sample: list[EvalCase]) -> dict[str, object]:
    """Rules alone, rules + model and the LLM-only baseline on the same sample."""
    if deps.store.count() == 0:  # the review would be skipped on every case and the comparison would be void
        raise BadInput("the knowledge store is empty, so the model review cannot be grounded: "
                       "run `chuhai knowledge ingest knowledge/corpus` first")
    rules = [score(c, check_compliance(deps, _request(c), use_model=False, revise_text=False)) for c in sample]
    started, responses = time.perf_counter(), []
    for case in sample:
        responses.append(check_compliance(deps, _request(case), revise_text=False))
    model_seconds = round(time.perf_counter() - started, 1)
    combined = [score(c, r) for c, r in zip(sample, responses, strict=True)]
    baseline = run_baseline(deps, sample)
    return {
        "sample_ids": [c.id for c in sample],
        "rules": sample_metrics(rules),
        "rules_model": sample_metrics(combined) | {
            "seconds": model_seconds,
            "cases_where_model_ran": sum(r.mode == "rules+model" for r in responses),
            "model_findings_kept": sum(r.review.kept for r in responses if r.review),
            "model_proposals": sum(r.review.proposed for r in responses if r.review),
            "notes": sorted({n for r in responses for n in r.notes}),
        },
        "llm_only": sample_metrics(baseline.results) | {
            "seconds": baseline.seconds, "unlocatable_quotes": baseline.unlocatable_quotes,
            "failed_calls": baseline.failed_calls,
        },
    }


def run(deps: Deps, limit: int | None) -> EvalReport:
    """Gate on the rules-only metrics over every case; the model sample is reported beside them."""
    cases = load_cases()
    results = [score(c, check_compliance(deps, _request(c), use_model=False, revise_text=False)) for c in cases]
    metrics: dict[str, object] = dict(summarise(results))
    holdout = [r for r in results if r.case.split == "holdout"]
    if holdout:
        metrics |= {f"holdout_{k}": v for k, v in summarise(holdout).items() if k in HOLDOUT_METRICS}
    failed = failed_thresholds(metrics)  # type: ignore[arg-type]
    sample = model_sample(cases, limit or 0)
    if sample:
        metrics["model_sample"] = _model_part(deps, sample)
    headline = (f"rules over {len(cases)} cases: verdict accuracy {metrics['verdict_accuracy']:.1%}, "
                f"recall block {metrics['recall_block']:.1%}, clean FP {metrics['clean_false_positive_rate']:.1%}")
    if sample:
        side = metrics["model_sample"]
        headline += "; sample of {n}: verdict rules {a:.0%} / rules+model {b:.0%} / llm-only {c:.0%}".format(
            n=len(sample), a=side["rules"]["verdict_accuracy"], b=side["rules_model"]["verdict_accuracy"],  # type: ignore[index]
            c=side["llm_only"]["verdict_accuracy"])  # type: ignore[index]
    return EvalReport(suite="compliance", metrics={**metrics, "failed_thresholds": failed, "thresholds": THRESHOLDS},
                      gate=GATE, threshold=THRESHOLDS[GATE], passed=not failed, headline=headline)
