"""Deterministic plan text (rationales and summary) from the templates in texts.yaml."""

from decimal import Decimal

from tools.campaign.kpis import CellResult
from tools.campaign.models import KPIs, Phase, PlanRequest
from tools.campaign.money import quantize, round_to
from tools.campaign.reference import channels, texts
from tools.markets import get_market


def fmt(value: Decimal) -> str:
    """A decimal in plain notation (no exponent)."""
    return format(value, "f")


def percent(share: Decimal) -> str:
    """A share (0.2512) as a percent without trailing zeros ("25.12")."""
    text = fmt(round_to(share * 100, 2))
    return text.rstrip("0").rstrip(".") if "." in text else text


def channel_label(channel: str) -> str:
    """The channel's display name."""
    return channels().channels[channel].label


def rationale(result: CellResult, share: Decimal, currency: str, goal: str) -> str:
    """Why an allocation has its size, with the numbers behind it."""
    economics = result.economics
    conversions = round_to(result.conversions, 1)
    impressions = round(result.impressions)
    values = {
        "share_pct": percent(share),
        "amount": fmt(result.amount),
        "currency": currency,
        "channel": channel_label(economics.channel),
        "market": get_market(economics.market).name,
        "conversions": fmt(conversions),
        "impressions": str(impressions),
        "reach": str(round(result.reach)),
        "cpa": fmt(quantize(result.amount / conversions, currency)) if conversions else "n/a",
        "basis": texts()[f"basis_{economics.source}"],
        "ctr": fmt(round_to(economics.ctr * 100, 2)),
        "cvr": fmt(round_to(economics.cvr * 100, 2)),
        "cpm": fmt(quantize(economics.cpm, currency)),
    }
    if goal == "awareness":
        values["cpm"] = fmt(quantize(result.amount * 1000 / impressions, currency)) if impressions else "n/a"
    return texts()[f"rationale_{goal}"].format(**values)


def summary(
    request: PlanRequest,
    markets: list[str],
    top: tuple[str, str, Decimal, Decimal],
    kpis: KPIs,
    phases: list[Phase],
    event_count: int,
) -> str:
    """The plan in a few sentences, every number taken from the plan."""
    t = texts()
    currency = kpis.currency
    peaks = [p for p in phases if p.name == "peak" and p.events]
    phase_text = t["phase_none"]
    if peaks:
        phase_text = t["phase_peak"].format(
            first_peak=peaks[0].start.isoformat(),
            first_peak_end=peaks[0].end.isoformat(),
            peak_events=", ".join(peaks[0].events),
        )
    cpa_text = (
        t["cpa_none"] if kpis.cpa is None else t["cpa_text"].format(cpa=fmt(kpis.cpa.mid), currency=currency)
    )
    return t["summary"].format(
        goal_label=t[f"goal_{request.goal}"],
        product=request.product.name,
        markets=", ".join(markets),
        start=request.start.isoformat(),
        end=request.end.isoformat(),
        days=(request.end - request.start).days + 1,
        budget=fmt(request.budget.amount),
        currency=currency,
        top_channel=channel_label(top[1]),
        top_market=get_market(top[0]).name,
        top_amount=fmt(top[2]),
        top_share=percent(top[3]),
        impressions=fmt(kpis.expected_impressions.mid),
        reach=kpis.expected_reach,
        conversions=fmt(kpis.expected_conversions.mid),
        conversions_low=fmt(kpis.expected_conversions.low),
        conversions_high=fmt(kpis.expected_conversions.high),
        revenue=fmt(kpis.expected_revenue.mid),
        roas=fmt(kpis.roas.mid),
        roas_low=fmt(kpis.roas.low),
        roas_high=fmt(kpis.roas.high),
        cpa_text=cpa_text,
        ctr=fmt(kpis.ctr.mid),
        cpm=fmt(kpis.cpm),
        events=event_count,
        phase_text=phase_text,
    )
