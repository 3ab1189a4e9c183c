"""Amazon Ads (Sponsored Products) campaign report, daily or over a period.

Columns: Date (or Start Date / End Date), Campaign Name, Ad Group Name (optional), Country
(code, name or marketplace such as Amazon.de), Currency, Impressions, Clicks, Spend,
7 Day Total Orders (#), 7 Day Total Sales; 14-day attribution columns are read as well.
"""

from tools.analytics.importers import ads
from tools.analytics.importers.context import Context
from tools.analytics.importers.reading import Record

FORMAT = ads.AdFormat(
    platform="amazon_ads",
    spend="spend",
    conversions="orders",
    conversion_value="sales",
    missing_campaign="missing Campaign Name",
)


def _period(ctx: Context, record: Record) -> ads.Period:
    """The row's Date (to its End Date), else the seller's default period."""
    start, end = ctx.defaults.period_start, ctx.defaults.period_end
    return ads.day_period(ctx, record, (start, end) if start and end else None)


def parse(ctx: Context) -> None:
    """One ad row per campaign (and ad group, country) and day or period."""
    ads.parse_rows(ctx, FORMAT, _period)
