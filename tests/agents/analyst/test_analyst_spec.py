"""The analyst as the orchestrator runs it: discovered spec, input from a turn, answer back."""

from agents.analyst.state import AnalystInput
from agents.llm.usage import UsageMeter
from agents.registry import SPECIALISTS, TurnInput
from tools.slots import Slots


def test_spec_is_discovered_and_runs_the_turn_question_on_the_turn_tenant(demo_settings, make_deps, copy_first_row):
    spec = SPECIALISTS["analyst"]
    turn = TurnInput(text="上个月各市场的销售额", language="zh", slots=Slots(), history=[], tenant="demo")
    request = spec.input_from_turn(turn)
    assert request == AnalystInput(question=turn.text, tenant="demo")
    meter = UsageMeter()
    state = spec.build(make_deps(demo_settings, copy_first_row), meter).invoke({"input": request})
    output = spec.output_model.model_validate(state["output"])
    assert spec.answer_of(output).startswith("Result: market=") and spec.citations_of(output) == []
    assert meter.usage.model_calls == 1


def test_a_turn_for_a_tenant_without_data_gets_an_answer_not_an_error(demo_settings, make_deps):
    spec = SPECIALISTS["analyst"]
    turn = TurnInput(text="revenue last month", language="en", slots=Slots(), history=[], tenant="nobody")
    state = spec.build(make_deps(demo_settings), UsageMeter()).invoke({"input": spec.input_from_turn(turn)})
    assert "no analytics data" in state["output"].answer
