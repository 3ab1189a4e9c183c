"""BM25 over chunks with a tokenizer that also works for scripts written without spaces."""

import re
import unicodedata

import bm25s
import numpy as np

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_TOKENS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]+|[^\W_]+")


def bm25_tokens(text: str) -> list[str]:
    """Words for alphabetic scripts; character bigrams for CJK and Thai runs."""
    tokens: list[str] = []
    for match in _TOKENS.finditer(unicodedata.normalize("NFKC", text).lower()):
        piece = match.group()
        if _CJK.match(piece):
            tokens.extend([piece] if len(piece) == 1 else [piece[i : i + 2] for i in range(len(piece) - 1)])
        elif len(piece) > 1 or piece.isdigit():
            tokens.append(piece)
    return tokens


class LexicalIndex:
    """An in-memory BM25 index over a fixed list of chunk ids."""

    def __init__(self, ids: list[str], texts: list[str]) -> None:
        self.ids = ids
        self._bm25 = bm25s.BM25()
        if ids:
            self._bm25.index([bm25_tokens(text) or ["∅"] for text in texts], show_progress=False)

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk id, score) with a positive score; `mask` (one bool per id) restricts the ids."""
        tokens = bm25_tokens(query)
        if not self.ids or not tokens or (mask is not None and not mask.any()):
            return []
        k = min(k, len(self.ids))
        try:
            documents, scores = self._bm25.retrieve(
                [tokens], k=k, show_progress=False, n_threads=1,
                weight_mask=None if mask is None else mask.astype(np.float32),
            )
        except ValueError:  # no query token occurs in the vocabulary
            return []
        return [(self.ids[int(d)], float(s)) for d, s in zip(documents[0], scores[0], strict=True) if s > 0]
