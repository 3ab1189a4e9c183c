"""All deterministic copy checks for one listing, and revision feedback built from their failures."""

from typing import Any

from tools.copy.conventions import check_spelling, check_taboos, conventions_for
from tools.copy.factcheck import check_against
from tools.copy.facts import ProductFacts, supported_facts
from tools.copy.fields import PlatformFields, coerce_fields, field_texts
from tools.copy.glossary import check_glossary, glossary_from_facts
from tools.copy.glossary_terms import Glossary
from tools.copy.language import check_language
from tools.copy.limits import check_limits
from tools.copy.repetition import check_repetition, duplicate_items
from tools.copy.results import CheckDetail, CheckResult, result_of


def _with_field(result: CheckResult, field: str) -> list[CheckDetail]:
    return [d.model_copy(update={"field": d.field or field}) for d in result.details]


def _facts_result(
    texts: list[tuple[str, str]], facts: ProductFacts, lang: str, glossary: Glossary
) -> CheckResult:
    support = supported_facts(facts, glossary)
    details: list[CheckDetail] = []
    for field, text in texts:
        for item in check_against(text, support, lang, glossary).unsupported:
            note = f"; {item.note}" if item.note else ""
            details.append(
                CheckDetail(
                    field=field,
                    text=item.text,
                    span=item.span,
                    message=f"Remove or correct '{item.text}' ({item.kind}): not in the product data{note}.",
                )
            )
    return result_of("facts", details)


def _repetition_result(fields: PlatformFields, texts: list[tuple[str, str]]) -> CheckResult:
    details = [d for field, text in texts for d in _with_field(check_repetition(text), field)]
    for name, value in fields.model_dump().items():
        if isinstance(value, list):
            for i in duplicate_items(value):
                details.append(
                    CheckDetail(
                        field=f"{name}[{i}]",
                        text=value[i],
                        message=f"{name}[{i}] repeats an earlier entry; write a different one.",
                    )
                )
    return result_of("repetition", details)


def _language_result(texts: list[tuple[str, str]], languages: list[str], glossary: Glossary) -> CheckResult:
    expected, also = languages[0], languages[1:]
    details = [
        d for field, text in texts for d in _with_field(check_language(text, expected, also, glossary), field)
    ]
    if not details:
        joined = "\n".join(text for _, text in texts)
        details = check_language(joined, expected, also, glossary).details
    return result_of("language", details)


def run_all_checks(
    platform: str,
    market: str,
    fields: PlatformFields | dict[str, Any],
    facts: ProductFacts,
    glossary: Glossary | None = None,
) -> list[CheckResult]:
    """Limits, language, facts, repetition, taboos, glossary and spelling for one listing, in that order."""
    model = coerce_fields(platform, fields)
    conventions = conventions_for(market)
    glossary = glossary if glossary is not None else glossary_from_facts(facts)
    texts = [(t.field, t.text) for t in field_texts(model)]
    taboo_details = [d for field, text in texts for d in _with_field(check_taboos(text, market), field)]
    spelling_details = [
        d for field, text in texts for d in _with_field(check_spelling(text, conventions.language), field)
    ]
    return [
        check_limits(platform, model),
        _language_result(texts, conventions.copy_languages, glossary),
        _facts_result(texts, facts, conventions.language, glossary),
        _repetition_result(model, texts),
        result_of("taboos", taboo_details),
        check_glossary(model, glossary),
        result_of("spelling", spelling_details),
    ]


def feedback_for(results: list[CheckResult], limit: int = 12) -> list[str]:
    """Concise English lines for a model's revision: errors first, then warnings, at most `limit`."""
    lines: list[str] = []
    for severity in ("error", "warning"):
        for result in results:
            for detail in result.details:
                if detail.severity != severity:
                    continue
                prefix = (
                    f"[{detail.field}] "
                    if detail.field and not detail.message.startswith(detail.field)
                    else ""
                )
                line = prefix + detail.message
                if line not in lines:
                    lines.append(line)
    return lines[:limit]
