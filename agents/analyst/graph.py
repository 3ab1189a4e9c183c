"""The analyst specialist as a compiled subgraph."""

from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.analyst import nodes
from agents.analyst.similarity import NameSimilarity
from agents.analyst.state import AnalystState
from agents.context import Deps
from agents.llm.usage import UsageMeter


def build_graph(deps: Deps, meter: UsageMeter) -> CompiledStateGraph:
    """understand → (parser spec | model fill | ask back) → run → narrate."""
    similar = NameSimilarity(lambda: deps.embedder)

    def understand(state: AnalystState) -> AnalystState:
        return nodes.understand(state, deps, similar)

    def fill(state: AnalystState, config: RunnableConfig) -> AnalystState:
        return nodes.fill(state, deps, meter, config)

    def run(state: AnalystState) -> AnalystState:
        return nodes.run(state, deps)

    def narrate(state: AnalystState, config: RunnableConfig) -> AnalystState:
        return nodes.narrate(state, deps, meter, config)

    graph = StateGraph(AnalystState)
    graph.add_node("understand", understand)
    graph.add_node("ask", nodes.ask_parser_problem)
    graph.add_node("parser_spec", nodes.use_parser_spec)
    graph.add_node("fill", fill)
    graph.add_node("run", run)
    graph.add_node("narrate", narrate)
    graph.add_edge(START, "understand")
    graph.add_conditional_edges(
        "understand", nodes.after_understand, {"end": END, "ask": "ask", "fill": "fill", "run": "parser_spec"}
    )
    graph.add_edge("ask", END)
    graph.add_edge("parser_spec", "run")
    graph.add_conditional_edges("fill", nodes.after_fill, {"end": END, "run": "run"})
    graph.add_conditional_edges("run", nodes.after_run, {"end": END, "narrate": "narrate"})
    graph.add_edge("narrate", END)
    return graph.compile()
