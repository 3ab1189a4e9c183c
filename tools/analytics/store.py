"""Opening a tenant's analytics database."""

import re
from pathlib import Path

import duckdb

from tools.analytics.schema import ensure_schema
from tools.errors import BadInput, NotFound
from tools.settings import Settings

DB_FILENAME = "analytics.duckdb"
_TENANT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def tenant_db_path(settings: Settings, tenant: str) -> Path:
    """The DuckDB file of a tenant; BadInput for a name that could escape the data home."""
    if not _TENANT_NAME.match(tenant) or ".." in tenant:
        raise BadInput(f"invalid tenant name {tenant!r}: use letters, digits, '_', '-' or '.'")
    return settings.tenant_dir(tenant) / DB_FILENAME


def open_tenant_db(settings: Settings, tenant: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the tenant's analytics store; writing creates the folder and the schema."""
    path = tenant_db_path(settings, tenant)
    if read_only:
        if not path.exists():
            raise NotFound(f"tenant {tenant!r} has no analytics data yet; import a file or run the demo")
        conn = duckdb.connect(str(path), read_only=True)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = duckdb.connect(str(path))
        ensure_schema(conn)
    conn.execute("SET TimeZone = 'UTC'")
    return conn
