"""Service functions behind the CLI and the HTTP API: one turn, streamed or not, and routing."""

import sqlite3
import time
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from langchain_core.messages import HumanMessage
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.types import Command
from pydantic import BaseModel, Field

from agents.context import Deps, TurnContext
from agents.orchestrator.graph import build_chat_graph
from agents.orchestrator.state import StepRecord
from agents.router.decide import route_request
from agents.router.fast import RouterIndex
from agents.router.state import Route
from tools.errors import BadInput
from tools.settings import Settings
from tools.slots import extract_slots

MAX_MESSAGE_CHARS = 8000


class AskBack(BaseModel):
    question: str
    missing: list[str]


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model_seconds: float = 0.0
    seconds: float = 0.0


class AskResponse(BaseModel):
    thread_id: str
    specialists: list[str]
    answer: str
    result: dict[str, Any] = Field(description="Each specialist's typed output, by specialist name.")
    citations: list[dict[str, Any]]
    ask_back: AskBack | None = None
    steps: list[StepRecord] = []
    usage: Usage = Usage()


class ChatEvent(BaseModel):
    event: Literal["step", "token", "result", "done", "error"]
    data: dict[str, Any]


def open_checkpointer(settings: Settings) -> SqliteSaver:
    settings.home.mkdir(parents=True, exist_ok=True)
    # Autocommit-style connection shared by worker threads; SqliteSaver serialises with its own lock.
    connection = sqlite3.connect(settings.checkpoint_db, check_same_thread=False)
    connection.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL survives a crash or kill -9 of the process (only power loss can drop the last
    # commits) and spares an fsync per checkpoint write, several per turn.
    connection.execute("PRAGMA synchronous=NORMAL")
    return SqliteSaver(connection)


class Copilot:
    """The orchestrated assistant for one process: deps, router index and graph built once."""

    def __init__(
        self, deps: Deps, checkpointer: SqliteSaver | None = None, index: RouterIndex | None = None
    ) -> None:
        self.deps = deps
        self.index = index or RouterIndex(deps.router_embedder, deps.settings.home / "cache")
        self.checkpointer = checkpointer or open_checkpointer(deps.settings)
        self.graph = build_chat_graph(deps, self.checkpointer, self.index)

    # ---------- routing only ----------
    def route(self, text: str) -> Route:
        _check_message(text)
        settings = self.deps.settings
        return route_request(text, extract_slots(text), self.index, lambda: self.deps.chat_model,
                             settings.router_confidence, margin=settings.router_margin)

    # ---------- one turn ----------
    def stream(self, text: str, thread_id: str | None = None, tenant: str = "demo") -> Iterator[ChatEvent]:
        """Events of one turn: steps, answer tokens, then the result; the thread is saved after every step."""
        _check_message(text)
        thread_id = thread_id or uuid.uuid4().hex
        config: RunnableConfig = {"configurable": {"thread_id": f"{tenant}:{thread_id}"}}
        started = time.perf_counter()
        for _namespace, data in self.graph.stream(
            self._input(text, config), config, context=TurnContext(tenant=tenant),
            stream_mode="custom", subgraphs=True, durability="sync",
        ):
            event = _event(data)
            if event:
                yield event
        response = self._response(thread_id, config, time.perf_counter() - started)
        yield ChatEvent(event="result", data=response.model_dump(mode="json"))
        yield ChatEvent(event="done", data={"thread_id": thread_id})

    def ask(self, text: str, thread_id: str | None = None, tenant: str = "demo") -> AskResponse:
        result: AskResponse | None = None
        for event in self.stream(text, thread_id, tenant):
            if event.event == "result":
                result = AskResponse.model_validate(event.data)
        assert result is not None  # stream always ends with a result event
        return result

    def _input(self, text: str, config: RunnableConfig) -> Any:
        """A reply to an ask-back resumes the interrupted turn; anything else starts a new one."""
        snapshot = self.graph.get_state(config)
        if snapshot.interrupts:
            return Command(resume=text)
        return {"messages": [HumanMessage(text)]}

    def _response(self, thread_id: str, config: RunnableConfig, seconds: float) -> AskResponse:
        snapshot = self.graph.get_state(config)
        values = snapshot.values
        steps = [StepRecord.model_validate(s) for s in values.get("steps", [])]
        usage = Usage(prompt_tokens=sum(s.prompt_tokens for s in steps),
                      completion_tokens=sum(s.completion_tokens for s in steps),
                      model_seconds=round(sum(s.model_seconds for s in steps), 4), seconds=round(seconds, 4))
        if snapshot.interrupts:
            question = snapshot.interrupts[0].value
            return AskResponse(thread_id=thread_id, specialists=[], answer=question["question"], result={},
                               citations=[], ask_back=AskBack(**question), steps=steps, usage=usage)
        return AskResponse(thread_id=thread_id, specialists=list(values.get("outputs", {})),
                           answer=values.get("answer", ""), result=values.get("outputs", {}),
                           citations=values.get("citations", []), steps=steps, usage=usage)


def _check_message(text: str) -> None:
    if not text or not text.strip():
        raise BadInput("the message is empty")
    if len(text) > MAX_MESSAGE_CHARS:
        raise BadInput(f"the message has {len(text)} characters; the limit is {MAX_MESSAGE_CHARS}")


def _event(data: Any) -> ChatEvent | None:
    """Specialists write their own step and token events; raw model tokens are JSON, not for users."""
    if isinstance(data, dict) and data.get("event") in {"step", "token"}:
        return ChatEvent(event=data["event"], data={k: v for k, v in data.items() if k != "event"})
    return None
