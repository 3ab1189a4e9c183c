import json

import httpx
import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import HumanMessage
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, Field

from agents.llm import structured
from agents.llm.structured import InvalidModelOutput, ask_structured
from agents.llm.usage import UsageMeter
from tools.errors import LLMUnavailable


class Pick(BaseModel):
    colour: str
    count: int = Field(ge=0)


def _completion(content: str) -> dict:
    return {
        "id": "x", "object": "chat.completion", "created": 0, "model": "m",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 11, "completion_tokens": 5, "total_tokens": 16},
    }


def _openai_model(handler) -> ChatOpenAI:  # type: ignore[no-untyped-def]
    return ChatOpenAI(model="m", base_url="http://llm.test/v1", api_key="k",  # type: ignore[arg-type]
                      http_client=httpx.Client(transport=httpx.MockTransport(handler)), max_retries=0)


def test_falls_back_to_json_object_when_server_refuses_json_schema() -> None:
    structured._REFUSES_JSON_SCHEMA.clear()
    formats = []

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        formats.append(body["response_format"]["type"])
        if body["response_format"]["type"] == "json_schema":
            return httpx.Response(500, json={"error": {"message": "unsupported"}})
        assert body["response_format"]["schema"]["properties"]["colour"]["type"] == "string"
        return httpx.Response(200, json=_completion('{"colour": "red", "count": 2}'))

    model = _openai_model(handler)
    assert ask_structured(model, [HumanMessage("pick")], Pick) == Pick(colour="red", count=2)
    # The refusal is remembered: the second call goes straight to json_object.
    assert ask_structured(model, [HumanMessage("pick")], Pick).count == 2
    assert formats == ["json_schema", "json_object", "json_object"]


def test_uses_json_schema_when_the_server_accepts_it() -> None:
    structured._REFUSES_JSON_SCHEMA.clear()

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        assert body["response_format"]["type"] == "json_schema"
        assert body["response_format"]["json_schema"]["name"] == "Pick"
        return httpx.Response(200, json=_completion('{"colour": "blue", "count": 1}'))

    meter = UsageMeter()
    value = ask_structured(_openai_model(handler), [HumanMessage("pick")], Pick, config={"callbacks": [meter]})
    assert value.colour == "blue"
    assert (meter.usage.prompt_tokens, meter.usage.completion_tokens, meter.usage.model_calls) == (11, 5, 1)


def test_unreachable_endpoint_is_llm_unavailable() -> None:
    structured._REFUSES_JSON_SCHEMA.clear()

    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(LLMUnavailable, match="unreachable"):
        ask_structured(_openai_model(handler), [HumanMessage("pick")], Pick)


def test_invalid_output_goes_back_to_the_model_with_the_error() -> None:
    model = FakeListChatModel(responses=['{"colour": "red", "count": -1}', '{"colour": "red", "count": 3}'])
    assert ask_structured(model, [HumanMessage("pick")], Pick).count == 3


def test_semantic_check_failure_is_retried_then_raised() -> None:
    model = FakeListChatModel(responses=['{"colour": "mauve", "count": 1}'] * 2)
    with pytest.raises(InvalidModelOutput, match="colour must be red"):
        ask_structured(model, [HumanMessage("pick")], Pick,
                       check=lambda p: [] if p.colour == "red" else ["colour must be red"])


def test_markdown_fences_are_tolerated() -> None:
    model = FakeListChatModel(responses=['```json\n{"colour": "red", "count": 0}\n```'])
    assert ask_structured(model, [HumanMessage("pick")], Pick).colour == "red"
