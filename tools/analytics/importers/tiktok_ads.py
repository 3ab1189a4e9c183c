"""TikTok Ads Manager exports: campaign / ad group rows, optionally by day."""

from tools.analytics.importers import ads
from tools.analytics.importers.context import Context

FORMAT = ads.AdFormat(
    platform="tiktok",
    spend="cost",
    conversions="conversions",
    conversion_value="conversion_value",
    blank_campaign="-",
)


def parse(ctx: Context) -> None:
    """One ad row per campaign (and ad group, country) and day or exported period."""
    ads.parse_rows(ctx, FORMAT, ads.file_or_row_period(ctx, ("day",), ads.day_period))
