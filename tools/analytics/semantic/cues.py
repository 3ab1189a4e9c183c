"""Words that ask for a breakdown ("by market", "各", "per store"), a rate ("share", "平均"), pieces ("多少件"),
or what was sold ("how much did we sell").

A dimension word alone names the whole ("the shop's revenue" is one number); it splits the answer
only when the question asks for a split. "per", "each" and "every" ask for one before a dimension
word ("per store", "each ad platform") and for a rate before anything else ("each click").
"""

import re
from functools import cache
from typing import Literal

from tools.analytics.semantic.phrase_match import question_words
from tools.analytics.semantic.vocabulary import load_vocabulary

CueKind = Literal["breakdown_cues", "ratio_cues", "piece_cues", "sold_cues", "sold_amount_cues", "sold_count_cues"]


def _dimension_words() -> list[str]:
    """English phrases that name only dimensions ("store", "ad platform", "platform")."""
    return [p.text for p in load_vocabulary().phrases
            if p.text.isascii() and all(target.kind == "dimension" for target in p.targets)]


@cache
def cue_pattern(kind: CueKind) -> re.Pattern[str]:
    """One pattern for the cues of `kind` in phrases.yaml: English as whole words, Chinese anywhere."""
    cues = question_words()[kind]
    english = [re.escape(cue) for cue in cues["en"]]
    if kind == "breakdown_cues":
        names = "|".join(re.escape(word) for word in sorted(_dimension_words(), key=len, reverse=True))
        english.append(rf"(?:per|each|every|for each|for every)\s+(?:{names})")
    whole_words = [rf"\b{cue}\b" for cue in english]
    chinese = [re.escape(cue) for cue in cues["zh"]]
    return re.compile("|".join(sorted(whole_words + chinese, key=len, reverse=True)), re.IGNORECASE)


def has_cue(text: str, kind: CueKind) -> bool:
    return cue_pattern(kind).search(text) is not None


def asks_for_breakdown(text: str) -> bool:
    """True when the question asks for a split: "by", "which", "per store", "各", "按", "哪"."""
    return has_cue(text, "breakdown_cues")


def sold_metric(text: str) -> tuple[str, re.Match[str]] | None:
    """revenue for "How much did we sell?", units for "how many did we sell?" / "卖出去多少个", with the
    sell word found; None otherwise."""
    sold = cue_pattern("sold_cues").search(text)
    if sold is None:
        return None
    if has_cue(text, "sold_count_cues"):
        return "units", sold
    return ("revenue", sold) if has_cue(text, "sold_amount_cues") else None


def asks_for_rate(text: str) -> bool:
    """True when the question asks for a rate or an average ("share", "each click", "平均"), breakdown words
    ("per market", "每个市场") aside."""
    return has_cue(cue_pattern("breakdown_cues").sub(" ", text), "ratio_cues")
