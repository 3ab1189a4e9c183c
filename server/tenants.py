"""Tenants, their API keys (stored as salted sha256 only) and the audit log, in SQLite in the data home."""

import hashlib
import hmac
import re
import secrets
import sqlite3
import threading
import time
from pathlib import Path

from pydantic import BaseModel

from tools.errors import BadInput

KEY_PREFIX = "chk_"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS tenants (name TEXT PRIMARY KEY, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS api_keys (
    key_id TEXT PRIMARY KEY, tenant TEXT NOT NULL REFERENCES tenants(name),
    salt TEXT NOT NULL, digest TEXT NOT NULL, created REAL NOT NULL, revoked REAL);
CREATE TABLE IF NOT EXISTS audit (
    at REAL NOT NULL, tenant TEXT, key_id TEXT, method TEXT NOT NULL, route TEXT NOT NULL,
    status INTEGER NOT NULL, latency_ms REAL NOT NULL);
"""


class NewKey(BaseModel):
    """Printed once at creation; only the salted digest is kept."""

    tenant: str
    api_key: str


class Caller(BaseModel):
    tenant: str
    key_id: str


class AuditEntry(BaseModel):
    at: float
    tenant: str | None
    key_id: str | None
    method: str
    route: str
    status: int
    latency_ms: float


def check_tenant_name(name: str) -> str:
    """Tenant names become folder names: lower-case letters, digits, '-' and '_' only."""
    if not _NAME.match(name):
        raise BadInput(f"invalid tenant name {name!r}: use 1-63 lower-case letters, digits, '-' or '_'")
    return name


def _digest(salt: str, secret: str) -> str:
    return hashlib.sha256(f"{salt}:{secret}".encode()).hexdigest()


class TenantStore:
    """One SQLite file shared by the process; a lock serialises writers from worker threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # Durable across a process crash; no fsync per audit row (one per request) on the event loop.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._db.close()

    def ensure_tenant(self, name: str) -> str:
        """Create the tenant on first use."""
        check_tenant_name(name)
        with self._lock:
            self._db.execute("INSERT OR IGNORE INTO tenants VALUES (?, ?)", (name, time.time()))
        return name

    def tenants(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT name FROM tenants ORDER BY name")]

    def create_key(self, tenant: str) -> NewKey:
        """A new key `chk_<id>_<secret>` for the tenant (created if new)."""
        self.ensure_tenant(tenant)
        key_id, secret, salt = secrets.token_hex(6), secrets.token_urlsafe(24), secrets.token_hex(16)
        with self._lock:
            self._db.execute("INSERT INTO api_keys VALUES (?, ?, ?, ?, ?, NULL)",
                             (key_id, tenant, salt, _digest(salt, secret), time.time()))
        return NewKey(tenant=tenant, api_key=f"{KEY_PREFIX}{key_id}_{secret}")

    def revoke_keys(self, tenant: str) -> int:
        """Revoke every live key of the tenant; returns how many."""
        with self._lock:
            cursor = self._db.execute("UPDATE api_keys SET revoked = ? WHERE tenant = ? AND revoked IS NULL",
                                      (time.time(), tenant))
        return cursor.rowcount

    def resolve(self, api_key: str) -> Caller | None:
        """The caller behind a key, or None for an unknown, malformed or revoked key."""
        if not api_key.startswith(KEY_PREFIX) or api_key.count("_") < 2:
            return None
        key_id, _, secret = api_key[len(KEY_PREFIX):].partition("_")
        row = self._db.execute("SELECT tenant, salt, digest FROM api_keys WHERE key_id = ? AND revoked IS NULL",
                               (key_id,)).fetchone()
        if row is None or not hmac.compare_digest(row[2], _digest(row[1], secret)):
            return None
        return Caller(tenant=row[0], key_id=key_id)

    def audit(self, entry: AuditEntry) -> None:
        """Who called which route when, with status and latency; never a body."""
        with self._lock:
            self._db.execute("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (entry.at, entry.tenant, entry.key_id, entry.method, entry.route, entry.status,
                              entry.latency_ms))

    def audit_log(self, limit: int = 100) -> list[AuditEntry]:
        rows = self._db.execute("SELECT * FROM audit ORDER BY at DESC LIMIT ?", (limit,)).fetchall()
        fields = list(AuditEntry.model_fields)
        return [AuditEntry(**dict(zip(fields, row, strict=True))) for row in rows]


def tenant_db_path(home: Path) -> Path:
    return home / "tenants.sqlite"
