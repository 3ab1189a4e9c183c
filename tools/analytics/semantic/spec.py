"""The query spec: what a question asks for, in the semantic model's names; and its ask-back outcomes."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tools.analytics.semantic.model import TimeGrain
from tools.errors import BadInput

CompareTo = Literal["previous_period", "previous_year"]


class TimeRange(BaseModel):
    """Inclusive calendar dates; `label` says how the range was named (e.g. 'double_11 2025')."""

    model_config = ConfigDict(extra="forbid")

    start: date
    end: date
    label: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "TimeRange":
        if self.start > self.end:
            raise ValueError(f"time_range start {self.start} is after its end {self.end}")
        return self

    @property
    def days(self) -> int:
        """Number of days in the range, both ends included."""
        return (self.end - self.start).days + 1


class Filter(BaseModel):
    """Rows whose dimension value is (in, eq) or is not (not_in) one of `values`."""

    model_config = ConfigDict(extra="forbid")

    dimension: str
    op: Literal["eq", "in", "not_in"] = "in"
    values: list[str] = Field(min_length=1, max_length=500)

    @model_validator(mode="after")
    def _eq_has_one_value(self) -> "Filter":
        if self.op == "eq" and len(self.values) != 1:
            raise ValueError(f"filter on {self.dimension}: op 'eq' takes exactly one value")
        return self


class OrderBy(BaseModel):
    """Sort the result by one of its columns."""

    model_config = ConfigDict(extra="forbid")

    field: str
    direction: Literal["asc", "desc"] = "desc"


class QuerySpec(BaseModel):
    """One question as metrics split by dimensions over a time range; names are the model's."""

    model_config = ConfigDict(extra="forbid")

    metrics: list[str] = Field(min_length=1, max_length=12, description="Metric names from the semantic model.")
    dimensions: list[str] = Field(
        default=[], max_length=4, description="Dimensions to split by; at most one time grain (day ... year)."
    )
    filters: list[Filter] = Field(default=[], description="Conditions on dimensions, all of which must hold.")
    time_range: TimeRange | None = Field(default=None, description="Inclusive dates; none means all data.")
    compare_to: CompareTo | None = Field(
        default=None, description="Add each metric's previous value, change and change ratio."
    )
    order_by: list[OrderBy] = Field(default=[], description="Result columns to sort by, first one first.")
    limit: int | None = Field(default=None, ge=1, le=10_000, description="Keep the first N rows (top-N).")
    grain: TimeGrain | None = Field(
        default=None, description="Time grain of a trend; the same as listing it among the dimensions."
    )


class UnknownTerm(BaseModel):
    """A name the model does not know; `choices` are the closest known names, best first."""

    kind: Literal["unknown_term"] = "unknown_term"
    field: Literal["metric", "dimension", "filter", "filter_value", "order_by"]
    term: str
    choices: list[str]
    message: str


class Ambiguity(BaseModel):
    """A phrase that names several things equally well; the user picks one of `choices`."""

    kind: Literal["ambiguity"] = "ambiguity"
    field: Literal["metric", "dimension", "filter"]
    term: str
    choices: list[str]
    message: str


class IncompatibleSpec(BadInput):
    """The metrics, dimensions and filters asked for cannot be combined (e.g. CTR by SKU)."""

    code = "incompatible_query"
