"""Fixtures of the analyst tests: a tiny seeded demo tenant and a scripted chat model."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fakes import FakeEmbedder
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

from agents.analyst.data_service import seed_demo
from agents.context import Deps
from tools.settings import Settings

Reply = str | Callable[[list[BaseMessage]], str]


class ScriptedModel(BaseChatModel):
    """Replies in order (the last one repeats); a reply may be computed from the messages it gets."""

    replies: list[Any]
    prompts: list[list[BaseMessage]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _generate(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        reply = self.replies[min(len(self.prompts), len(self.replies) - 1)]
        self.prompts.append(messages)
        text = reply(messages) if callable(reply) else reply
        return ChatResult(generations=[ChatGeneration(message=AIMessage(text))])


def first_table_row(messages: list[BaseMessage]) -> str:
    """A faithful narrative: the first result row, copied from the prompt."""
    table = str(messages[1].content).split("<<<\n", 1)[1]
    return "Result: " + table.splitlines()[0]


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings(home=tmp_path_factory.mktemp("analyst") / "home")
    seed_demo(settings, "demo", days=45, scale=0.3, creators=30)
    return settings


@pytest.fixture
def make_deps() -> Callable[..., Deps]:
    """Deps over the given settings with a ScriptedModel replying `replies` in order."""

    def build(settings: Settings, *replies: Reply) -> Deps:
        return Deps(settings=settings, _chat_model=ScriptedModel(replies=list(replies) or ["unused"]),
                    _embedder=FakeEmbedder())

    return build


@pytest.fixture
def copy_first_row() -> Callable[[list[BaseMessage]], str]:
    return first_table_row


@pytest.fixture
def fixtures_dir(repo: Path) -> Path:
    return repo / "tests" / "fixtures"
