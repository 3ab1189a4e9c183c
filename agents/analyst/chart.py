"""A Vega-Lite chart for a result with a series or a breakdown: line over time, bars by category."""

from datetime import date
from typing import Any

from tools.analytics.semantic import ResultColumn
from tools.analytics.semantic.runner import Cell

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
MAX_BARS = 50


def _value(cell: Cell) -> Any:
    return cell.isoformat() if isinstance(cell, date) else cell


def chart_for(columns: list[ResultColumn], rows: list[list[Cell]], title: str) -> dict[str, Any] | None:
    """Line chart when a time grain is a dimension, bar chart for another breakdown, else None."""
    dims = [c for c in columns if c.role == "dimension"]
    metric = next((c for c in columns if c.role == "metric"), None)
    if not dims or metric is None or not rows:
        return None
    time_dim = next((c for c in dims if c.format == "date"), None)
    others = [c for c in dims if c is not time_dim]
    names = [c.name for c in columns]
    values = [{name: _value(cell) for name, cell in zip(names, row, strict=True)} for row in rows]
    y = {"field": metric.name, "type": "quantitative", "title": metric.name}
    if time_dim is not None:
        encoding: dict[str, Any] = {"x": {"field": time_dim.name, "type": "temporal", "title": time_dim.name}, "y": y}
        if others:
            encoding["color"] = {"field": others[0].name, "type": "nominal"}
        mark = "line"
    else:
        values = values[:MAX_BARS]
        encoding = {"x": {"field": others[0].name, "type": "nominal", "sort": "-y", "title": others[0].name}, "y": y}
        if len(others) > 1:
            encoding["color"] = {"field": others[1].name, "type": "nominal"}
        mark = "bar"
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "title": title,
        "data": {"values": values},
        "mark": {"type": mark, "tooltip": True},
        "encoding": encoding,
    }
