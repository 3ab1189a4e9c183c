"""Embedding helpers: a model-free hashing embedder and an on-disk cache of profile vectors."""

import hashlib
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np

from tools.kol.text import tokenize

Embed = Callable[[list[str]], np.ndarray]
_PROBE = "chuhai creator embedding probe: camping tent, skincare serum, 露营, Hautpflege"


def hashing_embedder(dim: int = 256) -> Embed:
    """A deterministic bag-of-words embedder (signed feature hashing) that needs no model."""

    def embed(texts: list[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokenize(text):
                code = zlib.crc32(token.encode("utf-8"))
                matrix[row, code % dim] += 1.0 if (code >> 16) & 1 else -1.0
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return matrix / np.where(norms == 0, 1.0, norms)

    return embed


def normalized(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix.reshape(1, -1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def embedder_fingerprint(probe_vector: np.ndarray) -> str:
    """Identifies an embedder by the vector it gives for a fixed probe text."""
    rounded = np.round(np.asarray(probe_vector, dtype=np.float64), 4)
    return hashlib.sha1(rounded.tobytes()).hexdigest()[:12]


def probe_text() -> str:
    """The fixed text embedded to fingerprint an embedder."""
    return _PROBE


def text_key(text: str) -> str:
    """Cache key of one profile text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def cached_vectors(texts: list[str], embed: Embed, cache_file: Path | None, batch: int = 512) -> np.ndarray:
    """Unit vectors for texts, reusing vectors stored in `cache_file` by content hash."""
    keys = [text_key(t) for t in texts]
    known: dict[str, np.ndarray] = {}
    if cache_file is not None and cache_file.exists():
        with np.load(cache_file, allow_pickle=False) as stored:
            known = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
    for start in range(0, len(missing), batch):
        chunk = missing[start : start + batch]
        vectors = normalized(embed([text for _, text in chunk]))
        known.update(zip([key for key, _ in chunk], vectors, strict=True))
    if not keys:
        return np.zeros((0, 1), dtype=np.float32)
    matrix = np.stack([known[k] for k in keys]).astype(np.float32)
    if cache_file is not None and missing:
        _write_cache(cache_file, keys, matrix)
    return matrix


def _write_cache(cache_file: Path, keys: list[str], matrix: np.ndarray) -> None:
    """Store the vectors of the current directory only, so the file does not grow forever."""
    unique = dict(zip(keys, range(len(keys)), strict=True))
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    partial = cache_file.with_name(cache_file.name + ".partial.npz")
    np.savez(partial, keys=np.array(list(unique), dtype="U40"), vectors=matrix[list(unique.values())])
    partial.replace(cache_file)
