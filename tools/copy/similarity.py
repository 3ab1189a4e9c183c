"""Whether two copy variants are too alike to offer both."""

import math
from collections.abc import Callable, Sequence

# Cosine similarity of two variants' embeddings at or above which they count as the same copy. Paraphrases
# that only reorder or swap a word score about 0.95 with MiniLM-class sentence embedders; variants that take
# a different angle score well below 0.9.
EMBEDDING_THRESHOLD = 0.92
# Jaccard overlap of character 3-gram sets at or above which two variants count as the same copy when no
# embedder is given: a reworded variant keeps under half of its 3-grams, a copy with one word changed keeps
# most of them.
JACCARD_THRESHOLD = 0.6
NGRAM = 3

Embedder = Callable[[list[str]], Sequence[Sequence[float]]]


def char_ngrams(text: str, size: int = NGRAM) -> set[str]:
    """Character n-grams of the case-folded text with whitespace collapsed."""
    norm = " ".join(text.casefold().split())
    if len(norm) < size:
        return {norm} if norm else set()
    return {norm[i : i + size] for i in range(len(norm) - size + 1)}


def jaccard(a: str, b: str) -> float:
    """Jaccard similarity of the character 3-gram sets of `a` and `b` (1.0 for two empty texts)."""
    grams_a, grams_b = char_ngrams(a), char_ngrams(b)
    if not grams_a and not grams_b:
        return 1.0
    return len(grams_a & grams_b) / len(grams_a | grams_b)


def cosine(u: Sequence[float], v: Sequence[float]) -> float:
    """Cosine similarity of two vectors (0.0 when either is all zeros)."""
    dot = sum(x * y for x, y in zip(u, v, strict=True))
    norm = math.sqrt(sum(x * x for x in u)) * math.sqrt(sum(y * y for y in v))
    return dot / norm if norm else 0.0


def too_similar(a: str, b: str, embed: Embedder | None = None) -> bool:
    """True when variants `a` and `b` are near duplicates: by embedding cosine if `embed` is given, else by
    character 3-gram Jaccard."""
    if embed is None:
        return jaccard(a, b) >= JACCARD_THRESHOLD
    vectors = embed([a, b])
    return cosine(vectors[0], vectors[1]) >= EMBEDDING_THRESHOLD
