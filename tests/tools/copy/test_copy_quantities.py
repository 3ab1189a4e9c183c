"""Numbers with units across languages, fractions, separators, ranges, packs, and unit conversion."""

import pytest

from tools.copy import convert, extract_facts, extract_quantities
from tools.copy.quantities import parse_number


def _summary(text: str, lang: str) -> list[tuple[str, list[float]]]:
    return [(q.unit, [n.value for n in q.numbers]) for q in extract_quantities(text, [lang])]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "长10厘米，宽5公分，重1.5公斤，电池5000毫安，续航3小时",
            "zh",
            [("cm", [10]), ("cm", [5]), ("kg", [1.5]), ("mAh", [5000]), ("h", [3])],
        ),
        (
            "10 cm long, weighs 2.2 lbs, 8 oz, 500 ml, 1.5 L, 65 W, 12 V",
            "en",
            [("cm", [10]), ("lb", [2.2]), ("oz", [8]), ("ml", [500]), ("l", [1.5]), ("W", [65]), ("V", [12])],
        ),
        (
            "10 Zentimeter lang, 1,5 kg schwer, 8 Stunden Laufzeit, 12 Zoll",
            "de",
            [("cm", [10]), ("kg", [1.5]), ("h", [8]), ("in", [12])],
        ),
        ("mide 10 centímetros, pesa 2,5 kg y dura 6 horas", "es", [("cm", [10]), ("kg", [2.5]), ("h", [6])]),
        ("長さ10センチ、重さ１．５ｋｇ、連続使用３時間", "ja", [("cm", [10]), ("kg", [1.5]), ("h", [3])]),
        ("الطول ١٠ سم والوزن 2 كجم", "ar", [("cm", [10]), ("kg", [2])]),
        ("구리 냄비 20센티미터, 3시간", "ko", [("cm", [20]), ("h", [3])]),
        ("water 40 °C or 104 °F, 25℃", "en", [("C", [40]), ("F", [104]), ("C", [25])]),
    ],
)
def test_units_are_read_in_each_language(
    text: str, lang: str, expected: list[tuple[str, list[float]]]
) -> None:
    assert _summary(text, lang) == expected


def test_fractions_and_mixed_numbers_are_distinct() -> None:
    assert _summary('9/16" socket', "en") == [("in", [0.5625])]
    assert _summary('1-9/16" socket', "en") == [("in", [1.5625])]
    assert _summary("1 9/16 inch socket", "en") == [("in", [1.5625])]
    assert _summary("1½ in", "en") == [("in", [1.5])]
    assert _summary("9/16英寸", "zh") == [("in", [0.5625])]


def test_decimal_separator_follows_the_language() -> None:
    assert _summary("1,5 kg", "de") == [("kg", [1.5])]
    assert _summary("1.5 kg", "en") == [("kg", [1.5])]
    de = extract_quantities("10.000 mAh", ["de"])[0].numbers[0]
    en = extract_quantities("10,000 mAh", ["en"])[0].numbers[0]
    assert (de.value, en.value) == (10000, 10000)
    ambiguous = parse_number("1,500", ",")
    assert ambiguous is not None and ambiguous.value == 1.5 and ambiguous.alternatives == [1500]


def test_ranges_dimensions_packs_and_multifunction() -> None:
    assert _summary("3-5 hours", "en") == [("h", [3, 5])]
    assert _summary("3 bis 5 Stunden", "de") == [("h", [3, 5])]
    assert _summary("3〜5時間", "ja") == [("h", [3, 5])]
    assert _summary("30 x 20 x 10 cm", "en") == [("cm", [30, 20, 10])]
    assert _summary("2-pack", "en") == [("pack", [2])]
    assert _summary("2件装", "zh") == [("pack", [2])]
    assert _summary("Lot de 2", "fr") == [("pack", [2])]
    assert _summary("Pack of 2, ×3", "en") == [("pack", [2]), ("pack", [3])]
    assert _summary("3-in-1 tool", "en") == [("in_one", [3])]
    assert _summary("-20°C", "en") == [("C", [-20])]


def test_codes_and_words_are_not_numbers() -> None:
    assert extract_quantities("model X200, IPX7, USB-C", ["en"]) == []
    assert _summary("2 months warranty", "en") == [("month", [2])]


def test_spans_point_into_the_original_text() -> None:
    text = "重量：１．５公斤"
    quantity = extract_quantities(text, ["zh"])[0]
    assert text[quantity.span.start : quantity.span.end] == "１．５公斤"


@pytest.mark.parametrize(
    ("value", "source", "target", "expected", "places"),
    [
        (10, "cm", "in", 3.937, 3),
        (1, "kg", "lb", 2.205, 3),
        (20, "C", "F", 68.0, 6),
        (16, "fl_oz", "ml", 473.176, 3),
    ],
)
def test_conversions(value: float, source: str, target: str, expected: float, places: int) -> None:
    assert round(convert(value, source, target), places) == expected


def test_extract_facts_sorts_kinds() -> None:
    found = extract_facts("Copper pipe, 10 cm, CE certified, waterproof, 2024 edition", "en")
    assert [q.text for q in found.numbers_with_units] == ["10 cm"]
    assert [q.text for q in found.bare_numbers] == ["2024"]
    assert [h.id for h in found.materials] == ["copper"]
    assert [h.id for h in found.certifications] == ["ce"]
    assert [h.id for h in found.claims] == ["waterproof"]
