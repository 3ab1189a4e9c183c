"""Typed input, output and state of the research specialist."""

from typing import TypedDict

from pydantic import BaseModel, Field

from knowledge.store import Hit


class ResearchInput(BaseModel):
    question: str = Field(min_length=1)
    markets: list[str] = []
    language: str = "en"
    history: list[str] = Field(default=[], description="Earlier user requests in this thread, oldest first.")
    tenant: str = "demo"


class SourceRef(BaseModel):
    """A citation: `id` is a chunk id from the knowledge store."""

    id: str
    title: str
    section: str
    url: str
    source: str


class ResearchOutput(BaseModel):
    answer: str
    citations: list[SourceRef]
    grounded: bool = Field(description="False when no relevant source was found or the model cited none.")
    language: str
    dropped_claims: int = Field(default=0, description="Sentences removed for citing no retrieved source.")


class Point(BaseModel):
    """One claim of a draft answer and the numbers of the sources that support it."""

    text: str = Field(min_length=1, max_length=600)
    sources: list[int] = Field(min_length=1, max_length=3)


class ResearchDraft(BaseModel):
    """What the model fills, under a grammar that allows only the retrieved source numbers."""

    points: list[Point] = Field(min_length=1, max_length=6)


class ResearchState(TypedDict, total=False):
    input: ResearchInput
    hits: list[Hit]
    draft: str
    attempts: int
    feedback: str
    output: ResearchOutput
