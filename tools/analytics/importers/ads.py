"""What the ad-report importers share: periods, markets, currencies, totals rows."""

import re
from calendar import monthrange
from datetime import date, timedelta
from decimal import Decimal

from tools.analytics.importers import values
from tools.analytics.importers.context import Context
from tools.analytics.importers.geo import country_code, marketplace
from tools.analytics.importers.reading import Record
from tools.errors import BadInput

ZERO = Decimal("0.00")
# A whole word, so that a campaign named "summer_sale" or "totally_new" is not taken for a total.
_TOTAL = re.compile(r"^\s*(?:(?:total|gesamt|summe)\b|合计|总计)", re.IGNORECASE)
_RANGE = re.compile(r"^\s*\"?(.+?)\s+[-–]\s+(.+?)\"?\s*$")


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
