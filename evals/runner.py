"""`chuhai eval [SUITE]`: run suites, save each report with its config, return them."""

from collections.abc import Callable

from agents.context import Deps
from evals.report import EvalReport


def _routing(deps: Deps, limit: int | None) -> EvalReport:
    from agents.service import Copilot
    from evals.routing import evaluate_routing

    return evaluate_routing(Copilot(deps).route, limit)


def _retrieval(deps: Deps, limit: int | None) -> EvalReport:
    from evals.retrieval import evaluate_retrieval

    return evaluate_retrieval(deps.store, limit)


SUITES: dict[str, Callable[[Deps, int | None], EvalReport]] = {"routing": _routing, "retrieval": _retrieval}


def _discover_suites() -> dict[str, Callable[[Deps, int | None], EvalReport]]:
    """Built-in suites plus every evals/suite_<name>.py defining `run(deps, limit) -> EvalReport`."""
    import importlib
    import pkgutil

    import evals

    suites = dict(SUITES)
    for module in sorted(pkgutil.iter_modules(evals.__path__), key=lambda m: m.name):
        if module.name.startswith("suite_"):
            suites[module.name.removeprefix("suite_")] = importlib.import_module(f"evals.{module.name}").run
    return suites


def run_suites(deps: Deps, suite: str | None, limit: int | None = None) -> list[EvalReport]:
    from tools.errors import BadInput

    suites = _discover_suites()
    if suite and suite not in suites:
        raise BadInput(f"unknown suite {suite!r}; suites: {', '.join(suites)}")
    reports = []
    for name in [suite] if suite else list(suites):
        report = suites[name](deps, limit)
        report.config = {"llm_provider": deps.settings.llm_provider, "llm_model": deps.settings.llm_model,
                         "embedder": deps.settings.embedder, "router_embedder": deps.settings.router_embedder,
                         "limit": limit,
                         "router_confidence": deps.settings.router_confidence}
        report.save(deps.settings.home / "evals")
        reports.append(report)
    return reports
