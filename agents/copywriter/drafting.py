"""One model draft of a listing: a prompt in the target language, a grammar that bounds every field, a token cap."""

import copy
import json
import math
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.runnables import RunnableConfig
from pydantic import BaseModel

from agents.copywriter.config import FieldSize, drafting_config
from agents.llm.local import ChatLlamaCpp
from agents.llm.structured import ask_structured
from prompts import render
from tools.copy import Glossary, PlatformFields, ProductFacts, fields_model_for, platform_limits
from tools.copy.langs import base_language

# Angles that make variants differ; each draft template words them in its language.
ANGLES = ("benefits", "specs", "lifestyle", "quality", "gift")
# Languages with their own draft template; the others use the nearest one (none today).
TEMPLATE_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "ar", "id", "ms", "th", "vi", "ja", "ko")


class DraftPrompt(BaseModel):
    """Everything a draft prompt says besides the instructions of its language."""

    platform: str
    language: str
    facts: ProductFacts
    glossary: Glossary
    notes: list[str] = []
    tone: str = ""
    angle: str = ""
    feedback: list[str] = []
    previous: dict[str, Any] | None = None


def _field_limit_chars(platform: str, name: str, size: FieldSize, language: str) -> int:
    """The grammar's length bound: the draft size, inside the platform's hard or recommended limit."""
    config = drafting_config()
    script = config.script(language)
    limit = platform_limits(platform).get(name)
    bound = size.chars
    if limit is not None and limit.target() is not None:
        per_char = {"bytes": config.bytes_per_char[script], "width": config.width_per_char[script]}
        bound = min(bound, int(limit.target() or bound) // per_char.get(limit.unit, 1))
    return max(bound, 1)


def draft_schema(platform: str, language: str) -> dict[str, Any]:
    """The platform field model's JSON schema with every string and list bounded for the draft."""
    model = fields_model_for(platform)
    schema = copy.deepcopy(model.model_json_schema())
    sizes = drafting_config().sizes[platform]
    for name, prop in schema["properties"].items():
        size = sizes[name]
        chars = _field_limit_chars(platform, name, size, language)
        if prop.get("type") == "array":
            low, high = size.items or (1, 3)
            prop.update({"minItems": low, "maxItems": high})
            prop["items"] = {"type": "string", "minLength": 1, "maxLength": chars}
        else:
            prop.pop("default", None)
            prop.update({"minLength": 1, "maxLength": chars})
    schema["required"] = list(schema["properties"])
    return schema


def draft_max_tokens(platform: str, language: str) -> int:
    """Enough tokens for the bounded fields in this script, never above the configured ceiling."""
    config = drafting_config()
    per_token = config.chars_per_token[config.script(language)]
    total = 0
    for name, size in config.sizes[platform].items():
        count = size.items[1] if size.items else 1
        total += count * (math.ceil(_field_limit_chars(platform, name, size, language) / per_token)
                          + config.tokens_per_field)
    return min(total + config.tokens_per_field, config.max_tokens_ceiling)


def capped_model(model: BaseChatModel, max_tokens: int) -> BaseChatModel:
    """`model` with its completion capped at `max_tokens`; the embedded model's copy shares the loaded weights."""
    if isinstance(model, ChatLlamaCpp):
        model.count_tokens("")  # loads the weights once, so the copy below shares them and their lock
        return model.model_copy(update={"max_tokens": min(max_tokens, model.max_tokens)})
    if "max_tokens" in type(model).model_fields:
        current = getattr(model, "max_tokens", None)
        return model.model_copy(update={"max_tokens": min(max_tokens, current or max_tokens)})
    return model


def template_language(language: str) -> str:
    """The draft template for a copy language tag."""
    base = base_language(language)
    return base if base in TEMPLATE_LANGUAGES else "en"


def facts_lines(facts: ProductFacts) -> list[str]:
    """The product data as 'label: value' lines in English labels the templates translate."""
    lines = [f"name: {facts.name}"]
    if facts.brand:
        lines.append(f"brand: {facts.brand}")
    lines.append(f"category: {facts.category}")
    if facts.description:
        lines.append(f"description: {facts.description}")
    lines += [f"feature: {feature}" for feature in facts.features]
    lines += [f"spec: {key}: {value}" for key, value in facts.specs.items()]
    lines += [f"material: {item}" for item in facts.materials]
    lines += [f"certification: {item}" for item in facts.certifications]
    lines += [f"claim: {item}" for item in facts.claims]
    if facts.keywords:
        lines.append("keywords: " + ", ".join(facts.keywords))
    return lines


def draft_messages(prompt: DraftPrompt) -> list[SystemMessage | HumanMessage]:
    """The system prompt in the target language, and the data (product, notes, earlier draft) as a message."""
    name = f"copywriter/draft_{template_language(prompt.language)}"
    fields = list(fields_model_for(prompt.platform).model_fields)
    system = render(name, platform=prompt.platform, language=prompt.language, fields=fields, tone=prompt.tone,
                    angle=prompt.angle,
                    glossary=prompt.glossary.words(), notes=prompt.notes)
    data = render("copywriter/data", facts=facts_lines(prompt.facts), feedback=prompt.feedback,
                  previous=json.dumps(prompt.previous, ensure_ascii=False) if prompt.previous else "")
    return [SystemMessage(system), HumanMessage(data)]


def write_draft(model: BaseChatModel, prompt: DraftPrompt, config: RunnableConfig | None) -> PlatformFields:
    """One grammar-constrained draft (InvalidModelOutput or LLMUnavailable when the model fails)."""
    capped = capped_model(model, draft_max_tokens(prompt.platform, prompt.language))
    schema = draft_schema(prompt.platform, prompt.language)
    return ask_structured(capped, draft_messages(prompt), fields_model_for(prompt.platform), retries=0,
                          config=config, json_schema=schema)
