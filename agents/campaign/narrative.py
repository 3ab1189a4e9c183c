"""The narrative step: facts for the model, the number check in code, and the deterministic fallback."""

from decimal import Decimal

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from agents.campaign.state import MarketingNote, NarrativeCheck
from prompts import render
from tools.campaign import Plan, numbers_in_plan, numbers_in_text
from tools.campaign.wording import channel_label, fmt, percent
from tools.language import LANGUAGE_NAMES, detect_language

MAX_ALLOCATIONS_SHOWN = 6
MAX_EVENTS_SHOWN = 6


def narrative_language(language: str) -> str:
    """The narrative is written in Chinese for Chinese speakers and in English for everyone else."""
    return "zh" if language.split("-")[0] == "zh" else "en"


def plan_facts(plan: Plan) -> dict[str, object]:
    """The plan's figures in exactly the forms the number check accepts."""
    k = plan.kpis
    top = sorted(plan.allocations, key=lambda a: a.amount, reverse=True)[:MAX_ALLOCATIONS_SHOWN]
    events = sorted(plan.calendar, key=lambda c: (c.kind == "holiday", c.date))[:MAX_EVENTS_SHOWN]
    return {
        "product": plan.product,
        "markets": ", ".join(plan.markets),
        "budget": f"{fmt(plan.budget.amount)} {plan.budget.currency}",
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "goal": plan.goal,
        "allocations": [f"{a.market} {channel_label(a.channel)}: {fmt(a.amount)} {k.currency} ({percent(a.share)}%)"
                        for a in top],
        "kpis": [f"ROAS {fmt(k.roas.mid)}", f"CTR {fmt(k.ctr.mid)}%",
                 f"expected revenue {fmt(k.expected_revenue.mid)} {k.currency}",
                 f"expected orders {fmt(k.expected_conversions.mid)}"]
                + ([f"CPA {fmt(k.cpa.mid)} {k.currency}"] if k.cpa is not None else []),
        "phases": [f"{p.name} {p.start.isoformat()} to {p.end.isoformat()}: {fmt(p.amount)} {k.currency}"
                   for p in plan.phases],
        "events": [f"{c.date.isoformat()} {c.market} {c.event}" for c in events],
    }


def messages(
    plan: Plan, notes: list[MarketingNote], context: str, language: str, draft: str = "", feedback: str = ""
) -> list[BaseMessage]:
    """System prompt, the plan's facts with the notes and context as data, and the retry turn if any."""
    name = LANGUAGE_NAMES.get(language, language)
    found: list[BaseMessage] = [
        SystemMessage(render("campaign/narrative", language=language, language_name=name)),
        HumanMessage(render("campaign/facts", notes=[n.model_dump() for n in notes], context=context,
                            **plan_facts(plan))),
    ]
    if feedback:
        found += [AIMessage(draft), HumanMessage(feedback)]
    return found


def allowed_numbers(plan: Plan) -> set[Decimal]:
    """Numbers the narrative may state: the plan's, plus any in the product's name."""
    return numbers_in_plan(plan) | numbers_in_text(plan.product)


def check_narrative(text: str, plan: Plan, language: str) -> NarrativeCheck:
    """Numbers the draft states that the plan lacks, and whether it is in the wanted language."""
    unknown = sorted(numbers_in_text(text) - allowed_numbers(plan))
    wrong = bool(text.strip()) and detect_language(text).code != language
    return NarrativeCheck(unknown_numbers=[fmt(n) for n in unknown], wrong_language=wrong or not text.strip())


def feedback(check: NarrativeCheck, language: str) -> str:
    return render("campaign/retry", unknown=check.unknown_numbers, wrong_language=check.wrong_language,
                  language_name=LANGUAGE_NAMES.get(language, language))
