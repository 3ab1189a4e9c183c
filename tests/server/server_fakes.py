"""Fake runtime for the HTTP tests: queued fake chat model, hashing embedder, a one-document corpus."""

from pathlib import Path

from fakes import FakeEmbedder
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from agents.context import Deps
from agents.router.fast import RouterIndex
from agents.service import Copilot
from tools.settings import Settings

DRAFT_SFDA = '{"points": [{"text": "Products must be listed with the SFDA", "sources": [1]}]}'
EXAMPLES = {
    "copywriter": ["write an amazon listing"], "compliance": ["check this ad for compliance"],
    "campaign": ["plan my ad budget"], "kol": ["find influencers"], "analyst": ["my revenue last month"],
    "research": ["what regulations apply to cosmetics"],
}
QUESTION = "what regulations apply to cosmetics in Saudi Arabia"
SA_DOC = ("---\nid: sa\ntitle: Saudi\njurisdictions: [SA]\nsource_url: https://example.org/sa\n---\n"
          "## Rules\nCosmetics regulations: SFDA listing is required for cosmetics.\n")


def fake_deps(home: Path, responses: list[str] | None = None, **settings: object) -> Deps:
    """Deps with a queued fake chat model and the hashing embedder, the shared corpus ingested."""
    deps = Deps(settings=Settings(home=home, **settings),  # type: ignore[arg-type]
                _chat_model=FakeListChatModel(responses=responses or [DRAFT_SFDA] * 20), _embedder=FakeEmbedder())
    corpus = home.parent / "corpus" / "sa.md"
    corpus.parent.mkdir(parents=True, exist_ok=True)
    corpus.write_text(SA_DOC, encoding="utf-8")
    deps.store.ingest(corpus.parent)
    return deps


def fake_copilot(deps: Deps) -> Copilot:
    return Copilot(deps, index=RouterIndex(deps.embedder, None, EXAMPLES))
