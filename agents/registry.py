"""Every specialist has the same shape; the orchestrator finds them here.

A spec says how to build the specialist's compiled subgraph, how to make its typed input from
a chat turn, and how to read its typed output back into an answer and citations.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from langgraph.graph.state import CompiledStateGraph
from pydantic import BaseModel

from agents.context import Deps
from agents.llm.usage import UsageMeter
from agents.research import graph as research_graph
from agents.research.state import ResearchInput, ResearchOutput
from tools.slots import Slots


class TurnInput(BaseModel):
    """What the orchestrator knows when a specialist starts."""

    text: str
    language: str
    slots: Slots
    history: list[str]
    tenant: str
    earlier_outputs: dict[str, dict[str, Any]] = {}


@dataclass(frozen=True)
class SpecialistSpec:
    name: str
    input_model: type[BaseModel]
    output_model: type[BaseModel]
    build: Callable[[Deps, UsageMeter], CompiledStateGraph]
    input_from_turn: Callable[[TurnInput], BaseModel]
    answer_of: Callable[[BaseModel], str]
    citations_of: Callable[[BaseModel], list[dict[str, Any]]]
    tools: tuple[str, ...] = ()


def _research_input(turn: TurnInput) -> ResearchInput:
    return ResearchInput(question=turn.text, markets=turn.slots.markets, language=turn.language,
                         history=turn.history, tenant=turn.tenant)


RESEARCH = SpecialistSpec(
    name="research",
    input_model=ResearchInput,
    output_model=ResearchOutput,
    build=research_graph.build_graph,
    input_from_turn=_research_input,
    answer_of=lambda output: output.answer,  # type: ignore[attr-defined]
    citations_of=lambda output: [c.model_dump() for c in output.citations],  # type: ignore[attr-defined]
    tools=("knowledge.search",),
)

def _discover() -> dict[str, SpecialistSpec]:
    """research, plus every agents/<name>/spec.py that defines SPEC, in the canonical name order."""
    import importlib
    import importlib.util

    from agents.names import SPECIALIST_NAMES

    found = {"research": RESEARCH}
    for name in SPECIALIST_NAMES:
        if name == "research" or importlib.util.find_spec(f"agents.{name}") is None:
            continue
        if importlib.util.find_spec(f"agents.{name}.spec") is not None:
            found[name] = importlib.import_module(f"agents.{name}.spec").SPEC
    return {name: found[name] for name in SPECIALIST_NAMES if name in found}


SPECIALISTS: dict[str, SpecialistSpec] = _discover()
