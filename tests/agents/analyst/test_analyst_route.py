"""POST /v1/bi/query: the caller's tenant comes from its API key, the body is the REST contract."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from agents.router.fast import RouterIndex
from agents.service import Copilot
from server.app import create_app

EXAMPLES = {"analyst": ["my revenue last month"], "research": ["what regulations apply to cosmetics"]}


@pytest.fixture
def client(demo_settings, make_deps, copy_first_row) -> Iterator[TestClient]:
    deps = make_deps(demo_settings, copy_first_row)
    copilot = Copilot(deps, index=RouterIndex(deps.embedder, None, EXAMPLES))
    with TestClient(create_app(deps=deps, copilot=copilot)) as test_client:
        yield test_client


def _key(client: TestClient, tenant: str) -> dict[str, str]:
    tenants = client.app.state.server.tenants  # type: ignore[attr-defined]
    return {"Authorization": f"Bearer {tenants.create_key(tenant).api_key}"}


def test_bi_query_answers_from_the_key_tenants_data(client):
    response = client.post("/v1/bi/query", json={"question": "上个月各市场的订单数"}, headers=_key(client, "demo"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert {"answer", "spec", "sql", "columns", "rows", "chart"} <= set(body)
    assert body["columns"] == ["market", "orders"] and body["chart"]["mark"]["type"] == "bar"


def test_a_body_cannot_pick_another_tenant(client):
    headers = _key(client, "acme")
    response = client.post("/v1/bi/query", json={"question": "revenue", "tenant": "demo"}, headers=headers)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_an_empty_question_is_bad_input_and_no_key_is_refused(client):
    assert client.post("/v1/bi/query", json={"question": ""}, headers=_key(client, "demo")).status_code in (400, 422)
    assert client.post("/v1/bi/query", json={"question": "revenue"}).status_code == 401
