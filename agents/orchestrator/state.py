"""The chat graph's state. `messages` persists across turns; the other fields describe one turn."""

from typing import Annotated, Any, TypedDict

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages
from pydantic import BaseModel


class StepRecord(BaseModel):
    """One agent step, as `chuhai ask --json` reports it."""

    name: str
    tools: list[str] = []
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model_calls: int = 0
    model_seconds: float = 0.0
    seconds: float = 0.0


class ChatState(TypedDict, total=False):
    messages: Annotated[list[AnyMessage], add_messages]
    text: str
    language: str
    slots: dict[str, Any]
    route: dict[str, Any] | None
    pending: list[str]
    outputs: dict[str, dict[str, Any]]
    steps: list[dict[str, Any]]
    answer: str
    citations: list[dict[str, Any]]
