"""New wording for flagged spans from the model, under a grammar of the span numbers, checked in code:
a replacement that repeats the flagged text or adds a fact the copy lacks is rejected."""

from typing import Any

from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.runnables import RunnableConfig

from agents.compliance.revise import FlaggedSpan, SpanRewriter, invented_facts
from agents.compliance.state import RewriteDraft
from agents.context import Deps
from agents.llm.structured import InvalidModelOutput, ask_structured
from prompts import render
from tools.errors import LLMUnavailable

REWRITE_CHARS = 2_500


def rewrite_schema(span_count: int) -> dict[str, Any]:
    """RewriteDraft's JSON schema with `span` narrowed to the flagged span numbers."""
    schema = RewriteDraft.model_json_schema()
    schema["$defs"]["Replacement"]["properties"]["span"] = {"enum": list(range(1, span_count + 1))}
    return schema


def checked_wording(
    draft: RewriteDraft, spans: list[FlaggedSpan], original: str, language: str, category: str | None,
    notes: list[str],
) -> list[str | None]:
    """One wording per span; None (the span is deleted) when missing, unchanged or adding facts."""
    wording: list[str | None] = [None] * len(spans)
    for replacement in draft.replacements:
        index = replacement.span - 1
        if not 0 <= index < len(spans) or wording[index] is not None:
            continue
        text = replacement.text.strip()
        if text and spans[index].quote.lower() in text.lower():
            continue
        invented = invented_facts(text, original, language, category) if text else []
        if invented:
            notes.append(f"a rewrite of {spans[index].quote!r} was rejected: it added {', '.join(invented)}")
            continue
        wording[index] = text
    return wording


def model_rewriter(
    deps: Deps, original: str, language: str, category: str | None, config: RunnableConfig | None, notes: list[str]
) -> SpanRewriter:
    """A SpanRewriter asking the model; when the model fails, every span is deleted and a note says so."""

    def rewrite(text: str, spans: list[FlaggedSpan]) -> list[str | None]:
        messages = [
            SystemMessage(render("compliance/rewrite")),
            HumanMessage(render("compliance/rewrite_input", text=text[:REWRITE_CHARS],
                                spans=[{"quote": s.quote, "problem": s.problem, "hint": s.hint} for s in spans])),
        ]
        try:
            draft = ask_structured(deps.chat_model, messages, RewriteDraft, config=config,
                                   json_schema=rewrite_schema(len(spans)))
        except (LLMUnavailable, InvalidModelOutput) as exc:
            notes.append(f"the model could not rewrite the flagged spans ({exc.message}); they were deleted")
            return [None] * len(spans)
        return checked_wording(draft, spans, original, language, category, notes)

    return rewrite
