"""Structured output that works on strong and weak models alike.

The schema lives in the pydantic model. The embedded model decodes under a JSON-schema grammar;
OpenAI-compatible servers get `json_schema`, and servers that refuse it (llama.cpp's answers 500)
get `json_object` + schema. Output is validated; a failure goes back to the model once, with
the error, before the call gives up.
"""

import json
from collections.abc import Callable, Iterator, Sequence
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


def _json_schema_format(name: str, json_schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "json_schema", "json_schema": {"name": name, "schema": json_schema, "strict": False}}


def _json_object_format(json_schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "json_object", "schema": json_schema}


def _formats(model: BaseChatModel, name: str, json_schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Response formats to try in order for this model."""
    if isinstance(model, ChatLlamaCpp) or _endpoint_key(model) in _REFUSES_JSON_SCHEMA:
        return [_json_object_format(json_schema)]
    return [_json_schema_format(name, json_schema), _json_object_format(json_schema)]


_REFUSALS = (openai.BadRequestError, openai.InternalServerError, openai.UnprocessableEntityError)


def _endpoint_key(model: BaseChatModel) -> str:
    return f"{getattr(model, 'openai_api_base', '')}|{getattr(model, 'model_name', '')}"


def _call_json(
    model: BaseChatModel, messages: Sequence[BaseMessage], name: str, json_schema: dict[str, Any],
    config: RunnableConfig | None,
) -> str:
    formats = _formats(model, name, json_schema)
    with llm_errors():
        for response_format in formats[:-1]:
            try:
                return model.invoke(list(messages), config=config, response_format=response_format).text
            except _REFUSALS:
                _REFUSES_JSON_SCHEMA.add(_endpoint_key(model))
        return model.invoke(list(messages), config=config, response_format=formats[-1]).text


def stream_json(
    model: BaseChatModel, messages: Sequence[BaseMessage], schema: type[BaseModel],
    json_schema: dict[str, Any] | None = None, config: RunnableConfig | None = None,
) -> Iterator[str]:
    """Raw JSON text pieces under the same format rules as `ask_structured`; the caller validates."""
    formats = _formats(model, schema.__name__, json_schema or schema.model_json_schema())
    with llm_errors():
        for response_format in formats[:-1]:
            try:
                stream = model.stream(list(messages), config=config, response_format=response_format)
                first = next(stream, None)  # a refusal surfaces before the first piece
            except _REFUSALS:
                _REFUSES_JSON_SCHEMA.add(_endpoint_key(model))
                continue
            if first is not None:
                yield first.text
            yield from (chunk.text for chunk in stream)
            return
        yield from (chunk.text for chunk in model.stream(list(messages), config=config,
                                                          response_format=formats[-1]))


def validate_json(
    raw: str, schema: type[T], check: Callable[[T], list[str]] | None = None
) -> tuple[T | None, list[str]]:
    """The parsed object, or None and the problems to send back to the model."""
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
    json_schema: dict[str, Any] | None = None,
) -> T:
    """Ask for a `schema` object; `check` adds semantic validation (e.g. citations in the retrieved set).

    `json_schema` narrows the decoding schema at run time (e.g. an enum of the retrieved source numbers).
    """
    conversation = list(messages)
    problems: list[str] = []
    for _ in range(retries + 1):
        raw = _call_json(model, conversation, schema.__name__, json_schema or schema.model_json_schema(), config)
        value, problems = validate_json(raw, schema, check)
        if value is not None:
            return value
        conversation += [
            AIMessage(content=raw),
            HumanMessage(content="Your JSON was rejected: " + json.dumps(problems) + ". Return corrected JSON."),
        ]
    raise InvalidModelOutput(f"the model returned an invalid {schema.__name__}: {'; '.join(problems)}")
