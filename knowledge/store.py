"""The knowledge store: Chroma vectors + BM25, fused by reciprocal rank, with metadata filters.

A SQLite manifest beside Chroma records each document's content hash, so re-ingesting an
unchanged file costs nothing and a changed file replaces its chunks. The shared corpus and
each tenant's private documents live in one collection, separated by a `tenant` field.
"""

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from pydantic import BaseModel

from knowledge.chunking import Chunk, chunk_document
from knowledge.documents import Document, find_files, read_document
from knowledge.embeddings import Embedder
from knowledge.lexical import LexicalIndex
from tools.errors import BadInput

SHARED = "_shared"
_RRF_K = 60
_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    tenant TEXT NOT NULL, doc_id TEXT NOT NULL, path TEXT, content_hash TEXT NOT NULL,
    title TEXT, source_url TEXT, PRIMARY KEY (tenant, doc_id));
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY, tenant TEXT NOT NULL, doc_id TEXT NOT NULL, text TEXT NOT NULL, meta TEXT NOT NULL);
"""


class SearchFilters(BaseModel):
    jurisdictions: list[str] = []  # any of
    topics: list[str] = []  # any of
    language: str | None = None


class Hit(BaseModel):
    chunk_id: str
    doc_id: str
    title: str
    section: str
    source: str
    url: str
    jurisdictions: list[str]
    text: str
    score: float
    similarity: float | None = None  # cosine of the dense match; None when only BM25 found it


class IngestReport(BaseModel):
    files: int
    added: int
    replaced: int
    unchanged: int
    chunks_written: int


def _chunk_metadata(tenant: str, document: Document, chunk: Chunk) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        "tenant": tenant,
        "doc_id": document.id,
        "title": document.title,
        "section": chunk.section,
        "source": document.path,
        "url": document.source_url,
        "language": document.language,
        "jurisdictions": ",".join(document.jurisdictions),
    }
    # Chroma filters cannot test list membership, so each list value becomes a boolean key.
    metadata.update({f"j_{code}": True for code in document.jurisdictions})
    metadata.update({f"t_{topic}": True for topic in document.topics})
    return metadata


def _public_id(tenant: str, chunk_id: str) -> str:
    return chunk_id if tenant == SHARED else f"{tenant}/{chunk_id}"


class KnowledgeStore:
    def __init__(self, directory: Path, embedder: Embedder) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.embedder = embedder
        self._db = sqlite3.connect(directory / "manifest.sqlite", check_same_thread=False)
        self._db.executescript(_SCHEMA)
        client = chromadb.PersistentClient(
            path=str(directory / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
        )
        self._collection = client.get_or_create_collection(
            f"knowledge_{embedder.name}",
            embedding_function=None,  # vectors are always computed here; Chroma's default would download
            metadata={"hnsw:space": "cosine"},
        )
        self._lexical: tuple[LexicalIndex, list[str], list[dict[str, Any]]] | None = None
        self._masks: dict[tuple[str, str], np.ndarray] = {}

    # ---------- ingestion ----------
    def ingest(
        self, path: Path, tenant: str = SHARED, progress: Callable[[int, int], None] | None = None
    ) -> IngestReport:
        """Ingest a file or folder; unchanged documents are skipped, changed ones replaced."""
        files = find_files(path)
        root = path if path.is_dir() else path.parent
        counts = {"added": 0, "replaced": 0, "unchanged": 0, "chunks": 0}
        for done, file in enumerate(files, 1):
            outcome, written = self.ingest_document(read_document(file, root), tenant)
            counts[outcome] += 1
            counts["chunks"] += written
            if progress:
                progress(done, len(files))
        return IngestReport(
            files=len(files),
            added=counts["added"],
            replaced=counts["replaced"],
            unchanged=counts["unchanged"],
            chunks_written=counts["chunks"],
        )

    def ingest_document(self, document: Document, tenant: str = SHARED) -> tuple[str, int]:
        """Returns ('added' | 'replaced' | 'unchanged', chunks written)."""
        row = self._db.execute(
            "SELECT content_hash FROM documents WHERE tenant = ? AND doc_id = ?", (tenant, document.id)
        ).fetchone()
        if row and row[0] == document.content_hash:
            return "unchanged", 0
        chunks = chunk_document(document)
        if not chunks:
            raise BadInput(f"{document.path}: no text to index")
        if row:
            self._delete_document(tenant, document.id)
        self._write_chunks(tenant, document, chunks)
        return ("replaced" if row else "added"), len(chunks)

    def _write_chunks(
        self, tenant: str, document: Document, chunks: list[Chunk], vectors: np.ndarray | None = None
    ) -> None:
        """Store chunks; `vectors` may be given precomputed (bulk loads, benchmarks)."""
        ids = [_public_id(tenant, chunk.id) for chunk in chunks]
        metadatas = [_chunk_metadata(tenant, document, chunk) for chunk in chunks]
        if vectors is None:
            vectors = self.embedder.embed_documents([chunk.text for chunk in chunks])
        self._collection.upsert(
            ids=ids, embeddings=vectors, documents=[c.text for c in chunks], metadatas=metadatas  # type: ignore[arg-type]
        )
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO chunks VALUES (?, ?, ?, ?, ?)",
                [
                    (chunk_id, tenant, document.id, chunk.text, json.dumps(meta, ensure_ascii=False))
                    for chunk_id, chunk, meta in zip(ids, chunks, metadatas, strict=True)
                ],
            )
            self._db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?)",
                (tenant, document.id, document.path, document.content_hash, document.title, document.source_url),
            )
        self._lexical = None

    def _delete_document(self, tenant: str, doc_id: str) -> None:
        query = "SELECT chunk_id FROM chunks WHERE tenant = ? AND doc_id = ?"
        old = [row[0] for row in self._db.execute(query, (tenant, doc_id))]
        if old:
            self._collection.delete(ids=old)
        with self._db:
            self._db.execute("DELETE FROM chunks WHERE tenant = ? AND doc_id = ?", (tenant, doc_id))
            self._db.execute("DELETE FROM documents WHERE tenant = ? AND doc_id = ?", (tenant, doc_id))
        self._lexical = None

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM chunks").fetchone()[0])

    def documents(self, tenant: str = SHARED) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT doc_id FROM documents WHERE tenant = ?", (tenant,))]

    # ---------- search ----------
    def search(
        self, query: str, k: int = 5, tenant: str = SHARED, filters: SearchFilters | None = None
    ) -> list[Hit]:
        """Hybrid search over the shared corpus plus `tenant`'s private documents."""
        if not query.strip():
            raise BadInput("the search query is empty")
        filters = filters or SearchFilters()
        pool = max(k * 4, 20)
        dense = self._dense(query, pool, tenant, filters)
        lexical = self._lexical_search(query, pool, tenant, filters)
        return self._fuse(dense, lexical, k)

    def _where(self, tenant: str, filters: SearchFilters) -> dict[str, Any]:
        tenants = [SHARED] if tenant == SHARED else [SHARED, tenant]
        clauses: list[dict[str, Any]] = [{"tenant": {"$in": tenants}}]
        for prefix, values in (("j_", filters.jurisdictions), ("t_", filters.topics)):
            options = [{f"{prefix}{value}": True} for value in values]
            if options:
                clauses.append(options[0] if len(options) == 1 else {"$or": options})
        if filters.language:
            clauses.append({"language": filters.language})
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def _dense(self, query: str, k: int, tenant: str, filters: SearchFilters) -> dict[str, tuple[int, float]]:
        if self._collection.count() == 0:
            return {}
        result = self._collection.query(
            query_embeddings=[self.embedder.embed_query(query)],
            n_results=min(k, self._collection.count()),
            where=self._where(tenant, filters),
            include=["distances"],
        )
        ids, distances = result["ids"][0], (result["distances"] or [[]])[0]
        return {chunk_id: (rank, 1.0 - float(d)) for rank, (chunk_id, d) in enumerate(zip(ids, distances, strict=True))}

    def _lexical_index(self) -> tuple[LexicalIndex, list[str], list[dict[str, Any]]]:
        """BM25 plus per-chunk tenant and metadata, rebuilt only after the corpus changes."""
        if self._lexical is None:
            rows = self._db.execute("SELECT chunk_id, text, tenant, meta FROM chunks ORDER BY chunk_id").fetchall()
            self._lexical = (LexicalIndex([r[0] for r in rows], [r[1] for r in rows]),
                             [r[2] for r in rows], [json.loads(r[3]) for r in rows])
            self._masks = {}
        return self._lexical

    def _lexical_search(self, query: str, k: int, tenant: str, filters: SearchFilters) -> dict[str, int]:
        index = self._lexical_index()[0]
        key = (tenant, filters.model_dump_json())
        if key not in self._masks:
            self._masks[key] = self._mask(tenant, filters)
        return {chunk_id: rank for rank, (chunk_id, _) in enumerate(index.search(query, k, self._masks[key]))}

    def _mask(self, tenant: str, filters: SearchFilters) -> np.ndarray:
        """Which chunks a search may see: the tenant's and the shared ones, narrowed by the filters."""
        _, tenants, metas = self._lexical_index()
        mask = np.array([chunk_tenant in (SHARED, tenant) for chunk_tenant in tenants], dtype=bool)
        if filters.jurisdictions:
            mask &= np.array([any(m.get(f"j_{j}") for j in filters.jurisdictions) for m in metas], dtype=bool)
        if filters.topics:
            mask &= np.array([any(m.get(f"t_{t}") for t in filters.topics) for m in metas], dtype=bool)
        if filters.language:
            mask &= np.array([m.get("language") == filters.language for m in metas], dtype=bool)
        return mask

    def _fuse(self, dense: dict[str, tuple[int, float]], lexical: dict[str, int], k: int) -> list[Hit]:
        scores: dict[str, float] = {}
        for chunk_id, (rank, _) in dense.items():
            scores[chunk_id] = scores.get(chunk_id, 0.0) + 1.0 / (_RRF_K + rank + 1)
        for chunk_id, rank in lexical.items():
            scores[chunk_id] = scores.get(chunk_id, 0.0) + 1.0 / (_RRF_K + rank + 1)
        best = sorted(scores, key=lambda c: scores[c], reverse=True)[:k]
        return [self._hit(chunk_id, scores[chunk_id], dense.get(chunk_id, (0, None))[1]) for chunk_id in best]

    def _hit(self, chunk_id: str, score: float, similarity: float | None) -> Hit:
        text, meta_json = self._db.execute("SELECT text, meta FROM chunks WHERE chunk_id = ?", (chunk_id,)).fetchone()
        meta = json.loads(meta_json)
        return Hit(
            chunk_id=chunk_id,
            doc_id=meta["doc_id"],
            title=meta["title"],
            section=meta["section"],
            source=meta["source"],
            url=meta["url"],
            jurisdictions=[j for j in meta["jurisdictions"].split(",") if j],
            text=text,
            score=round(score, 6),
            similarity=None if similarity is None else round(similarity, 4),
        )

    def get_chunks(self, chunk_ids: list[str]) -> list[Hit]:
        """Chunks by id (for resolving citations); unknown ids are skipped."""
        known = {r[0] for r in self._db.execute(
            f"SELECT chunk_id FROM chunks WHERE chunk_id IN ({','.join('?' * len(chunk_ids))})", chunk_ids
        )} if chunk_ids else set()
        return [self._hit(chunk_id, 0.0, None) for chunk_id in chunk_ids if chunk_id in known]
