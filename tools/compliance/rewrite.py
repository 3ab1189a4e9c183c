"""Deterministic rewrite: soften or delete flagged spans and append missing required elements."""

from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import NamedTuple

from tools.compliance.engine import RuleBook, load_rule_book
from tools.compliance.models import SEVERITY_RANK, Rule, RuleFinding

_TRAILING_PUNCTUATION = frozenset(" ,.;:!?，。！？；：、")


class Edit(NamedTuple):
    """Replace text[start:end] with `text`; `rank` orders edits on the same span (stricter first)."""

    start: int
    end: int
    text: str
    rank: tuple[int, str] = (0, "")


def script_language(text: str) -> str | None:
    """A language guessed from the script alone (CJK, kana, Hangul, Arabic, Thai), else None."""
    if any("\u3040" <= ch <= "\u30ff" for ch in text):
        return "ja"
    for low, high, code in (
        ("\uac00", "\ud7af", "ko"),
        ("\u4e00", "\u9fff", "zh"),
        ("\u0600", "\u06ff", "ar"),
    ):
        if any(low <= ch <= high for ch in text):
            return code
    return "th" if any("\u0e00" <= ch <= "\u0e7f" for ch in text) else None


# The text's language, or a function that detects it: detection (about 0.2 ms) runs only when a
# wording depends on it, which for most findings the matched term's own language settles.
TextLanguage = str | Callable[[], str]


def _code(language: TextLanguage) -> str:
    return (language() if callable(language) else language).split("-")[0].lower()


def _pick(options: dict[str, str], languages: Iterable[str | None]) -> str | None:
    """The option for the first language present, else for "any". `languages` is read lazily: a
    detection in it runs only when no language before it has an option."""
    for language in languages:
        if language and language in options:
            return options[language]
    return options.get("any")


def _text_then(language: TextLanguage, *more: str) -> Iterator[str]:
    """The text's language code (detected only when reached), then `more`."""
    yield _code(language)
    yield from more


def _replacement(book: RuleBook, rule: Rule, finding: RuleFinding, language: TextLanguage) -> str | None:
    """The rule's softer wording in the matched term's language, matching its capitalisation."""
    if rule.replacement is None:
        return None
    span_text = finding.span.text
    term_languages = [book.term_language(rule.id, span_text), script_language(span_text)]
    chosen = _pick(rule.replacement, chain(term_languages, _text_then(language)))
    if chosen and span_text[:1].isupper() and chosen[:1].islower():
        chosen = chosen[0].upper() + chosen[1:]
    return chosen


def _widen_deletion(text: str, edit: Edit) -> Edit:
    """A deletion also takes one neighbouring space so no double space or space-before-comma remains."""
    if edit.text or edit.start == edit.end:
        return edit
    before = text[edit.start - 1] if edit.start > 0 else ""
    after = text[edit.end] if edit.end < len(text) else ""
    if before == " " and (not after or after in _TRAILING_PUNCTUATION):
        return edit._replace(start=edit.start - 1)
    if after == " " and (not before or before == "\n"):
        return edit._replace(end=edit.end + 1)
    return edit


def _non_overlapping(edits: list[Edit]) -> list[Edit]:
    """The widest edit wins where edits overlap; on the same span, the stricter rule's wording."""
    chosen: list[Edit] = []
    for edit in sorted(set(edits), key=lambda e: (e.start, -(e.end - e.start), e.rank, e.text)):
        if not chosen or edit.start >= chosen[-1].end:
            chosen.append(edit)
    return chosen


def rewrite_with_rules(text: str, findings: list[RuleFinding], language: TextLanguage) -> str:
    """Replace or delete every flagged span that has a replacement; add missing disclosures."""
    book = load_rule_book()
    edits: list[Edit] = []
    additions: dict[str, list[str]] = {"start": [], "end": []}
    for finding in findings:
        rule = book.rule(finding.rule_id)
        if rule.required is not None:
            snippet = _pick(rule.required.append, _text_then(language, "en"))
            placed = additions[rule.required.position]
            if snippet and snippet not in placed:
                placed.append(snippet)
            continue
        replacement = _replacement(book, rule, finding, language)
        if replacement is not None and finding.span.end > finding.span.start:
            rank = (-SEVERITY_RANK[finding.severity], finding.rule_id)
            edits.append(Edit(finding.span.start, finding.span.end, replacement, rank))
    result = text
    for edit in reversed(_non_overlapping([_widen_deletion(text, e) for e in edits])):
        result = result[: edit.start] + edit.text + result[edit.end :]
    return "".join(additions["start"]) + result + "".join(additions["end"])
