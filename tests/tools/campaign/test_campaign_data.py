"""Sanity of the planner's reference data: benchmarks, availability, currencies, market weights."""

import pytest

from tools.calendar import calendar_data
from tools.campaign.reference import (
    benchmark,
    benchmarks,
    channels,
    currencies,
    market_weights,
    unavailable_reason,
)
from tools.markets import all_markets

REGIONS = {"north_america", "europe", "gulf", "southeast_asia", "latin_america", "east_asia"}


def test_every_benchmark_row_is_ordered_sourced_and_marked_as_an_assumption() -> None:
    platforms = benchmarks().platforms
    assert set(platforms) == {"meta", "google_search", "google_shopping", "tiktok", "amazon_ads"}
    for platform, regions in platforms.items():
        assert set(regions) <= REGIONS
        for region, row in regions.items():
            for metric in (row.cpm, row.cpc, row.ctr_pct, row.cvr_pct):
                assert 0 < metric[0] <= metric[1] <= metric[2], (platform, region)
            assert row.assumption is True and row.source
            # CPC, CPM and CTR must describe the same auction: CPC ≈ CPM / (10 × CTR %)
            implied = row.cpm[1] / (10 * row.ctr_pct[1])
            assert row.cpc[1] == pytest.approx(implied, rel=0.2), (platform, region)


def test_every_buyable_cell_has_a_benchmark_and_amazon_is_absent_where_it_has_no_marketplace() -> None:
    for market in all_markets():
        for channel in channels().channels:
            if unavailable_reason(channel, market) is None:
                assert benchmark(channel, market).source
    for market in ("ID", "TH", "VN", "MY", "KR"):
        assert unavailable_reason("amazon_ads", market)
    for market in ("US", "GB", "DE", "FR", "ES", "IT", "SA", "AE", "BR", "MX", "JP"):
        assert unavailable_reason("amazon_ads", market) is None
    assert "SA" not in channels().tiktok_shop.markets


def test_currencies_cover_every_market_with_iso_minor_units() -> None:
    table = currencies().currencies
    for market in all_markets().values():
        assert market.currency in table
    assert {c for c, v in table.items() if v.minor_unit == 0} == {"JPY", "KRW", "IDR", "VND"}
    assert "CNY" in table and table["USD"].per_usd == 1


def test_market_weights_and_event_markets_are_known() -> None:
    assert set(market_weights().markets) == set(all_markets())
    known = set(all_markets()) | {calendar_data().sourcing_market}
    for spec in calendar_data().events:
        assert set(spec.markets) <= known, spec.name
        assert spec.source
