"""National public holidays of a market, from the `holidays` package, as calendar events."""

from datetime import date
from functools import cache

import holidays

from tools.calendar.models import CalendarEvent

LUNAR_NOTE = "±1 day, depends on moon sighting"


def holiday_language(market: str) -> str | None:
    """English holiday names where the package has them, else the package's default language."""
    languages = holidays.list_localized_countries().get(market, [])
    for language in ("en_US", "en_GB"):
        if language in languages:
            return language
    return None


@cache
def _year_holidays(market: str, year: int) -> tuple[tuple[date, str], ...]:
    table = holidays.country_holidays(market, years=year, language=holiday_language(market))
    return tuple(sorted(table.items()))


def public_holidays(market: str, years: range, lunar_keywords: list[str]) -> list[CalendarEvent]:
    """Every national public holiday of `market` in `years`; one event per name."""
    source = f"holidays package {holidays.__version__} (national public holidays)"
    events: list[CalendarEvent] = []
    for year in years:
        for day, names in _year_holidays(market, year):
            for name in str(names).split("; "):
                lunar = "estimated" in name or any(word.lower() in name.lower() for word in lunar_keywords)
                events.append(
                    CalendarEvent(
                        date=day,
                        market=market,
                        name=name,
                        kind="holiday",
                        uncertainty_days=1 if lunar else 0,
                        source=source,
                        note_topic="public_holiday",
                        note=LUNAR_NOTE if lunar else "",
                    )
                )
    return events
