"""Fixtures for the HTTP tests: an app with fake models and two tenants with keys."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from server_fakes import fake_copilot, fake_deps

from agents.context import Deps
from server.app import create_app


@pytest.fixture
def deps(tmp_path: Path) -> Deps:
    return fake_deps(tmp_path / "home")


@pytest.fixture
def client(deps: Deps) -> Iterator[TestClient]:
    with TestClient(create_app(deps=deps, copilot=fake_copilot(deps))) as test_client:
        yield test_client


@pytest.fixture
def keys(client: TestClient) -> dict[str, dict[str, str]]:
    """Authorization headers for tenants acme and globex."""
    tenants = client.app.state.server.tenants  # type: ignore[attr-defined]
    return {name: {"Authorization": f"Bearer {tenants.create_key(name).api_key}"} for name in ("acme", "globex")}
