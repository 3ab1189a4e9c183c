"""The campaign specialist's flow with fake models: narrative accepted, retried, replaced; citations; history."""

from pathlib import Path

import pytest
from test_campaign_agent_support import make_deps, request_body, seed_history

from agents.campaign.service import CampaignPlanRequest, parse_campaign_request, plan_campaign
from agents.campaign.state import CampaignPlanResponse
from agents.context import Deps
from tools.campaign import build_plan, numbers_in_plan, numbers_in_text, parse_plan_request
from tools.errors import BadInput, LLMUnavailable


def plan_for(deps: Deps, tenant: str = "demo", **changes: object) -> CampaignPlanResponse:
    return plan_campaign(deps, parse_campaign_request(request_body(**changes)), tenant)


def faithful_narrative() -> str:
    """A narrative built only from the plan's own figures."""
    plan = build_plan(parse_plan_request(request_body()))
    top = max(plan.allocations, key=lambda a: a.amount)
    return (f"The plan spends {plan.budget.amount} {plan.budget.currency} from {plan.start.isoformat()} "
            f"to {plan.end.isoformat()}; the largest line is {top.amount} {plan.budget.currency} on {top.channel}.")


def test_a_narrative_with_only_plan_numbers_is_accepted(tmp_path: Path) -> None:
    text = faithful_narrative()
    deps, model = make_deps(tmp_path, [text])
    response = plan_for(deps)
    assert response.narrative_source == "model" and response.summary == text
    assert response.narrative_attempts == 1 and response.narrative_note == ""
    assert len(model.prompts) == 1
    facts = model.prompts[0][1].content
    assert "3000 USD" in facts and "<marketing_notes>" in facts  # plan facts and the notes, as data


def test_an_invented_number_is_regenerated_with_feedback_then_replaced(tmp_path: Path) -> None:
    deps, model = make_deps(tmp_path, ["Expect 987654 orders and a ROAS of 12.5.", "Still 4242 sales."])
    response = plan_for(deps)
    assert response.narrative_source == "deterministic" and response.narrative_attempts == 2
    assert response.summary == response.plan_summary and "Deterministic plan summary" in response.narrative_note
    assert len(model.prompts) == 2
    retry = model.prompts[1][-1].content
    assert "987654" in retry and "12.5" in retry  # the offending numbers go back to the model
    allowed = numbers_in_plan(response.to_plan())
    assert numbers_in_text(response.summary) <= allowed


def test_a_corrected_second_draft_is_accepted(tmp_path: Path) -> None:
    deps, _ = make_deps(tmp_path, ["Spend 31337 USD now.", faithful_narrative()])
    response = plan_for(deps)
    assert response.narrative_source == "model" and response.narrative_attempts == 2


def test_a_chinese_request_rejects_an_english_narrative(tmp_path: Path) -> None:
    deps, model = make_deps(tmp_path, ["The plan covers Saudi Arabia.", "计划覆盖沙特阿拉伯，重点是斋月。"])
    response = plan_for(deps, language="zh")
    assert response.narrative_source == "model" and response.summary.startswith("计划")
    assert "Chinese" in model.prompts[1][-1].content


def test_an_unavailable_model_gives_the_marked_deterministic_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deps, model = make_deps(tmp_path, ["unused"], corpus=False)

    def down(*args: object, **kwargs: object) -> str:
        raise LLMUnavailable("the model endpoint is unreachable")

    monkeypatch.setattr(type(model), "_call", down)
    response = plan_for(deps, language="zh")
    assert response.narrative_source == "deterministic" and "模型暂不可用" in response.narrative_note
    assert response.summary == response.plan_summary


def test_no_narrative_asked_means_no_model_call(tmp_path: Path) -> None:
    deps, model = make_deps(tmp_path, ["unused"], corpus=False)
    response = plan_for(deps, narrative=False)
    assert response.narrative_source == "deterministic" and model.prompts == []


def test_citations_are_chunks_of_the_store_in_the_plan_markets(tmp_path: Path) -> None:
    deps, _ = make_deps(tmp_path, [faithful_narrative()])
    response = plan_for(deps)
    ids = [c.id for c in response.citations]
    assert ids and all(i.startswith("market-sa#") for i in ids)  # US notes never cited for a Saudi plan
    assert len(deps.store.get_chunks(ids)) == len(ids)
    assert {n.citation_id for n in response.marketing_notes} == set(ids)
    assert any(n.event == "Ramadan" and "Ramadan" in n.excerpt for n in response.marketing_notes)


def test_an_empty_store_gives_no_citations(tmp_path: Path) -> None:
    deps, _ = make_deps(tmp_path, [faithful_narrative()], corpus=False)
    assert plan_for(deps).citations == []


def test_own_ad_history_changes_the_plan(tmp_path: Path) -> None:
    deps, _ = make_deps(tmp_path, [faithful_narrative()], corpus=False)
    seed_history(deps, "acme")
    benchmark = plan_for(deps, narrative=False)
    own = plan_for(deps, tenant="acme", narrative=False)
    assert own.history.rows_used == 30 and own.history.rows_skipped == 1
    assert any("fitted on the seller's own ad history" in a for a in own.assumptions)
    assert any("from EUR to USD" in a for a in own.assumptions) and any("XXX" in a for a in own.assumptions)
    meta = {p: next(a for a in r.allocations if a.channel == "meta") for p, r in (("b", benchmark), ("o", own))}
    # the seller's cheap Meta impressions replace the regional benchmark curve
    assert meta["o"].expected_impressions > meta["b"].expected_impressions
    assert "own ad history" in meta["o"].rationale and "own ad history" not in meta["b"].rationale
    assert own.kpis.expected_conversions.mid != benchmark.kpis.expected_conversions.mid
    assert benchmark.history.rows_used == 0


def test_bad_input_is_a_clear_error(tmp_path: Path) -> None:
    deps, _ = make_deps(tmp_path, [], corpus=False)
    with pytest.raises(BadInput, match="before start"):
        plan_campaign(deps, CampaignPlanRequest.model_validate(request_body(end="2026-01-01")), "demo")
    with pytest.raises(BadInput, match="budget"):
        parse_campaign_request(request_body(budget={"amount": "lots"}))
