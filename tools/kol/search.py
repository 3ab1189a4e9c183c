"""Hybrid search over a creator directory: hard filters in numpy, then embeddings + BM25 fused by rank."""

import math
from dataclasses import dataclass, field
from pathlib import Path

import bm25s
import numpy as np

from tools.kol.embeddings import Embed, cached_vectors
from tools.kol.fraud import FraudAssessment, assess_fraud
from tools.kol.models import Creator, MatchRequest, Money
from tools.kol.reference import load_data, per_usd
from tools.kol.scoring import planning_cost_usd
from tools.kol.store import SearchRow
from tools.kol.text import base_language, strip_instructions, tokenize


@dataclass
class DirectoryIndex:
    """Flat columns as arrays, profile vectors and a BM25 index, built once per directory version.

    Full records stay as JSON text and become Creator objects only when a request shortlists them.
    """

    creator_ids: np.ndarray
    platform: np.ndarray
    country: np.ndarray
    followers: np.ndarray
    cost_usd: np.ndarray
    language_bits: dict[str, int]
    language_mask: np.ndarray
    instructions_removed: np.ndarray
    vectors: np.ndarray
    bm25: bm25s.BM25 | None
    records: list[str]
    _creators: dict[int, Creator] = field(default_factory=dict)
    _fraud: dict[int, FraudAssessment] = field(default_factory=dict)

    def creators_at(self, rows: list[int]) -> list[Creator]:
        """Full records of the creators at `rows`, loaded once each."""
        for row in rows:
            if row not in self._creators:
                self._creators[row] = Creator.model_validate_json(self.records[row])
        return [self._creators[row] for row in rows]

    def fraud(self, row: int) -> FraudAssessment:
        """The fraud assessment of one creator, computed once."""
        if row not in self._fraud:
            self._fraud[row] = assess_fraud(self.creators_at([row])[0])
        return self._fraud[row]


@dataclass(frozen=True)
class Hit:
    row: int
    relevance: float
    reason: str


def _language_masks(languages: list[str | None]) -> tuple[dict[str, int], np.ndarray]:
    bits: dict[str, int] = {}
    masks = np.zeros(len(languages), dtype=np.int64)
    for row, joined in enumerate(languages):
        for code in (joined or "").split(","):
            if code.strip():
                bit = bits.setdefault(base_language(code), min(len(bits), 62))
                masks[row] |= np.int64(1) << np.int64(bit)
    return bits, masks


def _cost_usd(row: SearchRow) -> float:
    card = (
        None
        if row.rate_amount is None or row.rate_currency is None
        else Money(amount=row.rate_amount, currency=row.rate_currency)
    )
    cost = planning_cost_usd(row.platform, row.followers, card)
    return math.nan if cost is None else cost


def build_index(rows: list[SearchRow], embed: Embed, cache_file: Path | None) -> DirectoryIndex:
    """Arrays, vectors (cached on disk by content hash) and a BM25 index for the directory's rows."""
    cleaned = [strip_instructions(row.profile or "") for row in rows]
    texts = [text for text, _ in cleaned]
    vectors = cached_vectors(texts, embed, cache_file)
    bm25 = None
    if rows:
        bm25 = bm25s.BM25()
        bm25.index([tokenize(t) for t in texts], show_progress=False)
    bits, masks = _language_masks([row.languages for row in rows])
    return DirectoryIndex(
        creator_ids=np.array([row.creator_id for row in rows], dtype=object),
        platform=np.array([row.platform for row in rows], dtype=object),
        country=np.array([row.country or "" for row in rows], dtype=object),
        followers=np.array([math.nan if r.followers is None else r.followers for r in rows], dtype=np.float64),
        cost_usd=np.array([_cost_usd(row) for row in rows], dtype=np.float64),
        language_bits=bits,
        language_mask=masks,
        instructions_removed=np.array([removed > 0 for _, removed in cleaned], dtype=bool),
        vectors=vectors,
        bm25=bm25,
        records=[row.record for row in rows],
    )


def filter_mask(index: DirectoryIndex, request: MatchRequest) -> np.ndarray:
    """Creators passing every hard filter; an unknown value fails the filter on its field."""
    mask = np.isin(index.country, [m.upper() for m in request.markets])
    if request.platforms:
        mask &= np.isin(index.platform, list(request.platforms))
    if request.languages:
        wanted = np.int64(0)
        for code in request.languages:
            bit = index.language_bits.get(base_language(code))
            if bit is not None:
                wanted |= np.int64(1) << np.int64(bit)
        mask &= (index.language_mask & wanted) != 0
    with np.errstate(invalid="ignore"):
        if request.min_followers is not None:
            mask &= index.followers >= request.min_followers
        if request.max_followers is not None:
            mask &= index.followers <= request.max_followers
        for cap in (request.budget, request.max_price):
            if cap is not None:
                mask &= index.cost_usd <= cap.amount / per_usd(cap.currency) * (1 + 1e-9)
    return mask


def _ranks(scores: np.ndarray) -> np.ndarray:
    """1-based rank of each score, best first."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=np.int64)
    ranks[order] = np.arange(1, len(scores) + 1)
    return ranks


def hybrid_search(index: DirectoryIndex, rows: np.ndarray, query_vector: np.ndarray, query: str) -> list[Hit]:
    """The shortlist among `rows`: reciprocal-rank fusion of embedding cosine and BM25, best first."""
    rules = load_data("scoring")["search"]
    if len(rows) == 0:
        return []
    k = float(rules["rrf_k"])
    cosine = index.vectors[rows] @ query_vector.astype(np.float32)
    lexical = np.zeros(len(rows), dtype=np.float64)
    tokens = [t for t in tokenize(query) if index.bm25 is not None and t in index.bm25.vocab_dict]
    if tokens and index.bm25 is not None:
        lexical = index.bm25.get_scores(tokens)[rows]
    dense_rank, lexical_rank = _ranks(cosine), _ranks(lexical)
    fused = 1 / (k + dense_rank) + np.where(lexical > 0, 1 / (k + lexical_rank), 0.0)
    best = 2 / (k + 1)
    top = min(int(rules["shortlist"]), len(rows))
    chosen = np.argpartition(-fused, top - 1)[:top]
    chosen = chosen[np.argsort(-fused[chosen], kind="stable")]
    hits = []
    for i in chosen:
        lexical_part = f"BM25 rank {lexical_rank[i]} ({lexical[i]:.1f})" if lexical[i] > 0 else "no BM25 term match"
        reason = (
            f"text relevance {fused[i] / best:.2f}: embedding rank {dense_rank[i]} of {len(rows)} "
            f"(cosine {cosine[i]:.2f}), {lexical_part}"
        )
        hits.append(Hit(row=int(rows[i]), relevance=float(fused[i] / best), reason=reason))
    return hits
