"""What a graph run needs: built once from settings and passed in, never global."""

from dataclasses import dataclass, field
from functools import cached_property

from langchain_core.language_models.chat_models import BaseChatModel
from pydantic import BaseModel

from agents.llm import load_chat_model
from knowledge.embeddings import Embedder, load_embedder
from knowledge.store import KnowledgeStore
from tools.settings import Settings


class TurnContext(BaseModel):
    """Per-run context: whose data a turn may touch. It comes from the request, never from the model."""

    tenant: str = "demo"


@dataclass
class Deps:
    """Runtime dependencies. Expensive members load on first use, so building a graph is cheap."""

    settings: Settings
    _chat_model: BaseChatModel | None = field(default=None, repr=False)
    _embedder: Embedder | None = field(default=None, repr=False)

    @cached_property
    def chat_model(self) -> BaseChatModel:
        return self._chat_model or load_chat_model(self.settings)

    @cached_property
    def embedder(self) -> Embedder:
        return self._embedder or load_embedder(self.settings.embedder, self.settings.local_threads)

    @cached_property
    def store(self) -> KnowledgeStore:
        return KnowledgeStore(self.settings.vector_dir, self.embedder)
