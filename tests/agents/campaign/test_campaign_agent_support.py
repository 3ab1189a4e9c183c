"""Helpers shared by the campaign agent tests: fake models that record prompts, a tiny corpus, deps."""

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from fakes import FakeEmbedder
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import BaseMessage
from pydantic import Field

from agents.context import Deps
from tools.analytics.store import open_tenant_db
from tools.settings import Settings

EXAMPLES = {
    "copywriter": ["write an amazon listing"], "compliance": ["check this ad for compliance"],
    "campaign": ["plan my ad budget"], "kol": ["find influencers"], "analyst": ["my revenue last month"],
    "research": ["what regulations apply to cosmetics"],
}
CORPUS = {
    "sa.md": """---
id: market-sa
title: Saudi Arabia — market profile
jurisdictions: [SA]
topics: [market, seasons]
source_url: https://example.org/sa
---
## Shopping seasons
Ramadan in Saudi Arabia is the biggest shopping season: consumer spending habits shift to evenings and gifts.

## Payments
mada cards are common in Saudi Arabia.
""",
    "us.md": """---
id: market-us
title: United States — market profile
jurisdictions: [US]
topics: [market, seasons]
source_url: https://example.org/us
---
## Shopping seasons
Black Friday in the United States opens the holiday shopping season; consumer spending habits peak online.
""",
}


class RecordingChatModel(FakeListChatModel):
    """A queued fake model that keeps every prompt it was given."""

    prompts: list[list[BaseMessage]] = Field(default_factory=list)

    def _call(self, messages: Sequence[BaseMessage], stop: list[str] | None = None,
              run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> str:
        self.prompts.append(list(messages))
        return super()._call(list(messages), stop, run_manager, **kwargs)


def make_deps(home: Path, responses: list[str], corpus: bool = True) -> tuple[Deps, RecordingChatModel]:
    """Deps with a recording fake model, the fake embedder and (optionally) the tiny corpus ingested."""
    model = RecordingChatModel(responses=responses, prompts=[])
    deps = Deps(settings=Settings(home=home / "home"), _chat_model=model, _embedder=FakeEmbedder())
    if corpus:
        folder = home / "corpus"
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in CORPUS.items():
            (folder / name).write_text(text, encoding="utf-8")
        deps.store.ingest(folder)
    return deps, model


def request_body(**changes: Any) -> dict[str, Any]:
    """A small plan request: one market, two channels, a month covering Ramadan 2026."""
    body: dict[str, Any] = {
        "product": {"name": "Prayer mat", "category": "home"},
        "markets": ["SA"],
        "budget": {"amount": "3000", "currency": "USD"},
        "start": "2026-02-10",
        "end": "2026-03-15",
        "goal": "sales",
        "channels": ["meta", "google_search"],
    }
    body.update(changes)
    return body


def seed_history(deps: Deps, tenant: str) -> None:
    """Thirty days of Meta ads in SA with a far higher conversion rate than the benchmarks, in mixed currencies."""
    conn = open_tenant_db(deps.settings, tenant)
    rows = []
    for offset in range(30):
        day = date(2026, 1, 1) + timedelta(days=offset)
        spend = Decimal(50 + 10 * (offset % 6))
        currency, factor = ("EUR", Decimal("0.9")) if offset % 2 else ("USD", Decimal(1))
        rows.append(("meta", day, day, "c", "g", "SA", int(spend * 400), int(spend * 20), spend * factor,
                     currency, float(spend) / 4, spend * 30 * factor, "b"))
    rows.append(("meta", date(2026, 1, 5), date(2026, 1, 5), "c", "g", "SA", 1000, 10, Decimal(9), "XXX", 1.0,
                 Decimal(5), "b"))
    conn.executemany("INSERT INTO ad_performance VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.close()
