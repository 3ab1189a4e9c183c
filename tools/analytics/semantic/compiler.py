"""Compiling a QuerySpec to one parameterised SELECT (DuckDB or PostgreSQL) with sqlglot."""

from typing import Literal, NamedTuple

import sqlglot
from pydantic import BaseModel
from sqlglot import exp

from tools.analytics.semantic.fact_narrow import column_names, narrowed_fact, read_relations
from tools.analytics.semantic.fact_sql import CURRENT, PREVIOUS, DateWindow, Params, fact_conditions, fact_query
from tools.analytics.semantic.model import TIME_GRAINS, SemanticModel, fact_cte, load_model
from tools.analytics.semantic.periods import previous_range
from tools.analytics.semantic.planner import QueryPlan, plan_query
from tools.analytics.semantic.spec import QuerySpec, TimeRange
from tools.analytics.semantic.validate import validate_spec
from tools.errors import BadInput

Dialect = Literal["duckdb", "postgres"]
ColumnRole = Literal["dimension", "metric", "previous", "change", "change_ratio"]
ColumnFormat = Literal["date", "text", "money", "count", "ratio", "multiple"]


class ResultColumn(BaseModel):
    """A result column: a dimension, a metric, or one of a metric's comparison columns."""

    name: str
    role: ColumnRole
    format: ColumnFormat
    metric: str | None = None


class CompiledQuery(BaseModel):
    """SQL with `$n` parameters, its parameter values, and what each result column holds."""

    sql: str
    params: list[object]
    dialect: Dialect
    spec: QuerySpec
    columns: list[ResultColumn]
    previous_range: TimeRange | None = None


class FactQuery(NamedTuple):
    """A fact's aggregate query and its WHERE conditions (on the fact's columns)."""

    select: exp.Select
    conditions: list[exp.Expr]


def _needed_ctes(model: SemanticModel, facts: list[str]) -> list[str]:
    ordered: list[str] = []

    def visit(name: str) -> None:
        if name in ordered:
            return
        fact = next((f for f in model.facts if fact_cte(f) == name), None)
        for dependency in model.facts[fact].uses if fact else []:
            visit(dependency)
        ordered.append(name)

    for fact in facts:
        visit(fact_cte(fact))
    return ordered


def _fact_ctes(model: SemanticModel, queries: dict[str, FactQuery]) -> list[tuple[str, exp.Select]]:
    """The CTEs the fact queries read (dependencies first), each fact narrowed to what is read of it.

    A fact queried directly takes its query's conditions inside even when another fact reads it
    too (orders under order lines): every fact query of a question has the same dates and filters,
    so the reading fact only loses rows its own query drops, and whole orders at a time.
    """
    order = _needed_ctes(model, list(queries))
    reads = {fact_cte(fact): column_names(query.select) for fact, query in queries.items()}
    built: dict[str, exp.Select] = {}
    for name in reversed(order):
        if name not in reads:
            continue
        fact = next((f for f in model.facts if fact_cte(f) == name), None)
        if fact is None:
            select = sqlglot.parse_one(model.ctes[name], read="duckdb")
            assert isinstance(select, exp.Select)
        else:
            conditions = queries[fact].conditions if fact in queries else []
            select = narrowed_fact(model.facts[fact], reads[name], conditions)
        for relation, columns in read_relations(select).items():
            reads.setdefault(relation, set()).update(columns)
        built[name] = select
    return [(name, built[name]) for name in order if name in built]


def _joined(plan: QueryPlan, columns: list[str]) -> exp.Select:
    """One row per dimension key over all fact queries (keys from their UNION, then LEFT JOINs)."""
    names = [f"q_{fact}" for fact in plan.facts]
    if len(names) == 1:
        return exp.select("*").from_(names[0])
    if not plan.dimensions:
        query = exp.select(*map(exp.column, columns)).from_(names[0])
        for name in names[1:]:
            query = query.join(name, join_type="cross")
        return query
    keys = exp.union(*(exp.select(*map(exp.column, plan.dimensions)).from_(name) for name in names), distinct=True)
    query = exp.select(*(exp.column(d, table="k").as_(d) for d in plan.dimensions))
    query = query.select(*map(exp.column, columns)).from_(keys.subquery("k"))
    for name in names:
        on = exp.and_(
            *(
                exp.NullSafeEQ(this=exp.column(d, table="k"), expression=exp.column(d, table=name))
                for d in plan.dimensions
            )
        )
        query = query.join(name, on=on, join_type="left")
    return query


def _metric_value(model: SemanticModel, metric: str, suffix: str) -> exp.Expr:
    formula = model.metrics[metric].formula
    if formula is None:
        return exp.column(metric + suffix)
    tree = sqlglot.parse_one(formula, read="duckdb")
    return tree.transform(lambda node: exp.column(node.name + suffix) if isinstance(node, exp.Column) else node)


def _result(model: SemanticModel, spec: QuerySpec, comparing: bool) -> exp.Select:
    query = exp.select(*map(exp.column, spec.dimensions))
    for metric in spec.metrics:
        query = query.select(_metric_value(model, metric, CURRENT if comparing else "").as_(metric))
        if comparing:
            query = query.select(_metric_value(model, metric, PREVIOUS).as_(metric + PREVIOUS))
    return query.from_("joined")


def _final(spec: QuerySpec, comparing: bool) -> exp.Select:
    query = exp.select(*map(exp.column, [*spec.dimensions, *spec.metrics]))
    for metric in spec.metrics if comparing else []:
        current, previous = exp.column(metric), exp.column(metric + PREVIOUS)
        change = exp.Sub(this=current, expression=previous)
        ratio = exp.Div(this=exp.cast(change.copy(), "DOUBLE"), expression=exp.func("NULLIF", previous.copy(), 0))
        query = query.select(
            previous.as_(f"{metric}_previous"),
            change.as_(f"{metric}_change"),
            ratio.as_(f"{metric}_change_ratio"),
        )
    return query.from_("result")


def _order(spec: QuerySpec) -> list[exp.Ordered]:
    if spec.order_by:
        pairs = [(o.field, o.direction == "desc") for o in spec.order_by]
    else:
        grain = [(d, False) for d in spec.dimensions if d in TIME_GRAINS]
        pairs = [*grain, (spec.metrics[0], True)]
    pairs += [(d, False) for d in spec.dimensions if d not in {p[0] for p in pairs}]
    return [exp.Ordered(this=exp.column(name), desc=desc, nulls_first=False) for name, desc in pairs]


def _columns(model: SemanticModel, spec: QuerySpec) -> list[ResultColumn]:
    columns = [
        ResultColumn(name=d, role="dimension", format="date" if d in TIME_GRAINS else "text") for d in spec.dimensions
    ]
    for metric in spec.metrics:
        own: ColumnFormat = model.metrics[metric].format
        columns.append(ResultColumn(name=metric, role="metric", format=own, metric=metric))
    roles: list[tuple[ColumnRole, ColumnFormat | None]] = [
        ("previous", None),
        ("change", None),
        ("change_ratio", "ratio"),
    ]
    for metric in spec.metrics if spec.compare_to else []:
        for role, fixed in roles:
            fmt = fixed or model.metrics[metric].format
            columns.append(ResultColumn(name=f"{metric}_{role}", role=role, format=fmt, metric=metric))
    return columns


def compile_spec(spec: QuerySpec, dialect: Dialect = "duckdb", model: SemanticModel | None = None) -> CompiledQuery:
    """One SELECT answering the spec; user values and dates are bound parameters, never SQL text."""
    model = model or load_model()
    checked = validate_spec(spec, model)
    if not isinstance(checked, QuerySpec):
        raise BadInput(checked.message)
    plan = plan_query(checked, model)
    params = Params()
    previous, shift = None, None
    if checked.compare_to and checked.time_range:
        previous, shift = previous_range(checked.time_range, checked.compare_to)
    window = DateWindow(params, checked.time_range, previous, shift)
    query = _final(checked, window.comparing)
    queries: dict[str, FactQuery] = {}
    for fact, metrics in plan.facts.items():
        conditions = fact_conditions(model, checked.filters, window, params)
        select = fact_query(model, fact, metrics, plan.dimensions, conditions, window)
        queries[fact] = FactQuery(select=select, conditions=conditions)
    for name, select in _fact_ctes(model, queries):
        query = query.with_(name, as_=select)
    measured = [
        m + s for ms in plan.facts.values() for m in ms for s in ([CURRENT, PREVIOUS] if window.comparing else [""])
    ]
    for fact, built in queries.items():
        query = query.with_(f"q_{fact}", as_=built.select)
    query = query.with_("joined", as_=_joined(plan, measured))
    query = query.with_("result", as_=_result(model, checked, window.comparing))
    query = query.order_by(*_order(checked))
    if checked.limit:
        query = query.limit(checked.limit)
    return CompiledQuery(
        sql=query.sql(dialect=dialect),
        params=params.values,
        dialect=dialect,
        spec=checked,
        columns=_columns(model, checked),
        previous_range=previous,
    )
