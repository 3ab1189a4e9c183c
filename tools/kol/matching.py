"""match_creators: filters, hybrid search, scoring and portfolio selection for one request."""

import numpy as np

from tools.errors import BadInput
from tools.kol.directory import CreatorDirectory
from tools.kol.embeddings import Embed
from tools.kol.fraud import high_risk_threshold
from tools.kol.models import Match, MatchRequest, MatchResponse, Money, Product
from tools.kol.reference import per_usd
from tools.kol.scoring import (
    FitContext,
    combined_score,
    estimate_cost,
    expected_reach,
    fit_score,
    quality_score,
)
from tools.kol.search import DirectoryIndex, Hit, filter_mask, hybrid_search
from tools.kol.selection import Candidate, select_portfolio
from tools.kol.text import resolve_niche
from tools.markets import get_market

MAX_LIMIT = 100


def check_request(request: MatchRequest) -> None:
    """BadInput with a helpful message for a request that cannot be answered as asked."""
    if not request.markets:
        raise BadInput("markets is empty; name at least one market, e.g. ['US']")
    for code in request.markets:
        get_market(code)
    if not request.product.name.strip() or not request.product.category.strip():
        raise BadInput("product needs a name and a category")
    if not 1 <= request.limit <= MAX_LIMIT:
        raise BadInput(f"limit must be between 1 and {MAX_LIMIT}, got {request.limit}")
    for label, money in (("budget", request.budget), ("max_price", request.max_price)):
        if money is not None:
            if money.amount <= 0:
                raise BadInput(f"{label} must be positive, got {money.amount:g} {money.currency}")
            per_usd(money.currency)
    for label, count in (("min_followers", request.min_followers), ("max_followers", request.max_followers)):
        if count is not None and count < 0:
            raise BadInput(f"{label} must not be negative, got {count}")
    if (
        request.min_followers is not None
        and request.max_followers is not None
        and request.min_followers > request.max_followers
    ):
        raise BadInput(f"min_followers {request.min_followers:,} is above max_followers {request.max_followers:,}")
    if request.languages is not None and not all(code.strip() for code in request.languages):
        raise BadInput("languages holds an empty code")


def product_text(product: Product) -> str:
    """The text creators are matched against (the brand name is left out: it says nothing about fit)."""
    parts = [product.name, product.description or "", *product.features, product.category, *product.keywords]
    return " ".join(p for p in parts if p)


def request_currency(request: MatchRequest) -> str:
    """Costs are shown in the budget's currency, else the first market's."""
    if request.budget is not None:
        return request.budget.currency.upper()
    if request.max_price is not None:
        return request.max_price.currency.upper()
    return get_market(request.markets[0]).currency


def fit_context(request: MatchRequest) -> FitContext:
    """Product niche, markets and the languages that count as a match."""
    product = request.product
    niche = resolve_niche(product.category) or resolve_niche(" ".join([product.name, *product.keywords]))
    languages = request.languages or [lang for m in request.markets for lang in get_market(m).languages]
    return FitContext(product_niche=niche, markets=[m.upper() for m in request.markets], languages=languages)


def _candidate(index: DirectoryIndex, hit: Hit, context: FitContext, currency: str) -> Candidate:
    creator = index.creators_at([hit.row])[0]
    fit = fit_score(creator, context, hit.relevance, hit.reason)
    quality = quality_score(creator)
    fraud = index.fraud(hit.row)
    cost = estimate_cost(creator, currency)
    reach = expected_reach(creator)
    cpm = None if cost is None or not reach else round(cost.money.amount / reach * 1000, 2)
    reasons = [*fit.reasons, *quality.reasons]
    reasons += [f"fraud risk {fraud.risk:.2f}: {f.reason}" for f in fraud.flags] or [
        f"no fraud signal in {len(fraud.checked)} checks"
    ]
    if fraud.unknown:
        reasons.append(f"fraud checks without data: {', '.join(fraud.unknown)}")
    if cost is not None:
        reasons.append(cost.reason)
    if reach is not None and cpm is not None:
        reasons.append(f"expected reach {reach:,} per post, CPM {cpm:,.2f} {currency}")
    if index.instructions_removed[hit.row]:
        reasons.append("profile contains instruction-like text; it was ignored")
    match = Match(
        creator_id=creator.creator_id,
        handle=creator.handle,
        platform=creator.platform,
        country=creator.country,
        language=creator.languages[0] if creator.languages else None,
        followers=creator.followers,
        engagement_rate=creator.engagement_rate,
        fit_score=fit.value,
        quality_score=quality.value,
        fraud_risk=fraud.risk,
        fraud_flags=[f.code for f in fraud.flags],
        score=combined_score(fit.value, quality.value, fraud.risk),
        estimated_cost=None if cost is None else cost.money,
        cost_source=None if cost is None else cost.source,
        expected_reach=reach,
        cpm=cpm,
        reasons=reasons,
    )
    return Candidate(match=match, embedding=index.vectors[hit.row])


def _totals(matches: list[Match], currency: str, budget: Money | None) -> tuple[Money | None, float | None]:
    if not matches or any(m.estimated_cost is None for m in matches):
        return None, None
    total = round(sum(m.estimated_cost.amount for m in matches if m.estimated_cost), 2)
    share = None if budget is None else round(total / budget.amount, 4)
    return Money(amount=total, currency=currency), share


def match_creators(directory: CreatorDirectory, request: MatchRequest, embed: Embed) -> MatchResponse:
    """Creators for a product, markets and budget: filtered, searched, scored and selected."""
    check_request(request)
    query = product_text(request.product)
    query_vector, embed_id = directory.embed_query(embed, query)
    index = directory.index(embed, embed_id)
    rows = np.flatnonzero(filter_mask(index, request))
    hits = hybrid_search(index, rows, query_vector, query)
    context, currency = fit_context(request), request_currency(request)
    candidates = [_candidate(index, hit, context, currency) for hit in hits]
    excluded = (
        0 if request.allow_high_risk else sum(1 for c in candidates if c.match.fraud_risk >= high_risk_threshold())
    )
    matches = select_portfolio(candidates, request.budget, request.limit, request.allow_high_risk)
    total, share = _totals(matches, currency, request.budget)
    return MatchResponse(
        matches=matches,
        total_cost=total,
        budget_used_share=share,
        excluded_for_fraud=excluded,
        candidates_considered=len(rows),
    )
