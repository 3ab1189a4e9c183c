"""Checking a QuerySpec against the semantic model: canonical names, or an ask-back outcome."""

import difflib
from collections.abc import Iterable
from typing import Literal

from tools.analytics.semantic.model import TIME_GRAINS, SemanticModel, load_model
from tools.analytics.semantic.planner import output_columns, plan_query
from tools.analytics.semantic.spec import Ambiguity, Filter, OrderBy, QuerySpec, UnknownTerm
from tools.analytics.semantic.vocabulary import load_vocabulary
from tools.errors import BadInput

AskBack = UnknownTerm | Ambiguity
MAX_CHOICES = 5


def closest(term: str, candidates: dict[str, str], limit: int = MAX_CHOICES) -> list[str]:
    """Canonical names whose name or synonym is closest to `term` (difflib ratio), best first."""
    matches = difflib.get_close_matches(term.lower().strip(), list(candidates), n=limit * 4, cutoff=0.5)
    return list(dict.fromkeys(candidates[match] for match in matches))[:limit]


def _lookup(term: str, kind: Literal["metric", "dimension"], model: SemanticModel) -> str | AskBack:
    names = model.metrics if kind == "metric" else model.dimensions
    if term in names:
        return term
    key = term.lower().strip()
    synonyms = load_vocabulary().names_for(kind)
    if key in synonyms:
        return synonyms[key]
    for phrase in load_vocabulary().phrases:
        kinds = {target.kind for target in phrase.targets}
        if phrase.text.lower() == key and len(phrase.targets) > 1 and kinds == {kind}:
            choices = [target.name for target in phrase.targets]
            return Ambiguity(
                field=kind,
                term=term,
                choices=choices,
                message=f"{term!r} can mean {' or '.join(choices)}; which one?",
            )
    candidates = {name.lower(): name for name in names} | synonyms
    choices = closest(term, candidates)
    hint = f"; did you mean {', '.join(choices)}?" if choices else f"; known {kind}s: {', '.join(names)}"
    return UnknownTerm(field=kind, term=term, choices=choices, message=f"unknown {kind} {term!r}{hint}")


def lookup_value(dimension: str, value: str, model: SemanticModel) -> list[str] | UnknownTerm:
    """The stored value(s) a filter value names: a synonym ('Germany' -> DE, '欧洲' -> five markets)
    or the value itself, normalized; UnknownTerm for a value outside a closed list."""
    dim = model.dimensions[dimension]
    key = value.lower().strip()
    for phrase in load_vocabulary().phrases:
        target = phrase.targets[0]
        single = len(phrase.targets) == 1 and target.kind == "filter" and target.name == dimension
        if single and phrase.text.lower() == key:
            return list(target.values)
    normalized = dim.normalized(value)
    if dim.values is None or normalized in dim.values:
        return [normalized]
    choices = closest(value, {v.lower(): v for v in dim.values})
    return UnknownTerm(
        field="filter_value",
        term=value,
        choices=choices or list(dim.values),
        message=f"unknown {dimension} {value!r}; known values: {', '.join(dim.values)}",
    )


def _canonical_names(
    terms: Iterable[str], kind: Literal["metric", "dimension"], model: SemanticModel
) -> list[str] | AskBack:
    names: list[str] = []
    for term in terms:
        found = _lookup(term, kind, model)
        if not isinstance(found, str):
            return found
        names.append(found)
    return list(dict.fromkeys(names))


def _canonical_filters(filters: list[Filter], model: SemanticModel) -> list[Filter] | AskBack:
    result: list[Filter] = []
    for item in filters:
        dimension = _lookup(item.dimension, "dimension", model)
        if isinstance(dimension, UnknownTerm):
            return dimension.model_copy(update={"field": "filter"})
        if isinstance(dimension, Ambiguity):
            return dimension
        if model.dimensions[dimension].time_grain:
            raise BadInput(f"filter on {dimension}: restrict dates with time_range, not a filter")
        values: list[str] = []
        for value in item.values:
            found = lookup_value(dimension, value, model)
            if isinstance(found, UnknownTerm):
                return found
            values += found
        result.append(Filter(dimension=dimension, op=item.op, values=list(dict.fromkeys(values))))
    return result


def _with_grain(spec: QuerySpec, dimensions: list[str]) -> tuple[list[str], str | None]:
    grains = [name for name in dimensions if name in TIME_GRAINS]
    if spec.grain and spec.grain not in grains:
        grains.insert(0, spec.grain)
        dimensions = [spec.grain, *dimensions]
    if len(grains) > 1:
        raise BadInput(f"one time grain per query, got {', '.join(grains)}")
    return dimensions, grains[0] if grains else None


def _check_order_by(spec: QuerySpec) -> UnknownTerm | None:
    columns = output_columns(spec)
    for item in spec.order_by:
        if item.field not in columns:
            choices = closest(item.field, {c.lower(): c for c in columns}) or columns
            return UnknownTerm(
                field="order_by",
                term=item.field,
                choices=choices,
                message=f"cannot order by {item.field!r}; the result has {', '.join(columns)}",
            )
    return None


def validate_spec(spec: QuerySpec, model: SemanticModel | None = None) -> QuerySpec | AskBack:
    """The spec in canonical names, or the term to ask back about; BadInput when it cannot work."""
    model = model or load_model()
    metrics = _canonical_names(spec.metrics, "metric", model)
    if not isinstance(metrics, list):
        return metrics
    dimensions = _canonical_names(spec.dimensions, "dimension", model)
    if not isinstance(dimensions, list):
        return dimensions
    filters = _canonical_filters(spec.filters, model)
    if not isinstance(filters, list):
        return filters
    dimensions, grain = _with_grain(spec, dimensions)
    if spec.compare_to and spec.time_range is None:
        raise BadInput(f"compare_to={spec.compare_to} needs a time_range to compare with")
    order_by = [OrderBy(field=o.field.strip(), direction=o.direction) for o in spec.order_by]
    normalized = spec.model_copy(
        update={
            "metrics": metrics,
            "dimensions": dimensions,
            "filters": filters,
            "grain": grain,
            "order_by": order_by,
        }
    )
    problem = _check_order_by(normalized)
    if problem:
        return problem
    plan_query(normalized, model)
    return normalized
