"""The phrase vocabulary: synonyms.yaml plus the market registry, as phrase -> targets."""

from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel

from tools.analytics.semantic.model import load_model
from tools.markets import all_markets


class Target(BaseModel):
    """What a phrase names: a metric, a dimension, or filter values on a dimension."""

    model_config = {"frozen": True}

    kind: Literal["metric", "dimension", "filter"]
    name: str
    values: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """A short readable id, e.g. 'metric:revenue' or 'filter:market=DE'."""
        suffix = f"={','.join(self.values)}" if self.values else ""
        return f"{self.kind}:{self.name}{suffix}"


class Phrase(BaseModel):
    """A phrase and what it names (several targets: an ambiguous phrase)."""

    text: str
    targets: tuple[Target, ...]
    case_sensitive: bool = False


class Vocabulary(BaseModel):
    """Every phrase the linker and the spec validator know."""

    phrases: list[Phrase]

    def names_for(self, kind: Literal["metric", "dimension"]) -> dict[str, str]:
        """Lower-cased phrase -> canonical name, for phrases naming exactly one `kind` target."""
        found: dict[str, str] = {}
        for phrase in self.phrases:
            if len(phrase.targets) == 1 and phrase.targets[0].kind == kind:
                found[phrase.text.lower()] = phrase.targets[0].name
        return found


def _read_synonyms() -> dict[str, Any]:
    text = resources.files("tools.analytics.semantic").joinpath("synonyms.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _words(entry: dict[str, list[str]]) -> list[str]:
    return [str(word) for lang in ("en", "zh") for word in entry.get(lang, [])]


def _target(raw: dict[str, str]) -> Target:
    if "metric" in raw:
        return Target(kind="metric", name=raw["metric"])
    if "dimension" in raw:
        return Target(kind="dimension", name=raw["dimension"])
    return Target(kind="filter", name=raw["filter"], values=(raw["value"],))


def _market_phrases(data: dict[str, Any]) -> list[Phrase]:
    excluded = set(data.get("market_codes_excluded", []))
    phrases: list[Phrase] = []
    by_region: dict[str, list[str]] = {}
    for code, market in all_markets().items():
        target = (Target(kind="filter", name="market", values=(code,)),)
        words = [market.name, market.name_zh, f"{market.name_zh}站"]
        words += _words(data["filter_values"].get("market", {}).get(code, {}))
        phrases += [Phrase(text=word, targets=target) for word in words]
        if code not in excluded:
            phrases.append(Phrase(text=code, targets=target, case_sensitive=True))
        by_region.setdefault(market.region, []).append(code)
    for region, entry in data.get("market_groups", {}).items():
        group = (Target(kind="filter", name="market", values=tuple(by_region.get(region, []))),)
        phrases += [Phrase(text=word, targets=group) for word in _words(entry)]
    return phrases


@cache
def load_vocabulary() -> Vocabulary:
    """Every phrase the linker knows (read once, on first use); the model's own names included."""
    data = _read_synonyms()
    model = load_model()
    phrases: list[Phrase] = []
    for kind in ("metric", "dimension"):
        names = model.metrics if kind == "metric" else model.dimensions
        for name, entry in data[f"{kind}s"].items():
            if name not in names:
                raise ValueError(f"synonyms.yaml names unknown {kind} {name!r}")
            target = (Target(kind=kind, name=name),)
            words = [name, name.replace("_", " "), *_words(entry)]
            phrases += [Phrase(text=word, targets=target) for word in dict.fromkeys(words)]
    for entry in data.get("ambiguous", []):
        targets = tuple(_target(raw) for raw in entry["targets"])
        phrases += [Phrase(text=word, targets=targets) for word in _words(entry)]
    for dimension, values in data.get("filter_values", {}).items():
        if dimension == "market":
            continue
        for value, entry in values.items():
            target = (Target(kind="filter", name=dimension, values=(str(value),)),)
            phrases += [Phrase(text=word, targets=target) for word in _words(entry)]
    phrases += _market_phrases(data)
    return Vocabulary(phrases=phrases)
