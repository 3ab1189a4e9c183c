"""Facts narrowed per question: same numbers, fewer columns and joins, filters before the refund window."""

from datetime import date
from typing import Any

import duckdb
import pytest
import sqlglot
from pydantic import ValidationError
from sqlglot import exp

from tools.analytics.semantic import Filter, QuerySpec, TimeRange, compile_spec, load_model, run_query
from tools.analytics.semantic.model import Fact, Measure

EUR_NOV = 1.10
NOV = TimeRange(start=date(2025, 11, 1), end=date(2025, 11, 30))


def by_first_column(store: duckdb.DuckDBPyConnection, **fields: Any) -> dict[Any, Any]:
    result = run_query(store, compile_spec(QuerySpec(**fields)))
    return {row[0]: row[1] for row in result.rows}


def cte(sql: str, name: str) -> exp.Select:
    tree = sqlglot.parse_one(sql, read="duckdb")
    found = next(c.this for c in tree.find_all(exp.CTE) if c.alias == name)
    assert isinstance(found, exp.Select)
    return found


def test_net_revenue_by_product_spreads_each_refund_over_its_order_lines(store: duckdb.DuckDBPyConnection) -> None:
    # O2's 50 EUR refund: 45 to the yoga mat (180 of 200), 5 to the band; O3's 10 EUR to the bottle.
    assert by_first_column(store, metrics=["net_revenue"], dimensions=["product"], time_range=NOV) == {
        "Yoga Mat": pytest.approx(60 + (180 - 45) * EUR_NOV),
        "Water Bottle": pytest.approx(40 + (50 - 10) * EUR_NOV),
        "Resistance Band": pytest.approx((20 - 5) * EUR_NOV),
    }


def test_an_order_filter_keeps_each_lines_share_of_the_refund(store: duckdb.DuckDBPyConnection) -> None:
    de = [Filter(dimension="market", values=["DE"])]
    assert by_first_column(store, metrics=["refunds"], dimensions=["sku"], time_range=NOV, filters=de) == {
        "A": pytest.approx(45 * EUR_NOV),
        "B": pytest.approx(10 * EUR_NOV),
        "C": pytest.approx(5 * EUR_NOV),
    }


def test_a_line_filter_is_applied_after_the_refund_is_spread(store: duckdb.DuckDBPyConnection) -> None:
    # Filtering lines first would hand the band all of O2's refund (50 EUR) instead of its 5 EUR.
    compiled = compile_spec(
        QuerySpec(metrics=["refunds"], time_range=NOV, filters=[Filter(dimension="sku", values=["C"])])
    )
    assert run_query(store, compiled).rows == [[pytest.approx(5 * EUR_NOV)]]
    lines = cte(compiled.sql, "order_lines_fact")
    assert lines.find(exp.Window) is not None
    where = lines.args["where"]
    assert {c.name for c in where.find_all(exp.Column)} == {"event_date"}


def test_units_by_sku_reads_no_window_customers_or_refunds() -> None:
    sql = compile_spec(QuerySpec(metrics=["units"], dimensions=["sku"], time_range=NOV)).sql
    tree = sqlglot.parse_one(sql, read="duckdb")
    assert tree.find(exp.Window) is None
    tables = {t.name for t in tree.find_all(exp.Table)}
    assert {"customers", "order_refunds", "refunds", "products", "fx_rates"}.isdisjoint(tables)
    assert "event_date" in {c.name for c in cte(sql, "order_lines_fact").args["where"].find_all(exp.Column)}


def test_revenue_keeps_the_currency_lookups_and_filters_inside_the_fact() -> None:
    spec = QuerySpec(metrics=["revenue"], time_range=NOV, filters=[Filter(dimension="market", values=["DE"])])
    orders = cte(compile_spec(spec).sql, "orders_fact")
    assert [j.this.alias_or_name for j in orders.args["joins"]] == ["rc", "fx", "x"]
    assert [p.alias_or_name for p in orders.expressions] == ["event_date", "market", "subtotal_rc"]
    assert {c.sql() for c in orders.args["where"].find_all(exp.Column)} == {"o.cancelled", "o.order_date", "o.market"}


def test_orders_and_lines_in_one_question_agree_with_each_alone(store: duckdb.DuckDBPyConnection) -> None:
    both = run_query(
        store, compile_spec(QuerySpec(metrics=["revenue", "units"], dimensions=["market"], time_range=NOV))
    )
    revenue = by_first_column(store, metrics=["revenue"], dimensions=["market"], time_range=NOV)
    units = by_first_column(store, metrics=["units"], dimensions=["market"], time_range=NOV)
    assert {row[0]: (row[1], row[2]) for row in both.rows} == {m: (revenue[m], units[m]) for m in revenue}


def test_a_fact_with_a_window_must_say_which_filters_may_precede_it() -> None:
    lines = load_model().facts["order_lines"]
    with pytest.raises(ValidationError, match="filter_before_window"):
        Fact.model_validate(lines.model_dump(exclude={"filter_before_window"}))
    with pytest.raises(ValidationError, match="lookups"):
        Fact.model_validate({**lines.model_dump(), "lookups": ["nope"]})


def test_a_measure_split_by_an_unquoted_comma_is_refused() -> None:
    with pytest.raises(ValidationError):
        Measure.model_validate({"agg": "sum", "expr": "a - COALESCE(b", "0)": None})
