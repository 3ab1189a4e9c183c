"""The copywriter eval: its dataset covers every market × platform, and its summary counts correctly."""

from pathlib import Path

from copywriter_fakes import RecordingModel, amazon_de, make_deps

from evals.report import load_jsonl
from evals.suite_copywriter import DATASET, run_cases, summarize
from tools.copy import PLATFORMS
from tools.markets import all_markets


def test_the_dataset_covers_every_market_platform_and_both_fact_languages() -> None:
    cases = load_jsonl(DATASET)
    pairs = {(c["target"]["market"], c["target"]["platform"]) for c in cases}
    assert len(cases) >= 80 and pairs == {(m, p) for m in all_markets() for p in PLATFORMS}
    assert {c["facts_language"] for c in cases} == {"zh", "en"}


def test_run_and_summary_report_first_drafts_rounds_and_fallbacks(tmp_path: Path) -> None:
    cases = [c for c in load_jsonl(DATASET) if c["target"] == {"market": "DE", "platform": "amazon"}]
    cases[0]["product"] = {**cases[0]["product"], "name": "Acme X200 紫铜水管接头", "brand": "Acme"}
    model = RecordingModel(responses=[amazon_de(title="Acme X200 aus Titan"), amazon_de()])
    rows = run_cases(make_deps(tmp_path, model), cases[:1], use_model=True)
    rows += run_cases(make_deps(tmp_path, model), cases[:1], use_model=False)
    summary = summarize(rows)
    assert summary["cases"] == 2 and summary["first_drafts"] == 1 and summary["first_draft_ok"] == 0.0
    assert summary["fallback_share"] == 0.5 and summary["mean_rounds"] == 0.5
    assert summary["checks_ok"] == 1.0 and summary["by_market"]["DE"]["checks_ok"] == 1.0
