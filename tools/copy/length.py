"""Length of copy as platforms count it (characters, UTF-8 bytes or display width) and cutting to fit."""

import re
import unicodedata
from collections.abc import Iterable
from typing import Literal

LengthUnit = Literal["chars", "bytes", "width"]

# Characters that continue the grapheme before them: combining marks, joiners, variation selectors,
# emoji skin tones, and the Thai/Lao SARA AM (a spacing mark in UAX #29).
_EXTENDING = re.compile(r"[\u0300-\u036f\u200c\u200d\ufe00-\ufe0f\u0e33\u0eb3]|[\U0001f3fb-\U0001f3ff]")
# Runs that must not be cut: numbers with their separators and Latin words.
_ATOM = re.compile(r"\s+|[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff][0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff.,/'%°\-]*")
_TRAILING = " \t\n-–—,:;/(·|、，:"


def char_width(ch: str) -> int:
    """2 for wide and full-width characters (CJK, Hangul, full-width forms), 1 otherwise."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_length(text: str, unit: LengthUnit) -> int:
    """Length of `text` as a platform counts it: code points, UTF-8 bytes, or width with double-width as 2."""
    text = unicodedata.normalize("NFC", text)
    if unit == "chars":
        return len(text)
    if unit == "bytes":
        return len(text.encode("utf-8"))
    return sum(char_width(ch) for ch in text)


def graphemes(text: str) -> list[str]:
    """User-perceived characters: a base character with the marks and joiners that extend it."""
    clusters: list[str] = []
    joined = False
    for ch in text:
        extends = bool(_EXTENDING.match(ch)) or unicodedata.category(ch) in ("Mn", "Mc", "Me")
        if clusters and (extends or joined):
            clusters[-1] += ch
        else:
            clusters.append(ch)
        joined = ch == "\u200d"
    return clusters


def _atoms(text: str) -> list[str]:
    """Pieces that truncation keeps whole: whitespace runs, Latin words and numbers, single graphemes."""
    atoms: list[str] = []
    pos = 0
    for match in _ATOM.finditer(text):
        atoms.extend(graphemes(text[pos : match.start()]))
        atoms.append(match.group())
        pos = match.end()
    atoms.extend(graphemes(text[pos:]))
    return atoms


def truncate_to(text: str, limit: int, unit: LengthUnit) -> str:
    """`text` cut to at most `limit` at a word or grapheme boundary, never inside a number or Latin word."""
    text = unicodedata.normalize("NFC", text).strip()
    if display_length(text, unit) <= limit:
        return text
    kept: list[str] = []
    used = 0
    for atom in _atoms(text):
        size = display_length(atom, unit)
        if used + size > limit:
            break
        kept.append(atom)
        used += size
    result = "".join(kept).rstrip(_TRAILING)
    if result.count("(") > result.count(")"):
        result = result[: result.rfind("(")].rstrip(_TRAILING)
    return result


def fit_pieces(pieces: Iterable[str], limit: int, unit: LengthUnit, separator: str) -> str:
    """Pieces joined by `separator` in order, leaving out any piece that would push the total over `limit`."""
    chosen: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece or piece in chosen:
            continue
        if display_length(separator.join([*chosen, piece]), unit) <= limit:
            chosen.append(piece)
    return separator.join(chosen)
