"""Meta Ads Manager exports, with or without Day and Country breakdowns."""

from dataclasses import replace

from tools.analytics.importers import ads
from tools.analytics.importers.context import Context
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


FORMAT = ads.AdFormat(
    platform="meta",
    spend="spend",
    conversions=_conversions,
    conversion_value="purchase_value",
    ad_group="ad_set",
    summary_first=True,  # the summary row Ads Manager puts first
)


def _period(ctx: Context, record: Record) -> ads.Period:
    """The row's day, else its reporting period."""
    day = ctx.date(record, "day")
    start = day or ctx.date(record, "reporting_starts")
    end = day or ctx.date(record, "reporting_ends") or start
    if start is None or end is None:
        raise ValueError("missing Reporting starts")
    return start, end


def parse(ctx: Context) -> None:
    """One ad row per campaign (and ad set, country) and reporting period or day."""
    clicks = "link_clicks" if ctx.columns.has("link_clicks") else "clicks_all"  # link clicks when exported
    ads.parse_rows(ctx, replace(FORMAT, clicks=clicks), _period)
