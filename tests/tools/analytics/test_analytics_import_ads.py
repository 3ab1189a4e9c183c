"""Google, Meta, TikTok and Amazon ad reports into ad_performance."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tools.analytics.importers import import_file
from tools.analytics.schema import ensure_schema
from tools.errors import BadInput

FIXTURES = Path(__file__).parents[2] / "fixtures" / "analytics"
AD_COLUMNS = (
    "platform, period_start, period_end, campaign, ad_group, market, impressions, clicks, spend, currency"
)


@pytest.fixture
def conn() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    ensure_schema(connection)
    return connection


def _ads(conn: duckdb.DuckDBPyConnection, where: str = "true") -> list[tuple]:
    return conn.execute(
        f"SELECT {AD_COLUMNS}, conversions, conversion_value FROM ad_performance WHERE {where}"
        " ORDER BY period_start, campaign, ad_group, market"
    ).fetchall()


def test_google_campaign_report_takes_its_period_from_the_title_lines_and_skips_totals(conn):
    result = import_file(conn, "google_ads", FIXTURES / "google_ads_campaigns_nov.csv")
    assert result.rows_imported == 3  # three campaigns; both totals rows skipped
    assert [(r.line, "lots" in r.reason) for r in result.rejected] == [(7, True)]
    rows = _ads(conn)
    assert {(r[1], r[2]) for r in rows} == {(date(2024, 11, 1), date(2024, 11, 30))}
    bfcm = next(r for r in rows if r[3] == "BFCM_US_Search")
    assert bfcm[6:] == (12345, 1020, Decimal("459.12"), "USD", 31.0, Decimal("2345.60"))
    assert conn.execute("SELECT sum(spend) FROM ad_performance").fetchall() == [(Decimal("1013.72"),)]


def test_google_all_time_report_needs_a_period(conn):
    with pytest.raises(BadInput, match="date range"):
        import_file(conn, None, FIXTURES / "google_ads_all_time.csv")
    result = import_file(
        conn,
        None,
        FIXTURES / "google_ads_all_time.csv",
        defaults={"period_start": "2024-10-01", "period_end": "2024-10-31"},
    )
    assert result.rows_imported == 2
    assert {(r[1], r[2]) for r in _ads(conn)} == {(date(2024, 10, 1), date(2024, 10, 31))}


def test_google_daily_utf16_tab_export_with_countries_by_name(conn):
    result = import_file(conn, None, FIXTURES / "google_ads_daily_utf16.tsv")
    assert result.source == "google_ads" and result.rows_imported == 3
    assert [(r.line, "Narnia" in r.reason) for r in result.rejected] == [(7, True)]
    rows = _ads(conn, "period_start = DATE '2024-11-29'")
    assert [(r[3], r[4], r[5], r[6], r[8]) for r in rows] == [
        ("BFCM_US_Search", "Lanterns", "US", 6200, Decimal("220.75")),
        ("PMax_DE_Lanterns", None, "DE", 9000, Decimal("95.10")),
    ]
    assert all(r[1] == r[2] for r in _ads(conn))


def test_meta_daily_country_export(conn):
    result = import_file(conn, None, FIXTURES / "meta_ads_daily_country.csv")
    assert result.rows_imported == 4  # the summary row first is skipped, not rejected
    assert [r.line for r in result.rejected] == [7]
    rows = _ads(conn, "campaign = 'Ramadan Lanterns'")
    assert [(r[5], r[7], r[8], r[9], r[10]) for r in rows] == [
        ("AE", 260, Decimal("96.00"), "USD", 4.0),
        ("SA", 300, Decimal("110.00"), "USD", 5.0),
    ]
    assert conn.execute("SELECT sum(spend) FROM ad_performance").fetchall() == [(Decimal("907.15"),)]


def test_meta_german_export_with_decimal_commas_and_semicolons(conn):
    result = import_file(conn, None, FIXTURES / "meta_ads_de_semicolon.csv", defaults={"market": "de"})
    assert result.source == "meta_ads" and result.rows_imported == 2
    rows = _ads(conn)
    assert rows[0][1:] == (
        date(2024, 11, 1),
        date(2024, 11, 30),
        "Black Friday DE",
        "Interessen Camping",
        "DE",
        1234567,
        8765,
        Decimal("1234.56"),
        "EUR",
        45.0,
        Decimal("4321.09"),
    )


def test_tiktok_daily_export_skips_its_total_row(conn):
    result = import_file(conn, None, FIXTURES / "tiktok_ads_daily.csv", defaults={"market": "TH"})
    assert result.rows_imported == 3 and result.rejected == []
    assert conn.execute(
        "SELECT sum(spend), sum(conversion_value), count(DISTINCT market) FROM ad_performance"
        " WHERE platform = 'tiktok'"
    ).fetchall() == [(Decimal("750.50"), Decimal("7080.00"), 1)]


def test_amazon_ads_report_maps_marketplaces_to_countries(conn):
    import_file(conn, None, FIXTURES / "amazon_ads_sp_daily.csv")
    rows = _ads(conn)
    assert [(r[0], r[5], r[8], r[9], r[10], r[11]) for r in rows] == [
        ("amazon_ads", "DE", Decimal("123.00"), "EUR", 24.0, Decimal("860.00")),
        ("amazon_ads", "US", Decimal("225.50"), "USD", 41.0, Decimal("1480.00")),
    ]


def test_overlapping_daily_reports_replace_rows_by_natural_key(conn, tmp_path):
    import_file(conn, None, FIXTURES / "google_ads_daily_utf16.tsv")
    data = (FIXTURES / "google_ads_daily_utf16.tsv").read_bytes().decode("utf-16")
    corrected = tmp_path / "google_ads_daily_corrected.tsv"
    corrected.write_bytes(data.replace("220.75", "230.75").encode("utf-16"))
    import_file(conn, None, corrected)
    assert conn.execute("SELECT count(*), sum(spend) FROM ad_performance").fetchall() == [
        (3, Decimal("466.35"))
    ]


def test_meta_results_count_as_conversions_only_for_purchase_results(conn, tmp_path):
    export = tmp_path / "meta_results.csv"
    export.write_text(
        "Reporting starts,Reporting ends,Campaign name,Results,Result indicator,Impressions,"
        "Amount spent (GBP)\n"
        "2025-03-01,2025-03-31,Spring Sale UK,12,actions:offsite_conversion.fb_pixel_purchase,5000,120.50\n"
        "2025-03-01,2025-03-31,Traffic UK,300,actions:link_click,9000,80.00\n",
        encoding="utf-8",
    )
    import_file(conn, None, export, defaults={"market": "GB"})
    rows = conn.execute(
        "SELECT campaign, conversions, spend, currency, market FROM ad_performance ORDER BY 1"
    )
    assert rows.fetchall() == [
        ("Spring Sale UK", 12.0, Decimal("120.50"), "GBP", "GB"),
        ("Traffic UK", None, Decimal("80.00"), "GBP", "GB"),
    ]


def test_campaigns_whose_names_begin_like_a_total_are_kept() -> None:
    from tools.analytics.importers.ads import is_total_row

    assert not is_total_row("summer_2025_lanterns", None)
    assert not is_total_row("totally_new_launch", None)
    assert is_total_row("Total: Account", None) and is_total_row(None, "Summe: Konto") and is_total_row("合计", None)
