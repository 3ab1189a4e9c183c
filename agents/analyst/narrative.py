"""The narrative around the numbers: the model writes it from the result table; code checks every number.

A narrative with a number the result does not hold is regenerated once with the offending numbers
named, then replaced by the deterministic template narrative.
"""

from typing import Any, Literal

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from langchain_core.runnables import RunnableConfig

from agents.analyst.formatting import format_cell, table_lines
from agents.context import Deps
from agents.llm.factory import llm_errors
from agents.llm.structured import InvalidModelOutput
from prompts import render
from tools.analytics.semantic import CompiledQuery, QueryResult, numbers_in_text, unsupported_numbers
from tools.analytics.semantic.model import load_model
from tools.errors import LLMUnavailable

PROMPT_ROWS = 20
TEMPLATE_ROWS = 5
MAX_NARRATIVE_CHARS = 600
NarrativeSource = Literal["model", "template"]


def allowed_numbers(question: str, result: QueryResult) -> list[Any]:
    """Numbers a narrative may state: result cells, the row count, and numbers the question holds."""
    cells: list[Any] = [cell for row in result.rows for cell in row]
    return [*cells, len(result.rows), *numbers_in_text(question)]


def result_labels(result: QueryResult) -> list[str]:
    """Text cells (products, campaigns), longest first: quoting one is not stating a number."""
    labels = {cell for row in result.rows for cell in row if isinstance(cell, str) and cell.strip()}
    return sorted(labels, key=len, reverse=True)


def narrative_problems(text: str, allowed: list[Any], labels: list[str]) -> list[str]:
    """Why a narrative cannot be shown: empty, too long, or numbers the result does not hold.

    Labels are blanked out before numbers are read, so '2-Pack' in a product name is no claim,
    while a number a label only mentions (an imported name saying 'revenue 999999') is not allowed.
    """
    if not text.strip():
        return ["the summary was empty"]
    if len(text) > MAX_NARRATIVE_CHARS:
        return [f"the summary was longer than {MAX_NARRATIVE_CHARS} characters"]
    for label in labels:
        text = text.replace(label, " ")
    return [f"{number} is not in the table" for number in unsupported_numbers(text, allowed)]


def _period(compiled: CompiledQuery) -> str | None:
    window = compiled.spec.time_range
    return f"{window.start.isoformat()} – {window.end.isoformat()}" if window else None


def model_narrative(
    deps: Deps, question: str, language: str, compiled: CompiledQuery, result: QueryResult, currency: str,
    config: RunnableConfig,
) -> str | None:
    """A checked narrative from the model, or None after two rejected tries or a model failure."""
    allowed, labels = allowed_numbers(question, result), result_labels(result)
    lines = table_lines(compiled.columns, result.rows, currency, PROMPT_ROWS)
    messages: list[SystemMessage | HumanMessage | AIMessage] = [
        SystemMessage(render("analyst/narrative", language=language)),
        HumanMessage(render("analyst/result", question=question, period=_period(compiled), rows=lines,
                            total_rows=len(result.rows))),
    ]
    for _ in range(2):
        try:
            with llm_errors():
                text = deps.chat_model.invoke(messages, config=config).text.strip()
        except (LLMUnavailable, InvalidModelOutput):
            return None
        problems = narrative_problems(text, allowed, labels)
        if not problems:
            return text
        messages += [AIMessage(text), HumanMessage(render("analyst/narrative_retry", language=language,
                                                          problems=problems[:5]))]
    return None


def template_narrative(language: str, compiled: CompiledQuery, result: QueryResult, currency: str) -> str:
    """The deterministic narrative: the same facts in fixed sentences (zh or en)."""
    model = load_model()
    lang = "zh" if language == "zh" else "en"
    columns = compiled.columns
    label = {c.name: getattr(model.metrics[c.metric].label, lang) if c.metric else c.name for c in columns}
    dims = [i for i, c in enumerate(columns) if c.role == "dimension"]
    metric_index = next(i for i, c in enumerate(columns) if c.role == "metric")

    def key(row: list[Any]) -> str:
        return " / ".join(format_cell(row[i], columns[i], currency) for i in dims)

    def cell(row: list[Any], i: int) -> dict[str, str]:
        return {"label": label[columns[i].name], "value": format_cell(row[i], columns[i], currency),
                "role": columns[i].role}

    rows = result.rows
    is_series = any(columns[i].format == "date" for i in dims)
    ranked = [r for r in rows if isinstance(r[metric_index], int | float)]
    peak = max(ranked, key=lambda r: float(r[metric_index])) if ranked else None  # type: ignore[arg-type]
    return render(
        "analyst/summary", language=lang, period=_period(compiled),
        kind="single" if not dims else ("series" if is_series else "breakdown"),
        values=[cell(rows[0], i) for i in range(len(columns)) if columns[i].role != "dimension"] if rows else [],
        items=[{"key": key(r), "value": cell(r, metric_index)["value"]} for r in rows[:TEMPLATE_ROWS]],
        total_rows=len(rows), metric=label[columns[metric_index].name],
        first={"key": key(rows[0]), "value": cell(rows[0], metric_index)["value"]} if rows else None,
        last={"key": key(rows[-1]), "value": cell(rows[-1], metric_index)["value"]} if rows else None,
        peak={"key": key(peak), "value": cell(peak, metric_index)["value"]} if peak else None,
    )


def empty_answer(language: str, compiled: CompiledQuery) -> str:
    """No rows: say so, with the period asked about, and no numbers."""
    return render("analyst/no_data", language="zh" if language == "zh" else "en", period=_period(compiled))
