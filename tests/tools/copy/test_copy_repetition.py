"""Repetition and loop detection."""

import pytest

from tools.copy import check_repetition
from tools.copy.repetition import duplicate_items

CLEAN = [
    "Stainless steel bottle keeps drinks cold for 24 hours. The lid is leak-proof and the body is BPA-free.",
    "Edelstahl-Trinkflasche, 750 ml, hält Getränke 24 Stunden kalt; der Deckel ist auslaufsicher.",
    "ステンレス製ボトルは24時間冷たさをキープ。フタは漏れ防止設計で、持ち運びにも便利です。",
    "Battery 10000 mAh, charge in 3 hours, stainless steel case and stainless steel clip.",
    "Material: copper. Size: 10 cm. Weight: 1 kg. Pack size: Pack of 2.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_normal_copy_passes(text: str) -> None:
    result = check_repetition(text)
    assert result.ok, result.details


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (
            "Great bottle for travel, great bottle for travel, great bottle for travel, buy now",
            "great bottle",
        ),
        ("Keeps cold keeps cold keeps cold all day", "keeps cold"),
        ("very very very durable", "very"),
        ("Amazing!!!!! Buy now", "!!!!!"),
        ("保温杯保温杯保温杯，好用", "保温杯"),
        (
            "Made for hikers and campers. Light and strong. Made for hikers and campers.",
            "Made for hikers and campers",
        ),
        (
            "fits all cup holders in cars, fits all cup holders in trucks, and fits all cup holders in vans",
            "fits all cup holders",
        ),
    ],
)
def test_loops_are_caught(text: str, flagged: str) -> None:
    result = check_repetition(text)
    assert not result.ok
    assert any(flagged.casefold() in (d.text or "").casefold() for d in result.details), result.details
    detail = result.details[0]
    assert detail.span is not None and text[detail.span.start : detail.span.end] == detail.text


def test_duplicate_list_entries() -> None:
    assert duplicate_items(["Shop Now", "Copper Pot", "shop  now", "Order Today"]) == [2]
    assert duplicate_items(["a", "b"]) == []
