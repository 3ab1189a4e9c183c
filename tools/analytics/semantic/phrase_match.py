"""Finding known phrases in a question: one Aho-Corasick pass, whole English words, longest first."""

import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any, Literal, NamedTuple

import ahocorasick
import yaml

from tools.analytics.semantic.time_words import alternation, count_pattern, count_value, en_word
from tools.analytics.semantic.vocabulary import Target, load_vocabulary

Kind = Literal["target", "sort", "compare", "trend", "negation", "time", "top_n"]
# When two candidates cover the same length, the lower rank wins (a time expression before a name).
RANK: dict[str, int] = {
    "time": 0,
    "compare": 1,
    "target": 2,
    "top_n": 3,
    "sort": 4,
    "trend": 5,
    "negation": 6,
}


class Candidate(NamedTuple):
    """A span of the question and what it may mean."""

    start: int
    end: int
    kind: Kind
    value: Any


class IndexEntry(NamedTuple):
    """What an indexed phrase means."""

    kind: Kind
    value: Any
    case_sensitive: str | None  # the exact spelling required, for upper-case market codes


@cache
def question_words() -> dict[str, Any]:
    """phrases.yaml, read once."""
    text = resources.files("tools.analytics.semantic").joinpath("phrases.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _fold(text: str) -> str:
    """Lower-case without changing the length, so offsets in the folded text match the original."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _entries() -> dict[str, list[IndexEntry]]:
    entries: dict[str, list[IndexEntry]] = {}

    def add(phrase: str, entry: IndexEntry) -> None:
        key = " ".join(_fold(phrase).split())
        if key and entry not in entries.setdefault(key, []):
            entries[key].append(entry)

    for phrase in load_vocabulary().phrases:
        add(phrase.text, IndexEntry("target", phrase.targets, phrase.text if phrase.case_sensitive else None))
    words = question_words()
    for direction, langs in words["sort"].items():
        for word in [*langs["en"], *langs["zh"]]:
            add(str(word), IndexEntry("sort", direction, None))
    for mode, langs in words["compare"].items():
        for word in [*langs["en"], *langs["zh"]]:
            add(str(word), IndexEntry("compare", mode, None))
    for kind in ("trend", "negation"):
        for word in [*words[kind]["en"], *words[kind]["zh"]]:
            add(str(word), IndexEntry(kind, True, None))
    return entries


@cache
def phrase_index() -> tuple[Any, dict[str, list[IndexEntry]]]:
    """The automaton over every known phrase, and each phrase's entries (built once)."""
    entries = _entries()
    automaton = ahocorasick.Automaton()
    for key in entries:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton, entries


def _word_edge(text: str, start: int, end: int, key: str) -> bool:
    def alnum(char: str) -> bool:
        return char.isascii() and char.isalnum()

    before_ok = not (alnum(key[0]) and start > 0 and alnum(text[start - 1]))
    after_ok = not (alnum(key[-1]) and end < len(text) and alnum(text[end]))
    return before_ok and after_ok


def _merge_targets(entries: list[IndexEntry], original: str) -> list[Candidate]:
    """Entries of one phrase: target entries pooled into one tuple (several = ambiguous)."""
    targets: list[Target] = []
    others: list[IndexEntry] = []
    for entry in entries:
        if entry.case_sensitive is not None and entry.case_sensitive != original:
            continue
        if entry.kind == "target":
            targets += [t for t in entry.value if t not in targets]
        else:
            others.append(entry)
    found = [Candidate(0, 0, "target", tuple(targets))] if targets else []
    return found + [Candidate(0, 0, e.kind, e.value) for e in others]


def phrase_candidates(text: str) -> list[Candidate]:
    """Every known phrase occurring in `text` (overlaps included), with its span."""
    automaton, entries = phrase_index()
    folded = re.sub(r"\s", " ", _fold(text))
    found: list[Candidate] = []
    for end_index, key in automaton.iter(folded):
        start, end = end_index - len(key) + 1, end_index + 1
        if not _word_edge(folded, start, end, key):
            continue
        for cand in _merge_targets(entries[key], text[start:end]):
            found.append(cand._replace(start=start, end=end))
    return found


def value_candidates(text: str, known_values: Mapping[str, Iterable[str]]) -> list[Candidate]:
    """Occurrences of known dimension values (campaign names, SKUs) given by the caller."""
    folded = _fold(text)
    found: list[Candidate] = []
    for dimension, values in known_values.items():
        for value in values:
            key = _fold(str(value)).strip()
            position = folded.find(key) if key else -1
            while position >= 0:
                end = position + len(key)
                if _word_edge(folded, position, end, key):
                    target = Target(kind="filter", name=dimension, values=(str(value),))
                    found.append(Candidate(position, end, "target", (target,)))
                position = folded.find(key, position + 1)
    return found


def top_n_candidates(text: str, sorted_question: bool) -> list[Candidate]:
    """'top 5', '前10名', '5 best' and, when the question asks for best/worst, '5个' or '五款'."""
    number = count_pattern()
    classifiers = alternation(question_words()["top_n_classifiers"]["zh"])
    patterns = [
        en_word(rf"top\s*(?P<n>{number})"),
        en_word(rf"(?:best|highest|lowest|worst|bottom|largest|biggest)\s+(?P<n>{number})"),
        en_word(rf"(?P<n>{number})\s+(?:best|top|highest|lowest|worst|biggest|largest|most)"),
        rf"前\s*(?P<n>{number})\s*{classifiers}?",
    ]
    if sorted_question:
        patterns.append(rf"(?<![\d.])(?P<n>{number})\s*{classifiers}")
    found: list[Candidate] = []
    for pattern in patterns:
        for match in re.finditer(pattern, text, re.IGNORECASE):
            value = count_value(match.group("n"))
            if value and value.is_integer() and value >= 1:
                found.append(Candidate(match.start(), match.end(), "top_n", int(value)))
    return found


def select_longest(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first (ties by RANK, then position), in text order."""
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, RANK[c.kind], c.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)
