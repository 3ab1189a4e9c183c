"""The multilingual lexicon and the fallback templates are consistent with the checks that read them."""

import re

import pytest

from tools.copy.datafiles import load_data
from tools.copy.langs import BASE_LANGUAGES
from tools.copy.lexicon import find_terms, lexicon, term_for
from tools.copy.quantities import extract_quantities
from tools.copy.render import template

ENTRIES = sorted(lexicon())
TEMPLATE_LANGS = sorted(load_data("templates"))


@pytest.mark.parametrize(("kind", "entry"), ENTRIES)
def test_every_entry_names_itself_in_every_language(kind: str, entry: str) -> None:
    for lang in BASE_LANGUAGES:
        term = term_for(kind, entry, lang)  # type: ignore[arg-type]
        hits = find_terms(term, [lang])
        assert [(h.kind, h.id) for h in hits] == [(kind, entry)], (lang, term, hits)


def test_no_term_names_two_entries() -> None:
    owner: dict[tuple[str, str], str] = {}
    for (kind, entry), item in lexicon().items():
        for lang, terms in item.terms.items():
            for term in terms:
                key = (lang, term.casefold())
                assert owner.setdefault(key, f"{kind}:{entry}") == f"{kind}:{entry}", key


@pytest.mark.parametrize("lang", TEMPLATE_LANGS)
def test_template_wording_states_no_fact(lang: str) -> None:
    words = template(lang)
    texts = [*words["labels"].values(), words["product"], *words["cta"]]
    for text in texts:
        assert find_terms(text, [lang]) == [], (lang, text)
        assert not re.search(r"\d", text), (lang, text)
    pack = extract_quantities(str(words["pack_of"]).format(n=3), [lang])
    assert [(q.unit, q.numbers[0].value) for q in pack] == [("pack", 3)]
    for code, word in words["units"].items():
        read = extract_quantities(f"2 {word}", [lang])
        assert [q.unit for q in read] == [code], (lang, word)


def test_false_friends_are_not_materials() -> None:
    assert find_terms("Đồng hồ treo tường cho cộng đồng", ["vi"]) == []
    assert find_terms("Kapasiti 750 ml", ["ms"]) == []
    assert find_terms("Ideal für Reisen", ["de"]) == []
    assert find_terms("steam iron, fermeture éclair", ["en", "fr"]) == []
    assert [h.id for h in find_terms("钢化玻璃屏幕", ["zh"])] == ["tempered_glass"]
