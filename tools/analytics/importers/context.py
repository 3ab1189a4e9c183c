"""What a format parser sees of one file: its records, columns, number and date conventions."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tools.analytics.importers import values
from tools.analytics.importers.formats import Columns, FormatSpec, resolve
from tools.analytics.importers.models import ImportDefaults, Parsed, ProgressCallback
from tools.analytics.importers.reading import Record, Table
from tools.errors import BadInput
from tools.markets import all_markets

PROGRESS_EVERY = 2000
SNIFF_ROWS = 500


@dataclass
class Context:
    spec: FormatSpec
    table: Table
    columns: Columns
    defaults: ImportDefaults
    zone: tzinfo
    decimal_comma: bool
    day_first: bool
    progress: ProgressCallback | None = None
    parsed: Parsed = field(default_factory=Parsed)

    def cell(self, record: Record, name: str) -> str | None:
        """The raw cell of a field, None when the column is absent."""
        return self.columns.get(record.cells, name)

    def text(self, record: Record, name: str) -> str | None:
        """A trimmed text cell, None when blank."""
        return values.clean_text(self.cell(record, name))

    def money(self, record: Record, name: str) -> Decimal | None:
        """A money cell rounded to cents, None when blank."""
        return values.parse_money(self.cell(record, name), self.decimal_comma)

    def number(self, record: Record, name: str) -> Decimal | None:
        """A number cell, None when blank."""
        return values.parse_decimal(self.cell(record, name), self.decimal_comma)

    def count(self, record: Record, name: str) -> int:
        """A whole-number cell, 0 when blank."""
        return values.parse_count(self.cell(record, name), self.decimal_comma)

    def date(self, record: Record, name: str) -> date | None:
        """A date cell, None when blank."""
        raw = self.cell(record, name)
        return None if values.is_empty(raw) else values.parse_date(str(raw), self.day_first)

    def timestamp(self, record: Record, name: str) -> datetime | None:
        """An aware timestamp cell, None when blank."""
        raw = self.cell(record, name)
        return None if values.is_empty(raw) else values.parse_timestamp(str(raw), self.zone)

    def records(self) -> Iterator[Record]:
        """Records of the right width, reporting progress; the others are rejected."""
        width = len(self.table.header)
        total = self.table.total_lines
        for done, record in enumerate(self.table.records):
            if self.progress and done % PROGRESS_EVERY == 0:
                self.progress(record.line, total)
            extra = record.cells[width:]
            if len(record.cells) < width:
                self.parsed.reject(
                    record.line, f"row has {len(record.cells)} of {width} columns (truncated?)"
                )
            elif any(cell.strip() for cell in extra):
                self.parsed.reject(record.line, f"row has {len(record.cells)} columns, the header {width}")
            else:
                yield record
        if self.table.error:
            self.parsed.reject(*self.table.error)


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadInput(f"unknown time zone {name!r}; use an IANA name such as 'Asia/Shanghai'") from None


def _sample(table: Table, columns: Columns, fields: list[str]) -> list[str]:
    return [
        cell
        for record in table.records[:SNIFF_ROWS]
        for name in fields
        if (cell := columns.get(record.cells, name))
    ]


def build_context(
    spec: FormatSpec, table: Table, defaults: ImportDefaults, progress: ProgressCallback | None
) -> Context:
    """Resolve columns and sniff the number and date conventions of one file."""
    columns = resolve(spec, table.header)
    comma = defaults.decimal_comma
    if comma is None:
        comma = values.sniff_decimal_comma(_sample(table, columns, spec.numeric))
    day_first = defaults.day_first
    if day_first is None:
        day_first = values.sniff_day_first(_sample(table, columns, spec.dates))
    if defaults.market and defaults.market not in all_markets() and len(defaults.market) != 2:
        raise BadInput(f"default market {defaults.market!r} is not an ISO 3166-1 alpha-2 code")
    return Context(spec, table, columns, defaults, _zone(defaults.timezone), comma, day_first, progress)
