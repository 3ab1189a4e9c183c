"""Countries and Amazon marketplaces as the exports spell them."""

from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel

from tools.markets import all_markets


class Marketplace(BaseModel):
    name: str
    country: str
    currency: str
    tax_inclusive: bool


def _data(name: str) -> dict[str, Any]:
    text = resources.files("tools.analytics").joinpath("data", name).read_text("utf-8")
    return dict(yaml.safe_load(text))


@cache
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for code, market in all_markets().items():
        names[market.name.lower()] = code
        names[market.name_zh.lower()] = code
    for code, aliases in _data("countries.yaml").items():
        names[code.lower()] = code
        for alias in aliases:
            names[str(alias).strip().lower()] = code
    return names


def country_code(raw: str) -> str:
    """ISO 3166-1 alpha-2 code for a country code or name; ValueError for an unknown name."""
    text = raw.strip()
    if len(text) == 2 and text.isalpha() and text.isascii():
        return text.upper()
    code = _country_names().get(text.lower())
    if code is None:
        raise ValueError(f"unknown country {text!r}")
    return code


@cache
def marketplaces() -> dict[str, Marketplace]:
    """Amazon marketplaces by lower-cased name ('amazon.de')."""
    return {
        name.lower(): Marketplace(name=name, **body)
        for name, body in _data("amazon_marketplaces.yaml").items()
    }


def marketplace(name: str | None) -> Marketplace | None:
    """The Amazon marketplace of a sales channel such as 'Amazon.de', if known."""
    return marketplaces().get(name.strip().lower()) if name else None
