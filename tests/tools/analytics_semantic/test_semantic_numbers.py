"""Numbers in narratives: reading them, and flagging the ones the result does not support."""

from datetime import date
from decimal import Decimal

import pytest

from tools.analytics.semantic import find_numbers, numbers_in_text, unsupported_numbers


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Revenue was $1,234.5 last month", ["1234.5"]),
        ("Umsatz 1.234,5 € im Oktober", ["1234.5"]),
        ("Umsatz 1.234 €, Marge 12,5 %", ["1234", "12.5"]),  # '12,5' shows the comma is the decimal mark
        ("CTR 12.3%, CVR 4.75 %", ["12.3", "4.75"]),
        ("销售额1.2万，退款3亿", ["12000", "300000000"]),
        ("¥12,345 and ￥88", ["12345", "88"]),
        ("spend $3.5k, 2M impressions, 1.5bn views", ["3500", "2000000", "1500000000"]),
        ("ROAS 3.9x, 投产比2.5倍", ["3.9", "2.5"]),
        ("down -5% to 950", ["-5", "950"]),
        ("RMB1234 and USD 56", ["1234", "56"]),
        ("1\u202f234,56 € de chiffre d'affaires", ["1234.56"]),  # French: narrow no-break space groups
    ],
)
def test_numbers_in_text(text: str, values: list[str]) -> None:
    assert numbers_in_text(text) == [Decimal(v) for v in values]


@pytest.mark.parametrize(
    "text",
    [
        "2024年11月1日至11日的销售",
        "on 2025-11-03 and 11/03/2025 at 10:30",
        "in Q3 2025 over the last 30 days",
        "top 5 SKUs, 第1名, #2, 前10",
        "双11和618期间",
        "on Nov 11, 2024 and 3rd of October",
        "B2B SKU123",
        "最近7天和过去3个月",
    ],
)
def test_dates_years_durations_and_ranks_are_ignored(text: str) -> None:
    assert numbers_in_text(text) == []


def test_decimal_mark_can_be_given() -> None:
    assert numbers_in_text("1.234 Bestellungen", decimal=",") == [Decimal(1234)]
    assert numbers_in_text("1.234 orders") == [Decimal("1.234")]


def test_mentions_carry_their_rounding() -> None:
    mention = find_numbers("约1.2万次展示")[0]
    assert (mention.value, mention.half_unit, mention.percent) == (Decimal(12000), Decimal(500), False)
    assert find_numbers("12.3%")[0].percent


def test_supported_numbers_pass() -> None:
    narrative = (
        "Revenue was $375.00 in November, up 97.4% on October; AOV $125. "
        "ROAS reached 3.9x on 1.7万 impressions, and the refund rate was 17.6%. 双十一期间卖了9件。"
    )
    allowed = [375.0, 0.974, 125, 3.923077, 17000, 0.176, 9]
    assert unsupported_numbers(narrative, allowed) == []


def test_unsupported_numbers_are_returned_as_written() -> None:
    narrative = "Revenue was $412 (up 12%), from 3 markets; 1.2万 orders"
    assert unsupported_numbers(narrative, [375.0, 0.05, 12000, None]) == ["412", "12%", "3"]


def test_rounding_shown_and_tolerance() -> None:
    assert unsupported_numbers("about 1.2k", [1249]) == []
    assert unsupported_numbers("about 1.2k", [1251]) == ["1.2k"]
    assert unsupported_numbers("$1,000", [1004]) == []  # within 0.5 % by default
    assert unsupported_numbers("$1,000", [1004], tolerance=0) == ["1,000"]


def test_percentages_match_ratios_and_signs_are_ignored() -> None:
    assert unsupported_numbers("下降了5%", [-0.05]) == []
    assert unsupported_numbers("CTR 2.35%", [0.0235]) == []
    assert unsupported_numbers("CTR 2.35%", [2.35]) == []  # a result holding a percentage already
    assert unsupported_numbers("CTR 2.35", [0.0235]) == ["2.35"]  # without % it is not a ratio


def test_result_rows_can_be_passed_flattened() -> None:
    rows = [["DE", date(2025, 11, 1), 275.0, None, True], ["US", date(2025, 11, 1), 100.0, 0.25, False]]
    cells = [cell for row in rows for cell in row]
    assert unsupported_numbers("DE sold $275 and the US $100 (25%) in November 2025", cells) == []
    assert unsupported_numbers("DE sold $1 more", cells) == ["1"]  # True is not the number 1
