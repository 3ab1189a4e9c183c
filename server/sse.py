"""Server-sent events from the synchronous turn stream, run whole in one worker thread."""

import asyncio
import json
import logging
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

from agents.service import ChatEvent
from tools.errors import ChuhaiError

log = logging.getLogger("chuhai.server")
_END = object()


def format_event(event: ChatEvent) -> str:
    return f"event: {event.event}\ndata: {json.dumps(event.data, ensure_ascii=False)}\n\n"


def error_event(exc: Exception) -> ChatEvent:
    if isinstance(exc, ChuhaiError):
        return ChatEvent(event="error", data={"code": exc.code, "message": exc.message})
    return ChatEvent(event="error", data={"code": "internal", "message": "internal error; see the server log"})


async def events_from_thread(events: Iterator[ChatEvent]) -> AsyncIterator[ChatEvent | Exception]:
    """One thread runs the whole generator (graph context variables must stay in one context)."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[Any] = asyncio.Queue()

    def pump() -> None:
        try:
            for event in events:
                loop.call_soon_threadsafe(queue.put_nowait, event)
        except Exception as exc:  # handed to the consumer, which maps it to a status or an error event
            if not isinstance(exc, ChuhaiError):
                log.exception("chat turn failed")
            loop.call_soon_threadsafe(queue.put_nowait, exc)
        finally:
            loop.call_soon_threadsafe(queue.put_nowait, _END)

    threading.Thread(target=pump, name="chat-turn", daemon=True).start()
    while (item := await queue.get()) is not _END:
        yield item


async def sse_body(first: ChatEvent, rest: AsyncIterator[ChatEvent | Exception],
                   on_result: Any = None) -> AsyncIterator[str]:
    """The first event was already taken (so early errors get a status); then the rest as SSE text."""
    yield format_event(first)
    async for item in rest:
        event = error_event(item) if isinstance(item, Exception) else item
        if event.event == "result" and on_result is not None:
            on_result(event.data)
        yield format_event(event)
