"""Breakdown, rate and piece words: "each ad platform" splits, "each click" asks for a price."""

import pytest

from tools.analytics.semantic.cues import asks_for_breakdown, asks_for_rate, has_cue


@pytest.mark.parametrize(
    ("question", "breakdown", "rate"),
    [
        ("How much did each ad platform eat up in Q3 2026?", True, False),
        ("What did each click cost us on Google?", False, True),
        ("clicks per ad platform in September", True, False),
        ("What does a tap on our ads cost us?", False, True),
        ("For every dollar on ads, how much came back?", False, True),
        ("revenue per store last month", True, False),
        ("Which market brought in most?", True, False),
        ("How much money did the shop take in?", False, False),
        ("上个月每个国家各下了多少单", True, False),
        ("上个月广告每被点一下要花多少钱", False, True),
        ("上个月各市场的平均客单价", True, True),
        ("orders per day in October", True, False),
    ],
)
def test_breakdown_and_rate_words(question: str, breakdown: bool, rate: bool) -> None:
    assert (asks_for_breakdown(question), asks_for_rate(question)) == (breakdown, rate)


def test_piece_words_are_whole_words() -> None:
    assert has_cue("上个月卖出去多少个", "piece_cues") and has_cue("How many items left?", "piece_cues")
    assert not has_cue("上个月的订单数", "piece_cues") and not has_cue("How many itemsets?", "piece_cues")
