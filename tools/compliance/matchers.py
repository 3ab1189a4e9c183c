"""Rule matchers compiled once: one Aho-Corasick automaton for every lexicon, regexes per pattern rule."""

from typing import NamedTuple

import ahocorasick

from tools.compliance.models import Rule
from tools.compliance.normalisation import fold_term, is_latin_word_char
from tools.compliance.regexes import PatternSet, compile_patterns, spans

WILDCARD = "*"


class TermEntry(NamedTuple):
    """A folded lexicon term as stored in the automaton."""

    rule: int
    length: int
    language: str
    left_boundary: bool
    right_boundary: bool
    allow: bool


class Hit(NamedTuple):
    """A match of one rule over folded text, [start, end)."""

    rule: int
    start: int
    end: int


class RequiredMatcher(NamedTuple):
    """A required-element rule: `present` must match (when `when` matches), and/or a language."""

    present: PatternSet | None
    when: PatternSet | None
    unless: PatternSet | None
    language: str | None


class CompiledRules(NamedTuple):
    """Everything the engine needs to match, built once per rule book."""

    automaton: ahocorasick.Automaton
    patterns: dict[int, PatternSet]
    raw_patterns: dict[int, PatternSet]
    required: dict[int, RequiredMatcher]
    term_languages: dict[int, dict[str, str]]
    anchors: ahocorasick.Automaton  # literal prefixes of folded regexes, to skip sets that cannot match


def _entry(rule: int, term: str, language: str, allow: bool) -> tuple[str, TermEntry] | None:
    """A folded term and its automaton entry; `*` at either end waives the word boundary there."""
    folded = fold_term(term.strip(WILDCARD))
    if not folded:
        return None
    left = not term.startswith(WILDCARD) and is_latin_word_char(folded[0])
    right = not term.endswith(WILDCARD) and is_latin_word_char(folded[-1])
    return folded, TermEntry(rule, len(folded), language, left, right, allow)


def compile_rules(rules: list[Rule]) -> CompiledRules:
    """Compile every rule's matcher; an empty automaton still answers `iter`."""
    entries: dict[str, list[TermEntry]] = {}
    term_languages: dict[int, dict[str, str]] = {}
    patterns: dict[int, PatternSet] = {}
    raw_patterns: dict[int, PatternSet] = {}
    required: dict[int, RequiredMatcher] = {}
    for index, rule in enumerate(rules):
        sources = [(rule.lexicon or {}, False), (rule.allow, True)]
        for by_language, allow in sources:
            for language, terms in by_language.items():
                for term in terms:
                    made = _entry(index, term, language, allow)
                    if made:
                        entries.setdefault(made[0], []).append(made[1])
                        if not allow:
                            term_languages.setdefault(index, {})[made[0]] = language
        if rule.patterns and rule.match_original:
            raw_patterns[index] = compile_patterns(rule.patterns, folded=False)
        elif rule.patterns:
            patterns[index] = compile_patterns(rule.patterns)
        if rule.required:
            check = rule.required
            required[index] = RequiredMatcher(
                compile_patterns(check.any_of) if check.any_of else None,
                compile_patterns(check.when) if check.when else None,
                compile_patterns(check.unless) if check.unless else None,
                check.language,
            )
    automaton = ahocorasick.Automaton()
    for folded, term_entries in entries.items():
        automaton.add_word(folded, tuple(term_entries))
    if entries:
        automaton.make_automaton()
    sets = [*patterns.values(), *(s for m in required.values() for s in (m.present, m.when, m.unless) if s)]
    return CompiledRules(automaton, patterns, raw_patterns, required, term_languages, _anchor_automaton(sets))


def _anchor_automaton(sets: list[PatternSet]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for anchor in {a for s in sets for a in s.anchors}:
        automaton.add_word(anchor, anchor)
    if len(automaton):
        automaton.make_automaton()
    return automaton


def anchors_present(compiled: CompiledRules, folded: str) -> set[str]:
    """Which regex anchors occur in the folded text."""
    if compiled.anchors.kind != ahocorasick.AHOCORASICK:
        return set()
    return {anchor for _, anchor in compiled.anchors.iter(folded)}


def lexicon_hits(compiled: CompiledRules, folded: str, active: set[int]) -> list[Hit]:
    """Lexicon hits of active rules with word boundaries checked, minus hits inside allow terms."""
    if compiled.automaton.kind != ahocorasick.AHOCORASICK:
        return []
    hits: list[Hit] = []
    allowed: list[Hit] = []
    size = len(folded)
    for last, term_entries in compiled.automaton.iter(folded):
        end = last + 1
        for entry in term_entries:
            if entry.rule not in active:
                continue
            start = end - entry.length
            if entry.left_boundary and start > 0 and is_latin_word_char(folded[start - 1]):
                continue
            if entry.right_boundary and end < size and is_latin_word_char(folded[end]):
                continue
            (allowed if entry.allow else hits).append(Hit(entry.rule, start, end))
    if not allowed:
        return hits
    return [h for h in hits if not any(a.rule == h.rule and a.start <= h.start and h.end <= a.end for a in allowed)]


def pattern_hits(
    patterns: dict[int, PatternSet], text: str, active: set[int], present: set[str] | None = None
) -> list[Hit]:
    """Regex matches of active pattern rules (skipping sets whose anchors are not `present`)."""
    return [
        Hit(index, start, end)
        for index, pattern_set in patterns.items()
        if index in active
        for start, end in spans(pattern_set, text, present)
    ]


def merge_hits(hits: list[Hit]) -> list[Hit]:
    """Merge overlapping or touching hits of the same rule into one span."""
    merged: list[Hit] = []
    for hit in sorted(hits):
        last = merged[-1] if merged else None
        if last is not None and last.rule == hit.rule and hit.start <= last.end:
            merged[-1] = Hit(last.rule, last.start, max(last.end, hit.end))
        else:
            merged.append(hit)
    return merged
