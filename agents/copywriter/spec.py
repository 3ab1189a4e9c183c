"""How the orchestrator runs the copywriter and reads its output."""

from typing import Any

from pydantic import BaseModel

from agents.copywriter.graph import build_graph
from agents.copywriter.state import CopywriterInput, CopywriterOutput
from agents.copywriter.turn import copy_input
from agents.registry import SpecialistSpec
from prompts import render
from tools.copy import field_texts, fields_model_for


def answer_text(output: BaseModel) -> str:
    """Each target's fields, source, checks and compliance verdict, in the user's language."""
    copy = CopywriterOutput.model_validate(output)
    results = []
    for result in copy.results:
        model = fields_model_for(result.platform).model_validate(result.fields)
        results.append({
            "market": result.market, "platform": result.platform, "language": result.language,
            "source": result.source, "verdict": result.compliance.verdict, "rounds": result.rounds,
            "fields": [(t.field, t.text) for t in field_texts(model) if t.text],
            "failed": [c.name for c in result.checks if not c.ok],
        })
    return render("copywriter/answer", language=copy.language, results=results, from_turn=copy.from_turn)


def citations(output: BaseModel) -> list[dict[str, Any]]:
    copy = CopywriterOutput.model_validate(output)
    seen: dict[str, dict[str, Any]] = {}
    for result in copy.results:
        for cited in result.citations:
            seen.setdefault(cited.id, cited.model_dump())
    return list(seen.values())


SPEC = SpecialistSpec(
    name="copywriter",
    input_model=CopywriterInput,
    output_model=CopywriterOutput,
    build=build_graph,
    input_from_turn=copy_input,
    answer_of=answer_text,
    citations_of=citations,
    tools=("copy.run_all_checks", "copy.fallback_listing", "compliance.check", "knowledge.search"),
)
