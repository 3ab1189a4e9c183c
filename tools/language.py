"""Which language a user wrote in, cheaply: script first, then lingua for Latin-script text."""

import re
from functools import cache
from typing import TYPE_CHECKING

from pydantic import BaseModel

if TYPE_CHECKING:
    from lingua import LanguageDetector

_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_LETTER = re.compile(r"[^\W\d_]")

LANGUAGE_NAMES = {
    "zh": "Chinese", "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "ar": "Arabic", "id": "Indonesian", "ms": "Malay", "th": "Thai", "vi": "Vietnamese",
    "ja": "Japanese", "ko": "Korean",
}


class DetectedLanguage(BaseModel):
    code: str
    name: str


@cache
def _latin_detector() -> "LanguageDetector":
    from lingua import Language, LanguageDetectorBuilder

    languages = [Language.ENGLISH, Language.GERMAN, Language.FRENCH, Language.SPANISH, Language.ITALIAN,
                 Language.PORTUGUESE, Language.INDONESIAN, Language.MALAY, Language.VIETNAMESE]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _share(pattern: re.Pattern[str], text: str, letters: int) -> float:
    return len(pattern.findall(text)) / letters


def detect_language(text: str) -> DetectedLanguage:
    """ISO 639-1 code of the main language; mixed Chinese/English counts as Chinese (the asker's language)."""
    letters = max(len(_LETTER.findall(text)), 1)
    if _share(_KANA, text, letters) > 0.05:
        code = "ja"
    elif _share(_HANGUL, text, letters) > 0.2:
        code = "ko"
    elif _share(_HAN, text, letters) > 0.15:
        code = "zh"
    elif _share(_ARABIC, text, letters) > 0.3:
        code = "ar"
    elif _share(_THAI, text, letters) > 0.3:
        code = "th"
    else:
        detected = _latin_detector().detect_language_of(text)
        code = detected.iso_code_639_1.name.lower() if detected else "en"
    return DetectedLanguage(code=code, name=LANGUAGE_NAMES.get(code, code))
