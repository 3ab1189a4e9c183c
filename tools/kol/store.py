"""The `creators` table in DuckDB: schema, upsert by creator_id, and reading creators back."""

import hashlib
from pathlib import Path
from typing import Any, NamedTuple

import duckdb
import pandas as pd

from tools.kol.models import Creator

CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS creators (
    creator_id VARCHAR PRIMARY KEY,
    platform VARCHAR NOT NULL,
    handle VARCHAR NOT NULL,
    name VARCHAR,
    country VARCHAR,
    languages VARCHAR[],
    niche VARCHAR,
    categories VARCHAR[],
    bio VARCHAR,
    recent_topics VARCHAR[],
    recent_captions VARCHAR[],
    followers BIGINT,
    following BIGINT,
    avg_likes DOUBLE,
    avg_comments DOUBLE,
    avg_views DOUBLE,
    engagement_rate DOUBLE,
    follower_series BIGINT[],
    audience_countries MAP(VARCHAR, DOUBLE),
    audience_age MAP(VARCHAR, DOUBLE),
    audience_gender MAP(VARCHAR, DOUBLE),
    contact VARCHAR,
    rate_card STRUCT(amount DOUBLE, currency VARCHAR),
    brand_safety_flags VARCHAR[],
    past_collaborations VARCHAR[],
    source VARCHAR NOT NULL,
    is_shared BOOLEAN NOT NULL DEFAULT FALSE,
    content_hash VARCHAR NOT NULL
)
"""
# Bumped by every upsert in the same transaction, so readers notice changes without scanning.
CREATE_VERSION = "CREATE TABLE IF NOT EXISTS creators_version (version BIGINT NOT NULL)"

_SEARCH_QUERY = """
SELECT creator_id, handle, platform, country, array_to_string(languages, ','), followers,
       rate_card.amount, rate_card.currency,
       concat_ws(' | ', bio, array_to_string(recent_topics, ' | '), niche, array_to_string(categories, ' | ')),
       {record}
FROM creators ORDER BY creator_id
"""


class SearchRow(NamedTuple):
    """The flat columns search needs, read without the nested ones (fast at 100k rows)."""

    creator_id: str
    handle: str
    platform: str
    country: str | None
    languages: str | None
    followers: int | None
    rate_amount: float | None
    rate_currency: str | None
    profile: str | None
    record: str


_MAPS = ["audience_countries", "audience_age", "audience_gender"]
# Every Creator field but the maps and the rate card is stored as it is, then the hash of them all.
_PLAIN = [*(name for name in Creator.model_fields if name not in {"rate_card", *_MAPS}), "content_hash"]
_INTEGERS = ["followers", "following"]
_FLOATS = ["avg_likes", "avg_comments", "avg_views", "engagement_rate", "rate_amount"]
COLUMNS = [*_PLAIN[:-1], *_MAPS, "rate_card"]


def open_creator_db(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection to a creators database file, created with its table if missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = duckdb.connect(str(path))
    ensure_schema(conn)
    return conn


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the creators and version tables when they do not exist."""
    conn.execute(CREATE_TABLE)
    conn.execute(CREATE_VERSION)


def content_hash(creator: Creator) -> str:
    """A hash of everything stored about a creator, to notice changes cheaply."""
    return hashlib.sha1(creator.model_dump_json().encode("utf-8")).hexdigest()


def _staging_frame(creators: list[Creator]) -> pd.DataFrame:
    records: list[dict[str, Any]] = []
    for creator in creators:
        record = creator.model_dump(exclude={"rate_card", *_MAPS})
        record["content_hash"] = content_hash(creator)
        for name in _MAPS:
            shares = getattr(creator, name)
            record[f"{name}_keys"] = None if shares is None else list(shares)
            record[f"{name}_values"] = None if shares is None else [float(v) for v in shares.values()]
        record["rate_amount"] = creator.rate_card.amount if creator.rate_card else None
        record["rate_currency"] = creator.rate_card.currency if creator.rate_card else None
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    # Nullable dtypes so that unknown numbers land as NULL, not NaN.
    for name in _INTEGERS:
        frame[name] = pd.array(frame[name].tolist(), dtype="Int64")
    for name in _FLOATS:
        frame[name] = pd.array(frame[name].tolist(), dtype="Float64")
    return frame


def upsert_creators(conn: duckdb.DuckDBPyConnection, creators: list[Creator]) -> int:
    """Insert or replace creators by creator_id (last one wins); the caller owns the transaction."""
    latest = {c.creator_id: c for c in creators}
    if not latest:
        return 0
    frame = _staging_frame(list(latest.values()))
    maps = ", ".join(f"map({m}_keys, {m}_values)" for m in _MAPS)
    conn.register("kol_staging", frame)
    try:
        conn.execute("DELETE FROM creators WHERE creator_id IN (SELECT creator_id FROM kol_staging)")
        conn.execute(
            f"INSERT INTO creators ({', '.join(_PLAIN)}, {', '.join(_MAPS)}, rate_card) "
            f"SELECT {', '.join(_PLAIN)}, {maps}, "
            "CASE WHEN rate_amount IS NULL THEN NULL "
            "ELSE struct_pack(amount := rate_amount, currency := rate_currency) END FROM kol_staging"
        )
    finally:
        conn.unregister("kol_staging")
    (version,) = conn.execute("SELECT coalesce(max(version), 0) + 1 FROM creators_version").fetchone() or (1,)
    conn.execute("DELETE FROM creators_version")
    conn.execute("INSERT INTO creators_version VALUES (?)", [version])
    return len(latest)


def _record_sql(shared: bool) -> str:
    """A JSON object per row with every Creator field; nested columns are cheap to read this way."""
    fields = [f"{c} := {c}" for c in COLUMNS if c != "is_shared"]
    fields.append(f"is_shared := {'true' if shared else 'is_shared'}")
    return f"to_json(struct_pack({', '.join(fields)}))::VARCHAR"


def read_creators(conn: duckdb.DuckDBPyConnection, ids: list[str] | None = None, shared: bool = False) -> list[Creator]:
    """Creators in one database (all, or those in `ids`), in creator_id order; `shared` marks them is_shared."""
    if ids is not None and not ids:
        return []
    where = "" if ids is None else f"WHERE creator_id IN ({', '.join('?' * len(ids))})"
    rows = conn.execute(f"SELECT {_record_sql(shared)} FROM creators {where} ORDER BY creator_id", ids or [])
    return [Creator.model_validate_json(record) for (record,) in rows.fetchall()]


def read_search_rows(conn: duckdb.DuckDBPyConnection, shared: bool = False) -> list[SearchRow]:
    """The flat search columns and the JSON record of every creator, in creator_id order."""
    return [SearchRow(*row) for row in conn.execute(_SEARCH_QUERY.format(record=_record_sql(shared))).fetchall()]


def fingerprint(conn: duckdb.DuckDBPyConnection) -> str:
    """Changes whenever creators are written through upsert_creators."""
    count, version = conn.execute(
        "SELECT (SELECT count(*) FROM creators), (SELECT max(version) FROM creators_version)"
    ).fetchone() or (0, 0)
    return f"{count}:{version}"
