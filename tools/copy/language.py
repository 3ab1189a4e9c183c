"""Language identification of copy: script checks plus lingua for languages written in Latin letters."""

import re
import unicodedata
from collections.abc import Sequence
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from tools.copy.datafiles import load_data
from tools.copy.glossary_terms import Glossary, mask_glossary
from tools.copy.langs import BASE_LANGUAGES, base_language
from tools.copy.quantities import extract_quantities
from tools.copy.results import CheckDetail, CheckResult, result_of
from tools.copy.textnorm import is_han, is_kana, is_latin_letter

_LINGUA = {
    "en": Language.ENGLISH,
    "zh": Language.CHINESE,
    "de": Language.GERMAN,
    "fr": Language.FRENCH,
    "es": Language.SPANISH,
    "pt": Language.PORTUGUESE,
    "it": Language.ITALIAN,
    "ar": Language.ARABIC,
    "id": Language.INDONESIAN,
    "ms": Language.MALAY,
    "th": Language.THAI,
    "vi": Language.VIETNAMESE,
    "ja": Language.JAPANESE,
    "ko": Language.KOREAN,
}
_CODE = {language: code for code, language in _LINGUA.items()}
_NAMES = {
    "en": "English",
    "zh": "Chinese",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "it": "Italian",
    "ar": "Arabic",
    "id": "Indonesian",
    "ms": "Malay",
    "th": "Thai",
    "vi": "Vietnamese",
    "ja": "Japanese",
    "ko": "Korean",
}
_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|\b[A-Z0-9][A-Z0-9\-]*[A-Z0-9]\b")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@cache
def _detector() -> LanguageDetector:
    """The lingua detector restricted to the copy languages, built on first use and kept."""
    return LanguageDetectorBuilder.from_languages(*(_LINGUA[code] for code in BASE_LANGUAGES)).build()


def language_name(lang: str) -> str:
    """The English name of a copy language."""
    return _NAMES[base_language(lang)]


def _script(ch: str) -> str:
    if is_han(ch):
        return "han"
    if is_kana(ch):
        return "kana"
    if is_latin_letter(ch):
        return "latin"
    name = unicodedata.name(ch, "")
    for script in ("ARABIC", "THAI", "HANGUL"):
        if name.startswith(script):
            return script.lower()
    return "other"


def _expected_scripts(lang: str) -> set[str]:
    return {"ar": {"arabic"}, "th": {"thai"}, "ko": {"hangul"}, "ja": {"kana", "han"}, "zh": {"han"}}.get(
        lang, {"latin"}
    )


def _clean(text: str, lang: str, glossary: Glossary | None) -> str:
    """`text` without brand and glossary terms, numbers with units, codes, URLs and acronyms."""
    text = mask_glossary(text, glossary)
    for quantity in reversed(extract_quantities(text, [lang])):
        text = text[: quantity.span.start] + " " + text[quantity.span.end :]
    return _NOISE.sub(" ", text)


def _accepted(expected: str, also_allowed: Sequence[str]) -> set[str]:
    accepted = {expected, *(base_language(code) for code in also_allowed)}
    for group in load_data("checks")["language"]["interchangeable"]:
        if accepted & set(group):
            accepted |= set(group)
    return accepted


def _script_details(letters: list[str], cleaned: str, expected: str, accepted: set[str]) -> list[CheckDetail]:
    rules = load_data("checks")["language"]
    details: list[CheckDetail] = []
    han = [ch for ch in letters if is_han(ch)]
    if not accepted & {"zh", "ja"} and len(han) > rules["max_han_chars"]:
        sample = "".join(_HAN_RUN.findall(cleaned)[:3])
        details.append(
            CheckDetail(
                message=f"Translate the Chinese text '{sample}' into {language_name(expected)}.", text=sample
            )
        )
    elif expected == "ja" and len(han) >= 10 and not any(is_kana(ch) for ch in letters):
        details.append(CheckDetail(message="The text reads as Chinese; write it in Japanese."))
    allowed_scripts = set().union(*(_expected_scripts(code) for code in accepted))
    in_script = sum(1 for ch in letters if _script(ch) in allowed_scripts)
    if not details and len(letters) >= rules["min_letters"] and in_script < len(letters) / 2:
        details.append(
            CheckDetail(message=f"Most of the text is not in {language_name(expected)}; rewrite it.")
        )
    return details


def _lingua_details(cleaned: str, letters: int, expected: str, accepted: set[str]) -> list[CheckDetail]:
    rules = load_data("checks")["language"]
    long = letters >= rules["long_text_letters"]
    min_other = rules["long_min_other_confidence" if long else "min_other_confidence"]
    max_expected = rules["long_max_expected_confidence" if long else "max_expected_confidence"]
    confidences = {
        _CODE[c.language]: c.value for c in _detector().compute_language_confidence_values(cleaned)
    }
    top = max(confidences, key=lambda code: confidences[code])
    if top in accepted or confidences[top] < min_other or confidences.get(expected, 0.0) >= max_expected:
        return []
    message = f"The text reads as {language_name(top)}, not {language_name(expected)}; rewrite it."
    return [CheckDetail(message=message)]


def check_language(
    text: str, expected_lang: str, also_allowed: Sequence[str] = (), glossary: Glossary | None = None
) -> CheckResult:
    """Fails only when `text` is confidently in another language (or keeps Chinese text); short texts pass."""
    expected = base_language(expected_lang)
    accepted = _accepted(expected, also_allowed)
    cleaned = _clean(text, expected, glossary)
    letters = [ch for ch in cleaned if ch.isalpha()]
    details = _script_details(letters, cleaned, expected, accepted)
    latin_accepted = any(_expected_scripts(code) == {"latin"} for code in accepted)
    mostly_latin = sum(1 for ch in letters if is_latin_letter(ch)) >= len(letters) / 2
    enough = len(letters) >= load_data("checks")["language"]["min_letters"]
    if not details and latin_accepted and mostly_latin and enough:
        details = _lingua_details(cleaned, len(letters), expected, accepted)
    return result_of("language", details)
