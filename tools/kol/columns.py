"""Map the headers of real creator lists onto the generic schema, and read platform names."""

import re
from functools import cache

from pydantic import BaseModel

from tools.kol.models import PLATFORMS, Creator, Platform
from tools.kol.reference import load_data

# The generic schema: the Creator fields a list can give, a profile link, and the rate card as price and
# currency; creator_id, source and is_shared belong to the directory, not to a list.
FIELDS = (
    *(name for name in Creator.model_fields if name not in {"creator_id", "rate_card", "source", "is_shared"}),
    "url",
    "price",
    "currency",
)


class ColumnMapping(BaseModel):
    """Which column index feeds which schema field, and the headers nothing reads."""

    fields: dict[str, int]
    headers: dict[str, str]
    ignored: list[str]


def header_key(header: str) -> str:
    """Header without case, spaces, punctuation or underscores: 'Followers count' → 'followerscount'."""
    return "".join(ch for ch in header.lower() if ch.isalnum())


@cache
def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for field, names in load_data("columns")["fields"].items():
        for name in [field, *names]:
            table.setdefault(header_key(str(name)), str(field))
    return table


def map_columns(headers: list[str]) -> ColumnMapping:
    """The schema field of each header; the first header wins when two name the same field."""
    fields: dict[str, int] = {}
    named: dict[str, str] = {}
    ignored = []
    for position, header in enumerate(headers):
        field = _aliases().get(header_key(header))
        if field is None or field in fields:
            if header.strip():
                ignored.append(header)
            continue
        fields[field] = position
        named[header] = field
    return ColumnMapping(fields=fields, headers=named, ignored=ignored)


@cache
def _platform_names() -> dict[str, Platform]:
    table: dict[str, Platform] = {}
    for platform, names in load_data("columns")["platforms"].items():
        if platform in PLATFORMS:
            for name in names:
                table[header_key(str(name))] = platform
    return table


def parse_platform(value: str) -> Platform:
    """Platform from a name such as 'IG', 'TikTok' or 'YouTube'; ValueError otherwise."""
    platform = _platform_names().get(header_key(value))
    if platform is None:
        raise ValueError(f"unknown platform {value.strip()!r}; expected one of {', '.join(PLATFORMS)}")
    return platform


_PROFILE_URL = re.compile(
    r"(?:https?://)?(?:www\.|m\.)?(instagram\.com|tiktok\.com|youtube\.com|youtu\.be)/(?:@|c/|channel/|user/)?"
    r"([\w.\-]+)",
    re.IGNORECASE,
)


def parse_profile_url(url: str) -> tuple[Platform, str] | None:
    """(platform, handle) from a profile link, None when it is not one."""
    match = _PROFILE_URL.search(url.strip())
    if not match:
        return None
    return parse_platform(match.group(1)), match.group(2)
