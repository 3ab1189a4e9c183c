"""Typed request and response of /v1/copy/generate, and the specialist's graph input, output and state."""

from typing import Any, Literal, TypedDict

from pydantic import BaseModel, Field

from agents.compliance.state import ComplianceResponse
from tools.copy import CheckResult, GlossaryTerm

MAX_TARGETS = 20
MAX_VARIANTS = 5
Source = Literal["model", "fallback"]


class CopyProduct(BaseModel):
    """The product data copy may state (a product file holds exactly this object)."""

    name: str
    description: str | None = None
    features: list[str] = []
    category: str
    brand: str | None = None
    keywords: list[str] = []
    specs: dict[str, str] = {}
    materials: list[str] = []
    certifications: list[str] = []
    claims: list[str] = []


class CopyTarget(BaseModel):
    market: str
    platform: str


class CopyRequest(BaseModel):
    product: CopyProduct
    targets: list[CopyTarget]
    tone: str | None = Field(default=None, max_length=80)
    variants: int = Field(default=1, description=f"1 to {MAX_VARIANTS} different drafts per target.")
    glossary: list[GlossaryTerm | str] = Field(default=[], description="Terms kept verbatim, untranslated.")
    max_revisions: int = Field(default=2, ge=0, le=4, description="Revision rounds before the fallback.")
    use_model: bool = Field(default=True, description="False: the deterministic fallback, rules-only compliance.")


class CopyCitation(BaseModel):
    """A knowledge chunk the draft was grounded on: `id` is its chunk id."""

    id: str
    title: str
    section: str
    url: str


class CopyVariant(BaseModel):
    angle: str
    fields: dict[str, Any]
    checks: list[CheckResult]
    compliance: ComplianceResponse
    rounds: int
    source: Source


class CopyResult(BaseModel):
    market: str
    platform: str
    language: str
    fields: dict[str, Any]
    compliance: ComplianceResponse
    citations: list[CopyCitation]
    checks: list[CheckResult]
    rounds: int = Field(description="Revision rounds after the first draft.")
    source: Source
    angle: str = ""
    variants: list[CopyVariant] | None = Field(default=None, description="The other variants, when asked for.")
    notes: list[str] = []
    dropped: list[str] = Field(default=[], description="Product texts the fallback could not carry over.")
    first_draft_ok: bool | None = Field(default=None, description="Whether the model's first draft passed.")
    first_draft_checks: dict[str, bool] = Field(default={}, description="Each check on the first draft.")
    seconds: float = 0.0


class CopyResponse(BaseModel):
    results: list[CopyResult]


# ---------------------------------------------------------------- the model's draft request
class Draft(BaseModel):
    """One draft with its deterministic checks and compliance verdict."""

    fields: dict[str, Any]
    checks: list[CheckResult]
    compliance: ComplianceResponse
    source: Source

    @property
    def checks_ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def compliance_ok(self) -> bool:
        return not any(f.severity in ("block", "warn") for f in self.compliance.findings)

    @property
    def ok(self) -> bool:
        return self.checks_ok and self.compliance_ok


# ---------------------------------------------------------------- the specialist in a chat turn
class CopywriterInput(BaseModel):
    request: CopyRequest
    tenant: str = "demo"
    language: str = Field(default="en", description="Language of the chat answer (zh or en).")
    from_turn: bool = Field(default=False, description="The product was read from the user's words.")


class CopywriterOutput(BaseModel):
    results: list[CopyResult]
    language: str = "en"
    from_turn: bool = False


class CopywriterState(TypedDict, total=False):
    input: CopywriterInput
    pending: list[CopyTarget]
    results: list[CopyResult]
    output: CopywriterOutput
