"""Fast path: nearest neighbours among labelled example requests in the multilingual embedding space.

Requests are split into clauses at connectors ("然后", "and then", "并且"…) so that a
multi-intent request ("write German copy and check it") gets one specialist per clause.
"""

import hashlib
import re
from functools import cached_property
from importlib import resources
from pathlib import Path

import numpy as np
import yaml

from agents.names import SPECIALIST_NAMES
from agents.router.state import ClauseScore
from knowledge.embeddings import Embedder

_CONNECTORS = re.compile(
    r"\s*(?:然后再|然后|之后再|之后|再帮我|接着|并且|并|同时|顺便|最后|另外|"
    r"[，,;；。]\s*(?:and\s+)?then|\band then\b|\bthen\b|\band also\b|\balso\b|\bafterwards\b|;|；)\s*",
    re.IGNORECASE,
)
_TOP_K = 3
_MIN_CLAUSE_CHARS = 4


def load_examples() -> dict[str, list[str]]:
    raw = yaml.safe_load(resources.files("agents.router").joinpath("examples.yaml").read_text("utf-8"))
    return {name: [str(text) for text in raw.get(name, [])] for name in SPECIALIST_NAMES}


def split_clauses(text: str) -> list[str]:
    """Clauses long enough to carry an intent; the whole text when there is no connector."""
    parts = [part.strip(" ,，.。!！?？") for part in _CONNECTORS.split(text)]
    clauses = [part for part in parts if len(part) >= _MIN_CLAUSE_CHARS]
    return clauses or [text.strip()]


class RouterIndex:
    """Example vectors, computed once per embedder and cached in the data home."""

    def __init__(
        self, embedder: Embedder, cache_dir: Path | None = None, examples: dict[str, list[str]] | None = None
    ) -> None:
        self.embedder = embedder
        self.examples = examples or load_examples()
        self._cache_dir = cache_dir

    @cached_property
    def _matrix(self) -> tuple[np.ndarray, np.ndarray]:
        texts = [text for name in SPECIALIST_NAMES for text in self.examples[name]]
        labels = np.array([i for i, name in enumerate(SPECIALIST_NAMES) for _ in self.examples[name]])
        return self._vectors(texts), labels

    def _vectors(self, texts: list[str]) -> np.ndarray:
        key = hashlib.sha256(("\n".join(texts) + self.embedder.name).encode()).hexdigest()[:16]
        path = self._cache_dir / f"router-{self.embedder.name}-{key}.npy" if self._cache_dir else None
        if path and path.exists():
            return np.load(path)
        vectors = self.embedder.embed_documents(texts)
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, vectors)
        return vectors

    def score_clause(self, clause: str) -> ClauseScore:
        """Best specialist for one clause: mean of its top-k example similarities."""
        matrix, labels = self._matrix
        similarities = matrix @ self.embedder.embed_query(clause)
        per_specialist = []
        for index in range(len(SPECIALIST_NAMES)):
            own = np.sort(similarities[labels == index])[-_TOP_K:]
            per_specialist.append(float(own.mean()) if own.size else 0.0)
        order = np.argsort(per_specialist)[::-1]
        best, second = per_specialist[order[0]], per_specialist[order[1]]
        ranked = [SPECIALIST_NAMES[i] for i in order]
        return ClauseScore(clause=clause, specialist=ranked[0], score=best, margin=best - second,
                           ranked=ranked)

    def nearest_examples(self, clause: str, k: int = 6) -> list[tuple[str, str]]:
        """The k labelled examples closest to `clause`: demonstrations for the slow path."""
        matrix, labels = self._matrix
        similarities = matrix @ self.embedder.embed_query(clause)
        texts = [text for name in SPECIALIST_NAMES for text in self.examples[name]]
        return [(texts[i], SPECIALIST_NAMES[labels[i]]) for i in np.argsort(similarities)[::-1][:k]]

    def score(self, text: str) -> list[ClauseScore]:
        return [self.score_clause(clause) for clause in split_clauses(text)]
