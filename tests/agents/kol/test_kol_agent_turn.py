"""The KOL specialist in a chat turn: input from the turn, the registry entry, the answer and its sources."""

from decimal import Decimal
from pathlib import Path

from fakes import FakeEmbedder
from kol_agent_fakes import DownChatModel, creator, seed_tenant

from agents.context import Deps
from agents.kol.state import KolInput, KolOutput
from agents.kol.turn import platforms_in, product_from_text
from agents.llm.usage import UsageMeter
from agents.registry import SPECIALISTS, TurnInput
from tools.settings import Settings
from tools.slots import Money, Slots


def _turn(text: str, slots: Slots, language: str = "zh") -> TurnInput:
    return TurnInput(text=text, language=language, slots=slots, history=[], tenant="acme")


def test_kol_agent_platforms_and_product_come_from_the_words() -> None:
    assert platforms_in("帮我找抖音和YouTube上的达人") == ["tiktok", "youtube"]
    assert platforms_in("find Instagram creators") == ["instagram"]
    assert platforms_in("find creators for my lamp") is None
    product = product_from_text("找几个在德国做露营内容的网红推广我的帐篷")
    assert product.category == "Outdoor & camping" and product.name == "帐篷"
    assert product.description and "德国" in product.description  # the whole request stays matchable
    assert product_from_text("find TikTok creators for my camping tent in Germany").name == "camping tent"
    assert product_from_text("find creators for my widget").category == "general"


def test_kol_agent_input_from_turn_uses_slots_and_the_callers_tenant() -> None:
    spec = SPECIALISTS["kol"]
    slots = Slots(markets=["DE", "FR"], budget=Money(amount=Decimal("2000"), currency="EUR"))
    kol_input = spec.input_from_turn(_turn("find TikTok creators for my camping tent", slots, "en"))
    assert isinstance(kol_input, KolInput) and kol_input.request is not None and kol_input.tenant == "acme"
    request = kol_input.request
    assert request.markets == ["DE", "FR"] and request.platforms == ["tiktok"]
    assert request.budget is not None and (request.budget.amount, request.budget.currency) == (2000.0, "EUR")
    missing = spec.input_from_turn(_turn("find creators", Slots()))
    assert isinstance(missing, KolInput) and missing.request is None and "market" in missing.problem


def test_kol_agent_chat_turn_answers_with_matches_outreach_and_label_sources(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    seed_tenant(settings, "acme", [creator("de.anna"), creator("de.ben", followers=80_000,
                                                              bio="Wandern in den Alpen und Zelten am See")])
    spec = SPECIALISTS["kol"]
    deps = Deps(settings=settings, _chat_model=DownChatModel(), _embedder=FakeEmbedder())
    turn_input = spec.input_from_turn(_turn("帮我找德国做露营的Instagram网红推广帐篷", Slots(markets=["DE"])))
    result = spec.build(deps, UsageMeter()).invoke({"input": turn_input})
    output = KolOutput.model_validate(result["output"])
    assert output.response is not None and len(output.response.matches) == 2
    answer = spec.answer_of(output)
    assert "@de.anna" in answer and "@de.ben" in answer and "#Werbung" in answer and "模板" in answer
    [source] = spec.citations_of(output)
    assert source["id"] == "disclosure:DE" and source["rule_id"] == "de.uwg.5a_4.werbung_label"


def test_kol_agent_turn_without_market_says_what_is_missing(tmp_path: Path) -> None:
    spec = SPECIALISTS["kol"]
    deps = Deps(settings=Settings(home=tmp_path / "home"), _chat_model=DownChatModel(), _embedder=FakeEmbedder())
    result = spec.build(deps, UsageMeter()).invoke({"input": spec.input_from_turn(_turn("find creators", Slots(),
                                                                                          "en"))})
    output = KolOutput.model_validate(result["output"])
    assert output.response is None and spec.answer_of(output).startswith("No creators could be matched: name")
