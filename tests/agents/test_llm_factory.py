from pathlib import Path

import pytest
from langchain_openai import ChatOpenAI
from pydantic import ValidationError

from agents.llm import load_chat_model
from agents.llm.embedded import embedded_model_path
from agents.llm.local import ChatLlamaCpp
from agents.llm.tokens import count_tokens, ensure_tiktoken_cache
from tools.errors import ModelFileError
from tools.settings import Settings


def test_local_provider_is_the_default_and_points_at_the_embedded_model(settings: Settings) -> None:
    model = load_chat_model(settings)
    assert isinstance(model, ChatLlamaCpp)
    assert model.model_path == embedded_model_path(settings.models_dir)
    assert model.repeat_penalty == pytest.approx(1.1)


def test_local_provider_takes_any_gguf_path(tmp_path: Path) -> None:
    model = load_chat_model(Settings(home=tmp_path, local_model_path=tmp_path / "other.gguf"))
    assert isinstance(model, ChatLlamaCpp) and model.model_path.name == "other.gguf"


def test_missing_local_model_file_is_a_clear_error(settings: Settings) -> None:
    with pytest.raises(ModelFileError, match="chuhai models prepare"):
        load_chat_model(settings).invoke("hi")


def test_openai_provider_uses_base_url_model_and_key(tmp_path: Path) -> None:
    model = load_chat_model(Settings(home=tmp_path, llm_provider="openai", llm_model="qwen2.5",
                                     llm_base_url="http://127.0.0.1:8080/v1", openai_api_key="sk-test"))
    assert isinstance(model, ChatOpenAI)
    assert model.model_name == "qwen2.5"
    assert model.openai_api_base == "http://127.0.0.1:8080/v1"


def test_openai_provider_without_key_or_endpoint_fails_fast(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="OPENAI_API_KEY"):
        Settings(home=tmp_path, llm_provider="openai")


def test_settings_read_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CHUHAI_HOME", str(tmp_path / "h"))
    monkeypatch.setenv("CHUHAI_LLM_PROVIDER", "openai")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    settings = Settings()
    assert settings.home == tmp_path / "h" and settings.openai_api_key == "sk-env"
    monkeypatch.setenv("CHUHAI_LLM_TEMPERATURE", "9")
    with pytest.raises(ValidationError):
        Settings()


def test_tiktoken_counts_offline(tmp_path: Path) -> None:
    # The network is blocked in tests: this only passes if the BPE files come from the package.
    ensure_tiktoken_cache(tmp_path / "tiktoken")
    assert count_tokens("hello world", "gpt-4o") == 2
    assert count_tokens("hello world", "gpt-4") == 2
    assert count_tokens("在沙特阿拉伯卖化妆品", "deepseek-chat") > 3
