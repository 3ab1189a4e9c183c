"""The HTTP API with fake models: auth, tenant isolation, errors in one JSON shape, metrics, audit."""

import json
import sqlite3
from pathlib import Path

from fastapi.testclient import TestClient
from server_fakes import QUESTION, fake_copilot, fake_deps

from agents.context import Deps
from server.app import create_app
from server.tenants import tenant_db_path


def sse_events(text: str) -> list[tuple[str, dict[str, object]]]:
    """(event, data) pairs of a server-sent events body."""
    events = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def chat(client: TestClient, headers: dict[str, str], message: str, thread_id: str | None = None) -> list:
    body = {"message": message} | ({"thread_id": thread_id} if thread_id else {})
    response = client.post("/v1/chat", json=body, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    return sse_events(response.text)


def test_chat_streams_steps_tokens_result_and_done(client: TestClient, keys: dict[str, dict[str, str]]) -> None:
    events = chat(client, keys["acme"], QUESTION)
    names = [name for name, _ in events]
    assert names[-2:] == ["result", "done"] and "token" in names
    starts = [data for name, data in events if name == "step" and data["status"] == "start"]
    ends = [data for name, data in events if name == "step" and data["status"] == "end"]
    assert any(s["specialist"] == "research" and s["tools"] for s in starts)
    assert any(e["specialist"] == "research" for e in ends)
    assert names.index("token") > names.index("step")
    result = events[-2][1]
    assert result["citations"][0]["url"] == "https://example.org/sa"
    assert "".join(d["text"] for n, d in events if n == "token").strip() in result["answer"]


def test_chat_continues_a_thread_and_threads_are_per_tenant(
    client: TestClient, keys: dict[str, dict[str, str]]
) -> None:
    thread = chat(client, keys["acme"], QUESTION)[-1][1]["thread_id"]
    chat(client, keys["acme"], "and in the UAE?", thread)
    saved = client.get(f"/v1/chat/threads/{thread}", headers=keys["acme"]).json()
    assert [m["text"] for m in saved["messages"] if m["role"] == "user"] == [QUESTION, "and in the UAE?"]
    other = client.get(f"/v1/chat/threads/{thread}", headers=keys["globex"])
    assert other.status_code == 404 and other.json()["error"]["code"] == "not_found"
    # The same thread id from another tenant starts that tenant's own thread, not acme's.
    chat(client, keys["globex"], "hello there", thread)
    theirs = client.get(f"/v1/chat/threads/{thread}", headers=keys["globex"]).json()
    assert [m["text"] for m in theirs["messages"] if m["role"] == "user"] == ["hello there"]


def test_private_documents_are_visible_to_their_tenant_only(
    client: TestClient, keys: dict[str, dict[str, str]]
) -> None:
    doc = {"title": "Acme lamp certificates", "text": "## Lamps\nOur zebrawood lamp holds certificate LX-42.",
           "jurisdictions": ["DE"], "source_url": "https://acme.example/lx42"}
    added = client.post("/v1/knowledge/documents", json=doc, headers=keys["acme"])
    assert added.status_code == 201 and added.json()["status"] == "added" and added.json()["chunks"] >= 1
    mine = client.get("/v1/knowledge/search", params={"q": "zebrawood certificate"}, headers=keys["acme"]).json()
    assert mine["results"][0]["url"] == "https://acme.example/lx42" and mine["results"][0]["jurisdiction"] == "DE"
    theirs = client.get("/v1/knowledge/search", params={"q": "zebrawood certificate"}, headers=keys["globex"])
    assert all("acme" not in hit["url"] for hit in theirs.json()["results"])
    shared = client.get("/v1/knowledge/search", params={"q": "SFDA", "market": "SA"}, headers=keys["globex"])
    assert shared.json()["results"][0]["doc_id"] == "sa"


def test_multipart_document_upload(client: TestClient, keys: dict[str, dict[str, str]]) -> None:
    files = {"file": ("notes.md", b"# Notes\n## Batteries\nOur power bank ships with UN38.3 reports.", "text/markdown")}
    added = client.post("/v1/knowledge/documents", files=files, data={"jurisdictions": "us,de"},
                        headers=keys["acme"])
    assert added.status_code == 201, added.text
    hit = client.get("/v1/knowledge/search", params={"q": "UN38.3 power bank"}, headers=keys["acme"]).json()
    assert hit["results"][0]["doc_id"] == "notes" and hit["results"][0]["jurisdictions"] == ["US", "DE"]
    exe = client.post("/v1/knowledge/documents", files={"file": ("x.exe", b"MZ", "application/octet-stream")},
                      headers=keys["acme"])
    assert exe.status_code == 415 and exe.json()["error"]["code"] == "unsupported_media_type"
    assert not list((client.app.state.server.settings.home / "uploads").iterdir())  # type: ignore[attr-defined]


def test_missing_or_invalid_key_is_401(client: TestClient, keys: dict[str, dict[str, str]]) -> None:
    for headers in ({}, {"Authorization": "Bearer chk_nope_nope"}, {"Authorization": "Basic abc"},
                    {"Authorization": keys["acme"]["Authorization"][:-2] + "xx"}):
        response = client.post("/v1/route", json={"text": "find influencers"}, headers=headers)
        assert response.status_code == 401, headers
        assert response.json()["error"]["code"] == "unauthorized"
    assert client.post("/v1/route", json={"text": "find influencers"}, headers=keys["acme"]).status_code == 200


def test_keys_are_stored_hashed_and_calls_audited_without_bodies(
    client: TestClient, keys: dict[str, dict[str, str]]
) -> None:
    secret = "find influencers for zebrawood"
    client.post("/v1/route", json={"text": secret}, headers=keys["acme"])
    client.get("/v1/knowledge/search", params={"q": "x"}, headers={"Authorization": "Bearer wrong"})
    home = client.app.state.server.settings.home  # type: ignore[attr-defined]
    raw = tenant_db_path(home).read_bytes() + Path(f"{tenant_db_path(home)}-wal").read_bytes()
    key_secret = keys["acme"]["Authorization"].removeprefix("Bearer chk_").partition("_")[2]
    assert len(key_secret) >= 24 and key_secret.encode() not in raw
    assert secret.encode() not in raw
    log = client.app.state.server.tenants.audit_log()  # type: ignore[attr-defined]
    assert (log[0].route, log[0].status, log[0].tenant) == ("/v1/knowledge/search", 401, None)
    assert (log[1].route, log[1].status, log[1].tenant) == ("/v1/route", 200, "acme") and log[1].latency_ms > 0


def test_rate_limit_answers_429_with_retry_after(tmp_path: Path) -> None:
    deps = fake_deps(tmp_path / "home", rate_limit_burst=3, rate_limit_per_minute=6)
    with TestClient(create_app(deps=deps, copilot=fake_copilot(deps))) as client:
        tenants = client.app.state.server.tenants  # type: ignore[attr-defined]
        acme, globex = (({"Authorization": f"Bearer {tenants.create_key(n).api_key}"}) for n in ("acme", "globex"))
        statuses = [client.get("/v1/knowledge/search", params={"q": "SFDA"}, headers=acme).status_code
                    for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        limited = client.get("/v1/knowledge/search", params={"q": "SFDA"}, headers=acme)
        assert limited.json()["error"]["code"] == "rate_limited" and 1 <= int(limited.headers["Retry-After"]) <= 10
        assert client.get("/v1/knowledge/search", params={"q": "SFDA"}, headers=globex).status_code == 200


def test_bad_input_gets_4xx_json_never_500(client: TestClient, keys: dict[str, dict[str, str]]) -> None:
    acme = keys["acme"]
    cases = [
        (client.post("/v1/chat", content=b'{"message": ', headers=acme | {"content-type": "application/json"}),
         400, "malformed_json"),
        (client.post("/v1/chat", json={"message": 3}, headers=acme), 422, "invalid_request"),
        (client.post("/v1/chat", json={"message": "   "}, headers=acme), 400, "bad_input"),
        (client.post("/v1/chat", json={"message": "hi", "thread_id": "../etc"}, headers=acme), 422,
         "invalid_request"),
        (client.post("/v1/route", content=b"text=hi", headers=acme | {"content-type": "text/plain"}), 422,
         "invalid_request"),
        (client.post("/v1/knowledge/documents", content=b"hi", headers=acme | {"content-type": "text/plain"}), 415,
         "unsupported_media_type"),
        (client.post("/v1/knowledge/documents", content=b"{", headers=acme | {"content-type": "application/json"}),
         400, "malformed_json"),
        (client.get("/v1/knowledge/search", params={"q": "x", "k": 0}, headers=acme), 422, "invalid_request"),
        (client.get("/v1/knowledge/search", params={"q": "x", "market": "Saudi"}, headers=acme), 422,
         "invalid_request"),
        (client.get("/v1/nothing-here", headers=acme), 404, "not_found"),
        (client.put("/v1/route", headers=acme), 405, "method_not_allowed"),
    ]
    for response, status, code in cases:
        assert (response.status_code, response.json()["error"]["code"]) == (status, code), response.text
        assert response.json()["error"]["message"]


def test_oversized_bodies_are_413(tmp_path: Path) -> None:
    deps = fake_deps(tmp_path / "home", max_body_bytes=2_000, max_upload_bytes=5_000)
    with TestClient(create_app(deps=deps, copilot=fake_copilot(deps))) as client:
        acme = {"Authorization": f"Bearer {client.app.state.server.tenants.create_key('acme').api_key}"}  # type: ignore[attr-defined]
        big = client.post("/v1/route", json={"text": "x" * 3_000}, headers=acme)
        assert big.status_code == 413 and big.json()["error"]["code"] == "payload_too_large"
        upload = client.post("/v1/data/import", data={"source": "creators"},
                             files={"file": ("c.csv", b"handle\n" + b"a\n" * 4_000, "text/csv")}, headers=acme)
        assert upload.status_code == 413 and upload.json()["error"]["code"] == "payload_too_large"
        assert not list((deps.settings.home / "uploads").iterdir())
        chunked = client.post("/v1/route", content=iter([b'{"text": "', b"x" * 3_000, b'"}']),
                              headers=acme | {"content-type": "application/json"})  # no Content-Length
        assert chunked.status_code == 413 and chunked.json()["error"]["code"] == "payload_too_large"


def test_chat_is_503_when_no_model_is_available(tmp_path: Path) -> None:
    deps = fake_deps(tmp_path / "home")
    no_model = Deps(settings=deps.settings, _embedder=deps.embedder)
    with TestClient(create_app(deps=no_model, copilot=fake_copilot(no_model))) as client:
        acme = {"Authorization": f"Bearer {client.app.state.server.tenants.create_key('acme').api_key}"}  # type: ignore[attr-defined]
        response = client.post("/v1/chat", json={"message": QUESTION}, headers=acme)
        assert response.status_code == 503 and response.json()["error"]["code"] == "llm_unavailable"
        assert "models prepare" in response.json()["error"]["message"]
        assert client.post("/v1/chat", json={"message": QUESTION}).status_code == 401  # auth comes first
        routed = client.post("/v1/route", json={"text": "find influencers"}, headers=acme)
        assert routed.status_code == 200 and routed.json()["source"] == "fast"  # no model needed
        assert client.get("/readyz").status_code == 503 and client.get("/healthz").json() == {"status": "ok"}


def test_metrics_count_requests_and_specialist_tokens(client: TestClient, keys: dict[str, dict[str, str]]) -> None:
    chat(client, keys["acme"], QUESTION)
    text = client.get("/metrics").text
    assert 'chuhai_http_requests_total{method="POST",route="/v1/chat",status="200"} 1.0' in text
    assert 'chuhai_http_request_seconds_bucket{le="+Inf",method="POST",route="/v1/chat"} 1.0' in text
    assert 'chuhai_specialist_model_seconds_total{specialist="research"}' in text
    assert "chuhai_chat_turns_total 1.0" in text


def test_the_chat_page_is_served_without_external_scripts(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "http://" not in page.text.replace("http://www.w3.org", "") and "https://" not in page.text
    assert client.get("/static/chat.js").status_code == 200


def test_data_import_dispatches_creators(client: TestClient, keys: dict[str, dict[str, str]]) -> None:
    csv = b"handle,platform,country,followers\n@lampfan,tiktok,DE,12000\n@bad,tiktok,DE,many\n"
    response = client.post("/v1/data/import", data={"source": "creators"},
                           files={"file": ("creators.csv", csv, "text/csv")}, headers=keys["acme"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["rows_imported"] == 1 and body["rejected"][0]["line"] == 3
    unknown = client.post("/v1/data/import", data={"source": "myspace"},
                          files={"file": ("x.csv", b"a,b\n1,2\n", "text/csv")}, headers=keys["acme"])
    assert unknown.status_code == 400 and "myspace" in unknown.json()["error"]["message"]


def test_audit_db_is_sqlite_with_the_expected_columns(client: TestClient) -> None:
    home = client.app.state.server.settings.home  # type: ignore[attr-defined]
    columns = [row[1] for row in sqlite3.connect(tenant_db_path(home)).execute("PRAGMA table_info(audit)")]
    assert columns == ["at", "tenant", "key_id", "method", "route", "status", "latency_ms"]
