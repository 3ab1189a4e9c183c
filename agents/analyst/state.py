"""Typed request and response of POST /v1/bi/query (also the specialist's output), and graph state."""

from datetime import date
from typing import Any, Literal, TypedDict

from pydantic import BaseModel, Field

from tools.analytics.semantic import CompiledQuery, ParsedQuestion, QueryResult, QuerySpec
from tools.analytics.semantic.runner import Cell

MAX_QUESTION_CHARS = 1000
AnswerLanguage = Literal["zh", "en"]


class BIRequest(BaseModel):
    """The REST body of POST /v1/bi/query."""

    question: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS)


class AskBack(BaseModel):
    """What to ask the user when the question names something unknown or ambiguous."""

    question: str
    choices: list[str] = []


class BIResponse(BaseModel):
    """The REST response of POST /v1/bi/query; numbers come from SQL, never from the model."""

    answer: str
    spec: QuerySpec | None = None
    sql: str | None = None
    columns: list[str] = []
    rows: list[list[Cell]] = []
    chart: dict[str, Any] | None = Field(default=None, description="Vega-Lite spec, or null for a single value.")
    params: list[Any] = Field(default=[], description="Bound values of the SQL's $n parameters.")
    ask_back: AskBack | None = None
    narrative_source: Literal["model", "template"] | None = None
    spec_source: Literal["parser", "model"] | None = Field(
        default=None, description="Who read the question: the deterministic parser or the constrained model."
    )
    language: AnswerLanguage = "en"
    today: date | None = Field(default=None, description="The date relative periods were read against.")
    notes: list[str] = []


class AnalystInput(BaseModel):
    """The question; the tenant comes from the request context, never from the question or the model."""

    question: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS)
    tenant: str = "demo"
    today: date | None = None


class AnalystState(TypedDict, total=False):
    input: AnalystInput
    language: AnswerLanguage
    today: date
    known_values: dict[str, list[str]]
    parsed: ParsedQuestion
    spec: QuerySpec
    spec_source: Literal["parser", "model"]
    notes: list[str]
    compiled: CompiledQuery
    result: QueryResult
    currency: str
    output: BIResponse
