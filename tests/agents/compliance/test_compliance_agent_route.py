"""POST /v1/compliance/check: the REST body, rules-only when the model is down, 4xx for bad input."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from compliance_agent_fakes import DownModel, RecordingModel, make_deps, proposal, review
from fastapi.testclient import TestClient
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from agents.router.fast import RouterIndex
from agents.service import Copilot
from server.app import create_app

BODY = {"text": "Our cream cures eczema and works where pills fail.", "markets": ["US"], "category": "cosmetics",
        "channel": "ad"}


def client_for(tmp_path: Path, model: FakeListChatModel) -> Iterator[tuple[TestClient, dict[str, str]]]:
    deps = make_deps(tmp_path, model)
    copilot = Copilot(deps, index=RouterIndex(deps.embedder, None, {"compliance": ["check this ad"]}))
    with TestClient(create_app(deps=deps, copilot=copilot)) as client:
        key = client.app.state.server.tenants.create_key("acme").api_key  # type: ignore[attr-defined]
        yield client, {"Authorization": f"Bearer {key}"}


@pytest.fixture
def down(tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str]]]:
    yield from client_for(tmp_path, DownModel(responses=[]))


def test_model_down_gives_the_rules_only_result_with_a_note(down: tuple[TestClient, dict[str, str]]) -> None:
    client, auth = down
    response = client.post("/v1/compliance/check", json=BODY, headers=auth)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["verdict"] == "block" and body["mode"] == "rules"
    assert body["findings"][0]["rule_id"] == "us.fda.201g.cosmetic_drug_claims"
    assert body["findings"][0]["span"] == {"start": 10, "end": 15, "text": "cures"}
    assert "cures" not in body["revised_text"]
    assert any("model review did not run" in note for note in body["notes"])


def test_bad_input_is_a_4xx_error_body(down: tuple[TestClient, dict[str, str]]) -> None:
    client, auth = down
    for bad in ({**BODY, "channel": "fax"}, {**BODY, "text": ""}, {**BODY, "markets": ["ZZ"]},
                {**BODY, "text": "x" * 20_001}):
        response = client.post("/v1/compliance/check", json=bad, headers=auth)
        error = response.json()["error"]
        assert 400 <= response.status_code < 500 and error["code"] in {"bad_input", "invalid_request"}, bad
        assert error["message"], bad
    unknown = client.post("/v1/compliance/check", json={**BODY, "markets": ["ZZ"]}, headers=auth).json()
    assert "unknown market 'ZZ'" in unknown["error"]["message"]
    assert client.post("/v1/compliance/check", json=BODY).status_code == 401


def test_model_review_runs_through_the_route(tmp_path: Path) -> None:
    model = RecordingModel(responses=[review(proposal("works where pills fail")), review()])
    for client, auth in client_for(tmp_path, model):
        body = client.post("/v1/compliance/check?rules_only=false", json=BODY, headers=auth).json()
        assert body["mode"] == "rules+model"
        assert [f["source"] for f in body["findings"]] == ["rules", "model"]
        rules = client.post("/v1/compliance/check?rules_only=true", json=BODY, headers=auth).json()
        assert rules["mode"] == "rules" and len(rules["findings"]) == 1
