"""Nodes of the analyst: read the question → (model fills the spec) → run the SQL → narrate."""

from datetime import date
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.config import get_stream_writer

from agents.analyst import tenant_data
from agents.analyst.chart import chart_for
from agents.analyst.narrative import empty_answer, model_narrative, template_narrative
from agents.analyst.similarity import NameSimilarity
from agents.analyst.specfill import ask_model_for_spec, ground_draft, piece_choices, rate_choices, spec_from_draft
from agents.analyst.state import AnalystState, AnswerLanguage, AskBack, BIResponse
from agents.context import Deps
from agents.llm.structured import InvalidModelOutput
from agents.llm.usage import UsageMeter, metered
from prompts import render
from tools.analytics.semantic import (
    Ambiguity,
    QuerySpec,
    ResultColumn,
    UnknownTerm,
    compile_spec,
    parse_question,
    run_query,
)
from tools.analytics.semantic.runner import Cell
from tools.analytics.semantic.validate import closest, validate_spec
from tools.analytics.semantic.vocabulary import load_vocabulary
from tools.errors import BadInput, LLMUnavailable, NotFound

# Below this parser confidence the model reads the question (one unread word costs 0.2).
MIN_PARSER_CONFIDENCE = 0.8


def language_of(text: str) -> AnswerLanguage:
    """zh for a question with any Chinese characters (mixed zh/en ones included), en otherwise."""
    return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"


def ask_back(state: AnalystState, message: str, choices: list[str]) -> AnalystState:
    """An answer that asks the user to pick or rephrase; no SQL ran."""
    language = state["language"]
    text = render("analyst/ask_back", language=language, message=message, choices=choices)
    output = BIResponse(answer=text, ask_back=AskBack(question=text, choices=choices), language=language,
                        today=state["today"], notes=state.get("notes", []))
    get_stream_writer()({"event": "token", "text": text})
    return {"output": output}


def understand(state: AnalystState, deps: Deps, similar: NameSimilarity) -> AnalystState:
    """The deterministic reading of the question against the tenant's names and dates."""
    request = state["input"]
    language = language_of(request.question)
    try:
        with tenant_data.read_only(deps.settings, request.tenant) as conn:
            today = tenant_data.question_today(request.tenant, conn, request.today, date.today())
            known = tenant_data.known_values(conn)
    except NotFound as error:  # no store yet: say so in the answer, the turn goes on
        return {"language": language, "output": BIResponse(answer=error.message, language=language)}
    parsed = parse_question(request.question, today, similar=similar, known_values=known)
    return {"language": language, "today": today, "known_values": known, "parsed": parsed,
            "notes": [unsplit_note(word) for word in parsed.linked.unsplit]}


def unsplit_note(word: str) -> str:
    """Why a dimension word in the question did not split the answer, and how to ask for a split."""
    return f"{word!r} was read as the whole, not as a split; ask with 'by' or '按' for a breakdown"


def after_understand(state: AnalystState) -> str:
    """run (parser is sure), fill (model reads it), or ask (an ambiguity or a problem to explain).

    A word read only by embedding similarity is a guess: the model reads the question then. (With the
    e5 embedder, unrelated words score 0.84-0.90 against metric names, so a score alone decides nothing.)
    """
    if "output" in state:
        return "end"
    parsed = state["parsed"]
    guessed = bool(parsed.linked.guessed)
    if parsed.ambiguities or (parsed.spec is None and parsed.linked.metrics and not guessed):
        return "ask"
    if parsed.spec is None or parsed.unresolved or guessed or parsed.confidence < MIN_PARSER_CONFIDENCE:
        return "fill"
    return "run"


def ask_parser_problem(state: AnalystState) -> AnalystState:
    """The parser found an ambiguous term, or a spec that cannot work: ask back, never guess."""
    parsed = state["parsed"]
    first = parsed.ambiguities[0] if parsed.ambiguities else None
    return ask_back(state, parsed.message or "", first.choices if first else [])


def use_parser_spec(state: AnalystState) -> AnalystState:
    parsed = state["parsed"]
    assert parsed.spec is not None  # routed here only with a spec
    return {"spec": parsed.spec, "spec_source": "parser"}


def _metric_choices(words: list[str]) -> list[str]:
    names = load_vocabulary().names_for("metric")
    found = [c for word in words for c in closest(word, names)]
    return list(dict.fromkeys(found))[:5] or ["revenue", "orders", "ad_spend", "roas", "refund_rate"]


def fill(state: AnalystState, deps: Deps, meter: UsageMeter, config: RunnableConfig) -> AnalystState:
    """The model drafts a spec over the model's names; it is validated, or the user is asked."""
    request, parsed = state["input"], state["parsed"]
    try:
        draft = ask_model_for_spec(deps, request.question, state["language"], parsed, state["known_values"],
                                   metered(config, meter, "analyst.spec"))
        grounded, dropped = ground_draft(draft, parsed, request.question, state["known_values"])
        checked: QuerySpec | UnknownTerm | Ambiguity = validate_spec(spec_from_draft(grounded, parsed))
    except (InvalidModelOutput, LLMUnavailable) as error:
        if parsed.spec is not None:  # the parser's reading stands; say the model did not confirm it
            return {"spec": parsed.spec, "spec_source": "parser", "notes": [f"model unavailable: {error.message}"]}
        state = {**state, "notes": [f"model unavailable: {error.message}"]}
        return ask_back(state, parsed.message or "no metric recognised in the question",
                        _metric_choices(parsed.unresolved))
    except BadInput as error:
        return ask_back(state, error.message, [])
    if not isinstance(checked, QuerySpec):
        return ask_back(state, checked.message, checked.choices)
    if choices := rate_choices(request.question, checked):
        return ask_back(state, f"the question asks for a rate or an average, but it was read as {choices[0]}",
                        choices)
    if choices := piece_choices(request.question, checked, parsed):
        return ask_back(state, "the question counts pieces, but it was read as a count of orders", choices)
    return {"spec": checked, "spec_source": "model", "notes": [*state.get("notes", []), *dropped]}


def after_fill(state: AnalystState) -> str:
    return "end" if "output" in state else "run"


def run(state: AnalystState, deps: Deps) -> AnalystState:
    """Compile the spec and run it on a read-only connection of the tenant's own file."""
    try:
        compiled = compile_spec(state["spec"])
    except BadInput as error:
        return ask_back(state, error.message, [])
    with tenant_data.read_only(deps.settings, state["input"].tenant) as conn:
        result = run_query(conn, compiled)
        currency = tenant_data.reporting_currency(conn)
    output = BIResponse(
        answer="", spec=compiled.spec, sql=compiled.sql, columns=result.columns, rows=result.rows,
        params=[_json_param(p) for p in compiled.params], spec_source=state["spec_source"],
        language=state["language"], today=state["today"], notes=state.get("notes", []),
        chart=chart_for(compiled.columns, result.rows, state["input"].question),
    )
    if not has_values(compiled.columns, result.rows):
        text = empty_answer(state["language"], compiled)
        get_stream_writer()({"event": "token", "text": text})
        return {"output": output.model_copy(update={"answer": text, "narrative_source": "template"})}
    return {"output": output, "compiled": compiled, "result": result, "currency": currency}


def has_values(columns: list[ResultColumn], rows: list[list[Cell]]) -> bool:
    """False when there are no rows, or only a totals row whose metrics are all NULL (no data)."""
    metric_cells = [cell for row in rows for cell, col in zip(row, columns, strict=True) if col.role == "metric"]
    return any(cell is not None for cell in metric_cells)


def _json_param(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def after_run(state: AnalystState) -> str:
    return "narrate" if "result" in state else "end"


def narrate(state: AnalystState, deps: Deps, meter: UsageMeter, config: RunnableConfig) -> AnalystState:
    """The model's checked narrative, or the template's when the model's numbers do not hold."""
    compiled, result, currency = state["compiled"], state["result"], state["currency"]
    language = state["language"]
    text = model_narrative(deps, state["input"].question, language, compiled, result, currency,
                           metered(config, meter, "analyst.narrative"))
    source = "model"
    if text is None:
        text, source = template_narrative(language, compiled, result, currency), "template"
    get_stream_writer()({"event": "token", "text": text})
    return {"output": state["output"].model_copy(update={"answer": text, "narrative_source": source})}
