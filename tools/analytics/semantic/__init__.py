"""The analyst's semantic layer: metrics and dimensions (model.yaml), query specs compiled to SQL,
deterministic question parsing (time expressions, term linking), and number checks for narratives.

Nothing is loaded at import time: the YAML files are read on first use.
"""

from tools.analytics.semantic.compiler import CompiledQuery, ResultColumn, compile_spec
from tools.analytics.semantic.guard import assert_single_select
from tools.analytics.semantic.linking import LinkedTerms, Similar, link_terms
from tools.analytics.semantic.model import SemanticModel, load_model
from tools.analytics.semantic.numbers import find_numbers, numbers_in_text, unsupported_numbers
from tools.analytics.semantic.periods import previous_range
from tools.analytics.semantic.question import ParsedQuestion, parse_question
from tools.analytics.semantic.runner import QueryResult, fx_gaps, run_query
from tools.analytics.semantic.spec import (
    Ambiguity,
    Filter,
    IncompatibleSpec,
    OrderBy,
    QuerySpec,
    TimeRange,
    UnknownTerm,
)
from tools.analytics.semantic.time_parse import TimeMatch, find_time_expressions, parse_time_expression
from tools.analytics.semantic.validate import validate_spec

__all__ = [
    "Ambiguity",
    "CompiledQuery",
    "Filter",
    "IncompatibleSpec",
    "LinkedTerms",
    "OrderBy",
    "ParsedQuestion",
    "QueryResult",
    "QuerySpec",
    "ResultColumn",
    "SemanticModel",
    "Similar",
    "TimeMatch",
    "TimeRange",
    "UnknownTerm",
    "assert_single_select",
    "compile_spec",
    "find_numbers",
    "find_time_expressions",
    "fx_gaps",
    "link_terms",
    "load_model",
    "numbers_in_text",
    "parse_question",
    "parse_time_expression",
    "previous_range",
    "run_query",
    "unsupported_numbers",
    "validate_spec",
]
