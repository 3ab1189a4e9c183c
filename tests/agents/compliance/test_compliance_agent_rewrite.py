"""The rewrite loop: rules' replacements, model wording checked for invented facts, re-check, best attempt."""

from pathlib import Path

from compliance_agent_fakes import RecordingModel, make_deps, proposal, review, rewrite

from agents.compliance.revise import apply_edits
from agents.compliance.service import check_compliance, parse_request
from agents.compliance.state import ComplianceRequest

TEXT = "Say goodbye to joint pain: our 50 ml balm works where pills fail."


def request(text: str = TEXT, category: str = "health") -> ComplianceRequest:
    return parse_request({"text": text, "markets": ["US"], "channel": "ad", "category": category})


def test_flagged_span_is_rewritten_and_the_recheck_is_clean(tmp_path: Path) -> None:
    model = RecordingModel(responses=[review(proposal("works where pills fail")), rewrite("soothes tired joints"),
                                      review()])
    result = check_compliance(make_deps(tmp_path, model), request())
    assert result.verdict == "block"  # the verdict is on the text as sent
    assert result.revised_text == "Say goodbye to joint pain: our 50 ml balm soothes tired joints."
    assert result.rewrite_rounds == 1 and not any("best attempt" in n for n in result.notes)
    assert len(model.prompts) == 3 and "works where pills fail" in model.prompts[1]


def test_rule_replacements_come_first_and_the_model_only_sees_what_rules_cannot_fix(tmp_path: Path) -> None:
    text = "Our cream cures dryness and works where pills fail."
    model = RecordingModel(responses=[review(proposal("works where pills fail")), rewrite("feels soothing"), review()])
    result = check_compliance(make_deps(tmp_path, model), request(text, "cosmetics"))
    assert [f.source for f in result.findings] == ["rules", "model"]
    assert result.revised_text is not None
    assert "cures" not in result.revised_text and "pills" not in result.revised_text
    assert "feels soothing" in result.revised_text and "dryness" in result.revised_text
    assert "cures" not in model.prompts[1].split("Spans to rewrite:")[1]


def test_never_clean_returns_the_attempt_with_fewest_blocks_and_says_so(tmp_path: Path) -> None:
    # Each round's wording is flagged again by the re-check: calms → soothes → relaxes → calms.
    model = RecordingModel(responses=[
        review(proposal("calms")), rewrite("soothes"),
        review(proposal("soothes", severity="warn")), rewrite("relaxes"),
        review(proposal("relaxes")), rewrite("calms"),
        review(proposal("calms")),
    ])
    result = check_compliance(make_deps(tmp_path, model), request("Our balm calms sore joints."))
    assert result.rewrite_rounds == 3
    assert result.revised_text == "Our balm soothes sore joints."  # one warn beats one block
    assert any("still has 0 block and 1 warn" in n and "best attempt" in n for n in result.notes)


def test_a_rewrite_that_invents_a_number_is_rejected_and_the_span_deleted(tmp_path: Path) -> None:
    model = RecordingModel(responses=[review(proposal("works where pills fail")),
                                      rewrite("relieves 99% of pain in 3 days"), review()])
    result = check_compliance(make_deps(tmp_path, model), request())
    assert result.revised_text == "Say goodbye to joint pain: our 50 ml balm."
    assert any("rejected" in n and "99" in n for n in result.notes)


def test_a_rewrite_keeping_the_copys_own_numbers_is_accepted(tmp_path: Path) -> None:
    model = RecordingModel(responses=[review(proposal("our 50 ml balm works where pills fail")),
                                      rewrite("our 50 ml balm feels cooling"), review()])
    result = check_compliance(make_deps(tmp_path, model), request())
    assert result.revised_text == "Say goodbye to joint pain: our 50 ml balm feels cooling."


def test_rules_only_leaves_spans_without_a_replacement_for_a_human(tmp_path: Path) -> None:
    text = "Lose 10 pounds in a week with our tea."
    rules = check_compliance(make_deps(tmp_path, RecordingModel(responses=[]), corpus=False), request(text),
                             use_model=False)
    assert rules.verdict == "block" and rules.revised_text is None
    assert any("edit them by hand" in n for n in rules.notes)
    model = RecordingModel(responses=[review(), rewrite("Enjoy our tea"), review()])
    revised = check_compliance(make_deps(tmp_path, model), request(text))
    assert revised.revised_text == "Enjoy our tea with our tea."  # the model's wording is applied in code
    assert [f.source for f in revised.findings] == ["rules"]


def test_deletions_take_one_neighbouring_space() -> None:
    assert apply_edits("a bad word, here", [(2, 5, "")]) == "a word, here"
    assert apply_edits("bad start", [(0, 3, "")]) == "start"
    assert apply_edits("end bad.", [(4, 7, "")]) == "end."
