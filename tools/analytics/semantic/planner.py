"""Which fact each metric is aggregated on, and the result's column names."""

from pydantic import BaseModel

from tools.analytics.semantic.model import TIME_GRAINS, SemanticModel
from tools.analytics.semantic.spec import IncompatibleSpec, QuerySpec

COMPARE_SUFFIXES = ("_previous", "_change", "_change_ratio")


class QueryPlan(BaseModel):
    """Base metrics grouped by the fact they are aggregated on (facts in order of first use)."""

    facts: dict[str, list[str]]
    dimensions: list[str]
    time_grain: str | None


def output_columns(spec: QuerySpec) -> list[str]:
    """The result's columns: dimensions, metrics and, when comparing, each metric's comparison."""
    columns = [*spec.dimensions, *spec.metrics]
    if spec.compare_to:
        columns += [f"{metric}{suffix}" for metric in spec.metrics for suffix in COMPARE_SUFFIXES]
    return columns


def _facts_text(model: SemanticModel, facts: set[str]) -> str:
    return " or ".join(sorted(model.facts[f].label.en for f in facts))


def _incompatible(model: SemanticModel, metric: str, base: str, blocked: list[str]) -> IncompatibleSpec:
    facts = set(model.metrics[base].measures)
    where = "; ".join(f"{d} is only in {_facts_text(model, model.dimension_facts(d))}" for d in blocked)
    options = "; ".join(
        f"{model.facts[f].label.en} can be split by "
        f"{', '.join(d for d in model.dimensions if f in model.dimension_facts(d))}"
        for f in sorted(facts)
    )
    via = f" (through {base})" if base != metric else ""
    return IncompatibleSpec(
        f"{metric} cannot be split or filtered by {', '.join(blocked)}: {metric}{via} comes from "
        f"{_facts_text(model, facts)} and {where}. {options}."
    )


def _choose_fact(model: SemanticModel, metric: str, base: str, needed: list[str]) -> str:
    for fact in model.metrics[base].measures:
        if all(fact in model.dimension_facts(d) for d in needed):
            return fact
    preferred = next(iter(model.metrics[base].measures))
    blocked = [d for d in needed if preferred not in model.dimension_facts(d)]
    raise _incompatible(model, metric, base, blocked)


def plan_query(spec: QuerySpec, model: SemanticModel) -> QueryPlan:
    """Assign each base metric to the first fact that has every dimension and filter asked for.

    A metric keeps its preferred fact whenever that fact can answer, so the same question always
    gives the same number (revenue by market comes from orders even when units are also asked).
    """
    needed = list(dict.fromkeys([*spec.dimensions, *(f.dimension for f in spec.filters)]))
    facts: dict[str, list[str]] = {}
    for metric in spec.metrics:
        for base in model.base_metrics(metric):
            fact = _choose_fact(model, metric, base, needed)
            if base not in facts.setdefault(fact, []):
                facts[fact].append(base)
    grain = next((d for d in spec.dimensions if d in TIME_GRAINS), None)
    return QueryPlan(facts=facts, dimensions=list(spec.dimensions), time_grain=grain)
