"""Number, rate, country, list and money parsers for values found in real creator lists."""

import pytest

from tools.kol.models import Money
from tools.kol.parsing import (
    looks_like_percent_column,
    parse_count,
    parse_country,
    parse_languages,
    parse_list,
    parse_money,
    parse_rate,
    parse_series,
    parse_share_map,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("475.8m", 475_800_000),
        ("12K", 12_000),
        ("8.7k", 8_700),
        ("1.2万", 12_000),
        ("1.2w", 12_000),
        ("3亿", 300_000_000),
        ("1,234,567", 1_234_567),
        ("1.234.567", 1_234_567),
        ("1.234", 1_234),
        ("12,5K", 12_500),
        ("1 234", 1_234),
        ("2.1B", 2_100_000_000),
        ("1.5k+", 1_500),
        ("987", 987),
    ],
)
def test_kol_counts_read_suffixes_and_grouping(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["", "NaN", "nan", "-", "—", "N/A", "null", "  ", None])
def test_kol_placeholders_stay_unknown(text: str | None) -> None:
    assert parse_count(text) is None
    assert parse_rate(text, percent=True) is None
    assert parse_country(text) is None


@pytest.mark.parametrize("text", ["lots", "12kk", "1.2.3k", "-5"])
def test_kol_unreadable_counts_raise_with_the_value(text: str) -> None:
    with pytest.raises(ValueError, match=r"cannot read|negative"):
        parse_count(text)


def test_kol_rates_follow_sign_and_column_style() -> None:
    assert parse_rate("1.39%", percent=False) == pytest.approx(0.0139)
    assert parse_rate("1.39", percent=True) == pytest.approx(0.0139)
    assert parse_rate("0.0139", percent=False) == pytest.approx(0.0139)
    with pytest.raises(ValueError, match="over 100%"):
        parse_rate("140%", percent=False)


def test_kol_percent_style_is_inferred_per_column() -> None:
    assert looks_like_percent_column(["0.5", "1.39%", "2.1%", "NaN"])
    assert looks_like_percent_column(["0.5", "2.4"])
    assert not looks_like_percent_column(["0.05", "0.012", "-"])
    assert not looks_like_percent_column(["0.032", "4.9%"])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Germany", "DE"),
        ("德国", "DE"),
        ("United States", "US"),
        ("美国", "US"),
        ("usa", "US"),
        ("GBR", "GB"),
        ("UK", "GB"),
        ("Brasil", "BR"),
        ("沙特阿拉伯", "SA"),
        ("south korea", "KR"),
        ("jp", "JP"),
    ],
)
def test_kol_countries_from_names_and_codes(text: str, code: str) -> None:
    assert parse_country(text) == code


def test_kol_unknown_country_is_an_error_not_a_guess() -> None:
    with pytest.raises(ValueError, match="unknown country"):
        parse_country("Atlantis")


def test_kol_lists_languages_and_series() -> None:
    assert parse_list("#camping #hiking #tent") == ["#camping", "#hiking", "#tent"]
    assert parse_list("beauty; skincare | makeup") == ["beauty", "skincare", "makeup"]
    assert parse_list('["a", "b"]') == ["a", "b"]
    assert parse_languages("English, 中文, pt-BR") == ["en", "zh", "pt-BR"]
    assert parse_series("1.2k, 1.5k, 2k") == [1200, 1500, 2000]
    with pytest.raises(ValueError, match="gap"):
        parse_series("1000, -, 1200")


def test_kol_share_maps_become_fractions_with_iso_keys() -> None:
    assert parse_share_map("US:45%, Germany:12%", keys_are_countries=True) == {"US": 0.45, "DE": 0.12}
    assert parse_share_map('{"female": 0.6, "male": 0.4}', keys_are_countries=False) == {
        "female": 0.6,
        "male": 0.4,
    }


@pytest.mark.parametrize(
    ("price", "currency", "default", "expected"),
    [
        ("€1.2k", None, None, Money(amount=1200, currency="EUR")),
        ("500 USD", None, "EUR", Money(amount=500, currency="USD")),
        ("Rp 1.500.000", None, None, Money(amount=1_500_000, currency="IDR")),
        ("$500", None, "MXN", Money(amount=500, currency="MXN")),
        ("$500", None, None, Money(amount=500, currency="USD")),
        ("¥3000", "JPY", None, Money(amount=3000, currency="JPY")),
        ("3000", "cny", None, Money(amount=3000, currency="CNY")),
        ("1.5万", None, "CNY", Money(amount=15000, currency="CNY")),
    ],
)
def test_kol_prices_with_symbols_codes_and_defaults(
    price: str, currency: str | None, default: str | None, expected: Money
) -> None:
    assert parse_money(price, currency, default) == expected


def test_kol_ambiguous_yen_needs_an_explicit_currency() -> None:
    with pytest.raises(ValueError, match="ambiguous"):
        parse_money("¥3000", None, None)
    with pytest.raises(ValueError, match="no currency"):
        parse_money("3000", None, None)
