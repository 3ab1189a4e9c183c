"""The knowledge store over HTTP: add a tenant-private document, search shared + own documents."""

import hashlib
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from knowledge.documents import Document, read_document, slug
from knowledge.store import Hit, SearchFilters
from server.deps import AppDeps, State, TenantName
from server.errors import ERROR_RESPONSES, UnsupportedMediaType
from server.uploads import receive_upload
from tools.errors import BadInput

router = APIRouter(prefix="/v1/knowledge", tags=["knowledge"])
DOCUMENT_SUFFIXES = {".md", ".markdown", ".txt", ".html", ".htm", ".pdf"}
MAX_DOCUMENT_CHARS = 500_000


class DocumentRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "title": "Our EU battery compliance notes", "text": "## Batteries\nPortable batteries need a CE mark...",
        "jurisdictions": ["DE", "FR"], "topics": ["batteries"], "source_url": "https://example.com/notes"}]})

    title: str = Field(min_length=1, max_length=300)
    text: str = Field(min_length=1, max_length=MAX_DOCUMENT_CHARS, description="Markdown or plain text.")
    jurisdictions: list[Annotated[str, Field(pattern=r"^[A-Za-z]{2}$|^EU$")]] = Field(default=[], max_length=30)
    topics: list[Annotated[str, Field(min_length=1, max_length=60)]] = Field(default=[], max_length=30)
    source_url: str = Field(default="", max_length=2000)


class DocumentAdded(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"doc_id": "our-eu-battery-compliance-notes", "title": "Our EU battery compliance notes",
         "status": "added", "chunks": 3}]})

    doc_id: str
    title: str
    status: Literal["added", "replaced", "unchanged"]
    chunks: int


class SearchResult(BaseModel):
    chunk_id: str
    doc_id: str
    title: str
    section: str
    source: str
    url: str
    jurisdiction: str | None = Field(description="The first jurisdiction of the document, if any.")
    jurisdictions: list[str]
    text: str
    score: float


class SearchResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"query": "SFDA cosmetics", "results": [{
        "chunk_id": "sa-cosmetics#0", "doc_id": "sa-cosmetics", "title": "Saudi Arabia: cosmetics",
        "section": "Listing", "source": "regulations/sa-cosmetics.md", "url": "https://www.sfda.gov.sa/",
        "jurisdiction": "SA", "jurisdictions": ["SA"], "text": "Cosmetics must be listed ...", "score": 0.0328}]}]})

    query: str
    results: list[SearchResult]


def _document_from_json(raw: bytes) -> Document:
    try:
        body = DocumentRequest.model_validate_json(raw)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False, include_context=False)) from exc
    if not body.text.strip():
        raise BadInput("the document text is empty")
    data = body.text.encode()
    return Document(id=slug(body.title) or hashlib.sha256(data).hexdigest()[:12], title=body.title,
                    text=body.text.strip(), jurisdictions=[j.upper() for j in body.jurisdictions],
                    topics=body.topics, source_url=body.source_url, path=f"uploads/{slug(body.title)}.md",
                    content_hash=hashlib.sha256(data + body.title.encode()).hexdigest())


async def _document_from_upload(request: Request, state: State) -> Document:
    upload = await receive_upload(request, state.settings.home / "uploads", state.settings.max_upload_bytes)
    try:
        if upload.path is None:
            raise BadInput("attach the document as a file part named 'file'")
        suffix = Path(upload.filename).suffix.lower()
        if suffix not in DOCUMENT_SUFFIXES:
            raise UnsupportedMediaType(f"unsupported document type {suffix or '(none)'}; "
                                       f"send one of {', '.join(sorted(DOCUMENT_SUFFIXES))}")
        named = upload.path.with_name(f"{upload.path.name}-{slug(Path(upload.filename).stem) or 'doc'}{suffix}")
        upload.path.rename(named)
        upload.path = named
        document = await run_in_threadpool(read_document, named, named.parent)
    finally:
        upload.discard()
    overrides: dict[str, Any] = {"path": f"uploads/{upload.filename}"}
    if upload.fields.get("title"):
        overrides["title"] = upload.fields["title"]
    for field in ("jurisdictions", "topics"):
        if upload.fields.get(field):
            overrides[field] = [v.strip().upper() if field == "jurisdictions" else v.strip()
                                for v in upload.fields[field].split(",") if v.strip()]
    if upload.fields.get("source_url"):
        overrides["source_url"] = upload.fields["source_url"]
    document = document.model_copy(update=overrides)
    if not document.text.strip():
        raise BadInput(f"{upload.filename}: no text found")
    return document.model_copy(update={"id": slug(Path(upload.filename).stem) or document.id})


UPLOAD_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": DocumentRequest.model_json_schema(ref_template="#/components/schemas/{model}"),
                         "example": DocumentRequest.model_config["json_schema_extra"]["examples"][0]},  # type: ignore[index]
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary", "description": ".md, .txt, .html or .pdf"},
        "title": {"type": "string"}, "jurisdictions": {"type": "string", "description": "comma-separated, e.g. DE,FR"},
        "topics": {"type": "string", "description": "comma-separated"}, "source_url": {"type": "string"}}}}}}}


@router.post("/documents", response_model=DocumentAdded, status_code=201, openapi_extra=UPLOAD_BODY,
             summary="Add a document private to the caller's tenant",
             responses={415: {"description": "neither JSON nor a multipart upload of a known type"},
                        **ERROR_RESPONSES})
async def add_document(request: Request, tenant: TenantName, deps: AppDeps, state: State) -> DocumentAdded:
    """JSON {title, text, jurisdictions?, topics?, source_url?} or a multipart file (.md/.txt/.html/.pdf)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        document = _document_from_json(await request.body())
    elif content_type == "multipart/form-data":
        document = await _document_from_upload(request, state)
    else:
        raise UnsupportedMediaType("send application/json or multipart/form-data")
    status, chunks = await run_in_threadpool(deps.store.ingest_document, document, tenant)
    return DocumentAdded(doc_id=document.id, title=document.title, status=status, chunks=chunks)  # type: ignore[arg-type]


@router.get("/search", response_model=SearchResponse, summary="Search shared and own documents",
            responses=ERROR_RESPONSES)
async def search(
    tenant: TenantName, deps: AppDeps,
    q: Annotated[str, Query(min_length=1, max_length=2000, description="What to look for, in any language.")],
    k: Annotated[int, Query(ge=1, le=50)] = 5,
    market: Annotated[list[Annotated[str, Query(pattern=r"^[A-Za-z]{2}$")]] | None,
                      Query(description="Only these jurisdictions (repeatable).")] = None,
) -> SearchResponse:
    """Hybrid search; a tenant sees the shared corpus and its own documents only."""
    filters = SearchFilters(jurisdictions=[m.upper() for m in market or []])
    hits: list[Hit] = await run_in_threadpool(deps.store.search, q, k, tenant, filters)
    return SearchResponse(query=q, results=[
        SearchResult(**hit.model_dump(exclude={"similarity"}), jurisdiction=next(iter(hit.jurisdictions), None))
        for hit in hits])
