"""The copywriter against the real embedded model (Qwen2.5-Coder-1.5B on llama.cpp): one Latin-script market
(DE Amazon) and one non-Latin market (JP TikTok ads). The final listing must pass every check in code, whether
the model's draft or the fallback; the test prints which."""

from pathlib import Path

import pytest
from fakes import FakeEmbedder

from agents.context import Deps
from agents.copywriter.service import generate_copy
from agents.llm.usage import UsageMeter
from tools.settings import Settings

pytestmark = pytest.mark.model
REPO = Path(__file__).resolve().parents[2]
MODEL = REPO / ".chuhai" / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
PRODUCT = {
    "name": "Acme X200 紫铜水管接头", "brand": "Acme", "category": "五金配件",
    "description": "采用优质紫铜制造，耐腐蚀，适用于家庭水管。", "features": ["防水密封圈，防漏设计"],
    "specs": {"长度": "10厘米"}, "materials": ["紫铜"], "claims": ["防漏", "耐腐蚀"], "keywords": ["水管接头"],
}


@pytest.fixture(scope="module")
def deps(tmp_path_factory: pytest.TempPathFactory) -> Deps:
    assert MODEL.exists(), "run `chuhai models prepare` first (make test does)"
    home = tmp_path_factory.mktemp("home")
    # The hashed fake embedder keeps sentence-transformers out of this test; BM25 still finds the notes.
    built = Deps(settings=Settings(home=home, local_model_path=MODEL, llm_max_tokens=450), _embedder=FakeEmbedder())
    built.store.ingest(REPO / "knowledge" / "corpus" / "markets")
    return built


@pytest.mark.parametrize(("market", "platform", "language"), [("DE", "amazon", "de"), ("JP", "tiktok_ads", "ja")])
def test_the_final_listing_passes_every_check(deps: Deps, market: str, platform: str, language: str) -> None:
    meter = UsageMeter()
    body = {"product": PRODUCT, "targets": [{"market": market, "platform": platform}], "max_revisions": 1}
    result = generate_copy(deps, body, "demo", meter).results[0]
    print(f"\n{market} {platform}: source={result.source} rounds={result.rounds} first_draft_ok={result.first_draft_ok}"
          f" {meter.usage.completion_tokens} completion tokens in {meter.usage.model_seconds:.0f} s\n{result.fields}")
    assert result.language == language
    assert all(check.ok for check in result.checks), [c for c in result.checks if not c.ok]
    assert result.compliance.verdict != "block"
    assert "Acme" in str(result.fields)  # the brand, untranslated
    assert result.first_draft_ok is not None or any("could not write" in n for n in result.notes)
    if result.source == "model":
        assert meter.usage.completion_tokens > 0 and result.citations
