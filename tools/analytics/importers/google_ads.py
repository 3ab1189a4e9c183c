"""Google Ads report downloads: title lines, optional Day/Week/Month column, totals rows at the end."""

from tools.analytics.importers import ads
from tools.analytics.importers.context import Context
from tools.analytics.importers.reading import Record

FORMAT = ads.AdFormat(
    platform="google",
    spend="cost",
    conversions="conversions",
    conversion_value="conversion_value",
    missing_campaign="missing campaign",
    blank_campaign="--",
)


def _period(ctx: Context, record: Record) -> ads.Period:
    """The row's day, week or month."""
    day, week, month = ctx.date(record, "day"), ctx.date(record, "week"), ctx.text(record, "month")
    if day:
        return day, day
    if week:
        return ads.week_period(week)
    if month:
        return ads.month_period(month)
    raise ValueError("missing date")


def parse(ctx: Context) -> None:
    """One ad row per campaign (and ad group, country) and period."""
    ads.parse_rows(ctx, FORMAT, ads.file_or_row_period(ctx, ("day", "week", "month"), _period))
