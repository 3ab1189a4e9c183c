"""The model review: grounded on retrieved chunks, filtered in code, rules win overlaps."""

from pathlib import Path

from compliance_agent_fakes import DownModel, RecordingModel, make_deps, proposal, review

from agents.compliance.review import jurisdictions_for, review_schema
from agents.compliance.service import check_compliance, check_rules, parse_request
from agents.compliance.state import ComplianceRequest
from tools.settings import Settings

TEXT = "Say goodbye to joint pain: our balm works where pills fail."


def request(text: str = TEXT, **extra: object) -> ComplianceRequest:
    return parse_request({"text": text, "markets": ["US"], "channel": "ad", "category": "health", **extra})


def test_only_findings_quoting_the_text_and_citing_a_retrieved_chunk_are_kept(tmp_path: Path) -> None:
    model = RecordingModel(responses=[review(
        proposal("works where pills fail"),
        proposal("cures arthritis"),          # not in the text
        proposal("joint pain", chunk=9),      # chunk 9 was never retrieved
    )])
    result = check_compliance(make_deps(tmp_path, model), request(), revise_text=False)
    assert result.mode == "rules+model" and result.verdict == "block"
    [finding] = result.findings
    start = TEXT.index("works where pills fail")
    assert (finding.span.start, finding.span.end) == (start, start + len("works where pills fail"))
    assert TEXT[finding.span.start:finding.span.end] == finding.span.text
    assert finding.source == "model" and finding.rule_id == f"model.{finding.citations[0].id}"
    assert finding.citations[0].id.startswith("us-drug-claims#")
    assert finding.citations[0].article.startswith("Sec.") and finding.citations[0].url == "https://example.org/fdca"
    assert result.review is not None and result.review.proposed == 3 and result.review.kept == 1
    assert any("not in the text" in r for r in result.review.discarded)
    assert any("not retrieved" in r for r in result.review.discarded)
    # The model saw the copy as delimited data and the numbered passages.
    assert "<copy>" in model.prompts[0] and "[1] United States — drug claims" in model.prompts[0]


def test_with_the_embedded_model_a_model_finding_is_info_by_default(tmp_path: Path) -> None:
    model = RecordingModel(responses=[review(proposal("works where pills fail"))])
    deps = make_deps(tmp_path, model, model_max_severity="auto")
    assert Settings().compliance_model_max_severity == "auto" and deps.settings.llm_provider == "local"
    result = check_compliance(deps, request(), revise_text=False)
    [finding] = result.findings
    assert finding.source == "model" and finding.severity == "info" and finding.citations
    assert result.verdict == "pass" and result.revised_text is None


def test_with_an_endpoint_a_model_finding_warns_by_default_and_only_rules_block(tmp_path: Path) -> None:
    model = RecordingModel(responses=[review(proposal("works where pills fail"))])
    deps = make_deps(tmp_path, model, model_max_severity="auto")
    deps.settings = deps.settings.model_copy(update={"llm_provider": "openai", "llm_base_url": "http://127.0.0.1:9"})
    result = check_compliance(deps, request(), revise_text=False)
    [finding] = result.findings
    assert finding.source == "model" and finding.severity == "warn" and result.verdict == "warn"


def test_model_finding_overlapping_a_rule_finding_is_dropped(tmp_path: Path) -> None:
    text = "Our cream cures eczema fast."
    rules = check_rules(request(text, category="cosmetics"))
    assert [f.span.text for f in rules.findings] == ["cures"]
    model = RecordingModel(responses=[review(proposal("cures eczema"), proposal("fast", severity="warn"))])
    result = check_compliance(make_deps(tmp_path, model), request(text, category="cosmetics"), revise_text=False)
    assert [(f.source, f.span.text) for f in result.findings] == [("rules", "cures"), ("model", "fast")]
    assert result.review is not None and "overlaps a rule finding" in result.review.discarded[0]


def test_unavailable_model_falls_back_to_rules_with_a_note(tmp_path: Path) -> None:
    text = "Our cream cures eczema fast."
    result = check_compliance(make_deps(tmp_path, DownModel(responses=[])), request(text, category="cosmetics"))
    rules = check_rules(request(text, category="cosmetics"))
    assert result.mode == "rules" and result.review is None
    assert [f.rule_id for f in result.findings] == [f.rule_id for f in rules.findings]
    assert result.revised_text == rules.revised_text
    assert any("model review did not run" in n and "unreachable" in n for n in result.notes)


def test_rules_only_mode_never_calls_the_model(tmp_path: Path) -> None:
    model = RecordingModel(responses=[])
    result = check_compliance(make_deps(tmp_path, model), request(), use_model=False)
    assert result.mode == "rules" and result.verdict == "pass" and model.prompts == []


def test_no_regulation_chunks_means_no_model_call(tmp_path: Path) -> None:
    model = RecordingModel(responses=[])
    result = check_compliance(make_deps(tmp_path, model, corpus=False), request())
    assert result.mode == "rules" and model.prompts == []
    assert any("no regulation passages" in n for n in result.notes)


def test_retrieval_covers_blocs_and_platform_policies() -> None:
    assert jurisdictions_for(parse_request({"text": "x", "markets": ["de", "SA"], "platform": "tiktok_shop"})) == [
        "DE", "SA", "EU", "GCC", "tiktok"]
    assert review_schema(2)["$defs"]["ProposedFinding"]["properties"]["chunk"] == {"enum": [1, 2]}


def test_mixed_scripts_emoji_and_control_characters_do_not_crash(tmp_path: Path) -> None:
    text = "最好的面霜 😀\x00\x07 best cream ٱلعربية\u200b ครีม"
    model = RecordingModel(responses=[review(proposal("😀\x00"), proposal("best cream", severity="warn"))])
    result = check_compliance(make_deps(tmp_path, model), request(text, markets=["US", "CN"]))
    for finding in result.findings:
        assert text[finding.span.start:finding.span.end] == finding.span.text
    assert result.verdict == "block"  # 最好 is an absolute term under the PRC Advertising Law
