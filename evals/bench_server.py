"""HTTP server benchmark on loopback: throughput of a rules-only route and chat time to first token.

    python -m evals.bench_server                                 # 5,000 checks, 20 chat turns
    python -m evals.bench_server --requests 20000 --connections 32 --turns 50

1. Throughput: `chuhai serve` as deployed, in its own process, with a fresh data home; a load
   generator in another process (evals/loadgen.py) sends POST /v1/compliance/check?rules_only=true
   over --connections keep-alive connections, bounded by --requests and --seconds;
   requests/s and latency p50/p95 (target ≥ 500 requests/s).
2. Chat: the app under uvicorn in this process with a fake chat model that streams one character
   every --char-delay seconds and a hashing embedder, so what is measured is the server, the graph
   and the stores, not a language model. Sequential POST /v1/chat turns; for each, the time from
   sending the request to the first SSE `token` event, the model's own time to first token (its
   first chunk, measured by a callback in the same process and clock), and the delivery overhead:
   first `token` event at the client minus the moment the model produced the chunk that made that
   text sendable; and the stack overhead: request to first token minus the model's own time to that
   answer text, i.e. everything that is not the model (target p95 ≤ 50 ms). The research specialist
   answers in constrained JSON, so its first visible text follows the model's first chunk by the
   JSON prefix `{"points": [{"text": "`.
"""

import argparse
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
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
from evals.loadgen import post_load
from evals.report import percentile
from server.app import create_app
from server.tenants import TenantStore, tenant_db_path
from tools.settings import Settings

OVERHEAD_TARGET_MS = 50.0
THROUGHPUT_TARGET = 500.0
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(home: Path, char_delay: float, clock: ChunkClock) -> tuple[uvicorn.Server, str, str]:
    model = FakeListChatModel(responses=[DRAFT], sleep=char_delay, callbacks=[clock])
    deps = Deps(settings=Settings(home=home, rate_limit_burst=10**9, rate_limit_per_minute=1e9),
                _chat_model=model, _embedder=HashEmbedder())
    (home.parent / "corpus").mkdir(parents=True, exist_ok=True)
    (home.parent / "corpus" / "sa.md").write_text(DOC, encoding="utf-8")
    deps.store.ingest(home.parent / "corpus")
    app = create_app(deps=deps, copilot=Copilot(deps, index=RouterIndex(deps.embedder, None, EXAMPLES)))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    key = app.state.server.tenants.create_key("bench").api_key
    return server, f"http://127.0.0.1:{port}", key


def start_cli_server(home: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    """`chuhai serve` as deployed, in its own process, with a key for a bench tenant and no rate limit."""
    key = TenantStore(tenant_db_path(home)).create_key("bench").api_key
    port = free_port()
    env = os.environ | {"CHUHAI_HOME": str(home), "CHUHAI_RATE_LIMIT_PER_MINUTE": "1e12",
                        "CHUHAI_RATE_LIMIT_BURST": str(10**12)}
    command = [sys.executable, "-m", "server.cli", "serve", "--port", str(port)]  # the defaults, as deployed
    process = subprocess.Popen(command, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.perf_counter() + 300
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"`chuhai serve` exited with {process.returncode}")
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return process, url, key
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    process.kill()
    raise RuntimeError("`chuhai serve` did not become ready in 300 s")


def bench_throughput(url: str, key: str, requests: int, seconds: float, connections: int) -> dict[str, Any]:
    """Rules-only compliance checks over keep-alive connections from a load generator in another process."""
    route = "/v1/compliance/check?rules_only=true"
    body = {"text": AD_TEXT, "markets": ["US", "DE", "SA"], "channel": "ad"}
    headers = {"Authorization": f"Bearer {key}"}
    post_load(url, route, headers, body, requests=200, seconds=seconds, connections=connections)  # warm-up
    result = post_load(url, route, headers, body, requests=requests, seconds=seconds, connections=connections)
    return {"route": "POST " + route, "requests": result.requests, "connections": connections,
            "statuses": result.statuses, "requests_per_s": round(result.requests / result.seconds, 1),
            "p50_ms": round(percentile(result.latencies_s, 0.5) * 1000, 2),
            "p95_ms": round(percentile(result.latencies_s, 0.95) * 1000, 2),
            "target_requests_per_s": THROUGHPUT_TARGET,
            "met": result.requests / result.seconds >= THROUGHPUT_TARGET}


def bench_first_token(url: str, key: str, turns: int, clock: ChunkClock) -> dict[str, Any]:
    """Sequential chat turns: request → first `token` event, against the model's own first chunk."""
    to_token, model_ttft, model_visible, overhead, pre_model = [], [], [], [], []
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
            model_visible.append(chunks[FIRST_VISIBLE_CHUNK] - call_start)
            pre_model.append(call_start - sent)
            overhead.append(first - chunks[FIRST_VISIBLE_CHUNK])

    not_model = [total - model for total, model in zip(to_token, model_visible, strict=True)]

    def ms(values: list[float], q: float) -> float:
        return round(percentile(values, q) * 1000, 1)

    return {"turns": turns,
            "request_to_first_token_ms": {"p50": ms(to_token, 0.5), "p95": ms(to_token, 0.95)},
            "model_time_to_first_chunk_ms": {"p50": ms(model_ttft, 0.5), "p95": ms(model_ttft, 0.95)},
            "before_model_ms (auth, router, retrieval, prompt)": {"p50": ms(pre_model, 0.5),
                                                                  "p95": ms(pre_model, 0.95)},
            "model_time_to_first_answer_text_ms": {"p50": ms(model_visible, 0.5), "p95": ms(model_visible, 0.95)},
            "delivery_overhead_ms": {"p50": ms(overhead, 0.5), "p95": ms(overhead, 0.95)},
            "stack_overhead_ms (request to first token minus the model's own time to answer text)": {
                "p50": ms(not_model, 0.5), "p95": ms(not_model, 0.95), "target": OVERHEAD_TARGET_MS,
                "met": percentile(not_model, 0.95) * 1000 <= OVERHEAD_TARGET_MS}}


def setup() -> dict[str, Any]:
    """What the numbers depend on: cores, load before the run, uvicorn's loop and HTTP parser."""
    from importlib.util import find_spec

    return {"cpus": os.cpu_count(), "load_average_1m_before": round(os.getloadavg()[0], 2),
            "uvloop": find_spec("uvloop") is not None, "httptools": find_spec("httptools") is not None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--char-delay", type=float, default=0.005, help="fake model seconds per character")
    args = parser.parse_args()
    report: dict[str, Any] = {"setup": setup()}
    with tempfile.TemporaryDirectory(prefix="chuhai-bench-server-") as tmp:
        process, url, key = start_cli_server(Path(tmp) / "serve")
        try:
            report["throughput"] = bench_throughput(url, key, args.requests, args.seconds, args.connections)
        finally:
            process.terminate()
            process.wait(30)
        clock = ChunkClock()
        server, url, key = start_server(Path(tmp) / "home", args.char_delay, clock)
        try:
            bench_first_token(url, key, 2, clock)  # warm-up: imports, first graph run
            report["chat"] = bench_first_token(url, key, args.turns, clock)
        finally:
            server.should_exit = True
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
