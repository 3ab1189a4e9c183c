"""The chat graph end to end with a fake model and a fake embedder."""

from pathlib import Path

import pytest
from fakes import FakeEmbedder
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from agents.context import Deps
from agents.registry import SPECIALISTS
from agents.router.fast import RouterIndex
from agents.service import Copilot
from tools.errors import BadInput
from tools.settings import Settings

DRAFT_SFDA = '{"points": [{"text": "Products must be listed with the SFDA", "sources": [1]}]}'
DRAFT_UAE = '{"points": [{"text": "In the UAE too", "sources": [1]}]}'
EXAMPLES = {
    "copywriter": ["write an amazon listing title and bullets", "写 亚马逊 标题 五点描述 listing 文案"],
    "compliance": ["check this ad copy for compliance problems", "检查 广告 文案 合规 违禁词"],
    "campaign": ["plan the ad budget split across channels", "做 广告 预算 分配 计划 渠道"],
    "kol": ["find influencers creators for my product", "找 网红 达人 合作 推广"],
    "analyst": ["what was my revenue and roas last month", "上个月 销售额 订单 数据 多少"],
    "research": ["what regulations apply to selling cosmetics", "卖 化妆品 需要 什么 法规 注意"],
}
CORPUS = """---
id: market-sa
title: Saudi Arabia — market profile
jurisdictions: [SA]
topics: [regulation]
source_url: https://example.org/sa
---
## Product regulation and labelling
Cosmetics regulations in Saudi Arabia: products must be listed with the SFDA and labelled in Arabic.
"""
CORPUS_AE = CORPUS.replace("market-sa", "market-ae").replace("Saudi Arabia", "the UAE").replace("[SA]", "[AE]")


def make_copilot(tmp_path: Path, responses: list[str]) -> Copilot:
    settings = Settings(home=tmp_path / "home", router_confidence=0.3)
    deps = Deps(settings=settings, _chat_model=FakeListChatModel(responses=responses), _embedder=FakeEmbedder())
    for name, text in (("sa.md", CORPUS), ("ae.md", CORPUS_AE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        deps.store.ingest(tmp_path / name)
    return Copilot(deps, index=RouterIndex(deps.embedder, tmp_path / "cache", EXAMPLES))


def test_research_turn_streams_steps_tokens_and_a_cited_result(tmp_path: Path) -> None:
    bot = make_copilot(tmp_path, [DRAFT_SFDA])
    events = list(bot.stream("what regulations apply to selling cosmetics in Saudi Arabia?", tenant="acme"))
    kinds = [e.event for e in events]
    assert kinds[-2:] == ["result", "done"]
    steps = [e.data for e in events if e.event == "step"]
    assert [(s["specialist"], s["status"]) for s in steps] == [
        ("router", "start"), ("router", "end"), ("research", "start"), ("research", "end")]
    assert steps[1]["route"]["specialists"] == ["research"]
    assert steps[2]["tools"] == ["knowledge.search"]
    tokens = "".join(e.data["text"] for e in events if e.event == "token")
    assert tokens == "- Products must be listed with the SFDA"
    result = events[-2].data
    assert result["specialists"] == ["research"]
    assert result["citations"][0]["id"] == "market-sa#0"
    assert [s["name"] for s in result["steps"]] == ["router", "research"]


def test_missing_market_asks_back_and_the_reply_resumes_the_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the copywriter installed, the resumed turn reaches the "unavailable" branch.
    monkeypatch.delitem(SPECIALISTS, "copywriter", raising=False)
    bot = make_copilot(tmp_path, [])
    first = bot.ask("write an amazon listing title and bullets for my lantern")
    assert first.ask_back is not None and first.ask_back.missing == ["market"]
    assert first.specialists == []
    second = bot.ask("Germany", thread_id=first.thread_id)
    assert second.ask_back is None and second.specialists == ["copywriter"]
    assert "not available" in second.answer  # this build ships no copywriter yet, and says so


def test_follow_up_uses_earlier_turns_and_survives_a_restart(tmp_path: Path) -> None:
    bot = make_copilot(tmp_path, [DRAFT_SFDA, DRAFT_UAE])
    first = bot.ask("what regulations apply to selling cosmetics in Saudi Arabia?")
    # A new process on the same data home: the completed turn is on disk.
    restarted = make_copilot(tmp_path, [DRAFT_UAE])
    second = restarted.ask("and for the UAE?", thread_id=first.thread_id)
    assert second.specialists == ["research"]
    assert second.citations[0]["id"] == "market-ae#0"
    state = restarted.graph.get_state({"configurable": {"thread_id": f"demo:{first.thread_id}"}}).values
    assert [m.type for m in state["messages"]] == ["human", "ai", "human", "ai"]


def test_threads_are_separated_by_tenant(tmp_path: Path) -> None:
    bot = make_copilot(tmp_path, [DRAFT_SFDA] * 2)
    first = bot.ask("what regulations apply to selling cosmetics in Saudi Arabia?", tenant="acme")
    other = bot.graph.get_state({"configurable": {"thread_id": f"globex:{first.thread_id}"}}).values
    assert other == {}


def test_empty_and_oversized_messages_are_bad_input(tmp_path: Path) -> None:
    bot = make_copilot(tmp_path, [])
    with pytest.raises(BadInput, match="empty"):
        bot.ask("  ")
    with pytest.raises(BadInput, match="limit"):
        bot.ask("x" * 9000)
