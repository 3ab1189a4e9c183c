"""The compliance specialist's entry in the registry."""

from agents.compliance import graph
from agents.compliance.state import ComplianceInput, ComplianceOutput
from agents.compliance.turn import answer, citations, compliance_input
from agents.registry import SpecialistSpec, TurnInput


def input_from_turn(turn: TurnInput) -> ComplianceInput:
    """The quoted copy (or the copywriter's drafts of this turn), the slots' markets, the guessed channel."""
    return compliance_input(turn.text, turn.language, turn.slots.markets, turn.tenant, turn.earlier_outputs)


SPEC = SpecialistSpec(
    name="compliance",
    input_model=ComplianceInput,
    output_model=ComplianceOutput,
    build=graph.build_graph,
    input_from_turn=input_from_turn,
    answer_of=answer,  # type: ignore[arg-type]
    citations_of=citations,  # type: ignore[arg-type]
    tools=("compliance.rules", "knowledge.search"),
)
