"""`chuhai plan`: --json prints the REST body; exports are written when asked; batch and bad input."""

import json
from pathlib import Path

import pytest
from test_campaign_agent_support import make_deps, request_body
from typer.testing import CliRunner

from agents.campaign.state import CampaignPlanResponse
from agents.context import Deps
from server import cli

runner = CliRunner()
NARRATIVE = "The plan covers Saudi Arabia around Ramadan."


@pytest.fixture
def deps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Deps:
    built, _ = make_deps(tmp_path, [NARRATIVE])
    monkeypatch.setattr(cli, "build_deps", lambda: built)
    return built


@pytest.fixture
def product_file(tmp_path: Path) -> Path:
    path = tmp_path / "product.json"
    path.write_text(json.dumps({"name": "Prayer mat", "category": "home", "features": ["non-slip"]}), "utf-8")
    return path


def test_plan_json_prints_the_rest_body_and_writes_the_exports(deps: Deps, product_file: Path, tmp_path: Path) -> None:
    csv, ics, md = tmp_path / "plan.csv", tmp_path / "plan.ics", tmp_path / "plan.md"
    result = runner.invoke(cli.app, [
        "plan", "--product", str(product_file), "--market", "SA", "--budget", "3000", "--currency", "USD",
        "--start", "2026-02-10", "--end", "2026-03-15", "--channel", "meta", "--channel", "google_search",
        "--json", "--csv", str(csv), "--ics", str(ics), "--md", str(md),
    ])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    response = CampaignPlanResponse.model_validate(body)
    assert response.summary == NARRATIVE and response.narrative_source == "model"
    assert {"allocations", "calendar", "kpis", "assumptions", "citations", "summary"} <= set(body)
    assert sum(float(a["amount"]) for a in body["allocations"]) == pytest.approx(3000)
    rows = csv.read_text("utf-8").splitlines()
    assert rows[0].startswith("market,channel,amount") and len(rows) == 1 + len(response.allocations)
    calendar = ics.read_text("utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR") and "Ramadan" in calendar
    assert "Prayer mat" in md.read_text("utf-8")


def test_plan_batch_answers_each_line(deps: Deps, tmp_path: Path) -> None:
    batch = tmp_path / "plans.jsonl"
    lines = [json.dumps(request_body(narrative=False)), json.dumps(request_body(markets=["XX"])), "not json"]
    batch.write_text("\n".join(lines), "utf-8")
    result = runner.invoke(cli.app, ["plan", "--batch", str(batch)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["narrative_source"] == "deterministic" and out[0]["allocations"]
    assert out[1]["error"]["code"] == "bad_input" and "XX" in out[1]["error"]["message"]
    assert out[2]["error"]["code"] == "bad_input"


def test_a_bad_product_file_is_one_clear_line(deps: Deps, tmp_path: Path) -> None:
    bad = tmp_path / "product.json"
    bad.write_text("[1, 2]", "utf-8")
    result = runner.invoke(cli.app, ["plan", "--product", str(bad), "--market", "SA", "--budget", "100",
                                     "--start", "2026-02-10", "--end", "2026-03-15"])
    assert result.exit_code == 2 and "JSON object" in result.output


def test_rich_output_shows_the_split_and_calendar(deps: Deps, product_file: Path) -> None:
    result = runner.invoke(cli.app, ["plan", "--product", str(product_file), "--market", "SA", "--budget", "3000",
                                     "--start", "2026-02-10", "--end", "2026-03-15", "--no-narrative"])
    assert result.exit_code == 0, result.output
    assert "Deterministic plan summary" in result.output and "Ramadan" in result.output
