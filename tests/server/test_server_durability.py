"""A server killed with SIGKILL in the middle of a turn keeps every completed turn of the thread."""

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from server_fakes import QUESTION

from server.tenants import TenantStore, tenant_db_path

pytestmark = [pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"])]
HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(home: Path, port: int) -> subprocess.Popen[bytes]:
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(REPO), str(HERE), str(REPO / "tests")])}
    process = subprocess.Popen([sys.executable, str(HERE / "server_fake_serve.py"), str(home), str(port), "0.02"],
                               env=env, cwd=REPO)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError("the server did not start")


def events(response: httpx.Response) -> Iterator[tuple[str, dict[str, object]]]:
    name = ""
    for line in response.iter_lines():
        if line.startswith("event: "):
            name = line[7:]
        elif line.startswith("data: "):
            yield name, json.loads(line[6:])


def test_kill_mid_turn_then_restart_continues_the_thread(tmp_path: Path) -> None:
    home, port = tmp_path / "home", free_port()
    store = TenantStore(tenant_db_path(home))
    auth = {"Authorization": f"Bearer {store.create_key('acme').api_key}"}
    store.close()
    url = f"http://127.0.0.1:{port}"
    server = start(home, port)
    try:
        with httpx.stream("POST", f"{url}/v1/chat", json={"message": QUESTION}, headers=auth, timeout=60) as first:
            thread = next(data for name, data in events(first) if name == "done")["thread_id"]
        with httpx.stream("POST", f"{url}/v1/chat", json={"message": "and in the UAE?", "thread_id": thread},
                          headers=auth, timeout=60) as second:
            for name, _ in events(second):
                if name == "token":  # the model is mid-answer: kill the server now
                    os.kill(server.pid, signal.SIGKILL)
                    break
        server.wait(timeout=10)
        server = start(home, port)
        saved = httpx.get(f"{url}/v1/chat/threads/{thread}", headers=auth, timeout=10).json()
        roles = [(m["role"], m["text"][:20]) for m in saved["messages"]]
        assert roles[:2] == [("user", QUESTION[:20]), ("assistant", "- Products must be l")]
        with httpx.stream("POST", f"{url}/v1/chat", json={"message": "and in the UAE?", "thread_id": thread},
                          headers=auth, timeout=60) as third:
            done = [data for name, data in events(third) if name == "done"]
        assert done == [{"thread_id": thread}]
        after = httpx.get(f"{url}/v1/chat/threads/{thread}", headers=auth, timeout=10).json()["messages"]
        assert after[0]["text"] == QUESTION and after[-1]["role"] == "assistant"
        assert [m["text"] for m in after if m["role"] == "user"][-1] == "and in the UAE?"
    finally:
        server.kill()
        server.wait(timeout=10)
