"""The rewrite loop: rules' own replacements first, then new wording for the remaining flagged spans
(from the model, checked in code so it adds no fact), then a re-check, for a bounded number of rounds.

A flagged span the model cannot rewrite safely is deleted: removing a claim never invents one.
"""

from collections.abc import Callable
from typing import NamedTuple

from pydantic import BaseModel

from agents.compliance.state import Finding
from tools.compliance import load_rule_book, rewrite_with_rules
from tools.compliance.models import RuleFinding
from tools.compliance.rewrite import TextLanguage
from tools.copy import ProductFacts, check_facts
from tools.copy.langs import BASE_LANGUAGES
from tools.language import detect_language

MAX_ROUNDS = 3
ACTIONABLE = ("block", "warn")
_SPACE_BEFORE = frozenset(",.;:!?，。！？；：、")


class FlaggedSpan(NamedTuple):
    """A span of the current text still to fix, and why."""

    start: int
    end: int
    quote: str
    problem: str
    hint: str


# Given the text and its flagged spans: new wording per span, None when none was offered (or rejected).
SpanRewriter = Callable[[str, list[FlaggedSpan]], list[str | None]]
Checker = Callable[[str], list[Finding]]


class Revision(BaseModel):
    text: str
    findings: list[Finding]
    rounds: int
    clean: bool
    notes: list[str] = []


def actionable(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity in ACTIONABLE]


def fact_language(text: str, fallback: str) -> str:
    """The copy's language for the fact check, among those tools.copy reads."""
    code = detect_language(text).code
    if code in BASE_LANGUAGES:
        return code
    return fallback if fallback in BASE_LANGUAGES else "en"


def invented_facts(replacement: str, original: str, language: str, category: str | None) -> list[str]:
    """Numbers, units, materials, certifications and claims of `replacement` that the original copy lacks."""
    facts = ProductFacts(name="-", description=original, category=category or "any")
    return [u.text for u in check_facts(replacement, facts, language).unsupported]


def _to_rule_finding(finding: Finding) -> RuleFinding:
    citation = finding.citations[0]
    return RuleFinding.model_validate({
        **finding.model_dump(exclude={"citations", "source"}),
        "citation": {"doc_id": citation.id, "instrument": citation.instrument, "article": citation.article,
                     "url": citation.url},
    })


def _rules_can_fix(finding: Finding, text: str, language: TextLanguage) -> bool:
    """True when the rule's own replacement (or appended element) changes the text for this finding."""
    if finding.source != "rules":
        return False
    rule = load_rule_book().rule(finding.rule_id)
    if rule.required is None and rule.replacement is None:
        return False
    return rewrite_with_rules(text, [_to_rule_finding(finding)], language) != text


def _locate(text: str, quote: str, near: int) -> int:
    """The occurrence of `quote` in `text` nearest to where it was; -1 if it is gone."""
    starts, at = [], text.find(quote)
    while at >= 0:
        starts.append(at)
        at = text.find(quote, at + 1)
    return min(starts, key=lambda s: abs(s - near)) if starts else -1


def flagged_spans(text: str, findings: list[Finding]) -> list[FlaggedSpan]:
    """The spans of `findings` located in `text`; a span overlapping an earlier one is left out."""
    spans: list[FlaggedSpan] = []
    for finding in sorted(findings, key=lambda f: f.span.start):
        quote = finding.span.text
        if not quote:
            continue
        start = _locate(text, quote, finding.span.start)
        if start < 0 or any(start < s.end and s.start < start + len(quote) for s in spans):
            continue
        spans.append(FlaggedSpan(start, start + len(quote), quote, finding.message, finding.suggestion))
    return spans


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Replace non-overlapping spans from the end; a deletion also takes one neighbouring space."""
    result = text
    for start, end, new in sorted(edits, reverse=True):
        if not new:
            after = result[end:end + 1]
            if start > 0 and result[start - 1] == " " and (not after or after == " " or after in _SPACE_BEFORE):
                start -= 1
            elif start == 0 and after == " ":
                end += 1
        result = result[:start] + new + result[end:]
    return result


def one_round(
    text: str, findings: list[Finding], language: TextLanguage, rewriter: SpanRewriter | None
) -> tuple[str, int]:
    """Rules' replacements, then the rewriter's wording (or deletion) for the rest; returns (text, spans left)."""
    fixable = [_rules_can_fix(f, text, language) for f in findings]
    rule_fixable = [f for f, ok in zip(findings, fixable, strict=True) if ok]
    revised = rewrite_with_rules(text, [_to_rule_finding(f) for f in rule_fixable], language) if rule_fixable else text
    spans = flagged_spans(revised, [f for f, ok in zip(findings, fixable, strict=True) if not ok])
    if not spans:
        return revised, 0
    if rewriter is None:
        return revised, len(spans)
    wording = rewriter(revised, spans)
    return apply_edits(revised, [(s.start, s.end, w or "") for s, w in zip(spans, wording, strict=True)]), 0


def _counts(findings: list[Finding]) -> tuple[int, int]:
    return sum(f.severity == "block" for f in findings), sum(f.severity == "warn" for f in findings)


def revise(
    text: str, findings: list[Finding], check: Checker, rewriter: SpanRewriter | None, language: TextLanguage
) -> Revision:
    """Rewrite until the re-check is clean or MAX_ROUNDS; otherwise the attempt with fewest block findings."""
    attempts: list[tuple[str, list[Finding]]] = []
    current, current_findings, left = text, findings, 0
    for _ in range(MAX_ROUNDS):
        if not actionable(current_findings):
            break
        candidate, left = one_round(current, actionable(current_findings), language, rewriter)
        if candidate == current:
            break
        current, current_findings = candidate, check(candidate)
        attempts.append((current, current_findings))
    if not attempts:
        return Revision(text=text, findings=findings, rounds=0, clean=not actionable(findings),
                        notes=_left_note(left))
    best_text, best_findings = min(attempts, key=lambda a: _counts(actionable(a[1])))
    clean = not actionable(best_findings)
    notes = [] if clean else [_not_clean_note(best_findings, len(attempts)), *_left_note(left)]
    return Revision(text=best_text, findings=best_findings, rounds=len(attempts), clean=clean, notes=notes)


def _left_note(left: int) -> list[str]:
    if not left:
        return []
    return [f"{left} flagged span(s) have no safe automatic rewrite; edit them by hand"]


def _not_clean_note(findings: list[Finding], rounds: int) -> str:
    blocks, warns = _counts(findings)
    ids = ", ".join(dict.fromkeys(f.rule_id for f in actionable(findings)))
    return (f"the revised text still has {blocks} block and {warns} warn finding(s) after {rounds} round(s) "
            f"({ids}); this is the best attempt")
