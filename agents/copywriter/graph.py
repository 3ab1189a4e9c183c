"""The copywriter specialist as a compiled subgraph."""

from typing import Literal

from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.context import Deps
from agents.copywriter import nodes
from agents.copywriter.state import CopywriterState
from agents.llm.usage import UsageMeter


def _next(state: CopywriterState) -> Literal["write", "finish"]:
    return "write" if state.get("pending") else "finish"


def build_graph(deps: Deps, meter: UsageMeter) -> CompiledStateGraph:
    """plan → write (once per target) → finish."""

    def write(state: CopywriterState, config: RunnableConfig) -> CopywriterState:
        return nodes.write(state, deps, meter, config)

    graph = StateGraph(CopywriterState)
    graph.add_node("plan", nodes.plan)
    graph.add_node("write", write)
    graph.add_node("finish", nodes.finish)
    graph.add_edge(START, "plan")
    graph.add_conditional_edges("plan", _next)
    graph.add_conditional_edges("write", _next)
    graph.add_edge("finish", END)
    return graph.compile()
