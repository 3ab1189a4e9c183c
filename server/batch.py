"""`--batch FILE.jsonl`: one request body per line in, one response body (or error) per line out."""

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from tools.errors import BadInput, ChuhaiError


def _error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def run_batch(path: Path, handle: Callable[[dict[str, Any]], BaseModel]) -> Iterator[dict[str, Any]]:
    """Each line's response body; a bad line yields an error body and the batch goes on."""
    if not path.is_file():
        raise BadInput(f"batch file {path} does not exist")
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                request = json.loads(line)
                if not isinstance(request, dict):
                    raise BadInput("each line must be a JSON object")
                yield handle(request).model_dump(mode="json")
            except json.JSONDecodeError as exc:
                yield _error("bad_input", f"line {number}: invalid JSON ({exc.msg})")
            except ValidationError as exc:
                yield _error("bad_input", f"line {number}: {exc.errors()[0]['msg']} at {exc.errors()[0]['loc']}")
            except ChuhaiError as exc:
                yield _error(exc.code, f"line {number}: {exc.message}")
