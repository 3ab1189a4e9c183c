"""The export formats we read (formats.yaml) and resolving a file's header against them."""

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel

from tools.analytics.importers.reading import normalise_name

WILDCARD = "(*)"


class FormatSpec(BaseModel):
    source: str
    label: str
    required: list[str]
    numeric: list[str] = []
    dates: list[str] = []
    columns: dict[str, list[str]]


@cache
def format_specs() -> dict[str, FormatSpec]:
    """Every known export format by source name."""
    text = resources.files("tools.analytics.importers").joinpath("formats.yaml").read_text("utf-8")
    return {name: FormatSpec(source=name, **body) for name, body in yaml.safe_load(text).items()}


@cache
def _normalised(alias: str) -> str:
    return normalise_name(alias)


def _match(alias: str, name: str) -> tuple[bool, str | None]:
    alias = _normalised(alias)
    if alias.endswith(WILDCARD):
        prefix = alias[: -len(WILDCARD)].strip() + " ("
        if name.startswith(prefix) and name.endswith(")"):
            return True, name[len(prefix) : -1].strip().upper()
        return False, None
    return alias == name, None


@dataclass
class Columns:
    """Where each field of a format sits in one file's header."""

    index: dict[str, int]
    bracketed: dict[str, str]  # field -> text of a "(*)" match, e.g. spend -> 'USD'

    def has(self, field: str) -> bool:
        """Whether the file has this field's column."""
        return field in self.index

    def get(self, cells: list[str], field: str) -> str | None:
        """The raw cell of a field in a record, None if the file lacks the column."""
        position = self.index.get(field)
        if position is None or position >= len(cells):
            return None
        return cells[position]


def resolve(spec: FormatSpec, header: list[str]) -> Columns:
    """Map the format's fields onto a normalised header (the first alias found wins)."""
    columns = Columns(index={}, bracketed={})
    for field, aliases in spec.columns.items():
        for alias in aliases:
            for position, name in enumerate(header):
                ok, captured = _match(alias, name)
                if ok:
                    columns.index[field] = position
                    if captured:
                        columns.bracketed[field] = captured
                    break
            if field in columns.index:
                break
    return columns


def missing_required(spec: FormatSpec, header: list[str]) -> list[str]:
    """Required fields of the format that the header lacks, by their first alias."""
    columns = resolve(spec, header)
    return [spec.columns[f][0] for f in spec.required if not columns.has(f)]


def best_format(header: list[str]) -> FormatSpec | None:
    """The format whose required columns the header has, preferring the one matching most columns."""
    best: tuple[int, FormatSpec] | None = None
    for spec in format_specs().values():
        if missing_required(spec, header):
            continue
        score = len(resolve(spec, header).index)
        if best is None or score > best[0]:
            best = (score, spec)
    return best[1] if best else None
