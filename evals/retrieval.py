"""Cross-lingual retrieval suite: queries in 8 languages against gold sections of the corpus."""

import tempfile
import time
from collections import defaultdict
from pathlib import Path

from evals.report import DATASETS, EvalReport, load_jsonl, percentile
from knowledge.embeddings import load_embedder
from knowledge.store import KnowledgeStore

THRESHOLD = 0.85  # recall@5 over all languages (measured e5 95.8 %, use 91.7 %)
K = 5


def evaluate_retrieval(store: KnowledgeStore, limit: int | None = None, tenant: str = "_shared") -> EvalReport:
    cases = load_jsonl(DATASETS / "retrieval.jsonl", limit)
    found: dict[str, list[int]] = defaultdict(list)
    reciprocal: list[float] = []
    latencies = []
    misses = []
    for case in cases:
        started = time.perf_counter()
        hits = store.search(case["query"], k=K, tenant=tenant)
        latencies.append((time.perf_counter() - started) * 1000)
        ranks = [i for i, h in enumerate(hits, 1)
                 if h.doc_id == case["gold_doc"] and h.section == case["gold_section"]]
        found[case["lang"]].append(int(bool(ranks)))
        reciprocal.append(1 / ranks[0] if ranks else 0.0)
        if not ranks:
            misses.append({"id": case["id"], "top": [f"{h.doc_id}/{h.section}" for h in hits[:3]]})
    total = sum(len(v) for v in found.values())
    recall = sum(sum(v) for v in found.values()) / total if total else 0.0
    metrics = {
        "cases": total,
        "embedder": store.embedder.name,
        "recall_at_5": round(recall, 4),
        "mrr": round(sum(reciprocal) / total, 4) if total else 0.0,
        "recall_at_5_by_lang": {lang: round(sum(v) / len(v), 4) for lang, v in sorted(found.items())},
        "p50_ms": round(percentile(latencies, 0.5), 2),
        "p95_ms": round(percentile(latencies, 0.95), 2),
        "chunks": store.count(),
        "misses": misses,
    }
    return EvalReport(suite="retrieval", metrics=metrics, gate="recall_at_5", threshold=THRESHOLD,
                      passed=recall >= THRESHOLD,
                      headline=f"recall@5 {recall:.1%} ({store.embedder.name}, {total} queries, threshold "
                               f"{THRESHOLD:.0%}) by language {metrics['recall_at_5_by_lang']}")


def compare_embedders(names: list[str], corpus: Path) -> list[EvalReport]:
    """The same suite over fresh stores built with each embedder: how the default was chosen."""
    reports = []
    for name in names:
        with tempfile.TemporaryDirectory() as folder:
            store = KnowledgeStore(Path(folder), load_embedder(name))
            started = time.perf_counter()
            store.ingest(corpus)
            report = evaluate_retrieval(store)
            report.metrics["ingest_seconds"] = round(time.perf_counter() - started, 2)
            reports.append(report)
    return reports


if __name__ == "__main__":
    import argparse
    import json

    parser = argparse.ArgumentParser(description="Compare embedders on the cross-lingual retrieval suite.")
    parser.add_argument("embedders", nargs="+", default=["use", "e5", "minilm"])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parent.parent / "knowledge" / "corpus")
    for report in compare_embedders(parser.parse_args().embedders, parser.parse_args().corpus):
        metrics = {k: v for k, v in report.metrics.items() if k != "misses"}
        print(json.dumps(metrics, ensure_ascii=False))
