"""CSV import: mapping of real lists, value parsing, defaults, rejected rows, upsert, one transaction."""

from pathlib import Path

import duckdb
import pytest

import tools.kol.importer as importer
from tools.errors import BadInput
from tools.kol.columns import map_columns
from tools.kol.importer import import_creators
from tools.kol.models import Creator, creator_id_for
from tools.kol.store import ensure_schema, read_creators

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "kol"


@pytest.fixture
def conn() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    ensure_schema(connection)
    return connection


def _by_handle(conn: duckdb.DuckDBPyConnection) -> dict[str, Creator]:
    return {c.handle: c for c in read_creators(conn)}


def test_kol_real_list_headers_map_to_schema_fields() -> None:
    mapping = map_columns(
        [
            "rank",
            "channel_info",
            "Followers count",
            "Avg. Likes",
            "60_day_eng_rate",
            "ER",
            "Country",
            "粉丝数",
            "类目",
            "new_post_avg_like",
        ]
    )
    assert mapping.headers == {
        "channel_info": "handle",
        "Followers count": "followers",
        "Avg. Likes": "avg_likes",
        "60_day_eng_rate": "engagement_rate",
        "Country": "country",
        "类目": "niche",
    }
    # A second column for a field already mapped is ignored rather than overwriting it.
    assert mapping.ignored == ["rank", "ER", "粉丝数", "new_post_avg_like"]


def test_kol_top_instagrammers_list_with_default_platform(conn: duckdb.DuckDBPyConnection) -> None:
    result = import_creators(conn, FIXTURES / "top_instagrammers.csv", defaults={"platform": "instagram"})
    assert result.rows_imported == 5
    assert [(r.line, r.reason) for r in result.rejected] == [
        (5, "missing handle"),
        (6, "followers: cannot read number 'lots'"),
    ]
    assert [(w.line, w.reason) for w in result.warnings] == [(7, "country left unknown: unknown country 'Atlantis'")]
    creators = _by_handle(conn)
    ronaldo = creators["cristiano"]
    assert ronaldo.creator_id == creator_id_for("instagram", "cristiano")
    assert (ronaldo.followers, ronaldo.avg_likes, ronaldo.country) == (475_800_000, 8_700_000, "ES")
    assert ronaldo.engagement_rate == pytest.approx(0.0139)
    assert creators["leomessi"].country is None  # "NaN" stays unknown
    assert creators["selenagomez"].country is None
    assert creators["dwaynejohnson"].following is None and creators["dwaynejohnson"].audience_countries is None


def test_kol_list_without_platform_is_rejected_row_by_row(conn: duckdb.DuckDBPyConnection) -> None:
    result = import_creators(conn, FIXTURES / "top_instagrammers.csv")
    assert result.rows_imported == 0
    reasons = {r.line: r.reason.split(";")[0] for r in result.rejected}
    assert reasons == {
        2: "missing platform",
        3: "missing platform",
        4: "missing platform",
        5: "missing handle",
        6: "missing platform",
        7: "missing platform",
        8: "missing platform",
    }


def test_kol_chinese_agency_list(conn: duckdb.DuckDBPyConnection) -> None:
    result = import_creators(conn, FIXTURES / "agency_zh.csv")
    assert result.rows_imported == 4
    assert [(r.line, r.reason) for r in result.rejected] == [
        (4, "unknown platform '抖音'; expected one of instagram, tiktok, youtube")
    ]
    creators = _by_handle(conn)
    lena = creators["camping.lena"]
    assert (lena.platform, lena.followers, lena.country, lena.niche) == (
        "instagram",
        12_000,
        "DE",
        "户外露营",
    )
    assert lena.rate_card is not None and (lena.rate_card.amount, lena.rate_card.currency) == (3000, "CNY")
    assert lena.languages == ["de"]
    jonas = creators["outdoor_jonas"]
    assert (jonas.followers, jonas.languages) == (85_000, ["de", "en"])
    assert jonas.rate_card is not None and (jonas.rate_card.amount, jonas.rate_card.currency) == (1200, "EUR")
    emma = creators["skincare.emma"]
    # Engagement "-" is unknown, so it is derived from the row's own likes and comments.
    assert emma.engagement_rate == pytest.approx((4200 + 300) / 350_000)
    assert emma.rate_card is None


def test_kol_tab_separated_list_with_profile_links(conn: duckdb.DuckDBPyConnection) -> None:
    result = import_creators(conn, FIXTURES / "youtube_channels.tsv")
    assert result.rows_imported == 3
    assert [r.line for r in result.rejected] == [5]
    assert "missing platform" in result.rejected[0].reason
    creators = _by_handle(conn)
    assert creators["gadgetkenji"].platform == "youtube"  # handle and platform from the link
    assert (creators["MrPlayground"].followers, creators["MrPlayground"].avg_views) == (12_500_000, 1_100_000)
    assert creators["KochMitAnna"].country == "DE"


def test_kol_generic_schema_round_trips_every_field(conn: duckdb.DuckDBPyConnection) -> None:
    result = import_creators(conn, FIXTURES / "generic.csv")
    assert (result.rows_imported, result.rejected, result.ignored_columns) == (2, [], [])
    anna, sofia = _by_handle(conn)["trailmix.anna"], _by_handle(conn)["glowlab.sofia"]
    assert anna.languages == ["de", "en"] and anna.categories == ["outdoor", "travel"]
    assert anna.recent_topics == ["#camping", "#wandern", "#zelt"]
    assert anna.follower_series == [40000, 41000, 42500, 44000, 46000, 48200]
    assert anna.audience_countries == {"DE": 0.7, "AT": 0.12, "CH": 0.08}
    assert anna.audience_gender == {"female": 0.45, "male": 0.55}
    assert anna.engagement_rate == pytest.approx(0.032)  # fraction stays a fraction beside a "4.9%" cell
    assert anna.past_collaborations == ["Nordhaven"] and anna.brand_safety_flags is None
    assert sofia.engagement_rate == pytest.approx(0.049)
    assert (sofia.followers, sofia.avg_views) == (1_100_000, 900_000)
    assert sofia.rate_card is not None and (sofia.rate_card.amount, sofia.rate_card.currency) == (2500, "EUR")


def test_kol_reimport_is_idempotent(conn: duckdb.DuckDBPyConnection) -> None:
    first = import_creators(conn, FIXTURES / "agency_zh.csv")
    before = read_creators(conn)
    second = import_creators(conn, FIXTURES / "agency_zh.csv")
    assert first.rows_imported == second.rows_imported == 4
    assert read_creators(conn) == before


def test_kol_import_is_one_transaction(conn: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch) -> None:
    import_creators(conn, FIXTURES / "generic.csv")
    before = read_creators(conn)
    real_upsert = importer.upsert_creators

    def upsert_then_fail(connection: duckdb.DuckDBPyConnection, creators: list) -> int:
        real_upsert(connection, creators)
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "upsert_creators", upsert_then_fail)
    with pytest.raises(RuntimeError):
        import_creators(conn, FIXTURES / "agency_zh.csv")
    assert read_creators(conn) == before


def test_kol_progress_and_bad_files(conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    import_creators(conn, FIXTURES / "agency_zh.csv", progress=lambda done, total: seen.append((done, total)))
    assert seen == [(5, 5)]
    no_handle = tmp_path / "no_handle.csv"
    no_handle.write_text("followers,country\n12k,DE\n", encoding="utf-8")
    with pytest.raises(BadInput, match="no handle column"):
        import_creators(conn, no_handle)
    with pytest.raises(BadInput, match="no file"):
        import_creators(conn, tmp_path / "missing.csv")
    with pytest.raises(BadInput, match="defaults cannot set 'bio'"):
        import_creators(conn, FIXTURES / "generic.csv", defaults={"bio": "x"})
    with pytest.raises(BadInput, match="default platform"):
        import_creators(conn, FIXTURES / "generic.csv", defaults={"platform": "myspace"})


def test_kol_duplicate_rows_keep_the_later_one(conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    path = tmp_path / "dupes.csv"
    path.write_text("handle,platform,followers\n@anna,instagram,1000\nanna,Instagram,2000\n", encoding="utf-8")
    result = import_creators(conn, path)
    assert result.rows_imported == 1
    assert [w.reason for w in result.warnings] == ["same creator as line 2; this later row is kept"]
    assert read_creators(conn)[0].followers == 2000
