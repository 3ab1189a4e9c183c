"""Tenants and keys: created by the CLI, printed once, stored salted and hashed; the token bucket."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from server import cli
from server.ratelimit import RateLimiter
from server.tenants import TenantStore, tenant_db_path


def test_tenants_create_prints_a_key_that_resolves_and_rotate_revokes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHUHAI_HOME", str(tmp_path))
    runner = CliRunner()
    first = json.loads(runner.invoke(cli.app, ["tenants", "create", "acme", "--json"]).stdout)
    second = json.loads(runner.invoke(cli.app, ["tenants", "create", "acme", "--rotate", "--json"]).stdout)
    assert set(first) == {"tenant", "api_key"} and first["tenant"] == "acme"
    store = TenantStore(tenant_db_path(tmp_path))
    assert store.resolve(first["api_key"]) is None  # revoked by --rotate
    caller = store.resolve(second["api_key"])
    assert caller is not None and caller.tenant == "acme"
    assert store.resolve(second["api_key"] + "x") is None and store.resolve("") is None
    bad = runner.invoke(cli.app, ["tenants", "create", "../etc"])
    assert bad.exit_code == 2 and "invalid tenant name" in bad.stderr


def test_keys_get_distinct_salts(tmp_path: Path) -> None:
    store = TenantStore(tmp_path / "t.sqlite")
    store.create_key("acme")
    store.create_key("acme")
    salts = [row[0] for row in store._db.execute("SELECT salt FROM api_keys")]
    assert len(set(salts)) == 2 and all(len(salt) == 32 for salt in salts)


def test_token_bucket_refills_at_the_configured_rate() -> None:
    limiter = RateLimiter(per_minute=60, burst=2)  # one token a second
    assert [limiter.take("k", now=0.0).allowed for _ in range(3)] == [True, True, False]
    assert limiter.take("k", now=0.5).retry_after_s == pytest.approx(0.5)
    assert limiter.take("k", now=1.0).allowed and not limiter.take("k", now=1.0).allowed
    assert limiter.take("other", now=1.0).allowed  # buckets are per key
    assert limiter.take("k", now=100.0).allowed and limiter.take("k", now=100.0).allowed
    assert not limiter.take("k", now=100.0).allowed  # refill is capped at the burst
