"""The compliance specialist in a chat turn: which text, which channel, the answer and its citations."""

from pathlib import Path
from typing import Any

import pytest
from compliance_agent_fakes import RecordingModel, make_deps, proposal, review, rewrite

from agents.compliance.state import ComplianceOutput
from agents.compliance.turn import copywriter_drafts, guess_channel, quoted_text
from agents.llm.usage import UsageMeter
from agents.registry import SPECIALISTS, TurnInput
from tools.slots import Slots


@pytest.mark.parametrize(("message", "expected"), [
    ("帮我看看这条广告能不能在美国投：「这款面霜能治好湿疹」", "这款面霜能治好湿疹"),
    ("Is “Our balm works where pills fail” OK for the US?", "Our balm works where pills fail"),
    ('check "Best cream ever" and "Cures acne" for US', "Best cream ever\nCures acne"),
    ("check this ad for the US: Our balm works where pills fail.", "Our balm works where pills fail."),
    ("检查一下美国广告文案\nOur balm works where pills fail.", "Our balm works where pills fail."),
    ("check my ad for the US", None),
])
def test_the_text_to_check_is_what_the_user_quoted(message: str, expected: str | None) -> None:
    assert quoted_text(message) == expected


@pytest.mark.parametrize(("message", "channel"), [
    ("check this email: Hi", "email"), ("帮我检查这封邮件", "email"), ("网红帖子文案", "social"),
    ("an influencer post", "social"), ("check my Amazon listing", "listing"), ("check this ad", "ad"),
])
def test_channel_is_guessed_from_words(message: str, channel: str) -> None:
    assert guess_channel(message) == channel


def test_copywriter_drafts_become_one_target_per_result() -> None:
    output = {"results": [
        {"market": "US", "platform": "amazon", "fields": {"bullets": ["Soft", "Warm"], "title": "Wool socks"}},
        {"market": "DE", "platform": "meta_ads", "fields": {"primary_text": "Warme Socken", "headline": "Socken"}},
        {"market": "JP", "platform": "amazon", "fields": {}},
    ]}
    targets = copywriter_drafts(output, ["US"])
    assert [(t.markets, t.platform, t.text) for t in targets] == [
        (["US"], "amazon", "Wool socks\nSoft\nWarm"), (["DE"], "meta_ads", "Socken\nWarme Socken")]


def turn(text: str, language: str = "en", earlier: dict[str, dict[str, Any]] | None = None) -> TurnInput:
    return TurnInput(text=text, language=language, slots=Slots(markets=["US"]), history=[], tenant="demo",
                     earlier_outputs=earlier or {})


def run(tmp_path: Path, model: RecordingModel, message: TurnInput) -> ComplianceOutput:
    spec = SPECIALISTS["compliance"]
    result = spec.build(make_deps(tmp_path, model), UsageMeter()).invoke({"input": spec.input_from_turn(message)})
    return ComplianceOutput.model_validate(result["output"])


def test_turn_answer_lists_findings_with_rule_ids_and_articles_in_chinese(tmp_path: Path) -> None:
    model = RecordingModel(responses=[review(proposal("works where pills fail")), rewrite("feels cooling"), review()])
    output = run(tmp_path, model, turn("帮我检查美国广告：「Our cream cures acne and works where pills fail」", "zh"))
    spec = SPECIALISTS["compliance"]
    answer = spec.answer_of(output)
    assert output.verdict == "block" and output.checks[0].target.text.startswith("Our cream")
    assert "不可发布" in answer and "us.fda.201g.cosmetic_drug_claims" in answer and "Sec. 201(g)(1)" in answer
    assert "model.us-drug-claims#" in answer and "修改稿" in answer and "feels cooling" in answer
    cited = spec.citations_of(output)
    assert {c["id"] for c in cited} >= {"us-fdca-cosmetic-drug-claims"}
    assert any(c["id"].startswith("us-drug-claims#") for c in cited)


def test_copywriter_drafts_of_the_turn_are_checked(tmp_path: Path) -> None:
    earlier = {"copywriter": {"results": [{"market": "US", "platform": "amazon",
                                           "fields": {"title": "Cream that cures eczema"}}]}}
    output = run(tmp_path, RecordingModel(responses=[review(), review()]),
                 turn("write and check an amazon listing for the US", earlier=earlier))
    assert output.checks[0].target.label == "US amazon draft" and output.verdict == "block"
    assert "Verdict: **block**" in SPECIALISTS["compliance"].answer_of(output)


def test_a_turn_without_text_asks_for_it(tmp_path: Path) -> None:
    model = RecordingModel(responses=[])
    output = run(tmp_path, model, turn("check my ad for the US"))
    assert output.checks == [] and output.verdict is None and model.prompts == []
    assert "quotes" in SPECIALISTS["compliance"].answer_of(output)
