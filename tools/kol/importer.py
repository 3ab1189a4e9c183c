"""Import creators from a CSV file (generic schema or a real list's own headers) into the directory."""

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
from pydantic import ValidationError

from tools.errors import BadInput
from tools.kol.columns import FIELDS, ColumnMapping, map_columns, parse_platform, parse_profile_url
from tools.kol.models import Creator, ImportResult, Platform, RowProblem, creator_id_for
from tools.kol.parsing import (
    is_unknown,
    looks_like_percent_column,
    parse_count,
    parse_country,
    parse_languages,
    parse_list,
    parse_money,
    parse_number,
    parse_rate,
    parse_series,
    parse_share_map,
)
from tools.kol.store import upsert_creators

Progress = Callable[[int, int], None]
_NOT_DEFAULTABLE = {"handle", "name", "url", "bio", "contact"}
_PROGRESS_EVERY = 500


def _decode(raw: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BadInput(f"{path.name} is neither UTF-8 nor GB18030 text")


def read_table(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line number, cells) of each non-empty row of a CSV/TSV file."""
    if not path.is_file():
        raise BadInput(f"no file at {path}")
    text = _decode(path.read_bytes(), path)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        raise BadInput(f"{path.name} has no header row")
    rows, previous_end = [], reader.line_num
    for cells in reader:
        if any(cell.strip() for cell in cells):
            rows.append((previous_end + 1, cells))
        previous_end = reader.line_num
    return [h.strip() for h in header], rows


def _check_defaults(defaults: dict[str, Any]) -> dict[str, str]:
    """Defaults as cell text, each checked by the parser of its field."""
    cells = {}
    for field, value in defaults.items():
        if field not in FIELDS or field in _NOT_DEFAULTABLE:
            allowed = sorted(set(FIELDS) - _NOT_DEFAULTABLE)
            raise BadInput(f"defaults cannot set {field!r}; allowed: {', '.join(allowed)}")
        text = ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
        try:
            _FIELD_PARSERS.get(field, lambda v: v)(text)
        except ValueError as error:
            raise BadInput(f"default {field}={value!r}: {error}") from error
        cells[field] = text
    return cells


_FIELD_PARSERS: dict[str, Callable[[str], Any]] = {
    "platform": parse_platform,
    "country": parse_country,
    "languages": parse_languages,
    "followers": parse_count,
    "currency": lambda v: parse_money("1", v, None),
}


def _cells(mapping: ColumnMapping, cells: list[str], defaults: dict[str, str]) -> dict[str, str]:
    row = {field: cells[i].strip() if i < len(cells) else "" for field, i in mapping.fields.items()}
    for field, text in defaults.items():
        row.setdefault(field, text)  # defaults fill only the columns the file lacks
    return row


def _identity(row: dict[str, str]) -> tuple[Platform, str]:
    from_url = None if is_unknown(row.get("url")) else parse_profile_url(row.get("url", ""))
    handle = row.get("handle", "").strip().lstrip("@")
    if is_unknown(handle) and from_url:
        handle = from_url[1]
    if is_unknown(handle):
        raise ValueError("missing handle")
    if not is_unknown(row.get("platform")):
        return parse_platform(row["platform"]), handle
    if from_url:
        return from_url[0], handle
    raise ValueError("missing platform; add a platform column or pass defaults={'platform': ...}")


def _field(field: str, parse: Callable[[str | None], Any], row: dict[str, str]) -> Any:
    try:
        return parse(row.get(field))
    except ValueError as error:
        raise ValueError(f"{field}: {error}") from error


def _soft(field: str, parse: Callable[[str | None], Any], row: dict[str, str], warnings: list[str]) -> Any:
    """A value whose failure leaves the field unknown with a warning instead of rejecting the row."""
    try:
        return parse(row.get(field))
    except ValueError as error:
        warnings.append(f"{field} left unknown: {error}")
        return None


def row_to_creator(row: dict[str, str], percent_rate: bool) -> tuple[Creator, list[str]]:
    """A Creator from one row's cells by schema field, and warnings; ValueError rejects the row."""
    platform, handle = _identity(row)
    warnings: list[str] = []
    followers = _field("followers", parse_count, row)
    likes = _field("avg_likes", parse_number, row)
    comments = _field("avg_comments", parse_number, row)
    rate = _field("engagement_rate", lambda v: parse_rate(v, percent=percent_rate), row)
    if rate is None and likes is not None and followers:
        rate = (likes + (comments or 0.0)) / followers  # derived from the row's own numbers
    text = {f: None if is_unknown(row.get(f)) else row[f].strip() for f in ("name", "niche", "bio", "contact")}
    fields = {
        "creator_id": creator_id_for(platform, handle),
        "platform": platform,
        "handle": handle,
        **text,
        "country": _soft("country", parse_country, row, warnings),
        "languages": _soft("languages", parse_languages, row, warnings),
        "categories": _field("categories", parse_list, row),
        "recent_topics": _field("recent_topics", parse_list, row),
        "recent_captions": _field("recent_captions", parse_list, row),
        "followers": followers,
        "following": _field("following", parse_count, row),
        "avg_likes": likes,
        "avg_comments": comments,
        "avg_views": _field("avg_views", parse_number, row),
        "engagement_rate": rate,
        "follower_series": _field("follower_series", parse_series, row),
        "audience_countries": _soft(
            "audience_countries", lambda v: parse_share_map(v, keys_are_countries=True), row, warnings
        ),
        "audience_age": _field("audience_age", lambda v: parse_share_map(v, keys_are_countries=False), row),
        "audience_gender": _field("audience_gender", lambda v: parse_share_map(v, keys_are_countries=False), row),
        "rate_card": _soft("price", lambda v: parse_money(v, row.get("currency"), None), row, warnings),
        "brand_safety_flags": _field("brand_safety_flags", parse_list, row),
        "past_collaborations": _field("past_collaborations", parse_list, row),
        "source": "import",
    }
    try:
        return Creator.model_validate(fields), warnings
    except ValidationError as error:
        first = error.errors()[0]
        raise ValueError(f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from error


def import_creators(
    conn: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    defaults: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Parse a creator list, upsert the good rows by creator_id in one transaction, report the rest."""
    default_cells = _check_defaults(defaults or {})
    header, rows = read_table(Path(path))
    mapping = map_columns(header)
    if "handle" not in mapping.fields and "url" not in mapping.fields:
        raise BadInput(
            f"{Path(path).name} has no handle column; name one 'handle' (also read: username, "
            "account, channel, channel_info) or give profile links in 'url'"
        )
    rate_column = mapping.fields.get("engagement_rate")
    percent = rate_column is not None and looks_like_percent_column(
        [cells[rate_column] for _, cells in rows if rate_column < len(cells)]
    )
    creators: dict[str, tuple[int, Creator]] = {}
    rejected, warned = [], []
    for done, (line, cells) in enumerate(rows, start=1):
        try:
            creator, warnings = row_to_creator(_cells(mapping, cells, default_cells), percent)
        except ValueError as error:
            rejected.append(RowProblem(line=line, reason=str(error)))
        else:
            warned += [RowProblem(line=line, reason=w) for w in warnings]
            if creator.creator_id in creators:
                warned.append(
                    RowProblem(
                        line=line,
                        reason=f"same creator as line {creators[creator.creator_id][0]}; this later row is kept",
                    )
                )
            creators[creator.creator_id] = (line, creator)
        if progress is not None and (done % _PROGRESS_EVERY == 0 or done == len(rows)):
            progress(done, len(rows))
    conn.begin()
    try:
        imported = upsert_creators(conn, [c for _, c in creators.values()])
    except Exception:
        conn.rollback()
        raise
    conn.commit()
    return ImportResult(
        rows_imported=imported,
        rejected=rejected,
        warnings=warned,
        mapped_columns=mapping.headers,
        ignored_columns=mapping.ignored,
    )
