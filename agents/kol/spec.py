"""The KOL specialist's entry in the registry."""

from agents.kol import graph
from agents.kol.state import KolInput, KolOutput
from agents.kol.turn import answer, citations, kol_input
from agents.registry import SpecialistSpec, TurnInput


def input_from_turn(turn: TurnInput) -> KolInput:
    """Markets and budget from the slots, platforms from the words, a minimal product from the text."""
    return kol_input(turn.text, turn.language, turn.slots, turn.tenant)


SPEC = SpecialistSpec(
    name="kol",
    input_model=KolInput,
    output_model=KolOutput,
    build=graph.build_graph,
    input_from_turn=input_from_turn,
    answer_of=answer,  # type: ignore[arg-type]
    citations_of=citations,  # type: ignore[arg-type]
    tools=("kol.directory", "kol.match", "copy.check_facts"),
)
