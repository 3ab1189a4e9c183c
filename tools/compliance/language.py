"""Language identification for rules that require the copy to be in the market's language."""

from functools import cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder


@cache
def _detector(languages: tuple[str, ...]) -> LanguageDetector:
    """A lingua detector restricted to our markets' languages (models load lazily on first use)."""
    chosen = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in languages]
    return LanguageDetectorBuilder.from_languages(*chosen).build()


def detect_language(text: str, languages: tuple[str, ...], sample_chars: int, min_letters: int) -> str | None:
    """ISO 639-1 code of the text's language, or None when it is too short to tell."""
    sample = text[:sample_chars]
    if sum(map(str.isalpha, sample)) < min_letters:
        return None
    found = _detector(languages).detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found else None
