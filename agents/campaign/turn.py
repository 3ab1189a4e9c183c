"""A plan request from a chat turn: markets and budget from the slots, dates, product and goal from the text."""

from datetime import date
from typing import Any

from agents.campaign.config import config
from agents.campaign.dates import campaign_window
from agents.campaign.state import CampaignInput
from tools.campaign import Money, PlanRequest, Product
from tools.campaign.models import Goal
from tools.errors import BadInput
from tools.slots import Slots


def product_from_text(text: str) -> Product:
    """A minimal product: the category the text names (its first word found), else a general product."""
    lowered = text.lower()
    for category, words in config().turn.categories.items():
        for word in words:
            if word in lowered:
                return Product(name=word, category=category)
    return Product(name="product", category="general")


def goal_from_text(text: str) -> Goal:
    lowered = text.lower()
    return "awareness" if any(word in lowered for word in config().turn.awareness_words) else "sales"


def channels_from_text(text: str) -> list[str] | None:
    """Channels the text names, or None (every channel) when it names none."""
    lowered = text.lower()
    named = [c for c, words in config().turn.channel_words.items() if any(w in lowered for w in words)]
    return named or None


def analyst_context(earlier: dict[str, dict[str, Any]]) -> str:
    """The analyst's answer from earlier in the turn, shortened: context for the narrative, not plan input."""
    answer = str(earlier.get("analyst", {}).get("answer", "")).strip()
    limit = config().turn.context_chars
    return answer if len(answer) <= limit else answer[: limit - 1] + "…"


def plan_input(text: str, language: str, slots: Slots, tenant: str, earlier: dict[str, dict[str, Any]],
               today: date) -> CampaignInput:
    """The typed input of the campaign specialist for one chat turn."""
    if not slots.markets:
        raise BadInput("a campaign plan needs at least one market (e.g. US, DE, SA)")
    if slots.budget is None:
        raise BadInput("a campaign plan needs a budget (e.g. 5000 USD)")
    window = campaign_window(text, slots.markets, today)
    request = PlanRequest(
        product=product_from_text(text), markets=slots.markets,
        budget=Money(amount=slots.budget.amount, currency=slots.budget.currency),
        start=window.start, end=window.end, goal=goal_from_text(text), channels=channels_from_text(text),
    )
    return CampaignInput(request=request, language=language, tenant=tenant, context=analyst_context(earlier))
