"""HTTP server benchmark on loopback: throughput of a rules-only route and chat time to first token.

    python -m evals.bench_server                      # 400 compliance checks, 20 chat turns (~30 s)
    python -m evals.bench_server --requests 2000 --turns 50 --clients 8

The app runs under uvicorn on 127.0.0.1 in this process with a fake chat model that streams one
character every --char-delay seconds and a hashing embedder, so what is measured is the server,
the graph and the stores, not a language model.

1. Throughput: POST /v1/compliance/check?rules_only=true from --clients threads (httpx), bounded by
   --requests and --seconds; requests/s and latency p50/p95.
2. Chat: sequential POST /v1/chat turns; for each, the time from sending the request to the first
   SSE `token` event, the model's own time to first token (its first chunk, measured by a callback
   in the same process and clock), and the delivery overhead: first `token` event at the client
   minus the moment the model produced the chunk that made that text sendable (target ≤ 50 ms).
   The research specialist answers in constrained JSON, so its first visible text follows the
   model's first chunk by the JSON prefix `{"points": [{"text": "`.
"""

import argparse
import hashlib
import json
import re
import socket
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import uvicorn
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from agents.context import Deps
from agents.router.fast import RouterIndex
from agents.service import Copilot
from evals.report import percentile
from server.app import create_app
from tools.settings import Settings

OVERHEAD_TARGET_MS = 50.0
DRAFT = '{"points": [{"text": "Products must be listed with the SFDA before sale", "sources": [1]}]}'
# The first visible text ("- ", a point's bullet) can leave once the model has written `"text": "`.
FIRST_VISIBLE_CHUNK = DRAFT.index("Products") - 1
QUESTION = "what regulations apply to cosmetics in Saudi Arabia"
AD_TEXT = "Clinically proven to cure acne in 3 days! 100% natural, FDA approved. Buy now, limited offer."
EXAMPLES = {"copywriter": ["write an amazon listing"], "compliance": ["check this ad for compliance"],
            "campaign": ["plan my ad budget"], "kol": ["find influencers"], "analyst": ["my revenue last month"],
            "research": ["what regulations apply to cosmetics"]}
DOC = ("---\nid: sa\ntitle: Saudi cosmetics\njurisdictions: [SA]\nsource_url: https://example.org/sa\n---\n"
       "## Listing\nCosmetics regulations: products must be listed with the SFDA before sale.\n")
_WORDS = re.compile(r"[^\W_]+")


class HashEmbedder:
    """Hashed bag of words: no model to load, deterministic."""

    name, dim = "hash", 256

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for token in _WORDS.findall(text.lower()):
            vector[int(hashlib.md5(token.encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


class ChunkClock(BaseCallbackHandler):
    """perf_counter of each model call's start and of every streamed chunk."""

    def __init__(self) -> None:
        self.calls: list[tuple[float, list[float]]] = []

    def on_chat_model_start(self, *args: Any, **kwargs: Any) -> None:
        self.calls.append((time.perf_counter(), []))

    def on_llm_new_token(self, *args: Any, **kwargs: Any) -> None:
        if self.calls:
            self.calls[-1][1].append(time.perf_counter())


def start_server(home: Path, char_delay: float, clock: ChunkClock) -> tuple[uvicorn.Server, str, str]:
    model = FakeListChatModel(responses=[DRAFT], sleep=char_delay, callbacks=[clock])
    deps = Deps(settings=Settings(home=home, rate_limit_burst=10**9, rate_limit_per_minute=1e9),
                _chat_model=model, _embedder=HashEmbedder())
    (home.parent / "corpus").mkdir(parents=True, exist_ok=True)
    (home.parent / "corpus" / "sa.md").write_text(DOC, encoding="utf-8")
    deps.store.ingest(home.parent / "corpus")
    app = create_app(deps=deps, copilot=Copilot(deps, index=RouterIndex(deps.embedder, None, EXAMPLES)))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    key = app.state.server.tenants.create_key("bench").api_key
    return server, f"http://127.0.0.1:{port}", key


def bench_throughput(url: str, key: str, requests: int, seconds: float, clients: int) -> dict[str, Any]:
    """Rules-only compliance checks from `clients` threads, each with its own connection."""
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    body = {"text": AD_TEXT, "markets": ["US", "DE", "SA"], "channel": "ad"}
    route = "/v1/compliance/check?rules_only=true"

    def worker(count: int) -> None:
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=30) as client:
            for _ in range(count):
                if time.perf_counter() > deadline:
                    return
                started = time.perf_counter()
                status = client.post(route, json=body).status_code
                with lock:
                    latencies.append(time.perf_counter() - started)
                    statuses[status] = statuses.get(status, 0) + 1

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(worker, [requests // clients + (i < requests % clients) for i in range(clients)]))
    elapsed = time.perf_counter() - started
    return {"route": "POST " + route, "requests": len(latencies), "clients": clients, "statuses": statuses,
            "requests_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
            "p95_ms": round(percentile(latencies, 0.95) * 1000, 1)}


def bench_first_token(url: str, key: str, turns: int, clock: ChunkClock) -> dict[str, Any]:
    """Sequential chat turns: request → first `token` event, against the model's own first chunk."""
    to_token, model_ttft, overhead, pre_model = [], [], [], []
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=60) as client:
        for _ in range(turns):
            clock.calls.clear()
            sent = time.perf_counter()
            first: float | None = None
            with client.stream("POST", "/v1/chat", json={"message": QUESTION}) as response:
                name = ""
                for line in response.iter_lines():
                    if line.startswith("event: "):
                        name = line[7:]
                    elif name == "token" and first is None and json.loads(line[6:]).get("text", "").strip():
                        first = time.perf_counter()
            if first is None or not clock.calls:
                raise RuntimeError("the turn streamed no answer token")
            call_start, chunks = clock.calls[-1]
            to_token.append(first - sent)
            model_ttft.append(chunks[0] - call_start)
            pre_model.append(call_start - sent)
            overhead.append(first - chunks[FIRST_VISIBLE_CHUNK])

    def ms(values: list[float], q: float) -> float:
        return round(percentile(values, q) * 1000, 1)

    return {"turns": turns,
            "request_to_first_token_ms": {"p50": ms(to_token, 0.5), "p95": ms(to_token, 0.95)},
            "model_time_to_first_chunk_ms": {"p50": ms(model_ttft, 0.5), "p95": ms(model_ttft, 0.95)},
            "before_model_ms (auth, router, retrieval, prompt)": {"p50": ms(pre_model, 0.5),
                                                                  "p95": ms(pre_model, 0.95)},
            "delivery_overhead_ms": {"p50": ms(overhead, 0.5), "p95": ms(overhead, 0.95),
                                     "target": OVERHEAD_TARGET_MS,
                                     "met": percentile(overhead, 0.95) * 1000 <= OVERHEAD_TARGET_MS}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--char-delay", type=float, default=0.005, help="fake model seconds per character")
    args = parser.parse_args()
    clock = ChunkClock()
    with tempfile.TemporaryDirectory(prefix="chuhai-bench-server-") as tmp:
        server, url, key = start_server(Path(tmp) / "home", args.char_delay, clock)
        try:
            bench_first_token(url, key, 2, clock)  # warm-up: imports, first graph run
            report = {"throughput": bench_throughput(url, key, args.requests, args.seconds, args.clients),
                      "chat": bench_first_token(url, key, args.turns, clock)}
        finally:
            server.should_exit = True
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
