"""`chuhai kol match` on a small demo directory, and POST /v1/kol/match through the app."""

import json
from pathlib import Path
from typing import Any, cast

import pytest
from fakes import FakeEmbedder
from fastapi.testclient import TestClient
from kol_agent_fakes import TENT, DownChatModel
from typer.testing import CliRunner

from agents.context import Deps
from server import cli
from server.app import create_app
from server.deps import current_tenant
from tools.kol import load_demo_creators, open_creator_db, tenant_db_path
from tools.settings import Settings

CONTRACT = {"creator_id", "handle", "platform", "country", "language", "followers", "engagement_rate", "fit_score",
            "fraud_risk", "estimated_cost", "reasons"}
runner = CliRunner()


@pytest.fixture
def deps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Deps:
    settings = Settings(home=tmp_path / "home")
    conn = open_creator_db(tenant_db_path(settings, "acme"))
    load_demo_creators(conn, n=150)
    conn.close()
    built = Deps(settings=settings, _chat_model=DownChatModel(), _embedder=FakeEmbedder())
    monkeypatch.setattr(cli, "build_deps", lambda: built)
    return built


@pytest.fixture
def product_file(tmp_path: Path) -> Path:
    path = tmp_path / "tent.json"
    path.write_text(TENT.model_dump_json(), encoding="utf-8")
    return path


def _match(*args: str) -> Any:
    return runner.invoke(cli.app, ["kol", "match", "--tenant", "acme", *args])


def test_kol_agent_cli_json_is_the_rest_body(deps: Deps, product_file: Path) -> None:
    result = _match("--product", str(product_file), "--market", "US", "--market", "GB", "--limit", "4",
                    "--outreach", "2", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert 0 < len(body["matches"]) <= 4 and set(body["matches"][0]) >= CONTRACT
    assert {m["country"] for m in body["matches"]} <= {"US", "GB"}
    assert [o["creator_id"] for o in body["outreach"]] == [m["creator_id"] for m in body["matches"][:2]]
    for item in body["outreach"]:
        assert item["source"] == "template" and item["disclosure"] == "#ad" and "#ad" in item["message"]
    assert body["notes"]  # why the messages are templates


def test_kol_agent_cli_budget_is_respected_and_needs_a_currency(deps: Deps, product_file: Path) -> None:
    result = _match("--product", str(product_file), "--market", "US", "--budget", "900", "--currency", "usd",
                    "--outreach", "0", "--json")
    body = json.loads(result.stdout)
    assert body["outreach"] == [] and body["total_cost"]["amount"] <= 900
    table = _match("--product", str(product_file), "--market", "US", "--budget", "900", "--currency", "USD",
                   "--outreach", "1")
    assert table.exit_code == 0 and f"@{body['matches'][0]['handle']}" in table.stdout and "#ad" in table.stdout
    missing = _match("--product", str(product_file), "--market", "US", "--budget", "900")
    assert missing.exit_code == 2 and "--currency" in missing.stderr


def test_kol_agent_cli_reports_bad_input_in_one_line(deps: Deps, product_file: Path, tmp_path: Path) -> None:
    unknown = _match("--product", str(product_file), "--market", "XX")
    assert unknown.exit_code == 2 and "unknown market" in unknown.stderr
    absent = _match("--product", str(tmp_path / "none.json"), "--market", "US")
    assert absent.exit_code == 2 and "does not exist" in absent.stderr


def test_kol_agent_cli_batch_answers_each_line(deps: Deps, tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    good = {"product": TENT.model_dump(), "markets": ["DE"], "limit": 3, "outreach": 1, "min_followers": 1000}
    batch.write_text(json.dumps(good) + "\n" + json.dumps({**good, "markets": []}) + "\n", encoding="utf-8")
    result = _match("--batch", str(batch))
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert all(m["followers"] >= 1000 and m["country"] == "DE" for m in first["matches"])
    assert first["outreach"][0]["disclosure"] == "#Werbung"
    assert second["error"]["code"] == "bad_input" and "markets" in second["error"]["message"]


def _client(deps: Deps, tenant: str) -> TestClient:
    app = create_app(deps=deps, copilot=cast(Any, object()))
    app.dependency_overrides[current_tenant] = lambda: tenant
    return TestClient(app)


def test_kol_agent_route_matches_for_the_callers_tenant_only(deps: Deps) -> None:
    body = {"product": TENT.model_dump(), "markets": ["US"], "limit": 3, "outreach": 1,
            "filters": {"max_followers": 2_000_000}}
    with _client(deps, "acme") as client:
        response = client.post("/v1/kol/match", json=body)
        assert response.status_code == 200, response.text
        data = response.json()
        assert data["matches"] and set(data["matches"][0]) >= CONTRACT and data["outreach"][0]["source"] == "template"
        bad = client.post("/v1/kol/match", json={**body, "markets": ["XX"]})
        assert bad.status_code == 400 and "unknown market" in bad.json()["error"]["message"]
    with _client(deps, "other") as client:
        assert client.post("/v1/kol/match", json=body).json()["matches"] == []
