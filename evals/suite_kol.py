"""`chuhai eval kol`: ranking on the demo directory (evals/kol_eval.py) plus the outreach fallbacks' checks.

The outreach part needs no model: for every launch market and each of its languages, the template message
must carry the market's ad label and pass the same checks a model draft must pass.
"""

from typing import Any

from agents.context import Deps
from agents.kol.outreach import message_problems, template_message
from evals.kol_eval import evaluate_kol
from evals.report import EvalReport
from tools.copy import ProductFacts
from tools.kol import Creator
from tools.kol.disclosure import disclosure_for, has_disclosure
from tools.markets import all_markets

SAMPLE = ProductFacts(name="TrailLite Tent", features=["waterproof", "weighs 1.2 kg"], category="camping gear",
                      brand="TrailLite")


def outreach_template_metrics() -> dict[str, Any]:
    """Share of (market, language) templates that carry the label and pass the message checks."""
    failures, total = [], 0
    for code, market in all_markets().items():
        for language in market.languages:
            total += 1
            label = disclosure_for(code).label_for(language)
            creator = Creator(creator_id="sample", platform="instagram", handle="sample", languages=[language])
            message = template_message(SAMPLE, creator, language, label)
            problems = message_problems(message, SAMPLE, language)
            if problems or not has_disclosure(message, label):
                failures.append({"market": code, "language": language, "problems": problems})
    share = round((total - len(failures)) / total, 4) if total else 0.0
    return {"outreach_template_share": share, "outreach_template_failures": failures}


def run(deps: Deps, limit: int | None) -> EvalReport:
    """The ranking report with the outreach template metric added to its gate (it must be 1.0)."""
    report = evaluate_kol(limit)
    outreach = outreach_template_metrics()
    passed = report.passed and outreach["outreach_template_share"] == 1.0
    return report.model_copy(update={
        "metrics": {**report.metrics, **outreach}, "passed": passed,
        "gate": f"{report.gate}, outreach_template_share",
        "headline": f"{report.headline}; outreach templates {outreach['outreach_template_share']:.0%}",
    })
