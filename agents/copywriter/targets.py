"""Request validation and one target's result: market notes, the listing, and its variants."""

import time
from typing import Any

from langchain_core.runnables import RunnableConfig
from pydantic import ValidationError

from agents.context import Deps
from agents.copywriter.drafting import ANGLES
from agents.copywriter.listing import listing_text
from agents.copywriter.loop import Job, Outcome, write_listing
from agents.copywriter.retrieval import citations_of, market_notes, note_texts
from agents.copywriter.state import MAX_TARGETS, MAX_VARIANTS, CopyRequest, CopyResult, CopyTarget, CopyVariant
from agents.llm.usage import UsageMeter
from tools.copy import (
    PLATFORMS,
    Glossary,
    GlossaryTerm,
    ProductFacts,
    conventions_for,
    glossary_from_facts,
    too_similar,
)
from tools.errors import BadInput
from tools.markets import get_market


def parse_copy_request(data: Any) -> CopyRequest:
    """A validated request; every problem (unknown market or platform, no name, too many) is a BadInput."""
    try:
        request = data if isinstance(data, CopyRequest) else CopyRequest.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise BadInput(f"{'.'.join(map(str, error['loc'])) or 'request'}: {error['msg']}") from None
    if not request.product.name.strip():
        raise BadInput("product.name is empty; give the product's name")
    if not request.targets:
        raise BadInput("targets is empty; give at least one {market, platform}, e.g. DE:amazon")
    if len(request.targets) > MAX_TARGETS:
        raise BadInput(f"{len(request.targets)} targets; at most {MAX_TARGETS} per request")
    if not 1 <= request.variants <= MAX_VARIANTS:
        raise BadInput(f"variants must be 1 to {MAX_VARIANTS}, not {request.variants}")
    targets = []
    for target in request.targets:
        market = get_market(target.market).code
        platform = target.platform.strip().lower()
        if platform not in PLATFORMS:
            raise BadInput(f"unknown platform {target.platform!r}; known platforms: {', '.join(PLATFORMS)}")
        targets.append(CopyTarget(market=market, platform=platform))
    return request.model_copy(update={"targets": targets})


def facts_of(request: CopyRequest) -> ProductFacts:
    return ProductFacts.model_validate(request.product.model_dump())


def glossary_of(request: CopyRequest, facts: ProductFacts) -> Glossary:
    """The brand and model codes of the product, plus the request's own terms (kept as written)."""
    words = [t for t in request.glossary if isinstance(t, str)]
    glossary = glossary_from_facts(facts, words)
    given = [t for t in request.glossary if isinstance(t, GlossaryTerm)]
    known = {t.term for t in given}
    return Glossary(terms=[*given, *(t for t in glossary.terms if t.term not in known)])


def _variant(outcome: Outcome, angle: str) -> CopyVariant:
    draft = outcome.draft
    return CopyVariant(angle=angle, fields=draft.fields, checks=draft.checks, compliance=draft.compliance,
                       rounds=outcome.rounds, source=draft.source)


def _distinct(deps: Deps, candidate: Outcome, chosen: list[Outcome], platform: str) -> bool:
    """True when the candidate differs enough from every chosen variant."""
    text = listing_text(platform, candidate.draft.fields)

    def embed(texts: list[str]) -> Any:
        return deps.embedder.embed_documents(texts)

    return not any(too_similar(text, listing_text(platform, o.draft.fields), embed=embed) for o in chosen)


def _variants(deps: Deps, job: Job, count: int, meter: UsageMeter, config: RunnableConfig | None,
              notes: list[str]) -> list[tuple[Outcome, str]]:
    """`count` listings, each from its own angle; a near duplicate is redrafted once from an unused angle."""
    if count == 1:
        return [(write_listing(deps, job, meter, config), "")]
    angles = list(ANGLES)
    chosen: list[tuple[Outcome, str]] = []
    for _ in range(count):
        for attempt in range(2):
            if not angles:
                break
            angle = angles.pop(0)
            outcome = write_listing(deps, job.model_copy(update={"angle": angle}), meter, config)
            if _distinct(deps, outcome, [o for o, _ in chosen], job.platform):
                chosen.append((outcome, angle))
                break
            if attempt == 1:
                notes.append(f"a variant from the '{angle}' angle was too similar to another and was left out")
    if len(chosen) < count:
        notes.append(f"{len(chosen)} of {count} variants differ enough to offer")
    return chosen


def write_target(deps: Deps, request: CopyRequest, target: CopyTarget, tenant: str,
                 meter: UsageMeter, config: RunnableConfig | None = None) -> CopyResult:
    """One market × platform: notes from the store, the listing (and variants), checks and compliance."""
    started = time.perf_counter()
    facts = facts_of(request)
    language = conventions_for(target.market).language
    hits, notes = market_notes(deps, target.market, facts, tenant) if request.use_model else ([], [])
    job = Job(platform=target.platform, market=target.market, language=language, facts=facts,
              glossary=glossary_of(request, facts), notes=note_texts(hits), tone=request.tone or "",
              max_revisions=request.max_revisions, use_model=request.use_model, tenant=tenant)
    chosen = _variants(deps, job, request.variants, meter, config, notes)
    main, angle = chosen[0]
    draft = main.draft
    others = [_variant(o, a) for o, a in chosen[1:]] if request.variants > 1 else None
    return CopyResult(
        market=target.market, platform=target.platform, language=language, fields=draft.fields,
        compliance=draft.compliance, citations=citations_of(hits) if draft.source == "model" else [],
        checks=draft.checks, rounds=main.rounds, source=draft.source, angle=angle, variants=others,
        notes=notes + main.notes, dropped=main.dropped, first_draft_ok=main.first_draft_ok,
        first_draft_checks=main.first_draft_checks, seconds=round(time.perf_counter() - started, 3),
    )

