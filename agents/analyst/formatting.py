"""Result cells written for people: money with cents and currency, ratios as percentages."""

from datetime import date

from tools.analytics.semantic import ResultColumn
from tools.analytics.semantic.runner import Cell


def format_cell(cell: Cell, column: ResultColumn, currency: str) -> str:
    """One cell as the answer shows it ('12,345.67 USD', '5.23%', '3.21x', '1,204')."""
    if cell is None:
        return "-"
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, str):
        return cell
    if column.format == "ratio":
        return f"{cell * 100:,.2f}%"
    if column.format == "multiple":
        return f"{cell:,.2f}x"
    if column.format == "money":
        return f"{cell:,.2f} {currency}"
    return f"{cell:,}" if isinstance(cell, int) else f"{cell:,.2f}"


def table_lines(columns: list[ResultColumn], rows: list[list[Cell]], currency: str, limit: int) -> list[str]:
    """The first `limit` rows as 'name=value; ...' lines for the narrative prompt."""
    return [
        "; ".join(f"{c.name}={format_cell(cell, c, currency)}" for c, cell in zip(columns, row, strict=True))
        for row in rows[:limit]
    ]
