"""Typed shapes of the marketing calendar: the events it returns and the rules in its data file."""

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

EventKind = Literal["holiday", "commerce", "cultural", "logistics"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class CalendarEvent(BaseModel):
    """One dated event in one market; `end_date` is set for events longer than a day."""

    model_config = ConfigDict(frozen=True)

    date: dt.date
    end_date: dt.date | None = None
    market: str
    name: str
    kind: EventKind
    uncertainty_days: int = 0
    source: str
    note_topic: str
    note: str = ""

    @property
    def last_day(self) -> dt.date:
        """The last day the event covers."""
        return self.end_date or self.date


class FixedRule(BaseModel):
    type: Literal["fixed"]
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    duration_days: int = Field(default=1, ge=1)


class NthWeekdayRule(BaseModel):
    type: Literal["nth_weekday"]
    month: int = Field(ge=1, le=12)
    weekday: Weekday
    n: int = Field(ge=-1, le=5)
    offset: int = 0
    duration_days: int = Field(default=1, ge=1)


class EasterRule(BaseModel):
    type: Literal["easter"]
    offset: int = 0
    duration_days: int = Field(default=1, ge=1)


class FrenchMothersDayRule(BaseModel):
    type: Literal["last_sunday_may_unless_pentecost"]
    duration_days: int = Field(default=1, ge=1)


class HijriDay(BaseModel):
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=30)


class HijriRule(BaseModel):
    type: Literal["hijri"]
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=30)
    duration_days: int = Field(default=1, ge=1)
    end_before: HijriDay | None = None


class LunarNewYearRule(BaseModel):
    type: Literal["lunar_new_year"]
    offset: int = 0
    duration_days: int = Field(default=1, ge=1)


class MonthlyRule(BaseModel):
    type: Literal["monthly"]
    day_from: int = Field(ge=1, le=28)


ComputedRule = Annotated[
    FixedRule
    | NthWeekdayRule
    | EasterRule
    | FrenchMothersDayRule
    | HijriRule
    | LunarNewYearRule
    | MonthlyRule,
    Field(discriminator="type"),
]


class DatedOccurrence(BaseModel):
    start: dt.date
    end: dt.date
    source: str


class EstimateFallback(BaseModel):
    rule: ComputedRule
    uncertainty_days: int = Field(ge=1)
    note: str


class DatedRule(BaseModel):
    type: Literal["dated"]
    occurrences: list[DatedOccurrence]
    estimate: EstimateFallback


EventRule = Annotated[
    FixedRule
    | NthWeekdayRule
    | EasterRule
    | FrenchMothersDayRule
    | HijriRule
    | LunarNewYearRule
    | MonthlyRule
    | DatedRule,
    Field(discriminator="type"),
]


class EventSpec(BaseModel):
    """One entry of events.yaml: what the event is, where it applies and how its dates are found."""

    name: str
    kind: EventKind
    markets: list[str]
    note_topic: str
    source: str
    uncertainty_days: int = 0
    note: str = ""
    rule: EventRule


class LunarNewYearTable(BaseModel):
    source: str
    dates: dict[int, dt.date]


class CalendarData(BaseModel):
    sourcing_market: str
    lunar_holiday_keywords: list[str]
    lunar_new_year: LunarNewYearTable
    events: list[EventSpec]
