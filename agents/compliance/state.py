"""Typed request and response of the compliance check (the REST contract of /v1/compliance/check),
the model's constrained outputs, and the specialist's graph input, output and state."""

from typing import Literal, TypedDict

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


class ModelReview(BaseModel):
    """What the model review did: the chunks it was grounded on and how many proposals survived."""

    chunks: list[str] = Field(default=[], description="Ids of the retrieved regulation chunks, numbered from 1.")
    proposed: int = 0
    kept: int = 0
    discarded: list[str] = Field(default=[], description="Why each discarded proposal was dropped.")


class ComplianceResponse(BaseModel):
    verdict: Verdict
    findings: list[Finding]
    revised_text: str | None = None
    mode: Literal["rules", "rules+model"] = Field(description="rules: no model review ran (none asked or unavailable).")
    notes: list[str] = []
    review: ModelReview | None = Field(default=None, description="The model review of the original text, if it ran.")
    rewrite_rounds: int = Field(default=0, description="Rewrite and re-check rounds run.")


# ---------------------------------------------------------------- the model's constrained outputs
class ProposedFinding(BaseModel):
    """A problem the model sees: an exact quote of the copy and the number of the passage it breaks."""

    quote: str = Field(min_length=1, max_length=300)
    severity: Literal["warn", "block"]
    chunk: int = Field(ge=1)
    message: str = Field(max_length=240)
    suggestion: str = Field(max_length=240)


class ReviewDraft(BaseModel):
    findings: list[ProposedFinding] = Field(max_length=4)


class Replacement(BaseModel):
    """New wording for flagged span number `span` (1-based); "" deletes it."""

    span: int = Field(ge=1)
    text: str = Field(max_length=300)


class RewriteDraft(BaseModel):
    replacements: list[Replacement] = Field(max_length=8)


# ---------------------------------------------------------------- the specialist in a chat turn
class ComplianceTarget(BaseModel):
    """One text to check and where it will be published."""

    text: str
    markets: list[str]
    platform: str | None = None
    label: str = Field(default="", description="Where the text came from, e.g. 'US amazon draft'.")


class ComplianceInput(BaseModel):
    targets: list[ComplianceTarget] = Field(description="Empty when the turn carried no text to check.")
    category: str | None = None
    channel: Channel | None = None
    language: str = "en"
    tenant: str = "demo"


class CheckedText(BaseModel):
    target: ComplianceTarget
    result: ComplianceResponse | None = None
    error: str | None = Field(default=None, description="Why this text could not be checked (bad input).")


class ComplianceOutput(BaseModel):
    checks: list[CheckedText]
    language: str
    verdict: Verdict | None = Field(default=None, description="The worst verdict over the checked texts.")


class ComplianceState(TypedDict, total=False):
    input: ComplianceInput
    output: ComplianceOutput
