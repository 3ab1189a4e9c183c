"""Typed outcome of a copy check."""

from typing import Literal

from pydantic import BaseModel

Severity = Literal["error", "warning"]


class Span(BaseModel):
    """Character offsets [start, end) in the checked text."""

    start: int
    end: int


class CheckDetail(BaseModel):
    """One finding: an error fails the check, a warning does not. `message` is actionable English."""

    severity: Severity = "error"
    message: str
    field: str | None = None
    text: str | None = None
    span: Span | None = None


class CheckResult(BaseModel):
    """The outcome of one named check: ok unless a detail is an error."""

    name: str
    ok: bool
    details: list[CheckDetail] = []


def result_of(name: str, details: list[CheckDetail]) -> CheckResult:
    """A CheckResult that fails exactly when one of `details` is an error."""
    return CheckResult(name=name, ok=all(d.severity != "error" for d in details), details=details)
