"""Daily demand multipliers of the demo store: trend, weekday, camping season and commerce events."""

import math
from datetime import date, timedelta

from hijridate import Hijri

from tools.analytics.demogen.config import Channel, DemoConfig, Event


def black_friday(year: int) -> date:
    """The day after the fourth Thursday of November."""
    first = date(year, 11, 1)
    thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    return thursday + timedelta(days=22)


def ramadan_start(year: int) -> list[date]:
    """1 Ramadan of the Hijri years that start Ramadan in this Gregorian year."""
    starts = []
    for hijri_year in range(year - 580, year - 577):
        start = Hijri(hijri_year, 9, 1).to_gregorian()
        if start.year == year:
            starts.append(date(start.year, start.month, start.day))
    return starts


def anchors(event: Event, year: int) -> list[date]:
    """Day 0 of an event in a year."""
    if event.rule == "black_friday":
        return [black_friday(year)]
    if event.rule == "christmas":
        return [date(year, 12, 25)]
    if event.rule == "ramadan":
        return ramadan_start(year)
    if event.rule == "double_day":
        return [date(year, event.month, event.month)]
    return [d for d in event.dates if d.year == year]


def event_days(event: Event, first: date, last: date) -> dict[date, float]:
    """The lift of an event on each day it touches within [first, last]."""
    days: dict[date, float] = {}
    for year in range(first.year, last.year + 1):
        for anchor in anchors(event, year):
            for offset in range(event.start, event.end + 1):
                day = anchor + timedelta(days=offset)
                if first <= day <= last:
                    days[day] = event.peak_lift if offset in event.peak_days else event.lift
    return days


class DemandCalendar:
    """Multipliers per market, channel and day, and the events active on a day."""

    def __init__(self, config: DemoConfig, first: date, last: date) -> None:
        self.config = config
        self.first, self.last = first, last
        self.span = max((last - first).days, 1)
        self.event_lifts = [(event, event_days(event, first, last)) for event in config.events]

    def base(self, market: str, day: date) -> float:
        """Trend x weekday x camping season, without events."""
        start, end = self.config.growth
        trend = start + (end - start) * (day - self.first).days / self.span
        season = self.config.seasons[self.config.markets[market].season]
        angle = 2 * math.pi * (day.timetuple().tm_yday - season.peak_day) / 365.25
        return trend * self.config.weekday_lift[day.weekday()] * (1 + season.amplitude * math.cos(angle))

    def active(self, market: str, channel: Channel, day: date) -> list[tuple[Event, float]]:
        """Events lifting this market and channel on a day, with their lift."""
        return [
            (event, days[day])
            for event, days in self.event_lifts
            if day in days and market in event.markets and channel in event.channels
        ]

    def demand(self, market: str, channel: Channel, day: date) -> float:
        """The full multiplier of a market and channel on a day."""
        value = self.base(market, day)
        for _, lift in self.active(market, channel, day):
            value *= lift
        return value
