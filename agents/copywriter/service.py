"""The service behind `chuhai copy` and POST /v1/copy/generate: localized copy per market × platform."""

from typing import Any

from agents.context import Deps
from agents.copywriter.graph import build_graph
from agents.copywriter.state import CopyRequest, CopyResponse, CopywriterInput, CopywriterOutput
from agents.copywriter.targets import parse_copy_request
from agents.llm.usage import UsageMeter


def generate_copy(deps: Deps, request: CopyRequest | dict[str, Any], tenant: str,
                  meter: UsageMeter | None = None) -> CopyResponse:
    """Every target's listing for `tenant` (always the caller's, never from the body); BadInput on a mistake."""
    checked = parse_copy_request(request)
    result = build_graph(deps, meter or UsageMeter()).invoke({"input": CopywriterInput(request=checked,
                                                                                       tenant=tenant)})
    output = CopywriterOutput.model_validate(result["output"])
    return CopyResponse(results=output.results)
