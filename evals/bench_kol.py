"""KOL matching benchmark: p50/p95 of match_creators (no outreach) over a generated directory.

    python -m evals.bench_kol               # 5,000 creators, quick
    python -m evals.bench_kol --size 100000 # the scale target (p50 ≤ 200 ms)

Creators come from the demo generator; vectors from the model-free hashing embedder, so the
numbers measure filtering, search, scoring and selection rather than a neural encoder. Index
build (cold: embeds every profile; warm: vectors from the on-disk cache) is reported apart.
"""

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

from evals.report import DATASETS, load_jsonl, percentile
from tools.kol import (
    Creator,
    CreatorDirectory,
    MatchRequest,
    generate_demo_creators,
    hashing_embedder,
    match_creators,
)
from tools.kol.store import open_creator_db, upsert_creators

TARGET_P50_MS = 200.0


def _timed(action: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = action()
    return result, (time.perf_counter() - started) * 1000


def _store(conn: duckdb.DuckDBPyConnection, creators: list[Creator]) -> None:
    conn.begin()
    upsert_creators(conn, creators)
    conn.commit()


def run(size: int, rounds: int) -> dict[str, Any]:
    """Build a directory of `size` creators and time every eval request `rounds` times."""
    folder = Path(tempfile.mkdtemp(prefix="kol-bench-"))
    try:
        (creators, _), generate_ms = _timed(lambda: generate_demo_creators(n=size, seed=11))
        conn = open_creator_db(folder / "creators.duckdb")
        _, load_ms = _timed(lambda: _store(conn, creators))
        creators.clear()  # the benchmark reads from the database, as a server would
        embed = hashing_embedder()
        requests = [
            MatchRequest.model_validate(case["request"]) for case in load_jsonl(DATASETS / "kol_requests.jsonl")
        ]
        cold = CreatorDirectory(conn, cache_dir=folder)
        _, cold_ms = _timed(lambda: match_creators(cold, requests[0], embed))
        warm = CreatorDirectory(conn, cache_dir=folder)
        _, warm_ms = _timed(lambda: match_creators(warm, requests[0], embed))
        latency, candidates = [], []
        for _ in range(rounds):
            for request in requests:
                response, ms = _timed(lambda r=request: match_creators(warm, r, embed))
                latency.append(ms)
                candidates.append(response.candidates_considered)
        conn.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    p50 = percentile(latency, 0.5)
    return {
        "creators": size,
        "requests": len(latency),
        "generate_s": round(generate_ms / 1000, 1),
        "load_s": round(load_ms / 1000, 1),
        "first_match_cold_index_s": round(cold_ms / 1000, 2),
        "first_match_warm_cache_s": round(warm_ms / 1000, 2),
        "p50_ms": round(p50, 1),
        "p95_ms": round(percentile(latency, 0.95), 1),
        "max_ms": round(max(latency), 1),
        "median_candidates_after_filters": int(percentile(candidates, 0.5)),
        "target_p50_ms": TARGET_P50_MS,
        "within_target": p50 <= TARGET_P50_MS,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark as JSON; exit 1 when p50 misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000, help="creators in the directory (100000 for the target)")
    parser.add_argument("--rounds", type=int, default=1, help="passes over the eval requests")
    args = parser.parse_args(argv)
    result = run(args.size, args.rounds)
    print(json.dumps(result, indent=2))
    return 0 if result["within_target"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
