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
    _router_embedder: Embedder | None = field(default=None, repr=False)

    @cached_property
    def chat_model(self) -> BaseChatModel:
        return self._chat_model or load_chat_model(self.settings)

    @cached_property
    def embedder(self) -> Embedder:
        return self._embedder or load_embedder(self.settings.embedder, self.settings.local_threads)

    @cached_property
    def router_embedder(self) -> Embedder:
        if self._router_embedder or self._embedder:
            return self._router_embedder or self.embedder
        if self.settings.router_embedder == self.settings.embedder:
            return self.embedder
        return load_embedder(self.settings.router_embedder, self.settings.local_threads)

    @cached_property
    def store(self) -> KnowledgeStore:
        # One store per embedder: vectors of different models never mix, and switching re-ingests.
        return KnowledgeStore(self.settings.vector_dir / self.embedder.name, self.embedder)
