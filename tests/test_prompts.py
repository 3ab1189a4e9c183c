import json
from pathlib import Path

import jinja2
import pytest

from prompts import render, template_names

# Sample variables per template, one JSON file per area: tests/prompt_samples/<area>.json.
SAMPLES: dict[str, dict] = {}  # type: ignore[type-arg]
for sample_file in sorted((Path(__file__).parent / "prompt_samples").glob("*.json")):
    SAMPLES.update(json.loads(sample_file.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", template_names())
def test_every_template_renders_with_its_variables(name: str) -> None:
    assert name in SAMPLES, f"add sample variables for {name} to tests/prompt_samples/"
    assert render(name, **SAMPLES[name]).strip()


def test_a_missing_variable_is_an_error() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render("research/retry", language="en")
