"""Loading a tenant's data: seller exports, creator lists, and the demo tenant."""

from collections.abc import Callable
from pathlib import Path
from typing import Literal

import duckdb
from pydantic import BaseModel, Field

from tools.analytics.demo import DEMO_TODAY, generate_demo_exports, load_demo
from tools.analytics.importers import SOURCES, import_file
from tools.analytics.store import open_tenant_db
from tools.errors import BadInput
from tools.kol import import_creators, load_demo_creators, open_creator_db
from tools.kol import tenant_db_path as creators_db_path
from tools.settings import Settings

CREATORS = "creators"
Progress = Callable[[int, int], None]


class RejectedRow(BaseModel):
    line: int
    reason: str


class ImportResponse(BaseModel):
    """The REST body of /v1/data/import."""

    rows_imported: int
    rejected: list[RejectedRow] = []
    source: str
    duplicate: bool = Field(default=False, description="The same file was imported before; nothing changed.")


class DemoResponse(BaseModel):
    """What seeding the demo tenant did."""

    tenant: str
    today: str
    files: int
    files_imported: int = Field(description="Files new to the store (0 on a second run).")
    rows_imported: int
    orders: int
    order_lines: int
    ad_rows: int
    creators: int
    mode: Literal["created", "unchanged", "updated"]


def import_sources() -> list[str]:
    """Every source `import` takes."""
    return [*SOURCES, CREATORS]


def import_export(
    settings: Settings, tenant: str, source: str, path: Path, *, platform: str | None = None,
    progress: Progress | None = None,
) -> ImportResponse:
    """Import one file for `tenant`: a store or ad export, or a creator list."""
    if source not in import_sources():
        raise BadInput(f"unknown source {source!r}; sources: {', '.join(import_sources())}")
    if not Path(path).is_file():
        raise BadInput(f"no file at {path}")
    if source == CREATORS:
        conn = open_creator_db(creators_db_path(settings, tenant))
        try:
            result = import_creators(conn, Path(path), defaults={"platform": platform} if platform else None,
                                     progress=progress)
        finally:
            conn.close()
        return ImportResponse(rows_imported=result.rows_imported, source=source,
                              rejected=[RejectedRow(line=r.line, reason=r.reason) for r in result.rejected])
    store = open_tenant_db(settings, tenant)
    try:
        done = import_file(store, source, path, progress=progress)
    finally:
        store.close()
    return ImportResponse(rows_imported=done.rows_imported, source=done.source, duplicate=done.duplicate,
                          rejected=[RejectedRow(line=r.line, reason=r.reason) for r in done.rejected])


def _count(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    row = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def seed_demo(
    settings: Settings, tenant: str = "demo", *, days: int = 730, scale: float = 1.0, creators: int = 2400,
    on_file: Callable[[str], None] | None = None,
) -> DemoResponse:
    """Write the demo exports into the data home, import them, load the demo creators; idempotent."""
    exports = settings.tenant_dir(tenant) / "demo_exports"
    files = generate_demo_exports(exports, today=DEMO_TODAY, days=days, scale=scale)
    store = open_tenant_db(settings, tenant)
    try:
        results = load_demo(store, exports, progress=lambda p, _r: on_file(p.name) if on_file else None)
        counts = {t: _count(store, t) for t in ("orders", "order_lines", "ad_performance")}
    finally:
        store.close()
    creator_conn = open_creator_db(creators_db_path(settings, tenant))
    try:
        before = _count(creator_conn, "creators")
        load_demo_creators(creator_conn, n=creators)
        after = _count(creator_conn, "creators")
    finally:
        creator_conn.close()
    new_files = sum(not r.duplicate for r in results)
    mode: Literal["created", "unchanged", "updated"] = (
        "unchanged" if new_files == 0 and after == before else ("created" if new_files == len(results) else "updated")
    )
    return DemoResponse(tenant=tenant, today=DEMO_TODAY.isoformat(), files=len(files), files_imported=new_files,
                        rows_imported=sum(r.rows_imported for r in results), orders=counts["orders"],
                        order_lines=counts["order_lines"], ad_rows=counts["ad_performance"], creators=after,
                        mode=mode)
