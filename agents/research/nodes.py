"""Nodes of the research specialist: retrieve → answer → validate (→ answer again once)."""

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from langchain_core.runnables import RunnableConfig
from langgraph.config import get_stream_writer

from agents.context import Deps
from agents.llm.structured import stream_json, validate_json
from agents.llm.usage import UsageMeter, metered
from agents.research.citations import draft_schema, source_ref, validate_points
from agents.research.state import ResearchDraft, ResearchInput, ResearchOutput, ResearchState
from agents.research.streaming import PointTextStream
from knowledge.store import Hit, SearchFilters
from prompts import render
from tools.language import LANGUAGE_NAMES, detect_language

TOP_K = 5
MAX_ATTEMPTS = 2
# Blocs whose rules apply in a market: EU law in the EU members, GCC standards in the Gulf.
_BLOCS = {"DE": "EU", "FR": "EU", "ES": "EU", "IT": "EU", "SA": "GCC", "AE": "GCC"}


def jurisdictions_for(markets: list[str]) -> list[str]:
    codes = [m.upper() for m in markets]
    return codes + sorted({_BLOCS[c] for c in codes if c in _BLOCS})


def search_query(request: ResearchInput) -> str:
    """A follow-up ("and for Saudi Arabia?") is searched together with the request it continues."""
    if request.history and len(request.question) < 40:
        return f"{request.history[-1]} {request.question}"
    return request.question


def retrieve(state: ResearchState, deps: Deps) -> ResearchState:
    request = state["input"]
    filters = SearchFilters(jurisdictions=jurisdictions_for(request.markets))
    hits = deps.store.search(search_query(request), k=TOP_K, tenant=request.tenant, filters=filters)
    if len(hits) < TOP_K and filters.jurisdictions:
        extra = deps.store.search(search_query(request), k=TOP_K, tenant=request.tenant)
        hits += [hit for hit in extra if hit.chunk_id not in {h.chunk_id for h in hits}][: TOP_K - len(hits)]
    minimum = deps.settings.research_min_similarity
    relevant = [hit for hit in hits if hit.similarity is not None and hit.similarity >= minimum]
    return {"hits": relevant, "attempts": 0, "feedback": ""}


def _messages(state: ResearchState) -> list[SystemMessage | HumanMessage | AIMessage]:
    request = state["input"]
    language_name = LANGUAGE_NAMES.get(request.language, request.language)
    system = render("research/answer", language=request.language, language_name=language_name,
                    history=request.history[-3:])
    sources = [{"title": h.title, "section": h.section, "text": h.text} for h in state["hits"]]
    messages: list[SystemMessage | HumanMessage | AIMessage] = [
        SystemMessage(system),
        HumanMessage(render("research/sources", sources=sources, question=request.question)),
    ]
    if state.get("feedback"):
        messages += [AIMessage(state["draft"]), HumanMessage(state["feedback"])]
    return messages


def answer(state: ResearchState, deps: Deps, meter: UsageMeter, config: RunnableConfig) -> ResearchState:
    """Draft the answer as cited points, streaming their text to the client as it is generated."""
    write = get_stream_writer()
    display = PointTextStream()
    schema = draft_schema(len(state["hits"]))
    for piece in stream_json(deps.chat_model, _messages(state), ResearchDraft, schema, metered(config, meter)):
        if text := display.feed(piece):
            write({"event": "token", "text": text})
    return {"draft": display.raw, "attempts": state.get("attempts", 0) + 1}


def _problem(draft: ResearchDraft | None, errors: list[str], text: str, cited_any: bool, language: str) -> str:
    if draft is None:
        return "it was not valid JSON for the schema: " + "; ".join(errors[:3])
    if not cited_any:
        return "it cited none of the numbered sources"
    if detect_language(text).code != language:
        return f"it was not written in {LANGUAGE_NAMES.get(language, language)}"
    return ""


def validate(state: ResearchState) -> ResearchState:
    request, hits = state["input"], state["hits"]
    draft, errors = validate_json(state["draft"], ResearchDraft)
    checked = validate_points(draft.points if draft else [], hits)
    problem = _problem(draft, errors, checked.text, checked.cited_any, request.language)
    if problem and state["attempts"] < MAX_ATTEMPTS:
        language_name = LANGUAGE_NAMES.get(request.language, request.language)
        feedback = render("research/retry", language=request.language, language_name=language_name,
                          problem=problem, count=len(hits))
        return {"feedback": feedback}
    if not checked.cited_any:
        return {"output": _uncited(request, hits), "feedback": ""}
    return {
        "output": ResearchOutput(answer=checked.text, citations=checked.citations, grounded=True,
                                 language=request.language, dropped_claims=checked.dropped),
        "feedback": "",
    }


def _uncited(request: ResearchInput, hits: list[Hit]) -> ResearchOutput:
    """The model failed to ground its answer: show the sources instead of unverified prose."""
    sources = [{"title": h.title, "section": h.section} for h in hits]
    return ResearchOutput(answer=render("research/uncited", language=request.language, sources=sources),
                          citations=[source_ref(hit) for hit in hits], grounded=False, language=request.language)


def nothing_found(state: ResearchState) -> ResearchState:
    request = state["input"]
    return {"output": ResearchOutput(answer=render("research/nothing_found", language=request.language),
                                     citations=[], grounded=False, language=request.language)}
