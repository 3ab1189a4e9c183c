"""A LangChain chat model over llama-cpp-python running in this process.

Calls are serialised by a lock (one llama context is not thread-safe) and LangChain's async
methods run them in a worker thread, so the event loop never blocks on the model.
"""

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, SystemMessage, ToolMessage
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, PrivateAttr

from tools.errors import LLMUnavailable, ModelFileError

_ROLES = {"human": "user", "ai": "assistant", "system": "system", "tool": "user"}


def to_llama_messages(messages: list[BaseMessage]) -> list[dict[str, str]]:
    """LangChain messages → the role/content dicts llama.cpp's chat template expects."""
    converted = []
    for message in messages:
        role = "system" if isinstance(message, SystemMessage) else _ROLES.get(message.type, "user")
        content = message.text if not isinstance(message, ToolMessage) else f"Tool result: {message.text}"
        converted.append({"role": role, "content": content})
    return converted


class ChatLlamaCpp(BaseChatModel):
    """The embedded model. `response_format` passed per call enables grammar-constrained JSON."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    model_path: Path
    n_ctx: int = 4096
    n_threads: int = 2
    max_tokens: int = 512
    temperature: float = 0.2
    repeat_penalty: float = 1.1
    seed: int = 7

    _llama: Any = PrivateAttr(default=None)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "llama-cpp"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": str(self.model_path), "n_ctx": self.n_ctx}

    def _model(self) -> Any:
        """Load lazily: building a graph must not cost the 3 s model load until a call needs it."""
        if self._llama is None:
            if not self.model_path.exists():
                raise ModelFileError(f"model file {self.model_path} not found; run `chuhai models prepare`")
            from llama_cpp import Llama

            try:
                self._llama = Llama(
                    model_path=str(self.model_path),
                    n_ctx=self.n_ctx,
                    n_threads=self.n_threads,
                    seed=self.seed,
                    verbose=False,
                )
            except ValueError as exc:  # llama-cpp raises ValueError for unreadable GGUF files
                raise ModelFileError(f"cannot load model {self.model_path}: {exc}") from exc
        return self._llama

    def count_tokens(self, text: str) -> int:
        """Tokens by the model's own tokenizer."""
        return len(self._model().tokenize(text.encode("utf-8"), add_bos=False, special=True))

    def _options(self, stop: list[str] | None, kwargs: dict[str, Any]) -> dict[str, Any]:
        options: dict[str, Any] = {
            "max_tokens": kwargs.get("max_tokens", self.max_tokens),
            "temperature": kwargs.get("temperature", self.temperature),
            "repeat_penalty": self.repeat_penalty,
            "stop": stop or [],
        }
        if kwargs.get("response_format") is not None:
            options["response_format"] = kwargs["response_format"]
        return options

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        with self._lock:
            try:
                response = self._model().create_chat_completion(
                    messages=to_llama_messages(messages), **self._options(stop, kwargs)
                )
            except (RuntimeError, OSError) as exc:
                raise LLMUnavailable(f"the embedded model failed: {exc}") from exc
        text = response["choices"][0]["message"].get("content") or ""
        usage = response.get("usage", {})
        message = AIMessage(
            content=text,
            usage_metadata=UsageMetadata(
                input_tokens=usage.get("prompt_tokens", 0),
                output_tokens=usage.get("completion_tokens", 0),
                total_tokens=usage.get("total_tokens", 0),
            ),
            response_metadata={"finish_reason": response["choices"][0].get("finish_reason")},
        )
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        llama_messages = to_llama_messages(messages)
        with self._lock:
            try:
                stream = self._model().create_chat_completion(
                    messages=llama_messages, stream=True, **self._options(stop, kwargs)
                )
                pieces = []
                for event in stream:
                    piece = event["choices"][0]["delta"].get("content") or ""
                    if not piece:
                        continue
                    pieces.append(piece)
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
                    if run_manager:
                        run_manager.on_llm_new_token(piece, chunk=chunk)
                    yield chunk
            except (RuntimeError, OSError) as exc:
                raise LLMUnavailable(f"the embedded model failed: {exc}") from exc
            # The streaming API reports no usage, so count with the model's tokenizer.
            prompt_tokens = sum(self.count_tokens(m["content"]) for m in llama_messages)
            completion_tokens = self.count_tokens("".join(pieces))
        yield ChatGenerationChunk(
            message=AIMessageChunk(
                content="",
                usage_metadata=UsageMetadata(
                    input_tokens=prompt_tokens,
                    output_tokens=completion_tokens,
                    total_tokens=prompt_tokens + completion_tokens,
                ),
            )
        )
