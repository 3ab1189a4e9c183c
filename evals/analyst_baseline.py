"""Peer baseline: LangChain's SQL agent pattern on the same model and the same read-only DuckDB file.

langchain-community (create_sql_agent) is not installed here, so this is the equivalent ReAct loop:
the model picks one action per call (list tables → schema → query → answer), each tool result goes
back as an observation, up to MAX_STEPS calls. Queries run on a read-only connection and must be
one SELECT (the same guard the analyst uses). Scored on the final answer's numbers (a single value)
or on the last successful query's rows (breakdowns and top-N lists).

    .venv/bin/python -m evals.analyst_baseline --limit 10
"""

import argparse
import json
import time
from decimal import Decimal
from typing import Any, Literal

import duckdb
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel

from agents.analyst import tenant_data
from agents.context import Deps
from agents.llm.structured import InvalidModelOutput, ask_structured
from agents.llm.usage import UsageMeter, metered
from evals.analyst_gold import Gold
from evals.analyst_scoring import _close, is_correct
from evals.report import percentile
from prompts import render
from tools.analytics.demo import DEMO_TODAY
from tools.analytics.semantic import assert_single_select, numbers_in_text
from tools.errors import ChuhaiError, LLMUnavailable

MAX_STEPS = 6
MAX_OBSERVATION = 1500
SAMPLE_ROWS = 3


class Action(BaseModel):
    action: Literal["list_tables", "schema", "query", "answer"]
    input: str


class Trace(BaseModel):
    answer: str = ""
    columns: list[str] = []
    rows: list[list[Any]] = []
    calls: int = 0
    seconds: float = 0.0


def _tables(conn: Any) -> list[str]:
    return [row[0] for row in conn.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]


def _schema(conn: Any, names: str) -> str:
    parts = []
    for name in [n.strip() for n in names.split(",") if n.strip()]:
        if name not in _tables(conn):
            parts.append(f"unknown table {name}")
            continue
        columns = conn.execute(f'DESCRIBE "{name}"').fetchall()
        sample = conn.execute(f'SELECT * FROM "{name}" LIMIT {SAMPLE_ROWS}').fetchall()
        parts.append(f"{name}({', '.join(f'{c[0]} {c[1]}' for c in columns)})\nsample: {sample}")
    return "\n".join(parts)


def _tool(conn: Any, action: Action, trace: Trace) -> str:
    if action.action == "list_tables":
        return ", ".join(_tables(conn))
    if action.action == "schema":
        return _schema(conn, action.input)
    try:
        assert_single_select(action.input, dialect="duckdb")
        cursor = conn.execute(action.input)
        rows = [list(r) for r in cursor.fetchmany(50)]
    except (ChuhaiError, duckdb.Error) as error:  # the agent sees its SQL error and may retry
        return f"Error: {error}"
    trace.columns, trace.rows = [d[0] for d in cursor.description], rows
    return json.dumps({"columns": trace.columns, "rows": rows[:20]}, default=str)


def ask_baseline(deps: Deps, conn: Any, question: str) -> Trace:
    """One question through the ReAct loop; the model's final answer and the last query result."""
    meter, trace, started = UsageMeter(), Trace(), time.perf_counter()
    messages: list[BaseMessage] = [SystemMessage(render("analyst/baseline_react", today=DEMO_TODAY.isoformat())),
                                   HumanMessage(f"Question: {question}")]
    for _ in range(MAX_STEPS):
        try:
            action = ask_structured(deps.chat_model, messages, Action, retries=0, config=metered(None, meter))
        except (InvalidModelOutput, LLMUnavailable):
            break
        if action.action == "answer":
            trace.answer = action.input
            break
        observation = _tool(conn, action, trace)[:MAX_OBSERVATION]
        messages += [AIMessage(action.model_dump_json()), HumanMessage(f"Observation: {observation}")]
    trace.calls, trace.seconds = meter.usage.model_calls, time.perf_counter() - started
    return trace


def score(trace: Trace, gold: Gold, measure: str) -> str:
    """correct / wrong / abstain (no answer and no query result)."""
    if not trace.answer and not trace.rows:
        return "abstain"
    if isinstance(gold, dict | list):
        rows = [[r[0], r[-1]] for r in trace.rows]
        ok = is_correct(gold, ["key", "value"], rows, ["key"], measure) if rows else False
        return "correct" if ok else "wrong"
    said = [float(n) for n in numbers_in_text(trace.answer)]
    cells = [float(c) for c in (trace.rows[0] if trace.rows else []) if isinstance(c, int | float | Decimal)]
    return "correct" if any(_close(v, gold, measure) for v in said + cells) else "wrong"


def run_baseline(deps: Deps, rows: list[dict[str, Any]], gold: list[Gold], tenant: str = "demo") -> dict[str, Any]:
    """Accuracy, abstentions, model calls per question and latency of the baseline on dataset `rows`."""
    with tenant_data.read_only(deps.settings, tenant) as conn:
        traces = [ask_baseline(deps, conn, row["question"]) for row in rows]
    outcomes = [score(t, g, row["gold"]["measure"]) for t, g, row in zip(traces, gold, rows, strict=True)]
    total = len(traces) or 1
    return {
        "agent": "ReAct SQL loop (create_sql_agent equivalent; langchain-community not installed)",
        **{name: round(outcomes.count(name) / total, 4) for name in ("correct", "wrong", "abstain")},
        "calls_per_question": sum(t.calls for t in traces) / total,
        "p50_s": round(percentile([t.seconds for t in traces], 0.5), 2),
    }


def main() -> None:
    """Run the baseline alone over the first --limit questions of the analyst dataset."""
    from evals.analyst_gold import DemoExports, GoldQuery
    from evals.report import DATASETS, load_jsonl
    from evals.suite_analyst import demo_exports
    from server.runtime import build_deps

    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=10)
    args = parser.parse_args()
    deps = build_deps()
    rows = load_jsonl(DATASETS / "bi_questions.jsonl", args.limit)
    exports = DemoExports(demo_exports(deps))
    gold = [exports.answer(GoldQuery.model_validate(r["gold"])) for r in rows]
    print(json.dumps(run_baseline(deps, rows, gold), indent=2))


if __name__ == "__main__":
    main()
