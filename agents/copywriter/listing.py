"""A listing's fields as one text for the compliance check, and compliance's rewrite put back field by field."""

import html
import re
from typing import Any

from agents.compliance.service import check_compliance
from agents.compliance.state import ComplianceRequest, ComplianceResponse
from agents.context import Deps
from agents.llm.usage import UsageMeter
from tools.copy import field_texts, fields_model_for
from tools.copy.fields import HTML_FIELDS

SEPARATOR = "\n\n"
_INDEXED = re.compile(r"^(\w+)\[(\d+)\]$")
_AD_PLATFORMS = frozenset({"meta_ads", "google_ads", "tiktok_ads"})


def texts_of(platform: str, fields: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, visible text) pairs; a text's own blank lines are closed up so the separator stays unique."""
    model = fields_model_for(platform).model_validate(fields)
    return [(t.field, re.sub(r"\n\s*\n", "\n", t.text).strip()) for t in field_texts(model)]


def listing_text(platform: str, fields: dict[str, Any]) -> str:
    """Every field's visible text, separated by blank lines, as compliance reads it."""
    return SEPARATOR.join(text for _, text in texts_of(platform, fields) if text)


def channel_of(platform: str) -> str:
    return "ad" if platform in _AD_PLATFORMS else "listing"


def check_listing(
    deps: Deps, platform: str, market: str, category: str, fields: dict[str, Any], *, use_model: bool,
    meter: UsageMeter | None, tenant: str,
) -> ComplianceResponse:
    """The compliance check of the whole listing for one market."""
    request = ComplianceRequest(text=listing_text(platform, fields) or "-", markets=[market], platform=platform,
                                category=category, channel=channel_of(platform))  # type: ignore[arg-type]
    return check_compliance(deps, request, use_model=use_model, meter=meter, tenant=tenant)


def _set(fields: dict[str, Any], name: str, value: str) -> None:
    indexed = _INDEXED.match(name)
    if indexed:
        fields[indexed.group(1)][int(indexed.group(2))] = value
    else:
        fields[name] = value


def _changed_span(old: str, new: str) -> tuple[str, str]:
    """The part of `old` that differs from `new` (after their common start and end), and what replaces it."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    return old[start:len(old) - end], new[start:len(new) - end]


def _html_with(original_html: str, old: str, new: str) -> str:
    """The HTML with its changed text replaced in place; rebuilt as one paragraph when that is ambiguous."""
    before, after = _changed_span(old, new)
    escaped = html.escape(before, quote=False)
    if escaped and original_html.count(escaped) == 1:
        return original_html.replace(escaped, html.escape(after, quote=False))
    return f"<p>{html.escape(new, quote=False)}</p>"


def apply_revision(platform: str, fields: dict[str, Any], revised_text: str) -> dict[str, Any] | None:
    """`fields` with compliance's revised text put back field by field; None when the parts no longer line up."""
    pairs = [(name, text) for name, text in texts_of(platform, fields) if text]
    parts = revised_text.split(SEPARATOR)
    if len(parts) != len(pairs):
        return None
    updated = {k: list(v) if isinstance(v, list) else v for k, v in fields.items()}
    for (name, old), new in zip(pairs, parts, strict=True):
        new = new.strip()
        if new == old:
            continue
        if name in HTML_FIELDS:
            new = _html_with(str(fields[name]), old, new)
        _set(updated, name, new)
    for name, value in list(updated.items()):
        if isinstance(value, list):
            updated[name] = [item for item in value if str(item).strip()]  # a deleted entry leaves no blank
    return updated
