"""The model review: regulation chunks retrieved for the markets, a constrained review grounded on
them, and a filter in code that keeps only findings quoting the copy exactly and citing a chunk."""

from typing import Any, Literal

from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.runnables import RunnableConfig

from agents.compliance.state import ComplianceRequest, Finding, FindingCitation, ModelReview, ReviewDraft
from agents.context import Deps
from agents.llm.structured import ask_structured
from knowledge.store import SHARED, Hit, SearchFilters
from prompts import render
from tools.compliance import Span, load_rule_book

TOP_K = 4
QUERY_CHARS = 500
REVIEW_CHARS = 2_500  # the copy shown to the model; the rest is checked by rules only
CHUNK_CHARS = 700
_QUOTE_TRIM = " \t\r\n\"'“”「」‘’"
# Blocs whose law applies in a market: EU law in the EU members, GCC standards in the Gulf.
_BLOCS = {"DE": "EU", "FR": "EU", "ES": "EU", "IT": "EU", "SA": "GCC", "AE": "GCC"}


def jurisdictions_for(request: ComplianceRequest) -> list[str]:
    """The markets, their blocs and the platform's pack name (platform policies are filed under it)."""
    codes = [m.strip().upper() for m in request.markets]
    found = codes + sorted({_BLOCS[c] for c in codes if c in _BLOCS})
    if request.platform:
        pack = load_rule_book().scope.platforms.get(request.platform.strip().lower())
        found += [pack] if pack else []
    return found


def retrieve(deps: Deps, request: ComplianceRequest, tenant: str | None) -> list[Hit]:
    """Regulation chunks for the markets (and blocs, platform) nearest to the copy."""
    filters = SearchFilters(jurisdictions=jurisdictions_for(request), topics=["regulation"])
    return deps.store.search(request.text[:QUERY_CHARS], k=TOP_K, tenant=tenant or SHARED, filters=filters)


def review_schema(chunk_count: int) -> dict[str, Any]:
    """ReviewDraft's JSON schema with `chunk` narrowed to the retrieved chunk numbers."""
    schema = ReviewDraft.model_json_schema()
    schema["$defs"]["ProposedFinding"]["properties"]["chunk"] = {"enum": list(range(1, chunk_count + 1))}
    return schema


def review_messages(request: ComplianceRequest, hits: list[Hit]) -> list[SystemMessage | HumanMessage]:
    chunks = [{"title": h.title, "section": h.section, "text": h.text[:CHUNK_CHARS]} for h in hits]
    return [
        SystemMessage(render("compliance/review", markets=", ".join(request.markets))),
        HumanMessage(render("compliance/review_input", chunks=chunks, text=request.text[:REVIEW_CHARS],
                            channel=request.channel or "ad", category=request.category or "")),
    ]


def _market_for(hit: Hit, request: ComplianceRequest) -> str:
    """The request market the chunk's law applies in (an EU chunk → the first EU member asked)."""
    for code in (m.strip().upper() for m in request.markets):
        if code in hit.jurisdictions or _BLOCS.get(code) in hit.jurisdictions:
            return code
    if request.platform and not set(hit.jurisdictions) & set(_BLOCS.values()):
        return request.platform.strip().lower()  # a platform policy, labelled like the rule packs'
    return request.markets[0].strip().upper()


_RANK = {"info": 0, "warn": 1, "block": 2}


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


def filter_proposals(
    draft: ReviewDraft, request: ComplianceRequest, hits: list[Hit], rule_findings: list[Finding],
    max_severity: Literal["info", "warn", "block"] = "warn",
) -> tuple[list[Finding], ModelReview]:
    """Keep a proposal only if its quote is in the copy and it cites a retrieved chunk; rules win overlaps.

    A model finding is capped at `max_severity` (Settings.model_finding_cap): only a rule, with its cited
    article, blocks unless the cap is "block".
    """
    text = request.text
    review = ModelReview(chunks=[h.chunk_id for h in hits], proposed=len(draft.findings))
    taken = [f.span for f in rule_findings if f.span.end > f.span.start]
    kept: list[Finding] = []
    for number, proposal in enumerate(draft.findings, 1):
        quote = proposal.quote.strip(_QUOTE_TRIM)
        start = text.find(quote) if quote else -1
        if start < 0:
            review.discarded.append(f"{number}: quote not in the text")
            continue
        if not 1 <= proposal.chunk <= len(hits):
            review.discarded.append(f"{number}: cites chunk {proposal.chunk}, which was not retrieved")
            continue
        span = Span(start=start, end=start + len(quote), text=quote)
        if _overlaps(span, taken):
            review.discarded.append(f"{number}: overlaps a rule finding")
            continue
        hit = hits[proposal.chunk - 1]
        taken.append(span)
        kept.append(Finding(
            rule_id=f"model.{hit.chunk_id}", severity=min(proposal.severity, max_severity, key=lambda s: _RANK[s]),
            market=_market_for(hit, request),
            span=span, message=proposal.message.strip() or f"{hit.title}: {hit.section}",
            citations=[FindingCitation(id=hit.chunk_id, instrument=hit.title, article=hit.section, url=hit.url)],
            suggestion=proposal.suggestion.strip(), source="model",
        ))
    review.kept = len(kept)
    return kept, review


def model_review(
    deps: Deps, request: ComplianceRequest, rule_findings: list[Finding], hits: list[Hit],
    config: RunnableConfig | None,
) -> tuple[list[Finding], ModelReview]:
    """Ask the model for what rules cannot see; raises LLMUnavailable / InvalidModelOutput on failure."""
    draft = ask_structured(deps.chat_model, review_messages(request, hits), ReviewDraft, config=config,
                           json_schema=review_schema(len(hits)))
    return filter_proposals(draft, request, hits, rule_findings, deps.settings.model_finding_cap)
