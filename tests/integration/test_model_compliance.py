"""The compliance check against the real embedded model (Qwen2.5-Coder-1.5B on llama.cpp) and embedder."""

from pathlib import Path

import pytest

from agents.compliance.service import check_compliance, parse_request
from agents.context import Deps
from tools.settings import Settings

pytestmark = pytest.mark.model
REPO = Path(__file__).resolve().parents[2]
MODEL = REPO / ".chuhai" / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
TEXT = "Our herbal face cream cures eczema in 7 days and works better than any prescription. Only $19."


@pytest.fixture(scope="module")
def deps(tmp_path_factory: pytest.TempPathFactory) -> Deps:
    assert MODEL.exists(), "run `chuhai models prepare` first (make test does)"
    built = Deps(settings=Settings(home=tmp_path_factory.mktemp("home"), local_model_path=MODEL))
    for path in sorted((REPO / "knowledge" / "corpus" / "regulations").glob("us-*.md")):
        built.store.ingest(path)
    return built


def test_eczema_cure_ad_is_blocked_and_model_findings_are_valid(deps: Deps) -> None:
    # One model call (the review); the rewrite loop is covered with scripted models in tests/agents/compliance.
    result = check_compliance(deps, parse_request({"text": TEXT, "markets": ["US"], "category": "cosmetics",
                                                   "channel": "ad"}), revise_text=False)
    print(result.model_dump_json(indent=1))
    assert result.verdict == "block"
    assert any(f.rule_id == "us.fda.201g.cosmetic_drug_claims" and f.span.text == "cures" for f in result.findings)
    assert result.mode == "rules+model", result.notes  # the model review ran
    assert result.review is not None and result.review.chunks
    retrieved = set(result.review.chunks)
    for finding in result.findings:
        assert TEXT[finding.span.start:finding.span.end] == finding.span.text
        if finding.source == "model":
            assert finding.citations[0].id in retrieved and finding.rule_id == f"model.{finding.citations[0].id}"
    assert result.review.kept + len(result.review.discarded) == result.review.proposed
