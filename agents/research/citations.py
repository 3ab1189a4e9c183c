"""Citation validation in code: a source number must point at one of the retrieved chunks.

Points citing only unknown numbers are dropped, unknown numbers are removed from the rest,
and the remaining sources are renumbered in order of first use.
"""

from typing import Any

from pydantic import BaseModel

from agents.research.state import Point, ResearchDraft, SourceRef
from knowledge.store import Hit


class ValidatedAnswer(BaseModel):
    text: str
    citations: list[SourceRef]
    dropped: int
    cited_any: bool


def source_ref(hit: Hit) -> SourceRef:
    return SourceRef(id=hit.chunk_id, title=hit.title, section=hit.section, url=hit.url, source=hit.source)


def draft_schema(source_count: int) -> dict[str, Any]:
    """ResearchDraft's JSON schema with source numbers narrowed to 1..source_count."""
    schema = ResearchDraft.model_json_schema()
    schema["$defs"]["Point"]["properties"]["sources"]["items"] = {"enum": list(range(1, source_count + 1))}
    return schema


def validate_points(points: list[Point], hits: list[Hit]) -> ValidatedAnswer:
    order: list[int] = []
    kept: list[tuple[str, list[int]]] = []
    for point in points:
        valid = [n for n in dict.fromkeys(point.sources) if 1 <= n <= len(hits)]
        if not valid:
            continue
        order += [n for n in valid if n not in order]
        kept.append((point.text.strip(), valid))
    renumber = {old: new for new, old in enumerate(order, 1)}
    lines = [f"- {text} " + "".join(f"[{renumber[n]}]" for n in numbers) for text, numbers in kept]
    return ValidatedAnswer(text="\n".join(lines), citations=[source_ref(hits[n - 1]) for n in order],
                           dropped=len(points) - len(kept), cited_any=bool(order))
