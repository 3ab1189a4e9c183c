"""A copy request from a chat turn: the text itself as the product's description, markets × platforms named."""

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from pydantic import BaseModel

from agents.copywriter.state import MAX_TARGETS, CopyProduct, CopyRequest, CopyTarget, CopywriterInput
from tools.errors import BadInput

if TYPE_CHECKING:
    from agents.registry import TurnInput

DEFAULT_PLATFORM = "amazon"
NAME_CHARS = 60
_QUOTED = re.compile(r"[\"“「『]([^\"”」』]{2,60})[\"”」』]")


class PlatformWords(BaseModel):
    platform: str
    words: list[str]


@cache
def platform_words() -> list[PlatformWords]:
    raw = yaml.safe_load((Path(__file__).parent / "platform_words.yaml").read_text(encoding="utf-8"))
    return [PlatformWords.model_validate(entry) for entry in raw]


def platforms_in(text: str) -> list[str]:
    """Platforms the text names, in the data file's order; a word inside a longer matched one is not counted."""
    lowered = f" {text.lower()} "
    found: list[str] = []
    for entry in platform_words():
        for word in entry.words:
            if word in lowered:
                found.append(entry.platform)
                lowered = lowered.replace(word, " ")
    return list(dict.fromkeys(found)) or [DEFAULT_PLATFORM]


def product_from_text(text: str) -> CopyProduct:
    """The user's words as the description; the name is a quoted phrase, else the text's start."""
    quoted = _QUOTED.search(text)
    name = quoted.group(1) if quoted else " ".join(text.split())[:NAME_CHARS]
    return CopyProduct(name=name.strip() or "product", description=text.strip(), category="general")


def copy_input(turn: "TurnInput") -> CopywriterInput:
    """The copywriter's input for one chat turn: every market of the slots × every platform the text names."""
    if not turn.slots.markets:
        raise BadInput("copy needs at least one market (e.g. US, DE, JP)")
    targets = [CopyTarget(market=m, platform=p) for m in turn.slots.markets for p in platforms_in(turn.text)]
    request = CopyRequest(product=product_from_text(turn.text), targets=targets[:MAX_TARGETS])
    return CopywriterInput(request=request, tenant=turn.tenant, language=turn.language, from_turn=True)
