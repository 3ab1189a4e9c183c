"""The SQL guard refuses anything but one SELECT over the analytics tables."""

import pytest
from sqlglot import exp

from tools.analytics.semantic import QuerySpec, assert_single_select, compile_spec
from tools.errors import BadInput

ATTACKS = [
    "SELECT * FROM orders; DROP TABLE orders",
    "SELECT 1; DELETE FROM orders",
    "SELECT * FROM orders UNION ALL SELECT * FROM read_csv('/etc/passwd')",
    "SELECT order_id FROM orders UNION SELECT * FROM '/home/seller/.ssh/id_rsa'",
    "SELECT * FROM (SELECT order_id FROM orders UNION ALL SELECT * FROM '/etc/passwd') AS t",
    "SELECT * FROM read_parquet('s3://bucket/other-tenant.parquet')",
    "SELECT * FROM read_csv_auto('other_tenant/orders.csv')",
    "SELECT * FROM glob('/**')",
    "SELECT (SELECT content FROM read_text('/etc/passwd')) AS leak FROM orders",
    "COPY orders TO '/tmp/dump.csv'",
    "COPY (SELECT * FROM orders) TO '/tmp/dump.parquet' (FORMAT parquet)",
    "ATTACH '/data/other_tenant/analytics.duckdb' AS other",
    "SELECT * FROM other.main.orders",
    "DETACH other",
    "PRAGMA database_list",
    "SELECT * FROM pragma_database_list()",
    "SELECT * FROM duckdb_settings()",
    "SELECT getenv('OPENAI_API_KEY')",
    "SELECT current_setting('home_directory')",
    "SET enable_external_access = true",
    "INSTALL httpfs",
    "LOAD httpfs",
    "CALL pragma_version()",
    "SELECT * FROM query('DROP TABLE orders')",
    "SELECT * FROM sqlite_scan('/data/app.sqlite', 'api_keys')",
    "SELECT * INTO stolen FROM orders",
    "CREATE TABLE stolen AS SELECT * FROM orders",
    "INSERT INTO orders SELECT * FROM orders",
    "UPDATE orders SET total = 0",
    "SELECT * FROM secrets",
    "EXPORT DATABASE '/tmp/everything'",
    "",
]


@pytest.mark.parametrize("sql", ATTACKS)
def test_attacks_are_refused(sql: str) -> None:
    with pytest.raises(BadInput, match="query refused"):
        assert_single_select(sql)


@pytest.mark.parametrize("dialect", ["duckdb", "postgres"])
def test_compiled_queries_pass(dialect: str) -> None:
    spec = QuerySpec(metrics=["blended_roas", "refund_rate", "units"], dimensions=["month", "market"])
    sql = compile_spec(spec, dialect=dialect).sql  # type: ignore[arg-type]
    assert isinstance(assert_single_select(sql, dialect=dialect), exp.Select)


def test_a_plain_select_over_known_tables_passes() -> None:
    tree = assert_single_select(
        "WITH x AS (SELECT market, SUM(subtotal) AS s FROM orders GROUP BY market)"
        " SELECT * FROM x ORDER BY s DESC"
    )
    assert isinstance(tree, exp.Select)


def test_allowed_tables_can_be_narrowed() -> None:
    with pytest.raises(BadInput, match="unknown table 'orders'"):
        assert_single_select("SELECT * FROM orders", allowed_tables={"ad_performance"})


def test_a_comment_cannot_hide_a_second_statement() -> None:
    assert isinstance(assert_single_select("SELECT 1 AS one -- ; DROP TABLE orders"), exp.Select)
    with pytest.raises(BadInput, match="2 statements"):
        assert_single_select("SELECT 1 /* ; */; DROP TABLE orders")
