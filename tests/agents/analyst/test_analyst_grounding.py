"""What the model may add to a reading: guesses go to the model, drafts are cut to what the question says."""

from datetime import date

from agents.analyst.nodes import after_understand
from agents.analyst.service import answer_question
from agents.analyst.specfill import FilterDraft, SpecDraft, first_reading, ground_draft
from agents.analyst.state import BIRequest
from tools.analytics.semantic import parse_question

TODAY = date(2026, 10, 31)
KNOWN = {"campaign": ["BF Prospecting"]}


def guess_revenue(word: str, candidates: list[str]) -> list[tuple[str, float]]:
    """An embedding that reads every unknown word as revenue, with a high score."""
    return [("revenue", 0.95)]


def test_a_reading_that_rests_on_a_similarity_guess_goes_to_the_model() -> None:
    parsed = parse_question("takings last month", TODAY, similar=guess_revenue)
    assert parsed.spec is not None and parsed.linked.guessed == {"metric:revenue"}
    assert after_understand({"parsed": parsed}) == "fill"
    assert first_reading(parsed) is None  # the guess is not handed to the model as a reading
    sure = parse_question("revenue last month", TODAY, similar=guess_revenue)
    assert after_understand({"parsed": sure}) == "run" and not sure.linked.guessed


def test_a_guess_that_breaks_the_spec_goes_to_the_model_not_to_an_ask_back() -> None:
    parsed = parse_question("takings by campaign last month", TODAY, similar=guess_revenue)
    assert parsed.spec is None  # revenue cannot be split by campaign
    assert after_understand({"parsed": parsed}) == "fill"
    assert first_reading(parsed) == {"dimensions": ["campaign"]}


def ground(question: str, draft: SpecDraft) -> tuple[SpecDraft, list[str]]:
    return ground_draft(draft, parse_question(question, TODAY), question, KNOWN)


def test_a_plain_total_loses_the_models_breakdowns_extra_metrics_and_sort() -> None:
    draft = SpecDraft(metrics=["revenue", "gross_revenue"], dimensions=["month", "source"], sort="desc", limit=5)
    kept, notes = ground("How much money did we take in last month?", draft)
    assert (kept.metrics, kept.dimensions, kept.sort, kept.limit) == (["revenue"], [], None, None)
    assert len(notes) == 2 and "gross_revenue" in notes[0] and "month, source" in notes[1]


def test_a_breakdown_asked_keeps_the_split_the_question_names_else_the_models() -> None:
    draft = SpecDraft(metrics=["revenue"], dimensions=["source"], sort="desc")
    assert ground("Where did the most takings come from last month?", draft)[0].dimensions == ["source"]
    assert ground("上个月按店铺看进账", draft)[0].dimensions == ["source"]
    assert ground("takings by storefront last month", draft)[0].dimensions == ["sales_channel"]
    assert ground("How much did each ad platform eat up in Q3 2026?", draft)[0].dimensions == ["ad_platform"]
    kept, notes = ground("上个月进账", draft)
    assert kept.dimensions == [] and kept.sort is None and notes


def test_model_filters_keep_only_values_the_question_writes_and_that_exist() -> None:
    draft = SpecDraft(metrics=["cpc"], filters=[FilterDraft(dimension="market", values=["US"])])
    assert ground("What does a tap on our ads cost us?", draft)[0].filters == []  # "us" is no market
    assert ground("What does a tap cost in the US?", draft)[0].filters == draft.filters
    campaigns = SpecDraft(metrics=["clicks"], filters=[FilterDraft(dimension="campaign", values=["Q3 2026"]),
                                                       FilterDraft(dimension="campaign", values=["BF Prospecting"])])
    kept, _ = ground("taps in Q3 2026 on BF Prospecting", campaigns)
    assert [f.values for f in kept.filters] == [["BF Prospecting"]]  # a date is no campaign


def test_the_answer_says_what_was_left_out(demo_settings, make_deps, copy_first_row) -> None:
    draft = '{"metrics": ["revenue"], "dimensions": ["month", "market"], "filters": []}'
    deps = make_deps(demo_settings, draft, copy_first_row)
    response = answer_question(deps, "demo", BIRequest(question="what were our takings last month"))
    assert response.spec_source == "model" and response.spec.dimensions == [] and len(response.rows) == 1
    assert any("month, market" in note for note in response.notes)


def test_a_rate_question_read_as_a_plain_sum_asks_back_with_the_rates_on_it(demo_settings, make_deps) -> None:
    deps = make_deps(demo_settings, '{"metrics": ["clicks"]}')
    response = answer_question(deps, "demo", BIRequest(question="上个月广告一次点击平均多少钱"))
    assert response.sql is None and response.ask_back is not None
    assert response.ask_back.choices == ["clicks", "ctr", "cpc", "cvr"]


def test_a_rate_reading_of_a_rate_question_is_answered(demo_settings, make_deps, copy_first_row) -> None:
    deps = make_deps(demo_settings, '{"metrics": ["cpc"]}', copy_first_row)
    response = answer_question(deps, "demo", BIRequest(question="上个月广告一次点击平均多少钱"))
    assert response.spec.metrics == ["cpc"] and response.ask_back is None and len(response.rows) == 1
    plain = make_deps(demo_settings, '{"metrics": ["clicks"]}', copy_first_row)  # no rate word: a sum is fine
    assert answer_question(plain, "demo", BIRequest(question="how many taps did our ads get last month")).sql


def test_per_before_a_dimension_is_a_breakdown_not_a_rate(demo_settings, make_deps, copy_first_row) -> None:
    deps = make_deps(demo_settings, '{"metrics": ["revenue"], "dimensions": ["market"]}', copy_first_row)
    response = answer_question(deps, "demo", BIRequest(question="takings per market last month"))
    assert response.ask_back is None and response.spec.dimensions == ["market"]


def test_pieces_read_as_orders_ask_back_units_or_orders(demo_settings, make_deps, copy_first_row) -> None:
    deps = make_deps(demo_settings, '{"metrics": ["orders"]}', copy_first_row)
    response = answer_question(deps, "demo", BIRequest(question="上个月发出去多少个货"))
    assert response.sql is None and response.ask_back.choices == ["units", "orders"]
    deps = make_deps(demo_settings, '{"metrics": ["orders"]}', copy_first_row)
    named = answer_question(deps, "demo", BIRequest(question="上个月一共出了多少个订单呢亲"))  # it says orders
    assert named.spec_source == "model" and named.ask_back is None and named.spec.metrics == ["orders"]


def test_a_dimension_word_without_a_split_answers_the_total_and_says_so(demo_settings, make_deps) -> None:
    deps = make_deps(demo_settings)
    response = answer_question(deps, "demo", BIRequest(question="上个月店铺的销售额"))
    assert response.spec_source == "parser" and response.spec.dimensions == [] and len(response.rows) == 1
    assert any("店铺" in note and "按" in note for note in response.notes)
