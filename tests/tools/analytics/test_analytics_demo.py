"""The demo store: deterministic exports in real formats, loaded through the importers."""

from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from tools.analytics.demo import demo_files, generate_demo_exports, load_demo
from tools.analytics.demogen.calendar import DemandCalendar, black_friday, ramadan_start
from tools.analytics.demogen.config import load_config
from tools.analytics.schema import ensure_schema
from tools.errors import BadInput

TODAY = date(2025, 12, 10)
TINY_DAYS = 21
TINY_SCALE = 0.4


def _bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    generate_demo_exports(out, seed=7, today=TODAY, days=TINY_DAYS, scale=TINY_SCALE)
    return out


def test_generation_is_deterministic_and_seeded(tiny, tmp_path):
    again = tmp_path / "again"
    generate_demo_exports(again, seed=7, today=TODAY, days=TINY_DAYS, scale=TINY_SCALE)
    assert _bytes(again) == _bytes(tiny)
    other = tmp_path / "other"
    generate_demo_exports(other, seed=8, today=TODAY, days=TINY_DAYS, scale=TINY_SCALE)
    assert _bytes(other) != _bytes(tiny)


def test_exports_are_in_every_real_format(tiny):
    names = {p.name for p in demo_files(tiny)}
    assert {
        "products_export.csv",
        "orders_export.csv",
        "orders_export_tiktok_shop.csv",
        "All_Orders_Amazon.com.txt",
        "meta_ads_daily_country.csv",
        "google_ads_campaigns_daily.tsv",
        "tiktok_ads_daily.csv",
        "amazon_ads_sp_daily.csv",
    } <= names
    assert any(n.startswith("settlement_Amazon") for n in names)
    assert (tiny / "ads" / "google_ads_campaigns_daily.tsv").read_bytes()[:2] == b"\xff\xfe"  # UTF-16


def test_loading_goes_through_the_importers_without_rejections(tiny):
    conn = duckdb.connect()
    ensure_schema(conn)
    results = load_demo(conn, tiny)
    assert all(not r.rejected for r in results), [r.rejected[:2] for r in results if r.rejected]
    assert {r.source for r in results} == {
        "shopify_products",
        "shopify_orders",
        "amazon_orders",
        "amazon_settlement",
        "meta_ads",
        "google_ads",
        "tiktok_ads",
        "amazon_ads",
    }
    sources = dict(conn.execute("SELECT source, count(*) FROM orders GROUP BY 1").fetchall())
    assert set(sources) == {"shopify", "amazon", "tiktok_shop"}
    first, last = conn.execute("SELECT min(order_date), max(order_date) FROM orders").fetchall()[0]
    assert last <= TODAY and first >= TODAY - timedelta(days=TINY_DAYS)
    platforms = {r[0] for r in conn.execute("SELECT DISTINCT platform FROM ad_performance").fetchall()}
    assert platforms == {"meta", "google", "tiktok", "amazon_ads"}
    currencies = {r[0] for r in conn.execute("SELECT DISTINCT currency FROM orders").fetchall()}
    assert {"USD", "EUR", "GBP", "JPY"} <= currencies and len(currencies) >= 8
    dump = str(conn.execute("SELECT * FROM orders").fetchall())
    assert "@example.com" not in dump
    # the BFCM code is only used from three days before Black Friday to Cyber Monday (±1 day of time zones)
    codes = conn.execute(
        "SELECT count(*), min(order_date), max(order_date) FROM orders WHERE discount_code = 'BFCM20'"
    ).fetchall()[0]
    assert codes[0] > 0 and codes[1] >= date(2025, 11, 24) and codes[2] <= date(2025, 12, 2)
    assert load_demo(conn, tiny)[0].duplicate


def test_demo_orders_carry_utms_matching_ad_campaigns(tiny):
    conn = duckdb.connect()
    ensure_schema(conn)
    load_demo(conn, tiny)
    joined = conn.execute(
        "SELECT count(*) FROM orders o JOIN (SELECT DISTINCT campaign, market FROM ad_performance"
        " WHERE platform = 'meta') a ON a.campaign = o.utm_campaign AND a.market = o.market"
        " WHERE o.utm_source IN ('facebook', 'instagram')"
    ).fetchall()[0][0]
    tagged = conn.execute(
        "SELECT count(*) FROM orders WHERE utm_source IN ('facebook', 'instagram')"
    ).fetchall()
    assert tagged[0][0] > 0 and joined == tagged[0][0]


def test_calendar_has_the_seasons_and_events_the_demo_promises():
    config = load_config()
    calendar = DemandCalendar(config, date(2024, 11, 1), date(2026, 10, 31))
    bf = black_friday(2025)
    assert bf == date(2025, 11, 28)
    assert calendar.demand("US", "shopify", bf) > 3 * calendar.demand(
        "US", "shopify", bf - timedelta(days=14)
    )
    prime = date(2025, 7, 8)
    assert calendar.demand("DE", "amazon", prime) > 2.5 * calendar.demand("DE", "shopify", prime)
    ramadan = ramadan_start(2025)[0]
    assert ramadan == date(2025, 3, 1)
    assert any(e.boost.get("Lanterns", 1) > 1 for e, _ in calendar.active("SA", "amazon", ramadan))
    eleven = date(2025, 11, 11)
    assert calendar.demand("TH", "tiktok_shop", eleven) > 3 * calendar.demand(
        "TH", "tiktok_shop", date(2025, 11, 4)
    )
    assert calendar.base("US", date(2025, 6, 20)) > calendar.base("US", date(2025, 1, 20))  # camping season
    assert calendar.base("SA", date(2026, 1, 15)) > calendar.base("SA", date(2025, 7, 15))  # desert winter


def test_bad_demo_arguments_and_missing_exports(tmp_path):
    with pytest.raises(BadInput):
        generate_demo_exports(tmp_path, days=0)
    with pytest.raises(BadInput, match="no demo exports"):
        load_demo(duckdb.connect(), tmp_path / "empty")
