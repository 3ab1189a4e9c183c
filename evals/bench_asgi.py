"""Per-request cost of the app itself: rules-only compliance checks sent straight to the ASGI app.

No sockets, no HTTP parsing, no load generator: what is left is middleware, authentication, the
dependencies, validation, the check and serialization, on one core. `--profile` prints the
cProfile of the timed requests (cumulative), to see where that time goes.

    python -m evals.bench_asgi --requests 3000 [--profile]
"""

import argparse
import asyncio
import cProfile
import json
import pstats
import tempfile
import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from starlette.types import Message

from agents.context import Deps
from evals.bench_server import AD_TEXT, HashEmbedder
from server.app import create_app
from tools.settings import Settings

ROUTE = "/v1/compliance/check"
BODY = json.dumps({"text": AD_TEXT, "markets": ["US", "DE", "SA"], "channel": "ad"}).encode()


async def start(app: FastAPI) -> asyncio.Task[None]:
    """Run the lifespan's startup; the returned task holds the app until the process ends."""
    events: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    sent: list[Message] = []
    await events.put({"type": "lifespan.startup"})

    async def send(message: Message) -> None:
        sent.append(message)

    task = asyncio.create_task(app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, events.get, send))
    while not sent:
        await asyncio.sleep(0.01)
    if sent[0]["type"] != "lifespan.startup.complete":
        raise RuntimeError(f"startup failed: {sent[0]}")
    return task


async def check_once(app: FastAPI, key: str) -> None:
    """One POST through the whole app; anything but a 200 stops the benchmark."""
    headers = [(b"host", b"bench"), (b"content-type", b"application/json"),
               (b"authorization", f"Bearer {key}".encode()), (b"content-length", str(len(BODY)).encode())]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "path": ROUTE, "raw_path": ROUTE.encode(), "query_string": b"rules_only=true", "headers": headers,
             "scheme": "http", "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 50000), "root_path": "",
             "state": {}}
    pending = [{"type": "http.request", "body": BODY, "more_body": False}]
    replies: list[Message] = []

    async def receive() -> dict[str, Any]:
        return pending.pop() if pending else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        replies.append(message)

    await app(scope, receive, send)
    if replies[0]["status"] != 200:
        raise RuntimeError(f"status {replies[0]['status']}: {replies[1].get('body', b'')[:300]!r}")


async def bench(requests: int, profile: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="chuhai-bench-asgi-") as tmp:
        settings = Settings(home=Path(tmp), rate_limit_burst=10**9, rate_limit_per_minute=1e9)
        deps = Deps(settings=settings, _chat_model=FakeListChatModel(responses=["-"]), _embedder=HashEmbedder())
        app = create_app(deps=deps)
        lifespan = await start(app)
        key = app.state.server.tenants.create_key("bench").api_key
        for _ in range(200):  # warm-up: imports, caches, rule book
            await check_once(app, key)
        profiler = cProfile.Profile() if profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        for _ in range(requests):
            await check_once(app, key)
        if profiler:
            profiler.disable()
        elapsed = time.perf_counter() - started
        lifespan.cancel()
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    return {"route": f"POST {ROUTE}?rules_only=true", "requests": requests, "profiled": profile,
            "ms_per_request": round(elapsed / requests * 1000, 3), "requests_per_s": round(requests / elapsed, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--profile", action="store_true", help="print the cProfile of the timed requests")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(bench(args.requests, args.profile)), indent=2))


if __name__ == "__main__":
    main()
