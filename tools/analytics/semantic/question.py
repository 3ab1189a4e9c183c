"""Deterministic question parsing: words linked to the model, then a validated QuerySpec or an ask-back."""

from collections.abc import Iterable, Mapping
from datetime import date

from pydantic import BaseModel

from tools.analytics.semantic.linking import LinkedTerms, Similar, link_terms
from tools.analytics.semantic.model import TIME_GRAINS, TimeGrain
from tools.analytics.semantic.periods import previous_range
from tools.analytics.semantic.phrase_match import question_words
from tools.analytics.semantic.spec import (
    Ambiguity,
    CompareTo,
    IncompatibleSpec,
    OrderBy,
    QuerySpec,
    TimeRange,
    UnknownTerm,
)
from tools.analytics.semantic.time_parse import find_time_expressions
from tools.analytics.semantic.validate import validate_spec

# How much each word left unread lowers confidence, and the floor it cannot go below.
UNRESOLVED_PENALTY = 0.2
CONFIDENCE_FLOOR = 0.2


class ParsedQuestion(BaseModel):
    """A spec when the question could be read; otherwise what to ask back about."""

    spec: QuerySpec | None
    confidence: float
    unresolved: list[str]
    ambiguities: list[Ambiguity | UnknownTerm] = []
    message: str | None = None
    linked: LinkedTerms


def _implied_current(linked: LinkedTerms, today: date) -> TimeRange | None:
    """This month so far for "compared to last month" (this week for "vs last week", ...); None for "环比"."""
    said = " ".join(match.text.lower() for match in linked.matches if match.kind == "compare")
    for unit, words in question_words()["compare_implies"].items():
        if any(word in said for word in words["en"] + words["zh"]):
            found = find_time_expressions(f"this {unit}", today, "en")
            return found[0].range if found else None
    return None


def _time_and_compare(
    linked: LinkedTerms, today: date, notes: list[str]
) -> tuple[TimeRange | None, CompareTo | None]:
    notes += [t.problem for t in linked.times if t.problem]
    ranges = [t.range for t in linked.times if t.range is not None]
    compare = linked.compare
    implied = _implied_current(linked, today) if compare and not linked.times else None
    ranges = ranges or ([implied] if implied else [])
    if not ranges:
        if compare is not None:
            notes.append("comparison without a time range")
        return None, None
    current = max(ranges, key=lambda r: r.start)
    if len(ranges) > 1 and compare is None:
        return TimeRange(
            start=min(r.start for r in ranges),
            end=max(r.end for r in ranges),
            label=" + ".join(r.label or "" for r in ranges),
        ), None
    if compare == "unspecified":
        others = [r for r in ranges if r is not current]
        year_ago = previous_range(current, "previous_year")[0]
        compare = (
            "previous_year"
            if others and others[0].start.year == year_ago.start.year and others[0].start.month == year_ago.start.month
            else "previous_period"
        )
    return current, compare


def _grain(linked: LinkedTerms, time_range: TimeRange | None) -> TimeGrain | None:
    if not linked.trend or any(d in TIME_GRAINS for d in linked.dimensions):
        return None
    days = time_range.days if time_range else 100_000
    for rule in question_words()["trend_grain"]:
        if days <= int(rule["max_days"]):
            grain: TimeGrain = rule["grain"]
            return grain
    return "month"


def _order(linked: LinkedTerms) -> tuple[list[OrderBy], int | None]:
    if linked.sort is None and linked.top_n is None:
        return [], None
    direction = linked.sort or "desc"
    limit = linked.top_n
    if limit is None and any(d not in TIME_GRAINS for d in linked.dimensions):
        limit = int(question_words()["top_n_when_sorted"])
    return [OrderBy(field=linked.metrics[0], direction=direction)], limit


def _confidence(linked: LinkedTerms) -> float:
    score = max(CONFIDENCE_FLOOR, 1.0 - UNRESOLVED_PENALTY * len(linked.unresolved))
    return round(score * (linked.similarity if linked.similarity is not None else 1.0), 3)


def parse_question(
    text: str,
    today: date,
    similar: Similar | None = None,
    known_values: Mapping[str, Iterable[str]] | None = None,
) -> ParsedQuestion:
    """Read a question into a validated QuerySpec, or say what is missing or ambiguous."""
    linked = link_terms(text, similar=similar, known_values=known_values, today=today)
    notes: list[str] = []
    time_range, compare = _time_and_compare(linked, today, notes)
    unresolved = [*linked.unresolved, *notes]

    def ask(message: str, asks: list[Ambiguity | UnknownTerm]) -> ParsedQuestion:
        return ParsedQuestion(
            spec=None, confidence=0.0, unresolved=unresolved, ambiguities=asks, message=message, linked=linked
        )

    if notes:
        return ask("; ".join(notes), [])
    if linked.ambiguities:
        return ask("; ".join(a.message for a in linked.ambiguities), list(linked.ambiguities))
    if not linked.metrics:
        return ask("no metric recognised in the question", [])
    order_by, limit = _order(linked)
    spec = QuerySpec(
        metrics=linked.metrics,
        dimensions=linked.dimensions,
        filters=linked.filters,
        time_range=time_range,
        compare_to=compare,
        order_by=order_by,
        limit=limit,
        grain=_grain(linked, time_range),
    )
    try:
        checked = validate_spec(spec)
    except IncompatibleSpec as error:
        return ask(error.message, [])
    if not isinstance(checked, QuerySpec):
        return ask(checked.message, [checked])
    return ParsedQuestion(spec=checked, confidence=_confidence(linked), unresolved=unresolved, linked=linked)
