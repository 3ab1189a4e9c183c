"""Writing demo ad performance in each platform's own export format."""

import codecs
import csv
import io
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path

from tools.analytics.demogen.ads import DemoAd
from tools.markets import all_markets

META_HEADER = [
    "Reporting starts",
    "Reporting ends",
    "Day",
    "Campaign name",
    "Ad set name",
    "Country",
    "Results",
    "Result indicator",
    "Impressions",
    "Amount spent (USD)",
    "Link clicks",
    "Purchases",
    "Purchases conversion value",
]
GOOGLE_HEADER = [
    "Day",
    "Campaign",
    "Ad group",
    "Country/Territory (User location)",
    "Currency code",
    "Impr.",
    "Clicks",
    "Cost",
    "Conversions",
    "Conv. value",
]
TIKTOK_HEADER = [
    "Campaign name",
    "Ad group name",
    "By Day",
    "Country/Region",
    "Currency",
    "Cost",
    "Impressions",
    "Clicks (destination)",
    "Conversions",
    "Total complete payment value",
]
AMAZON_ADS_HEADER = [
    "Date",
    "Portfolio name",
    "Currency",
    "Campaign Name",
    "Ad Group Name",
    "Country",
    "Impressions",
    "Clicks",
    "Spend",
    "7 Day Total Sales ",
    "7 Day Total Orders (#)",
]
PURCHASE = "actions:offsite_conversion.fb_pixel_purchase"


def _write(
    header: list[str], rows: Iterable[list[str]], delimiter: str = ",", title: tuple[str, ...] = ()
) -> str:
    """CSV text with optional title lines before the header, as report downloads have."""
    buffer = io.StringIO()
    for line in title:
        buffer.write(line + "\r\n")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _of(ads: list[DemoAd], platform: str) -> list[DemoAd]:
    return [ad for ad in ads if ad.platform == platform]


def write_meta(path: Path, ads: list[DemoAd], first: date, last: date) -> Path:
    """Ads Manager export with Day and Country breakdowns, USD account."""
    rows = (
        [
            str(first),
            str(last),
            str(a.day),
            a.campaign,
            a.ad_group,
            a.market,
            str(a.conversions),
            PURCHASE,
            str(a.impressions),
            f"{a.spend:.2f}",
            str(a.clicks),
            str(a.conversions),
            f"{a.value:.2f}",
        ]
        for a in _of(ads, "meta")
    )
    path.write_text(_write(META_HEADER, rows), encoding="utf-8", newline="")
    return path


def _thousands(value: int | Decimal, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


def write_google(path: Path, ads: list[DemoAd], first: date, last: date) -> Path:
    """Campaign report by day and country, as the UI's UTF-16 tab-separated download, with totals."""
    google = _of(ads, "google")
    names = {code: market.name for code, market in all_markets().items()}
    rows = [
        [
            str(a.day),
            a.campaign,
            a.ad_group,
            names[a.market],
            a.currency,
            _thousands(a.impressions),
            _thousands(a.clicks),
            _thousands(a.spend, 2),
            f"{a.conversions:.2f}",
            _thousands(a.value, 2),
        ]
        for a in google
    ]
    spend = sum((a.spend for a in google), Decimal(0))
    for label in ("Total: Account", "Total: Campaigns"):
        rows.append(
            [
                label,
                " --",
                " --",
                " --",
                "USD",
                _thousands(sum(a.impressions for a in google)),
                _thousands(sum(a.clicks for a in google)),
                _thousands(spend, 2),
                f"{sum(a.conversions for a in google):.2f}",
                _thousands(sum((a.value for a in google), Decimal(0)), 2),
            ]
        )
    period = f"{first.day} {first:%B %Y} - {last.day} {last:%B %Y}"
    text = _write(GOOGLE_HEADER, rows, "\t", ("Campaign report", period))
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    return path


def write_tiktok(path: Path, ads: list[DemoAd]) -> Path:
    """Ads Manager campaign / ad group export by day, with its total row."""
    tiktok = _of(ads, "tiktok")
    rows = [
        [
            a.campaign,
            a.ad_group,
            str(a.day),
            a.market,
            a.currency,
            f"{a.spend:.2f}",
            str(a.impressions),
            str(a.clicks),
            str(a.conversions),
            f"{a.value:.2f}",
        ]
        for a in tiktok
    ]
    rows.append(
        [
            f"Total of {len({a.campaign for a in tiktok})} campaigns",
            "-",
            "-",
            "-",
            "USD",
            f"{sum((a.spend for a in tiktok), Decimal(0)):.2f}",
            str(sum(a.impressions for a in tiktok)),
            str(sum(a.clicks for a in tiktok)),
            str(sum(a.conversions for a in tiktok)),
            "-",
        ]
    )
    path.write_text(_write(TIKTOK_HEADER, rows), encoding="utf-8", newline="")
    return path


def write_amazon_ads(path: Path, ads: list[DemoAd], marketplaces: dict[str, str]) -> Path:
    """Sponsored Products campaign report by day, the format importers/amazon_ads.py documents."""
    rows = (
        [
            str(a.day),
            "Lumacamp",
            a.currency,
            a.campaign,
            a.ad_group,
            marketplaces[a.market],
            str(a.impressions),
            str(a.clicks),
            f"{a.spend:.2f}",
            f"{a.value:.2f}",
            str(a.conversions),
        ]
        for a in _of(ads, "amazon_ads")
    )
    path.write_text(_write(AMAZON_ADS_HEADER, rows), encoding="utf-8", newline="")
    return path
