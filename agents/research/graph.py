"""The research specialist as a compiled subgraph."""

from functools import partial
from typing import Literal

from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.context import Deps
from agents.llm.usage import UsageMeter
from agents.research import nodes
from agents.research.state import ResearchState


def _after_retrieve(state: ResearchState) -> Literal["answer", "nothing_found"]:
    return "answer" if state["hits"] else "nothing_found"


def _after_validate(state: ResearchState) -> Literal["answer", "__end__"]:
    return "answer" if state.get("feedback") else "__end__"


def build_graph(deps: Deps, meter: UsageMeter) -> CompiledStateGraph:
    """retrieve → answer → validate, answering again once when citations or language fail."""

    def answer(state: ResearchState, config: RunnableConfig) -> ResearchState:
        return nodes.answer(state, deps, meter, config)

    graph = StateGraph(ResearchState)
    graph.add_node("retrieve", partial(nodes.retrieve, deps=deps))
    graph.add_node("answer", answer)
    graph.add_node("validate", nodes.validate)
    graph.add_node("nothing_found", nodes.nothing_found)
    graph.add_edge(START, "retrieve")
    graph.add_conditional_edges("retrieve", _after_retrieve)
    graph.add_edge("answer", "validate")
    graph.add_conditional_edges("validate", _after_validate)
    graph.add_edge("nothing_found", END)
    return graph.compile()
