"""Reading the rule packs and the scope file into validated models."""

from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from tools.compliance.models import Citation, Rule


class Scope(BaseModel):
    """Accepted codes and how markets and platforms map to packs (tools/compliance/scope.yaml)."""

    extra_markets: dict[str, str]
    unions: dict[str, list[str]]
    platforms: dict[str, str | None]
    channels: list[str]
    categories: list[str]
    detection_languages: list[str]
    detection_sample_chars: int
    min_detection_letters: int
    max_text_chars: int
    language_equivalents: dict[str, list[str]]
    explicit_categories: list[str]


class RulePackError(ValueError):
    """A rule pack file is malformed; raised at load time, never for user input."""


def load_scope() -> Scope:
    """The scope file as a model."""
    raw = yaml.safe_load(resources.files("tools.compliance").joinpath("scope.yaml").read_text("utf-8"))
    return Scope.model_validate(raw)


def pack_files() -> dict[str, str]:
    """Pack name -> YAML text for every file in tools/compliance/rules/."""
    folder = resources.files("tools.compliance").joinpath("rules")
    return {
        entry.name.removesuffix(".yaml"): entry.read_text("utf-8")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".yaml")
    }


def _citation(raw: dict[str, Any], sources: dict[str, dict[str, str]], where: str) -> Citation:
    """Expand a rule citation that names a pack-level source into a full citation."""
    fields = dict(raw)
    source_name = fields.pop("source", None)
    if source_name is not None:
        if source_name not in sources:
            raise RulePackError(f"{where}: unknown citation source {source_name!r}")
        fields = {**sources[source_name], **fields}
    return Citation.model_validate(fields)


def parse_pack(name: str, text: str) -> list[Rule]:
    """The rules of one pack file, with pack defaults and citation sources applied."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RulePackError(f"rules/{name}.yaml is not valid YAML: {error}") from error
    if not isinstance(raw, dict) or raw.get("pack") != name:
        raise RulePackError(f"rules/{name}.yaml must be a mapping with pack: {name}")
    defaults = raw.get("defaults", {})
    sources = raw.get("sources", {})
    owner = {key: raw[key] for key in ("jurisdiction", "platform") if key in raw}
    rules = []
    for index, entry in enumerate(raw.get("rules", [])):
        where = f"rules/{name}.yaml rule #{index} ({entry.get('id', '?')})"
        fields = {**defaults, **owner, **entry, "pack": name}
        try:
            fields["citation"] = _citation(entry["citation"], sources, where)
            rules.append(Rule.model_validate(fields))
        except (KeyError, ValidationError) as error:
            raise RulePackError(f"{where}: {error}") from error
    return rules


def load_rules() -> list[Rule]:
    """Every rule of every pack, validated; ids must be unique across packs."""
    rules = [rule for name, text in pack_files().items() for rule in parse_pack(name, text)]
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RulePackError(f"duplicate rule id {rule.id}")
        seen.add(rule.id)
    return rules
