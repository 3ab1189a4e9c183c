"""Rule regexes compiled for speed.

Python's `re` scans fast for a literal first character but not when a pattern opens with `\\b`,
runs case-insensitively or alternates between many branches. Folded text is already lower case,
so each alternative is compiled on its own, case-sensitively, and an alternative that opens with
`\\b` is compiled without it; the word boundary is then checked on each match, retrying one
character later when it fails.

Most rules match nothing in a given text, so each set also knows its anchors: literal strings
one of which every match must contain. One Aho-Corasick pass finds which anchors occur, and a set
whose anchors are all absent is skipped without running its regex.
"""

import re
from collections.abc import Iterator
from re import _parser as sre  # type: ignore[attr-defined]  # stdlib parser, for required literals
from typing import Any, NamedTuple

from tools.compliance.normalisation import fold_pattern

LEADING_BOUNDARY = "\\b"


class Alternative(NamedTuple):
    """One compiled alternative of a rule's patterns."""

    regex: re.Pattern[str]
    bounded: bool  # needs a word boundary before the match
    anchors: frozenset[str] | None  # literals one of which every match contains; None: unknown


class PatternSet(NamedTuple):
    """All alternatives of one rule's patterns (or of a required element's check)."""

    alternatives: tuple[Alternative, ...]

    @property
    def anchors(self) -> frozenset[str]:
        """Every anchor of every alternative."""
        return frozenset(a for alt in self.alternatives if alt.anchors for a in alt.anchors)


def _required(items: Any) -> set[str] | None:
    """Literal strings one of which occurs in every match of a parsed sequence; None if unknown.

    Candidates are runs of consecutive literals and mandatory groups or branches; the longest
    (for a branch, the one whose shortest alternative is longest) is kept.
    """
    candidates: list[set[str]] = []
    run = ""
    for op, arg in items:
        if op is sre.LITERAL:
            run += chr(arg)
            continue
        if run:
            candidates.append({run})
            run = ""
        if op is sre.SUBPATTERN:
            inner = _required(arg[-1])
        elif op is sre.BRANCH:
            branches = [_required(branch) for branch in arg[1]]
            inner = None if any(b is None for b in branches) else {p for b in branches if b for p in b}
        else:
            inner = None
        if inner:
            candidates.append(inner)
    if run:
        candidates.append({run})
    return max(candidates, key=lambda c: min(map(len, c)), default=None)


def _alternative(source: str, folded: bool) -> Alternative:
    bounded = source.startswith(LEADING_BOUNDARY)
    body = source.removeprefix(LEADING_BOUNDARY) if bounded else source
    anchors = _required(sre.parse(body)) if folded else None
    return Alternative(re.compile(body), bounded, frozenset(anchors) if anchors else None)


def compile_patterns(by_language: dict[str, list[str]], folded: bool = True) -> PatternSet:
    """Compile every language's alternatives, folded to match folded text unless `folded` is False."""
    return PatternSet(
        tuple(
            _alternative(fold_pattern(pattern) if folded else pattern, folded)
            for patterns in by_language.values()
            for pattern in patterns
        )
    )


def _word_before(text: str, index: int) -> bool:
    return index > 0 and (text[index - 1].isalnum() or text[index - 1] == "_")


def _matches(alternative: Alternative, text: str) -> Iterator[re.Match[str]]:
    if not alternative.bounded:
        yield from alternative.regex.finditer(text)
        return
    position = 0
    while (match := alternative.regex.search(text, position)) is not None:
        if _word_before(text, match.start()):
            position = match.start() + 1
            continue
        yield match
        position = max(match.end(), match.start() + 1)


def _may_match(alternative: Alternative, present: set[str] | None) -> bool:
    """False when none of the alternative's anchors occurs in the text (`present`: anchors found there)."""
    return present is None or alternative.anchors is None or not alternative.anchors.isdisjoint(present)


def spans(patterns: PatternSet, text: str, present: set[str] | None = None) -> Iterator[tuple[int, int]]:
    """Non-empty [start, end) matches of the set in `text`, alternative by alternative."""
    for alternative in patterns.alternatives:
        if _may_match(alternative, present):
            yield from ((m.start(), m.end()) for m in _matches(alternative, text) if m.end() > m.start())


def found(patterns: PatternSet, text: str, present: set[str] | None = None) -> bool:
    """Whether any alternative matches `text`."""
    return next(spans(patterns, text, present), None) is not None
