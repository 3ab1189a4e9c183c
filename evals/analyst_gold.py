"""Gold answers for the analyst eval, computed with plain pandas over the demo's export files.

Independent of the semantic layer: no model.yaml, no compiler, no DuckDB tables. Conventions
are the ones documented for the store (tools/analytics/README.md): cancelled orders are left
out; revenue is the orders' subtotal (asked only for the US, where every channel sells in USD
and prices exclude tax); ad money is converted to USD with the monthly rates of
tools/analytics/data/fx_monthly.csv (units of currency per USD).
"""

import io
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import BaseModel

FX_FILE = Path(__file__).resolve().parents[1] / "tools" / "analytics" / "data" / "fx_monthly.csv"
GOOGLE_COUNTRIES = {
    "United States": "US", "United Kingdom": "GB", "Germany": "DE", "France": "FR", "Spain": "ES", "Italy": "IT",
    "Saudi Arabia": "SA", "United Arab Emirates": "AE", "Indonesia": "ID", "Thailand": "TH", "Vietnam": "VN",
    "Malaysia": "MY", "Brazil": "BR", "Mexico": "MX", "Japan": "JP", "South Korea": "KR",
}
AMAZON_COUNTRIES = {
    "Amazon.com": "US", "Amazon.co.uk": "GB", "Amazon.de": "DE", "Amazon.fr": "FR", "Amazon.es": "ES",
    "Amazon.it": "IT", "Amazon.sa": "SA", "Amazon.ae": "AE", "Amazon.com.br": "BR", "Amazon.com.mx": "MX",
    "Amazon.co.jp": "JP",
}
ORDER_MEASURES = {"orders", "units", "revenue"}
Gold = float | dict[str, float] | list[str] | None


class GoldQuery(BaseModel):
    """What a question asks, written independently of the semantic model's names."""

    measure: str
    start: date
    end: date
    where: dict[str, str] = {}
    by: str | None = None
    top: int | None = None


def _number(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.astype(str).str.replace(",", "", regex=False).replace({"": "0"}), errors="coerce")


def _shopify(path: Path, source: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    raw["order_id"] = raw["Name"]
    heads = raw[raw["Created at"] != ""].copy()
    country = heads["Shipping Country"].where(heads["Shipping Country"] != "", heads["Billing Country"])
    orders = pd.DataFrame({
        "order_id": heads["order_id"], "source": source, "date": heads["Created at"].str[:10],
        "market": country, "currency": heads["Currency"], "subtotal": _number(heads["Subtotal"]),
        "cancelled": heads["Cancelled at"] != "",
    })
    lines = pd.DataFrame({"order_id": raw["order_id"], "sku": raw["Lineitem sku"],
                          "quantity": _number(raw["Lineitem quantity"])})
    return orders, lines


def _amazon(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    frames = [pd.read_csv(p, sep="\t", dtype=str, keep_default_na=False) for p in sorted(folder.glob("All_Orders_*"))]
    raw = pd.concat(frames, ignore_index=True)
    net = _number(raw["item-price"]) - _number(raw["item-promotion-discount"]).abs()
    raw = raw.assign(net=net)
    grouped = raw.groupby("amazon-order-id", sort=False)
    orders = pd.DataFrame({
        "order_id": grouped["amazon-order-id"].first(), "source": "amazon",
        "date": grouped["purchase-date"].first().str[:10], "market": grouped["ship-country"].first(),
        "currency": grouped["currency"].first(), "subtotal": grouped["net"].sum(),
        "cancelled": grouped["order-status"].first().str.lower() == "cancelled",
    }).reset_index(drop=True)
    lines = pd.DataFrame({"order_id": raw["amazon-order-id"], "sku": raw["sku"], "quantity": _number(raw["quantity"])})
    return orders, lines


def _ads(folder: Path) -> pd.DataFrame:
    meta = pd.read_csv(folder / "meta_ads_daily_country.csv", dtype=str, keep_default_na=False)
    google_text = (folder / "google_ads_campaigns_daily.tsv").read_bytes().decode("utf-16")
    google = pd.read_csv(io.StringIO(google_text), sep="\t", skiprows=2, dtype=str, keep_default_na=False)
    google = google[~google["Day"].str.startswith("Total")]
    tiktok = pd.read_csv(folder / "tiktok_ads_daily.csv", dtype=str, keep_default_na=False)
    amazon = pd.read_csv(folder / "amazon_ads_sp_daily.csv", dtype=str, keep_default_na=False)
    amazon.columns = [c.strip() for c in amazon.columns]
    parts = [
        pd.DataFrame({"platform": "meta", "date": meta["Day"], "market": meta["Country"], "currency": "USD",
                      "impressions": _number(meta["Impressions"]), "clicks": _number(meta["Link clicks"]),
                      "spend": _number(meta["Amount spent (USD)"]), "conversions": _number(meta["Purchases"]),
                      "conversion_value": _number(meta["Purchases conversion value"])}),
        pd.DataFrame({"platform": "google", "date": google["Day"],
                      "market": google["Country/Territory (User location)"].map(GOOGLE_COUNTRIES),
                      "currency": google["Currency code"], "impressions": _number(google["Impr."]),
                      "clicks": _number(google["Clicks"]), "spend": _number(google["Cost"]),
                      "conversions": _number(google["Conversions"]),
                      "conversion_value": _number(google["Conv. value"])}),
        pd.DataFrame({"platform": "tiktok", "date": tiktok["By Day"], "market": tiktok["Country/Region"],
                      "currency": tiktok["Currency"], "impressions": _number(tiktok["Impressions"]),
                      "clicks": _number(tiktok["Clicks (destination)"]), "spend": _number(tiktok["Cost"]),
                      "conversions": _number(tiktok["Conversions"]),
                      "conversion_value": _number(tiktok["Total complete payment value"])}),
        pd.DataFrame({"platform": "amazon_ads", "date": amazon["Date"],
                      "market": amazon["Country"].map(AMAZON_COUNTRIES),
                      "currency": amazon["Currency"], "impressions": _number(amazon["Impressions"]),
                      "clicks": _number(amazon["Clicks"]), "spend": _number(amazon["Spend"]),
                      "conversions": _number(amazon["7 Day Total Orders (#)"]),
                      "conversion_value": _number(amazon["7 Day Total Sales"])}),
    ]
    ads = pd.concat(parts, ignore_index=True)
    per_usd = [_units_per_usd(cur, day[:7]) for day, cur in zip(ads["date"], ads["currency"], strict=True)]
    ads["spend"] = ads["spend"] / per_usd
    ads["conversion_value"] = ads["conversion_value"] / per_usd
    return ads


def _units_per_usd(currency: str, month: str) -> float:
    """The month's rate; outside the table, the nearest month's (the store's documented rule)."""
    if currency == "USD":
        return 1.0
    months = _fx_table()[currency]
    if month in months:
        return months[month]
    ordered = sorted(months)
    return months[ordered[0]] if month < ordered[0] else months[ordered[-1]]


@cache
def _fx_table() -> dict[str, dict[str, float]]:
    fx = pd.read_csv(FX_FILE, comment="#", dtype={"month": str})
    table: dict[str, dict[str, float]] = {}
    for month, currency, rate in fx[["month", "currency", "units_per_usd"]].itertuples(index=False):
        table.setdefault(str(currency), {})[str(month)] = float(rate)
    return table


class DemoExports:
    """The demo's export files read into plain frames: orders, order lines, ad rows."""

    def __init__(self, folder: Path) -> None:
        shop_orders, shop_lines = _shopify(folder / "shopify" / "orders_export.csv", "shopify")
        tt_orders, tt_lines = _shopify(folder / "tiktok_shop" / "orders_export_tiktok_shop.csv", "tiktok_shop")
        amz_orders, amz_lines = _amazon(folder / "amazon")
        orders = pd.concat([shop_orders, tt_orders, amz_orders], ignore_index=True)
        self.orders = orders[~orders["cancelled"]]
        lines = pd.concat([shop_lines, tt_lines, amz_lines], ignore_index=True)
        self.lines = lines.merge(self.orders[["order_id", "date", "market", "source"]], on="order_id")
        self.ads = _ads(folder / "ads")

    def answer(self, query: GoldQuery) -> Gold:
        """The gold value: a number, {key: number} for a breakdown, or the top keys in order."""
        if query.measure in ORDER_MEASURES:
            frame = self.lines if query.measure == "units" else self.orders
        else:
            frame = self.ads
        frame = frame[(frame["date"] >= query.start.isoformat()) & (frame["date"] <= query.end.isoformat())]
        for column, value in query.where.items():
            frame = frame[frame[column] == value]
        if query.measure == "revenue" and not (frame["currency"] == "USD").all():
            raise ValueError("revenue gold is defined for USD orders only")
        if query.by is None:
            return _measure(frame, query.measure)
        keys = frame["date"].str[:7] + "-01" if query.by == "month" else frame[query.by]
        values = {str(k): _measure(group, query.measure) for k, group in frame.groupby(keys)}
        if query.top:
            ranked = sorted(values.items(), key=lambda kv: (-(kv[1] or 0), kv[0]))
            return [k for k, _ in ranked[: query.top]]
        return {k: v for k, v in values.items() if v is not None}


def _ratio(top: float, bottom: float) -> float | None:
    return top / bottom if bottom else None


def _measure(frame: pd.DataFrame, measure: str) -> Any:
    sums = {c: float(frame[c].sum()) for c in ("impressions", "clicks", "spend", "conversions", "conversion_value")
            if c in frame}
    if measure == "orders":
        return float(frame["order_id"].nunique())
    if measure == "units":
        return float(frame["quantity"].sum())
    if measure == "revenue":
        return float(frame["subtotal"].sum())
    if measure == "ad_spend":
        return sums["spend"]
    if measure in ("impressions", "clicks", "conversions", "conversion_value"):
        return sums[measure]
    formulas = {
        "ctr": lambda: _ratio(sums["clicks"], sums["impressions"]),
        "cpc": lambda: _ratio(sums["spend"], sums["clicks"]),
        "cpm": lambda: _ratio(sums["spend"] * 1000, sums["impressions"]),
        "roas": lambda: _ratio(sums["conversion_value"], sums["spend"]),
        "cpa": lambda: _ratio(sums["spend"], sums["conversions"]),
        "cvr": lambda: _ratio(sums["conversions"], sums["clicks"]),
    }
    return formulas[measure]()
