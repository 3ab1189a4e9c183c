"""The campaign specialist's settings file (config.yaml), parsed once into typed models."""

from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, Field


class NotesConfig(BaseModel):
    max_events: int = Field(ge=0)
    hits_per_event: int = Field(ge=1)
    excerpt_chars: int = Field(ge=40)
    kinds: list[str]
    query: str


class NarrativeConfig(BaseModel):
    max_attempts: int = Field(ge=1)


class EventWords(BaseModel):
    words: list[str]
    topics: list[str] = []
    name: str | None = None


class DatesConfig(BaseModel):
    default_days: int = Field(ge=1)
    event_lead_days: int = Field(ge=0)
    event_tail_days: int = Field(ge=0)
    next_month: list[str]
    this_month: list[str]
    next_quarter: list[str]
    events: list[EventWords]
    quarters: dict[str, list[str]]
    months_en: list[str]


class TurnConfig(BaseModel):
    categories: dict[str, list[str]]
    awareness_words: list[str]
    channel_words: dict[str, list[str]]
    context_chars: int = Field(ge=0)


class CampaignConfig(BaseModel):
    notes: NotesConfig
    narrative: NarrativeConfig
    dates: DatesConfig
    turn: TurnConfig


@cache
def config() -> CampaignConfig:
    """The parsed config.yaml."""
    text = resources.files("agents.campaign").joinpath("config.yaml").read_text("utf-8")
    return CampaignConfig.model_validate(yaml.safe_load(text))
