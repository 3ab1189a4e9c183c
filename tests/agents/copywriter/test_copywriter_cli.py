"""`chuhai copy`: --json prints the REST body; mistakes are one clear line and exit 2."""

import json
from pathlib import Path

import pytest
from copywriter_fakes import PRODUCT, RecordingModel, amazon_de, make_deps
from typer.testing import CliRunner

from agents.context import Deps
from server import cli

runner = CliRunner()


@pytest.fixture
def deps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Deps:
    built = make_deps(tmp_path, RecordingModel(responses=[amazon_de()]))
    monkeypatch.setattr(cli, "build_deps", lambda: built)
    return built


@pytest.fixture
def product_file(tmp_path: Path) -> Path:
    path = tmp_path / "product.json"
    path.write_text(json.dumps(PRODUCT, ensure_ascii=False), encoding="utf-8")
    return path


def test_copy_json_prints_the_response_body(deps: Deps, product_file: Path) -> None:
    result = runner.invoke(cli.app, ["copy", "--product", str(product_file), "--target", "DE:amazon",
                                     "--target", "JP:tiktok_ads", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    first, second = body["results"]
    assert (first["market"], first["platform"], first["source"]) == ("DE", "amazon", "model")
    assert first["fields"]["title"] == "Acme X200 Rohrverbinder aus Kupfer"
    assert {c["name"] for c in first["checks"]} >= {"limits", "language", "facts", "repetition"}
    assert first["compliance"]["verdict"] == "pass"
    assert second["language"] == "ja" and second["source"] == "fallback"  # the scripted model had one draft


def test_copy_rich_output_shows_fields_checks_and_verdict(deps: Deps, product_file: Path) -> None:
    result = runner.invoke(cli.app, ["copy", "--product", str(product_file), "--target", "DE:amazon"])
    assert result.exit_code == 0, result.output
    assert "DE · amazon · de" in result.output and "compliance pass" in result.output
    assert "Rohrverbinder aus Kupfer" in result.output and "facts" in result.output


def test_copy_batch_answers_each_line(deps: Deps, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    lines = [{"product": PRODUCT, "targets": [{"market": "FR", "platform": "meta_ads"}], "use_model": False},
             {"product": PRODUCT, "targets": [{"market": "XX", "platform": "amazon"}]}]
    batch.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    result = runner.invoke(cli.app, ["copy", "--batch", str(batch)])
    assert result.exit_code == 0, result.output
    good, bad = (json.loads(line) for line in result.stdout.splitlines())
    assert good["results"][0]["language"] == "fr" and "unknown market 'XX'" in bad["error"]["message"]


@pytest.mark.parametrize(("args", "message"), [
    (["--target", "DE"], "MARKET:PLATFORM"),
    (["--target", "DE:ebay"], "unknown platform"),
    (["--target", "DE:amazon", "--variants", "9"], "variants must be 1 to 5"),
])
def test_mistakes_exit_2_with_one_line(deps: Deps, product_file: Path, args: list[str], message: str) -> None:
    result = runner.invoke(cli.app, ["copy", "--product", str(product_file), *args])
    assert result.exit_code == 2 and message in result.output


def test_a_missing_product_file_is_a_clear_error(deps: Deps, tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["copy", "--product", str(tmp_path / "none.json"), "--target", "DE:amazon"])
    assert result.exit_code == 2 and "does not exist" in result.output
