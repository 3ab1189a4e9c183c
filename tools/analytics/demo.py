"""The deterministic demo tenant: a Shenzhen outdoor brand's exports, loaded through the real importers.

Files written under `out_dir`:
- shopify/products_export.csv, shopify/orders_export.csv: the web shop (Shopify export formats);
- tiktok_shop/orders_export_tiktok_shop.csv: TikTok Shop orders as the TikTok channel app syncs them
  into Shopify (Shopify orders format, Source 'tiktok', times in the buyer's local zone);
- amazon/All_Orders_<marketplace>.txt: one All Orders report per marketplace;
- amazon/settlement_<marketplace>_<year>H<half>.txt: settlement flat files, one per marketplace and
  half-year (real accounts settle every 14 days; the format is the same);
- ads/meta_ads_daily_country.csv, ads/google_ads_campaigns_daily.tsv (UTF-16),
  ads/tiktok_ads_daily.csv, ads/amazon_ads_sp_daily.csv (the Amazon Ads format documented in
  tools/analytics/importers/amazon_ads.py).
"""

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import duckdb

from tools.analytics.demogen.ads import simulate_ads
from tools.analytics.demogen.config import load_config
from tools.analytics.demogen.orders import simulate_orders
from tools.analytics.demogen.write_ads import write_amazon_ads, write_google, write_meta, write_tiktok
from tools.analytics.demogen.write_amazon import write_all_orders, write_settlements
from tools.analytics.demogen.write_shop import write_shopify_orders, write_shopify_products
from tools.analytics.importers import ImportResult, import_file
from tools.errors import BadInput

DEMO_TODAY = date(2026, 10, 31)
HISTORY_DAYS = 730
# Import order: products before the orders that name them, orders before settlements and ads.
LOAD_ORDER = (
    "shopify/products_export.csv",
    "shopify/orders_*.csv",
    "tiktok_shop/*.csv",
    "amazon/All_Orders_*.txt",
    "amazon/settlement_*.txt",
    "ads/*",
)


def generate_demo_exports(
    out_dir: str | Path,
    seed: int = 7,
    today: date = DEMO_TODAY,
    *,
    days: int = HISTORY_DAYS,
    scale: float = 1.0,
) -> list[Path]:
    """Write the demo store's exports (the same bytes for the same arguments); returns the files."""
    if days < 1 or scale <= 0:
        raise BadInput("the demo needs at least one day of history and a positive scale")
    out = Path(out_dir)
    config = load_config()
    first = today - timedelta(days=days - 1)
    orders = simulate_orders(config, first, today, seed, scale)
    ads = simulate_ads(config, orders, first, today, seed, scale)
    amazon = [o for o in orders if o.channel == "amazon"]
    (out / "ads").mkdir(parents=True, exist_ok=True)
    return [
        write_shopify_products(out / "shopify" / "products_export.csv", config),
        write_shopify_orders(
            out / "shopify" / "orders_export.csv", [o for o in orders if o.channel == "shopify"], config
        ),
        write_shopify_orders(
            out / "tiktok_shop" / "orders_export_tiktok_shop.csv",
            [o for o in orders if o.channel == "tiktok_shop"],
            config,
            tiktok=True,
        ),
        *write_all_orders(out / "amazon", amazon, config, today),
        *write_settlements(out / "amazon", amazon, config),
        write_meta(out / "ads" / "meta_ads_daily_country.csv", ads, first, today),
        write_google(out / "ads" / "google_ads_campaigns_daily.tsv", ads, first, today),
        write_tiktok(out / "ads" / "tiktok_ads_daily.csv", ads),
        write_amazon_ads(out / "ads" / "amazon_ads_sp_daily.csv", ads, config.amazon_marketplaces),
    ]


def demo_files(out_dir: str | Path) -> list[Path]:
    """The demo's export files in the order they are imported."""
    out = Path(out_dir)
    files: list[Path] = []
    for pattern in LOAD_ORDER:
        files.extend(p for p in sorted(out.glob(pattern)) if p not in files)
    return files


def load_demo(
    conn: duckdb.DuckDBPyConnection,
    out_dir: str | Path,
    progress: Callable[[Path, ImportResult], None] | None = None,
) -> list[ImportResult]:
    """Import the demo exports through the same importers a seller's files go through."""
    files = demo_files(out_dir)
    if not files:
        raise BadInput(f"no demo exports in {out_dir}; generate them first")
    results = []
    for path in files:
        result = import_file(conn, None, path, defaults={"currency": "USD"})
        results.append(result)
        if progress:
            progress(path, result)
    return results
