"""The campaign specialist as a compiled subgraph."""

from functools import partial
from typing import Literal

from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.campaign import nodes
from agents.campaign.state import CampaignState
from agents.context import Deps
from agents.llm.usage import UsageMeter


def _after_notes(state: CampaignState) -> Literal["narrate", "finish"]:
    return "narrate" if state["input"].narrative else "finish"


def _after_narrate(state: CampaignState) -> Literal["check", "__end__"]:
    return "__end__" if state.get("output") is not None else "check"


def _after_check(state: CampaignState) -> Literal["narrate", "__end__"]:
    return "narrate" if state.get("feedback") else "__end__"


def build_graph(deps: Deps, meter: UsageMeter) -> CompiledStateGraph:
    """plan → notes → narrate → check, narrating again once when the draft states a number the plan lacks."""

    def narrate(state: CampaignState, config: RunnableConfig) -> CampaignState:
        return nodes.narrate(state, deps, meter, config)

    graph = StateGraph(CampaignState)
    graph.add_node("plan", partial(nodes.plan, deps=deps))
    graph.add_node("notes", partial(nodes.notes, deps=deps))
    graph.add_node("narrate", narrate)
    graph.add_node("check", nodes.check)
    graph.add_node("finish", nodes.finish)
    graph.add_edge(START, "plan")
    graph.add_edge("plan", "notes")
    graph.add_conditional_edges("notes", _after_notes)
    graph.add_conditional_edges("narrate", _after_narrate)
    graph.add_conditional_edges("check", _after_check)
    graph.add_edge("finish", END)
    return graph.compile()
