"""Embedding similarity between a question's unread words and the semantic model's names."""

from collections.abc import Callable

import numpy as np

from knowledge.embeddings import Embedder


class NameSimilarity:
    """Callable as `Similar`: cosine of a word to each candidate name; name vectors embedded once.

    The embedder is fetched on the first call, so questions the synonyms fully read load no model.
    """

    def __init__(self, embedder: Callable[[], Embedder]) -> None:
        self._embedder = embedder
        self._key: tuple[str, ...] = ()
        self._vectors: np.ndarray | None = None

    def _names(self, candidates: list[str]) -> np.ndarray:
        key = tuple(candidates)
        if self._vectors is None or key != self._key:
            self._vectors = _unit(np.asarray(self._embedder().embed_documents(candidates), dtype=np.float32))
            self._key = key
        return self._vectors

    def __call__(self, word: str, candidates: list[str]) -> list[tuple[str, float]]:
        """(candidate, cosine) pairs, best first."""
        if not candidates:
            return []
        query = _unit(np.asarray(self._embedder().embed_query(word), dtype=np.float32)[None, :])[0]
        scores = self._names(candidates) @ query
        order = np.argsort(-scores)
        return [(candidates[i], float(scores[i])) for i in order[:5]]


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)
