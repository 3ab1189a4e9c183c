"""The demo directory: coverage of markets, platforms, tiers and niches, realism, labels and loading."""

from collections import Counter

import duckdb
import pytest

from tools.kol.demo import generate_demo_creators, load_demo_creators
from tools.kol.models import Creator
from tools.kol.reference import benchmark_engagement, tier_of
from tools.kol.store import ensure_schema, read_creators
from tools.kol.text import strip_instructions
from tools.markets import all_markets


@pytest.fixture(scope="module")
def demo() -> tuple[list[Creator], object]:
    return generate_demo_creators()


def test_kol_demo_covers_markets_platforms_tiers_and_niches(demo: tuple) -> None:
    creators, truth = demo
    assert len(creators) == 2400
    assert len({c.creator_id for c in creators}) == 2400
    assert {c.country for c in creators} == set(all_markets())
    assert {c.platform for c in creators} == {"instagram", "tiktok", "youtube"}
    assert {tier_of(c.followers or 0) for c in creators} == {"nano", "micro", "mid", "macro", "mega"}
    assert len(set(truth.niche.values())) == 11
    per_market = Counter(c.country for c in creators)
    assert min(per_market.values()) >= 140  # balanced across the 16 markets


def test_kol_demo_is_deterministic_per_seed() -> None:
    first, _ = generate_demo_creators(n=200, seed=4)
    again, _ = generate_demo_creators(n=200, seed=4)
    other, _ = generate_demo_creators(n=200, seed=5)
    assert first == again
    assert first != other


def test_kol_demo_text_is_in_the_creators_language(demo: tuple) -> None:
    creators, truth = demo
    by_country = {c.country: c for c in creators if c.creator_id not in truth.injected}
    assert any(word in by_country["DE"].bio for word in (" aus ", " und ", "Kooperationen", "Jede Woche", "Anfragen"))
    assert any("\u0600" <= ch <= "\u06ff" for ch in by_country["SA"].bio)
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in by_country["TH"].bio)
    assert any("\uac00" <= ch <= "\ud7af" for ch in by_country["KR"].bio)
    assert by_country["BR"].languages[0] == "pt-BR"
    assert all(c.rate_card is None or c.rate_card.currency == all_markets()[c.country].currency for c in creators)


def test_kol_demo_organic_engagement_sits_near_benchmarks(demo: tuple) -> None:
    creators, truth = demo
    ratios = [
        c.engagement_rate / benchmark_engagement(c.platform, tier_of(c.followers))
        for c in creators
        if c.creator_id not in truth.fraud and c.engagement_rate and c.followers
    ]
    assert min(ratios) >= 0.5 and max(ratios) <= 2.2
    assert 0.85 <= sorted(ratios)[len(ratios) // 2] <= 1.15


def test_kol_demo_plants_twins_injections_and_unknowns(demo: tuple) -> None:
    creators, truth = demo
    handles = Counter(c.handle for c in creators)
    twins = [h for h, n in handles.items() if n > 1]
    assert len(twins) >= 50
    assert all(len({c.platform for c in creators if c.handle == h}) == handles[h] for h in twins)
    injected = [c for c in creators if c.creator_id in truth.injected]
    assert len(injected) == 6 and all(strip_instructions(c.bio or "")[1] == 1 for c in injected)
    assert sum(c.audience_countries is None for c in creators) > 200
    assert sum(c.rate_card is None for c in creators) > 600


def test_kol_relevance_labels(demo: tuple) -> None:
    creators, truth = demo
    grades = truth.relevance("outdoor", "DE")
    for creator in creators:
        grade = grades[creator.creator_id]
        if creator.country != "DE" or creator.creator_id in truth.fraud:
            assert grade == 0
        elif truth.niche[creator.creator_id] == "outdoor":
            assert grade in (2, 3)
        elif truth.niche[creator.creator_id] in ("travel", "fitness"):
            assert grade == 1
        else:
            assert grade == 0
    assert sum(g == 3 for g in grades.values()) >= 5


def test_kol_load_demo_creators_is_idempotent() -> None:
    conn = duckdb.connect()
    ensure_schema(conn)
    truth = load_demo_creators(conn, n=300, seed=2)
    truth_again = load_demo_creators(conn, n=300, seed=2)
    stored = read_creators(conn)
    assert len(stored) == 300 and truth == truth_again
    assert stored == sorted(generate_demo_creators(n=300, seed=2)[0], key=lambda c: c.creator_id)
