"""Rule-pack schema: every rule valid, ids unique, every citation resolvable in the corpus."""

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tools.compliance import load_rule_book
from tools.compliance.loader import RulePackError, load_rules, load_scope, pack_files, parse_pack
from tools.compliance.normalisation import fold_term
from tools.compliance.regexes import compile_patterns

CORPUS = Path(__file__).resolve().parents[3] / "knowledge" / "corpus" / "regulations"
JURISDICTION_PACKS = {"cn", "us", "eu", "de", "fr", "gb", "sa", "ae", "id", "jp", "kr", "br", "mx"}
PLATFORM_PACKS = {"amazon", "meta", "google_ads", "tiktok"}


def _front_matter(path: Path) -> dict:
    text = path.read_text("utf-8")
    assert text.startswith("---\n"), path
    return yaml.safe_load(text.split("---\n")[1])


def test_packs_cover_the_required_jurisdictions_and_platforms() -> None:
    rules = load_rules()
    counts = Counter(rule.pack for rule in rules)
    assert set(counts) >= JURISDICTION_PACKS | PLATFORM_PACKS
    assert all(count >= 4 for count in counts.values()), counts
    assert len(rules) >= 300


def test_rule_ids_are_unique_and_dotted() -> None:
    ids = [rule.id for rule in load_rules()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+){2,}", rule_id) for rule_id in ids)


def test_every_rule_uses_known_codes_and_a_nonempty_matcher() -> None:
    scope = load_scope()
    ids = {rule.id for rule in load_rules()}
    for rule in load_rules():
        assert set(rule.categories) <= set(scope.categories), rule.id
        assert rule.channels and set(rule.channels) <= set(scope.channels), rule.id
        assert rule.id.startswith(f"{rule.pack}."), rule.id
        assert set(rule.subsumes) <= ids, rule.id
        if rule.lexicon:
            assert all(fold_term(t.strip("*")) for terms in rule.lexicon.values() for t in terms), rule.id
        if rule.patterns:
            compile_patterns(rule.patterns, folded=not rule.match_original)
        if rule.replacement is not None and rule.lexicon:
            assert set(rule.replacement) <= set(rule.lexicon) | {"any"}, rule.id


def test_folded_patterns_are_written_in_lower_case() -> None:
    # Folded text is lower case and patterns compile case-sensitively: an upper-case literal never matches.
    for rule in load_rules():
        sources = [rule.patterns or {}]
        if rule.required:
            sources += [rule.required.any_of, rule.required.when, rule.required.unless]
        if rule.match_original:
            continue
        for by_language in sources:
            for pattern in (p for patterns in by_language.values() for p in patterns):
                literal = re.sub(r"\\[A-Za-z]", "", pattern)
                assert literal == literal.lower(), (rule.id, pattern)


def test_every_citation_resolves_to_a_corpus_document_with_the_article() -> None:
    for rule in load_rules():
        path = CORPUS / f"{rule.citation.doc_id}.md"
        assert path.is_file(), f"{rule.id}: no corpus document {path.name}"
        headings = [line for line in path.read_text("utf-8").splitlines() if line.startswith("## ")]
        assert any(rule.citation.article in h for h in headings), f"{rule.id}: {rule.citation.article!r}"
        assert rule.citation.url.startswith("https://") or rule.citation.url.startswith("http://www.conar")


def test_corpus_documents_follow_the_corpus_format() -> None:
    cited = {rule.citation.doc_id for rule in load_rules()}
    for path in sorted(CORPUS.glob("*.md")):
        meta = _front_matter(path)
        assert meta["id"] == path.stem
        assert re.fullmatch(r"[a-z0-9-]+", meta["id"])
        assert meta["language"] == "en"
        assert "regulation" in meta["topics"]
        assert meta["jurisdictions"] and meta["source_url"].startswith("http")
        assert str(meta["as_of"])[:4].isdigit()
        assert path.read_text("utf-8").count("\n## ") >= 1
    assert cited <= {p.stem for p in CORPUS.glob("*.md")}


def test_a_pack_with_two_matchers_is_rejected_with_its_location() -> None:
    text = """
pack: xx
jurisdiction: XX
defaults: {categories: [any], channels: [ad]}
rules:
  - id: xx.law.art1.bad
    severity: warn
    lexicon: {en: [foo]}
    patterns: {en: [bar]}
    message: m
    citation: {doc_id: d, instrument: i, article: a, url: "https://x"}
    suggestion: s
"""
    with pytest.raises(RulePackError, match=r"(?s)xx\.yaml rule #0 \(xx\.law\.art1\.bad\).*exactly one of"):
        parse_pack("xx", text)


def test_a_citation_naming_an_unknown_source_is_rejected() -> None:
    text = """
pack: xx
jurisdiction: XX
defaults: {categories: [any], channels: [ad]}
rules:
  - {id: xx.law.art1.ok, severity: warn, lexicon: {en: [foo]}, message: m, suggestion: s,
     citation: {source: nowhere, article: a}}
"""
    with pytest.raises(RulePackError, match="unknown citation source 'nowhere'"):
        parse_pack("xx", text)


def test_pack_file_name_must_match_its_pack_field() -> None:
    with pytest.raises(RulePackError, match="pack: yy"):
        parse_pack("yy", "pack: xx\nrules: []\n")


def test_every_pack_file_parses_on_its_own() -> None:
    for name, text in pack_files().items():
        assert parse_pack(name, text), name


def test_rule_book_compiles_once() -> None:
    assert load_rule_book() is load_rule_book()
