"""Reading a product file: the `product` object of /v1/copy/generate, shared by copy, plan and kol match."""

import json
from pathlib import Path
from typing import Any

from tools.errors import BadInput


def read_product(path: Path) -> dict[str, Any]:
    """The product object of a JSON file; BadInput when the file is missing, unreadable or not an object."""
    if not path.is_file():
        raise BadInput(f"product file {path} does not exist")
    try:
        product = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise BadInput(f"product file {path} is not valid JSON: {exc.msg} (line {exc.lineno})") from exc
    except UnicodeDecodeError as exc:
        raise BadInput(f"product file {path} is not UTF-8 text") from exc
    if not isinstance(product, dict):
        raise BadInput(f"product file {path} must hold a JSON object with at least a name and a category")
    return product
