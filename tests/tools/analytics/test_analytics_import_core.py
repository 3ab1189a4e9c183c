"""Detection, transactions, idempotence, encodings and cell parsing shared by every importer."""

from datetime import UTC, date, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tools.analytics import fx
from tools.analytics.importers import detect_source, import_file, pipeline, values
from tools.analytics.importers.reading import decode
from tools.analytics.schema import ensure_schema
from tools.analytics.store import open_tenant_db
from tools.errors import BadInput, NotFound
from tools.settings import Settings

FIXTURES = Path(__file__).parents[2] / "fixtures" / "analytics"
TABLES = ("orders", "order_lines", "refunds", "customers", "ad_performance", "imports", "fx_rates")


@pytest.fixture
def conn() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    ensure_schema(connection)
    return connection


def _counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}


@pytest.mark.parametrize(
    ("filename", "source"),
    [
        ("shopify_orders.csv", "shopify_orders"),
        ("shopify_orders_semicolon_bom.csv", "shopify_orders"),
        ("shopify_products.csv", "shopify_products"),
        ("amazon_all_orders_de.txt", "amazon_orders"),
        ("amazon_settlement_us.txt", "amazon_settlement"),
        ("google_ads_campaigns_nov.csv", "google_ads"),
        ("google_ads_daily_utf16.tsv", "google_ads"),
        ("meta_ads_daily_country.csv", "meta_ads"),
        ("meta_ads_de_semicolon.csv", "meta_ads"),
        ("tiktok_ads_daily.csv", "tiktok_ads"),
        ("amazon_ads_sp_daily.csv", "amazon_ads"),
    ],
)
def test_detects_the_format_from_the_header(filename, source):
    assert detect_source(FIXTURES / filename) == source


def test_unknown_header_is_bad_input_naming_the_known_formats(conn):
    with pytest.raises(BadInput, match="shopify_orders"):
        detect_source(FIXTURES / "not_an_export.csv")
    with pytest.raises(BadInput, match="header lacks Name"):
        import_file(conn, "shopify_orders", FIXTURES / "meta_ads_daily_country.csv")
    with pytest.raises(BadInput, match="unknown import source"):
        import_file(conn, "ebay_orders", FIXTURES / "shopify_orders.csv")
    with pytest.raises(BadInput, match="no such file"):
        import_file(conn, None, FIXTURES / "missing.csv")
    assert _counts(conn)["imports"] == 0


def test_a_file_whose_rows_are_all_bad_commits_nothing(conn):
    with pytest.raises(BadInput, match="line 4"):
        import_file(conn, None, FIXTURES / "google_ads_all_rows_bad.csv")
    assert all(count == 0 for count in _counts(conn).values())


def test_a_failure_while_writing_rolls_the_whole_file_back(conn, monkeypatch):
    import_file(conn, None, FIXTURES / "amazon_all_orders_us.txt")
    before = _counts(conn)

    def fail(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline, "record_import", fail)
    with pytest.raises(RuntimeError):
        import_file(conn, None, FIXTURES / "shopify_orders.csv")
    assert _counts(conn) == before


def test_reimporting_the_same_file_changes_nothing(conn):
    first = import_file(conn, None, FIXTURES / "shopify_orders.csv")
    after_first = _counts(conn)
    again = import_file(conn, None, FIXTURES / "shopify_orders.csv")
    assert again.duplicate and again.rows_imported == 0 and again.batch_id == first.batch_id
    assert _counts(conn) == after_first
    stored = conn.execute("SELECT source, filename, rows FROM imports").fetchall()
    assert stored == [("shopify_orders", "shopify_orders.csv", 6)]


def test_a_quote_left_open_stops_reading_and_is_reported(conn, tmp_path):
    text = (FIXTURES / "shopify_orders.csv").read_text("utf-8")
    lines = text.splitlines(keepends=True)
    cut = tmp_path / "orders_cut.csv"
    # the header, order #1001 (lines 2-6), then a record whose quoted field never closes
    cut.write_text("".join(lines[:6]) + '#1002,"unterminated\n', encoding="utf-8", newline="")
    result = import_file(conn, None, cut)
    assert result.rows_imported == 2
    assert [(r.line, "malformed CSV" in r.reason) for r in result.rejected] == [(7, True)]


def test_progress_reports_lines_up_to_the_total(conn):
    calls: list[tuple[int, int]] = []
    import_file(
        conn, None, FIXTURES / "shopify_orders.csv", progress=lambda done, total: calls.append((done, total))
    )
    lines = (FIXTURES / "shopify_orders.csv").read_bytes().count(b"\n")
    assert calls[-1][0] == calls[-1][1] == lines
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)


def test_decoding_handles_boms_utf16_without_bom_and_gbk():
    text = "Name,Lineitem name\n#1,露营灯 Lantern\n"
    assert decode(text.encode("utf-8-sig")) == text
    assert decode(text.encode("utf-16")) == text
    assert decode(text.encode("utf-16-le")) == text
    assert decode(text.encode("gb18030")) == text
    assert decode("Käufe;Betrag\n".encode("cp1252")) == "Käufe;Betrag\n"


@pytest.mark.parametrize(
    ("raw", "comma", "expected"),
    [
        ("1,234.56", False, Decimal("1234.56")),
        ("1.234,56", True, Decimal("1234.56")),
        ("1 234,56", True, Decimal("1234.56")),
        ("$12.50 ", False, Decimal("12.50")),
        ("(3.00)", False, Decimal("-3.00")),
        ("-5.00 ", False, Decimal("-5.00")),
        ("< 10%", False, Decimal("10")),
        ("USD 7", False, Decimal("7")),
        (" --", False, None),
        ("", False, None),
    ],
)
def test_numbers_in_export_spellings(raw, comma, expected):
    assert values.parse_decimal(raw, comma) == expected


def test_bad_numbers_raise_and_decimal_commas_are_sniffed():
    for bad in ("lots", "NaN", "1.2.3x"):
        with pytest.raises(ValueError):
            values.parse_decimal(bad)
    assert values.sniff_decimal_comma(["1.234,56", "12,5", "1.000"])
    assert not values.sniff_decimal_comma(["1,234.56", "12.5", "1,000"])
    assert not values.sniff_decimal_comma(["1,000", "2,000"])  # thousands separators only: ambiguous → point


def test_dates_and_timestamps():
    assert values.parse_date("29.11.2024") == date(2024, 11, 29)
    assert values.parse_date("Nov 29, 2024") == date(2024, 11, 29)
    assert values.parse_date("1 November 2024") == date(2024, 11, 1)
    assert values.parse_date("03/04/2024") == date(2024, 3, 4)
    assert values.parse_date("03/04/2024", day_first=True) == date(2024, 4, 3)
    assert values.sniff_day_first(["03/04/2024", "29/04/2024"])
    utc = values.parse_timestamp("2024-11-29 10:15:03 UTC", UTC)
    assert utc.utcoffset() == timedelta(0) and utc.hour == 10
    tiktok = values.parse_timestamp("11/29/2024 10:15:03 PM", UTC)
    assert tiktok.hour == 22
    with pytest.raises(ValueError):
        values.parse_timestamp("yesterday-ish", UTC)


def test_store_creates_the_tenant_database_and_opens_read_only(tmp_path):
    settings = Settings(home=tmp_path)
    with pytest.raises(NotFound):
        open_tenant_db(settings, "acme", read_only=True)
    writer = open_tenant_db(settings, "acme")
    import_file(writer, None, FIXTURES / "amazon_all_orders_us.txt")
    writer.close()
    assert (tmp_path / "tenants" / "acme" / "analytics.duckdb").is_file()
    reader = open_tenant_db(settings, "acme", read_only=True)
    assert reader.execute("SELECT count(*) FROM orders").fetchall() == [(2,)]
    with pytest.raises(duckdb.Error):
        reader.execute("DELETE FROM orders")
    reader.close()
    with pytest.raises(BadInput):
        open_tenant_db(settings, "../etc")


def test_fx_rates_cover_the_data_in_the_reporting_currency(conn):
    import_file(conn, None, FIXTURES / "amazon_all_orders_de.txt")
    rate = conn.execute(
        "SELECT rate_to_reporting FROM fx_rates WHERE currency = 'EUR' AND date = '2024-07-16'"
    )
    eur_to_usd = rate.fetchall()[0][0]
    assert eur_to_usd == pytest.approx(1 / 0.922)
    assert set(fx.currencies()) >= {
        "USD",
        "EUR",
        "GBP",
        "SAR",
        "AED",
        "IDR",
        "THB",
        "VND",
        "MYR",
        "BRL",
        "MXN",
        "JPY",
        "KRW",
        "CNY",
    }
    fx.set_reporting_currency(conn, "eur")
    rows = conn.execute(
        "SELECT currency, rate_to_reporting FROM fx_rates WHERE date = '2024-07-16'"
        " AND currency IN ('EUR', 'USD') ORDER BY 1"
    ).fetchall()
    assert rows == [("EUR", 1.0), ("USD", pytest.approx(0.922))]
    with pytest.raises(BadInput):
        fx.set_reporting_currency(conn, "XXX")
