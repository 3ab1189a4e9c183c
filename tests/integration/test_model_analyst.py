"""The analyst against the real embedded model (Qwen2.5-Coder-1.5B on llama.cpp)."""

from pathlib import Path

import duckdb
import pytest

from agents.analyst.data_service import seed_demo
from agents.analyst.service import answer_question
from agents.analyst.state import BIRequest
from agents.context import Deps
from tools.analytics.semantic import unsupported_numbers
from tools.analytics.store import tenant_db_path
from tools.settings import Settings

pytestmark = pytest.mark.model
REPO = Path(__file__).resolve().parents[2]
MODEL = REPO / ".chuhai" / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"


@pytest.fixture(scope="module")
def deps(tmp_path_factory: pytest.TempPathFactory) -> Deps:
    assert MODEL.exists(), "run `chuhai models prepare` first (make test does)"
    settings = Settings(home=tmp_path_factory.mktemp("home"), local_model_path=MODEL, llm_max_tokens=160)
    seed_demo(settings, "demo", days=45, scale=0.3, creators=20)
    return Deps(settings=settings)


def test_chinese_question_is_answered_with_the_numbers_of_plain_sql(deps: Deps) -> None:
    response = answer_question(deps, "demo", BIRequest(question="上个月各市场的订单数是多少？"))
    conn = duckdb.connect(str(tenant_db_path(deps.settings, "demo")), read_only=True)
    expected = dict(conn.execute(
        "SELECT market, COUNT(*) FROM orders WHERE cancelled IS NOT TRUE "
        "AND order_date BETWEEN DATE '2026-09-01' AND DATE '2026-09-30' GROUP BY market").fetchall())
    conn.close()
    assert {market: count for market, count in response.rows} == expected
    assert response.language == "zh" and response.narrative_source in ("model", "template")
    cells = [cell for row in response.rows for cell in row]
    assert unsupported_numbers(response.answer.replace("2026-09-01", "").replace("2026-09-30", ""),
                               [*cells, len(response.rows)]) == [], response.answer
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.answer), response.answer


def test_a_paraphrase_the_parser_cannot_read_is_answered_right_or_asked_back(deps: Deps) -> None:
    """The model fills the spec; whatever it drafts, the answer is the parser's own total or a question back."""
    plain = answer_question(deps, "demo", BIRequest(question="What was revenue in the US last month?"))
    assert plain.spec_source == "parser" and len(plain.rows) == 1
    response = answer_question(deps, "demo", BIRequest(question="How much money did the shop take in from the US "
                                                                 "last month?"))
    if response.ask_back is None:
        assert response.spec_source == "model" and response.rows == plain.rows, response.spec
    else:
        assert response.sql is None and response.ask_back.choices, response.answer
