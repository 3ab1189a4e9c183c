"""TikTok Ads Manager exports: campaign / ad group rows, optionally by day."""

from datetime import date

from tools.analytics.importers import ads
from tools.analytics.importers.context import Context
from tools.analytics.importers.models import AdRow
from tools.analytics.importers.reading import Record


def _row(ctx: Context, record: Record, campaign: str, period: tuple[date, date] | None) -> AdRow:
    if period is None:
        day = ctx.date(record, "day")
        if day is None:
            raise ValueError("missing Date")
        period = (day, day)
    return AdRow(
        platform="tiktok",
        period_start=period[0],
        period_end=period[1],
        campaign=campaign,
        ad_group=ctx.text(record, "ad_group"),
        market=ads.market_of(ctx, record),
        impressions=ctx.count(record, "impressions"),
        clicks=ctx.count(record, "clicks"),
        spend=ctx.money(record, "cost") or ads.ZERO,
        currency=ads.currency_of(ctx, record, "cost"),
        conversions=float(ctx.number(record, "conversions") or 0),
        conversion_value=ctx.money(record, "conversion_value"),
    )


def parse(ctx: Context) -> None:
    """One ad row per campaign (and ad group, country) and day or exported period."""
    period = None if ctx.columns.has("day") else ads.file_period(ctx)
    for record in ctx.records():
        campaign = ctx.text(record, "campaign")
        if ads.is_total_row(campaign, record.cells[0]):
            continue
        try:
            if not campaign or campaign == "-":
                raise ValueError("missing Campaign name")
            row = _row(ctx, record, campaign, period)
        except ValueError as exc:
            ctx.parsed.reject(record.line, str(exc))
            continue
        ctx.parsed.ads.append(row)
        ctx.parsed.rows_ok += 1
