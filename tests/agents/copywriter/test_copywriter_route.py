"""POST /v1/copy/generate: the REST body, the caller's tenant, 4xx for bad input."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from copywriter_fakes import RecordingModel, amazon_de, make_deps, request
from fastapi.testclient import TestClient

from agents.router.fast import RouterIndex
from agents.service import Copilot
from server.app import create_app


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str]]]:
    deps = make_deps(tmp_path, RecordingModel(responses=[amazon_de()]))
    copilot = Copilot(deps, index=RouterIndex(deps.embedder, None, {"copywriter": ["write an amazon listing"]}))
    with TestClient(create_app(deps=deps, copilot=copilot)) as test_client:
        key = test_client.app.state.server.tenants.create_key("acme").api_key  # type: ignore[attr-defined]
        yield test_client, {"Authorization": f"Bearer {key}"}


def test_generate_returns_the_contract_body(client: tuple[TestClient, dict[str, str]]) -> None:
    test_client, auth = client
    response = test_client.post("/v1/copy/generate", json=request("DE:amazon"), headers=auth)
    assert response.status_code == 200, response.text
    result = response.json()["results"][0]
    assert {"market", "platform", "language", "fields", "compliance", "citations", "checks", "rounds",
            "source"} <= set(result)
    assert result["source"] == "model" and result["fields"]["title"] == "Acme X200 Rohrverbinder aus Kupfer"
    assert result["compliance"]["verdict"] == "pass" and all(c["ok"] for c in result["checks"])


def test_bad_input_is_a_4xx_error_body(client: tuple[TestClient, dict[str, str]]) -> None:
    test_client, auth = client
    for body, message in ((request("ZZ:amazon"), "unknown market"), (request("DE:amazon", variants=7), "variants"),
                          (request("DE:fax"), "unknown platform")):
        response = test_client.post("/v1/copy/generate", json=body, headers=auth)
        assert 400 <= response.status_code < 500, response.text
        assert message in response.json()["error"]["message"]
    assert test_client.post("/v1/copy/generate", json=request("DE:amazon")).status_code == 401
