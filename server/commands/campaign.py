"""`chuhai plan`: a campaign plan (budget split, calendar, KPIs) with its narrative and exports."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from server import cli
from server.cli import BatchOption, JsonOption, TenantOption, friendly_errors, print_batch, print_json
from server.product_file import read_product

if TYPE_CHECKING:
    from agents.campaign.state import CampaignPlanResponse

MAX_CALENDAR_ROWS = 20




def write_exports(response: "CampaignPlanResponse", csv: Path | None, ics: Path | None, md: Path | None) -> list[Path]:
    """Write the asked-for exports of the plan; the paths written."""
    from tools.campaign import to_csv, to_ics, to_markdown

    plan = response.to_plan()
    written = []
    for path, text in ((csv, to_csv(plan) if csv else ""), (ics, to_ics(plan) if ics else ""),
                       (md, to_markdown(plan) if md else "")):
        if path is not None:
            path.write_text(text, encoding="utf-8", newline="")
            written.append(path)
    return written


def _print_plan(response: "CampaignPlanResponse") -> None:
    from tools.campaign.wording import channel_label, fmt, percent

    console, currency = cli.console, response.budget.currency
    if response.narrative_note:
        console.print(f"[dim]{response.narrative_note}[/]")
    console.print(response.summary)
    table = Table("market", "channel", f"amount ({currency})", "share", "rationale")
    for a in response.allocations:
        table.add_row(a.market, channel_label(a.channel), fmt(a.amount), f"{percent(a.share)}%", a.rationale)
    console.print(table)
    calendar = Table("date", "market", "event", "action")
    for c in response.calendar[:MAX_CALENDAR_ROWS]:
        calendar.add_row(c.date.isoformat(), c.market, c.event, c.action)
    console.print(calendar)
    k = response.kpis
    console.print(f"[bold]KPIs[/]: ROAS {fmt(k.roas.mid)} ({fmt(k.roas.low)}–{fmt(k.roas.high)}), "
                  f"revenue {fmt(k.expected_revenue.mid)} {currency}, orders {fmt(k.expected_conversions.mid)}")
    for line in response.assumptions + response.risks:
        console.print(f"[dim]- {line}[/]")
    for number, cited in enumerate(response.citations, 1):
        console.print(f"  [dim][{number}] {cited.title} — {cited.section}  {cited.url}[/]")


def plan(
    product: Annotated[Path | None, typer.Option("--product", help="Product JSON file.")] = None,
    market: Annotated[list[str] | None, typer.Option("--market", help="A market code; repeat for more.")] = None,
    budget: Annotated[str | None, typer.Option("--budget", help="Total budget amount.")] = None,
    currency: Annotated[str, typer.Option("--currency", help="ISO 4217 code of the budget.")] = "USD",
    start: Annotated[str | None, typer.Option("--start", help="First day, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--end", help="Last day, YYYY-MM-DD.")] = None,
    goal: Annotated[str, typer.Option("--goal", help="sales or awareness.")] = "sales",
    channel: Annotated[list[str] | None, typer.Option("--channel", help="Only these channels; repeatable.")] = None,
    language: Annotated[str, typer.Option("--language", help="Narrative language: zh or en.")] = "en",
    narrative: Annotated[bool, typer.Option("--narrative/--no-narrative", help="Write the narrative.")] = True,
    csv: Annotated[Path | None, typer.Option("--csv", help="Write the allocations as CSV.")] = None,
    ics: Annotated[Path | None, typer.Option("--ics", help="Write the calendar as iCalendar.")] = None,
    md: Annotated[Path | None, typer.Option("--md", help="Write the plan as Markdown.")] = None,
    tenant: TenantOption = "demo",
    as_json: JsonOption = False,
    batch: BatchOption = None,
) -> None:
    """A campaign plan: budget split by market and channel, marketing calendar, KPIs."""
    from agents.campaign.service import parse_campaign_request, plan_campaign

    deps = cli.build_deps()
    if batch:
        print_batch(batch, lambda body: plan_campaign(deps, parse_campaign_request(body), tenant))
        return
    if product is None or not market or budget is None or start is None or end is None:
        raise typer.BadParameter("give --product, --market, --budget, --start and --end (or --batch FILE)")
    body = {"product": read_product(product), "markets": market, "budget": {"amount": budget, "currency": currency},
            "start": start, "end": end, "goal": goal, "channels": channel, "language": language,
            "narrative": narrative}
    response = plan_campaign(deps, parse_campaign_request(body), tenant)
    written = write_exports(response, csv, ics, md)
    if as_json:
        print_json(response)
        return
    _print_plan(response)
    for path in written:
        cli.console.print(f"[dim]wrote {path}[/]")


def register(app: typer.Typer) -> None:
    app.command("plan")(friendly_errors(plan))
