"""Language-aware text folding with an offset map back to the original characters.

Matching runs on folded text: NFKC (full-width to half-width), case folding, Latin accents and
Arabic diacritics removed, Arabic letter variants unified, dashes and whitespace runs turned into
one space, invisible format characters dropped. Every folded character remembers which original
characters it came from, so a match maps back to an exact slice of the text the seller wrote.
"""

import re
import unicodedata
from functools import cache
from typing import NamedTuple

SEPARATOR = " "
_DASHES = frozenset("-‐‑‒–—―−﹣－_")
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ة": "ه",
        "ک": "ك",
        "ـ": None,
        "٠": "0",
        "١": "1",
        "٢": "2",
        "٣": "3",
        "٤": "4",
        "٥": "5",
        "٦": "6",
        "٧": "7",
        "٨": "8",
        "٩": "9",
        "۰": "0",
        "۱": "1",
        "۲": "2",
        "۳": "3",
        "۴": "4",
        "۵": "5",
        "۶": "6",
        "۷": "7",
        "۸": "8",
        "۹": "9",
        "٪": "%",
        "،": ",",
        "؛": ";",
        "؟": "?",
        "‘": "'",
        "’": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
    }
)
_KANA_VOICING = frozenset("\u3099\u309a")


class FoldedText(NamedTuple):
    """Folded text plus, per folded character, the original [start, end) it came from."""

    text: str
    starts: list[int]
    ends: list[int]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) covered by folded [start, end) (end > start)."""
        return self.starts[start], self.ends[end - 1]


def _drops_mark(ch: str) -> bool:
    """Marks we fold away: Latin accents, Arabic harakat and Quranic marks, variation selectors."""
    cp = ord(ch)
    return (
        0x0300 <= cp <= 0x036F
        or 0x064B <= cp <= 0x065F
        or cp == 0x0670
        or 0x06D6 <= cp <= 0x06ED
        or 0xFE00 <= cp <= 0xFE0F
        or 0xE0100 <= cp <= 0xE01EF
    )


def _is_latin_letter(ch: str) -> bool:
    cp = ord(ch)
    return 0x00C0 <= cp <= 0x024F or 0x1E00 <= cp <= 0x1EFF


@cache
def fold_char(ch: str) -> str:
    """The folded form of one character: '' to drop it, SEPARATOR for spaces and dashes."""
    if ch in _DASHES or ch.isspace():
        return SEPARATOR
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf", "Cs", "Co", "Cn") and ch not in _KANA_VOICING:
        return ""
    out = []
    for part in unicodedata.normalize("NFKC", ch):
        if part in _DASHES or part.isspace():
            out.append(SEPARATOR)
        elif _drops_mark(part):
            continue
        elif _is_latin_letter(part):
            out.extend(c for c in unicodedata.normalize("NFD", part) if not _drops_mark(c))
        else:
            out.append(part)
    return "".join(out).casefold().translate(_ARABIC_FOLD)


class _FoldTable(dict[int, str]):
    """A `str.translate` table filled on first use: code point -> folded piece."""

    def __missing__(self, code: int) -> str:
        piece = self[code] = fold_char(chr(code))
        return piece


class _IrregularTable(dict[int, str | None]):
    """Keeps only characters that do not fold to exactly one ordinary character."""

    def __missing__(self, code: int) -> str | None:
        piece = fold_char(chr(code))
        regular = len(piece) == 1 and piece not in _KANA_VOICING
        self[code] = None if regular else "!"
        return self[code]


@cache
def _tables() -> tuple[_FoldTable, _IrregularTable]:
    return _FoldTable(), _IrregularTable()


_SEPARATOR_RUN = re.compile(f"{SEPARATOR}{{2,}}")
_MINUS = re.compile(f"[{re.escape(''.join(sorted(_DASHES)))}](?=\\d)")


def fold(text: str) -> FoldedText:
    """Fold `text` for matching and keep the offset map back to it."""
    folded, irregular = _tables()
    if text.translate(irregular):
        return _fold_slowly(text)
    # Fast path: every character folds to exactly one, so only separator runs move offsets.
    mapped = text.translate(folded)
    for minus in _MINUS.finditer(text):
        mapped = mapped[: minus.start()] + "-" + mapped[minus.end() :]
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for run in _SEPARATOR_RUN.finditer(mapped):
        kept = run.start() + 1  # the run's first separator stays and stands for the whole run
        pieces.append(mapped[position:kept])
        starts.extend(range(position, kept))
        ends.extend(range(position + 1, kept))
        ends.append(run.end())
        position = run.end()
    pieces.append(mapped[position:])
    starts.extend(range(position, len(text)))
    ends.extend(range(position + 1, len(text) + 1))
    return FoldedText("".join(pieces), starts, ends)


def _fold_slowly(text: str) -> FoldedText:
    """Character by character: drops, expansions, kana voicing and separator runs."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, ch in enumerate(text):
        piece = fold_char(ch)
        if piece == SEPARATOR and ch in _DASHES and text[index + 1 : index + 2].isdecimal():
            piece = "-"  # a minus before a number ("-30%") is kept; other dashes join words
        if not piece:
            if ends:  # a dropped mark belongs to the character before it
                ends[-1] = index + 1
            continue
        if piece == SEPARATOR and out and out[-1] == SEPARATOR:
            ends[-1] = index + 1
            continue
        if piece[0] in _KANA_VOICING and out:
            composed = unicodedata.normalize("NFC", out[-1] + piece[0])
            if len(composed) == 1:
                out[-1] = composed
                ends[-1] = index + 1
                piece = piece[1:]
        for part in piece:
            out.append(part)
            starts.append(index)
            ends.append(index + 1)
    return FoldedText("".join(out), starts, ends)


def fold_term(term: str) -> str:
    """A lexicon term folded exactly as text is, trimmed of outer separators."""
    return fold(term).text.strip(SEPARATOR)


def fold_pattern(pattern: str) -> str:
    """Fold the non-ASCII literals of a regex so it matches folded text; ASCII syntax is kept."""
    return "".join(ch if ord(ch) < 128 else fold_char(ch) for ch in pattern)


@cache
def is_latin_word_char(ch: str) -> bool:
    """Letters and digits of space-separated scripts, where a term needs word boundaries."""
    cp = ord(ch)
    return ch.isalnum() and (cp < 0x0530 or 0x1E00 <= cp <= 0x1EFF)
