"""A chat turn to a plan request: dates, product, goal, channels, analyst context; the answer text."""

from datetime import date
from decimal import Decimal

import pytest

from agents.campaign.dates import campaign_window
from agents.campaign.state import CampaignInput
from agents.campaign.turn import channels_from_text, goal_from_text, plan_input, product_from_text
from agents.registry import SPECIALISTS, TurnInput
from tools.campaign import build_plan
from tools.errors import BadInput
from tools.slots import Money, Slots

SPEC = SPECIALISTS["campaign"]  # through the registry, as the orchestrator finds it

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(("text", "markets", "start", "end"), [
    ("plan my ads", ["US"], date(2026, 11, 26), date(2026, 12, 25)),  # default: the next 30 days
    ("下个月的投放计划", ["US"], date(2026, 12, 1), date(2026, 12, 31)),
    ("next month please", ["DE"], date(2026, 12, 1), date(2026, 12, 31)),
    ("Q1 launch", ["US"], date(2027, 1, 1), date(2027, 3, 31)),
    ("Q4 push", ["US"], date(2026, 11, 26), date(2026, 12, 31)),  # started: from today
    ("12月投放", ["US"], date(2026, 12, 1), date(2026, 12, 31)),
    ("九月投放", ["DE"], date(2027, 9, 1), date(2027, 9, 30)),
    ("from 2027-01-05 to 2027-02-01", ["US"], date(2027, 1, 5), date(2027, 2, 1)),
    ("the next 14 days", ["US"], date(2026, 11, 26), date(2026, 12, 9)),
    ("we may spend more", ["US"], date(2026, 11, 26), date(2026, 12, 25)),  # "may" the verb is no month
    ("a campaign in May", ["US"], date(2027, 5, 1), date(2027, 5, 31)),
])
def test_dates_from_the_text(text: str, markets: list[str], start: date, end: date) -> None:
    window = campaign_window(text, markets, TODAY)
    assert (window.start, window.end) == (start, end)


def test_a_named_event_plans_the_weeks_before_its_next_date() -> None:
    window = campaign_window("双十一 推广", ["ID"], TODAY)  # 11.11 2026 is over: the next one
    assert window.start == date(2027, 10, 21) and window.end == date(2027, 11, 14)
    ramadan = campaign_window("Ramadan campaign", ["SA"], TODAY)
    assert ramadan.start < date(2027, 2, 8) < ramadan.end  # Ramadan 2027 starts about 8 February


def test_product_goal_and_channels_from_the_text() -> None:
    assert product_from_text("给我的蓝牙耳机做推广").category == "electronics"
    assert product_from_text("promote my camping tent").category == "outdoor"
    assert product_from_text("plan something").category == "general"
    assert goal_from_text("提升品牌曝光") == "awareness" and goal_from_text("more sales") == "sales"
    assert channels_from_text("only Meta and Google") == ["meta", "google_search"]
    assert channels_from_text("any channel") is None


def turn(text: str, **changes: object) -> TurnInput:
    slots = Slots(markets=["US", "GB"], budget=Money(amount=Decimal(8000), currency="USD"))
    fields: dict[str, object] = {"text": text, "language": "zh", "history": [], "tenant": "acme", "slots": slots}
    fields.update(changes)
    return TurnInput.model_validate(fields)


def test_the_registry_finds_the_campaign_spec_and_builds_input_from_the_turn() -> None:
    assert SPEC.name == "campaign" and SPEC.output_model.__name__ == "CampaignPlanResponse"
    analyst = {"analyst": {"answer": "Your Meta ROAS last month was 2.4 on 3,100 USD spend."}}
    built = SPEC.input_from_turn(turn("下个月 美国和英国 卖露营帐篷", earlier_outputs=analyst))
    assert isinstance(built, CampaignInput)
    assert built.tenant == "acme" and built.language == "zh" and built.request.markets == ["US", "GB"]
    assert built.request.budget.amount == Decimal(8000) and built.request.product.category == "outdoor"
    assert built.context.startswith("Your Meta ROAS")


def test_missing_slots_are_a_clear_error() -> None:
    with pytest.raises(BadInput, match="budget"):
        plan_input("plan", "en", Slots(markets=["US"]), "demo", {}, TODAY)
    with pytest.raises(BadInput, match="market"):
        plan_input("plan", "en", Slots(budget=Money(amount=Decimal(1), currency="USD")), "demo", {}, TODAY)


def test_answer_shows_the_marked_summary_split_and_dates() -> None:
    from agents.campaign.state import CampaignPlanResponse

    built = plan_input("Q1 ads", "en", Slots(markets=["US"], budget=Money(amount=Decimal(5000), currency="USD")),
                       "demo", {}, TODAY)
    plan = build_plan(built.request)
    response = CampaignPlanResponse(**plan.model_dump(exclude={"summary"}), citations=[], summary=plan.summary,
                                    plan_summary=plan.summary, narrative_source="deterministic",
                                    narrative_note="(Deterministic plan summary.)")
    text = SPEC.answer_of(response)
    assert text.startswith("(Deterministic plan summary.)\n" + plan.summary)
    assert all(f"{a.amount} USD" in text for a in plan.allocations)
    assert "Valentine" in text  # a commerce date inside Q1
