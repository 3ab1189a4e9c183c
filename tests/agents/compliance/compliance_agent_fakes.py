"""Fakes for the compliance specialist's tests: a tiny regulation corpus and scripted models."""

import json
from pathlib import Path
from typing import Any

from fakes import FakeEmbedder
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from pydantic import Field

from agents.context import Deps
from tools.errors import LLMUnavailable
from tools.settings import Settings

CORPUS = """---
id: us-drug-claims
title: United States — drug claims
jurisdictions: [US]
topics: [regulation, claims]
source_url: https://example.org/fdca
---
## Sec. 201(g)(1) — drug definition
A product intended to cure, treat or prevent disease is a drug; claims that it works where pills
or medicine fail, or replaces prescriptions, are drug claims for balms, creams and joint pain.

## Sec. 5 — comparative claims
Comparative claims such as better than any other balm need proof before they run.
"""


class RecordingModel(FakeListChatModel):
    """Scripted answers in order; remembers every prompt it saw."""

    prompts: list[str] = Field(default_factory=list)

    def _call(self, messages: Any, stop: Any = None, run_manager: Any = None, **kwargs: Any) -> str:
        self.prompts.append("\n".join(m.text for m in messages))
        return super()._call(messages, stop, run_manager, **kwargs)


class DownModel(FakeListChatModel):
    """A model that cannot be reached."""

    def _call(self, messages: Any, stop: Any = None, run_manager: Any = None, **kwargs: Any) -> str:
        raise LLMUnavailable("the model endpoint is unreachable: connection refused")


def review(*findings: dict[str, Any]) -> str:
    return json.dumps({"findings": list(findings)}, ensure_ascii=False)


def proposal(quote: str, chunk: int = 1, severity: str = "block") -> dict[str, Any]:
    return {"quote": quote, "severity": severity, "chunk": chunk, "message": "Implied drug claim.",
            "suggestion": "Describe how it feels, not what it treats."}


def rewrite(*texts: str) -> str:
    return json.dumps({"replacements": [{"span": n, "text": t} for n, t in enumerate(texts, 1)]},
                      ensure_ascii=False)


def make_deps(
    tmp_path: Path, model: FakeListChatModel, corpus: bool = True, model_max_severity: str = "block"
) -> Deps:
    """Deps for review tests; model findings may block here unless a test asks for the default cap."""
    settings = Settings(home=tmp_path / "home", compliance_model_max_severity=model_max_severity)  # type: ignore[arg-type]
    deps = Deps(settings=settings, _chat_model=model, _embedder=FakeEmbedder())
    if corpus:
        path = tmp_path / "us.md"
        path.write_text(CORPUS, encoding="utf-8")
        deps.store.ingest(path)
    return deps
