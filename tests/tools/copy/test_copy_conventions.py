"""Market conventions: copy languages, units, formats, spelling variants and taboo terms."""

import pytest

from tools.copy import apply_spelling, check_spelling, check_taboos, conventions_for
from tools.errors import BadInput
from tools.markets import all_markets

LANGUAGES = {
    "US": ["en-US"],
    "GB": ["en-GB"],
    "DE": ["de"],
    "FR": ["fr"],
    "ES": ["es-ES"],
    "IT": ["it"],
    "SA": ["ar", "en"],
    "AE": ["ar", "en"],
    "ID": ["id"],
    "TH": ["th"],
    "VN": ["vi"],
    "MY": ["ms", "en"],
    "BR": ["pt-BR"],
    "MX": ["es-MX"],
    "JP": ["ja"],
    "KR": ["ko"],
}


@pytest.mark.parametrize("market", sorted(all_markets()))
def test_every_market_has_sourced_conventions(market: str) -> None:
    conventions = conventions_for(market)
    assert conventions.copy_languages == LANGUAGES[market]
    assert conventions.units.source and conventions.currency_format.source
    assert conventions.units.system == ("us" if market == "US" else "metric")
    assert conventions.rtl == (market in ("SA", "AE"))
    assert all(group.source and group.terms for group in conventions.taboos)


def test_unknown_market_is_bad_input() -> None:
    with pytest.raises(BadInput):
        conventions_for("XX")


@pytest.mark.parametrize(
    ("text", "market", "found"),
    [
        ("Perfect gift with a bottle of wine", "SA", "wine"),
        ("هدية مثالية مع زجاجة نبيذ", "AE", "نبيذ"),
        ("Crispy bacon bits included", "AE", "bacon"),
        ("Lucky casino dice set", "SA", "casino"),
        ("لعبة قمار للعائلة", "SA", "قمار"),
    ],
)
def test_gulf_taboos_fail(text: str, market: str, found: str) -> None:
    result = check_taboos(text, market)
    assert not result.ok and result.details[0].text == found


def test_taboos_are_per_market_and_warnings_do_not_fail() -> None:
    assert check_taboos("Perfect gift with a bottle of wine", "US").ok
    assert check_taboos("Hamburg steel, shampoo, alcohol-free wipes", "SA").ok
    religious = check_taboos("Decorate with Quran verses", "SA")
    assert religious.ok and religious.details[0].severity == "warning"


def test_spelling_variants_warn_and_are_applied() -> None:
    gb = check_spelling("Aluminum bottle in three colors", "en-GB")
    assert gb.ok and [d.text for d in gb.details] == ["Aluminum", "colors"]
    assert apply_spelling("Aluminum bottle in three colors", "en-GB") == "Aluminium bottle in three colours"
    assert apply_spelling("Aluminium bottle in grey", "en-US") == "Aluminum bottle in gray"
    assert [d.text for d in check_spelling("Funda para móvil y ordenador", "es-MX").details] == [
        "móvil",
        "ordenador",
    ]
    assert [d.text for d in check_spelling("Funda para celular", "es-ES").details] == ["celular"]
    assert check_spelling("Funda para celular", "es-MX").details == []
