"""The compliance specialist as a compiled subgraph."""

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.compliance import nodes
from agents.compliance.state import ComplianceState
from agents.context import Deps
from agents.llm.usage import UsageMeter


def build_graph(deps: Deps, meter: UsageMeter) -> CompiledStateGraph:
    """check: rules, the grounded model review and the rewrite loop for each text of the turn."""

    def check(state: ComplianceState) -> ComplianceState:
        return nodes.check(state, deps, meter)

    graph = StateGraph(ComplianceState)
    graph.add_node("check", check)
    graph.add_edge(START, "check")
    graph.add_edge("check", END)
    return graph.compile()
