"""Typed request and response of /v1/kol/match, the model's constrained output, and the graph's state."""

from typing import Any, Literal, TypedDict

from pydantic import BaseModel, Field, model_validator

from tools.copy import ProductFacts
from tools.kol import Creator, MatchResponse, Money
from tools.kol.models import Platform

DEFAULT_OUTREACH = 3
MAX_OUTREACH = 10
FILTER_FIELDS = ("min_followers", "max_followers", "languages", "max_price", "allow_high_risk")


class KolFilters(BaseModel):
    min_followers: int | None = Field(default=None, ge=0)
    max_followers: int | None = Field(default=None, ge=0)
    languages: list[str] | None = None
    max_price: Money | None = Field(default=None, description="most one creator may cost")
    allow_high_risk: bool = False


class KolMatchRequest(BaseModel):
    """The REST body. `product` is the copy product plus optional specs, materials, certifications and
    claims: outreach may state only what it holds. Filters may also be given at the top level."""

    product: ProductFacts
    markets: list[str] = Field(min_length=1)
    platforms: list[Platform] | None = None
    budget: Money | None = None
    limit: int = Field(default=10, ge=1, le=100)
    filters: KolFilters = KolFilters()
    outreach: int = Field(default=DEFAULT_OUTREACH, ge=0, le=MAX_OUTREACH,
                          description="First messages for the top N matches; 0 writes none.")

    @model_validator(mode="before")
    @classmethod
    def _lift_flat_filters(cls, data: Any) -> Any:
        """Accept min_followers … allow_high_risk at the top level too (as tools.kol.MatchRequest has them)."""
        if not isinstance(data, dict) or not any(key in data for key in FILTER_FIELDS):
            return data
        data = dict(data)
        nested = dict(data.get("filters") or {})
        for key in FILTER_FIELDS:
            if key in data:
                nested.setdefault(key, data.pop(key))
        data["filters"] = nested
        return data


class Outreach(BaseModel):
    creator_id: str
    handle: str
    market: str = Field(description="The market whose disclosure the message carries.")
    language: str
    message: str
    disclosure: str = Field(description="The ad label the market requires; always present in `message`.")
    source: Literal["model", "template"]
    notes: list[str] = Field(default=[], description="Why a model draft was rejected, when it was.")


class KolMatchResponse(MatchResponse):
    """The matches (each with creator_id, handle, platform, country, language, followers, engagement_rate,
    fit_score, fraud_risk, estimated_cost, reasons) plus first messages to the top ones."""

    outreach: list[Outreach] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class OutreachDraft(BaseModel):
    """What the model fills: one short first message."""

    message: str = Field(min_length=20, max_length=700)


class KolInput(BaseModel):
    request: KolMatchRequest | None = Field(description="None when the turn did not give enough to match.")
    tenant: str = "demo"
    language: str = Field(default="en", description="The asker's language, for the chat answer.")
    problem: str = Field(default="", description="Why no request could be made from the turn.")


class KolOutput(BaseModel):
    response: KolMatchResponse | None = None
    language: str = "en"
    problem: str = ""


class KolState(TypedDict, total=False):
    input: KolInput
    response: KolMatchResponse
    creators: dict[str, Creator]
    output: KolOutput
