"""Citation validation in code: a marker [n] must point at the n-th retrieved source.

Sentences whose markers all point outside the retrieved set are dropped; invalid markers are
removed; the remaining markers are renumbered in order of first use.
"""

import re

from pydantic import BaseModel

from agents.research.state import SourceRef
from knowledge.store import Hit

_MARKER = re.compile(r"\[(\d{1,3})\]")
_SENTENCE = re.compile(r"(?<=[.!?。！？])\s*|\n+")


class ValidatedAnswer(BaseModel):
    text: str
    citations: list[SourceRef]
    dropped: int
    cited_any: bool


def _source(hit: Hit) -> SourceRef:
    return SourceRef(id=hit.chunk_id, title=hit.title, section=hit.section, url=hit.url, source=hit.source)


def _split(text: str) -> list[str]:
    """Sentences and list lines, keeping list structure by re-joining with newlines."""
    return [piece for piece in _SENTENCE.split(text) if piece and piece.strip()]


def validate_citations(draft: str, hits: list[Hit]) -> ValidatedAnswer:
    valid = set(range(1, len(hits) + 1))
    kept: list[str] = []
    order: list[int] = []
    dropped = 0
    for sentence in _split(draft):
        markers = [int(m) for m in _MARKER.findall(sentence)]
        if markers and not any(m in valid for m in markers):
            dropped += 1
            continue
        for marker in markers:
            if marker in valid and marker not in order:
                order.append(marker)
        kept.append(sentence.strip())
    renumber = {old: new for new, old in enumerate(order, 1)}

    def _rewrite(match: re.Match[str]) -> str:
        marker = int(match.group(1))
        return f"[{renumber[marker]}]" if marker in renumber else ""

    text = "\n".join(_MARKER.sub(_rewrite, sentence) for sentence in kept).strip()
    citations = [_source(hits[old - 1]) for old in order]
    return ValidatedAnswer(text=text, citations=citations, dropped=dropped, cited_any=bool(order))
