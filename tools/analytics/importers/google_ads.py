"""Google Ads report downloads: title lines, optional Day/Week/Month column, totals rows at the end."""

from tools.analytics.importers import ads
from tools.analytics.importers.context import Context
from tools.analytics.importers.models import AdRow


def parse(ctx: Context) -> None:
    """One ad row per campaign (and ad group, country) and period."""
    period = None
    if not (ctx.columns.has("day") or ctx.columns.has("week") or ctx.columns.has("month")):
        period = ads.file_period(ctx)
    for record in ctx.records():
        campaign = ctx.text(record, "campaign")
        if ads.is_total_row(campaign, record.cells[0]):
            continue
        try:
            if not campaign or campaign == "--":
                raise ValueError("missing campaign")
            if period is None:
                day, week, month = (
                    ctx.date(record, "day"),
                    ctx.date(record, "week"),
                    ctx.text(record, "month"),
                )
                if day:
                    start, end = day, day
                elif week:
                    start, end = ads.week_period(week)
                elif month:
                    start, end = ads.month_period(month)
                else:
                    raise ValueError("missing date")
            else:
                start, end = period
            row = AdRow(
                platform="google",
                period_start=start,
                period_end=end,
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
        except ValueError as exc:
            ctx.parsed.reject(record.line, str(exc))
            continue
        ctx.parsed.ads.append(row)
        ctx.parsed.rows_ok += 1
