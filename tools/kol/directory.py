"""A tenant's creator directory: its own DuckDB file plus the shared one, with a search index per version."""

from pathlib import Path

import duckdb
import numpy as np

from tools.kol.embeddings import Embed, embedder_fingerprint, normalized, probe_text
from tools.kol.models import Creator
from tools.kol.search import DirectoryIndex, build_index
from tools.kol.store import SearchRow, fingerprint, open_creator_db, read_creators, read_search_rows
from tools.settings import Settings

DB_NAME = "creators.duckdb"


def tenant_db_path(settings: Settings, tenant: str) -> Path:
    """Where a tenant's creators live."""
    return settings.tenant_dir(tenant) / DB_NAME


def shared_db_path(settings: Settings) -> Path:
    """Where creators shared by every tenant live."""
    return settings.home / "shared" / DB_NAME


class CreatorDirectory:
    """Creators a tenant may match: its own plus the shared ones (its own win on the same creator_id)."""

    def __init__(
        self,
        conn: duckdb.DuckDBPyConnection,
        shared: duckdb.DuckDBPyConnection | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.conn = conn
        self.shared = shared
        self.cache_dir = cache_dir
        self._index_key: tuple[str, str] | None = None
        self._index: DirectoryIndex | None = None

    @classmethod
    def open(cls, settings: Settings, tenant: str) -> "CreatorDirectory":
        """The tenant's directory (created if missing) with the shared one when it exists."""
        conn = open_creator_db(tenant_db_path(settings, tenant))
        shared_path = shared_db_path(settings)
        shared = open_creator_db(shared_path) if shared_path.exists() else None
        return cls(conn, shared, cache_dir=settings.tenant_dir(tenant))

    def close(self) -> None:
        """Close both connections."""
        self.conn.close()
        if self.shared is not None:
            self.shared.close()

    def version(self) -> str:
        """Changes whenever a creator in either database changes."""
        shared = fingerprint(self.shared) if self.shared is not None else "-"
        return f"{fingerprint(self.conn)}/{shared}"

    def _connections(self) -> list[tuple[duckdb.DuckDBPyConnection, bool]]:
        """Shared first, so the tenant's own rows replace shared ones with the same creator_id."""
        pairs = [(self.conn, False)]
        return [(self.shared, True), *pairs] if self.shared is not None else pairs

    def creators(self, ids: list[str] | None = None) -> list[Creator]:
        """Creators visible to the tenant (all, or those in `ids`), shared ones marked is_shared."""
        merged: dict[str, Creator] = {}
        for conn, shared in self._connections():
            merged.update((c.creator_id, c) for c in read_creators(conn, ids, shared=shared))
        return [merged[key] for key in sorted(merged)]

    def embed_query(self, embed: Embed, text: str) -> tuple[np.ndarray, str]:
        """The query vector and the embedder's fingerprint, from one call to `embed`."""
        vectors = normalized(embed([probe_text(), text]))
        return vectors[1], embedder_fingerprint(vectors[0])

    def _search_rows(self) -> list[SearchRow]:
        merged: dict[str, SearchRow] = {}
        for conn, shared in self._connections():
            merged.update((row.creator_id, row) for row in read_search_rows(conn, shared))
        return [merged[key] for key in sorted(merged)]

    def index(self, embed: Embed, embed_id: str) -> DirectoryIndex:
        """The search index for the current version and embedder, rebuilt only when either changed."""
        key = (self.version(), embed_id)
        if self._index is None or self._index_key != key:
            cache_file = None if self.cache_dir is None else self.cache_dir / f"creator_vectors-{embed_id}.npz"
            self._index = build_index(self._search_rows(), embed, cache_file)
            self._index_key = key
        return self._index
