"""First messages to matched creators: drafted by the model, checked in code, or built from a template.

A draft must state only product facts (tools.copy.check_facts), be in the creator's language and carry
no links or instruction-like text; it is regenerated once with the problems as feedback, then replaced
by the language's template. The market's ad label is added in code whenever a message lacks it.
"""

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.runnables import RunnableConfig

from agents.kol.state import Outreach, OutreachDraft
from agents.llm.structured import ask_structured
from prompts import render
from tools.copy import ProductFacts, check_facts
from tools.kol import Creator
from tools.kol.disclosure import disclosure_for, has_disclosure
from tools.kol.text import base_language, strip_instructions
from tools.language import LANGUAGE_NAMES, detect_language

FALLBACK_LANGUAGE = "en"
MAX_FEATURES = 3
MAX_BIO_CHARS = 240
MAX_TOPICS = 6
_CONTACT = re.compile(r"https?://|www\.|\b[\w.+-]+@[\w-]+\.[\w.]+\b", re.IGNORECASE)
_SAME_LANGUAGE = {frozenset({"id", "ms"})}  # lingua confuses the two; either is readable to both audiences


@cache
def templates() -> dict[str, dict[str, str]]:
    """Per-language message templates, from templates.yaml."""
    return yaml.safe_load((Path(__file__).parent / "templates.yaml").read_text("utf-8"))


def outreach_language(creator: Creator) -> str:
    """The creator's first language a message can be written in, else English (a BCP 47 tag)."""
    for code in creator.languages or []:
        if base_language(code) in templates():
            return code
    return FALLBACK_LANGUAGE


def greeting_name(creator: Creator) -> str:
    """The creator's display name, else the @handle."""
    return (creator.name or "").strip() or f"@{creator.handle}"


def disclosure_line(label: str, language: str) -> str:
    """The sentence asking for the ad label, in the message's language."""
    return templates()[base_language(language)]["disclosure"].format(label=label)


def with_disclosure(message: str, label: str, language: str) -> str:
    """The message, with the disclosure sentence appended when the label is missing."""
    message = message.strip()
    return message if has_disclosure(message, label) else f"{message}\n\n{disclosure_line(label, language)}"


def template_message(facts: ProductFacts, creator: Creator, language: str, label: str) -> str:
    """The deterministic message: the product name and up to three of its features, and the label."""
    parts = templates()[base_language(language)]
    features = [f.strip() for f in facts.features if f.strip()][:MAX_FEATURES]
    listed = parts["features"].format(items=parts["separator"].join(features)) if features else ""
    body = parts["message"].format(name=greeting_name(creator), product=facts.name.strip(), features=listed)
    return with_disclosure(body, label, language)


def _safe(text: str) -> str:
    """Untrusted text without our delimiters' angle brackets, instruction-like sentences or line breaks."""
    cleaned = strip_instructions(text.replace("<", "(").replace(">", ")"))[0]
    return " ".join(cleaned.split())


def profile_block(creator: Creator) -> str:
    """The creator's profile as data lines: handle, name, niche, topics and a short bio."""
    topics = ", ".join((creator.recent_topics or [])[:MAX_TOPICS])
    lines = [f"handle: @{creator.handle}", f"name: {creator.name or ''}", f"niche: {creator.niche or ''}",
             f"recent topics: {topics}", f"bio: {(creator.bio or '')[:MAX_BIO_CHARS]}"]
    return "\n".join(_safe(line) for line in lines)


def fact_lines(facts: ProductFacts) -> list[str]:
    """The product data as 'label: value' lines (the seller's own data)."""
    lines = [f"name: {facts.name}", f"category: {facts.category}"]
    lines += [f"brand: {facts.brand}"] if facts.brand else []
    lines += [f"description: {facts.description}"] if facts.description else []
    lines += [f"feature: {f}" for f in facts.features]
    lines += [f"{key}: {value}" for key, value in facts.specs.items()]
    for label, items in (("material", facts.materials), ("certification", facts.certifications),
                         ("claim", facts.claims)):
        lines += [f"{label}: {item}" for item in items]
    return [" ".join(line.split()) for line in lines]


def outreach_messages(facts: ProductFacts, creator: Creator, language: str, label: str) -> list[Any]:
    """System instructions (no creator text) and the human turn holding facts and the delimited profile."""
    name = LANGUAGE_NAMES.get(base_language(language), language)
    return [
        SystemMessage(render("kol/outreach", language_name=name, label=label)),
        HumanMessage(render("kol/outreach_input", facts=fact_lines(facts), profile=profile_block(creator),
                            language_name=name)),
    ]


def _language_ok(message: str, language: str) -> bool:
    wanted = base_language(language)
    if wanted not in LANGUAGE_NAMES:
        return True
    found = detect_language(message).code
    return found == wanted or frozenset({found, wanted}) in _SAME_LANGUAGE


def message_problems(message: str, facts: ProductFacts, language: str) -> list[str]:
    """Why a message may not be sent: unsupported facts, wrong language, links, instruction-like text."""
    problems = [f"'{u.text}' is not in the product facts ({u.kind}); remove it"
                for u in check_facts(message, facts, base_language(language)).unsupported]
    if not _language_ok(message, language):
        problems.append(f"write the whole message in {LANGUAGE_NAMES.get(base_language(language), language)}")
    if _CONTACT.search(message):
        problems.append("remove links and e-mail addresses")
    if strip_instructions(message)[1]:
        problems.append("remove instruction-like text")
    return problems


def draft_with_model(model: BaseChatModel, facts: ProductFacts, creator: Creator, language: str, label: str,
                     config: RunnableConfig | None) -> str:
    """A checked model draft (one regeneration with feedback); InvalidModelOutput when none passes."""

    def check(draft: OutreachDraft) -> list[str]:
        return message_problems(with_disclosure(draft.message, label, language), facts, language)

    draft = ask_structured(model, outreach_messages(facts, creator, language, label), OutreachDraft,
                           check=check, retries=1, config=config)
    return with_disclosure(draft.message, label, language)


def template_outreach(facts: ProductFacts, creator: Creator, market: str, notes: list[str]) -> Outreach:
    """The template message for a creator in a market."""
    language = outreach_language(creator)
    label = disclosure_for(market).label_for(language)
    return Outreach(creator_id=creator.creator_id, handle=creator.handle, market=market.upper(), language=language,
                    message=template_message(facts, creator, language, label), disclosure=label, source="template",
                    notes=notes)
