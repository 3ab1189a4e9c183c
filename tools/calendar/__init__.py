"""Marketing calendar: public holidays plus commerce, cultural and logistics events per market."""

from tools.calendar.events import calendar_data, events_between, supported_years
from tools.calendar.models import CalendarEvent, EventKind

__all__ = ["CalendarEvent", "EventKind", "calendar_data", "events_between", "supported_years"]
