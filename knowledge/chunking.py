"""Heading-aware chunking: a chunk never spans two sections, so a citation points at one subject."""

import re

from pydantic import BaseModel

from knowledge.documents import Document

MAX_CHARS = 1200
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


class Chunk(BaseModel):
    id: str
    doc_id: str
    index: int
    section: str
    text: str


def _sections(text: str) -> list[tuple[str, str]]:
    """(heading, body) pairs; the body before the first heading belongs to the title section."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines():
        match = _HEADING.match(line)
        if match and len(match.group(1)) <= 3:
            sections.append((match.group(2).strip(), []))
        else:
            sections[-1][1].append(line)
    return [(heading, "\n".join(body).strip()) for heading, body in sections if "\n".join(body).strip()]


def _split_long(body: str, limit: int) -> list[str]:
    """Split at paragraph, then sentence boundaries so no piece exceeds `limit` characters."""
    pieces: list[str] = []
    current = ""
    for paragraph in re.split(r"\n\s*\n", body):
        units = [paragraph] if len(paragraph) <= limit else re.split(r"(?<=[.!?。！？])\s*", paragraph)
        for unit in units:
            while len(unit) > limit:  # a single run-on sentence: cut hard
                pieces.append(unit[:limit])
                unit = unit[limit:]
            if current and len(current) + len(unit) + 2 > limit:
                pieces.append(current)
                current = ""
            current = f"{current}\n\n{unit}" if current else unit
    if current.strip():
        pieces.append(current)
    return [piece.strip() for piece in pieces if piece.strip()]


def chunk_document(document: Document, max_chars: int = MAX_CHARS) -> list[Chunk]:
    """Chunks carry the title and section heading so each one reads on its own."""
    chunks: list[Chunk] = []
    for heading, body in _sections(document.text):
        for piece in _split_long(body, max_chars):
            header = f"{document.title} — {heading}" if heading else document.title
            index = len(chunks)
            chunks.append(
                Chunk(
                    id=f"{document.id}#{index}",
                    doc_id=document.id,
                    index=index,
                    section=heading,
                    text=f"{header}\n{piece}",
                )
            )
    return chunks
