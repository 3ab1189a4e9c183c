"""Orchestrator nodes. Each specialist node hands over with a typed Command route."""

import time
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.runnables import RunnableConfig
from langgraph.config import get_stream_writer
from langgraph.runtime import Runtime
from langgraph.types import Command, interrupt

from agents.context import Deps, TurnContext
from agents.llm.usage import UsageMeter, metered
from agents.orchestrator.state import ChatState, StepRecord
from agents.registry import SPECIALISTS, TurnInput
from agents.router.decide import route_request
from agents.router.fast import RouterIndex
from agents.router.state import Route
from prompts import render
from tools.language import detect_language
from tools.slots import Slots, extract_slots

MAX_ASK_BACKS = 2


def _user_texts(state: ChatState) -> list[str]:
    return [m.text for m in state.get("messages", []) if isinstance(m, HumanMessage)]


def _merge_slots(current: Slots, earlier: dict[str, Any] | None, follow_up: bool) -> Slots:
    """A follow-up keeps the thread's markets and budget unless it names new ones."""
    if not follow_up or not earlier:
        return current
    before = Slots.model_validate(earlier)
    return Slots(markets=current.markets or before.markets, regions=current.regions or before.regions,
                 budget=current.budget or before.budget)


def router(state: ChatState, deps: Deps, index: RouterIndex, config: RunnableConfig) -> Command[Any]:
    started = time.perf_counter()
    write = get_stream_writer()
    write({"event": "step", "specialist": "router", "status": "start", "tools": ["router.fast_path"]})
    texts = _user_texts(state)
    text, history = texts[-1], texts[:-1]
    request_message = [m for m in state["messages"] if isinstance(m, HumanMessage)][-1]
    previous = Route.model_validate(state["route"]) if state.get("route") else None
    meter = UsageMeter()
    language = detect_language(text).code

    def decide(request: str) -> tuple[Route, Slots]:
        slots = extract_slots(request)
        route = route_request(request, slots, index, lambda: deps.chat_model, deps.settings.router_confidence,
                              previous, history[-1] if history else "", metered(config, meter, "router"),
                              margin=deps.settings.router_margin)
        slots = _merge_slots(slots, state.get("slots"), route.source == "follow_up")
        return route.model_copy(update={"missing": [m for m in route.missing if not _has(slots, m)]}), slots

    route, slots = decide(text)
    for _ in range(MAX_ASK_BACKS):
        if not route.missing:
            break
        reply = interrupt({"question": render("respond/ask_back", language=language, missing=route.missing),
                           "missing": route.missing})
        text = f"{text} {reply}"
        route, slots = decide(text)
    step = StepRecord(name="router", tools=["router.fast_path"] + (["llm"] if route.source == "llm" else []),
                      seconds=round(time.perf_counter() - started, 4), **meter.usage.model_dump())
    write({"event": "step", "specialist": "router", "status": "end", **step.model_dump(),
           "route": route.model_dump()})
    pending = list(route.specialists)
    update: dict[str, Any] = {"text": text, "language": language, "slots": slots.model_dump(mode="json"),
              "route": route.model_dump(), "pending": pending, "outputs": {}, "steps": [step.model_dump()],
              "answer": "", "citations": []}
    if text != request_message.text:  # keep the ask-back answer in the thread's history
        update["messages"] = [HumanMessage(text, id=request_message.id)]
    return Command(goto=pending[0] if pending[0] in SPECIALISTS else "unavailable", update=update)


def _has(slots: Slots, slot: str) -> bool:
    return bool(slots.markets) if slot == "market" else slots.budget is not None


def _next(pending: list[str]) -> str:
    if not pending:
        return "respond"
    return pending[0] if pending[0] in SPECIALISTS else "unavailable"


def run_specialist(
    state: ChatState, name: str, deps: Deps, runtime: Runtime[TurnContext], config: RunnableConfig
) -> Command[Any]:
    """Build the specialist's typed input from the turn, run its subgraph, record the step."""
    spec = SPECIALISTS[name]
    write = get_stream_writer()
    write({"event": "step", "specialist": name, "status": "start", "tools": list(spec.tools)})
    started, meter = time.perf_counter(), UsageMeter()
    turn = TurnInput(text=state["text"], language=state["language"], slots=Slots.model_validate(state["slots"]),
                     history=_user_texts(state)[:-1], tenant=runtime.context.tenant,
                     earlier_outputs=state.get("outputs", {}))
    result = spec.build(deps, meter).invoke({"input": spec.input_from_turn(turn)}, config=config)
    output = spec.output_model.model_validate(result["output"])
    step = StepRecord(name=name, tools=list(spec.tools), seconds=round(time.perf_counter() - started, 4),
                      **meter.usage.model_dump())
    write({"event": "step", "specialist": name, "status": "end", **step.model_dump()})
    pending = state["pending"][1:]
    return Command(goto=_next(pending), update={
        "pending": pending,
        "outputs": {**state.get("outputs", {}), name: output.model_dump(mode="json")},
        "steps": [*state.get("steps", []), step.model_dump()],
    })


def unavailable(state: ChatState) -> Command[Any]:
    """A specialist the router knows but this build does not ship: say so, never pretend."""
    name = state["pending"][0]
    get_stream_writer()({"event": "step", "specialist": name, "status": "unavailable", "tools": []})
    message = render("respond/unavailable", language=state["language"], specialist=name)
    pending = state["pending"][1:]
    return Command(goto=_next(pending), update={
        "pending": pending,
        "outputs": {**state.get("outputs", {}), name: {"unavailable": True, "message": message}},
    })


def respond(state: ChatState) -> ChatState:
    parts, citations = [], []
    for name, output in state.get("outputs", {}).items():
        if output.get("unavailable"):
            parts.append(output["message"])
            continue
        spec = SPECIALISTS[name]
        typed = spec.output_model.model_validate(output)
        parts.append(spec.answer_of(typed))
        citations += spec.citations_of(typed)
    answer = "\n\n".join(parts)
    return {"answer": answer, "citations": citations, "messages": [AIMessage(answer)]}
