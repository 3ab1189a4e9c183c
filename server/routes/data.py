"""POST /v1/data/import: a seller export, streamed to disk, loaded into the tenant's store."""

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from server.deps import State, TenantName
from server.errors import ERROR_RESPONSES
from server.uploads import receive_upload
from tools.errors import BadInput
from tools.settings import Settings

router = APIRouter(prefix="/v1/data", tags=["data"])
CREATORS = "creators"


class RejectedRow(BaseModel):
    line: int = Field(description="1-based line of the file.")
    reason: str


class ImportResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"rows_imported": 1482, "rejected": [{"line": 17, "reason": "total is not a number: 'N/A'"}]}]})

    rows_imported: int
    rejected: list[RejectedRow]


def _import(settings: Settings, tenant: str, source: str, path: Path) -> Any:
    """Creators go to the tenant's creator directory; everything else to its analytics store."""
    if source == CREATORS:
        from tools.kol import import_creators, open_creator_db, tenant_db_path

        conn = open_creator_db(tenant_db_path(settings, tenant))
        try:
            return import_creators(conn, path)
        finally:
            conn.close()
    from tools.analytics.importers import import_file
    from tools.analytics.store import open_tenant_db

    conn = open_tenant_db(settings, tenant)
    try:
        return import_file(conn, source, path)
    finally:
        conn.close()


IMPORT_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["source", "file"], "properties": {
        "source": {"type": "string", "example": "shopify_orders",
                   "description": "shopify_orders, amazon_orders, meta_ads, google_ads, tiktok_ads, creators, …"},
        "file": {"type": "string", "format": "binary", "description": "The export file (CSV)."}}}}}}}


@router.post("/import", response_model=ImportResponse, openapi_extra=IMPORT_BODY,
             summary="Load a seller export into the caller's tenant",
             responses={415: {"description": "not a multipart upload"}, **ERROR_RESPONSES})
async def import_data(request: Request, tenant: TenantName, state: State) -> ImportResponse:
    """Multipart fields `source` and `file`; bad rows are reported with their line, good rows kept."""
    upload = await receive_upload(request, state.settings.home / "uploads", state.settings.max_upload_bytes)
    try:
        source = upload.fields.get("source", "").strip()
        if not source:
            raise BadInput("give the export's `source` field, e.g. shopify_orders")
        if upload.path is None:
            raise BadInput("attach the export as a file part named 'file'")
        suffix = Path(upload.filename).suffix.lower() or ".csv"
        named = upload.path.with_name(f"{upload.path.name}{suffix}")
        upload.path.rename(named)
        upload.path = named
        result = await run_in_threadpool(_import, state.settings, tenant, source, named)
    finally:
        upload.discard()
    return ImportResponse(rows_imported=result.rows_imported,
                          rejected=[RejectedRow(line=r.line, reason=r.reason) for r in result.rejected])
