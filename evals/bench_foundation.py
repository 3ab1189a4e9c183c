"""Foundation benchmarks: ingestion rate, hybrid retrieval latency at scale, local model speed, peak RSS.

    python -m evals.bench_foundation --chunks 100000

Retrieval at scale: the real corpus is ingested, then synthetic chunks are added until the store
holds `--chunks`. Their texts are shuffled corpus sentences; their vectors are real embeddings of
500 of those texts plus small noise (embedding 100k texts on 2 cores would take half an
hour). Queries are the retrieval eval's 72 queries, searched through the full hybrid path.
"""

import argparse
import json
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from evals.report import DATASETS, load_jsonl, percentile
from knowledge.chunking import Chunk
from knowledge.documents import Document
from knowledge.embeddings import load_embedder
from knowledge.store import SHARED, KnowledgeStore, SearchFilters

REPO = Path(__file__).resolve().parent.parent


def bench_ingest(store: KnowledgeStore) -> dict[str, float]:
    started = time.perf_counter()
    report = store.ingest(REPO / "knowledge" / "corpus")
    seconds = time.perf_counter() - started
    return {"files": report.files, "chunks": report.chunks_written, "seconds": round(seconds, 2),
            "chunks_per_s": round(report.chunks_written / seconds, 1)}


def grow_store(store: KnowledgeStore, target: int, sample: int = 500, batch: int = 2000) -> dict[str, float]:
    rng = random.Random(3)
    sentences = [s for hit in store.get_chunks(_all_ids(store)) for s in hit.text.split(". ") if len(s) > 30]
    texts = [". ".join(rng.sample(sentences, 4)) for _ in range(sample)]
    base = store.embedder.embed_documents(texts)
    noise = np.random.default_rng(3)
    started, added = time.perf_counter(), 0
    while store.count() < target:
        size = min(batch, target - store.count())
        chunks, vectors = [], []
        for i in range(size):
            j = rng.randrange(sample)
            chunks.append(Chunk(id=f"synthetic-{added + i}#0", doc_id=f"synthetic-{added + i}", index=0,
                                section="Synthetic", text=texts[j]))
            vector = base[j] + np.asarray(noise.normal(0, 0.02, size=base.shape[1]), dtype=np.float32)
            vectors.append(vector / np.linalg.norm(vector))
        document = Document(id=f"synthetic-batch-{added}", title="Synthetic", text="", jurisdictions=["XX"],
                            path="synthetic", content_hash=str(added))
        store._write_chunks(SHARED, document, chunks, np.stack(vectors))
        added += size
    return {"added": added, "seconds": round(time.perf_counter() - started, 1)}


def _all_ids(store: KnowledgeStore) -> list[str]:
    return [r[0] for r in store._db.execute("SELECT chunk_id FROM chunks WHERE doc_id NOT LIKE 'synthetic-%'")]


def bench_search(store: KnowledgeStore) -> dict[str, float]:
    queries = [case["query"] for case in load_jsonl(DATASETS / "retrieval.jsonl")]
    store.search(queries[0], k=5)  # builds the BM25 index once
    plain, filtered = [], []
    for query in queries:
        started = time.perf_counter()
        store.search(query, k=5)
        plain.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        store.search(query, k=5, filters=SearchFilters(jurisdictions=["SA", "GCC"]))
        filtered.append((time.perf_counter() - started) * 1000)
    return {"chunks": store.count(), "queries": len(queries), "p50_ms": round(percentile(plain, 0.5), 1),
            "p95_ms": round(percentile(plain, 0.95), 1), "filtered_p50_ms": round(percentile(filtered, 0.5), 1),
            "filtered_p95_ms": round(percentile(filtered, 0.95), 1)}


def bench_model(model_path: Path) -> dict[str, float]:
    """Time to first token and tokens/s: through the stack versus llama-cpp-python directly."""
    from langchain_core.messages import HumanMessage, SystemMessage
    from llama_cpp import Llama

    from agents.llm.local import ChatLlamaCpp, to_llama_messages

    messages = [SystemMessage("You advise cross-border sellers. Answer in Chinese, as a short list."),
                HumanMessage("在沙特阿拉伯卖化妆品需要注意哪些法规？请列出五点。")]
    stack = ChatLlamaCpp(model_path=model_path, max_tokens=128, temperature=0.0)
    stack.invoke(messages)  # load and warm up
    results = {}
    started = time.perf_counter()
    first, pieces = 0.0, 0
    for chunk in stack.stream(messages):
        if chunk.text and not first:
            first = time.perf_counter() - started
        pieces += bool(chunk.text)
    total = time.perf_counter() - started
    tokens = stack.count_tokens(str(stack.invoke(messages).text))
    results["stack_ttft_s"] = round(first, 3)
    results["stack_tokens_per_s"] = round(pieces / (total - first), 1) if total > first else 0.0
    del stack
    direct: Any = Llama(model_path=str(model_path), n_ctx=4096, n_threads=2, seed=7, verbose=False)
    direct.create_chat_completion(messages=to_llama_messages(messages), max_tokens=8)
    started = time.perf_counter()
    first, pieces = 0.0, 0
    for event in direct.create_chat_completion(messages=to_llama_messages(messages), max_tokens=128,
                                               temperature=0.0, repeat_penalty=1.1, stream=True):
        if event["choices"][0]["delta"].get("content"):
            first = first or time.perf_counter() - started
            pieces += 1
    total = time.perf_counter() - started
    results["direct_ttft_s"] = round(first, 3)
    results["direct_tokens_per_s"] = round(pieces / (total - first), 1) if total > first else 0.0
    results["answer_tokens"] = tokens
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--embedder", default="use")
    parser.add_argument("--model", type=Path, default=REPO / ".chuhai/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf")
    parser.add_argument("--skip-model", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="chuhai-bench-"))
    try:
        store = KnowledgeStore(folder, load_embedder(args.embedder))
        report: dict[str, object] = {"embedder": args.embedder, "ingest": bench_ingest(store)}
        report["search_corpus"] = bench_search(store)
        report["grow"] = grow_store(store, args.chunks)
        report["search_scaled"] = bench_search(store)
        if not args.skip_model:
            report["model"] = bench_model(args.model)
        report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        print(json.dumps(report, indent=2))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
