"""Detecting an export's format and importing it in one transaction."""

import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import duckdb

from tools.analytics import fx
from tools.analytics.importers import (
    amazon_ads,
    amazon_orders,
    amazon_settlement,
    google_ads,
    meta_ads,
    shopify_orders,
    shopify_products,
    tiktok_ads,
)
from tools.analytics.importers.context import Context, build_context
from tools.analytics.importers.formats import best_format, format_specs, missing_required
from tools.analytics.importers.models import ImportDefaults, ImportResult, ProgressCallback
from tools.analytics.importers.reading import decode, find_header, normalise_name, read_table
from tools.analytics.importers.writer import record_import, write_parsed
from tools.errors import BadInput

PARSERS: dict[str, Callable[[Context], None]] = {
    "shopify_orders": shopify_orders.parse,
    "shopify_products": shopify_products.parse,
    "amazon_orders": amazon_orders.parse,
    "amazon_settlement": amazon_settlement.parse,
    "google_ads": google_ads.parse,
    "meta_ads": meta_ads.parse,
    "tiktok_ads": tiktok_ads.parse,
    "amazon_ads": amazon_ads.parse,
}
SOURCES = tuple(PARSERS)
MAX_REASONS_IN_ERROR = 5


def _read(path: str | Path) -> tuple[Path, bytes]:
    file = Path(path)
    if not file.is_file():
        raise BadInput(f"no such file: {file}")
    data = file.read_bytes()
    if not data.strip():
        raise BadInput(f"{file.name} is empty")
    return file, data


def _detect(data: bytes, filename: str) -> str:
    lines = decode(data).splitlines()
    found = find_header(lines, lambda header: best_format(header) is not None)
    spec = best_format([normalise_name(c) for c in found[2]]) if found else None
    if spec is None:
        known = "; ".join(f"{s.source} ({s.label})" for s in format_specs().values())
        raise BadInput(f"cannot tell what export {filename} is from its header; known formats: {known}")
    return spec.source


def detect_source(path: str | Path) -> str:
    """The source name of an export file, judged by its header; BadInput if no format fits."""
    file, data = _read(path)
    return _detect(data, file.name)


def _check_source(source: str) -> None:
    if source not in PARSERS:
        raise BadInput(f"unknown import source {source!r}; known sources: {', '.join(SOURCES)}")


def _header_error(source: str, data: bytes, filename: str) -> BadInput:
    spec = format_specs()[source]
    lines = decode(data).splitlines()
    found = find_header(lines, lambda header: len(header) > 1)
    header = [normalise_name(c) for c in found[2]] if found else []
    missing = ", ".join(missing_required(spec, header))
    return BadInput(f"{filename} is not a {spec.label}: its header lacks {missing}")


def _is_duplicate(conn: duckdb.DuckDBPyConnection, batch: str) -> bool:
    return bool(conn.execute("SELECT count(*) FROM imports WHERE batch_id = ?", [batch]).fetchall()[0][0])


def import_file(
    conn: duckdb.DuckDBPyConnection,
    source: str | None,
    path: str | Path,
    *,
    defaults: ImportDefaults | Mapping[str, Any] | None = None,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Import one seller export: all of it in one transaction, bad rows rejected with their line."""
    file, data = _read(path)
    source = source or _detect(data, file.name)
    _check_source(source)
    options = (
        defaults if isinstance(defaults, ImportDefaults) else ImportDefaults.model_validate(defaults or {})
    )
    batch = hashlib.sha256(data).hexdigest()
    if _is_duplicate(conn, batch):
        return ImportResult(
            rows_imported=0, source=source, duplicate=True, batch_id=batch, filename=file.name
        )
    spec = format_specs()[source]
    try:
        table = read_table(data, lambda header: not missing_required(spec, header), spec.label)
    except BadInput:
        raise _header_error(source, data, file.name) from None
    ctx = build_context(spec, table, options, progress)
    PARSERS[source](ctx)
    parsed = ctx.parsed
    parsed.rejected.sort(key=lambda r: r.line)
    if parsed.rows_ok == 0:
        reasons = "; ".join(f"line {r.line}: {r.reason}" for r in parsed.rejected[:MAX_REASONS_IN_ERROR])
        raise BadInput(f"nothing in {file.name} could be imported ({reasons or 'no data rows'})")
    conn.begin()
    try:
        write_parsed(conn, parsed, batch, source)
        record_import(conn, batch, source, file.name, parsed.rows_ok)
        fx.ensure_fx_rates(conn)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    if progress:
        progress(table.total_lines, table.total_lines)
    return ImportResult(
        rows_imported=parsed.rows_ok,
        rejected=parsed.rejected,
        source=source,
        batch_id=batch,
        filename=file.name,
    )
