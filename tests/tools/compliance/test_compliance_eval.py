"""The rules-only evaluator and the benchmark: matching logic, thresholds, a small real run."""

import json
from pathlib import Path

import pytest

from evals.bench_compliance import run as run_bench
from evals.compliance_rules_eval import (
    THRESHOLDS,
    EvalCase,
    articles_match,
    failed_thresholds,
    main,
    run,
    score_case,
)
from tools.compliance import Citation, RuleFinding, Span


@pytest.mark.parametrize(
    ("expected", "cited", "same"),
    [
        ("Art. 9(3)", "Art. 9(3)", True),
        ("Art. 9", "Art. 9(3)", True),
        ("Section 5", "Sec. 5", True),
        ("16 CFR 255.5", "16 CFR 255.5", True),
        ("§ 5a(4)", "§ 5a Abs. 4", True),
        ("§ 5", "§ 5a Abs. 4", False),
        ("Art. 17", "Art. 18", False),
        ("Personal attributes", "Personal attributes", True),
        ("Clickbait ads", "Unreliable claims", False),
    ],
)
def test_articles_match(expected: str, cited: str, same: bool) -> None:
    assert articles_match(expected, cited) is same


def _finding(rule_id: str, start: int, end: int, text: str, article: str, market: str = "US") -> RuleFinding:
    return RuleFinding(
        rule_id=rule_id,
        severity="block",
        market=market,
        span=Span(start=start, end=end, text=text[start:end]),
        message="m",
        citation=Citation(doc_id="d", instrument="i", article=article, url="https://x"),
        suggestion="s",
    )


def test_score_case_pairs_spans_by_overlap_and_missing_elements_one_to_one() -> None:
    text = "FDA approved cream"
    case = EvalCase.model_validate(
        {
            "id": "t",
            "text": text,
            "markets": ["US"],
            "lang": "en",
            "expected_verdict": "block",
            "expected": [
                {"severity": "block", "instrument": "FTC Act", "article": "Section 5", "span_text": "FDA approved"},
                {"severity": "block", "instrument": "CAN-SPAM", "article": "7704(a)(5)", "span_text": ""},
                {"severity": "block", "instrument": "CAN-SPAM", "article": "7704(a)(5)", "span_text": ""},
            ],
        }
    )
    findings = [
        _finding("a.b.c", 0, 3, text, "Sec. 5"),
        _finding("a.b.c", 0, 3, text, "Sec. 5", market="GB"),  # same rule and span for another market
        _finding("x.y.z", 13, 18, text, "Art. 1"),  # nothing expected there
        _finding("m.n.o", len(text), len(text), text, "15 U.S.C. 7704(a)(5)"),
    ]
    result = score_case(case, findings)
    assert result.covered == [True, True, False]  # only one empty finding for two missing elements
    assert result.right_article == [True, True, False]
    assert len(result.findings) == 3 and result.correct_findings == [True, False, True]


def test_thresholds_fail_in_the_right_direction() -> None:
    good = dict.fromkeys(THRESHOLDS, 1.0) | {"clean_false_positive_rate": 0.0}
    assert failed_thresholds(good) == []
    bad = good | {"recall_block": 0.1, "clean_false_positive_rate": 0.5}
    assert [f.split("=")[0] for f in failed_thresholds(bad)] == ["recall_block", "clean_false_positive_rate"]


def test_run_on_a_small_dataset_reports_and_gates(tmp_path: Path) -> None:
    rows = [
        {
            "id": "v",
            "text": "FDA approved serum",
            "markets": ["US"],
            "category": "cosmetics",
            "lang": "en",
            "expected_verdict": "block",
            "expected": [
                {"severity": "block", "instrument": "FTC Act", "article": "Section 5", "span_text": "FDA approved"}
            ],
        },
        {
            "id": "c",
            "text": "Ceramide cream for dry skin.",
            "markets": ["US"],
            "category": "cosmetics",
            "lang": "en",
            "expected_verdict": "pass",
            "expected": [],
        },
        {
            "id": "m",
            "text": "Works where pills fail.",
            "markets": ["US"],
            "lang": "en",
            "expected_verdict": "block",
            "needs_model": True,
            "expected": [
                {"severity": "block", "instrument": "FD&C", "article": "201(g)(1)", "span_text": "pills fail"}
            ],
        },
    ]
    path = tmp_path / "mini.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    report = run(path)
    metrics = report.metrics
    assert metrics["rule_scope_cases"] == 2 and metrics["needs_model_cases"] == 1
    assert metrics["recall_block"] == 1.0 and metrics["verdict_accuracy"] == 1.0
    assert metrics["clean_false_positive_rate"] == 0.0 and metrics["needs_model_item_recall"] == 0.0
    assert report.suite == "compliance_rules" and report.gate == "verdict_accuracy"


def test_main_exits_non_zero_below_threshold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    row = {
        "id": "miss",
        "text": "A perfectly ordinary kettle.",
        "markets": ["US"],
        "lang": "en",
        "expected_verdict": "block",
        "expected": [{"severity": "block", "instrument": "X", "article": "1", "span_text": "kettle"}],
    }
    path = tmp_path / "miss.jsonl"
    path.write_text(json.dumps(row), "utf-8")
    assert main([str(path)]) == 1
    assert "BELOW THRESHOLD: recall_block" in capsys.readouterr().out


def test_benchmark_runs_small() -> None:
    report = run_bench(checks=3, chars=500)
    assert report["markets"] == 17 and report["rules"] >= 300
    for name in ("copy", "mixed", "dense"):
        assert report[name]["p50_ms"] > 0 and report[name]["checks_per_s"] > 0
    assert report["dense"]["findings"] > report["copy"]["findings"]
