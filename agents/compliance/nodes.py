"""The compliance specialist's node: check each target text with the service, then summarise."""

from langgraph.config import get_stream_writer

from agents.compliance.service import check_compliance
from agents.compliance.state import (
    CheckedText,
    ComplianceOutput,
    ComplianceRequest,
    ComplianceState,
    ComplianceTarget,
)
from agents.compliance.turn import answer
from agents.context import Deps
from agents.llm.usage import UsageMeter
from tools.compliance import verdict as worst_verdict
from tools.errors import BadInput

MAX_TARGETS = 6


def _check_one(target: ComplianceTarget, state: ComplianceState, deps: Deps, meter: UsageMeter) -> CheckedText:
    request = state["input"]
    try:
        body = ComplianceRequest.model_construct(text=target.text, markets=target.markets, platform=target.platform,
                                                 category=request.category, channel=request.channel)
        result = check_compliance(deps, body, meter=meter, tenant=request.tenant)
    except BadInput as exc:
        return CheckedText(target=target, error=exc.message)
    return CheckedText(target=target, result=result)


def check(state: ComplianceState, deps: Deps, meter: UsageMeter) -> ComplianceState:
    """Every target through the full check (rules, model review, rewrite); the summary streams as one token."""
    request = state["input"]
    checks = [_check_one(t, state, deps, meter) for t in request.targets[:MAX_TARGETS]]
    findings = [f for c in checks if c.result for f in c.result.findings]
    output = ComplianceOutput(checks=checks, language=request.language,
                              verdict=worst_verdict(findings) if any(c.result for c in checks) else None)  # type: ignore[arg-type]
    get_stream_writer()({"event": "token", "text": answer(output)})
    return {"output": output}
