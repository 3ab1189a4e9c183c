"""Deterministic compliance core: rule packs per jurisdiction and platform, matched span by span."""

from tools.compliance.engine import RuleBook, load_rule_book, rules_for, verdict
from tools.compliance.models import CheckRequest, Citation, Rule, RuleFinding, Severity, Span, Verdict
from tools.compliance.rewrite import rewrite_with_rules

__all__ = [
    "CheckRequest",
    "Citation",
    "Rule",
    "RuleBook",
    "RuleFinding",
    "Severity",
    "Span",
    "Verdict",
    "load_rule_book",
    "rewrite_with_rules",
    "rules_for",
    "verdict",
]
