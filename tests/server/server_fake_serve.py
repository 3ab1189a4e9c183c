"""`chuhai serve` with fake models, for tests that need a server process.

    python server_fake_serve.py HOME PORT SLEEP
"""

import sys
from pathlib import Path

import uvicorn
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from server_fakes import DRAFT_SFDA, fake_copilot, fake_deps

from server.app import create_app


def main(home: Path, port: int, sleep: float) -> None:
    """Serve on 127.0.0.1:PORT; the fake model waits SLEEP seconds per streamed character."""
    deps = fake_deps(home)
    deps._chat_model = FakeListChatModel(responses=[DRAFT_SFDA], sleep=sleep)
    uvicorn.run(create_app(deps=deps, copilot=fake_copilot(deps)), host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]))
