"""The routing decision: fast path when confident, a constrained LLM call otherwise."""

from collections.abc import Callable, Sequence

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.runnables import RunnableConfig

from agents.llm import ask_structured
from agents.names import DESCRIPTIONS, REQUIRED_SLOTS
from agents.router.fast import RouterIndex
from agents.router.state import ClauseScore, Route, RouteChoice
from prompts import render
from tools.slots import Slots


def ordered_unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def missing_slots(specialists: Sequence[str], slots: Slots) -> list[str]:
    """Required slots that neither this text nor the thread supplies, in a fixed order."""
    present = {"market": bool(slots.markets), "budget": slots.budget is not None}
    needed = {slot for name in specialists for slot in REQUIRED_SLOTS.get(name, [])}
    return [slot for slot in ("market", "budget") if slot in needed and not present[slot]]


CANDIDATES = 3


def route_request(
    text: str,
    slots: Slots,
    index: RouterIndex,
    model: Callable[[], BaseChatModel],
    threshold: float,
    previous: Route | None = None,
    previous_text: str = "",
    config: RunnableConfig | None = None,
    margin: float = 0.05,
) -> Route:
    """Route one request: each clause by the fast path when confident, else by a constrained model choice.

    `model` is only built and called for clauses the fast path is unsure about.
    """
    scores = index.score(text)
    top = round(max(0.0, min(1.0, min(s.score for s in scores))), 4)
    if previous and _looks_like_follow_up(text):
        return Route(specialists=previous.specialists, missing=missing_slots(previous.specialists, slots),
                     source="follow_up", confidence=top)
    chosen: list[str] = []
    used_model = False
    for score in scores:
        if score.score >= threshold and score.margin >= margin:
            chosen.append(score.specialist)
        else:
            chosen.append(_choose_with_model(score, index, model(), previous, previous_text, config))
            used_model = True
    specialists = ordered_unique(chosen)
    return Route(specialists=specialists, missing=missing_slots(specialists, slots),  # type: ignore[arg-type]
                 source="llm" if used_model else "fast", confidence=top)


def _choose_with_model(
    score: ClauseScore, index: RouterIndex, model: BaseChatModel, previous: Route | None, previous_text: str,
    config: RunnableConfig | None,
) -> str:
    """A constrained choice among the fast path's top candidates, shown the nearest labelled examples."""
    candidates = score.ranked[:CANDIDATES]
    system = render(
        "router/route",
        specialists={name: DESCRIPTIONS[name] for name in candidates},
        examples=index.nearest_examples(score.clause),
        previous=previous_text if previous else "",
        previous_specialists=previous.specialists if previous else [],
    )
    schema = {"type": "object", "properties": {"specialist": {"enum": candidates}}, "required": ["specialist"]}
    choice = ask_structured(model, [SystemMessage(system), HumanMessage(score.clause)], RouteChoice,
                            config=config, json_schema=schema,
                            check=lambda c: [] if c.specialist in candidates else [f"choose one of {candidates}"])
    return choice.specialist


_FOLLOW_UP_OPENERS = ("and ", "what about", "how about", "same for", "那", "那么", "还有", "换成", "如果是", "再看看")


def _looks_like_follow_up(text: str) -> bool:
    lowered = text.strip().lower()
    return len(lowered) <= 40 and lowered.startswith(_FOLLOW_UP_OPENERS)
