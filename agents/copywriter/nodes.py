"""Nodes of the copywriter: plan the targets → write one target per visit → finish."""

from langchain_core.runnables import RunnableConfig
from langgraph.config import get_stream_writer

from agents.context import Deps
from agents.copywriter.state import CopywriterOutput, CopywriterState
from agents.copywriter.targets import parse_copy_request, write_target
from agents.llm.usage import UsageMeter


def plan(state: CopywriterState) -> CopywriterState:
    """Validate the request (BadInput on a mistake) and queue its targets."""
    request = parse_copy_request(state["input"].request)
    return {"input": state["input"].model_copy(update={"request": request}), "pending": list(request.targets),
            "results": []}


def write(state: CopywriterState, deps: Deps, meter: UsageMeter, config: RunnableConfig) -> CopywriterState:
    """The next target's listing; progress goes to the stream."""
    turn = state["input"]
    target, rest = state["pending"][0], state["pending"][1:]
    get_stream_writer()({"event": "progress", "specialist": "copywriter",
                         "text": f"{target.market} {target.platform}"})
    result = write_target(deps, turn.request, target, turn.tenant, meter, config)
    return {"pending": rest, "results": [*state.get("results", []), result]}


def finish(state: CopywriterState) -> CopywriterState:
    turn = state["input"]
    return {"output": CopywriterOutput(results=state.get("results", []), language=turn.language,
                                       from_turn=turn.from_turn)}
