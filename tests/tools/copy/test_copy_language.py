"""Language identification: confident mismatches fail, short or mixed texts are judged tolerantly."""

import pytest

from tools.copy import Glossary, GlossaryTerm, check_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Kupfer-Kochtopf mit Deckel, ideal für die tägliche Küche und leicht zu reinigen.", "de"),
        ("Casserole en cuivre avec couvercle, idéale pour la cuisine de tous les jours.", "fr"),
        ("Olla de cobre con tapa, ideal para la cocina de todos los días y fácil de limpiar.", "es-MX"),
        ("Panela de cobre com tampa, ideal para a cozinha do dia a dia e fácil de limpar.", "pt-BR"),
        ("Panci tembaga dengan tutup, cocok untuk dapur sehari-hari dan mudah dibersihkan.", "id"),
        ("Periuk tembaga dengan penutup, sesuai untuk dapur harian dan mudah dibersihkan.", "ms"),
        ("Nồi đồng có nắp, phù hợp cho căn bếp hằng ngày và dễ vệ sinh.", "vi"),
        ("หม้อทองแดงพร้อมฝาปิด เหมาะสำหรับครัวทุกวัน ทำความสะอาดง่าย", "th"),
        ("قدر نحاسي مع غطاء، مثالي للمطبخ اليومي وسهل التنظيف.", "ar"),
        ("フタ付きの銅製鍋。毎日のキッチンに最適で、お手入れも簡単です。", "ja"),
        ("뚜껑이 있는 구리 냄비, 매일 쓰는 주방에 딱 맞고 세척이 쉽습니다.", "ko"),
        ("Copper pot with lid, ideal for the everyday kitchen and easy to clean.", "en-GB"),
    ],
)
def test_copy_in_the_expected_language_passes(text: str, lang: str) -> None:
    result = check_language(text, lang)
    assert result.ok, result.details


@pytest.mark.parametrize(
    ("text", "lang", "named"),
    [
        ("Copper pot with lid, ideal for the everyday kitchen and easy to clean.", "de", "English"),
        ("Kupfer-Kochtopf mit Deckel, ideal für die tägliche Küche und leicht zu reinigen.", "fr", "German"),
        ("Casserole en cuivre avec couvercle, idéale pour la cuisine de tous les jours.", "it", "French"),
        ("Copper pot with lid, ideal for the everyday kitchen and easy to clean.", "th", "Thai"),
    ],
)
def test_copy_in_another_language_fails(text: str, lang: str, named: str) -> None:
    result = check_language(text, lang)
    assert not result.ok
    assert named in result.details[0].message


def test_untranslated_chinese_fails_outside_chinese_and_japanese() -> None:
    result = check_language("Acme copper pot 紫铜材质 with lid", "en")
    assert not result.ok and "紫铜材质" in result.details[0].message
    chinese = check_language("紫铜材质，导热性好，适用于家庭厨房使用，经久耐用", "ja")
    assert not chinese.ok


def test_short_texts_and_glossary_terms_are_tolerated() -> None:
    assert check_language("Acme X200 - 10 cm", "de").ok
    assert check_language("Shop Now", "fr").ok  # too short to judge
    glossary = Glossary(terms=[GlossaryTerm(term="小米", required=True)])
    assert check_language(
        "小米 Powerbank mit 10000 mAh, schnelles Laden für unterwegs", "de", glossary=glossary
    ).ok


def test_markets_with_two_languages_accept_both() -> None:
    english = "Copper pot with lid, ideal for the everyday kitchen and easy to clean."
    assert check_language(english, "ar", also_allowed=["en"]).ok
    assert not check_language(english, "ar").ok
    french = "Casserole en cuivre avec couvercle, idéale pour la cuisine de tous les jours."
    assert not check_language(french, "ar", also_allowed=["en"]).ok
