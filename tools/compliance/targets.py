"""Validating a check request's codes and mapping markets and platforms to rule packs."""

from typing import NamedTuple

from tools.compliance.loader import Scope
from tools.compliance.models import CheckRequest
from tools.errors import BadInput
from tools.markets import all_markets


class Target(NamedTuple):
    """A pack to apply, and the label its findings carry (market code or platform name)."""

    pack: str
    label: str


class CheckScope(NamedTuple):
    """A validated request: the targets plus the category and channel filters."""

    targets: tuple[Target, ...]
    category: str | None
    channel: str | None


def valid_markets(scope: Scope) -> list[str]:
    """Every market code a request may name."""
    return [*all_markets(), *scope.extra_markets]


def _market_codes(markets: list[str], scope: Scope) -> list[str]:
    known = valid_markets(scope)
    if not markets:
        raise BadInput(f"name at least one market; known markets: {', '.join(known)}")
    codes: list[str] = []
    for raw in markets:
        code = raw.strip().upper()
        if code not in known:
            raise BadInput(f"unknown market {raw!r}; known markets: {', '.join(known)}")
        if code not in codes:
            codes.append(code)
    return codes


def _choice(value: str | None, allowed: list[str], what: str) -> str | None:
    """A lower-cased code from `allowed`, None when not given; BadInput lists the valid ones."""
    if value is None or not value.strip():
        return None
    code = value.strip().lower()
    if code not in allowed:
        raise BadInput(f"unknown {what} {value!r}; valid values: {', '.join(allowed)}")
    return code


def targets_for(markets: list[str], platform: str | None, scope: Scope, packs: set[str]) -> tuple[Target, ...]:
    """Union packs, then each market's own pack, then the platform pack."""
    found: list[Target] = []
    for code in _market_codes(markets, scope):
        found += [Target(union, code) for union, members in scope.unions.items() if code in members]
        if code.lower() in packs:
            found.append(Target(code.lower(), code))
    platform_code = _choice(platform, list(scope.platforms), "platform")
    pack = scope.platforms.get(platform_code) if platform_code else None
    if platform_code and pack:
        found.append(Target(pack, platform_code))
    return tuple(t for t in found if t.pack in packs)


def resolve(request: CheckRequest, scope: Scope, packs: set[str]) -> CheckScope:
    """Validate the request (text, codes) and resolve it to packs and filters."""
    if not request.text.strip():
        raise BadInput("text is empty; send the copy to check")
    if len(request.text) > scope.max_text_chars:
        raise BadInput(f"text has {len(request.text)} characters; the limit is {scope.max_text_chars}")
    category = _choice(request.category, scope.categories, "category")
    return CheckScope(
        targets_for(request.markets, request.platform, scope, packs),
        None if category == "any" else category,
        _choice(request.channel, scope.channels, "channel"),
    )
