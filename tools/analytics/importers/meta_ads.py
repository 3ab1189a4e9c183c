"""Meta Ads Manager exports, with or without Day and Country breakdowns."""

from tools.analytics.importers import ads
from tools.analytics.importers.context import Context
from tools.analytics.importers.models import AdRow
from tools.analytics.importers.reading import Record

PURCHASE_HINTS = ("purchase", "kauf", "käufe", "conversion")


def _conversions(ctx: Context, record: Record) -> float | None:
    """Purchases when exported; else Results when their indicator says they are purchases."""
    if ctx.columns.has("purchases"):
        return float(ctx.number(record, "purchases") or 0)
    indicator = (ctx.text(record, "result_indicator") or "").lower()
    if ctx.columns.has("results") and any(hint in indicator for hint in PURCHASE_HINTS):
        return float(ctx.number(record, "results") or 0)
    return None


def _row(ctx: Context, record: Record, campaign: str) -> AdRow:
    day = ctx.date(record, "day")
    start = day or ctx.date(record, "reporting_starts")
    end = day or ctx.date(record, "reporting_ends") or start
    if start is None or end is None:
        raise ValueError("missing Reporting starts")
    clicks_field = "link_clicks" if ctx.columns.has("link_clicks") else "clicks_all"
    return AdRow(
        platform="meta",
        period_start=start,
        period_end=end,
        campaign=campaign,
        ad_group=ctx.text(record, "ad_set"),
        market=ads.market_of(ctx, record),
        impressions=ctx.count(record, "impressions"),
        clicks=ctx.count(record, clicks_field),
        spend=ctx.money(record, "spend") or ads.ZERO,
        currency=ads.currency_of(ctx, record, "spend"),
        conversions=_conversions(ctx, record),
        conversion_value=ctx.money(record, "purchase_value"),
    )


def parse(ctx: Context) -> None:
    """One ad row per campaign (and ad set, country) and reporting period or day."""
    for index, record in enumerate(ctx.records()):
        campaign = ctx.text(record, "campaign")
        if not campaign and index == 0:
            continue  # the summary row Ads Manager puts first
        try:
            if not campaign:
                raise ValueError("missing Campaign name")
            row = _row(ctx, record, campaign)
        except ValueError as exc:
            ctx.parsed.reject(record.line, str(exc))
            continue
        ctx.parsed.ads.append(row)
        ctx.parsed.rows_ok += 1
