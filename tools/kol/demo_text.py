"""Names, handles, bios, topics and captions of demo creators, in each creator's language."""

import unicodedata
from dataclasses import dataclass

import numpy as np

from tools.kol.reference import load_data, related_niches
from tools.kol.text import base_language
from tools.markets import Market


@dataclass(frozen=True)
class Identity:
    """Who a demo creator is, independent of the platform account."""

    market: str
    niche: str
    languages: list[str]
    name: str
    handle: str
    bio: str
    topics: list[str]
    captions: list[str]


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum()).lower()


def _pick(rng: np.random.Generator, items: list[str]) -> str:
    return str(items[int(rng.integers(len(items)))])


def _handle(rng: np.random.Generator, first: str, last: str, niche_tag: str, taken: set[str]) -> str:
    styles = [
        f"{_ascii(first)}.{_ascii(last)}",
        f"{_ascii(first)}_{niche_tag}",
        f"{niche_tag}with{_ascii(first)}",
        f"{_ascii(first)}{_ascii(last)}",
    ]
    base = _pick(rng, styles)
    handle = base
    while handle in taken:
        handle = f"{base}{int(rng.integers(2, 999))}"
    taken.add(handle)
    return handle


def make_identity(rng: np.random.Generator, market: Market, niche: str, taken: set[str]) -> Identity:
    """A fictional creator of `niche` in `market`, writing in the market's language."""
    texts = load_data("demo_text")
    profile = load_data("demo_profile")
    primary = market.languages[0]
    lang = texts["languages"][base_language(primary)]
    languages = [primary]
    extra = [code for code in market.languages[1:]]
    if not extra and base_language(primary) != "en" and rng.random() < profile["second_language_en"]:
        extra = ["en"]
    languages += extra
    phrases = [str(p) for p in rng.permutation(lang["niches"][niche])]
    city = _pick(rng, texts["cities"][market.code])
    bio = _pick(rng, lang["templates"]).format(
        a=phrases[0], b=phrases[1], c=phrases[2], city=city, cta=_pick(rng, lang["cta"])
    )
    tags = [str(t) for t in rng.choice(texts["hashtags"][niche], size=4, replace=False)]
    related = related_niches(niche)
    if related and rng.random() < 0.25:
        tags[-1] = _pick(rng, texts["hashtags"][_pick(rng, related)])
    topics = [*tags, "#" + phrases[0].replace(" ", "")]
    captions = [str(c).format(a=phrases[0], b=phrases[1], city=city) for c in lang["captions"]]
    first, last = _pick(rng, lang["first"]), _pick(rng, lang["last"])
    handle = _handle(rng, first, last, texts["hashtags"][niche][0].lstrip("#"), taken)
    return Identity(
        market=market.code,
        niche=niche,
        languages=languages,
        name=f"{first} {last}",
        handle=handle,
        bio=bio,
        topics=topics,
        captions=captions,
    )


def injection_sentence(rng: np.random.Generator) -> str:
    """One of the planted prompt-injection sentences (harmless data)."""
    return _pick(rng, load_data("demo_text")["injections"])
