"""The ad label per market: covers every launch market, satisfies the compliance packs, is always in a message."""

import re

import pytest
from kol_agent_fakes import TENT, creator

from agents.kol.outreach import message_problems, template_message, with_disclosure
from tools.compliance import load_rule_book
from tools.compliance.normalisation import fold
from tools.errors import BadInput
from tools.kol.disclosure import disclosure_for, disclosures, has_disclosure
from tools.markets import all_markets, get_market


def test_kol_agent_every_launch_market_has_a_sourced_label() -> None:
    assert set(disclosures()) == set(all_markets())
    for code, disclosure in disclosures().items():
        assert disclosure.labels["default"].strip() and disclosure.source.url.startswith("http"), code


@pytest.mark.parametrize("market", sorted(code for code, d in disclosures().items() if d.rule))
def test_kol_agent_labels_satisfy_the_compliance_rule_of_their_market(market: str) -> None:
    disclosure = disclosure_for(market)
    book = load_rule_book()
    rule = book.rule(disclosure.rule or "")
    assert rule in book.rules_for([market], channel="social") and rule.required is not None
    patterns = [p for group in rule.required.any_of.values() for p in group]
    for language in [*get_market(market).languages, "en"]:
        folded = fold(disclosure.label_for(language)).text
        assert any(re.search(p, folded) for p in patterns), (market, language)


@pytest.mark.parametrize("market", sorted(all_markets()))
def test_kol_agent_template_carries_the_label_and_only_product_facts(market: str) -> None:
    for language in get_market(market).languages:
        label = disclosure_for(market).label_for(language)
        message = template_message(TENT, creator("x.anna", languages=[language]), language, label)
        assert has_disclosure(message, label) and "TrailLite Tent" in message
        assert message_problems(message, TENT, language) == [], (market, language, message)


def test_kol_agent_label_check_is_deterministic_and_case_insensitive() -> None:
    assert has_disclosure("Tolles Zelt! #WERBUNG", "#Werbung")
    assert has_disclosure("Great tent ＃ＡＤ", "#ad")  # full-width text is normalised
    assert not has_disclosure("Tolles Zelt! Werbung", "#Werbung")
    assert with_disclosure("Hallo! #Werbung", "#Werbung", "de") == "Hallo! #Werbung"
    assert with_disclosure("Hallo!", "#Werbung", "de").endswith("#Werbung gekennzeichnet werden.")


def test_kol_agent_labels_follow_the_post_language_where_the_market_says_so() -> None:
    assert disclosure_for("sa").label_for("ar") == "#إعلان"
    assert disclosure_for("SA").label_for("en") == "#ad #إعلان"
    assert disclosure_for("DE").label_for("en") == "#Werbung"  # English tags are not enough in Germany
    with pytest.raises(BadInput, match="known"):
        disclosure_for("XX")


def test_kol_agent_message_checks_name_each_problem() -> None:
    problems = message_problems("Hi Anna, our TrailLite Tent weighs 900 g, see https://x.example", TENT, "en")
    assert any("900 g" in p for p in problems) and any("links" in p for p in problems)
    assert any("English" in p for p in message_problems("Hallo Anna, unser Zelt ist toll und leicht.", TENT, "en"))
    assert message_problems("Hi Anna, our TrailLite Tent is waterproof and weighs 1.2 kg.", TENT, "en") == []
