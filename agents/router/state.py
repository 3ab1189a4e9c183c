"""The router's typed decisions."""

from typing import Literal

from pydantic import BaseModel, Field

from agents.names import SpecialistName


class RouteChoice(BaseModel):
    """What the LLM fills on the slow path: one specialist for one clause, among the fast path's candidates."""

    specialist: SpecialistName


class Route(BaseModel):
    """The router's answer, as `chuhai route` and the graph see it."""

    specialists: list[SpecialistName]
    missing: list[str] = []
    source: Literal["fast", "llm", "follow_up"]
    confidence: float = Field(ge=0, le=1, description="Fast-path similarity of the winning examples.")


class ClauseScore(BaseModel):
    clause: str
    specialist: SpecialistName
    score: float
    margin: float
    ranked: list[SpecialistName] = Field(default=[], description="All specialists, best first.")
