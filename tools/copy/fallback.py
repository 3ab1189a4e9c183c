"""The deterministic fallback listing: every field assembled from product facts and per-language templates."""

import html
from collections.abc import Callable, Iterable

from pydantic import BaseModel

from tools.copy.facts import ProductFacts
from tools.copy.fallback_parts import ListingParts, listing_parts
from tools.copy.fields import (
    AmazonFields,
    GoogleAdsFields,
    MetaAdsFields,
    PlatformFields,
    ShopifyFields,
    TikTokAdsFields,
    TikTokShopFields,
    fields_model_for,
)
from tools.copy.glossary import glossary_from_facts
from tools.copy.glossary_terms import Glossary
from tools.copy.length import display_length, fit_pieces, truncate_to
from tools.copy.limits import FieldLimit, platform_limits
from tools.copy.render import template

# Length aimed at for fields without any limit (Shopify's HTML description).
_UNLIMITED_TARGET = 5000
_TITLE_SEP = " - "


class FallbackListing(BaseModel):
    """A fallback listing: the fields, their language, and product texts left out (see `fallback_listing`)."""

    platform: str
    market: str
    language: str
    fields: PlatformFields
    dropped: list[str]


def _target(limit: FieldLimit) -> int:
    return limit.target() or _UNLIMITED_TARGET


def _fit(text: str, limit: FieldLimit) -> str:
    return truncate_to(text, _target(limit), limit.unit)


def _line(label: str, value: str, lang: str) -> str:
    return f"{label}{template(lang)['label_sep']}{value}"


def _joined(items: list[str], lang: str) -> str:
    return str(template(lang)["list_sep"]).join(items)


def _fact_lines(parts: ListingParts) -> list[str]:
    """Label: value lines in order of importance: material, specs, properties, certifications, features."""
    labels = template(parts.lang)["labels"]
    lines = []
    if parts.materials:
        lines.append(_line(labels["material"], _joined(parts.materials, parts.lang), parts.lang))
    lines += [_line(s.label, s.value, parts.lang) for s in parts.specs]
    if parts.claims:
        lines.append(_line(labels["properties"], _joined(parts.claims, parts.lang), parts.lang))
    if parts.certifications:
        lines.append(_line(labels["certifications"], _joined(parts.certifications, parts.lang), parts.lang))
    return lines + parts.features


def _name(parts: ListingParts) -> str:
    return parts.head or parts.product_word


def _fits(text: str, limit: FieldLimit) -> bool:
    return display_length(text, limit.unit) <= _target(limit)


def _title(parts: ListingParts, limit: FieldLimit) -> str:
    """Name, materials, two specs and claims, whole pieces only; a piece the name already says is left out."""
    name = _name(parts)
    pieces = [_joined(parts.materials, parts.lang), *(s.value for s in parts.specs[:2])]
    pieces.append(_joined(parts.claims, parts.lang))
    pieces = [p for p in pieces if p and p.casefold() not in name.casefold()]
    return fit_pieces([_fit(name, limit), *pieces], _target(limit), limit.unit, _TITLE_SEP)


def _paragraph(parts: ListingParts, limit: FieldLimit) -> str:
    """Name, description and fact lines as sentences, whole sentences only while they fit."""
    end = str(template(parts.lang)["sentence_end"])
    sentences = [_name(parts), parts.description, *_fact_lines(parts)]
    sentences = [s if not end or s.endswith(end) else s + end for s in sentences if s]
    return fit_pieces(sentences, _target(limit), limit.unit, " ") or _fit(_name(parts), limit)


def _bullets(parts: ListingParts, limit: FieldLimit) -> list[str]:
    """One fact line per bullet; when there are more lines than bullets, the specs share one bullet."""
    lines = _fact_lines(parts)
    most = limit.items.max if limit.items else len(lines)
    if len(lines) > most and len(parts.specs) > 1:
        label = _line(template(parts.lang)["labels"]["details"], "", parts.lang)
        specs = fit_pieces(
            (_line(s.label, s.value, parts.lang) for s in parts.specs),
            _target(limit) - display_length(label, limit.unit),
            limit.unit,
            "; ",
        )
        start = 1 if parts.materials else 0
        lines = lines[:start] + ([label + specs] if specs else []) + lines[start + len(parts.specs) :]
    bullets = [line if _fits(line, limit) else _fit(line, limit) for line in lines[:most]]
    return [b for b in bullets if b] or [_fit(_name(parts), limit)]


def _search_terms(parts: ListingParts, limit: FieldLimit) -> str:
    words = [*parts.materials, *parts.claims, *parts.certifications, *parts.keywords, parts.product_word]
    return fit_pieces((w.lower() for w in words), _target(limit), limit.unit, " ")


def _html(parts: ListingParts, limit: FieldLimit) -> str:
    items = [f"<li>{html.escape(line)}</li>" for line in _fact_lines(parts)]
    intro = f"<p>{html.escape(parts.description or _name(parts))}</p>"
    chosen = fit_pieces([intro, "<ul>", *items], _target(limit) - len("</ul>"), limit.unit, "")
    return chosen + "</ul>" if "<ul>" in chosen else chosen


def _amazon(parts: ListingParts, limits: dict[str, FieldLimit]) -> AmazonFields:
    return AmazonFields(
        title=_title(parts, limits["title"]),
        bullets=_bullets(parts, limits["bullets"]),
        description=_paragraph(parts, limits["description"]),
        search_terms=_search_terms(parts, limits["search_terms"]),
    )


def _shopify(parts: ListingParts, limits: dict[str, FieldLimit]) -> ShopifyFields:
    return ShopifyFields(
        title=_title(parts, limits["title"]),
        description_html=_html(parts, limits["description_html"]),
        seo_title=_title(parts, limits["seo_title"]),
        seo_description=_paragraph(parts, limits["seo_description"]),
    )


def _tiktok_shop(parts: ListingParts, limits: dict[str, FieldLimit]) -> TikTokShopFields:
    return TikTokShopFields(
        title=_title(parts, limits["title"]), description=_paragraph(parts, limits["description"])
    )


def _meta_ads(parts: ListingParts, limits: dict[str, FieldLimit]) -> MetaAdsFields:
    cta = template(parts.lang)["cta"]
    return MetaAdsFields(
        primary_text=_paragraph(parts, limits["primary_text"]),
        headline=_title(parts, limits["headline"]),
        description=_fit(cta[0], limits["description"]),
    )


def _path(text: str, limit: FieldLimit) -> str:
    slug = "-".join("".join(ch for ch in text if ch.isalnum() or ch.isspace()).split())
    if display_length(slug, limit.unit) > _target(limit):
        slug = slug.split("-")[0]
    return slug if display_length(slug, limit.unit) <= _target(limit) else ""


def _google_ads(parts: ListingParts, limits: dict[str, FieldLimit]) -> GoogleAdsFields:
    cta = list(template(parts.lang)["cta"])
    head_limit, desc_limit = limits["headlines"], limits["descriptions"]
    # Spec values go in whole (the converted value alone when the pair is too long) or not at all.
    values = [s.value if _fits(s.value, head_limit) else s.value.split(" (")[0] for s in parts.specs]
    candidates = [
        _fit(_name(parts), head_limit),
        *parts.materials,
        *values,
        *parts.claims,
        *parts.certifications,
        *cta,
    ]
    headlines = _distinct(
        (c for c in candidates if _fits(c, head_limit)), head_limit.items.max if head_limit.items else 15
    )
    facts_line = fit_pieces(_fact_lines(parts), _target(desc_limit), desc_limit.unit, " ")
    descriptions = _distinct(
        (d for d in [facts_line, _paragraph(parts, desc_limit), *cta] if _fits(d, desc_limit)),
        desc_limit.items.max if desc_limit.items else 4,
    )
    words = [m for m in parts.materials if len(m.split()) == 1]
    return GoogleAdsFields(
        headlines=headlines,
        descriptions=descriptions,
        path1=_path(parts.head or parts.product_word, limits["path1"]),
        path2=_path(words[0] if words else parts.product_word, limits["path2"]),
    )


def _distinct(texts: Iterable[str], most: int) -> list[str]:
    chosen: list[str] = []
    keys: set[str] = set()
    for text in texts:
        key = " ".join(text.casefold().split())
        if text and key not in keys:
            chosen.append(text)
            keys.add(key)
    return chosen[:most]


def _tiktok_ads(parts: ListingParts, limits: dict[str, FieldLimit]) -> TikTokAdsFields:
    limit = limits["ad_text"]
    cta = template(parts.lang)["cta"][0]
    pieces = [_name(parts), _joined(parts.materials, parts.lang), *(s.value for s in parts.specs[:1]), cta]
    return TikTokAdsFields(ad_text=_fit(fit_pieces(pieces, _target(limit), limit.unit, " · "), limit))


_BUILDERS: dict[str, Callable[[ListingParts, dict[str, FieldLimit]], PlatformFields]] = {
    "amazon": _amazon,
    "shopify": _shopify,
    "tiktok_shop": _tiktok_shop,
    "meta_ads": _meta_ads,
    "google_ads": _google_ads,
    "tiktok_ads": _tiktok_ads,
}


def fallback_listing(
    platform: str, market: str, facts: ProductFacts, glossary: Glossary | None = None
) -> FallbackListing:
    """A listing built from facts alone, in the market's language, within every hard limit (and the
    recommended ones), stating only facts: numbers and units as the facts give them (converted for the
    market's measurement system with the original in parentheses), materials, claims and certifications
    through the lexicon's term in that language, the brand and model codes verbatim, and template wording.

    Free text (name, description, features, spec labels and text values, keywords, category) goes in only
    when it is in the market's language, which for Chinese or English product data means English text in an
    English listing. Text that cannot be carried over this way, such as Chinese feature sentences in any
    listing, is dropped and listed in `dropped` so a person or the model can translate it."""
    fields_model_for(platform)
    glossary = glossary if glossary is not None else glossary_from_facts(facts)
    parts = listing_parts(facts, market, glossary)
    fields = _BUILDERS[platform.strip().lower()](parts, platform_limits(platform))
    return FallbackListing(
        platform=platform, market=market.upper(), language=parts.lang, fields=fields, dropped=parts.dropped
    )


def fallback_fields(
    platform: str, market: str, facts: ProductFacts, glossary: Glossary | None = None
) -> PlatformFields:
    """The fields of `fallback_listing` (see there for what is kept and what is dropped)."""
    return fallback_listing(platform, market, facts, glossary).fields
