"""How the orchestrator runs the analyst: its input from a turn and its answer."""

from pydantic import BaseModel

from agents.analyst.graph import build_graph
from agents.analyst.state import AnalystInput, BIResponse
from agents.registry import SpecialistSpec, TurnInput


def _input(turn: TurnInput) -> AnalystInput:
    return AnalystInput(question=turn.text, tenant=turn.tenant)


def _answer(output: BaseModel) -> str:
    assert isinstance(output, BIResponse)
    return output.answer


SPEC = SpecialistSpec(
    name="analyst",
    input_model=AnalystInput,
    output_model=BIResponse,
    build=build_graph,
    input_from_turn=_input,
    answer_of=_answer,
    citations_of=lambda output: [],
    tools=("analytics.semantic", "analytics.sql_readonly"),
)
