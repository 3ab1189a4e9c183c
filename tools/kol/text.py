"""Text helpers shared by search and scoring: tokens, niche resolution, instruction stripping."""

import re
from functools import cache, lru_cache

from tools.kol.models import Creator
from tools.kol.reference import load_data

_WORD = re.compile(r"\w+", re.UNICODE)
_END_PUNCT = ".!?。！？ "


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens; single Latin letters and bare numbers are dropped."""
    tokens = _WORD.findall(text.lower())
    return [t for t in tokens if not (len(t) == 1 and t.isascii()) and not t.isdigit()]


def _is_latin_word(term: str) -> bool:
    return " " not in term and all(ord(ch) < 0x250 for ch in term)


@cache
def _niche_terms() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """Per niche: terms matched as whole tokens, and terms matched as substrings."""
    table = {}
    for niche, entry in load_data("niches").items():
        terms = [str(t).lower() for t in entry["terms"]]
        words = frozenset(t for t in terms if _is_latin_word(t))
        phrases = tuple(t for t in terms if not _is_latin_word(t))
        table[niche] = (words, phrases)
    return table


@lru_cache(maxsize=8192)
def resolve_niche(text: str | None) -> str | None:
    """The niche a label or product category names; ties go to the earliest mention."""
    if not text:
        return None
    lowered = text.lower()
    tokens = tokenize(lowered)
    best: tuple[int, int, str] | None = None
    for niche, (words, phrases) in _niche_terms().items():
        positions = [lowered.find(t) for t in tokens if t in words]
        positions += [lowered.find(p) for p in phrases if p in lowered]
        if positions:
            key = (-len(positions), min(positions), niche)
            best = key if best is None or key < best else best
    return best[2] if best else None


@cache
def _injection_patterns() -> tuple[list[re.Pattern[str]], re.Pattern[str], re.Pattern[str]]:
    data = load_data("injection")
    patterns = [re.compile(p, re.IGNORECASE) for p in data["patterns"]]
    combined = re.compile("|".join(f"(?:{p})" for p in data["patterns"]), re.IGNORECASE)
    return patterns, combined, re.compile(data["sentence_split"])


def strip_instructions(text: str) -> tuple[str, int]:
    """Text without instruction-like sentences (normalized), and how many were removed."""
    patterns, combined, splitter = _injection_patterns()
    pieces = [piece.strip().rstrip(_END_PUNCT) for piece in splitter.split(text)]
    pieces = [piece for piece in pieces if piece]
    if not combined.search(text):
        return " ".join(pieces), 0
    kept = [piece for piece in pieces if not any(p.search(piece) for p in patterns)]
    return " ".join(kept), len(pieces) - len(kept)


def profile_parts(bio: str | None, topics: list[str] | None, niche: str | None, categories: list[str] | None) -> str:
    """The raw profile text: bio, recent topics, niche and categories joined by ' | '."""
    parts = [bio or "", *(topics or []), niche or "", *(categories or [])]
    return " | ".join(part for part in parts if part)


def profile_text(creator: Creator) -> str:
    """The text a creator is searched by: profile parts with instruction-like sentences removed."""
    raw = profile_parts(creator.bio, creator.recent_topics, creator.niche, creator.categories)
    return strip_instructions(raw)[0]


def creator_niche(creator: Creator) -> str | None:
    """The niche of a creator from its niche label, else from its categories."""
    return resolve_niche(creator.niche) or resolve_niche(" ".join(creator.categories or []))


def base_language(code: str) -> str:
    """The primary subtag of a BCP 47 code: 'pt-BR' → 'pt'."""
    return code.strip().lower().replace("_", "-").split("-")[0]
