"""Typed models of the compliance core: requests, findings, citations and rules."""

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Severity = Literal["block", "warn", "info"]
Verdict = Literal["pass", "warn", "block"]
MatcherKind = Literal["lexicon", "pattern", "required"]

SEVERITY_RANK: dict[str, int] = {"info": 0, "warn": 1, "block": 2}
RULE_ID = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+){2,}$")


class Citation(BaseModel):
    """Where a rule comes from: a corpus document plus the official instrument and article."""

    doc_id: str
    instrument: str
    article: str
    url: str


class Span(BaseModel):
    """A slice of the original text: `text == original[start:end]`; empty for a missing element."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class RuleFinding(BaseModel):
    """One flagged span (or missing element) with the rule, its source and a fix."""

    rule_id: str
    severity: Severity
    market: str = Field(description="Market code the rule applied for, or the platform name.")
    span: Span
    message: str
    citation: Citation
    suggestion: str


class CheckRequest(BaseModel):
    """What to check: the copy plus where and how it will be published."""

    text: str
    markets: list[str]
    platform: str | None = None
    category: str | None = None
    channel: str | None = None


class RequiredCheck(BaseModel):
    """An element the text must carry: any of the patterns, or a language (detected with lingua)."""

    model_config = ConfigDict(extra="forbid")

    any_of: dict[str, list[str]] = Field(default_factory=dict, description="Regexes per language; one must match.")
    language: str | None = Field(default=None, description="ISO 639-1 language the text must be written in.")
    when: dict[str, list[str]] = Field(default_factory=dict, description="Only required if one of these matches.")
    unless: dict[str, list[str]] = Field(
        default_factory=dict, description="Not required if one of these matches (an exemption)."
    )
    append: dict[str, str] = Field(default_factory=dict, description="Text the rewrite adds, per language.")
    position: Literal["start", "end"] = Field(default="end", description="Where the rewrite adds it.")

    @model_validator(mode="after")
    def _needs_something(self) -> "RequiredCheck":
        if not self.any_of and not self.language:
            raise ValueError("a required check needs any_of patterns or a language")
        return self


class Rule(BaseModel):
    """One rule of a pack, with exactly one matcher: lexicon, patterns or required."""

    model_config = ConfigDict(extra="forbid")

    id: str
    pack: str
    jurisdiction: str | None = None
    platform: str | None = None
    categories: list[str]
    channels: list[str]
    severity: Severity
    lexicon: dict[str, list[str]] | None = None
    patterns: dict[str, list[str]] | None = None
    required: RequiredCheck | None = None
    allow: dict[str, list[str]] = Field(default_factory=dict, description="Terms inside which a hit is ignored.")
    match_original: bool = Field(default=False, description="Patterns run on the unfolded text (characters, case).")
    message: str
    citation: Citation
    suggestion: str
    replacement: dict[str, str] | None = None
    subsumes: list[str] = Field(default_factory=list, description="Rules whose findings inside ours are dropped.")

    @model_validator(mode="after")
    def _one_matcher(self) -> "Rule":
        set_matchers = [k for k in ("lexicon", "patterns", "required") if getattr(self, k)]
        if len(set_matchers) != 1:
            raise ValueError(f"rule {self.id}: exactly one of lexicon, patterns, required; got {set_matchers}")
        if not RULE_ID.match(self.id):
            raise ValueError(f"rule id {self.id!r} must be dotted lowercase like 'cn.adlaw.art9.absolute_terms'")
        if (self.jurisdiction is None) == (self.platform is None):
            raise ValueError(f"rule {self.id}: exactly one of jurisdiction or platform")
        return self

    @property
    def kind(self) -> MatcherKind:
        """Which matcher the rule uses."""
        if self.lexicon:
            return "lexicon"
        return "pattern" if self.patterns else "required"
