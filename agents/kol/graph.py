"""The KOL specialist as a compiled subgraph."""

from functools import partial
from typing import Literal

from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.context import Deps
from agents.kol import nodes
from agents.kol.state import KolState
from agents.llm.usage import UsageMeter


def _after_match(state: KolState) -> Literal["outreach", "__end__"]:
    return "__end__" if state.get("output") is not None else "outreach"


def build_graph(deps: Deps, meter: UsageMeter) -> CompiledStateGraph:
    """match → outreach; a request that cannot be matched ends after match with its problem."""

    def outreach(state: KolState, config: RunnableConfig) -> KolState:
        return nodes.outreach(state, deps, meter, config)

    graph = StateGraph(KolState)
    graph.add_node("match", partial(nodes.match, deps=deps))
    graph.add_node("outreach", outreach)
    graph.add_edge(START, "match")
    graph.add_conditional_edges("match", _after_match)
    graph.add_edge("outreach", END)
    return graph.compile()
