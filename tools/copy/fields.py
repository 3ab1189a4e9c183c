"""Copy fields per platform, as in the `fields` object of a copy result."""

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, ValidationError

from tools.copy.textnorm import html_to_text
from tools.errors import BadInput

Platform = Literal["amazon", "shopify", "tiktok_shop", "meta_ads", "google_ads", "tiktok_ads"]
PLATFORMS: tuple[str, ...] = get_args(Platform)


class _Fields(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AmazonFields(_Fields):
    title: str
    bullets: list[str]
    description: str
    search_terms: str


class ShopifyFields(_Fields):
    title: str
    description_html: str
    seo_title: str
    seo_description: str


class TikTokShopFields(_Fields):
    title: str
    description: str


class MetaAdsFields(_Fields):
    primary_text: str
    headline: str
    description: str


class GoogleAdsFields(_Fields):
    headlines: list[str]
    descriptions: list[str]
    path1: str = ""
    path2: str = ""


class TikTokAdsFields(_Fields):
    ad_text: str


PlatformFields = (
    AmazonFields | ShopifyFields | TikTokShopFields | MetaAdsFields | GoogleAdsFields | TikTokAdsFields
)

_MODELS: dict[str, type[PlatformFields]] = {
    "amazon": AmazonFields,
    "shopify": ShopifyFields,
    "tiktok_shop": TikTokShopFields,
    "meta_ads": MetaAdsFields,
    "google_ads": GoogleAdsFields,
    "tiktok_ads": TikTokAdsFields,
}
# Fields whose value is HTML; checks read their visible text.
HTML_FIELDS = frozenset({"description_html"})


class FieldText(BaseModel):
    """One text of a copy result: `field` is the name, with an index for list entries ("bullets[2]")."""

    field: str
    text: str


def fields_model_for(platform: str) -> type[PlatformFields]:
    """The pydantic model of a platform's copy fields; BadInput names the platforms otherwise."""
    model = _MODELS.get(platform.strip().lower())
    if model is None:
        raise BadInput(f"unknown platform {platform!r}; known platforms: {', '.join(PLATFORMS)}")
    return model


def coerce_fields(platform: str, fields: BaseModel | dict[str, Any]) -> PlatformFields:
    """`fields` validated as the platform's model; BadInput with the validation errors otherwise."""
    model = fields_model_for(platform)
    if isinstance(fields, model):
        return fields
    raw = fields.model_dump() if isinstance(fields, BaseModel) else fields
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise BadInput(f"invalid {platform} fields: {problems}") from exc


def field_texts(fields: PlatformFields) -> list[FieldText]:
    """Every text of `fields` in declaration order, list entries indexed, HTML reduced to its visible text."""
    texts: list[FieldText] = []
    for name, value in fields.model_dump().items():
        if isinstance(value, list):
            texts.extend(FieldText(field=f"{name}[{i}]", text=str(item)) for i, item in enumerate(value))
        else:
            texts.append(
                FieldText(field=name, text=html_to_text(value) if name in HTML_FIELDS else str(value))
            )
    return texts
