"""POST /v1/chat: one orchestrated turn as server-sent events."""

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Path
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from agents.service import MAX_MESSAGE_CHARS
from server.deps import AppCopilot, ModelReady, State, TenantName
from server.errors import ERROR_RESPONSES
from server.sse import events_from_thread, sse_body
from tools.errors import BadInput, NotFound

if TYPE_CHECKING:
    from agents.service import Copilot

router = APIRouter(prefix="/v1", tags=["chat"])

SSE_EXAMPLE = (
    'event: step\ndata: {"specialist": "research", "status": "start", "tools": ["knowledge_search"]}\n\n'
    'event: token\ndata: {"text": "Cosmetics sold in Saudi Arabia must be listed with the SFDA [1]."}\n\n'
    'event: step\ndata: {"specialist": "research", "status": "end", "seconds": 2.1}\n\n'
    'event: result\ndata: {"thread_id": "a1b2", "specialists": ["research"], "answer": "…", "citations": []}\n\n'
    'event: done\ndata: {"thread_id": "a1b2"}\n\n'
)


class ChatRequest(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"message": "What do I need to sell cosmetics in Saudi Arabia?"},
        {"message": "那阿联酋呢？", "thread_id": "3f2c9a"}]})

    message: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS, description="The request, in any language.")
    thread_id: str | None = Field(default=None, min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.-]+$",
                                  description="Continue this thread of the caller's tenant.")


@router.post(
    "/chat", dependencies=[ModelReady], response_class=StreamingResponse,
    summary="One orchestrated turn, streamed",
    responses={200: {"description": "Events: step, token, result, done, error.",
                     "content": {"text/event-stream": {"schema": {"type": "string"}, "example": SSE_EXAMPLE}}},
               503: {"description": "the language model is unavailable"}, **ERROR_RESPONSES},
)
async def chat(body: ChatRequest, tenant: TenantName, copilot: AppCopilot, state: State) -> StreamingResponse:
    """Steps as each specialist starts and ends, answer tokens, the turn's result, then done."""
    if not body.message.strip():
        raise BadInput("the message is empty")
    events = events_from_thread(copilot.stream(body.message, body.thread_id, tenant))
    first = await anext(events, None)
    if isinstance(first, Exception):
        raise first  # nothing sent yet: the error gets its status code
    if first is None:
        raise BadInput("the turn produced no events")

    def observe(result: dict[str, object]) -> None:
        steps = result.get("steps")
        state.metrics.observe_steps(steps if isinstance(steps, list) else [])

    return StreamingResponse(sse_body(first, events, observe), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


class ThreadMessage(BaseModel):
    role: str = Field(description="user or assistant")
    text: str


class Thread(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"thread_id": "3f2c9a", "messages": [
        {"role": "user", "text": "What do I need to sell cosmetics in Saudi Arabia?"},
        {"role": "assistant", "text": "Cosmetics must be listed with the SFDA [1]."}]}]})

    thread_id: str
    messages: list[ThreadMessage]


@router.get("/chat/threads/{thread_id}", response_model=Thread, summary="The saved turns of one of your threads",
            responses={404: {"description": "no such thread for this tenant"}, **ERROR_RESPONSES})
async def get_thread(
    tenant: TenantName, copilot: AppCopilot,
    thread_id: Annotated[str, Path(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.-]+$")],
) -> Thread:
    """Threads are per tenant: another tenant's thread id is simply not found."""
    messages = await run_in_threadpool(thread_messages, copilot, tenant, thread_id)
    if not messages:
        raise NotFound(f"no thread {thread_id!r}")
    return Thread(thread_id=thread_id, messages=messages)


def thread_messages(copilot: "Copilot", tenant: str, thread_id: str) -> list[ThreadMessage]:
    """The thread's user and assistant messages as saved by the checkpointer."""
    snapshot = copilot.graph.get_state({"configurable": {"thread_id": f"{tenant}:{thread_id}"}})
    return [ThreadMessage(role="user" if message.type == "human" else "assistant", text=str(message.content))
            for message in snapshot.values.get("messages", []) if message.type in {"human", "ai"}]
