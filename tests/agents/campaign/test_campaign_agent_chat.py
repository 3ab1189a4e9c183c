"""A chat turn routed to the campaign specialist: markets and budget from the slots, answer and citations."""

from pathlib import Path

from test_campaign_agent_support import EXAMPLES, make_deps

from agents.router.fast import RouterIndex
from agents.service import Copilot


def test_a_chat_turn_plans_with_the_turns_markets_and_budget(tmp_path: Path) -> None:
    deps, model = make_deps(tmp_path, ["计划覆盖沙特阿拉伯，重点是斋月。"])
    copilot = Copilot(deps, index=RouterIndex(deps.embedder, None, EXAMPLES))
    response = copilot.ask("帮我规划沙特斋月的广告预算 plan my ad budget, 3000 USD", tenant="acme")
    assert response.specialists == ["campaign"], response.answer
    plan = response.result["campaign"]
    assert plan["markets"] == ["SA"] and plan["budget"] == {"amount": "3000", "currency": "USD"}
    assert any(c["event"] == "Ramadan" for c in plan["calendar"])
    assert response.answer.startswith("计划覆盖沙特阿拉伯") and "SA Meta" in response.answer
    assert [c["id"] for c in response.citations] == [c["id"] for c in plan["citations"]]
    assert response.steps[-1].name == "campaign" and len(model.prompts) == 1
