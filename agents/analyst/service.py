"""The service behind `chuhai bi` and POST /v1/bi/query: one question over one tenant's data."""

from datetime import date

from agents.analyst.graph import build_graph
from agents.analyst.state import AnalystInput, BIRequest, BIResponse
from agents.context import Deps
from agents.llm.usage import UsageMeter
from tools.analytics.store import tenant_db_path
from tools.errors import NotFound


def answer_question(
    deps: Deps, tenant: str, request: BIRequest, *, today: date | None = None, meter: UsageMeter | None = None
) -> BIResponse:
    """Answer `request.question` from `tenant`'s own store; `tenant` comes from the caller's identity."""
    if not tenant_db_path(deps.settings, tenant).exists():
        raise NotFound(f"tenant {tenant!r} has no analytics data yet; import a file or run `chuhai demo`")
    graph = build_graph(deps, meter or UsageMeter())
    state = graph.invoke({"input": AnalystInput(question=request.question, tenant=tenant, today=today)})
    return BIResponse.model_validate(state["output"])
