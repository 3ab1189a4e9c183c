"""Shared helpers for the compliance tests."""

from tools.compliance import CheckRequest, RuleFinding, load_rule_book


def check(
    text: str,
    markets: list[str],
    platform: str | None = None,
    category: str | None = None,
    channel: str | None = None,
) -> list[RuleFinding]:
    """Run the shared rule book on one request."""
    request = CheckRequest(text=text, markets=markets, platform=platform, category=category, channel=channel)
    return load_rule_book().check(request)


def rule_ids(findings: list[RuleFinding]) -> set[str]:
    """The distinct rule ids among findings."""
    return {f.rule_id for f in findings}


def spans_of(findings: list[RuleFinding], rule_id: str) -> list[str]:
    """The flagged texts of one rule."""
    return [f.span.text for f in findings if f.rule_id == rule_id]
