"""Prompt templates as files: prompts/<agent>/<step>.md, rendered with strict undefined variables."""

from functools import cache
from importlib import resources

import jinja2


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("prompts", "."),
        undefined=jinja2.StrictUndefined,  # a missing variable is a bug, not an empty string
        keep_trailing_newline=False,
        autoescape=False,
    )


def render(name: str, **variables: object) -> str:
    """Render `prompts/<name>.md`, e.g. render("research/answer", language="zh")."""
    return _environment().get_template(f"{name}.md").render(**variables).strip()


def template_names() -> list[str]:
    """Every template, as the name `render` takes."""
    root = resources.files("prompts")
    names = []
    for folder in root.iterdir():
        if folder.is_dir() and not folder.name.startswith("_"):
            names += [f"{folder.name}/{f.name[:-3]}" for f in folder.iterdir() if f.name.endswith(".md")]
    return sorted(names)
