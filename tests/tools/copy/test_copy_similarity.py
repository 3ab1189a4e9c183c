"""Variant diversity: near duplicates by an injected embedder, or by character 3-gram Jaccard."""

from collections.abc import Sequence

from tools.copy import EMBEDDING_THRESHOLD, too_similar
from tools.copy.similarity import Embedder, jaccard


def _fake_embedder(vectors: dict[str, list[float]]) -> tuple[Embedder, list[list[str]]]:
    calls: list[list[str]] = []

    def embed(texts: list[str]) -> Sequence[Sequence[float]]:
        calls.append(texts)
        return [vectors[t] for t in texts]

    return embed, calls


def test_embedder_decides_when_given() -> None:
    embed, calls = _fake_embedder({"a": [1.0, 0.0], "b": [0.99, 0.05], "c": [0.0, 1.0]})
    assert too_similar("a", "b", embed)
    assert not too_similar("a", "c", embed)
    assert calls == [["a", "b"], ["a", "c"]]


def test_threshold_is_inclusive() -> None:
    cos = EMBEDDING_THRESHOLD
    embed, _ = _fake_embedder({"x": [1.0, 0.0], "y": [cos, (1 - cos**2) ** 0.5]})
    assert too_similar("x", "y", embed)


def test_jaccard_fallback() -> None:
    a = "Keeps drinks cold for 24 hours, leak-proof lid"
    assert too_similar(a, "Keeps drinks cold for 24 hours, leak-proof cap")
    assert not too_similar(a, "Take it hiking: light steel body and a lid that never drips")
    assert jaccard("", "") == 1.0 and jaccard("abc", "") == 0.0
