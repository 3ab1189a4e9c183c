"""POST /v1/campaigns/plan through the app: the key's tenant, the contract's fields, errors as JSON."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_campaign_agent_support import EXAMPLES, make_deps, request_body, seed_history

from agents.context import Deps
from agents.router.fast import RouterIndex
from agents.service import Copilot
from server.app import create_app


@pytest.fixture
def deps(tmp_path: Path) -> Deps:
    built, _ = make_deps(tmp_path, ["The plan covers Saudi Arabia around Ramadan."])
    seed_history(built, "acme")
    return built


@pytest.fixture
def client(deps: Deps) -> Iterator[TestClient]:
    copilot = Copilot(deps, index=RouterIndex(deps.embedder, None, EXAMPLES))
    with TestClient(create_app(deps=deps, copilot=copilot)) as test_client:
        yield test_client


def key(client: TestClient, tenant: str) -> dict[str, str]:
    tenants = client.app.state.server.tenants  # type: ignore[attr-defined]
    return {"Authorization": f"Bearer {tenants.create_key(tenant).api_key}"}


def test_plan_route_answers_the_contract_with_the_keys_tenant_history(client: TestClient) -> None:
    body = {**request_body(), "tenant": "globex"}  # a tenant in the body is ignored
    response = client.post("/v1/campaigns/plan", json=body, headers=key(client, "acme"))
    assert response.status_code == 200, response.text
    data = response.json()
    assert {"allocations", "calendar", "kpis", "assumptions", "citations", "summary", "phases", "risks",
            "narrative_source", "exports"} <= set(data)
    assert set(data["allocations"][0]) >= {"market", "channel", "amount", "share", "rationale"}
    assert set(data["calendar"][0]) >= {"date", "market", "event", "action"}
    assert data["history"]["rows_used"] == 30  # acme's own ad history
    other = client.post("/v1/campaigns/plan", json=request_body(), headers=key(client, "globex")).json()
    assert other["history"]["rows_used"] == 0


def test_plan_route_errors(client: TestClient) -> None:
    assert client.post("/v1/campaigns/plan", json=request_body()).status_code == 401
    bad = client.post("/v1/campaigns/plan", json=request_body(end="2026-01-01"), headers=key(client, "acme"))
    assert bad.status_code == 400 and "before start" in bad.json()["error"]["message"]
    missing = client.post("/v1/campaigns/plan", json={"markets": ["US"]}, headers=key(client, "acme"))
    assert 400 <= missing.status_code < 500 and "error" in missing.json()
