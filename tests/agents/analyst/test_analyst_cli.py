"""`chuhai bi`, `chuhai import` and `chuhai demo` through the CLI."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agents.analyst.service import answer_question
from agents.analyst.state import BIRequest
from server import cli

runner = CliRunner()
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture
def use_deps(monkeypatch: pytest.MonkeyPatch):
    def install(deps):
        monkeypatch.setattr(cli, "build_deps", lambda: deps)
        return deps

    return install


def test_bi_json_prints_the_rest_body(demo_settings, make_deps, use_deps):
    use_deps(make_deps(demo_settings, "Not a faithful summary: 1234567."))
    result = runner.invoke(cli.app, ["bi", "What was ROAS by platform last month?", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert {"answer", "spec", "sql", "columns", "rows", "chart", "params", "narrative_source"} <= set(body)
    question = BIRequest(question="What was ROAS by platform last month?")
    direct = answer_question(make_deps(demo_settings, "x"), "demo", question)
    assert body["rows"] == direct.model_dump(mode="json")["rows"] and body["columns"] == ["ad_platform", "roas"]
    assert body["narrative_source"] == "template" and "1234567" not in body["answer"]


def test_bi_batch_answers_each_line_and_reports_bad_ones(demo_settings, make_deps, use_deps, tmp_path):
    use_deps(make_deps(demo_settings, "Result."))
    batch = tmp_path / "questions.jsonl"
    batch.write_text('{"question": "上个月的订单数"}\n{"question": ""}\n', encoding="utf-8")
    result = runner.invoke(cli.app, ["bi", "--batch", str(batch)])
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["columns"] == ["orders"] and first["rows"][0][0] > 0
    assert second["error"]["code"] == "bad_input"


def test_bi_for_a_tenant_without_data_is_one_clear_error(demo_settings, make_deps, use_deps):
    use_deps(make_deps(demo_settings))
    result = runner.invoke(cli.app, ["bi", "revenue", "--tenant", "nobody"])
    assert result.exit_code == 2 and "no analytics data" in result.stderr


def test_import_a_shopify_export_then_the_same_file_again(settings, make_deps, use_deps):
    use_deps(make_deps(settings))
    path = FIXTURES / "analytics" / "shopify_orders.csv"
    first = runner.invoke(cli.app, ["import", "shopify_orders", str(path), "--tenant", "acme", "--json"])
    assert first.exit_code == 0, first.output
    body = json.loads(first.stdout)
    assert body["rows_imported"] > 0 and all({"line", "reason"} <= set(r) for r in body["rejected"])
    again = json.loads(runner.invoke(cli.app, ["import", "shopify_orders", str(path), "--tenant", "acme",
                                               "--json"]).stdout)
    assert again["rows_imported"] == 0 and again["duplicate"] is True


def test_import_reports_rejected_rows_with_their_line(settings, make_deps, use_deps):
    use_deps(make_deps(settings))
    path = FIXTURES / "analytics" / "shopify_orders_bad_rows.csv"
    body = json.loads(runner.invoke(cli.app, ["import", "shopify_orders", str(path), "--json"]).stdout)
    assert body["rejected"] and all(r["line"] > 1 for r in body["rejected"])


def test_import_creators_with_a_default_platform(settings, make_deps, use_deps):
    use_deps(make_deps(settings))
    path = FIXTURES / "kol" / "generic.csv"
    result = runner.invoke(cli.app, ["import", "creators", str(path), "--platform", "instagram", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows_imported"] > 0


def test_import_unknown_source_is_one_clear_error(settings, make_deps, use_deps):
    use_deps(make_deps(settings))
    result = runner.invoke(cli.app, ["import", "ebay_orders", str(FIXTURES / "analytics" / "shopify_orders.csv")])
    assert result.exit_code == 2 and "unknown source" in result.stderr


def test_demo_seeds_once_and_a_second_run_changes_nothing(settings, make_deps, use_deps):
    use_deps(make_deps(settings))
    args = ["demo", "--tenant", "tiny", "--days", "7", "--scale", "0.2", "--creators", "20", "--json"]
    first = json.loads(runner.invoke(cli.app, args).stdout)
    second = json.loads(runner.invoke(cli.app, args).stdout)
    assert first["mode"] == "created" and first["orders"] > 0 and first["ad_rows"] > 0 and first["creators"] == 20
    assert second["mode"] == "unchanged" and second["files_imported"] == 0 and second["rows_imported"] == 0
    assert {k: second[k] for k in ("orders", "order_lines", "ad_rows", "creators")} == {
        k: first[k] for k in ("orders", "order_lines", "ad_rows", "creators")}


def test_bi_prints_the_answer_table_and_sql(demo_settings, make_deps, use_deps):
    use_deps(make_deps(demo_settings, "Result."))
    result = runner.invoke(cli.app, ["bi", "上个月各市场的订单数"])
    assert result.exit_code == 0, result.output
    assert "Result." in result.stdout and "market" in result.stdout and "SELECT" in result.stdout
