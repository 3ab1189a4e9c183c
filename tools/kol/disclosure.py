"""The ad label a paid creator post needs in each market, and a deterministic check that a text carries it."""

import unicodedata
from functools import cache

from pydantic import BaseModel

from tools.errors import BadInput
from tools.kol.reference import load_data
from tools.kol.text import base_language


class DisclosureSource(BaseModel):
    name: str
    url: str


class Disclosure(BaseModel):
    """One market's ad label, per language, with the compliance rule that checks it (when a pack has one)."""

    market: str
    labels: dict[str, str]
    rule: str | None = None
    source: DisclosureSource

    def label_for(self, language: str) -> str:
        """The label for a post written in `language` (BCP 47), else the market's default label."""
        return self.labels.get(base_language(language), self.labels["default"])


@cache
def disclosures() -> dict[str, Disclosure]:
    """Every market's disclosure, from data/disclosures.yaml."""
    return {code: Disclosure(market=code, **entry) for code, entry in load_data("disclosures").items()}


def disclosure_for(market: str) -> Disclosure:
    """The disclosure of one market; BadInput for a market the data file does not cover."""
    found = disclosures().get(market.strip().upper())
    if found is None:
        raise BadInput(f"no ad disclosure is known for market {market!r}; known: {', '.join(disclosures())}")
    return found


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def has_disclosure(text: str, label: str) -> bool:
    """True when `text` carries `label` (compared after Unicode normalisation and case folding)."""
    return _folded(label) in _folded(text)
