"""The semantic model: facts, metrics and dimensions read from model.yaml."""

from functools import cache
from importlib import resources
from typing import Literal

import sqlglot
import yaml
from pydantic import BaseModel, ConfigDict, model_validator
from sqlglot import exp

TimeGrain = Literal["day", "week", "month", "quarter", "year"]
TIME_GRAINS: tuple[TimeGrain, ...] = ("day", "week", "month", "quarter", "year")
MetricFormat = Literal["money", "count", "ratio", "multiple"]


class Label(BaseModel):
    """A display name in English and Chinese."""

    en: str
    zh: str


class Fact(BaseModel):
    """A relation metrics are aggregated on (SQL in model.yaml, one `event_date` column)."""

    label: Label
    description: str
    uses: list[str]
    sql: str
    lookups: list[str] = []
    filter_before_window: list[str] | None = None

    @model_validator(mode="after")
    def _lookups_and_window(self) -> "Fact":
        tree = sqlglot.parse_one(self.sql, read="duckdb")
        aliases = {join.this.alias_or_name for join in tree.args.get("joins") or []}
        unknown = set(self.lookups) - aliases
        if unknown:
            raise ValueError(f"lookups {sorted(unknown)} are not aliases of the fact's joins")
        # Which filters may run before a window depends on the data (columns with one value per
        # partition), so the fact declares it rather than the compiler guessing.
        if tree.find(exp.Window) and self.filter_before_window is None:
            raise ValueError("a fact with a window function lists filter_before_window")
        return self


class Measure(BaseModel):
    """How a base metric aggregates a fact's column expression."""

    # An unquoted YAML expression with a comma ends up split into extra keys; refuse it loudly.
    model_config = ConfigDict(extra="forbid")

    agg: Literal["sum", "count", "count_distinct", "min", "max"]
    expr: str


class Metric(BaseModel):
    """A metric: aggregated on facts (`measures`) or computed from other metrics (`formula`)."""

    label: Label
    format: MetricFormat
    definition: str
    measures: dict[str, Measure] = {}
    formula: str | None = None

    @model_validator(mode="after")
    def _measures_or_formula(self) -> "Metric":
        if bool(self.measures) == bool(self.formula):
            raise ValueError("a metric has either measures or a formula")
        return self

    @property
    def is_base(self) -> bool:
        """True when the metric is aggregated directly on a fact."""
        return bool(self.measures)


class Dimension(BaseModel):
    """A column to split or filter by, or a time grain of every fact's date."""

    label: Label
    time_grain: TimeGrain | None = None
    column: str | None = None
    facts: list[str] = []
    normalize: Literal["upper", "lower"] | None = None
    values: list[str] | None = None

    @model_validator(mode="after")
    def _grain_or_column(self) -> "Dimension":
        if (self.time_grain is None) == (self.column is None):
            raise ValueError("a dimension is either a time grain or a column")
        return self

    def normalized(self, value: str) -> str:
        """A filter value written as the data stores it."""
        value = value.strip()
        if self.normalize == "upper":
            return value.upper()
        if self.normalize == "lower":
            return value.lower()
        return value


class SemanticModel(BaseModel):
    """Everything in model.yaml, checked for dangling references."""

    default_reporting_currency: str
    ctes: dict[str, str]
    facts: dict[str, Fact]
    metrics: dict[str, Metric]
    dimensions: dict[str, Dimension]

    @model_validator(mode="after")
    def _references_exist(self) -> "SemanticModel":
        known_ctes = set(self.ctes) | {fact_cte(name) for name in self.facts}
        for name, fact in self.facts.items():
            missing = set(fact.uses) - known_ctes
            if missing:
                raise ValueError(f"fact {name} uses unknown CTEs {sorted(missing)}")
        for name, metric in self.metrics.items():
            unknown = set(metric.measures) - set(self.facts)
            if unknown:
                raise ValueError(f"metric {name} has measures on unknown facts {sorted(unknown)}")
        for name, dim in self.dimensions.items():
            unknown = set(dim.facts) - set(self.facts)
            if unknown:
                raise ValueError(f"dimension {name} lives on unknown facts {sorted(unknown)}")
        return self

    def dimension_facts(self, name: str) -> set[str]:
        """The facts a dimension can split or filter (time grains exist on every fact)."""
        dim = self.dimensions[name]
        return set(self.facts) if dim.time_grain else set(dim.facts)

    def metric_facts(self, name: str) -> set[str]:
        """Every fact that at least one base component of the metric is measured on."""
        return {fact for base in self.base_metrics(name) for fact in self.metrics[base].measures}

    def base_metrics(self, name: str) -> list[str]:
        """The base metrics a metric is computed from (itself when it is a base metric)."""
        metric = self.metrics[name]
        if metric.is_base:
            return [name]
        return formula_terms(metric.formula or "")


def formula_terms(formula: str) -> list[str]:
    """The metric names a formula refers to, in order of first use."""
    names = [column.name for column in sqlglot.parse_one(formula, read="duckdb").find_all(exp.Column)]
    return list(dict.fromkeys(names))


def fact_cte(fact: str) -> str:
    """The CTE name under which a fact's relation appears in compiled SQL."""
    return f"{fact}_fact"


@cache
def load_model() -> SemanticModel:
    """The packaged semantic model (read once, on first use)."""
    text = resources.files("tools.analytics.semantic").joinpath("model.yaml").read_text("utf-8")
    model = SemanticModel.model_validate(yaml.safe_load(text))
    for name in model.metrics:
        for base in model.base_metrics(name):
            if base not in model.metrics or not model.metrics[base].is_base:
                raise ValueError(f"metric {name}: formula term {base!r} is not a base metric")
    return model
