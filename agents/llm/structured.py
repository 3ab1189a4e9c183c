"""Structured output that works on strong and weak models alike.

The schema lives in the pydantic model. The embedded model decodes under a JSON-schema grammar;
OpenAI-compatible servers get `json_schema`, and servers that refuse it (llama.cpp's answers 500)
get `json_object` + schema. Output is validated; a failure goes back to the model once, with
the error, before the call gives up.
"""

import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import openai
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.runnables import RunnableConfig
from pydantic import BaseModel, ValidationError

from agents.llm.factory import llm_errors
from agents.llm.local import ChatLlamaCpp
from tools.errors import ChuhaiError

T = TypeVar("T", bound=BaseModel)

# Endpoints that refused `json_schema` once are not asked again in this process.
_REFUSES_JSON_SCHEMA: set[str] = set()


class InvalidModelOutput(ChuhaiError):
    code = "invalid_model_output"


def _json_schema_format(schema: type[BaseModel]) -> dict[str, Any]:
    return {
        "type": "json_schema",
        "json_schema": {"name": schema.__name__, "schema": schema.model_json_schema(), "strict": False},
    }


def _json_object_format(schema: type[BaseModel]) -> dict[str, Any]:
    return {"type": "json_object", "schema": schema.model_json_schema()}


def _endpoint_key(model: BaseChatModel) -> str:
    return f"{getattr(model, 'openai_api_base', '')}|{getattr(model, 'model_name', '')}"


def _call_json(
    model: BaseChatModel, messages: Sequence[BaseMessage], schema: type[BaseModel], config: RunnableConfig | None
) -> str:
    if isinstance(model, ChatLlamaCpp):
        return model.invoke(list(messages), config=config, response_format=_json_object_format(schema)).text
    key = _endpoint_key(model)
    with llm_errors():
        if key not in _REFUSES_JSON_SCHEMA:
            try:
                return model.invoke(
                    list(messages), config=config, response_format=_json_schema_format(schema)
                ).text
            except (openai.BadRequestError, openai.InternalServerError, openai.UnprocessableEntityError):
                _REFUSES_JSON_SCHEMA.add(key)
        return model.invoke(list(messages), config=config, response_format=_json_object_format(schema)).text


def _problems(raw: str, schema: type[T], check: Callable[[T], list[str]] | None) -> tuple[T | None, list[str]]:
    try:
        value = schema.model_validate_json(_strip_fences(raw))
    except ValidationError as exc:
        return None, [error["msg"] + f" at {'.'.join(map(str, error['loc']))}" for error in exc.errors()]
    problems = check(value) if check else []
    return (value if not problems else None), problems


def _strip_fences(raw: str) -> str:
    """Models without constrained decoding sometimes wrap JSON in markdown fences."""
    text = raw.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
        text = text.rsplit("```", 1)[0]
    return text


def ask_structured(
    model: BaseChatModel,
    messages: Sequence[BaseMessage],
    schema: type[T],
    *,
    check: Callable[[T], list[str]] | None = None,
    retries: int = 1,
    config: RunnableConfig | None = None,
) -> T:
    """Ask for a `schema` object; `check` adds semantic validation (e.g. citations in the retrieved set)."""
    conversation = list(messages)
    problems: list[str] = []
    for _ in range(retries + 1):
        raw = _call_json(model, conversation, schema, config)
        value, problems = _problems(raw, schema, check)
        if value is not None:
            return value
        conversation += [
            AIMessage(content=raw),
            HumanMessage(content="Your JSON was rejected: " + json.dumps(problems) + ". Return corrected JSON."),
        ]
    raise InvalidModelOutput(f"the model returned an invalid {schema.__name__}: {'; '.join(problems)}")
