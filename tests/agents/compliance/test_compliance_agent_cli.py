"""`chuhai check`: --json prints the REST body, --batch one body per line, mistakes exit 2."""

import json
from pathlib import Path

import pytest
from compliance_agent_fakes import DownModel, RecordingModel, make_deps, proposal, review, rewrite
from typer.testing import CliRunner

from agents.context import Deps
from server import cli

runner = CliRunner()


def use(monkeypatch: pytest.MonkeyPatch, deps: Deps) -> None:
    monkeypatch.setattr(cli, "build_deps", lambda: deps)


def test_json_is_the_rest_body(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = RecordingModel(responses=[review(proposal("works where pills fail")), rewrite("feels cooling"), review()])
    use(monkeypatch, make_deps(tmp_path, model))
    result = runner.invoke(cli.app, ["check", "Our balm works where pills fail.", "--market", "US",
                                     "--category", "health", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["verdict"] == "block" and body["mode"] == "rules+model"
    assert body["findings"][0]["span"] == {"start": 9, "end": 31, "text": "works where pills fail"}
    assert body["revised_text"] == "Our balm feels cooling."


def test_rules_only_flag_and_rich_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = RecordingModel(responses=[])
    use(monkeypatch, make_deps(tmp_path, model, corpus=False))
    result = runner.invoke(cli.app, ["check", "Our cream cures eczema.", "--market", "us", "--category", "cosmetics",
                                     "--rules-only"])
    assert result.exit_code == 0, result.output
    assert "BLOCK" in result.stdout and "us.fda.201g.cosmetic_drug_claims" in result.stdout
    assert "Sec. 201(g)(1)" in result.stdout and "revised text" in result.stdout and model.prompts == []


def test_batch_lines_are_rest_bodies_and_bad_lines_report_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use(monkeypatch, make_deps(tmp_path, DownModel(responses=[])))
    batch = tmp_path / "in.jsonl"
    lines = [{"text": "Our cream cures eczema.", "markets": ["US"], "category": "cosmetics"},
             {"text": "", "markets": ["US"]}, {"text": "ok", "markets": ["XX"]},
             {"text": "ok", "markets": ["US"], "channel": "fax"}]
    batch.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli.app, ["check", "--batch", str(batch)])
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0 and len(out) == 4
    assert out[0]["verdict"] == "block" and out[0]["mode"] == "rules"  # the model is down: rules only
    assert any("model review did not run" in n for n in out[0]["notes"])
    assert [o["error"]["code"] for o in out[1:]] == ["bad_input"] * 3
    assert "unknown market 'XX'" in out[2]["error"]["message"] and "channel" in out[3]["error"]["message"]


def test_unknown_market_is_one_clear_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use(monkeypatch, make_deps(tmp_path, RecordingModel(responses=[]), corpus=False))
    result = runner.invoke(cli.app, ["check", "hello there", "--market", "ZZ"])
    assert result.exit_code == 2 and "unknown market 'ZZ'" in result.output
