"""A small HTTP/1.1 load generator: keep-alive connections on asyncio, run in its own process.

A Python client in the server's own process shares its interpreter lock and measures itself as
much as the server; this one runs in a child process and writes raw requests on persistent
connections, so the generator costs far less CPU per request than the server it measures.
"""

import asyncio
import json
import multiprocessing
import time
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel


class LoadResult(BaseModel):
    requests: int
    seconds: float
    statuses: dict[int, int]
    latencies_s: list[float]


def _request_bytes(host: str, path: str, headers: dict[str, str], body: dict[str, Any]) -> bytes:
    payload = json.dumps(body).encode()
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}", "Content-Type: application/json",
             f"Content-Length: {len(payload)}", *(f"{name}: {value}" for name, value in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


async def _read_response(reader: asyncio.StreamReader) -> int:
    """The status of one response, after reading its body (Content-Length framing, as uvicorn sends)."""
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    length = 0
    for line in header_lines:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    await reader.readexactly(length)
    return int(status_line.split()[1])


async def _connection(url: str, raw: bytes, deadline: float, quota: list[int], result: LoadResult) -> None:
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    try:
        while quota[0] > 0 and time.perf_counter() < deadline:
            quota[0] -= 1
            started = time.perf_counter()
            writer.write(raw)
            status = await _read_response(reader)
            result.latencies_s.append(time.perf_counter() - started)
            result.statuses[status] = result.statuses.get(status, 0) + 1
    finally:
        writer.close()


async def _run(url: str, path: str, headers: dict[str, str], body: dict[str, Any], requests: int,
               seconds: float, connections: int) -> LoadResult:
    raw = _request_bytes(urlsplit(url).netloc, path, headers, body)
    result = LoadResult(requests=0, seconds=0.0, statuses={}, latencies_s=[])
    quota = [requests]
    started = time.perf_counter()
    await asyncio.gather(*(_connection(url, raw, started + seconds, quota, result) for _ in range(connections)))
    result.seconds = time.perf_counter() - started
    result.requests = len(result.latencies_s)
    return result


def _child(args: tuple[Any, ...]) -> dict[str, Any]:
    return asyncio.run(_run(*args)).model_dump()


def post_load(url: str, path: str, headers: dict[str, str], body: dict[str, Any], *, requests: int,
              seconds: float, connections: int) -> LoadResult:
    """POST the same JSON body `requests` times (or for `seconds`) over `connections` keep-alive connections."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        data = pool.apply(_child, ((url, path, headers, body, requests, seconds, connections),))
    return LoadResult.model_validate(data)
