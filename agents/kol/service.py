"""The service behind `chuhai kol match` and POST /v1/kol/match: matches, then outreach messages."""

from typing import Any

from pydantic import ValidationError

from agents.context import Deps
from agents.kol.graph import build_graph
from agents.kol.state import KolInput, KolMatchRequest, KolMatchResponse, KolOutput
from agents.llm.usage import UsageMeter
from tools.errors import BadInput


def parse_kol_request(data: Any) -> KolMatchRequest:
    """A KolMatchRequest from JSON-like data; BadInput names the wrong field."""
    try:
        return KolMatchRequest.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(map(str, error["loc"])) or "request"
        raise BadInput(f"{where}: {error['msg']}") from None


def match_kol(deps: Deps, request: KolMatchRequest, tenant: str, meter: UsageMeter | None = None) -> KolMatchResponse:
    """Creators for `tenant` (always the caller's, never from the body) and first messages to the top ones."""
    result = build_graph(deps, meter or UsageMeter()).invoke({"input": KolInput(request=request, tenant=tenant)})
    output = KolOutput.model_validate(result["output"])
    if output.response is None:
        raise BadInput(output.problem or "no creators could be matched for this request")
    return output.response
