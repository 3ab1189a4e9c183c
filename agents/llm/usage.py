"""Per-step accounting of prompt and completion tokens and model time."""

import time
from typing import Any
from uuid import UUID

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import BaseMessage
from langchain_core.outputs import LLMResult
from langchain_core.runnables import RunnableConfig
from pydantic import BaseModel


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model_calls: int = 0
    model_seconds: float = 0.0

    def __add__(self, other: "Usage") -> "Usage":
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            model_calls=self.model_calls + other.model_calls,
            model_seconds=round(self.model_seconds + other.model_seconds, 4),
        )


class UsageMeter(BaseCallbackHandler):
    """Pass as a callback to model calls; it sums the usage each call reports."""

    def __init__(self) -> None:
        self.usage = Usage()
        self._started: dict[UUID, float] = {}

    def on_chat_model_start(
        self, serialized: dict[str, Any], messages: list[list[BaseMessage]], *, run_id: UUID, **kwargs: Any
    ) -> None:
        self._started[run_id] = time.perf_counter()

    def on_llm_end(self, response: LLMResult, *, run_id: UUID, **kwargs: Any) -> None:
        seconds = time.perf_counter() - self._started.pop(run_id, time.perf_counter())
        prompt = completion = 0
        for generation in response.generations[0] if response.generations else []:
            metadata = getattr(getattr(generation, "message", None), "usage_metadata", None) or {}
            prompt += metadata.get("input_tokens", 0)
            completion += metadata.get("output_tokens", 0)
        self.usage = self.usage + Usage(
            prompt_tokens=prompt, completion_tokens=completion, model_calls=1, model_seconds=seconds
        )


def metered(config: RunnableConfig | None, meter: UsageMeter, *tags: str) -> RunnableConfig:
    """The node's config plus `meter` and `tags`, keeping the graph's own callbacks (streaming)."""
    from langchain_core.runnables.config import merge_configs

    return merge_configs(config, {"callbacks": [meter], "tags": list(tags)})
