"""One fact's aggregate query: its dimensions and base metrics, filtered by dates and filters."""

from datetime import date

import sqlglot
from sqlglot import exp

from tools.analytics.semantic.model import Measure, SemanticModel, fact_cte
from tools.analytics.semantic.periods import PeriodShift
from tools.analytics.semantic.spec import Filter, TimeRange

DATE_COLUMN = "event_date"
CURRENT, PREVIOUS = "__cur", "__prev"


class Params:
    """Bound parameters, referenced as $1, $2, ... (the same number may be used twice)."""

    def __init__(self) -> None:
        self.values: list[object] = []

    def bind(self, value: object) -> exp.Parameter:
        """A new parameter holding `value`."""
        self.values.append(value)
        return exp.Parameter(this=exp.Literal.number(len(self.values)))


class DateWindow:
    """The dates a fact query reads: the current range and, when comparing, the previous one."""

    def __init__(
        self, params: Params, current: TimeRange | None, previous: TimeRange | None, shift: PeriodShift | None
    ) -> None:
        self.current = self._between(params, current) if current else None
        self.previous = self._between(params, previous) if previous else None
        self.shift = shift

    @staticmethod
    def _between(params: Params, bounds: TimeRange) -> exp.Expr:
        low: date = bounds.start
        high: date = bounds.end
        return exp.column(DATE_COLUMN).between(params.bind(low), params.bind(high))

    @property
    def comparing(self) -> bool:
        """True when rows of two periods are aggregated side by side."""
        return self.previous is not None

    def condition(self) -> exp.Expr | None:
        """The WHERE condition on the fact's date."""
        if self.current is None:
            return None
        if self.previous is None:
            return self.current.copy()
        return exp.or_(self.current.copy(), self.previous.copy(), wrap=True)

    def aligned_date(self) -> exp.Expr:
        """The row's date, moved forward onto the current range when it lies in the previous one."""
        if not self.comparing or self.current is None or self.shift is None:
            return exp.column(DATE_COLUMN)
        unit, amount = ("MONTH", self.shift.months) if self.shift.months else ("DAY", self.shift.days)
        moved = exp.Add(
            this=exp.column(DATE_COLUMN),
            expression=exp.Interval(this=exp.Literal.string(str(amount)), unit=exp.var(unit)),
        )
        return exp.case().when(self.current.copy(), exp.column(DATE_COLUMN)).else_(exp.cast(moved, "DATE"))


def dimension_expression(model: SemanticModel, name: str, window: DateWindow) -> exp.Expr:
    """The SQL of a dimension on a fact (time grains truncate the row's date)."""
    dim = model.dimensions[name]
    if dim.time_grain:
        truncated = exp.func("DATE_TRUNC", exp.Literal.string(dim.time_grain), window.aligned_date())
        return exp.cast(truncated, "DATE")
    return exp.column(dim.column or name)


def _aggregate(measure: Measure, only_when: exp.Expr | None) -> exp.Expr:
    value = sqlglot.parse_one(measure.expr, read="duckdb")
    if only_when is not None:
        value = exp.case().when(only_when.copy(), value)
    if measure.agg == "count_distinct":
        return exp.Count(this=exp.Distinct(expressions=[value]))
    functions = {"sum": exp.Sum, "count": exp.Count, "min": exp.Min, "max": exp.Max}
    return functions[measure.agg](this=value)


def _filter_condition(model: SemanticModel, item: Filter, params: Params) -> exp.Expr:
    column = exp.column(model.dimensions[item.dimension].column or item.dimension)
    bound = [params.bind(value) for value in item.values]
    if item.op == "not_in":
        return exp.or_(column.is_(exp.null()), exp.not_(column.copy().isin(*bound)), wrap=True)
    return column.isin(*bound)


def fact_conditions(model: SemanticModel, filters: list[Filter], window: DateWindow, params: Params) -> list[exp.Expr]:
    """A fact query's WHERE conditions on the fact's columns: its dates, then the filters."""
    conditions = [c for c in [window.condition()] if c is not None]
    return conditions + [_filter_condition(model, item, params) for item in filters]


def fact_query(
    model: SemanticModel,
    fact: str,
    metrics: list[str],
    dimensions: list[str],
    conditions: list[exp.Expr],
    window: DateWindow,
) -> exp.Select:
    """SELECT dims, aggregates FROM <fact>_fact WHERE conditions GROUP BY dims."""
    dims = [dimension_expression(model, name, window) for name in dimensions]
    query = exp.select(*(d.as_(name) for d, name in zip(dims, dimensions, strict=True)))
    for metric in metrics:
        measure = model.metrics[metric].measures[fact]
        if window.comparing:
            query = query.select(
                _aggregate(measure, window.current).as_(metric + CURRENT),
                _aggregate(measure, window.previous).as_(metric + PREVIOUS),
            )
        else:
            query = query.select(_aggregate(measure, None).as_(metric))
    query = query.from_(fact_cte(fact))
    if conditions:
        query = query.where(exp.and_(*(c.copy() for c in conditions)))
    if dims:
        query = query.group_by(*(d.copy() for d in dims))
    return query
