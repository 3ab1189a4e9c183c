"""LLM-only compliance baseline: the same model, prompted with the copy and its markets (no rules, no
retrieval), returning findings that the rules eval's evaluator scores. It measures what the rules and
the grounding add. `python -m evals.compliance_llm_baseline --limit 10` (slow on a CPU: one call a case).
"""

import argparse
import sys
import time
from typing import Literal

from langchain_core.messages import HumanMessage
from pydantic import BaseModel, Field

from agents.context import Deps
from agents.llm.structured import InvalidModelOutput, ask_structured
from evals.compliance_rules_eval import CaseResult, EvalCase, score_case
from prompts import render
from tools.compliance import Citation, RuleFinding, Span
from tools.errors import LLMUnavailable


class BaselineFinding(BaseModel):
    quote: str = Field(min_length=1, max_length=300)
    severity: Literal["warn", "block"]
    instrument: str = Field(max_length=120)
    article: str = Field(max_length=60)
    message: str = Field(max_length=200)


class BaselineDraft(BaseModel):
    findings: list[BaselineFinding] = Field(max_length=4)


class BaselineRun(BaseModel):
    results: list[CaseResult]
    unlocatable_quotes: int = Field(description="Findings whose quote is not in the text (cannot be scored).")
    failed_calls: int
    seconds: float


def baseline_findings(deps: Deps, case: EvalCase) -> tuple[list[RuleFinding], int]:
    """The model's findings located in the text, and how many quotes were not in it."""
    prompt = render("compliance/baseline", markets=", ".join(case.markets), channel=case.channel or "ad",
                    text=case.text)
    draft = ask_structured(deps.chat_model, [HumanMessage(prompt)], BaselineDraft)
    findings, missing = [], 0
    for item in draft.findings:
        quote = item.quote.strip(" \"'“”")
        start = case.text.find(quote) if quote else -1
        if start < 0:
            missing += 1
            continue
        citation = Citation(doc_id="llm", instrument=item.instrument, article=item.article, url="")
        findings.append(RuleFinding(rule_id="llm.baseline.finding", severity=item.severity, market=case.markets[0],
                                    span=Span(start=start, end=start + len(quote), text=quote),
                                    message=item.message, citation=citation, suggestion=""))
    return findings, missing


def run_baseline(deps: Deps, cases: list[EvalCase]) -> BaselineRun:
    """Score the baseline on `cases`; a failed call counts as no findings."""
    started = time.perf_counter()
    results, unlocatable, failed = [], 0, 0
    for case in cases:
        try:
            findings, missing = baseline_findings(deps, case)
        except (LLMUnavailable, InvalidModelOutput):
            findings, missing = [], 0
            failed += 1
        unlocatable += missing
        results.append(score_case(case, findings))
    return BaselineRun(results=results, unlocatable_quotes=unlocatable, failed_calls=failed,
                       seconds=round(time.perf_counter() - started, 1))


def main(argv: list[str] | None = None) -> int:
    """Print the baseline's metrics on the suite's model sample."""
    from evals.suite_compliance import DEFAULT_SAMPLE, load_cases, model_sample, sample_metrics
    from server.runtime import build_deps

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=DEFAULT_SAMPLE)
    args = parser.parse_args(argv)
    run = run_baseline(build_deps(), model_sample(load_cases(), args.limit))
    for name, value in sample_metrics(run.results).items():
        print(f"{name:32} {value}")
    print(f"unlocatable quotes {run.unlocatable_quotes}, failed calls {run.failed_calls}, {run.seconds} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
