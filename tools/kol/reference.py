"""Reference data for KOL matching, read from the YAML files in tools/kol/data on first use."""

from functools import cache
from importlib import resources
from typing import Any

import yaml

from tools.errors import BadInput

TIERS = ("nano", "micro", "mid", "macro", "mega")


@cache
def load_data(name: str) -> Any:
    """One YAML file of tools/kol/data, parsed once per process."""
    text = resources.files("tools.kol.data").joinpath(f"{name}.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def _tier_bounds() -> list[tuple[str, float]]:
    """(tier, upper bound) in ascending order; the last tier has no upper bound."""
    tiers = load_data("benchmarks")["tiers"]
    return [(str(tier), float("inf") if high is None else float(high)) for tier, (_, high) in tiers.items()]


def tier_of(followers: float) -> str:
    """The follower tier (nano … mega) for a follower count."""
    for tier, high in _tier_bounds():
        if followers < high:
            return tier
    return _tier_bounds()[-1][0]


def benchmark_engagement(platform: str, tier: str) -> float:
    """Typical engagement rate (fraction) for a platform and tier."""
    return float(load_data("benchmarks")["engagement_rate"][platform][tier])


def reach_rate(platform: str, tier: str) -> float:
    """Expected reach of one post as a share of followers."""
    return float(load_data("benchmarks")["reach_rate"][platform][tier])


def cpm_usd(platform: str, tier: str) -> float:
    """Planning CPM (USD per 1,000 expected reach) for a platform and tier."""
    return float(load_data("benchmarks")["cpm_usd"][platform][tier])


def per_usd(currency: str) -> float:
    """Units of `currency` per US dollar; BadInput for a currency the FX table lacks."""
    rates = load_data("fx")["per_usd"]
    code = currency.strip().upper()
    if code not in rates:
        raise BadInput(f"unknown currency {currency!r}; known: {', '.join(rates)}")
    return float(rates[code])


def convert(amount: float, from_currency: str, to_currency: str) -> float:
    """An amount converted between currencies with the reference FX table."""
    if from_currency.upper() == to_currency.upper():
        return amount
    return amount / per_usd(from_currency) * per_usd(to_currency)


def niche_keys() -> list[str]:
    """All niche keys in file order."""
    return list(load_data("niches"))


def related_niches(niche: str) -> list[str]:
    """Niches that earn partial category credit for `niche`."""
    entry = load_data("niches").get(niche)
    return list(entry["related"]) if entry else []
