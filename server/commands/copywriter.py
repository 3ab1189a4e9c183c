"""`chuhai copy`: listings and ad copy per market × platform, checked, with the compliance verdict."""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from server import cli
from server.cli import BatchOption, JsonOption, TenantOption, friendly_errors, print_batch, print_json
from server.product_file import read_product
from tools.errors import BadInput

if TYPE_CHECKING:
    from agents.copywriter.state import CopyResponse, CopyResult




def parse_target(text: str) -> dict[str, str]:
    """'DE:amazon' → {market, platform}."""
    market, sep, platform = text.partition(":")
    if not sep or not market.strip() or not platform.strip():
        raise BadInput(f"target {text!r} must be MARKET:PLATFORM, e.g. DE:amazon or JP:google_ads")
    return {"market": market.strip(), "platform": platform.strip()}


def _print_result(result: "CopyResult") -> None:
    from tools.copy import field_texts, fields_model_for

    console = cli.console
    source = "[green]model[/]" if result.source == "model" else "[yellow]fallback[/]"
    colour = {"pass": "green", "warn": "yellow", "block": "red"}[result.compliance.verdict]
    console.rule(f"[bold]{result.market} · {result.platform} · {result.language}[/]  {source}  "
                 f"revisions {result.rounds}  compliance [{colour}]{result.compliance.verdict}[/]")
    fields = Table("field", "text", show_header=False)
    for text in field_texts(fields_model_for(result.platform).model_validate(result.fields)):
        if text.text:
            fields.add_row(text.field, text.text)
    console.print(fields)
    checks = " ".join(f"[{'green' if c.ok else 'red'}]{c.name}[/]" for c in result.checks)
    console.print(f"checks: {checks}")
    for finding in result.compliance.findings:
        console.print(f"  [{colour}]{finding.severity}[/] {finding.rule_id}: '{finding.span.text}' — {finding.message}")
    for note in result.notes + result.compliance.notes:
        console.print(f"[dim]- {note}[/]")
    if result.dropped:
        console.print(f"[dim]- left out (not in the market's language): {'; '.join(result.dropped)}[/]")
    for variant in result.variants or []:
        fields_json = json.dumps(variant.fields, ensure_ascii=False)
        console.print(f"[bold]variant ({variant.angle}, {variant.source})[/]: {fields_json}")


def print_copy(response: "CopyResponse") -> None:
    for result in response.results:
        _print_result(result)


def copy(
    product: Annotated[Path | None, typer.Option("--product", help="Product JSON file.")] = None,
    target: Annotated[list[str] | None, typer.Option("--target", help="MARKET:PLATFORM, e.g. DE:amazon.")] = None,
    variants: Annotated[int, typer.Option("--variants", help="Different drafts per target (1-5).")] = 1,
    tone: Annotated[str | None, typer.Option("--tone", help="Tone of voice, e.g. 'friendly'.")] = None,
    revisions: Annotated[int, typer.Option("--revisions", help="Revision rounds before the fallback.")] = 2,
    model: Annotated[bool, typer.Option("--model/--no-model", help="--no-model: the fallback listing only.")] = True,
    tenant: TenantOption = "demo",
    as_json: JsonOption = False,
    batch: BatchOption = None,
) -> None:
    """Localized copy per market × platform, checked in code and by compliance."""
    from agents.copywriter.service import generate_copy

    deps = cli.build_deps()
    if batch:
        print_batch(batch, lambda body: generate_copy(deps, body, tenant))
        return
    if product is None or not target:
        raise typer.BadParameter("give --product FILE.json and at least one --target MARKET:PLATFORM (or --batch)")
    body = {"product": read_product(product), "targets": [parse_target(t) for t in target], "variants": variants,
            "tone": tone, "max_revisions": revisions, "use_model": model}
    response = generate_copy(deps, body, tenant)
    if as_json:
        print_json(response)
        return
    print_copy(response)


def register(app: typer.Typer) -> None:
    app.command("copy")(friendly_errors(copy))
