"""The chat graph: router → one or more specialists in order → respond."""

from collections.abc import Callable
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime
from langgraph.types import Command

from agents.context import Deps, TurnContext
from agents.orchestrator import nodes
from agents.orchestrator.state import ChatState
from agents.registry import SPECIALISTS
from agents.router.fast import RouterIndex


def build_chat_graph(
    deps: Deps, checkpointer: BaseCheckpointSaver | None = None, index: RouterIndex | None = None
) -> CompiledStateGraph[ChatState, TurnContext, ChatState, ChatState]:
    """Compile the orchestrator; specialists come from the registry."""
    router_index = index or RouterIndex(deps.router_embedder, deps.settings.home / "cache")
    destinations = (*SPECIALISTS, "unavailable", "respond")

    def router(state: ChatState, config: RunnableConfig) -> Command[Any]:
        return nodes.router(state, deps, router_index, config)

    graph = StateGraph(ChatState, context_schema=TurnContext)
    graph.add_node("router", router, destinations=destinations)
    for name in SPECIALISTS:
        graph.add_node(name, _specialist_node(name, deps), destinations=destinations)
    graph.add_node("unavailable", nodes.unavailable, destinations=destinations)
    graph.add_node("respond", nodes.respond)
    graph.add_edge(START, "router")
    return graph.compile(checkpointer=checkpointer)


def _specialist_node(name: str, deps: Deps) -> Callable[..., Command[Any]]:
    def node(state: ChatState, runtime: Runtime[TurnContext], config: RunnableConfig) -> Command[Any]:
        return nodes.run_specialist(state, name, deps, runtime, config)

    node.__name__ = name
    return node

