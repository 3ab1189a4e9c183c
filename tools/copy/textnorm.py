"""Text normalisation for matching, keeping a map back to the caller's character offsets."""

import html
import re
import unicodedata

from pydantic import BaseModel

_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\u00a0]+")
# Arabic decimal and group signs, fraction slashes, typographic apostrophes and hyphens.
_REPLACEMENTS = {
    "\u066b": ".",
    "\u066c": ",",
    "\u2044": "/",
    "\u2215": "/",
    "\u2018": "'",
    "\u2019": "'",
    "\u2010": "-",
    "\u2011": "-",
}


class NormalizedText(BaseModel):
    """Text with full-width forms, local digits and fraction characters rewritten to ASCII, and for every
    character of `text` the [start, end) range it came from in the original."""

    text: str
    starts: list[int]
    ends: list[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the normalized range [start, end)."""
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def _clusters(text: str) -> list[tuple[int, int]]:
    """Offsets of base characters with the combining marks that follow them."""
    spans: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if spans and unicodedata.category(ch) in ("Mn", "Mc", "Me"):
            spans[-1] = (spans[-1][0], i + 1)
        else:
            spans.append((i, i + 1))
    return spans


def _normalize_cluster(cluster: str, previous: str) -> str:
    """The matching form of one character cluster."""
    ch = cluster[0]
    if len(cluster) == 1:
        if ch in _REPLACEMENTS:
            return _REPLACEMENTS[ch]
        if unicodedata.category(ch) == "Nd":
            return str(unicodedata.digit(ch))
        if unicodedata.category(ch) == "No" and "\u2044" in unicodedata.normalize("NFKC", ch):
            # A vulgar fraction: "1½" is one and a half, so join it to a preceding digit with a hyphen.
            fraction = unicodedata.normalize("NFKC", ch).replace("\u2044", "/")
            return ("-" if previous.isdigit() else "") + fraction
    return unicodedata.normalize("NFKC", cluster)


def normalize(text: str) -> NormalizedText:
    """The matching form of `text` with an offset map back to `text`."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in _clusters(text):
        piece = _normalize_cluster(text[start:end], out[-1][-1] if out and out[-1] else "")
        for char in piece:
            out.append(char)
            starts.append(start)
            ends.append(end)
    return NormalizedText(text="".join(out), starts=starts, ends=ends)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment, tags replaced by spaces and entities decoded."""
    return _SPACES.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def is_han(ch: str) -> bool:
    """True for CJK unified ideographs (Chinese characters, Japanese kanji)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def is_kana(ch: str) -> bool:
    """True for hiragana and katakana."""
    return "\u3040" <= ch <= "\u30ff" or "\u31f0" <= ch <= "\u31ff" or "\uff66" <= ch <= "\uff9f"


def is_latin_letter(ch: str) -> bool:
    """True for letters of the Latin script (ASCII and accented)."""
    return ch.isalpha() and (ch < "\u0250" or "\u1e00" <= ch <= "\u1eff")
