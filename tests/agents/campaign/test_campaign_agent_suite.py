"""The campaign eval suite and the model-only baseline, run with fake models on two requests."""

import json
from pathlib import Path

from langchain_core.language_models.fake_chat_models import FakeListChatModel
from test_campaign_agent_support import make_deps

from evals import suite_campaign
from evals.campaign_baseline import compare
from evals.campaign_eval import DATASET
from evals.report import load_jsonl


def test_suite_scores_plans_and_narratives(tmp_path: Path) -> None:
    deps, _ = make_deps(tmp_path, ["The plan is ready.", "Spend 123456 on ads.", "Still 654321."], corpus=False)
    report = suite_campaign.run(deps, 2)
    metrics = report.metrics
    assert metrics["cases"] == 2 and metrics["budget_exact"] == 1.0 and metrics["kpi_consistent"] == 1.0
    # case 1: first draft accepted; case 2: the invented number is rejected twice and replaced
    assert metrics["narrative_model"] == 0.5 and metrics["narrative_first_pass"] == 0.5
    assert metrics["narrative_numbers_ok"] == 1.0 and report.passed


def test_baseline_scores_the_model_answer_with_the_same_checks() -> None:
    answer = {
        "allocations": [{"market": "US", "channel": "meta", "amount": "4000", "share": "0.8",
                         "expected_impressions": 1000, "expected_reach": 400, "expected_clicks": 10,
                         "expected_conversions": "1", "expected_revenue": "50"}],
        "calendar": [{"date": "2025-11-28", "market": "US", "event": "Black Friday", "kind": "commerce",
                      "action": "push"}],
        "phases": [{"name": "peak", "start": "2025-10-15", "end": "2025-12-15", "share_of_budget": "1",
                    "amount": "5000"}],
        "kpis": {"currency": "USD", "roas": {"low": 0.01, "mid": 0.01, "high": 0.01}, "cpa": None,
                 "ctr": {"low": 1, "mid": 1, "high": 1}, "cpm": 5000,
                 "expected_impressions": {"low": 1000, "mid": 1000, "high": 1000}, "expected_reach": 400,
                 "expected_clicks": 10, "expected_conversions": {"low": 1, "mid": 1, "high": 1},
                 "expected_revenue": {"low": 50, "mid": 50, "high": 50}, "average_order_value": 50},
    }
    model = FakeListChatModel(responses=[json.dumps(answer), "not json"])
    result = compare(model, load_jsonl(DATASET, 2))
    first, second = result["results"]
    assert not first["model"]["budget_exact"]  # 4000 of a 5000 budget
    assert first["model"]["phases_ok"] and 0 < first["model"]["calendar_recall"] < 1
    assert second["model_error"] and second["model"]["calendar_recall"] == 0.0
    assert result["rates"]["agent"]["budget_exact"] == 1.0
