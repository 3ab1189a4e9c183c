"""The launch-market registry: language, currency and conventions per ISO 3166-1 code."""

from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel

from tools.errors import BadInput


class Market(BaseModel):
    code: str
    name: str
    name_zh: str
    region: str
    languages: list[str]
    currency: str
    units: Literal["metric", "us"]
    decimal: str
    group: str
    rtl: bool

    @property
    def language(self) -> str:
        """The default language for copy in this market."""
        return self.languages[0]


@cache
def all_markets() -> dict[str, Market]:
    raw = yaml.safe_load(resources.files("tools.data").joinpath("markets.yaml").read_text("utf-8"))
    return {code: Market(code=code, **fields) for code, fields in raw.items()}


def get_market(code: str) -> Market:
    """The market for an ISO code (case-insensitive); BadInput names the known codes otherwise."""
    market = all_markets().get(code.strip().upper())
    if market is None:
        raise BadInput(f"unknown market {code!r}; known markets: {', '.join(all_markets())}")
    return market
