"""Generic reading of seller exports: encodings, separators, title lines before the header."""

import codecs
import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tools.errors import BadInput

DELIMITERS = (",", "\t", ";")
HEADER_SEARCH_LINES = 30
_SPACES = re.compile(r"\s+")

HeaderCheck = Callable[[list[str]], bool]


@dataclass
class Record:
    line: int  # 1-based physical line where the record starts
    cells: list[str]


@dataclass
class Table:
    header: list[str]  # normalised names, see normalise_name
    raw_header: list[str]
    preamble: list[str]  # lines before the header (report name, date range)
    delimiter: str
    total_lines: int
    records: list[Record] = field(default_factory=list)
    error: tuple[int, str] | None = None  # a record the CSV reader could not read; reading stopped there


def normalise_name(name: str) -> str:
    """A header cell compared case- and space-insensitively."""
    return _SPACES.sub(" ", name.replace("\ufeff", "").strip().strip('"').strip()).lower()


def decode(data: bytes) -> str:
    """Text of an export: UTF-8 (with or without BOM), UTF-16 (with or without BOM), GB18030, CP1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    head = data[:4000]
    if len(head) >= 4 and head.count(0) > len(head) // 4:
        # UTF-16 without a BOM: ASCII text has a zero in every other byte.
        return data.decode("utf-16-le" if head[1] == 0 else "utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_gbk(data[:8000]):
        try:
            return data.decode("gb18030")  # Excel on a Chinese Windows saves CSV in GBK
        except UnicodeDecodeError:
            pass
    return data.decode("cp1252", errors="replace")


def _looks_gbk(data: bytes) -> bool:
    """Common GBK characters are two bytes from 0xA1 up; accented cp1252 letters sit among ASCII."""
    pairs = others = 0
    index = 0
    while index < len(data):
        if data[index] >= 0x81:
            if index + 1 < len(data) and data[index] >= 0xA1 and data[index + 1] >= 0xA1:
                pairs += 1
                index += 2
                continue
            others += 1
        index += 1
    return pairs > 0 and pairs >= 4 * others


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def find_header(lines: list[str], is_header: HeaderCheck) -> tuple[int, str, list[str]] | None:
    """The index, separator and cells of the first line that `is_header` accepts."""
    for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        best: tuple[int, str, list[str]] | None = None
        for delimiter in DELIMITERS:
            if delimiter not in line:
                continue
            cells = _split(line.rstrip("\r\n"), delimiter)
            wider = best is None or len(cells) > len(best[2])
            if len(cells) >= 2 and wider and is_header([normalise_name(c) for c in cells]):
                best = (index, delimiter, cells)
        if best:
            return best
    return None


def read_table(data: bytes, is_header: HeaderCheck, what: str) -> Table:
    """Parse an export into header and records; BadInput when no line looks like the header."""
    text = decode(data)
    lines = io.StringIO(text, newline="").readlines()
    found = find_header(lines, is_header)
    if found is None:
        first = lines[0].strip()[:120] if lines else "(empty file)"
        raise BadInput(f"this does not look like {what}: no header line found (first line: {first!r})")
    index, delimiter, raw_header = found
    table = Table(
        header=[normalise_name(c) for c in raw_header],
        raw_header=[c.strip() for c in raw_header],
        preamble=[line.strip() for line in lines[:index]],
        delimiter=delimiter,
        total_lines=len(lines),
    )
    reader = csv.reader(
        io.StringIO("".join(lines[index + 1 :]), newline=""), delimiter=delimiter, strict=True
    )
    offset = index + 1  # physical lines before the first record
    consumed = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            table.error = (offset + consumed + 1, f"malformed CSV ({exc}); the file may be truncated")
            break
        start = offset + consumed + 1
        consumed = reader.line_num
        if any(cell.strip() for cell in cells):
            table.records.append(Record(line=start, cells=cells))
    return table
