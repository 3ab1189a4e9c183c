"""The copywriter's tunables (drafting.yaml): draft sizes per field, token budget, notes shown."""

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel

Script = str


class FieldSize(BaseModel):
    chars: int
    items: tuple[int, int] | None = None


class NotesConfig(BaseModel):
    k: int
    chars: int


class DraftingConfig(BaseModel):
    sizes: dict[str, dict[str, FieldSize]]
    chars_per_token: dict[Script, float]
    scripts: dict[str, Script]
    bytes_per_char: dict[Script, int]
    width_per_char: dict[Script, int]
    tokens_per_field: int
    max_tokens_ceiling: int
    notes: NotesConfig

    def script(self, language: str) -> Script:
        """The writing system of a copy language tag ('ja' → cjk, 'pt-BR' → latin)."""
        return self.scripts.get(language.split("-")[0].lower(), "latin")


@cache
def drafting_config() -> DraftingConfig:
    """drafting.yaml, read once."""
    raw = yaml.safe_load((Path(__file__).parent / "drafting.yaml").read_text(encoding="utf-8"))
    return DraftingConfig.model_validate(raw)


class CategoryWords(BaseModel):
    category: str
    words: list[str]


@cache
def category_words() -> list[CategoryWords]:
    raw = yaml.safe_load((Path(__file__).parent / "categories.yaml").read_text(encoding="utf-8"))
    return [CategoryWords.model_validate(entry) for entry in raw]


def compliance_category(category: str, name: str = "") -> str:
    """The compliance check's category for a product's own category words (its name as a second hint)."""
    for text in (category.lower(), name.lower()):
        for entry in category_words():
            if any(word in text for word in entry.words):
                return entry.category
    return "any"
