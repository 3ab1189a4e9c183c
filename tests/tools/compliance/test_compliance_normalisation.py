"""Folding for matching: variants that must fold alike, and the offset map back to the original."""

import random

import pytest

from tools.compliance.normalisation import _fold_slowly, fold, fold_pattern, fold_term


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("ＦＤＡ　Ａｐｐｒｏｖｅｄ", "fda approved"),  # full-width letters and ideographic space
        ("Eco-Friendly", "eco friendly"),
        ("eco–friendly", "eco friendly"),  # en dash
        ("eco \n\t friendly", "eco friendly"),  # whitespace run
        ("ÉCOLOGIQUE", "ecologique"),  # accents and case
        ("e\u0301cologique", "ecologique"),  # decomposed accent
        ("Straße", "strasse"),  # case folding expands ß
        ("إعلان", "اعلان"),  # alef with hamza
        ("الْخَمْرُ", "الخمر"),  # harakat
        ("مـــثير", "مثير"),  # tatweel
        ("مدرسة", "مدرسه"),  # teh marbuta
        ("مستشفى", "مستشفي"),  # alef maksura
        ("ｶﾞｲﾄﾞ", "ガイド"),  # half-width katakana with voicing marks
        ("best\u200bseller", "bestseller"),  # zero-width space
        ("it’s", "it's"),  # typographic apostrophe
        ("٪١٠٠", "%100"),  # Arabic-Indic digits and percent sign
    ],
)
def test_variants_fold_to_the_same_text(variant: str, canonical: str) -> None:
    assert fold(variant).text == canonical


def test_a_dash_before_a_number_stays_a_minus() -> None:
    assert fold("Jetzt -30% auf alles").text == "jetzt -30% auf alles"
    assert fold("2-in-1 set").text == "2 in-1 set"


def test_terms_and_patterns_fold_like_text() -> None:
    assert fold_term(" Eco-Friendly ") == "eco friendly"
    assert fold_pattern(r"\bsécurité\b") == r"\bsecurite\b"  # regex syntax stays, literals fold
    assert fold_pattern(r"\d{1,2} ?%") == r"\d{1,2} ?%"


def _check_offsets(text: str) -> None:
    folded = fold(text)
    assert len(folded.starts) == len(folded.ends) == len(folded.text)
    for i in range(len(folded.text)):
        start, end = folded.original(i, i + 1)
        assert 0 <= start < end <= len(text)
        # The original slice folds to something containing the folded character (ß -> ss); a
        # separator or a kept minus depends on its neighbours, so it is checked by the cases above.
        assert folded.text[i] in fold(text[start:end]).text or folded.text[i] in " -"
    if folded.text:
        assert folded.original(0, len(folded.text))[1] <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "最好的面霜👍🏽，第一品牌！",
        "كريم يُعالِج حب الشباب نهائيًا",
        "ＦＤＡ認証 ガイド ｶﾞｲﾄﾞ",
        "a  b\n\nc -30% 😀 Straße",
        "\x00\x07ctrl\u202echars",
    ],
)
def test_offsets_map_every_folded_character_back(text: str) -> None:
    _check_offsets(text)


def test_fast_path_equals_character_by_character_folding() -> None:
    rng = random.Random(7)
    alphabets = ["abcXYZ -–_\n\t0123最好ＡＢéßﾞｶ👍أإـ\u200b\u0301", "ab -\n\t\u3000 01"]
    for alphabet in alphabets:
        for _ in range(2000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 25)))
            assert fold(text) == _fold_slowly(text), repr(text)
            _check_offsets(text)


def test_folding_is_idempotent() -> None:
    for text in ["Eco-Friendly ＦＤＡ", "الْخَمْرُ", "Straße — Café"]:
        once = fold(text).text
        assert fold(once).text == once
