import pytest
from fakes import FakeEmbedder
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from agents.router.decide import missing_slots, route_request
from agents.router.fast import RouterIndex, split_clauses
from agents.router.state import Route
from tools.slots import Money, Slots

EXAMPLES = {
    "copywriter": ["write an amazon listing title and bullets", "写一个亚马逊标题和五点描述 listing"],
    "compliance": ["check this ad copy for compliance problems", "检查 广告 文案 合规 违禁词"],
    "campaign": ["plan the ad budget split across channels", "做 广告 预算 分配 计划 渠道"],
    "kol": ["find influencers creators for my product", "找 网红 达人 合作 推广"],
    "analyst": ["what was my revenue and roas last month", "上个月 销售额 订单 数据 多少"],
    "research": ["what regulations apply to selling cosmetics", "卖 化妆品 需要 什么 法规 认证"],
}
NO_SLOTS = Slots(markets=[], regions=[], budget=None)


@pytest.fixture
def index(tmp_path) -> RouterIndex:  # type: ignore[no-untyped-def]
    return RouterIndex(FakeEmbedder(), tmp_path / "cache", EXAMPLES)


def never_called() -> FakeListChatModel:
    raise AssertionError("the fast path should not need the model")


def test_split_clauses_at_connectors() -> None:
    assert split_clauses("写德国站的文案然后检查合规") == ["写德国站的文案", "检查合规"]
    assert split_clauses("write the listing and then check it for compliance") == [
        "write the listing", "check it for compliance"]
    assert split_clauses("what regulations apply?") == ["what regulations apply"]


def test_confident_fast_path_skips_the_model(index: RouterIndex) -> None:
    route = route_request("find influencers creators for my camping product", NO_SLOTS, index, never_called, 0.3)
    assert route.source == "fast" and route.specialists == ["kol"]


def test_multi_intent_runs_specialists_in_order(index: RouterIndex) -> None:
    route = route_request("write an amazon listing title and then check this ad copy for compliance",
                          Slots(markets=["DE"], regions=[], budget=None), index, never_called, 0.3)
    assert route.specialists == ["copywriter", "compliance"] and route.missing == []


def test_unsure_clause_is_decided_by_the_model_among_the_top_candidates(index: RouterIndex) -> None:
    text = "plan the ad budget"
    candidates = index.score(text)[0].ranked[:3]
    model = FakeListChatModel(responses=[f'{{"specialist": "{candidates[1]}"}}'])
    route = route_request(text, NO_SLOTS, index, lambda: model, 0.99)
    assert route.source == "llm" and route.specialists == [candidates[1]]


def test_only_unsure_clauses_go_to_the_model(index: RouterIndex) -> None:
    vague = index.score("hmm okay")[0]
    assert vague.score < 0.3  # the fast path cannot decide this clause
    pick = next(name for name in vague.ranked[:3] if name != "kol")
    model = FakeListChatModel(responses=[f'{{"specialist": "{pick}"}}'])
    route = route_request("find influencers creators for my product and then hmm okay",
                          Slots(markets=["US"], regions=[], budget=None), index, lambda: model, 0.3)
    assert route.specialists == ["kol", pick] and route.source == "llm"


def test_a_choice_outside_the_candidates_is_rejected(index: RouterIndex) -> None:
    from agents.llm.structured import InvalidModelOutput

    text = "find influencers creators for my product"
    outsider = index.score(text)[0].ranked[-1]
    model = FakeListChatModel(responses=[f'{{"specialist": "{outsider}"}}'] * 2)
    with pytest.raises(InvalidModelOutput):
        route_request(text, NO_SLOTS, index, lambda: model, 0.99)


def test_follow_up_keeps_the_previous_specialists(index: RouterIndex) -> None:
    previous = Route(specialists=["research"], source="fast", confidence=0.8)
    route = route_request("and for Saudi Arabia?", Slots(markets=["SA"], regions=[], budget=None), index,
                          never_called, 0.99, previous, "what regulations apply to cosmetics in Germany?")
    assert route.source == "follow_up" and route.specialists == ["research"]


def test_missing_slots_follow_each_specialists_needs() -> None:
    budget = Money(amount=5000, currency="USD")  # type: ignore[arg-type]
    assert missing_slots(["research", "analyst"], NO_SLOTS) == []
    assert missing_slots(["copywriter"], NO_SLOTS) == ["market"]
    assert missing_slots(["campaign"], Slots(markets=["US"], regions=[], budget=None)) == ["budget"]
    assert missing_slots(["campaign", "kol"], Slots(markets=["US"], regions=[], budget=budget)) == []


def test_example_vectors_are_cached(tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = FakeEmbedder()
    RouterIndex(first, tmp_path, EXAMPLES).score("plan budget")
    second = FakeEmbedder()
    RouterIndex(second, tmp_path, EXAMPLES).score("plan budget")
    assert first.calls == 12 and second.calls == 0
