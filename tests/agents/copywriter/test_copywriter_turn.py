"""The copywriter in a chat turn: targets from the slots and platform words, the answer, the registry."""

from pathlib import Path

import pytest
from copywriter_fakes import RecordingModel, amazon_de, make_deps

from agents.copywriter.state import CopywriterOutput
from agents.copywriter.turn import copy_input, platforms_in
from agents.llm.usage import UsageMeter
from agents.registry import SPECIALISTS, TurnInput
from tools.errors import BadInput
from tools.slots import Slots

SPEC = SPECIALISTS["copywriter"]


@pytest.mark.parametrize(("text", "platforms"), [
    ("帮我写一个亚马逊的标题", ["amazon"]),
    ("write a Shopify page and Facebook ads", ["meta_ads", "shopify"]),
    ("TikTok Shop listing please", ["tiktok_shop"]),
    ("抖音广告文案和独立站详情页", ["tiktok_ads", "shopify"]),
    ("Google ads for my lamp", ["google_ads"]),
    ("TikTok ads for my lamp", ["tiktok_ads"]),
    ("Instagram ads", ["meta_ads"]),
    ("write copy for my lamp", ["amazon"]),
])
def test_platform_words_pick_the_targets(text: str, platforms: list[str]) -> None:
    assert platforms_in(text) == platforms


def turn(text: str, markets: list[str], language: str = "zh") -> TurnInput:
    return TurnInput(text=text, language=language, slots=Slots(markets=markets), history=[], tenant="acme")


def test_the_turn_gives_markets_times_platforms_and_the_text_as_the_only_facts() -> None:
    text = "给“Acme X200 铜接头”写德国和日本的亚马逊和Shopify文案"
    made = copy_input(turn(text, ["DE", "JP"]))
    assert [(t.market, t.platform) for t in made.request.targets] == [
        ("DE", "shopify"), ("DE", "amazon"), ("JP", "shopify"), ("JP", "amazon")]
    assert made.request.product.name == "Acme X200 铜接头"
    assert made.request.product.description == text and made.from_turn and made.tenant == "acme"
    with pytest.raises(BadInput, match="market"):
        copy_input(turn(text, []))


def test_the_answer_shows_fields_checks_verdict_and_says_where_facts_came_from(tmp_path: Path) -> None:
    graph = SPEC.build(make_deps(tmp_path, RecordingModel(responses=[amazon_de()])), UsageMeter())
    made = copy_input(turn("给“Acme X200 紫铜水管接头”写德国亚马逊文案，紫铜，长度10厘米", ["DE"]))
    output = CopywriterOutput.model_validate(graph.invoke({"input": made})["output"])
    answer = SPEC.answer_of(output)
    assert "只使用了您在消息中写出的产品信息" in answer
    assert "DE · amazon · de" in answer and "合规结论：" in answer
    assert output.results[0].fields["title"] in answer
    assert SPEC.citations_of(output) == []  # the test store is empty: nothing was retrieved, nothing is cited
    english = SPEC.answer_of(output.model_copy(update={"language": "en"}))
    assert "only the product facts you wrote" in english


def test_the_registry_finds_the_copywriter() -> None:
    from agents.copywriter.spec import SPEC as DEFINED

    assert SPEC is DEFINED and SPEC.input_model.__name__ == "CopywriterInput"
