"""Linking a question's words to metrics, dimensions, filters, ordering and comparison."""

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Literal

from pydantic import BaseModel

from tools.analytics.semantic.cues import asks_for_breakdown, sold_metric
from tools.analytics.semantic.model import TIME_GRAINS, SemanticModel, load_model
from tools.analytics.semantic.phrase_match import (
    Candidate,
    phrase_candidates,
    question_words,
    select_longest,
    top_n_candidates,
    value_candidates,
)
from tools.analytics.semantic.spec import Ambiguity, Filter
from tools.analytics.semantic.time_parse import TimeMatch, find_time_expressions
from tools.analytics.semantic.time_words import alternation
from tools.analytics.semantic.vocabulary import Target, load_vocabulary

Similar = Callable[[str, list[str]], list[tuple[str, float]]]
CompareWord = Literal["previous_period", "previous_year", "unspecified"]
TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’_.-]*|[\u3400-\u9fff]+")


class TermMatch(BaseModel):
    """One linked phrase: where it is and what it was read as ('metric:revenue', 'filter:market=DE')."""

    text: str
    start: int
    end: int
    kind: str
    meaning: list[str]
    score: float | None = None


class LinkedTerms(BaseModel):
    """What the words of a question were read as; `unresolved` holds the words nothing matched."""

    metrics: list[str] = []
    dimensions: list[str] = []
    filters: list[Filter] = []
    top_n: int | None = None
    sort: Literal["asc", "desc"] | None = None
    compare: CompareWord | None = None
    trend: bool = False
    times: list[TimeMatch] = []
    ambiguities: list[Ambiguity] = []
    matches: list[TermMatch] = []
    unresolved: list[str] = []
    similarity: float | None = None
    unsplit: list[str] = []  # dimension words read as the whole, with no breakdown asked ("the shop")

    @property
    def guessed(self) -> set[str]:
        """Keys ('metric:revenue') read only by embedding similarity: guesses, not readings."""
        similar = {key for match in self.matches if match.kind == "similar" for key in match.meaning}
        return similar - {key for match in self.matches if match.kind != "similar" for key in match.meaning}


def _fits(model: SemanticModel, dimension: str, metrics: list[str]) -> bool:
    """True when every metric has a fact carrying `dimension` for each of its base metrics."""
    return all(
        any(fact in model.dimension_facts(dimension) for fact in model.metrics[base].measures)
        for metric in metrics
        for base in model.base_metrics(metric)
    )


def _compatible(model: SemanticModel, target: Target, linked: LinkedTerms) -> bool:
    if target.kind == "metric":
        dims = [*linked.dimensions, *(f.dimension for f in linked.filters)]
        return all(_fits(model, d, [target.name]) for d in dims)
    return bool(linked.metrics) and _fits(model, target.name, linked.metrics)


def _negated(text: str, cand: Candidate, negations: list[Candidate]) -> bool:
    for neg in negations:
        gap = text[neg.end : cand.start] if neg.end <= cand.start else text[cand.end : neg.start]
        if len(gap) <= 6 and re.fullmatch(r"[\s的]*(?:(?:the|in|for|from)\s+)?", gap, re.IGNORECASE):
            return True
    return False


def _apply(linked: LinkedTerms, target: Target, negated: bool) -> None:
    if target.kind == "metric" and target.name not in linked.metrics:
        linked.metrics.append(target.name)
    elif target.kind == "dimension" and target.name not in linked.dimensions:
        linked.dimensions.append(target.name)
    elif target.kind == "filter":
        op: Literal["in", "not_in"] = "not_in" if negated else "in"
        existing = next((f for f in linked.filters if f.dimension == target.name and f.op == op), None)
        if existing is None:
            linked.filters.append(Filter(dimension=target.name, op=op, values=list(target.values)))
        else:
            existing.values += [v for v in target.values if v not in existing.values]


def _resolve_ambiguous(
    model: SemanticModel, text: str, pending: list[Candidate], negations: list[Candidate], linked: LinkedTerms
) -> None:
    for cand in pending:
        fitting = [t for t in cand.value if _compatible(model, t, linked)]
        if len(fitting) == 1:
            _apply(linked, fitting[0], _negated(text, cand, negations))
            continue
        options = fitting or list(cand.value)
        kinds = {t.kind for t in options}
        field: Literal["metric", "dimension", "filter"] = (
            "filter" if "filter" in kinds else ("metric" if "metric" in kinds else "dimension")
        )
        choices = [t.key.split(":", 1)[1] for t in options]
        term = text[cand.start : cand.end]
        linked.ambiguities.append(
            Ambiguity(
                field=field,
                term=term,
                choices=choices,
                message=f"{term!r} can mean {' or '.join(choices)}; which one?",
            )
        )


def split_asked(text: str, linked: LinkedTerms) -> bool:
    """True when the question asks for a split: a breakdown word ("by", "each market", "各", "哪") or an
    ordering ("top", "最多")."""
    return asks_for_breakdown(text) or linked.sort is not None or linked.top_n is not None


def _keep_asked_splits(text: str, linked: LinkedTerms) -> None:
    """Drop dimensions the question does not ask to split by: "How much did the shop take in" is one number.
    Time grains ("monthly", "每天") ask for a split themselves."""
    if split_asked(text, linked):
        return
    unasked = {f"dimension:{d}" for d in linked.dimensions if d not in TIME_GRAINS}
    linked.dimensions = [d for d in linked.dimensions if d in TIME_GRAINS]
    linked.unsplit = [m.text for m in linked.matches if unasked & set(m.meaning)]


def _sold_without_metric(text: str, linked: LinkedTerms) -> None:
    """"How much did we sell?" names no metric word but asks for revenue; "how many did we sell?", units.

    "How many SKUs did we sell" counts SKUs, not units: with a dimension word the count is the model's to read.
    """
    sold = None if linked.metrics else sold_metric(text)
    if sold is None:
        return
    metric, sold_word = sold
    if metric == "units" and (linked.unsplit or linked.dimensions):
        return
    _apply(linked, Target(kind="metric", name=metric), False)
    linked.matches.append(
        TermMatch(text=sold_word.group(), start=sold_word.start(), end=sold_word.end(), kind="sold",
                  meaning=[f"metric:{metric}"])
    )


def _meaning(cand: Candidate) -> list[str]:
    if cand.kind == "target":
        return [target.key for target in cand.value]
    if cand.kind == "time":
        found: TimeMatch = cand.value
        return [f"{found.range.start}..{found.range.end}" if found.range else f"unknown: {found.problem}"]
    return [str(cand.value)]


def _leftovers(text: str, chosen: list[Candidate]) -> list[str]:
    chars = list(text)
    for cand in chosen:
        chars[cand.start : cand.end] = " " * (cand.end - cand.start)
    words = question_words()["stopwords"]
    english = {str(w).lower() for w in words["en"]}
    chinese = alternation(words["zh"])
    leftovers: list[str] = []
    for token in TOKEN.findall("".join(chars)):
        if token[0].isascii():
            if token.lower().rstrip(".'’") not in english:
                leftovers.append(token)
            continue
        leftovers += [piece for piece in re.split(chinese, token) if piece]
    return leftovers


def _similar_fallback(linked: LinkedTerms, similar: Similar) -> None:
    threshold = float(question_words()["similar_threshold"])
    by_text = {
        p.text: p.targets[0]
        for p in load_vocabulary().phrases
        if len(p.targets) == 1 and p.targets[0].kind in ("metric", "dimension")
    }
    candidates = list(by_text)
    for token in list(linked.unresolved):
        scored = sorted(similar(token, candidates), key=lambda pair: pair[1], reverse=True)
        if scored and scored[0][1] >= threshold and scored[0][0] in by_text:
            phrase, score = scored[0]
            _apply(linked, by_text[phrase], False)
            linked.unresolved.remove(token)
            linked.similarity = min(score, linked.similarity if linked.similarity is not None else 1.0)
            linked.matches.append(
                TermMatch(text=token, start=-1, end=-1, kind="similar", meaning=[by_text[phrase].key], score=score)
            )


def link_terms(
    text: str,
    similar: Similar | None = None,
    known_values: Mapping[str, Iterable[str]] | None = None,
    today: date | None = None,
) -> LinkedTerms:
    """Read metrics, dimensions, filters, top-N, ordering, comparison and time words in `text`.

    Synonyms (zh and en, longest first) decide; `similar` (an embedding similarity) is asked only
    about words nothing matched. A phrase naming several things is settled by the metrics when
    they allow only one, else it becomes an Ambiguity to ask back about.
    """
    model = load_model()
    phrases = phrase_candidates(text) + value_candidates(text, known_values or {})
    sorts = sorted((c for c in phrases if c.kind == "sort"), key=lambda c: c.start)
    linked = LinkedTerms(sort=sorts[0].value if sorts else None)
    times = [Candidate(t.start, t.end, "time", t) for t in find_time_expressions(text, today or date.today())]
    chosen = select_longest(times + phrases + top_n_candidates(text, linked.sort is not None))
    negations = [c for c in chosen if c.kind == "negation"]
    pending: list[Candidate] = []
    for cand in chosen:
        if cand.kind == "time":
            linked.times.append(cand.value)
        elif cand.kind == "target" and len(cand.value) > 1:
            pending.append(cand)
        elif cand.kind == "target":
            _apply(linked, cand.value[0], _negated(text, cand, negations))
        elif cand.kind == "compare" and (linked.compare in (None, "unspecified")):
            linked.compare = cand.value
        elif cand.kind == "trend":
            linked.trend = True
        elif cand.kind == "top_n" and linked.top_n is None:
            linked.top_n = cand.value
        linked.matches.append(
            TermMatch(
                text=text[cand.start : cand.end],
                start=cand.start,
                end=cand.end,
                kind=cand.kind,
                meaning=_meaning(cand),
            )
        )
    _resolve_ambiguous(model, text, pending, negations, linked)
    _keep_asked_splits(text, linked)
    _sold_without_metric(text, linked)
    linked.unresolved = _leftovers(text, chosen)
    if similar is not None and linked.unresolved:
        _similar_fallback(linked, similar)
    return linked
