"""The seller's own ad history from the tenant's analytics store, as planner rows in one currency."""

from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

import duckdb
from pydantic import BaseModel

from agents.campaign.state import HistoryUse
from tools.analytics.fx import rate_to
from tools.analytics.store import open_tenant_db
from tools.campaign import AdHistoryRow
from tools.campaign.reference import channel_name
from tools.errors import BadInput, NotFound
from tools.markets import get_market
from tools.settings import Settings

# Daily rows only: a row covering a month would look like one very large day to the curve fit.
_QUERY = """
SELECT period_start, platform, upper(market), spend, impressions, clicks, conversions, conversion_value,
       upper(currency)
FROM ad_performance
WHERE period_start = period_end AND period_start < ? AND upper(market) IN ({markets})
ORDER BY period_start, platform, market
"""


class HistoryLoad(BaseModel):
    rows: list[AdHistoryRow]
    use: HistoryUse


def _channel(platform: str) -> str | None:
    try:
        return channel_name(platform)
    except BadInput:
        return None


def _rate(currency: str, target: str, day: date) -> Decimal | None:
    """Units of `target` per unit of `currency` (monthly average), or None when the table lacks it."""
    if currency == target:
        return Decimal(1)
    try:
        return Decimal(str(rate_to(currency, target, day)))
    except BadInput:
        return None


def _fetch(conn: duckdb.DuckDBPyConnection, markets: list[str], before: date) -> list[tuple[Any, ...]]:
    placeholders = ", ".join("?" for _ in markets)
    return conn.execute(_QUERY.format(markets=placeholders), [before, *markets]).fetchall()


def rows_to_history(raw: list[tuple[Any, ...]], currency: str) -> HistoryLoad:
    """Planner rows in `currency`; rows of unknown channels or currencies are skipped and counted."""
    rows: list[AdHistoryRow] = []
    converted: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    for day, platform, market, spend, impressions, clicks, conversions, value, row_currency in raw:
        channel = _channel(str(platform))
        rate = _rate(str(row_currency), currency, day)
        if channel is None:
            skipped[f"platform {platform}"] += 1
            continue
        if rate is None:
            skipped[f"currency {row_currency}"] += 1
            continue
        if row_currency != currency:
            converted[str(row_currency)] += 1
        rows.append(AdHistoryRow(
            date=day, platform=channel, market=market, spend=Decimal(spend or 0) * rate,
            impressions=int(impressions or 0), clicks=int(clicks or 0), conversions=float(conversions or 0),
            conversion_value=Decimal(value or 0) * rate, currency=currency,
        ))
    notes = [f"Converted {n} history rows from {cur} to {currency} at monthly average exchange rates."
             for cur, n in sorted(converted.items())]
    notes += [f"Skipped {n} history rows with unknown {what}." for what, n in sorted(skipped.items())]
    use = HistoryUse(rows_used=len(rows), rows_skipped=sum(skipped.values()), currency=currency, notes=notes)
    return HistoryLoad(rows=rows, use=use)


def load_history(settings: Settings, tenant: str, markets: list[str], currency: str, before: date) -> HistoryLoad:
    """Daily ad rows of the plan's markets before the campaign; none when the tenant has no data."""
    codes = [get_market(m).code for m in markets]
    try:
        conn = open_tenant_db(settings, tenant, read_only=True)
    except NotFound:
        return HistoryLoad(rows=[], use=HistoryUse(notes=["No ad history for this seller: public benchmarks only."]))
    try:
        raw = _fetch(conn, codes, before)
    except duckdb.CatalogException:
        raw = []
    finally:
        conn.close()
    loaded = rows_to_history(raw, currency.strip().upper())
    if not loaded.rows:
        loaded.use.notes.append("No usable ad history in these markets: public benchmarks only.")
    return loaded
