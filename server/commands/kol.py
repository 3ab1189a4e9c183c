"""`chuhai kol match`: creators for a product, markets and budget, with first messages to the top ones."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from server import cli
from server.cli import BatchOption, JsonOption, TenantOption, friendly_errors, print_batch, print_json
from server.product_file import read_product
from tools.errors import BadInput

if TYPE_CHECKING:
    from agents.kol.state import KolMatchResponse




def request_body(
    product: Any, markets: list[str], platforms: list[str] | None, budget: float | None, currency: str | None,
    min_followers: int | None, max_followers: int | None, limit: int, outreach: int,
) -> dict[str, Any]:
    """The REST body for these options."""
    if budget is not None and not currency:
        raise BadInput("--budget needs --currency, e.g. --budget 2000 --currency EUR")
    return {
        "product": product, "markets": markets, "platforms": platforms or None, "limit": limit, "outreach": outreach,
        "budget": None if budget is None else {"amount": budget, "currency": (currency or "").upper()},
        "filters": {"min_followers": min_followers, "max_followers": max_followers},
    }


def _print(response: "KolMatchResponse") -> None:
    console = cli.console
    table = Table("#", "creator", "platform", "country", "followers", "eng.", "fit", "fraud", "est. cost")
    for rank, m in enumerate(response.matches, 1):
        cost = "?" if m.estimated_cost is None else f"{m.estimated_cost.amount:,.2f} {m.estimated_cost.currency}"
        table.add_row(str(rank), f"@{m.handle}", m.platform, m.country or "?",
                      "?" if m.followers is None else f"{m.followers:,}",
                      "?" if m.engagement_rate is None else f"{m.engagement_rate:.2%}",
                      f"{m.fit_score:.2f}", f"{m.fraud_risk:.2f}", cost)
    console.print(table)
    if response.total_cost is not None:
        console.print(f"total {response.total_cost.amount:,.2f} {response.total_cost.currency}; "
                      f"{response.candidates_considered} considered, {response.excluded_for_fraud} excluded for fraud")
    for item in response.outreach:
        console.print(f"\n[bold]@{item.handle}[/] ({item.language}, {item.source}, label {item.disclosure})")
        console.print(item.message)
    for note in response.notes:
        console.print(f"[dim]{note}[/]")


def match(
    product: Annotated[Path | None, typer.Option("--product", help="JSON file: the product object.")] = None,
    market: Annotated[list[str] | None, typer.Option("--market", help="Market code; repeat for more.")] = None,
    platform: Annotated[list[str] | None, typer.Option("--platform", help="instagram, tiktok or youtube.")] = None,
    budget: Annotated[float | None, typer.Option("--budget", help="Total budget for the selection.")] = None,
    currency: Annotated[str | None, typer.Option("--currency", help="ISO 4217 code of --budget.")] = None,
    min_followers: Annotated[int | None, typer.Option("--min-followers", min=0)] = None,
    max_followers: Annotated[int | None, typer.Option("--max-followers", min=0)] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=100, help="Most creators to return.")] = 10,
    outreach: Annotated[int, typer.Option("--outreach", min=0, max=10, help="First messages for the top N.")] = 3,
    tenant: TenantOption = "demo",
    as_json: JsonOption = False,
    batch: BatchOption = None,
) -> None:
    """Rank creators for a product, markets and budget, and draft first messages to the top ones."""
    from agents.kol.service import match_kol, parse_kol_request

    deps = cli.build_deps()
    if batch:
        print_batch(batch, lambda body: match_kol(deps, parse_kol_request(body), tenant))
        return
    if product is None or not market:
        raise BadInput("give --product FILE.json and at least one --market (or --batch FILE)")
    body = request_body(read_product(product), market, platform, budget, currency, min_followers, max_followers,
                        limit, outreach)
    response = match_kol(deps, parse_kol_request(body), tenant)
    if as_json:
        print_json(response)
    else:
        _print(response)


def register(app: typer.Typer) -> None:
    """Add `kol match` to the CLI."""
    kol_app = typer.Typer(help="Influencers: match creators to a product and draft outreach.", no_args_is_help=True)
    kol_app.command("match")(friendly_errors(match))
    app.add_typer(kol_app, name="kol")
