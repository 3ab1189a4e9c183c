"""Per-key token buckets: `burst` requests at once, refilled at `per_minute`."""

import threading
import time

from pydantic import BaseModel


class Decision(BaseModel):
    allowed: bool
    retry_after_s: float = 0.0


class RateLimiter:
    def __init__(self, per_minute: float, burst: int) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last refill)
        self._lock = threading.Lock()

    def take(self, key: str, now: float | None = None) -> Decision:
        """Spend one token of `key`'s bucket, or say how long until one is back."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return Decision(allowed=True)
            self._buckets[key] = (tokens, now)
            return Decision(allowed=False, retry_after_s=(1.0 - tokens) / self.rate)
