"""Glossary terms and blanking them out of text before other checks read it."""

import re

from pydantic import BaseModel, Field

_LATIN = "A-Za-z0-9\u00c0-\u024f"


class GlossaryTerm(BaseModel):
    """A term copy keeps as written. `required` terms must appear in the copy (the brand usually);
    `variants` are translations or transliterations that must not replace it ("小米" for "Xiaomi")."""

    term: str = Field(min_length=1)
    required: bool = False
    variants: list[str] = []


class Glossary(BaseModel):
    terms: list[GlossaryTerm] = []

    def words(self) -> list[str]:
        """The terms, longest first."""
        return sorted({t.term for t in self.terms}, key=len, reverse=True)


def loose_pattern(term: str) -> re.Pattern[str]:
    """The term in any case and with spaces or hyphens added or dropped between its characters."""
    chars = [re.escape(ch) for ch in term if not ch.isspace() and ch != "-"]
    body = r"[\s\-]?".join(chars)
    guard_start = f"(?<![{_LATIN}])" if re.match(f"[{_LATIN}]", term[0]) else ""
    guard_end = f"(?![{_LATIN}])" if re.match(f"[{_LATIN}]", term[-1]) else ""
    return re.compile(f"{guard_start}{body}{guard_end}", re.IGNORECASE)


def mask_glossary(text: str, glossary: Glossary | None) -> str:
    """`text` with glossary terms (in any case or spacing) and their variants blanked, offsets unchanged."""
    if glossary is None:
        return text
    for term in glossary.terms:
        for pattern in [loose_pattern(term.term), *(loose_pattern(v) for v in term.variants if v.strip())]:
            text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text
