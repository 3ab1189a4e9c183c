"""From a chat turn to checks, and back: which text to check, where, and the answer in the user's language."""

import re
from typing import Any

from agents.compliance.state import ComplianceInput, ComplianceOutput, ComplianceTarget
from prompts import render

# Quoted copy: 「…」, “…”, "…", or everything after a colon or line break that introduces it.
_QUOTED = re.compile(r"「([^」]+)」|『([^』]+)』|“([^”]+)”|\"([^\"]+)\"")
_AFTER = re.compile(r"[:：]\s*(.+)$|\n\s*(.+)$", re.DOTALL)
_MIN_CHARS = 4
_CHANNEL_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"e-?mail|newsletter|邮件|邮箱", re.IGNORECASE)),
    ("social", re.compile(r"influencer|kol|creator|网红|达人|博主|帖子|\bpost\b", re.IGNORECASE)),
    ("listing", re.compile(r"listing|product page|详情页|商品页|标题|五点", re.IGNORECASE)),
]
_FIELD_ORDER = ("title", "headline", "headlines", "bullets", "primary_text", "ad_text", "description",
                "descriptions", "description_html")


def quoted_text(message: str) -> str | None:
    """The copy the user quoted, or wrote after a colon or line break; None when there is none."""
    quotes = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(message)]
    quotes = [q.strip() for q in quotes if len(q.strip()) >= _MIN_CHARS]
    if quotes:
        return "\n".join(quotes)
    after = _AFTER.search(message)
    if after:
        text = (after.group(1) or after.group(2) or "").strip()
        return text if len(text) >= _MIN_CHARS else None
    return None


def guess_channel(message: str) -> str:
    """email, social or listing when the request says so, else ad."""
    for channel, words in _CHANNEL_WORDS:
        if words.search(message):
            return channel
    return "ad"


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: _FIELD_ORDER.index(k) if k in _FIELD_ORDER else len(_FIELD_ORDER))
        return [s for k in keys for s in _strings(value[k])]
    return []


def copywriter_drafts(output: dict[str, Any], markets: list[str]) -> list[ComplianceTarget]:
    """One target per copywriter result: its fields' text, for its market and platform."""
    targets = []
    for result in output.get("results", []):
        if not isinstance(result, dict):
            continue
        text = "\n".join(_strings(result.get("fields", {})))
        market = result.get("market")
        if not text or not (market or markets):
            continue
        platform = result.get("platform")
        targets.append(ComplianceTarget(text=text, markets=[market] if market else markets, platform=platform,
                                        label=" ".join(str(p) for p in (market, platform, "draft") if p)))
    return targets


def compliance_input(message: str, language: str, markets: list[str], tenant: str,
                     earlier: dict[str, dict[str, Any]]) -> ComplianceInput:
    """The quoted copy if any, else the copywriter's drafts of this turn; markets from the slots."""
    quoted = quoted_text(message)
    if quoted and markets:
        targets = [ComplianceTarget(text=quoted, markets=markets)]
    elif "copywriter" in earlier:
        targets = copywriter_drafts(earlier["copywriter"], markets)
    else:
        targets = []
    return ComplianceInput(targets=targets, channel=guess_channel(message), language=language,  # type: ignore[arg-type]
                           tenant=tenant)


def answer(output: ComplianceOutput) -> str:
    """The verdicts and findings (rule ids, articles, suggestions) in the user's language."""
    zh = output.language == "zh"
    checks = []
    for check in output.checks:
        result = check.result
        findings = result.findings if result else []
        checks.append({
            "label": check.target.label, "error": check.error,
            "verdict": result.verdict if result else None,
            "findings": [{"severity": f.severity, "quote": f.span.text, "rule_id": f.rule_id, "market": f.market,
                          "article": f.citations[0].article if f.citations else "",
                          "instrument": f.citations[0].instrument if f.citations else "",
                          "message": f.message, "suggestion": f.suggestion} for f in findings],
            "revised": result.revised_text if result else None,
            "notes": result.notes if result else [],
        })
    return render("compliance/answer", zh=zh, checks=checks)


def citations(output: ComplianceOutput) -> list[dict[str, Any]]:
    """Every finding's citations, each once, with the title and section the chat shows."""
    seen: dict[str, dict[str, Any]] = {}
    for check in output.checks:
        for finding in check.result.findings if check.result else []:
            for c in finding.citations:
                key = f"{c.id}|{c.article}"
                seen.setdefault(key, {"id": c.id, "title": c.instrument, "section": c.article, "url": c.url,
                                      "instrument": c.instrument, "article": c.article})
    return list(seen.values())
