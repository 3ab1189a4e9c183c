"""The chat page in headless Chromium against a live server with fake models."""

import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))
from server_fakes import QUESTION, fake_copilot, fake_deps

from server.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.browser, pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"]),
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (make test installs it)")]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(base url, API key) of a uvicorn server in a thread, with fake models and a populated store."""
    deps = fake_deps(tmp_path / "home")
    app = create_app(deps=deps, copilot=fake_copilot(deps))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    key = app.state.server.tenants.create_key("acme").api_key
    yield f"http://127.0.0.1:{port}", key
    server.should_exit = True
    thread.join(timeout=10)


def test_ask_see_steps_answer_and_citation(live_server: tuple[str, str], tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    url, key = live_server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url + "/")
        expect(page.get_by_label("API key")).to_be_focused()
        page.get_by_label("API key").fill(key)
        page.keyboard.press("Enter")
        message = page.get_by_label("Your message")
        expect(message).to_be_focused()
        expect(page.locator("#key-form")).to_be_hidden()
        message.fill(QUESTION)
        page.keyboard.press("Enter")  # Enter sends
        step = page.locator(".steps li", has_text="research")
        expect(step).to_have_class("done", timeout=30_000)
        expect(step).to_contain_text("knowledge.search")
        expect(page.locator(".answer")).to_contain_text("Products must be listed with the SFDA")
        citation = page.locator("a.citation")
        expect(citation).to_have_attribute("href", "https://example.org/sa")
        expect(page.locator("#thread-list button")).to_have_count(1)
        page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)
        bars = page.evaluate("""ChuhaiChart.render({mark: 'bar', data: {values: [{m: 'US', r: 3}, {m: 'DE', r: 5}]},
                                 encoding: {x: {field: 'm'}, y: {field: 'r'}}}).querySelectorAll('rect').length""")
        assert bars == 2
        page.reload()  # the key, the thread list and the open thread survive in sessionStorage
        expect(page.locator("#thread-list button")).to_have_count(1)
        expect(page.locator(".user")).to_have_text(QUESTION)
        expect(page.locator(".answer")).to_contain_text("Products must be listed with the SFDA")
        page.get_by_role("button", name="切换到中文").click()
        expect(page.get_by_role("button", name="发送")).to_be_visible()
        page.screenshot(path=str(tmp_path / "chat-zh.png"), full_page=True)
        browser.close()
    assert (tmp_path / "chat.png").stat().st_size > 1000 and (tmp_path / "chat-zh.png").exists()
