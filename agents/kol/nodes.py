"""Nodes of the KOL specialist: match (deterministic) → outreach (model drafts checked in code, or templates)."""

from langchain_core.runnables import RunnableConfig

from agents.context import Deps
from agents.kol.outreach import draft_with_model, outreach_language, template_outreach
from agents.kol.state import KolMatchRequest, KolMatchResponse, KolOutput, KolState, Outreach
from agents.llm.structured import InvalidModelOutput
from agents.llm.usage import UsageMeter, metered
from tools.copy import ProductFacts
from tools.errors import ChuhaiError, LLMUnavailable
from tools.kol import Creator, CreatorDirectory, Match, MatchRequest, Product, match_creators
from tools.kol.disclosure import disclosure_for


def to_match_request(request: KolMatchRequest) -> MatchRequest:
    """The deterministic core's request: the product without the facts only outreach needs."""
    facts = request.product
    product = Product(name=facts.name, description=facts.description, features=facts.features,
                      category=facts.category, brand=facts.brand, keywords=facts.keywords)
    return MatchRequest(product=product, markets=request.markets, platforms=request.platforms, budget=request.budget,
                        limit=request.limit, **request.filters.model_dump())


def match(state: KolState, deps: Deps) -> KolState:
    """Rank the tenant's and the shared creators; a request that cannot be answered ends with its problem."""
    kol_input = state["input"]
    if kol_input.request is None:
        return {"output": KolOutput(language=kol_input.language, problem=kol_input.problem)}
    try:
        directory = CreatorDirectory.open(deps.settings, kol_input.tenant)
        try:
            found = match_creators(directory, to_match_request(kol_input.request), deps.embedder.embed_documents)
            top = [m.creator_id for m in found.matches[: kol_input.request.outreach]]
            creators = {c.creator_id: c for c in directory.creators(top)} if top else {}
        finally:
            directory.close()
    except ChuhaiError as exc:
        return {"output": KolOutput(language=kol_input.language, problem=exc.message)}
    response = KolMatchResponse(**found.model_dump())
    return {"response": response, "creators": creators}


def market_of(match: Match, markets: list[str]) -> str:
    """The creator's country when it is one of the requested markets, else the first market."""
    wanted = [m.strip().upper() for m in markets]
    return match.country if match.country in wanted else wanted[0]


def _write_one(deps: Deps, facts: ProductFacts, creator: Creator, market: str, config: RunnableConfig) -> Outreach:
    language = outreach_language(creator)
    label = disclosure_for(market).label_for(language)
    message = draft_with_model(deps.chat_model, facts, creator, language, label, config)
    return Outreach(creator_id=creator.creator_id, handle=creator.handle, market=market, language=language,
                    message=message, disclosure=label, source="model")


def outreach(state: KolState, deps: Deps, meter: UsageMeter, config: RunnableConfig) -> KolState:
    """A first message for each of the top matches; after a model failure the rest use templates."""
    kol_input, response = state["input"], state["response"]
    assert kol_input.request is not None  # match ended the run otherwise
    facts, markets = kol_input.request.product, kol_input.request.markets
    creators, notes = state.get("creators", {}), list(response.notes)
    model_on, written = True, []
    for found in response.matches[: kol_input.request.outreach]:
        creator, market = creators[found.creator_id], market_of(found, markets)
        reason = ""
        if model_on:
            try:
                written.append(_write_one(deps, facts, creator, market, metered(config, meter, "kol")))
                continue
            except InvalidModelOutput as exc:
                reason = f"model draft rejected: {exc.message}"
            except LLMUnavailable as exc:
                model_on = False
                notes.append(f"the model is unavailable ({exc.message}); outreach uses templates")
        written.append(template_outreach(facts, creator, market, [reason] if reason else []))
    done = response.model_copy(update={"outreach": written, "notes": notes})
    return {"output": KolOutput(response=done, language=kol_input.language)}
