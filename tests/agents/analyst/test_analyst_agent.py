"""The analyst with scripted models: parser path, model fallback, ask-backs, narrative checks, charts."""

import json
from datetime import date

import duckdb
import pytest

from agents.analyst.service import answer_question
from agents.analyst.state import BIRequest
from tools.analytics.semantic import numbers_in_text
from tools.analytics.store import tenant_db_path
from tools.errors import NotFound

SEPTEMBER = (date(2026, 9, 1), date(2026, 9, 30))


def ask(deps, question, tenant="demo"):
    return answer_question(deps, tenant, BIRequest(question=question))


def orders_by_market(settings, start, end):
    """Plain SQL, written here without the semantic layer."""
    conn = duckdb.connect(str(tenant_db_path(settings, "demo")), read_only=True)
    rows = conn.execute(
        "SELECT market, COUNT(*) FROM orders WHERE cancelled IS NOT TRUE AND order_date BETWEEN ? AND ? "
        "GROUP BY market", [start, end]).fetchall()
    conn.close()
    return {market: count for market, count in rows}


def test_parser_path_answers_without_the_model_reading_the_question(demo_settings, make_deps, copy_first_row):
    deps = make_deps(demo_settings, copy_first_row)
    response = ask(deps, "上个月各市场的订单数")
    assert response.spec_source == "parser" and response.today == date(2026, 10, 31)
    assert (response.spec.time_range.start, response.spec.time_range.end) == SEPTEMBER
    assert {row[0]: row[1] for row in response.rows} == orders_by_market(demo_settings, *SEPTEMBER)
    model = deps.chat_model
    assert len(model.prompts) == 1 and "总结" in model.prompts[0][0].content  # the narrative call only
    assert response.narrative_source == "model" and response.language == "zh"
    assert response.chart["mark"]["type"] == "bar" and response.chart["encoding"]["x"]["field"] == "market"
    assert "SELECT" in response.sql and "2026-09-01" in json.dumps(response.params)


def test_unsure_parse_goes_to_the_model_whose_spec_is_validated(demo_settings, make_deps, copy_first_row):
    draft = '{"metrics": ["net_revenue"], "dimensions": ["market"], "filters": []}'
    deps = make_deps(demo_settings, draft, copy_first_row)
    response = ask(deps, "上个月各市场的毛利")
    assert response.spec_source == "model" and response.spec.metrics == ["net_revenue"]
    assert response.spec.dimensions == ["market"]
    assert (response.spec.time_range.start, response.spec.time_range.end) == SEPTEMBER  # dates are the parser's
    schema_prompt = deps.chat_model.prompts[0]
    assert "net_revenue" in schema_prompt[0].content and "毛利" in schema_prompt[1].content


def test_the_model_completes_what_the_parser_read_and_keeps_its_filters(demo_settings, make_deps, copy_first_row):
    """No metric word the parser knows ("takings"), but "德国站" is read: the model sees it, and may not drop it."""
    draft = '{"metrics": ["revenue"], "dimensions": [], "filters": []}'
    deps = make_deps(demo_settings, draft, copy_first_row)
    response = ask(deps, "德国站上个月的takings")
    assert response.spec_source == "model" and response.spec.metrics == ["revenue"]
    assert [(f.dimension, f.values) for f in response.spec.filters] == [("market", ["DE"])]
    assert '"market"' in deps.chat_model.prompts[0][1].content  # the first reading, given to the model


def test_model_filter_values_not_in_the_question_are_sent_back(demo_settings, make_deps, copy_first_row):
    invented = '{"metrics": ["revenue"], "filters": [{"dimension": "campaign", "values": ["Mega Sale"]}]}'
    fixed = '{"metrics": ["revenue"]}'
    deps = make_deps(demo_settings, invented, fixed, copy_first_row)
    response = ask(deps, "how did the shop do in takings last month")
    assert response.spec.filters == [] and response.spec_source == "model"
    assert "Mega Sale" in deps.chat_model.prompts[1][-1].content


def test_unknown_metric_from_the_model_asks_back_with_the_closest_names(demo_settings, make_deps):
    deps = make_deps(demo_settings, '{"metrics": ["gross_margn"]}')
    response = ask(deps, "what was our gross margin last month")
    assert response.sql is None and response.rows == [] and response.ask_back is not None
    assert "gross_revenue" in response.ask_back.choices
    assert response.answer == response.ask_back.question


def test_an_ambiguous_term_asks_back_without_the_model(demo_settings, make_deps):
    deps = make_deps(demo_settings)
    response = ask(deps, "ROI by market last month")
    assert response.ask_back.choices == ["roas", "blended_roas"] and response.sql is None
    assert deps.chat_model.prompts == []


def test_model_failure_without_a_parse_asks_back_instead_of_guessing(demo_settings, make_deps):
    deps = make_deps(demo_settings, "not json at all")
    response = ask(deps, "欧洲市场的毛利")
    assert response.ask_back is not None and response.sql is None and response.ask_back.choices
    assert any("model" in note for note in response.notes)


def test_invented_number_is_regenerated_once_then_accepted(demo_settings, make_deps, copy_first_row):
    deps = make_deps(demo_settings, "Revenue by market was 999999 USD.", copy_first_row)
    response = ask(deps, "revenue by market last month")
    assert response.narrative_source == "model" and "999999" not in response.answer
    retry = deps.chat_model.prompts[1][-1].content
    assert "999999" in retry


def test_invented_numbers_twice_fall_back_to_the_template(demo_settings, make_deps):
    deps = make_deps(demo_settings, "Revenue was 999999.", "Revenue was 888888.")
    response = ask(deps, "revenue by market last month")
    assert response.narrative_source == "template" and len(deps.chat_model.prompts) == 2
    assert "999999" not in response.answer and "888888" not in response.answer
    top_market, top_revenue = response.rows[0]
    assert top_market in response.answer and f"{top_revenue:,.2f}" in response.answer


def test_template_narrative_is_in_the_question_language(demo_settings, make_deps):
    deps = make_deps(demo_settings, "编造 123456789")
    response = ask(deps, "上个月的销售额")
    assert response.narrative_source == "template" and "销售额" in response.answer
    assert f"{response.rows[0][0]:,.2f}" in response.answer and response.chart is None


def test_empty_result_says_so_without_numbers(demo_settings, make_deps):
    deps = make_deps(demo_settings)
    for question in ("2020年1月的销售额", "revenue by market in January 2020"):
        response = ask(deps, question)
        assert response.narrative_source == "template" and deps.chat_model.prompts == []
        assert numbers_in_text(response.answer) == [], response.answer
    assert "no data" in response.answer


def test_time_series_gets_a_line_chart(demo_settings, make_deps, copy_first_row):
    response = ask(make_deps(demo_settings, copy_first_row), "sales trend last 30 days")
    assert response.chart["mark"]["type"] == "line" and response.chart["encoding"]["x"]["type"] == "temporal"
    assert len(response.chart["data"]["values"]) == len(response.rows) == 30


def test_a_tenant_without_data_is_not_found(demo_settings, make_deps):
    with pytest.raises(NotFound):
        ask(make_deps(demo_settings), "revenue last month", tenant="someone_else")
