"""Plan exports: CSV (RFC 4180), iCalendar (RFC 5545) and Markdown."""

import csv
import hashlib
import io
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from tools.campaign.models import Plan
from tools.campaign.wording import channel_label, fmt, percent

CsvTable = Literal["allocations", "calendar", "phases"]
ICS_LINE_OCTETS = 75


def to_csv(plan: Plan, table: CsvTable = "allocations") -> str:
    """One table of the plan as CSV with a header row and CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    currency = plan.budget.currency
    if table == "allocations":
        writer.writerow(
            [
                "market",
                "channel",
                "amount",
                "currency",
                "share",
                "expected_impressions",
                "expected_clicks",
                "expected_conversions",
                "expected_revenue",
                "rationale",
            ]
        )
        for a in plan.allocations:
            writer.writerow(
                [
                    a.market,
                    a.channel,
                    fmt(a.amount),
                    currency,
                    fmt(a.share),
                    a.expected_impressions,
                    a.expected_clicks,
                    fmt(a.expected_conversions),
                    fmt(a.expected_revenue),
                    a.rationale,
                ]
            )
    elif table == "calendar":
        writer.writerow(
            ["date", "end_date", "market", "event", "kind", "action", "uncertainty_days", "source"]
        )
        for c in plan.calendar:
            writer.writerow(
                [
                    c.date.isoformat(),
                    c.end_date.isoformat() if c.end_date else "",
                    c.market,
                    c.event,
                    c.kind,
                    c.action,
                    c.uncertainty_days,
                    c.source,
                ]
            )
    else:
        writer.writerow(
            ["phase", "start", "end", "markets", "share_of_budget", "amount", "currency", "events"]
        )
        for p in plan.phases:
            writer.writerow(
                [
                    p.name,
                    p.start.isoformat(),
                    p.end.isoformat(),
                    " ".join(p.markets),
                    fmt(p.share_of_budget),
                    fmt(p.amount),
                    currency,
                    "; ".join(p.events),
                ]
            )
    return out.getvalue()


def ics_escape(text: str) -> str:
    """TEXT value escaping of RFC 5545 §3.3.11."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def ics_fold(line: str) -> list[str]:
    """A content line folded into pieces of at most 75 octets, never inside a UTF-8 character."""
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        # continuation lines start with a space, which counts towards their 75 octets
        limit = ICS_LINE_OCTETS if not pieces else ICS_LINE_OCTETS - 1
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return [pieces[0]] + [" " + p for p in pieces[1:]]


def _uid(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:20] + "@chuhai"


def _event(
    uid: str, stamp: str, first: date, last: date, summary: str, description: str, category: str
) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
        f"DTEND;VALUE=DATE:{last + timedelta(days=1):%Y%m%d}",  # DTEND of an all-day event is exclusive
        f"SUMMARY:{ics_escape(summary)}",
        f"DESCRIPTION:{ics_escape(description)}",
        f"CATEGORIES:{ics_escape(category)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def to_ics(plan: Plan, dtstamp: datetime | None = None) -> str:
    """The plan's calendar and phases as an iCalendar file (all-day events, CRLF line ends)."""
    stamp = (dtstamp or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Chuhai//Campaign planner//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape('Campaign: ' + plan.product)}",
    ]
    seen: dict[str, int] = {}
    for c in plan.calendar:
        key = _uid(plan.product, c.market, c.date.isoformat(), c.event, c.kind)
        seen[key] = seen.get(key, 0) + 1
        uid = key if seen[key] == 1 else f"{seen[key]}-{key}"
        lines += _event(
            uid,
            stamp,
            c.date,
            c.end_date or c.date,
            f"[{c.market}] {c.event}",
            f"{c.action}\nSource: {c.source}",
            c.kind,
        )
    for p in plan.phases:
        share = percent(p.share_of_budget)
        lines += _event(
            _uid(plan.product, "phase", p.name, p.start.isoformat()),
            stamp,
            p.start,
            p.end,
            f"Phase: {p.name} ({', '.join(p.markets)})",
            f"{share}% of the budget ({fmt(p.amount)} {plan.budget.currency})",
            "phase",
        )
    lines.append("END:VCALENDAR")
    return "".join(piece + "\r\n" for line in lines for piece in ics_fold(line))


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]


def to_markdown(plan: Plan) -> str:
    """The plan as a Markdown document: summary, split, phases, KPIs, calendar, risks, assumptions."""
    k, cur = plan.kpis, plan.budget.currency
    lines = [f"# Campaign plan: {_cell(plan.product)}", "", plan.summary, "", "## Budget split", ""]
    lines += _table(
        ["Market", "Channel", f"Amount ({cur})", "Share", "Orders", "Revenue"],
        [
            [
                a.market,
                channel_label(a.channel),
                fmt(a.amount),
                f"{percent(a.share)}%",
                fmt(a.expected_conversions),
                fmt(a.expected_revenue),
            ]
            for a in plan.allocations
        ],
    )
    lines += ["", "## Phases", ""]
    lines += _table(
        ["Phase", "Start", "End", "Markets", "Share", f"Amount ({cur})"],
        [
            [p.name, p.start, p.end, ", ".join(p.markets), f"{percent(p.share_of_budget)}%", fmt(p.amount)]
            for p in plan.phases
        ],
    )
    rows: list[list[object]] = [
        ["ROAS", fmt(k.roas.low), fmt(k.roas.mid), fmt(k.roas.high)],
        [
            f"CPA ({cur})",
            *(["n/a"] * 3 if k.cpa is None else [fmt(k.cpa.low), fmt(k.cpa.mid), fmt(k.cpa.high)]),
        ],
        ["CTR (%)", fmt(k.ctr.low), fmt(k.ctr.mid), fmt(k.ctr.high)],
        [f"CPM ({cur})", "", fmt(k.cpm), ""],
        [
            "Orders",
            fmt(k.expected_conversions.low),
            fmt(k.expected_conversions.mid),
            fmt(k.expected_conversions.high),
        ],
        [
            f"Revenue ({cur})",
            fmt(k.expected_revenue.low),
            fmt(k.expected_revenue.mid),
            fmt(k.expected_revenue.high),
        ],
    ]
    lines += ["", "## KPI targets", "", *_table(["KPI", "Low", "Mid", "High"], rows)]
    lines += ["", "## Calendar", ""]
    lines += _table(
        ["Date", "Market", "Event", "Action"],
        [
            [c.date if c.end_date is None else f"{c.date} to {c.end_date}", c.market, c.event, c.action]
            for c in plan.calendar
        ],
    )
    for title, items in (("Risks", plan.risks), ("Assumptions", plan.assumptions), ("Sources", plan.sources)):
        lines += ["", f"## {title}", ""] + [f"- {item}" for item in items]
    return "\n".join(lines) + "\n"
