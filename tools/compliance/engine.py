"""The rule book: compiled packs, which rules apply to a request, and the check itself.

Overlaps: hits of the same rule that overlap or touch merge into one finding. Different rules
on the same span each keep their finding (they cite different law, and a reviewer wants both),
unless a rule lists the other in `subsumes`: then, for the same market, the subsumed rule's
findings inside the subsuming rule's span are dropped (Germany's PAngV § 11 subsumes the EU
prior-price rule it implements, so a DE check reports the national law once).
A missing required element is reported with an empty span at the end of the text, where the
rewrite appends it. A rule applying for several markets yields one finding per market.
"""

from functools import cache

from tools.compliance.language import detect_language
from tools.compliance.loader import Scope, load_rules, load_scope
from tools.compliance.matchers import anchors_present, compile_rules, lexicon_hits, merge_hits, pattern_hits
from tools.compliance.models import SEVERITY_RANK, CheckRequest, Rule, RuleFinding, Span, Verdict
from tools.compliance.normalisation import FoldedText, fold
from tools.compliance.regexes import found
from tools.compliance.targets import CheckScope, Target, resolve, targets_for
from tools.errors import NotFound

Active = dict[int, list[str]]  # rule index -> labels (markets or platform) it applies for
ACTIVE_CACHE_SIZE = 4096


class RuleBook:
    """All rule packs compiled once; `check` runs a request against the rules that apply."""

    def __init__(self, rules: list[Rule], scope: Scope) -> None:
        self.rules = rules
        self.scope = scope
        self.packs = {rule.pack for rule in rules}
        self._compiled = compile_rules(rules)
        self._index = {rule.id: i for i, rule in enumerate(rules)}
        self._by_pack: dict[str, list[int]] = {}
        for i, rule in enumerate(rules):
            self._by_pack.setdefault(rule.pack, []).append(i)
        self._active_cache: dict[CheckScope, Active] = {}

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id."""
        if rule_id not in self._index:
            raise NotFound(f"no compliance rule {rule_id!r}")
        return self.rules[self._index[rule_id]]

    def term_language(self, rule_id: str, span_text: str) -> str | None:
        """The lexicon language of a matched term, when the span is exactly one term."""
        terms = self._compiled.term_languages.get(self._index.get(rule_id, -1), {})
        return terms.get(fold(span_text).text.strip())

    def rules_for(
        self,
        markets: list[str],
        platform: str | None = None,
        category: str | None = None,
        channel: str | None = None,
    ) -> list[Rule]:
        """Rules that apply to these markets and platform (and category/channel when given)."""
        request = CheckRequest(text="-", markets=markets, platform=platform, category=category, channel=channel)
        active = self._active(resolve(request, self.scope, self.packs))
        return [self.rules[i] for i in sorted(active)]

    def _applies(self, rule: Rule, check_scope: CheckScope) -> bool:
        """Category and channel filters. A request without a category gets every rule except those
        limited to `explicit_categories` (alcohol); without a channel, every rule except
        channel-specific required elements (an email's unsubscribe link needs channel=email)."""
        if check_scope.category is None:
            category_ok = not set(rule.categories) <= set(self.scope.explicit_categories)
        else:
            category_ok = "any" in rule.categories or check_scope.category in rule.categories
        if check_scope.channel is None:
            return category_ok and not (rule.required and set(self.scope.channels) - set(rule.channels))
        return category_ok and check_scope.channel in rule.channels

    def _active(self, check_scope: CheckScope) -> Active:
        """Rule index -> labels, cached per (targets, category, channel)."""
        cached = self._active_cache.get(check_scope)
        if cached is not None:
            return cached
        if len(self._active_cache) >= ACTIVE_CACHE_SIZE:  # bounded: odd market mixes should not grow it forever
            self._active_cache.clear()
        active: Active = {}
        for target in check_scope.targets:
            for i in self._by_pack.get(target.pack, []):
                labels = active.setdefault(i, []) if self._applies(self.rules[i], check_scope) else None
                if labels is not None and target.label not in labels:
                    labels.append(target.label)
        self._active_cache[check_scope] = active
        return active

    def check(self, request: CheckRequest) -> list[RuleFinding]:
        """Findings for the request, sorted by span start (then higher severity first)."""
        active = self._active(resolve(request, self.scope, self.packs))
        if not active:
            return []
        text = request.text
        folded = fold(text)
        active_set = set(active)
        compiled = self._compiled
        present = anchors_present(compiled, folded.text)
        hits = merge_hits(
            lexicon_hits(compiled, folded.text, active_set)
            + pattern_hits(compiled.patterns, folded.text, active_set, present)
        )
        spans = [(h.rule, *folded.original(h.start, h.end)) for h in hits]
        # Patterns on the unfolded text already carry original offsets.
        spans += [(h.rule, h.start, h.end) for h in merge_hits(pattern_hits(compiled.raw_patterns, text, active_set))]
        findings = [
            self._finding(self.rules[rule], label, Span.model_construct(start=start, end=end, text=text[start:end]))
            for rule, start, end in spans
            for label in active[rule]
        ]
        findings = self._drop_subsumed(findings + self._missing_elements(text, folded, active, present))
        return sorted(
            findings,
            key=lambda f: (f.span.start, f.span.end, -SEVERITY_RANK[f.severity], f.rule_id, f.market),
        )

    def _drop_subsumed(self, findings: list[RuleFinding]) -> list[RuleFinding]:
        """Drop a finding when, for the same market, a rule that subsumes its rule covers its span."""
        subsumers = [f for f in findings if self.rule(f.rule_id).subsumes]
        if not subsumers:
            return findings
        return [
            f
            for f in findings
            if not any(
                f.market == s.market
                and f.rule_id in self.rule(s.rule_id).subsumes
                and s.span.start <= f.span.start
                and f.span.end <= s.span.end
                for s in subsumers
            )
        ]

    def _missing_elements(self, text: str, folded: FoldedText, active: Active, present: set[str]) -> list[RuleFinding]:
        """Findings for required elements the text lacks (patterns absent or wrong language)."""
        findings: list[RuleFinding] = []
        detected: list[str | None] = []
        end = Span.model_construct(start=len(text), end=len(text), text="")
        for i, matcher in self._compiled.required.items():
            if i not in active or (matcher.when and not found(matcher.when, folded.text, present)):
                continue
            if matcher.unless and found(matcher.unless, folded.text, present):
                continue
            missing = bool(matcher.present and not found(matcher.present, folded.text, present))
            if matcher.language and not missing:
                if not detected:
                    detected.append(self._language_of(text))
                missing = detected[0] is not None and detected[0] not in self._accepted(matcher.language)
            if missing:
                findings += [self._finding(self.rules[i], label, end) for label in active[i]]
        return findings

    def _accepted(self, language: str) -> list[str]:
        return self.scope.language_equivalents.get(language, [language])

    def _language_of(self, text: str) -> str | None:
        scope = self.scope
        return detect_language(
            text, tuple(scope.detection_languages), scope.detection_sample_chars, scope.min_detection_letters
        )

    @staticmethod
    def _finding(rule: Rule, label: str, span: Span) -> RuleFinding:
        # Built from validated rules and computed offsets: construct without re-validation.
        return RuleFinding.model_construct(
            rule_id=rule.id,
            severity=rule.severity,
            market=label,
            span=span,
            message=rule.message,
            citation=rule.citation,
            suggestion=rule.suggestion,
        )


@cache
def load_rule_book() -> RuleBook:
    """The rule book built from every pack, compiled once per process."""
    return RuleBook(load_rules(), load_scope())


def rules_for(markets: list[str], platform: str | None = None) -> list[Rule]:
    """Rules that apply to these markets and platform, over every category and channel."""
    return load_rule_book().rules_for(markets, platform)


def verdict(findings: list[RuleFinding]) -> Verdict:
    """block if any finding blocks, warn if any warns, else pass (info findings do not count)."""
    severities = {f.severity for f in findings}
    if "block" in severities:
        return "block"
    return "warn" if "warn" in severities else "pass"


__all__ = ["RuleBook", "Target", "load_rule_book", "rules_for", "targets_for", "verdict"]
