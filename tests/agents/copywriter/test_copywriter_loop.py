"""The draft → check → revise → fallback loop with scripted models."""

import json
from pathlib import Path

from copywriter_fakes import INVENTED, DownModel, RecordingModel, amazon_de, make_deps, request

from agents.copywriter.service import generate_copy


def test_a_failed_draft_is_revised_with_the_failures_as_feedback_and_then_passes(tmp_path: Path) -> None:
    model = RecordingModel(responses=[INVENTED, amazon_de()])
    result = generate_copy(make_deps(tmp_path, model), request("DE:amazon"), "demo").results[0]
    assert result.source == "model" and result.rounds == 1
    assert result.first_draft_ok is False and result.first_draft_checks["facts"] is False
    assert all(check.ok for check in result.checks) and result.compliance.verdict == "pass"
    assert result.fields["title"] == "Acme X200 Rohrverbinder aus Kupfer"
    assert len(model.prompts) == 2
    revision_prompt = model.prompts[1]
    assert "</problems>" in revision_prompt and "Titan" in revision_prompt and "50 cm" in revision_prompt
    assert "</problems>" not in model.prompts[0]


def test_a_bullet_with_an_invented_fact_is_left_out_instead_of_a_revision(tmp_path: Path) -> None:
    draft = json.loads(amazon_de())
    draft["bullets"].append("Länge: 50 cm, aus Titan")  # neither fact is the product's
    model = RecordingModel(responses=[json.dumps(draft, ensure_ascii=False)])
    result = generate_copy(make_deps(tmp_path, model), request("DE:amazon"), "demo").results[0]
    assert result.source == "model" and result.rounds == 0 and len(model.prompts) == 1
    assert result.first_draft_ok is False and result.first_draft_checks["facts"] is False  # as the model wrote it
    assert result.fields["bullets"] == ["Material: Kupfer, korrosionsbeständig", "Länge: 10 cm"]
    assert all(check.ok for check in result.checks) and result.compliance.verdict == "pass"
    assert any("left out" in note for note in result.compliance.notes)


def test_a_model_that_never_passes_gets_the_fallback_which_passes_every_check(tmp_path: Path) -> None:
    model = RecordingModel(responses=[INVENTED] * 3)
    result = generate_copy(make_deps(tmp_path, model), request("DE:amazon"), "demo").results[0]
    assert len(model.prompts) == 3  # the first draft and the two default revisions
    assert result.source == "fallback" and result.rounds == 2
    assert all(check.ok for check in result.checks), result.checks
    assert result.compliance.verdict == "pass"
    assert "Titan" not in str(result.fields) and "Acme" in result.fields["title"]
    assert any("fallback" in note for note in result.notes)
    assert "水管接头" in result.dropped  # Chinese text the German fallback cannot carry over


def test_a_compliance_failure_alone_triggers_a_revision(tmp_path: Path) -> None:
    # "klimaneutral" is a generic climate claim EU law (Directive 2024/825) bans; no copy check objects to it.
    claimed = amazon_de(description="Der Acme X200 ist klimaneutral hergestellt und besteht aus Kupfer.")
    model = RecordingModel(responses=[claimed, amazon_de()])
    result = generate_copy(make_deps(tmp_path, model), request("DE:amazon"), "demo").results[0]
    checks = result.first_draft_checks
    assert checks["compliance"] is False and all(ok for name, ok in checks.items() if name != "compliance")
    assert result.source == "model" and result.rounds == 1 and result.compliance.verdict == "pass"
    assert "[compliance] 'klimaneutral'" in model.prompts[1]


def test_revisions_are_bounded_by_the_request(tmp_path: Path) -> None:
    model = RecordingModel(responses=[INVENTED] * 5)
    result = generate_copy(make_deps(tmp_path, model), request("DE:amazon", max_revisions=0), "demo").results[0]
    assert len(model.prompts) == 1 and result.source == "fallback" and result.rounds == 0


def test_an_unreachable_model_degrades_to_the_fallback_with_a_note(tmp_path: Path) -> None:
    result = generate_copy(make_deps(tmp_path, DownModel(responses=[])), request("JP:amazon"), "demo").results[0]
    assert result.source == "fallback" and all(check.ok for check in result.checks)
    assert result.first_draft_ok is None
    assert any("could not write a draft" in note for note in result.notes)
    assert result.language == "ja"


def test_output_that_is_not_the_platform_fields_counts_as_a_failed_draft(tmp_path: Path) -> None:
    model = RecordingModel(responses=['{"headline": "wrong platform"}', amazon_de()])
    result = generate_copy(make_deps(tmp_path, model), request("DE:amazon"), "demo").results[0]
    assert result.source == "fallback" and len(model.prompts) == 1
    assert any("could not write a draft" in note for note in result.notes)


def test_the_draft_prompt_is_in_the_target_language(tmp_path: Path) -> None:
    model = RecordingModel(responses=[amazon_de(), amazon_de()])
    generate_copy(make_deps(tmp_path, model), request("DE:amazon", "JP:amazon", max_revisions=0), "demo")
    german, japanese = model.prompts
    assert "Regeln:" in german and "Acme" in german and "紫铜" in german
    assert "ルール:" in japanese and "Regeln" not in japanese
