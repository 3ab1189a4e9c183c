"""`chuhai check`: the compliance check of one text (or a batch of REST bodies)."""

from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from agents.compliance.state import ComplianceResponse
from server import cli
from server.cli import BatchOption, JsonOption, TenantOption, friendly_errors, print_batch, print_json

_STYLES = {"block": "bold white on red", "warn": "bold black on yellow", "info": "black on cyan"}


def print_result(out: Console, text: str, response: ComplianceResponse) -> None:
    """Verdict, the text with flagged spans highlighted, each finding, then the revised text and notes."""
    colour = {"pass": "green", "warn": "yellow", "block": "red"}[response.verdict]
    out.print(f"[bold {colour}]{response.verdict.upper()}[/]  [dim]mode {response.mode}[/]")
    highlighted = Text(text)
    for finding in response.findings:
        if finding.span.end > finding.span.start:
            highlighted.stylize(_STYLES[finding.severity], finding.span.start, finding.span.end)
    out.print(highlighted)
    for number, finding in enumerate(response.findings, 1):
        citation = finding.citations[0] if finding.citations else None
        where = f"{citation.instrument} {citation.article}" if citation else ""
        quote = finding.span.text or "(missing element)"
        line = Text(f"{number}. ")
        line.append(f"[{finding.severity}]", style=_STYLES[finding.severity])
        line.append(f" {quote!r} {finding.rule_id} ({finding.market}) — {where}\n   {finding.message}")
        if finding.suggestion:
            line.append(f"\n   fix: {finding.suggestion}", style="green")
        out.print(line)
    if response.revised_text is not None:
        out.print("[bold]revised text[/]")
        out.print(Text(response.revised_text))
    for note in response.notes:
        out.print(f"[dim]note: {note}[/]")


def register(app: typer.Typer) -> None:
    @app.command("check")
    @friendly_errors
    def check(
        text: Annotated[str | None, typer.Argument(help="The copy to check.")] = None,
        market: Annotated[list[str] | None, typer.Option("--market", help="Market code; repeat for more.")] = None,
        platform: Annotated[str | None, typer.Option("--platform", help="amazon, shopify, tiktok_shop, …")] = None,
        category: Annotated[str | None, typer.Option("--category", help="cosmetics, supplements, food, …")] = None,
        channel: Annotated[str | None, typer.Option("--channel", help="ad, listing, email or social.")] = None,
        rules_only: Annotated[bool, typer.Option("--rules-only", help="Skip the model review.")] = False,
        tenant: TenantOption = "demo",
        as_json: JsonOption = False,
        batch: BatchOption = None,
    ) -> None:
        """Compliance check: rule findings, the model review and a revised text."""
        from agents.compliance.service import check_compliance, parse_request

        deps = cli.build_deps()  # looked up at call time, so tests can swap it

        def handle(body: dict[str, Any]) -> ComplianceResponse:
            return check_compliance(deps, parse_request(body), use_model=not rules_only, tenant=tenant)

        if batch:
            print_batch(batch, handle)
            return
        if text is None:
            raise typer.BadParameter("give the text to check or --batch FILE")
        body = {"text": text, "markets": market or [], "platform": platform, "category": category,
                "channel": channel}
        response = handle(body)
        if as_json:
            print_json(response)
        else:
            print_result(cli.console, text, response)
