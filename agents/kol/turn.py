"""From a chat turn to a match request, and from the result to the answer in the asker's language."""

import re
from typing import Any

from agents.kol.state import DEFAULT_OUTREACH, KolInput, KolMatchRequest, KolOutput
from prompts import render
from tools.copy import ProductFacts
from tools.kol import Money
from tools.kol.disclosure import disclosure_for
from tools.kol.reference import load_data
from tools.kol.text import resolve_niche
from tools.slots import Slots

CHAT_LIMIT = 5
MAX_NAME_CHARS = 120
_PLATFORM_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("tiktok", re.compile(r"tik\s?tok|抖音|douyin", re.IGNORECASE)),
    ("instagram", re.compile(r"instagram|\binsta\b|\big\b|ins博主", re.IGNORECASE)),
    ("youtube", re.compile(r"you\s?tube|油管|\byt\b", re.IGNORECASE)),
]
_PRODUCT_PATTERNS = [
    re.compile(r"(?:推广|宣传|带货|卖|销售)(?:一下)?(?:我的|我们的|我家的|我们家的)?([^\s，。,.!?！？的]{1,16})"),
    re.compile(r"\b(?:for|promote|promoting|sell|selling|advertise)\s+(?:my|our)\s+([\w\s-]{2,40}?)"
               r"(?=\s+(?:in|on|to|for|with|into|across)\b|[,.?!]|$)", re.IGNORECASE),
]


def platforms_in(text: str) -> list[str] | None:
    """The platforms a request names (TikTok/抖音, Instagram, YouTube), or None for any."""
    found = [name for name, words in _PLATFORM_WORDS if words.search(text)]
    return found or None


def product_name_in(text: str) -> str | None:
    """The product a request promotes ("for my camping tent", "推广帐篷"), when it names one."""
    for pattern in _PRODUCT_PATTERNS:
        found = pattern.search(text)
        if found and found.group(1).strip():
            return found.group(1).strip()
    return None


def product_from_text(text: str) -> ProductFacts:
    """A minimal product from the request: the product it names (else its words), the niche as the category;
    the whole request is the description, so matching and the fact check see everything the seller wrote."""
    niche = resolve_niche(text)
    category = load_data("niches")[niche]["label"] if niche else "general"
    words = " ".join(text.split())
    name = product_name_in(words) or words[:MAX_NAME_CHARS]
    return ProductFacts(name=name, description=words, category=category)


def kol_input(text: str, language: str, slots: Slots, tenant: str) -> KolInput:
    """Markets and budget from the slots, platforms from the words, the product from the text."""
    if not slots.markets:
        return KolInput(request=None, tenant=tenant, language=language, problem="name at least one market")
    budget = None if slots.budget is None else Money(amount=float(slots.budget.amount),
                                                     currency=slots.budget.currency)
    request = KolMatchRequest.model_validate({
        "product": product_from_text(text), "markets": slots.markets, "platforms": platforms_in(text),
        "budget": budget, "limit": CHAT_LIMIT, "outreach": DEFAULT_OUTREACH,
    })
    return KolInput(request=request, tenant=tenant, language=language)


def _money(money: Any) -> str:
    return "?" if money is None else f"{money.amount:,.2f} {money.currency}"


def answer(output: KolOutput) -> str:
    """Matches and outreach messages, in Chinese for a Chinese asker, else in English."""
    response = output.response
    if response is None:
        return render("kol/answer", zh=output.language == "zh", problem=output.problem, markets="",
                      matches=[], outreach=[], considered=0, excluded=0, total="")
    matches = [{"handle": m.handle, "platform": m.platform, "country": m.country,
                "followers": "?" if m.followers is None else f"{m.followers:,}",
                "engagement": "?" if m.engagement_rate is None else f"{m.engagement_rate:.2%}",
                "fit": f"{m.fit_score:.2f}", "risk": f"{m.fraud_risk:.2f}", "cost": _money(m.estimated_cost)}
               for m in response.matches]
    markets = sorted({o.market for o in response.outreach} | {m.country or "" for m in response.matches} - {""})
    return render("kol/answer", zh=output.language == "zh", problem="", markets=", ".join(markets),
                  matches=matches, outreach=[o.model_dump() for o in response.outreach],
                  considered=response.candidates_considered, excluded=response.excluded_for_fraud,
                  total="" if response.total_cost is None else _money(response.total_cost))


def citations(output: KolOutput) -> list[dict[str, Any]]:
    """The sources of the ad labels the outreach messages carry, one per market."""
    seen: dict[str, dict[str, Any]] = {}
    for item in output.response.outreach if output.response else []:
        disclosure = disclosure_for(item.market)
        seen.setdefault(item.market, {"id": f"disclosure:{item.market}", "title": disclosure.source.name,
                                      "url": disclosure.source.url, "rule_id": disclosure.rule})
    return list(seen.values())
