"""What the ad-report importers share: the row loop, periods, markets, currencies, totals rows.

A platform module describes its report with an `AdFormat` (which column holds each value) and a
function that dates a row; `parse_rows` does the rest the same way for every platform.
"""

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tools.analytics.importers import values
from tools.analytics.importers.context import Context
from tools.analytics.importers.geo import country_code, marketplace
from tools.analytics.importers.models import AdRow
from tools.analytics.importers.reading import Record
from tools.errors import BadInput

ZERO = Decimal("0.00")
# A whole word, so that a campaign named "summer_sale" or "totally_new" is not taken for a total.
_TOTAL = re.compile(r"^\s*(?:(?:total|gesamt|summe)\b|合计|总计)", re.IGNORECASE)
_RANGE = re.compile(r"^\s*\"?(.+?)\s+[-–]\s+(.+?)\"?\s*$")

Period = tuple[date, date]
RowPeriod = Callable[[Context, Record], Period]
Conversions = Callable[[Context, Record], float | None]


@dataclass(frozen=True)
class AdFormat:
    """Where one platform's report keeps each value of an ad row."""

    platform: str  # the ad_performance.platform value
    spend: str
    conversions: str | Conversions  # a count column, or how to read a less plain one
    conversion_value: str
    ad_group: str = "ad_group"
    clicks: str = "clicks"
    missing_campaign: str = "missing Campaign name"
    blank_campaign: str | None = None  # what the report writes for no campaign, e.g. '--'
    summary_first: bool = False  # a first row without a campaign sums the others (else: 'Total' rows)


def is_total_row(campaign: str | None, first_cell: str | None) -> bool:
    """Google's 'Total: Account' / TikTok's 'Total of N' rows, which repeat what the rows add up to."""
    return any(text and _TOTAL.match(text) for text in (campaign, first_cell))


def preamble_period(ctx: Context) -> tuple[date, date] | None:
    """A report's date range from its title lines ('1 November 2024 - 30 November 2024'), if any."""
    for line in ctx.table.preamble:
        text = line.split(ctx.table.delimiter)[0].strip().strip('"')
        match = _RANGE.match(text)
        if not match:
            continue
        try:
            return values.parse_date(match.group(1), ctx.day_first), values.parse_date(
                match.group(2), ctx.day_first
            )
        except ValueError:
            continue
    return None


def file_period(ctx: Context) -> tuple[date, date]:
    """The period of a report without a date column: its title lines, else the seller's defaults."""
    found = preamble_period(ctx)
    if found:
        return found
    if ctx.defaults.period_start and ctx.defaults.period_end:
        return ctx.defaults.period_start, ctx.defaults.period_end
    raise BadInput(
        f"this {ctx.spec.label} has no date column and no date range (e.g. 'All time'): export it with a"
        " Day breakdown or a date range, or give period_start and period_end"
    )


def file_or_row_period(ctx: Context, date_fields: tuple[str, ...], row_period: RowPeriod) -> RowPeriod:
    """Each row's own dates when the report has a date column, else the file's period for every row."""
    if any(ctx.columns.has(field) for field in date_fields):
        return row_period
    period = file_period(ctx)
    return lambda _ctx, _record: period


def month_period(raw: str) -> tuple[date, date]:
    """First and last day of a month cell ('November 2024' or '2024-11-01')."""
    text = raw.strip()
    try:
        first = values.parse_date(text)
    except ValueError:
        first = values.parse_date(f"1 {text}")
    return first.replace(day=1), first.replace(day=monthrange(first.year, first.month)[1])


def week_period(start: date) -> tuple[date, date]:
    """A report week starting on its first day."""
    return start, start + timedelta(days=6)


def day_period(ctx: Context, record: Record, fallback: Period | None = None) -> Period:
    """The row's day, to its end date where the report has one; else `fallback`; ValueError without either."""
    start = ctx.date(record, "day")
    if start is None:
        if fallback is None:
            raise ValueError("missing Date")
        return fallback
    return start, ctx.date(record, "end_date") or start


def market_of(ctx: Context, record: Record, field: str = "country") -> str | None:
    """ISO country of a row from its country cell (name, code or Amazon marketplace), else the default."""
    raw = ctx.text(record, field)
    if raw is None or values.is_empty(raw):
        return ctx.defaults.market
    place = marketplace(raw)
    return place.country if place else country_code(raw)


def currency_of(ctx: Context, record: Record, money_field: str) -> str:
    """Currency from the amount's column name ('Amount spent (USD)'), a currency column, or the defaults."""
    currency = ctx.columns.bracketed.get(money_field) or ctx.text(record, "currency") or ctx.defaults.currency
    if not currency:
        raise BadInput(
            f"this {ctx.spec.label} names no currency: add the currency column to the export or give a"
            " default currency"
        )
    return currency.upper()


def _conversions(ctx: Context, record: Record, fmt: AdFormat) -> float | None:
    if callable(fmt.conversions):
        return fmt.conversions(ctx, record)
    return float(ctx.number(record, fmt.conversions) or 0)


def ad_row(ctx: Context, record: Record, fmt: AdFormat, campaign: str, period: Period) -> AdRow:
    """One record as an ad row; ValueError when a value cannot be read."""
    return AdRow(
        platform=fmt.platform,
        period_start=period[0],
        period_end=period[1],
        campaign=campaign,
        ad_group=ctx.text(record, fmt.ad_group),
        market=market_of(ctx, record),
        impressions=ctx.count(record, "impressions"),
        clicks=ctx.count(record, fmt.clicks),
        spend=ctx.money(record, fmt.spend) or ZERO,
        currency=currency_of(ctx, record, fmt.spend),
        conversions=_conversions(ctx, record, fmt),
        conversion_value=ctx.money(record, fmt.conversion_value),
    )


def _skipped(fmt: AdFormat, index: int, record: Record, campaign: str | None) -> bool:
    """A summary or totals row, which repeats what the other rows add up to."""
    if fmt.summary_first:
        return not campaign and index == 0
    return is_total_row(campaign, record.cells[0])


def parse_rows(ctx: Context, fmt: AdFormat, row_period: RowPeriod) -> None:
    """One ad row per record, dated by `row_period`; a record that cannot be read is rejected."""
    for index, record in enumerate(ctx.records()):
        campaign = ctx.text(record, "campaign")
        if _skipped(fmt, index, record, campaign):
            continue
        try:
            if not campaign or campaign == fmt.blank_campaign:
                raise ValueError(fmt.missing_campaign)
            row = ad_row(ctx, record, fmt, campaign, row_period(ctx, record))
        except ValueError as exc:
            ctx.parsed.reject(record.line, str(exc))
            continue
        ctx.parsed.ads.append(row)
        ctx.parsed.rows_ok += 1
