"""Scoring an analyst answer (columns and rows) against a gold answer from evals/analyst_gold.py."""

from datetime import date
from typing import Any

from evals.analyst_gold import Gold

# Results round money to cents and ratios to 6 decimals; sums of converted amounts may differ in
# the last digits, hence the small relative tolerance.
RELATIVE = 1e-5
MONEY = {"revenue", "ad_spend", "conversion_value", "cpc", "cpm", "cpa"}


def _close(value: Any, gold: float | None, measure: str = "") -> bool:
    if gold is None or value is None:
        return gold is None and value is None
    if not isinstance(value, int | float):
        return False
    absolute = 0.0051 if measure in MONEY else 1.1e-6
    return abs(float(value) - gold) <= max(absolute, RELATIVE * abs(gold))


def _key(cell: Any) -> str:
    return cell.isoformat() if isinstance(cell, date) else str(cell)


def is_correct(gold: Gold, columns: list[str], rows: list[list[Any]], dimensions: list[str], measure: str) -> bool:
    """True when the rows say what the gold says (a number, a breakdown, or a top-N list)."""
    if not columns:
        return False
    first_metric = len(dimensions)
    if not isinstance(gold, dict | list):
        if dimensions and len(rows) != 1:  # 'DE orders' may come back as the one row of a DE breakdown
            return False
        value = rows[0][first_metric] if rows else None
        return _close(value, gold, measure)
    if len(dimensions) != 1:
        return False
    if isinstance(gold, list):
        return [_key(row[0]) for row in rows[: len(gold)]] == gold
    found = {_key(row[0]): row[first_metric] for row in rows if row[first_metric] is not None}
    return set(found) == set(gold) and all(_close(found[k], gold[k], measure) for k in gold)
