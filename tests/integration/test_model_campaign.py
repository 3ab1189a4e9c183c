"""The campaign specialist against the real embedded model (Qwen2.5-Coder-1.5B on llama.cpp)."""

from pathlib import Path

import pytest
from fakes import FakeEmbedder

from agents.campaign.service import CampaignPlanRequest, plan_campaign
from agents.context import Deps
from tools.campaign import numbers_in_plan, numbers_in_text
from tools.language import detect_language
from tools.settings import Settings

pytestmark = pytest.mark.model
REPO = Path(__file__).resolve().parents[2]
MODEL = REPO / ".chuhai" / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
CORPUS = """---
id: market-sa
title: Saudi Arabia — market profile
jurisdictions: [SA]
topics: [market, seasons]
source_url: https://example.org/sa
---
## Shopping seasons
Ramadan in Saudi Arabia is the biggest shopping season: consumer spending habits shift to evenings and gifts.
"""


@pytest.fixture(scope="module")
def deps(tmp_path_factory: pytest.TempPathFactory) -> Deps:
    assert MODEL.exists(), "run `chuhai models prepare` first (make test does)"
    home = tmp_path_factory.mktemp("home")
    # The fake embedder keeps this test on the chat model; retrieval has its own real-model tests.
    built = Deps(settings=Settings(home=home, local_model_path=MODEL, llm_max_tokens=160), _embedder=FakeEmbedder())
    corpus = home / "sa.md"
    corpus.write_text(CORPUS, encoding="utf-8")
    built.store.ingest(corpus)
    return built


def test_chinese_plan_narrative_states_only_plan_numbers_or_is_replaced(deps: Deps) -> None:
    body = CampaignPlanRequest.model_validate({
        "product": {"name": "Prayer mat", "category": "home"}, "markets": ["SA"],
        "budget": {"amount": "3000", "currency": "USD"}, "start": "2026-02-10", "end": "2026-03-15",
        "goal": "sales", "channels": ["meta", "google_search"], "language": "zh",
    })
    response = plan_campaign(deps, body, "demo")
    plan = response.to_plan()
    assert response.narrative_attempts >= 1  # the model was asked
    assert numbers_in_text(response.summary) <= numbers_in_plan(plan) | numbers_in_text(plan.product), response.summary
    if response.narrative_source == "model":
        assert detect_language(response.summary).code == "zh", response.summary
    else:
        assert response.summary == response.plan_summary and response.narrative_note
    cited = [c.id for c in response.citations]
    assert len(deps.store.get_chunks(cited)) == len(cited)
