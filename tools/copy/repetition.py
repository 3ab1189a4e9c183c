"""Repetition and generation loops in copy: repeated phrases, stutter, repeated sentences, character runs."""

import re
from collections import Counter
from typing import Any

from pydantic import BaseModel

from tools.copy.datafiles import load_data
from tools.copy.results import CheckDetail, CheckResult, Span, result_of

# Scripts written without spaces: each character is a token.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f"
_TOKEN = re.compile(rf"[{_UNSPACED}]|[^\W_{_UNSPACED}]+")
_SENTENCE_END = re.compile(r"[.!?。！？\n]+")


class _Token(BaseModel):
    text: str
    start: int
    end: int
    unspaced: bool


def _tokens(text: str) -> list[_Token]:
    return [
        _Token(
            text=m.group().casefold(),
            start=m.start(),
            end=m.end(),
            unspaced=bool(re.match(f"[{_UNSPACED}]", m.group())),
        )
        for m in _TOKEN.finditer(text)
    ]


def _detail(text: str, start: int, end: int, message: str) -> CheckDetail:
    return CheckDetail(message=message, text=text[start:end], span=Span(start=start, end=end))


def _char_runs(text: str, rules: dict[str, Any]) -> list[CheckDetail]:
    run = rules["char_run"]
    return [
        _detail(text, m.start(), m.end(), f"Remove the run of repeated characters '{m.group()}'.")
        for m in re.finditer(rf"([^\s\d])\1{{{run - 1},}}", text)
    ]


def _loops(text: str, tokens: list[_Token], rules: dict[str, Any]) -> list[CheckDetail]:
    """The same token sequence immediately repeated `consecutive_repeats` times."""
    times = rules["consecutive_repeats"]
    words = [t.text for t in tokens]
    for size in range(1, rules["max_loop_tokens"] + 1):
        for i in range(len(words) - size * times + 1):
            unit = words[i : i + size]
            if size == 1 and tokens[i].unspaced:
                continue  # one repeated character is a character run, judged there
            if all(words[i + k * size : i + (k + 1) * size] == unit for k in range(1, times)):
                end = tokens[i + size * times - 1].end
                phrase = text[tokens[i].start : tokens[i + size - 1].end]
                return [
                    _detail(
                        text, tokens[i].start, end, f"Remove the loop: '{phrase}' repeated {times} times."
                    )
                ]
    return []


def _repeated_ngrams(text: str, tokens: list[_Token], rules: dict[str, Any]) -> list[CheckDetail]:
    """A long token sequence that occurs more than `max_repeats` times anywhere in the text."""
    unspaced = sum(t.unspaced for t in tokens) > len(tokens) / 2
    size = rules["min_ngram_chars" if unspaced else "min_ngram_words"]
    words = [t.text for t in tokens]
    grams = Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))
    details: list[CheckDetail] = []
    for gram, count in grams.items():
        if count > rules["max_repeats"]:
            i = next(i for i in range(len(words)) if tuple(words[i : i + size]) == gram)
            start, end = tokens[i].start, tokens[i + size - 1].end
            details.append(
                _detail(text, start, end, f"Say '{text[start:end]}' once; it appears {count} times.")
            )
            break
    return details


def _repeated_sentences(text: str, rules: dict[str, Any]) -> list[CheckDetail]:
    seen: set[str] = set()
    pos = 0
    for part in _SENTENCE_END.split(text):
        start = text.find(part, pos)
        pos = start + len(part)
        key = " ".join(t.text for t in _tokens(part))
        if len(_tokens(part)) < rules["min_sentence_tokens"]:
            continue
        if key in seen:
            return [_detail(text, start, pos, f"Remove the repeated sentence '{part.strip()}'.")]
        seen.add(key)
    return []


def check_repetition(text: str) -> CheckResult:
    """Fails on loops: a phrase 3+ times, a sequence repeated back to back, a sentence twice, a char run."""
    rules = load_data("checks")["repetition"]
    tokens = _tokens(text)
    details = (
        _char_runs(text, rules)
        + _loops(text, tokens, rules)
        + _repeated_ngrams(text, tokens, rules)
        + _repeated_sentences(text, rules)
    )
    return result_of("repetition", details)


def duplicate_items(items: list[str]) -> list[int]:
    """Indexes of list entries (bullets, headlines) repeating an earlier entry, ignoring case and spacing."""
    seen: set[str] = set()
    duplicates = []
    for i, item in enumerate(items):
        key = " ".join(item.casefold().split())
        if key and key in seen:
            duplicates.append(i)
        seen.add(key)
    return duplicates
