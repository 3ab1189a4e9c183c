"""The market's notes and taboos from the knowledge store, filtered by its jurisdiction."""

from agents.context import Deps
from agents.copywriter.config import drafting_config
from agents.copywriter.state import CopyCitation
from knowledge.store import Hit, SearchFilters
from tools.copy import ProductFacts
from tools.errors import ChuhaiError
from tools.markets import get_market


def notes_query(market: str, facts: ProductFacts) -> str:
    """What a copywriter needs to know of a market: its culture, taboos and advertising rules for the category."""
    return f"{get_market(market).name} cultural notes advertising taboos {facts.category} product labelling"


def market_notes(deps: Deps, market: str, facts: ProductFacts, tenant: str) -> tuple[list[Hit], list[str]]:
    """The nearest chunks of the market's jurisdiction, and a note when the store cannot answer."""
    k = drafting_config().notes.k
    try:
        hits = deps.store.search(notes_query(market, facts), k=k, tenant=tenant,
                                 filters=SearchFilters(jurisdictions=[market.upper()]))
    except ChuhaiError as exc:
        return [], [f"market notes were not retrieved: {exc.message}"]
    return hits, []


def note_texts(hits: list[Hit]) -> list[str]:
    """Short excerpts of the retrieved chunks, as shown to the model."""
    limit = drafting_config().notes.chars
    return [" ".join(hit.text.split())[:limit] for hit in hits]


def citations_of(hits: list[Hit]) -> list[CopyCitation]:
    return [CopyCitation(id=h.chunk_id, title=h.title, section=h.section, url=h.url) for h in hits]
