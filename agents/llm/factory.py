"""One factory for chat models, chosen by settings; nothing is built at import time."""

import contextlib
from collections.abc import Iterator

import openai
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_openai import ChatOpenAI

from agents.llm.embedded import embedded_model_path
from agents.llm.local import ChatLlamaCpp
from agents.llm.tokens import ensure_tiktoken_cache
from tools.errors import LLMUnavailable
from tools.settings import Settings


def load_chat_model(settings: Settings) -> BaseChatModel:
    """The configured chat model: the embedded llama.cpp model or an OpenAI-compatible endpoint."""
    if settings.llm_provider == "local":
        return ChatLlamaCpp(
            model_path=settings.local_model_path or embedded_model_path(settings.models_dir),
            n_ctx=settings.local_context,
            n_threads=settings.local_threads,
            max_tokens=settings.llm_max_tokens,
            temperature=settings.llm_temperature,
            repeat_penalty=settings.repeat_penalty,
        )
    ensure_tiktoken_cache(settings.home / "tiktoken")
    return ChatOpenAI(
        model=settings.llm_model,
        base_url=settings.llm_base_url,
        # Local OpenAI-compatible servers (vLLM, llama.cpp, Ollama) accept any key.
        api_key=settings.openai_api_key or "not-needed",  # type: ignore[arg-type]
        timeout=settings.llm_timeout_s,
        max_retries=1,
        max_completion_tokens=settings.llm_max_tokens,
        temperature=settings.llm_temperature,
        stream_usage=True,
    )


@contextlib.contextmanager
def llm_errors() -> Iterator[None]:
    """Translate client failures into LLMUnavailable with a message a user can act on."""
    try:
        yield
    except openai.AuthenticationError as exc:
        raise LLMUnavailable("the model endpoint refused the API key (check OPENAI_API_KEY)") from exc
    except (openai.APIConnectionError, openai.APITimeoutError) as exc:
        raise LLMUnavailable(f"the model endpoint is unreachable: {exc}") from exc
    except openai.NotFoundError as exc:
        raise LLMUnavailable(f"the model endpoint does not know this model: {exc}") from exc
