"""Loading of the copy package's YAML data files (read once, on first use)."""

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_data(name: str) -> Any:
    """The parsed content of tools/copy/data/<name>.yaml."""
    text = resources.files("tools.copy.data").joinpath(f"{name}.yaml").read_text("utf-8")
    return yaml.safe_load(text)
