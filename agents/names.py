"""The specialists' names, in one place so routes are typed everywhere."""

from typing import Literal, get_args

SpecialistName = Literal["copywriter", "compliance", "campaign", "kol", "analyst", "research"]
SPECIALIST_NAMES: tuple[str, ...] = get_args(SpecialistName)

DESCRIPTIONS: dict[str, str] = {
    "copywriter": "product listings and ad copy per market and platform, in the market's language",
    "compliance": "checks copy, emails and data practices against the market's laws and platform policies",
    "campaign": "budget split across markets and channels, marketing calendar, KPIs",
    "kol": "finds and ranks influencers for a product, market and budget; outreach messages",
    "analyst": "answers questions over the seller's own sales and ad data (revenue, ROAS, orders, refunds)",
    "research": "answers questions about markets and regulations, with cited sources",
}

# Slots a specialist cannot work without; the graph asks back instead of guessing.
REQUIRED_SLOTS: dict[str, list[str]] = {
    "copywriter": ["market"],
    "compliance": ["market"],
    "campaign": ["market", "budget"],
    "kol": ["market"],
    "analyst": [],
    "research": [],
}
