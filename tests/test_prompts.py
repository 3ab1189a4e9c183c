import jinja2
import pytest

from prompts import render, template_names

SAMPLE = {
    "router/route": {"specialists": {"research": "answers"}, "previous": "", "previous_specialists": []},
    "research/answer": {"language": "zh", "language_name": "Chinese", "history": ["earlier"]},
    "research/sources": {"sources": [{"title": "T", "section": "S", "text": "x"}], "question": "q"},
    "research/nothing_found": {"language": "en"},
    "research/uncited": {"language": "en", "sources": [{"title": "T", "section": "S"}]},
    "research/retry": {"language": "en", "language_name": "English", "problem": "p", "count": 3},
    "respond/ask_back": {"language": "zh", "missing": ["market", "budget"]},
    "respond/unavailable": {"language": "en", "specialist": "kol"},
}


@pytest.mark.parametrize("name", template_names())
def test_every_template_renders_with_its_variables(name: str) -> None:
    assert name in SAMPLE, f"add sample variables for {name}"
    assert render(name, **SAMPLE[name]).strip()


def test_a_missing_variable_is_an_error() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render("research/retry", language="en")
