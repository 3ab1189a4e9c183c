"""UTM parameters and ad click ids from Shopify note attributes and landing-page URLs."""

import re
from typing import NamedTuple
from urllib.parse import parse_qs, urlsplit

CLICK_IDS = {
    "gclid": "google",
    "fbclid": "facebook",
    "ttclid": "tiktok",
    "wbraid": "google",
    "gbraid": "google",
}
UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign")
_ATTRIBUTE = re.compile(r"^\s*([A-Za-z_][\w .-]*?)\s*[:=]\s*(.*?)\s*$")
_URL = re.compile(r"https?://\S+|/\S*\?\S+")


class Attribution(NamedTuple):
    utm_source: str | None
    utm_medium: str | None
    utm_campaign: str | None
    click_id: str | None


def _from_query(url: str, found: dict[str, str]) -> None:
    query = parse_qs(urlsplit(url.strip()).query)
    for key, values in query.items():
        name = key.lower()
        if values and values[0] and name not in found and (name in UTM_FIELDS or name in CLICK_IDS):
            found[name] = values[0]


def attribution(*texts: str | None) -> Attribution:
    """UTMs and the first click id found in note attributes ('utm_source: facebook') and URLs."""
    found: dict[str, str] = {}
    for text in texts:
        if not text:
            continue
        for line in text.splitlines():
            match = _ATTRIBUTE.match(line)
            if match and match.group(2):
                name = match.group(1).strip().lower()
                if (name in UTM_FIELDS or name in CLICK_IDS) and name not in found:
                    found[name] = match.group(2)
            for url in _URL.findall(line):
                _from_query(url, found)
    click = next(((name, found[name]) for name in CLICK_IDS if name in found), None)
    source = found.get("utm_source") or (CLICK_IDS[click[0]] if click else None)
    return Attribution(
        source, found.get("utm_medium"), found.get("utm_campaign"), click[1] if click else None
    )
