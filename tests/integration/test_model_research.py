"""Against the real embedded model (Qwen2.5-Coder-1.5B on llama.cpp) and the real multilingual embedder."""

from pathlib import Path

import pytest

from agents.context import Deps
from agents.service import Copilot
from tools.language import detect_language
from tools.settings import Settings

pytestmark = pytest.mark.model
REPO = Path(__file__).resolve().parents[2]
MODEL = REPO / ".chuhai" / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"


@pytest.fixture(scope="module")
def copilot(tmp_path_factory: pytest.TempPathFactory) -> Copilot:
    assert MODEL.exists(), "run `chuhai models prepare` first (make test does)"
    home = tmp_path_factory.mktemp("home")
    deps = Deps(settings=Settings(home=home, local_model_path=MODEL))
    deps.store.ingest(REPO / "knowledge" / "corpus")
    return Copilot(deps)


def test_chinese_question_about_saudi_cosmetics_is_answered_in_chinese_with_valid_citations(
    copilot: Copilot,
) -> None:
    response = copilot.ask("在沙特阿拉伯卖化妆品需要注意哪些法规？")
    assert response.specialists == ["research"]
    assert detect_language(response.answer).code == "zh", response.answer
    research = response.result["research"]
    assert research["grounded"], response.answer
    cited = [c["id"] for c in response.citations]
    assert cited and len(copilot.deps.store.get_chunks(cited)) == len(cited)
    assert any(c["id"].split("#")[0] in {"market-sa"} or "SA" in c["id"].upper() for c in response.citations)
    assert response.usage.completion_tokens > 0


def test_llm_router_path_returns_a_valid_constrained_route(copilot: Copilot) -> None:
    from agents.router.decide import route_request
    from tools.slots import extract_slots

    for text, expected in [
        ("帮我找几个在美国做露营内容的TikTok网红", "kol"),
        ("What was my ROAS on Meta last month?", "analyst"),
    ]:
        route = route_request(text, extract_slots(text), copilot.index, lambda: copilot.deps.chat_model, 1.01)
        assert route.source == "llm"
        assert expected in route.specialists, (text, route)
