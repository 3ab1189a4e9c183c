"""`chuhai bi`, `chuhai import` and `chuhai demo`: questions over a tenant's data, and loading it."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import Progress
from rich.syntax import Syntax
from rich.table import Table

from server import cli
from server.cli import BatchOption, JsonOption, TenantOption, friendly_errors, print_batch, print_json

if TYPE_CHECKING:
    from agents.analyst.state import BIResponse


def _print_answer(response: "BIResponse") -> None:
    console = cli.console
    console.print(response.answer)
    if response.rows:
        table = Table(*response.columns)
        for row in response.rows[:50]:
            table.add_row(*("" if cell is None else str(cell) for cell in row))
        console.print(table)
    if response.sql:
        console.print(Syntax(response.sql, "sql", word_wrap=True))
    source = f"spec: {response.spec_source}, narrative: {response.narrative_source}, today: {response.today}"
    console.print(f"[dim]{source}[/]")


def bi(
    question: Annotated[str | None, typer.Argument(help="A business question, in Chinese or English.")] = None,
    tenant: TenantOption = "demo",
    as_json: JsonOption = False,
    batch: BatchOption = None,
) -> None:
    """A business question over the tenant's sales and ad data."""
    from agents.analyst.service import answer_question
    from agents.analyst.state import BIRequest

    deps = cli.build_deps()
    if batch:
        print_batch(batch, lambda body: answer_question(deps, tenant, BIRequest.model_validate(body)))
        return
    if question is None:
        raise typer.BadParameter("give the question or --batch FILE")
    response = answer_question(deps, tenant, BIRequest(question=question))
    if as_json:
        print_json(response)
    else:
        _print_answer(response)


def import_data(
    source: Annotated[str, typer.Argument(help="shopify_orders, amazon_orders, meta_ads, ..., or creators.")],
    file: Annotated[Path, typer.Argument(help="The export file (CSV, TSV or Amazon text report).")],
    platform: Annotated[
        str | None, typer.Option("--platform", help="Creators only: platform of rows that do not say.")
    ] = None,
    tenant: TenantOption = "demo",
    as_json: JsonOption = False,
) -> None:
    """Load a seller export or a creator list into the tenant's data."""
    from agents.analyst.data_service import import_export

    settings = cli.build_deps().settings
    with Progress(console=cli.errors, transient=True) as progress:
        task = progress.add_task(f"importing {file.name}", total=None)
        response = import_export(settings, tenant, source, file, platform=platform,
                                 progress=lambda done, total: progress.update(task, completed=done, total=total))
    if as_json:
        print_json(response)
        return
    note = " (file seen before: nothing changed)" if response.duplicate else ""
    cli.console.print(f"{response.rows_imported} rows imported, {len(response.rejected)} rejected{note}")
    for row in response.rejected[:20]:
        cli.console.print(f"  [yellow]line {row.line}[/]: {row.reason}")


def demo(
    tenant: TenantOption = "demo",
    days: Annotated[int, typer.Option("--days", min=1, help="Days of history.")] = 730,
    scale: Annotated[float, typer.Option("--scale", min=0.01, help="Order volume multiplier.")] = 1.0,
    creators: Annotated[int, typer.Option("--creators", min=1, help="Demo creators.")] = 2400,
    as_json: JsonOption = False,
) -> None:
    """Seed a tenant with the demo store (real export formats) and the demo creator directory."""
    from agents.analyst.data_service import seed_demo

    settings = cli.build_deps().settings
    with Progress(console=cli.errors, transient=True) as progress:
        task = progress.add_task("loading demo exports", total=None)
        response = seed_demo(settings, tenant, days=days, scale=scale, creators=creators,
                             on_file=lambda name: progress.update(task, description=f"imported {name}"))
    if as_json:
        print_json(response)
        return
    cli.console.print(
        f"tenant {response.tenant} ({response.mode}): {response.files_imported}/{response.files} files imported, "
        f"{response.orders:,} orders, {response.order_lines:,} order lines, {response.ad_rows:,} ad rows, "
        f"{response.creators:,} creators; questions read 'today' as {response.today}"
    )


def register(app: typer.Typer) -> None:
    """Add bi, import and demo to the CLI."""
    app.command("bi")(friendly_errors(bi))
    app.command("import")(friendly_errors(import_data))
    app.command("demo")(friendly_errors(demo))
