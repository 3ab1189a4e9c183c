"""Prometheus metrics in a registry per app: requests, latency, and each specialist's tokens and model time."""

from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("chuhai_http_requests_total", "HTTP requests by route and status.",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("chuhai_http_request_seconds", "HTTP request latency by route.",
                                 ["method", "route"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.tokens = Counter("chuhai_specialist_tokens_total", "Model tokens by specialist and kind.",
                              ["specialist", "kind"], registry=self.registry)
        self.model_seconds = Counter("chuhai_specialist_model_seconds_total", "Model time by specialist.",
                                     ["specialist"], registry=self.registry)
        self.turns = Counter("chuhai_chat_turns_total", "Completed chat turns.", registry=self.registry)

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def observe_steps(self, steps: list[dict[str, Any]]) -> None:
        """Steps as in AskResponse.steps: name, prompt_tokens, completion_tokens, model_seconds."""
        self.turns.inc()
        for step in steps:
            name = str(step.get("name", "unknown"))
            self.tokens.labels(name, "prompt").inc(step.get("prompt_tokens", 0) or 0)
            self.tokens.labels(name, "completion").inc(step.get("completion_tokens", 0) or 0)
            self.model_seconds.labels(name).inc(step.get("model_seconds", 0.0) or 0.0)

    def render(self) -> bytes:
        return generate_latest(self.registry)
