"""All checks on one draft, and the revision feedback a model gets from them."""

import pytest

from tools.copy import ProductFacts, feedback_for, run_all_checks
from tools.errors import BadInput


def test_a_faithful_draft_passes_every_check(zh_product: ProductFacts) -> None:
    fields = {
        "primary_text": "Acme X200 Kupferfitting, 9/16 Zoll Gewinde, 10 cm lang, wasserdicht, auslaufsicher.",
        "headline": "Acme X200 aus Kupfer",
        "description": "Jetzt entdecken",
    }
    results = run_all_checks("meta_ads", "DE", fields, zh_product)
    assert [r.name for r in results] == [
        "limits",
        "language",
        "facts",
        "repetition",
        "taboos",
        "glossary",
        "spelling",
    ]
    assert all(r.ok for r in results), [r for r in results if not r.ok]
    assert feedback_for(results) == []


def test_a_bad_draft_gets_one_actionable_line_per_problem(zh_product: ProductFacts) -> None:
    fields = {
        "primary_text": "acme X200 Stahlfitting, 1-9/16 Zoll, super super super stark, FCC zertifiziert.",
        "headline": "The best steel fitting for every home and every garden in the whole wide world",
        "description": "Jetzt entdecken",
    }
    results = {r.name: r for r in run_all_checks("meta_ads", "DE", fields, zh_product)}
    assert not results["facts"].ok and not results["repetition"].ok and not results["glossary"].ok
    assert not results["language"].ok
    assert results["limits"].ok  # headline over 40 characters is only a warning
    lines = feedback_for(list(results.values()))
    joined = "\n".join(lines)
    for expected in ("'Stahl'", "'1-9/16 Zoll'", "'FCC'", "super", "'acme'", "English", "headline is"):
        assert expected in joined, (expected, lines)
    assert (
        lines.index(next(line for line in lines if "headline is" in line)) == len(lines) - 1
    )  # warnings come last
    assert len(feedback_for(list(results.values()), limit=2)) == 2


def test_taboo_terms_are_reported_for_the_market(en_product: ProductFacts) -> None:
    fields = {"ad_text": "Brightway bottle, perfect for wine nights"}
    sa = {r.name: r for r in run_all_checks("tiktok_ads", "SA", fields, en_product)}
    us = {r.name: r for r in run_all_checks("tiktok_ads", "US", fields, en_product)}
    assert not sa["taboos"].ok and us["taboos"].ok


def test_html_fields_are_checked_as_visible_text(en_product: ProductFacts) -> None:
    fields = {
        "title": "Brightway bottle",
        "description_html": "<p>Brightway bottle</p><ul><li>Capacity: 900 ml</li></ul>",
        "seo_title": "Brightway bottle",
        "seo_description": "Brightway bottle, 750 ml",
    }
    facts = {r.name: r for r in run_all_checks("shopify", "US", fields, en_product)}["facts"]
    assert [(d.field, d.text) for d in facts.details] == [("description_html", "900 ml")]


def test_wrong_fields_are_bad_input(en_product: ProductFacts) -> None:
    with pytest.raises(BadInput, match="ad_text"):
        run_all_checks("tiktok_ads", "US", {"text": "x"}, en_product)
