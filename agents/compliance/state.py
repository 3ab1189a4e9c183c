"""Typed request and response of the compliance check (the REST contract of /v1/compliance/check)."""

from typing import Literal

from pydantic import BaseModel, Field

from tools.compliance import Severity, Span, Verdict

Channel = Literal["ad", "listing", "email", "social"]
MAX_TEXT_CHARS = 20_000


class ComplianceRequest(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    markets: list[str] = Field(min_length=1)
    platform: str | None = None
    category: str | None = None
    channel: Channel | None = None


class FindingCitation(BaseModel):
    """A citation resolvable in the knowledge store: `id` is a corpus document (or chunk) id."""

    id: str
    instrument: str
    article: str
    url: str


class Finding(BaseModel):
    rule_id: str = Field(description="A rule pack id, or model.<chunk id> for a model finding.")
    severity: Severity
    market: str
    span: Span
    message: str
    citations: list[FindingCitation]
    suggestion: str
    source: Literal["rules", "model"] = "rules"


class ComplianceResponse(BaseModel):
    verdict: Verdict
    findings: list[Finding]
    revised_text: str | None = None
    mode: Literal["rules", "rules+model"] = Field(description="rules: no model review ran (none asked or unavailable).")
    notes: list[str] = []
