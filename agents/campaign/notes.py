"""Marketing notes for the plan's calendar events, retrieved from the knowledge store with their citations."""

import re

from agents.campaign.config import config
from agents.campaign.state import Citation, MarketingNote
from knowledge.store import Hit, KnowledgeStore, SearchFilters
from tools.calendar import CalendarEvent
from tools.markets import get_market

_SENTENCE = re.compile(r"(?<=[.!?。！？])\s+")
_LINK = re.compile(r"\(\[([^\]]+)\]\([^)]*\)\)|\[([^\]]+)\]\([^)]*\)")


def note_events(events: list[CalendarEvent]) -> list[CalendarEvent]:
    """The plan's commerce and cultural events worth a note: one per market and topic, earliest first."""
    settings = config().notes
    chosen: dict[tuple[str, str], CalendarEvent] = {}
    for event in events:
        if event.kind in settings.kinds:
            chosen.setdefault((event.market, event.note_topic), event)
    return list(chosen.values())[: settings.max_events]


def excerpt(text: str, event: str, heading: str = "") -> str:
    """The sentences of a chunk that name the event (links reduced to their labels), capped in length."""
    limit = config().notes.excerpt_chars
    body = text.strip().removeprefix(heading).strip() if heading else text
    plain = _LINK.sub(lambda m: f"({m[1]})" if m[1] else m[2], body).replace("\n", " ").strip()
    words = [w for w in re.findall(r"\w+", event.lower()) if len(w) > 2]
    sentences = _SENTENCE.split(plain)
    naming = [s for s in sentences if any(w in s.lower() for w in words)]
    chosen = " ".join(naming or sentences[:1])
    return chosen if len(chosen) <= limit else chosen[: limit - 1].rsplit(" ", 1)[0] + "…"


def citation_of(hit: Hit) -> Citation:
    return Citation(id=hit.chunk_id, title=hit.title, section=hit.section, url=hit.url, source=hit.source)


def retrieve_notes(
    store: KnowledgeStore, events: list[CalendarEvent], tenant: str, min_similarity: float
) -> tuple[list[MarketingNote], list[Citation]]:
    """One store search per event, filtered to the event's market; only relevant hits become notes."""
    settings = config().notes
    notes: list[MarketingNote] = []
    citations: dict[str, Citation] = {}
    for event in note_events(events):
        query = settings.query.format(event=event.name, market=get_market(event.market).name)
        filters = SearchFilters(jurisdictions=[event.market])
        hits = store.search(query, k=settings.hits_per_event, tenant=tenant, filters=filters)
        for hit in hits:
            if hit.similarity is None or hit.similarity < min_similarity or hit.chunk_id in citations:
                continue
            heading = f"{hit.title} — {hit.section}"
            notes.append(MarketingNote(market=event.market, event=event.name, citation_id=hit.chunk_id,
                                       excerpt=excerpt(hit.text, event.name, heading)))
            citations.setdefault(hit.chunk_id, citation_of(hit))
    return notes, list(citations.values())
