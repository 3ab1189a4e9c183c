"""Amazon Ads (Sponsored Products) campaign report, daily or over a period.

Columns: Date (or Start Date / End Date), Campaign Name, Ad Group Name (optional), Country
(code, name or marketplace such as Amazon.de), Currency, Impressions, Clicks, Spend,
7 Day Total Orders (#), 7 Day Total Sales; 14-day attribution columns are read as well.
"""

from tools.analytics.importers import ads
from tools.analytics.importers.context import Context
from tools.analytics.importers.models import AdRow
from tools.analytics.importers.reading import Record


def _row(ctx: Context, record: Record, campaign: str) -> AdRow:
    start = ctx.date(record, "day")
    if start is None:
        if not (ctx.defaults.period_start and ctx.defaults.period_end):
            raise ValueError("missing Date")
        start, end = ctx.defaults.period_start, ctx.defaults.period_end
    else:
        end = ctx.date(record, "end_date") or start
    return AdRow(
        platform="amazon_ads",
        period_start=start,
        period_end=end,
        campaign=campaign,
        ad_group=ctx.text(record, "ad_group"),
        market=ads.market_of(ctx, record),
        impressions=ctx.count(record, "impressions"),
        clicks=ctx.count(record, "clicks"),
        spend=ctx.money(record, "spend") or ads.ZERO,
        currency=ads.currency_of(ctx, record, "spend"),
        conversions=float(ctx.number(record, "orders") or 0),
        conversion_value=ctx.money(record, "sales"),
    )


def parse(ctx: Context) -> None:
    """One ad row per campaign (and ad group, country) and day or period."""
    for record in ctx.records():
        campaign = ctx.text(record, "campaign")
        if ads.is_total_row(campaign, record.cells[0]):
            continue
        try:
            if not campaign:
                raise ValueError("missing Campaign Name")
            row = _row(ctx, record, campaign)
        except ValueError as exc:
            ctx.parsed.reject(record.line, str(exc))
            continue
        ctx.parsed.ads.append(row)
        ctx.parsed.rows_ok += 1
