"""Nodes of the campaign specialist: plan → notes → narrate → check (→ narrate again once) → finish."""

from langchain_core.runnables import RunnableConfig
from langgraph.config import get_stream_writer

from agents.campaign import narrative
from agents.campaign.config import config as campaign_config
from agents.campaign.history import load_history
from agents.campaign.notes import retrieve_notes
from agents.campaign.state import CampaignPlanResponse, CampaignState, NarrativeSource
from agents.context import Deps
from agents.llm.factory import llm_errors
from agents.llm.usage import UsageMeter, metered
from prompts import render
from tools.calendar import events_between
from tools.campaign import build_plan
from tools.errors import LLMUnavailable


def plan(state: CampaignState, deps: Deps) -> CampaignState:
    """The deterministic plan, on the tenant's own ad history when there is any."""
    request = state["input"].request
    loaded = load_history(deps.settings, state["input"].tenant, request.markets, request.budget.currency,
                          request.start)
    built = build_plan(request, loaded.rows or None)
    return {"plan": built, "history": loaded.use, "attempts": 0, "feedback": "", "draft": ""}


def notes(state: CampaignState, deps: Deps) -> CampaignState:
    """Marketing notes on the plan's events from the knowledge store, filtered to their markets."""
    built = state["plan"]
    events = events_between(built.start, built.end, built.markets, sourcing=False)
    found, citations = retrieve_notes(deps.store, events, state["input"].tenant,
                                      deps.settings.research_min_similarity)
    return {"notes": found, "citations": citations}


def narrate(state: CampaignState, deps: Deps, meter: UsageMeter, config: RunnableConfig) -> CampaignState:
    """One draft of the narrative; an unavailable model ends the step with the deterministic summary."""
    request = state["input"]
    language = narrative.narrative_language(request.language)
    prompt = narrative.messages(state["plan"], state.get("notes", []), request.context, language,
                                state.get("draft", ""), state.get("feedback", ""))
    try:
        with llm_errors():
            reply = deps.chat_model.invoke(prompt, config=metered(config, meter, "campaign.narrative"))
    except LLMUnavailable:
        return {"output": _response(state, "deterministic", "unavailable"), "feedback": ""}
    return {"draft": reply.text.strip(), "attempts": state.get("attempts", 0) + 1}


def check(state: CampaignState) -> CampaignState:
    """Accept a draft whose numbers are all the plan's; else ask once more, then fall back, marked."""
    language = narrative.narrative_language(state["input"].language)
    found = narrative.check_narrative(state["draft"], state["plan"], language)
    if found.ok:
        get_stream_writer()({"event": "token", "text": state["draft"]})
        return {"output": _response(state, "model"), "feedback": ""}
    if state["attempts"] < campaign_config().narrative.max_attempts:
        return {"feedback": narrative.feedback(found, language)}
    return {"output": _response(state, "deterministic", "unchecked"), "feedback": ""}


def finish(state: CampaignState) -> CampaignState:
    """No narrative was asked for: the deterministic summary."""
    return {"output": _response(state, "deterministic", "off")}


def _response(state: CampaignState, source: NarrativeSource, reason: str = "") -> CampaignPlanResponse:
    request, built = state["input"], state["plan"]
    language = narrative.narrative_language(request.language)
    history = state["history"]
    return CampaignPlanResponse(
        **built.model_dump(exclude={"summary", "assumptions"}),
        assumptions=built.assumptions + history.notes,
        citations=state.get("citations", []),
        summary=state["draft"] if source == "model" else built.summary,
        plan_summary=built.summary,
        narrative_source=source,
        narrative_attempts=state.get("attempts", 0),
        narrative_note="" if source == "model" else render("campaign/fallback_note", language=language,
                                                            reason=reason),
        marketing_notes=state.get("notes", []),
        history=history,
        context=request.context,
        language=language,
    )

