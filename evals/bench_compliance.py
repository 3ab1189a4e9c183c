"""Compliance rules benchmark: one 2,000-character text checked against every market.

    python -m evals.bench_compliance                  # 300 checks per text, quick
    python -m evals.bench_compliance --checks 2000 --platform amazon

Three texts, all from the labelled dataset so nothing is invented here: "copy" is the longest
compliant case (a full product listing, the typical request), "mixed" joins every compliant case
(many languages and near-misses), "dense" joins the violating ones (a finding every few words).
Each is cut or repeated to the requested length. Targets, one process, rules only: p50 ≤ 10 ms
and ≥ 1,000 checks/s on the typical copy. The first check (compiling the rule book, loading
language models) is reported apart as cold start. Exits non-zero when the copy misses a target.
"""

import argparse
import sys
import time
from typing import Any

from evals.report import DATASETS, load_jsonl, percentile
from tools.compliance import CheckRequest, load_rule_book
from tools.compliance.targets import valid_markets

TARGET_P50_MS = 10.0
TARGET_CHECKS_PER_S = 1000.0


def sample_texts(chars: int) -> dict[str, str]:
    """The typical, mixed and dense texts, each `chars` characters long."""
    rows = load_jsonl(DATASETS / "compliance.jsonl")
    compliant = [r["text"] for r in rows if not r["expected"]]
    texts = {
        "copy": max(compliant, key=len),
        "mixed": "\n".join(compliant),
        "dense": "\n".join(r["text"] for r in rows if r["expected"]),
    }
    return {name: ((text + "\n") * (chars // (len(text) + 1) + 1))[:chars] for name, text in texts.items()}


def time_checks(request: CheckRequest, checks: int) -> dict[str, Any]:
    """p50/p95 latency and throughput of `checks` sequential checks of one request."""
    book = load_rule_book()
    timings = []
    findings = 0
    for _ in range(checks):
        started = time.perf_counter()
        findings = len(book.check(request))
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "p50_ms": round(percentile(timings, 0.5), 3),
        "p95_ms": round(percentile(timings, 0.95), 3),
        "checks_per_s": round(1000 * len(timings) / sum(timings)),
        "findings": findings,
    }


def run(checks: int = 300, chars: int = 2000, platform: str | None = None) -> dict[str, Any]:
    """Cold start plus timings for each sample text against all markets."""
    started = time.perf_counter()
    book = load_rule_book()
    markets = valid_markets(book.scope)
    texts = sample_texts(chars)
    book.check(CheckRequest(text=texts["copy"], markets=markets, platform=platform))
    report: dict[str, Any] = {
        "rules": len(book.rules),
        "markets": len(markets),
        "chars": chars,
        "cold_start_ms": round((time.perf_counter() - started) * 1000, 1),
    }
    for name, text in texts.items():
        report[name] = time_checks(CheckRequest(text=text, markets=markets, platform=platform), checks)
    return report


def main(argv: list[str] | None = None) -> int:
    """Print the numbers; exit code 1 when the typical copy misses a target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checks", type=int, default=300)
    parser.add_argument("--chars", type=int, default=2000)
    parser.add_argument("--platform", default=None)
    args = parser.parse_args(argv)
    report = run(args.checks, args.chars, args.platform)
    print(
        f"{report['rules']} rules, {report['markets']} markets, {report['chars']} characters, "
        f"cold start {report['cold_start_ms']} ms"
    )
    for name in ("copy", "mixed", "dense"):
        r = report[name]
        print(
            f"{name:6} p50 {r['p50_ms']} ms  p95 {r['p95_ms']} ms  {r['checks_per_s']} checks/s  "
            f"{r['findings']} findings"
        )
    typical = report["copy"]
    ok = typical["p50_ms"] <= TARGET_P50_MS and typical["checks_per_s"] >= TARGET_CHECKS_PER_S
    print("targets met" if ok else f"targets missed (p50 ≤ {TARGET_P50_MS} ms, ≥ {TARGET_CHECKS_PER_S:.0f} checks/s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
