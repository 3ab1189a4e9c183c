import json
from pathlib import Path

import pytest
from fakes import FakeEmbedder
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from typer.testing import CliRunner

from agents.context import Deps
from agents.router.fast import RouterIndex
from agents.service import Copilot
from server import cli
from tools.settings import Settings

DRAFT_SFDA = '{"points": [{"text": "Products must be listed with the SFDA", "sources": [1]}]}'
DRAFT_UAE = '{"points": [{"text": "In the UAE too", "sources": [1]}]}'
EXAMPLES = {
    "copywriter": ["write an amazon listing"], "compliance": ["check this ad for compliance"],
    "campaign": ["plan my ad budget"], "kol": ["find influencers"], "analyst": ["my revenue last month"],
    "research": ["what regulations apply to cosmetics"],
}
runner = CliRunner()


@pytest.fixture
def deps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Deps:
    built = Deps(settings=Settings(home=tmp_path / "home", router_confidence=0.3),
                 _chat_model=FakeListChatModel(responses=[DRAFT_SFDA]), _embedder=FakeEmbedder())
    monkeypatch.setattr(cli, "build_deps", lambda: built)
    monkeypatch.setattr(cli, "copilot", lambda: Copilot(built, index=RouterIndex(built.embedder, None, EXAMPLES)))
    monkeypatch.setenv("CHUHAI_HOME", str(tmp_path / "home"))
    return built


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus" / "sa.md"
    path.parent.mkdir()
    path.write_text("---\nid: sa\ntitle: Saudi\njurisdictions: [SA]\nsource_url: https://example.org/sa\n---\n"
                    "## Rules\nCosmetics regulations: SFDA listing is required for cosmetics.\n", encoding="utf-8")
    return path.parent


def test_route_json_is_the_rest_body(deps: Deps) -> None:
    result = runner.invoke(cli.app, ["route", "find influencers for my lamp", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["specialists"] == ["kol"] and body["source"] == "fast" and body["missing"] == ["market"]


def test_route_batch_reports_bad_lines_and_goes_on(deps: Deps, tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text('{"text": "plan my ad budget for US, $500"}\nnot json\n{"text": ""}\n', encoding="utf-8")
    result = runner.invoke(cli.app, ["route", "--batch", str(batch)])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0 and len(lines) == 3
    assert lines[0]["specialists"] == ["campaign"]
    assert lines[1]["error"]["code"] == "bad_input" and "line 2" in lines[1]["error"]["message"]
    assert "empty" in lines[2]["error"]["message"]


def test_knowledge_ingest_and_search(deps: Deps, corpus: Path) -> None:
    first = runner.invoke(cli.app, ["knowledge", "ingest", str(corpus), "--json"])
    assert json.loads(first.stdout)["added"] == 1
    again = runner.invoke(cli.app, ["knowledge", "ingest", str(corpus), "--json"])
    assert json.loads(again.stdout)["unchanged"] == 1
    found = runner.invoke(cli.app, ["knowledge", "search", "SFDA cosmetics", "--json"])
    assert json.loads(found.stdout)["results"][0]["chunk_id"] == "sa#0"


def test_ask_json_reports_answer_citations_and_token_usage(deps: Deps, corpus: Path) -> None:
    deps.store.ingest(corpus)
    result = runner.invoke(cli.app, ["ask", "what regulations apply to cosmetics in Saudi Arabia", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert set(body) >= {"thread_id", "specialists", "answer", "result", "citations", "steps", "usage"}
    assert body["citations"][0]["id"] == "sa#0"
    research = next(s for s in body["steps"] if s["name"] == "research")
    assert research["model_calls"] == 1 and research["seconds"] > 0


def test_user_mistakes_print_one_line_without_traceback(deps: Deps, tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["knowledge", "ingest", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr and "Traceback" not in result.output


def test_bad_configuration_is_reported_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHUHAI_LLM_PROVIDER", "banana")
    result = runner.invoke(cli.app, ["models", "info", "--json"])
    assert result.exit_code == 2 and "CHUHAI_LLM_PROVIDER" in result.stderr


def test_models_info_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHUHAI_HOME", str(tmp_path))
    body = json.loads(runner.invoke(cli.app, ["models", "info", "--json"]).stdout)
    assert body["llm_provider"] == "local" and body["local_model_ready"] is False and body["embedder"] == "e5"
    assert body["router_embedder"] == "use"


def test_chat_streams_steps_and_the_cited_answer(deps: Deps, corpus: Path) -> None:
    deps.store.ingest(corpus)
    result = runner.invoke(cli.app, ["chat"], input="what regulations apply to cosmetics in Saudi Arabia\n/quit\n")
    assert result.exit_code == 0, result.output
    assert "▶ research" in result.stdout and "■ research" in result.stdout
    assert "Products must be listed with the SFDA" in result.stdout and "https://example.org/sa" in result.stdout


def test_python_dash_m_runs_the_same_commands() -> None:
    """`python -m server.cli` registers every command once (the command modules import `server.cli`)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "server.cli", "--help"], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stderr
    for command in ("serve", "check", "copy", "plan", "bi", "import"):
        assert command in done.stdout
