"""The compliance suite's model sample and side-by-side scoring, with scripted models."""

import json
from pathlib import Path

from compliance_agent_fakes import RecordingModel, make_deps, review

from evals.suite_compliance import _model_part, load_cases, model_sample


def test_sample_mixes_needs_model_cases_with_others() -> None:
    sample = model_sample(load_cases(), 10)
    assert len(sample) == 10 and len({c.id for c in sample}) == 10
    assert sum(c.needs_model for c in sample) == 5
    assert any(c.clean for c in sample) and model_sample(load_cases(), 0) == []


def test_side_by_side_scores_rules_model_and_llm_only_on_the_same_sample(tmp_path: Path) -> None:
    sample = [c for c in load_cases() if c.id == "us-034"]
    quote = "works where pills fail"
    baseline = json.dumps({"findings": [{"quote": quote, "severity": "block", "instrument": "FD&C Act",
                                         "article": "Sec. 201(g)(1)", "message": "drug claim"},
                                        {"quote": "not in the text", "severity": "warn", "instrument": "x",
                                         "article": "y", "message": "z"}]})
    model = RecordingModel(responses=[review({"quote": quote, "severity": "block", "chunk": 1, "message": "m",
                                              "suggestion": "s"}), baseline])
    side = _model_part(make_deps(tmp_path, model), sample)
    assert side["sample_ids"] == ["us-034"]
    assert side["rules"]["needs_model_item_recall"] == 0.0  # type: ignore[index]
    assert side["rules_model"]["needs_model_item_recall"] == 1.0  # type: ignore[index]
    assert side["rules_model"]["verdict_accuracy"] == 1.0  # type: ignore[index]
    assert side["llm_only"]["needs_model_item_recall"] == 1.0  # type: ignore[index]
    assert side["llm_only"]["unlocatable_quotes"] == 1  # type: ignore[index]
