"""The service behind `chuhai check`, POST /v1/compliance/check and other specialists' drafts.

Rules run first and always; the model review adds what rules cannot see, grounded on regulation
chunks; the rewrite loop fixes every block and warn finding. Rules-only mode needs no model at all;
it is what the check falls back to (with a note) when the model or the knowledge store is down.
"""

from functools import cache
from typing import Any

from langchain_core.runnables import RunnableConfig
from pydantic import ValidationError

from agents.compliance.review import model_review, retrieve
from agents.compliance.revise import Revision, actionable, fact_language, revise
from agents.compliance.state import ComplianceRequest, ComplianceResponse, Finding, FindingCitation, ModelReview
from agents.compliance.wording import model_rewriter
from agents.context import Deps
from agents.llm.structured import InvalidModelOutput
from agents.llm.usage import UsageMeter, metered
from knowledge.store import Hit
from tools.compliance import CheckRequest, RuleFinding, load_rule_book, verdict
from tools.errors import BadInput, ChuhaiError, LLMUnavailable
from tools.markets import all_markets


def to_finding(finding: RuleFinding) -> Finding:
    citation = finding.citation
    return Finding(rule_id=finding.rule_id, severity=finding.severity, market=finding.market, span=finding.span,
                   message=finding.message, suggestion=finding.suggestion,
                   citations=[FindingCitation(id=citation.doc_id, instrument=citation.instrument,
                                              article=citation.article, url=citation.url)])


def parse_request(body: dict[str, Any] | ComplianceRequest) -> ComplianceRequest:
    """A validated request; every problem (empty text, too long, unknown codes) is a BadInput."""
    try:
        data = body.model_dump() if isinstance(body, ComplianceRequest) else body
        request = ComplianceRequest.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(map(str, error["loc"])) or "request"
        raise BadInput(f"{where}: {error['msg']}") from None
    if not request.text.strip():
        raise BadInput("text is empty; send the copy to check")
    load_rule_book().rules_for(request.markets, request.platform, request.category, request.channel)  # codes
    return request


def _language_of(request: ComplianceRequest) -> str:
    market = all_markets().get(request.markets[0].strip().upper())
    return market.language.split("-")[0] if market else "en"


def _sorted(findings: list[Finding]) -> list[Finding]:
    rank = {"block": 0, "warn": 1, "info": 2}
    return sorted(findings, key=lambda f: (f.span.start, f.span.end, rank[f.severity], f.rule_id, f.market))


def rule_findings(request: ComplianceRequest, text: str | None = None) -> list[Finding]:
    """The rule book's findings for the request (or for `text` under the request's markets and filters)."""
    data = request.model_dump() | ({"text": text} if text is not None else {})
    return [to_finding(f) for f in load_rule_book().check(CheckRequest(**data))]


def _response(request: ComplianceRequest, findings: list[Finding], revision: Revision | None, mode: str,
              notes: list[str], review: ModelReview | None) -> ComplianceResponse:
    return ComplianceResponse.model_validate({
        "verdict": verdict(findings),  # type: ignore[arg-type]
        "findings": _sorted(findings), "mode": mode, "review": review,
        "revised_text": revision.text if revision and revision.text != request.text else None,
        "notes": notes + (revision.notes if revision else []),
        "rewrite_rounds": revision.rounds if revision else 0,
    })


def check_rules(request: ComplianceRequest) -> ComplianceResponse:
    """Rules only: deterministic findings, verdict, and the rules' rewrite re-checked until clean."""
    request = parse_request(request)
    findings = rule_findings(request)
    revision = None
    if actionable(findings):
        language = cache(lambda: fact_language(request.text, _language_of(request)))  # detected if needed
        revision = revise(request.text, findings, lambda text: rule_findings(request, text), None, language)
    return _response(request, findings, revision, "rules", [], None)


class _ModelSession:
    """The model side of one check: retrieved chunks, and whether the model still answers."""

    def __init__(self, deps: Deps, request: ComplianceRequest, config: RunnableConfig, notes: list[str]) -> None:
        self.deps, self.request, self.config, self.notes = deps, request, config, notes
        self.hits: list[Hit] = []
        self.on = True

    def start(self, tenant: str | None) -> bool:
        try:
            self.hits = retrieve(self.deps, self.request, tenant)
        except ChuhaiError as exc:
            return self._off(f"the knowledge store is unavailable ({exc.message})")
        if not self.hits:
            return self._off("no regulation passages for these markets are in the knowledge store")
        return True

    def _off(self, why: str) -> bool:
        self.on = False
        self.notes.append(f"the model review did not run: {why}; findings come from the rules only")
        return False

    def review(self, text: str, findings: list[Finding]) -> tuple[list[Finding], ModelReview | None]:
        """Model findings for `text` (none once the model has failed)."""
        if not self.on:
            return [], None
        request = self.request.model_copy(update={"text": text})
        try:
            return model_review(self.deps, request, findings, self.hits, self.config)
        except LLMUnavailable as exc:
            self._off(f"the model is unavailable ({exc.message})")
        except InvalidModelOutput as exc:
            self._off(f"the model returned invalid output ({exc.message})")
        return [], None


def check_compliance(
    deps: Deps, request: ComplianceRequest, *, use_model: bool = True, revise_text: bool = True,
    meter: UsageMeter | None = None, tenant: str | None = None,
) -> ComplianceResponse:
    """The full check: rules, then (when `use_model`) the model review and the rewrite loop.

    `revise_text=False` skips the rewrite (evals that score findings only); `tenant` adds the tenant's
    private documents to retrieval; `meter` counts model tokens.
    """
    request = parse_request(request)
    if not use_model:
        return check_rules(request) if revise_text else _response(request, rule_findings(request), None,
                                                                    "rules", [], None)
    notes: list[str] = []
    session = _ModelSession(deps, request, metered(None, meter or UsageMeter(), "compliance"), notes)
    findings = rule_findings(request)
    review = None
    if session.start(tenant):
        model_findings, review = session.review(request.text, findings)
        findings += model_findings
    mode = "rules+model" if review is not None else "rules"
    if not revise_text or not actionable(findings):
        return _response(request, findings, None, mode, notes, review)

    def check(text: str) -> list[Finding]:
        found = rule_findings(request, text)
        return found + session.review(text, found)[0]

    language = fact_language(request.text, _language_of(request))
    rewriter = model_rewriter(deps, request.text, language, request.category, session.config, notes)
    revision = revise(request.text, findings, check, rewriter if session.on else None, language)
    return _response(request, findings, revision, mode, notes, review)
