"""Language codes used by copy: BCP 47 tags, their base language and number separators."""

from functools import cache

from tools.errors import BadInput
from tools.markets import all_markets

# The languages copy can be checked in: the markets' copy languages plus Chinese, the sellers' language.
BASE_LANGUAGES = ("en", "zh", "de", "fr", "es", "pt", "it", "ar", "id", "ms", "th", "vi", "ja", "ko")


def base_language(lang: str) -> str:
    """The ISO 639-1 part of a BCP 47 tag ('pt-BR' -> 'pt'); BadInput for a language copy does not support."""
    base = lang.strip().replace("_", "-").split("-")[0].lower()
    if base not in BASE_LANGUAGES:
        raise BadInput(f"unsupported language {lang!r}; supported: {', '.join(BASE_LANGUAGES)}")
    return base


@cache
def decimal_separator(lang: str) -> str:
    """The decimal separator of a copy language, taken from the first market that writes it."""
    tag = lang.strip().lower()
    base = base_language(tag)
    for market in all_markets().values():
        if tag in (code.lower() for code in market.languages):
            return market.decimal
    for market in all_markets().values():
        if base in (base_language(code) for code in market.languages):
            return market.decimal
    return "."
