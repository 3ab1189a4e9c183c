"""Time expressions in Chinese and English against a fixed today, and the compared period."""

from datetime import date

import pytest

from tools.analytics.semantic import (
    TimeRange,
    find_time_expressions,
    parse_time_expression,
    previous_range,
)

TODAY = date(2025, 12, 17)  # a Wednesday


def d(text: str) -> date:
    return date.fromisoformat(text)


CASES = [
    # Chinese
    ("上个月各市场的销售额", "2025-11-01", "2025-11-30"),
    ("本月", "2025-12-01", "2025-12-17"),
    ("这个月的订单", "2025-12-01", "2025-12-17"),
    ("上周", "2025-12-08", "2025-12-14"),
    ("本周", "2025-12-15", "2025-12-17"),
    ("上上个月", "2025-10-01", "2025-10-31"),
    ("最近7天", "2025-12-11", "2025-12-17"),
    ("近30天", "2025-11-18", "2025-12-17"),
    ("过去三个月", "2025-09-18", "2025-12-17"),
    ("近半年", "2025-06-18", "2025-12-17"),
    ("最近一周", "2025-12-11", "2025-12-17"),
    ("今年", "2025-01-01", "2025-12-17"),
    ("去年", "2024-01-01", "2024-12-31"),
    ("今年第一季度", "2025-01-01", "2025-03-31"),
    ("去年第四季度", "2024-10-01", "2024-12-31"),
    ("本季度", "2025-10-01", "2025-12-17"),
    ("2024年11月", "2024-11-01", "2024-11-30"),
    ("三月份的订单", "2025-03-01", "2025-03-31"),
    ("双十一期间卖得最好的5个SKU", "2025-11-01", "2025-11-11"),
    ("双十一当天", "2025-11-11", "2025-11-11"),
    ("去年双十一", "2024-11-01", "2024-11-11"),
    ("黑五", "2025-11-21", "2025-12-01"),
    ("斋月期间", "2025-03-01", "2025-03-29"),
    ("618期间", "2025-06-01", "2025-06-18"),
    ("亚马逊会员日", "2025-07-08", "2025-07-11"),
    ("从2024年11月1日到11月11日", "2024-11-01", "2024-11-11"),
    ("11月1日到11日", "2025-11-01", "2025-11-11"),
    ("1月以来", "2025-01-01", "2025-12-17"),
    ("昨天", "2025-12-16", "2025-12-16"),
    ("2025-10-01至2025-10-31", "2025-10-01", "2025-10-31"),
    # English
    ("last month", "2025-11-01", "2025-11-30"),
    ("last week", "2025-12-08", "2025-12-14"),
    ("this year", "2025-01-01", "2025-12-17"),
    ("YTD", "2025-01-01", "2025-12-17"),
    ("year-to-date revenue", "2025-01-01", "2025-12-17"),
    ("last 30 days", "2025-11-18", "2025-12-17"),
    ("Q3 2025", "2025-07-01", "2025-09-30"),
    ("last year's Q4", "2024-10-01", "2024-12-31"),
    ("in March", "2025-03-01", "2025-03-31"),
    ("revenue in May", "2025-05-01", "2025-05-31"),
    ("since January", "2025-01-01", "2025-12-17"),
    ("yesterday", "2025-12-16", "2025-12-16"),
    ("today", "2025-12-17", "2025-12-17"),
    ("the week before last", "2025-12-01", "2025-12-07"),
    ("past month", "2025-11-18", "2025-12-17"),
    ("Black Friday week 2024", "2024-11-22", "2024-12-02"),
    ("during Ramadan", "2025-03-01", "2025-03-29"),
    ("Prime Day", "2025-07-08", "2025-07-11"),
    ("Prime Day 2023", "2023-07-11", "2023-07-12"),
    ("between Jan 3 and Jan 9", "2025-01-03", "2025-01-09"),
    ("from March to May", "2025-03-01", "2025-05-31"),
    ("top SKUs in 2024", "2024-01-01", "2024-12-31"),
    ("sales on the 3rd of October", "2025-10-03", "2025-10-03"),
    ("revenue 2 weeks ago", "2025-12-03", "2025-12-03"),  # dateparser, for the long tail
]


@pytest.mark.parametrize(("text", "start", "end"), CASES)
def test_expression_resolves_to_the_range(text: str, start: str, end: str) -> None:
    found = parse_time_expression(text, TODAY)
    assert found is not None
    assert (found.start, found.end) == (d(start), d(end))


@pytest.mark.parametrize(
    "text", ["退款率最高的产品", "What was ROAS by platform?", "top 5 SKUs", "may I see revenue"]
)
def test_no_time_expression(text: str) -> None:
    assert parse_time_expression(text, TODAY) is None


def test_events_before_they_start_mean_last_years() -> None:
    june = date(2025, 6, 1)
    assert parse_time_expression("双十一期间", june) == TimeRange(
        start=d("2024-11-01"), end=d("2024-11-11"), label="双十一期间"
    )
    black_friday = parse_time_expression("黑五", june)
    assert black_friday is not None and (black_friday.start, black_friday.end) == (
        d("2024-11-22"),
        d("2024-12-02"),
    )
    prime = parse_time_expression("Prime Day", june)
    assert prime is not None and prime.start == d("2024-07-16")


def test_a_running_event_ends_today() -> None:
    during = parse_time_expression("双十一期间", date(2025, 11, 5))
    assert during is not None and (during.start, during.end) == (d("2025-11-01"), d("2025-11-05"))
    ramadan = parse_time_expression("斋月", date(2026, 3, 1))
    assert ramadan is not None and (ramadan.start, ramadan.end) == (d("2026-02-18"), d("2026-03-01"))


def test_ramadan_of_a_named_year_is_the_one_starting_in_it() -> None:
    found = parse_time_expression("2024年斋月", TODAY)
    assert found is not None and (found.start, found.end) == (d("2024-03-11"), d("2024-04-09"))


def test_black_friday_week_runs_friday_before_to_cyber_monday() -> None:
    for year, thanksgiving in ((2023, 23), (2024, 28), (2025, 27)):
        found = parse_time_expression(f"Black Friday {year}", TODAY)
        assert found is not None
        black_friday = date(year, 11, thanksgiving + 1)
        assert found.start.weekday() == 4 and (black_friday - found.start).days == 7
        assert found.end.weekday() == 0 and (found.end - black_friday).days == 3


def test_unannounced_prime_day_is_reported_not_guessed() -> None:
    matches = find_time_expressions("Prime Day 2027 revenue", TODAY)
    assert [(m.text, m.range) for m in matches] == [("Prime Day 2027", None)]
    assert matches[0].problem is not None and "2027" in matches[0].problem
    assert parse_time_expression("Prime Day 2027 revenue", TODAY) is None


def test_two_expressions_are_found_in_order_with_spans() -> None:
    text = "compare revenue this month vs last month"
    matches = find_time_expressions(text, TODAY)
    assert [text[m.start : m.end] for m in matches] == ["this month", "last month"]
    assert [m.range.start if m.range else None for m in matches] == [d("2025-12-01"), d("2025-11-01")]


def test_english_only_skips_chinese_rules() -> None:
    assert parse_time_expression("上个月", TODAY, lang="en") is None
    assert parse_time_expression("上个月", TODAY, lang="zh") is not None


@pytest.mark.parametrize(
    ("start", "end", "compare", "previous"),
    [
        ("2025-11-01", "2025-11-30", "previous_period", ("2025-10-01", "2025-10-31")),
        ("2025-03-01", "2025-03-31", "previous_period", ("2025-02-01", "2025-02-28")),
        ("2025-07-01", "2025-09-30", "previous_period", ("2025-04-01", "2025-06-30")),
        ("2025-12-01", "2025-12-17", "previous_period", ("2025-11-01", "2025-11-17")),
        ("2025-12-15", "2025-12-17", "previous_period", ("2025-12-08", "2025-12-10")),
        ("2025-11-18", "2025-12-17", "previous_period", ("2025-10-19", "2025-11-17")),
        ("2024-02-29", "2024-02-29", "previous_year", ("2023-02-28", "2023-02-28")),
        ("2025-11-01", "2025-11-11", "previous_year", ("2024-11-01", "2024-11-11")),
    ],
)
def test_previous_range(start: str, end: str, compare: str, previous: tuple[str, str]) -> None:
    current = TimeRange(start=d(start), end=d(end))
    found, _ = previous_range(current, compare)  # type: ignore[arg-type]
    assert (found.start, found.end) == (d(previous[0]), d(previous[1]))
