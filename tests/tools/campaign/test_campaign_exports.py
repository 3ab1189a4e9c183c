"""Plan exports: iCalendar validity (RFC 5545), CSV and Markdown."""

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from tools.campaign import Plan, build_plan, parse_plan_request, to_csv, to_ics, to_markdown

STAMP = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture(scope="module")
def plan() -> Plan:
    body = {
        "product": {"name": "Mat; foam, soft \\ 柔らかい", "category": "home"},
        "markets": ["JP", "SA", "US"],
        "budget": {"amount": "2500000", "currency": "JPY"},
        "start": "2026-02-01",
        "end": "2026-04-30",
    }
    return build_plan(parse_plan_request(body))


def unfold(text: str) -> list[str]:
    """Content lines after RFC 5545 §3.1 unfolding."""
    assert text.endswith("\r\n")
    return text[:-2].replace("\r\n ", "").split("\r\n")


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def vevents(lines: list[str]) -> list[dict[str, str]]:
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT" and current is not None:
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return events


def test_ics_lines_are_crlf_and_folded_at_75_octets(plan: Plan) -> None:
    text = to_ics(plan, dtstamp=STAMP)
    raw_lines = text.split("\r\n")[:-1]
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in raw_lines)
    assert any(line.startswith(" ") for line in raw_lines)  # long descriptions were folded
    for line in raw_lines:
        line.encode("utf-8").decode("utf-8")  # no character split across a fold


def test_ics_structure_and_required_properties(plan: Plan) -> None:
    lines = unfold(to_ics(plan, dtstamp=STAMP))
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    events = vevents(lines)
    assert len(events) == len(plan.calendar) + len(plan.phases)
    uids = [e["UID"] for e in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        assert event["DTSTAMP"] == "20260102T030405Z"
        start = datetime.strptime(event["DTSTART;VALUE=DATE"], "%Y%m%d").date()
        end = datetime.strptime(event["DTEND;VALUE=DATE"], "%Y%m%d").date()
        assert end > start
        assert "SUMMARY" in event
    first = plan.calendar[0]
    first_event = events[0]
    assert first_event["DTSTART;VALUE=DATE"] == f"{first.date:%Y%m%d}"
    assert first_event["DTEND;VALUE=DATE"] == f"{(first.end_date or first.date) + timedelta(days=1):%Y%m%d}"
    assert unescape(first_event["DESCRIPTION"]).startswith(first.action)


def test_ics_escapes_text_values(plan: Plan) -> None:
    lines = unfold(to_ics(plan, dtstamp=STAMP))
    (name,) = [line for line in lines if line.startswith("X-WR-CALNAME:")]
    assert name == "X-WR-CALNAME:Campaign: Mat\\; foam\\, soft \\\\ 柔らかい"
    assert unescape(name.partition(":")[2]) == "Campaign: " + plan.product
    for line in lines:
        value = line.partition(":")[2].replace("\\\\", "")
        assert not re.search(r"(?<!\\)[;,]", value), line  # every ; and , in a value is escaped


def test_ics_uids_are_stable_across_exports(plan: Plan) -> None:
    later = datetime(2027, 1, 1, tzinfo=UTC)
    uids = [e["UID"] for e in vevents(unfold(to_ics(plan, dtstamp=STAMP)))]
    assert uids == [e["UID"] for e in vevents(unfold(to_ics(plan, dtstamp=later)))]


def test_csv_allocations_calendar_and_phases(plan: Plan) -> None:
    text = to_csv(plan)
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(plan.allocations)
    assert sum(Decimal(r["amount"]) for r in rows) == plan.budget.amount
    assert {r["currency"] for r in rows} == {"JPY"}
    calendar = list(csv.DictReader(io.StringIO(to_csv(plan, "calendar"))))
    assert [date.fromisoformat(r["date"]) for r in calendar] == [c.date for c in plan.calendar]
    phases = list(csv.DictReader(io.StringIO(to_csv(plan, "phases"))))
    assert sum(Decimal(r["share_of_budget"]) for r in phases) == 1


def test_markdown_has_every_section_and_row(plan: Plan) -> None:
    text = to_markdown(plan)
    for heading in (
        "## Budget split",
        "## Phases",
        "## KPI targets",
        "## Calendar",
        "## Risks",
        "## Assumptions",
    ):
        assert heading in text
    assert plan.summary in text
    table_rows = [line for line in text.splitlines() if line.startswith("| ") and " | " in line]
    assert len(table_rows) >= len(plan.allocations) + len(plan.phases) + len(plan.calendar) + 6
    for a in plan.allocations:
        assert f"| {a.market} |" in text and str(a.amount) in text
    header = text.splitlines().index("| Market | Channel | Amount (JPY) | Share | Orders | Revenue |")
    assert text.splitlines()[header + 1] == "|---|---|---|---|---|---|"
