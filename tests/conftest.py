"""Shared fixtures. The network is blocked for every test (pytest-socket in pyproject)."""

from pathlib import Path

import pytest
from fakes import FakeEmbedder

from tools.settings import Settings

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _offline_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
                       "LANGSMITH_TRACING": "false"}.items():
        monkeypatch.setenv(key, value)
    for key in ("CHUHAI_LLM_PROVIDER", "CHUHAI_LLM_BASE_URL", "OPENAI_API_KEY", "CHUHAI_EMBEDDER",
                "CHUHAI_ROUTER_EMBEDDER", "CHUHAI_HOME"):
        monkeypatch.delenv(key, raising=False)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home")


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def repo() -> Path:
    return REPO
