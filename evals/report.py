"""Eval reports: metrics, the threshold that gates them, and the config that produced them."""

import json
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel


class EvalReport(BaseModel):
    suite: str
    metrics: dict[str, Any]
    gate: str = ""  # the metric compared with the threshold
    threshold: float
    passed: bool
    headline: str
    config: dict[str, Any] = {}

    def save(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.suite}-{time.strftime('%Y%m%d-%H%M%S')}.json"
        path.write_text(json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return path


def load_jsonl(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


DATASETS = Path(__file__).parent / "datasets"
