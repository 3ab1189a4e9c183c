"""The marketing calendar: computed commerce dates, Islamic and lunar dates, public holidays, bad input."""

from datetime import date, timedelta

import holidays
import pytest

from tools.calendar import CalendarEvent, calendar_data, events_between
from tools.errors import BadInput

ALL_MARKETS = ["US", "GB", "DE", "FR", "ES", "IT", "SA", "AE", "ID", "TH", "VN", "MY", "BR", "MX", "JP", "KR"]


def named(events: list[CalendarEvent], name: str, market: str) -> list[CalendarEvent]:
    """The data events (not public holidays) with this name in this market."""
    return [e for e in events if e.name == name and e.market == market and e.kind != "holiday"]


def one_year(year: int, markets: list[str]) -> list[CalendarEvent]:
    return events_between(date(year, 1, 1), date(year, 12, 31), markets)


@pytest.mark.parametrize(
    "year, friday", [(2024, date(2024, 11, 29)), (2025, date(2025, 11, 28)), (2026, date(2026, 11, 27))]
)
def test_black_friday_is_the_day_after_us_thanksgiving(year: int, friday: date) -> None:
    events = one_year(year, ["US", "SA", "AE", "DE", "BR"])
    thanksgiving = [
        d for d, n in holidays.country_holidays("US", years=year).items() if n == "Thanksgiving Day"
    ]
    assert [e.date for e in named(events, "Black Friday", "US")] == [friday]
    assert thanksgiving == [friday - timedelta(days=1)]
    assert [e.date for e in named(events, "Cyber Monday", "US")] == [friday + timedelta(days=3)]
    for market in ("SA", "AE"):
        assert [e.date for e in named(events, "White Friday", market)] == [friday]
    for market in ("DE", "BR"):
        weekend = named(events, "Black Friday weekend", market)
        assert [(e.date, e.end_date) for e in weekend] == [(friday, friday + timedelta(days=3))]


# Known dates (Umm al-Qura / announced), each allowed ±1 day for moon sighting.
RAMADAN = {2025: date(2025, 3, 1), 2026: date(2026, 2, 18), 2027: date(2027, 2, 8)}
EID_AL_FITR = {2025: date(2025, 3, 30), 2026: date(2026, 3, 20), 2027: date(2027, 3, 9)}


@pytest.mark.parametrize("year", [2025, 2026, 2027])
def test_ramadan_and_eid_within_a_day_of_known_dates(year: int) -> None:
    events = one_year(year, ["SA", "ID"])
    for market in ("SA", "ID"):
        (ramadan,) = named(events, "Ramadan", market)
        (eid,) = named(events, "Eid al-Fitr", market)
        assert abs((ramadan.date - RAMADAN[year]).days) <= 1
        assert abs((eid.date - EID_AL_FITR[year]).days) <= 1
        assert ramadan.end_date == eid.date - timedelta(days=1)
        assert 29 <= (eid.date - ramadan.date).days <= 30
        for event in (ramadan, eid):
            assert event.uncertainty_days == 1
            assert "moon sighting" in event.note


def test_eid_al_adha_is_ten_weeks_after_eid_al_fitr() -> None:
    events = one_year(2026, ["AE"])
    (fitr,) = named(events, "Eid al-Fitr", "AE")
    (adha,) = named(events, "Eid al-Adha", "AE")
    assert 66 <= (adha.date - fitr.date).days <= 71


def test_singles_day_and_double_twelve_in_southeast_asia_only() -> None:
    events = events_between(date(2025, 11, 1), date(2025, 12, 31), ["ID", "TH", "VN", "MY", "US"])
    singles = [e for e in events if e.name == "Singles' Day 11.11"]
    assert sorted(e.market for e in singles) == ["ID", "MY", "TH", "VN"]
    assert {e.date for e in singles} == {date(2025, 11, 11)}
    assert [e.date for e in named(events, "Harbolnas 12.12", "ID")] == [date(2025, 12, 12)]
    assert sorted(e.market for e in events if e.name == "12.12 Sale") == ["MY", "TH", "VN"]


def test_mega_sales_and_payday_windows() -> None:
    events = events_between(date(2025, 9, 1), date(2025, 10, 31), ["TH"])
    assert [e.date for e in named(events, "9.9 Mega Sale", "TH")] == [date(2025, 9, 9)]
    assert [e.date for e in named(events, "10.10 Mega Sale", "TH")] == [date(2025, 10, 10)]
    payday = named(events, "End-of-month payday sale", "TH")
    assert [(e.date, e.end_date) for e in payday] == [
        (date(2025, 9, 25), date(2025, 9, 30)),
        (date(2025, 10, 25), date(2025, 10, 31)),
    ]


@pytest.mark.parametrize(
    "year, first", [(2023, date(2023, 11, 17)), (2024, date(2024, 11, 15)), (2025, date(2025, 11, 14))]
)
def test_buen_fin_matches_announced_dates(year: int, first: date) -> None:
    (buen_fin,) = named(one_year(year, ["MX"]), "El Buen Fin", "MX")
    assert (buen_fin.date, buen_fin.end_date) == (first, first + timedelta(days=3))
    revolution_day = [
        d
        for d, n in holidays.country_holidays("MX", years=year, language="en_US").items()
        if "Revolution" in n
    ]
    assert revolution_day == [buen_fin.end_date]


def test_mothers_days_follow_each_markets_rule() -> None:
    events_2023 = one_year(2023, ["FR", "BR", "GB", "ES", "MX"])
    # 2023: the last Sunday of May (28) was Pentecost, so France moved to 4 June.
    assert [e.date for e in named(events_2023, "Fête des Mères", "FR")] == [date(2023, 6, 4)]
    assert [e.date for e in named(events_2023, "Dia das Mães", "BR")] == [date(2023, 5, 14)]
    assert [e.date for e in named(events_2023, "Mothering Sunday", "GB")] == [date(2023, 3, 19)]
    assert [e.date for e in named(events_2023, "Día de la Madre", "ES")] == [date(2023, 5, 7)]
    assert [e.date for e in named(events_2023, "Día de las Madres", "MX")] == [date(2023, 5, 10)]
    assert [e.date for e in named(one_year(2024, ["FR"]), "Fête des Mères", "FR")] == [date(2024, 5, 26)]
    assert [e.date for e in named(one_year(2026, ["BR"]), "Dia dos Namorados", "BR")] == [date(2026, 6, 12)]


def test_prime_day_announced_years_and_estimated_later_years() -> None:
    (day_2024,) = named(one_year(2024, ["US"]), "Amazon Prime Day", "US")
    (day_2025,) = named(one_year(2025, ["US"]), "Amazon Prime Day", "US")
    assert (day_2024.date, day_2024.end_date) == (date(2024, 7, 16), date(2024, 7, 17))
    assert (day_2025.date, day_2025.end_date) == (date(2025, 7, 8), date(2025, 7, 11))
    assert day_2025.uncertainty_days == 0
    (estimate,) = named(one_year(2027, ["US"]), "Amazon Prime Day", "US")
    assert estimate.date.month == 7
    assert estimate.uncertainty_days >= 1
    assert estimate.source.startswith("estimate")
    assert not named(one_year(2025, ["ID"]), "Amazon Prime Day", "ID")


def test_lunar_new_year_table_agrees_with_the_holidays_package() -> None:
    table = calendar_data().lunar_new_year.dates
    for year, first_day in table.items():
        china = holidays.country_holidays("CN", years=year, language="en_US")
        spring = sorted(d for d, n in china.items() if n.startswith("Chinese New Year (Spring Festival)"))
        assert spring[0] == first_day, year


def test_chinese_new_year_closure_is_a_sourcing_event() -> None:
    events = events_between(date(2026, 1, 1), date(2026, 3, 31), ["US"])
    (closure,) = [e for e in events if e.note_topic == "chinese_new_year"]
    assert closure.market == "CN" and closure.kind == "logistics"
    assert closure.date < date(2026, 2, 17) < closure.last_day
    without = events_between(date(2026, 1, 1), date(2026, 3, 31), ["US"], sourcing=False)
    assert all(e.market == "US" for e in without)


def test_golden_week_and_back_to_school() -> None:
    events = one_year(2025, ["JP", "US"])
    (golden,) = named(events, "Golden Week", "JP")
    assert (golden.date, golden.end_date) == (date(2025, 4, 29), date(2025, 5, 5))
    (school,) = named(events, "Back to school", "US")
    assert school.date.month == 7 and school.last_day.month == 9


def test_shipping_cutoffs_are_logistics_events_before_christmas() -> None:
    events = events_between(date(2025, 11, 1), date(2025, 12, 31), ["US", "BR"])
    cutoffs = [e for e in events if e.note_topic == "shipping_cutoff"]
    assert {e.market for e in cutoffs} == {"US", "BR"}
    assert all(e.kind == "logistics" and e.date < date(2025, 12, 25) for e in cutoffs)


def test_public_holidays_come_from_the_holidays_package() -> None:
    events = one_year(2025, ALL_MARKETS)
    for market in ALL_MARKETS:
        expected = set(holidays.country_holidays(market, years=2025))
        found = {e.date for e in events if e.market == market and e.kind == "holiday"}
        assert found == expected, market
    sa_eid = [e for e in events if e.market == "SA" and e.kind == "holiday" and "Eid" in e.name]
    assert sa_eid and all(e.uncertainty_days == 1 for e in sa_eid)
    assert all(e.uncertainty_days == 0 for e in events if e.market == "US" and e.kind == "holiday")


def test_range_filter_keeps_overlapping_events_and_order_is_deterministic() -> None:
    events = events_between(date(2026, 3, 1), date(2026, 3, 10), ["SA", "US"])
    assert named(events, "Ramadan", "SA")  # began 2026-02-18, still running
    assert all(e.date <= date(2026, 3, 10) and e.last_day >= date(2026, 3, 1) for e in events)
    again = events_between(date(2026, 3, 1), date(2026, 3, 10), ["US", "SA", "sa"])
    assert events == again
    keys = [(e.date, e.market) for e in events]
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    "start, end, markets, message",
    [
        (date(2025, 5, 2), date(2025, 5, 1), ["US"], "before"),
        (date(2025, 5, 1), date(2025, 6, 1), ["XX"], "unknown market"),
        (date(1990, 1, 1), date(1990, 2, 1), ["US"], "covers"),
    ],
)
def test_bad_input(start: date, end: date, markets: list[str], message: str) -> None:
    with pytest.raises(BadInput, match=message):
        events_between(start, end, markets)
