"""Draft → checks in code and compliance → revise with the failures as feedback → deterministic fallback."""

import re
from typing import Any

from langchain_core.runnables import RunnableConfig
from pydantic import BaseModel, ConfigDict

from agents.compliance.state import ComplianceResponse
from agents.context import Deps
from agents.copywriter.config import compliance_category
from agents.copywriter.drafting import DraftPrompt, write_draft
from agents.copywriter.listing import apply_revision, check_listing
from agents.copywriter.state import Draft, Source
from agents.llm.structured import InvalidModelOutput
from agents.llm.usage import UsageMeter
from tools.copy import Glossary, ProductFacts, fallback_listing, feedback_for, platform_limits, run_all_checks
from tools.errors import LLMUnavailable

MAX_COMPLIANCE_FEEDBACK = 6
_INDEXED = re.compile(r"^(\w+)\[(\d+)\]$")


class Job(BaseModel):
    """One listing to write: where, from what, and how hard to try."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    platform: str
    market: str
    language: str
    facts: ProductFacts
    glossary: Glossary
    notes: list[str] = []
    tone: str = ""
    angle: str = ""
    max_revisions: int = 2
    use_model: bool = True
    tenant: str = "demo"


class Outcome(BaseModel):
    """The listing a seller gets, how it was made, and what the first draft scored."""

    draft: Draft
    rounds: int
    first_draft_ok: bool | None = None  # None when the model wrote no draft
    first_draft_checks: dict[str, bool] = {}
    notes: list[str] = []
    dropped: list[str] = []


def evaluate(deps: Deps, job: Job, fields: dict[str, Any], source: Source, meter: UsageMeter | None,
             review: bool) -> Draft:
    """Checks in code, then compliance by rules; the model's compliance review only once all of those pass."""
    checks = run_all_checks(job.platform, job.market, fields, job.facts, job.glossary)
    category = compliance_category(job.facts.category, job.facts.name)
    compliance = check_listing(deps, job.platform, job.market, category, fields, use_model=False, meter=meter,
                               tenant=job.tenant)
    draft = Draft(fields=fields, checks=checks, compliance=compliance, source=source)
    if review and draft.ok:
        reviewed = check_listing(deps, job.platform, job.market, category, fields, use_model=True, meter=meter,
                                 tenant=job.tenant)
        draft = draft.model_copy(update={"compliance": reviewed})
    return draft


def compliance_feedback(response: ComplianceResponse) -> list[str]:
    """Compliance findings as revision lines: the quoted words, the problem and the fix."""
    lines = []
    for finding in response.findings:
        if finding.severity in ("block", "warn"):
            line = f"[compliance] '{finding.span.text}': {finding.message} {finding.suggestion}".strip()
            if line not in lines:
                lines.append(line)
    return lines[:MAX_COMPLIANCE_FEEDBACK]


def revision_feedback(draft: Draft) -> list[str]:
    return feedback_for(draft.checks) + compliance_feedback(draft.compliance)


def _repaired(deps: Deps, job: Job, draft: Draft, meter: UsageMeter | None) -> Draft | None:
    """The draft without the list entries and optional fields that fail a check, when that makes it pass."""
    fields = repair(job, draft.fields)
    if fields == draft.fields:
        return None
    fixed = evaluate(deps, job, fields, draft.source, meter, review=job.use_model)
    if not fixed.ok:
        return None
    notes = [*fixed.compliance.notes, "entries that failed a check were left out of the model's draft"]
    return fixed.model_copy(update={"compliance": fixed.compliance.model_copy(update={"notes": notes})})


def _model_rounds(deps: Deps, job: Job, meter: UsageMeter, config: RunnableConfig | None,
                  notes: list[str]) -> tuple[list[Draft], Draft | None]:
    """The model's drafts as written, until one passes (as written or repaired) or the revisions run out;
    stops early when the model fails. Returns the drafts and the passing one, if any."""
    drafts: list[Draft] = []
    for _ in range(job.max_revisions + 1):
        last = drafts[-1] if drafts else None
        prompt = DraftPrompt(platform=job.platform, language=job.language, facts=job.facts, glossary=job.glossary,
                             notes=job.notes, tone=job.tone, angle=job.angle,
                             feedback=revision_feedback(last) if last else [],
                             previous=last.fields if last else None)
        try:
            fields = write_draft(deps.chat_model, prompt, config).model_dump()
        except (InvalidModelOutput, LLMUnavailable) as exc:
            notes.append(f"the model could not write a draft ({exc.message})")
            break
        drafts.append(evaluate(deps, job, fields, "model", meter, review=job.use_model))
        passing = drafts[-1] if drafts[-1].ok else _repaired(deps, job, drafts[-1], meter)
        if passing is not None:
            return drafts, passing
    return drafts, None


def _with_compliance_rewrite(deps: Deps, job: Job, draft: Draft, meter: UsageMeter | None) -> Draft | None:
    """The draft with compliance's rewrite applied field by field, re-checked; None when there is none."""
    if not draft.compliance.revised_text:
        return None
    revised = apply_revision(job.platform, draft.fields, draft.compliance.revised_text)
    if revised is None:
        return None
    checked = evaluate(deps, job, repair(job, revised), draft.source, meter, review=False)
    notes = [*draft.compliance.notes, "compliance's rewrite was applied field by field and re-checked by rules"]
    return checked.model_copy(update={"compliance": checked.compliance.model_copy(update={"notes": notes})})


def write_listing(deps: Deps, job: Job, meter: UsageMeter, config: RunnableConfig | None = None) -> Outcome:
    """The pipeline for one target: model drafts and revisions, else the fallback; always a valid listing."""
    notes: list[str] = []
    drafts, passing = _model_rounds(deps, job, meter, config, notes) if job.use_model else ([], None)
    outcome = Outcome(draft=passing or drafts[-1], rounds=len(drafts) - 1, notes=notes) if drafts else None
    if outcome is not None and not outcome.draft.ok and outcome.draft.checks_ok:
        rewritten = _with_compliance_rewrite(deps, job, outcome.draft, meter)
        if rewritten is not None and rewritten.ok:
            outcome.draft = rewritten
    if outcome is None or not outcome.draft.ok:
        if drafts:
            notes.append(f"no draft passed every check after {len(drafts) - 1} revision(s); this is the fallback "
                         "listing built from the product data alone")
        draft, dropped = fallback_draft(deps, job, meter)
        outcome = Outcome(draft=draft, rounds=max(len(drafts) - 1, 0), notes=notes, dropped=dropped)
    if drafts:
        first = drafts[0]
        outcome.first_draft_ok = first.ok
        outcome.first_draft_checks = {c.name: c.ok for c in first.checks} | {"compliance": first.compliance_ok}
    return outcome


def fallback_draft(deps: Deps, job: Job, meter: UsageMeter | None) -> tuple[Draft, list[str]]:
    """The deterministic listing, with compliance's rewrite applied when compliance flags it."""
    listing = fallback_listing(job.platform, job.market, job.facts, job.glossary)
    fields = repair(job, listing.fields.model_dump())
    draft = evaluate(deps, job, fields, "fallback", meter, review=job.use_model)
    if not draft.compliance_ok:
        rewritten = _with_compliance_rewrite(deps, job, draft, meter)
        if rewritten is not None and rewritten.checks_ok:
            draft = rewritten
    return draft, listing.dropped


def repair(job: Job, fields: dict[str, Any]) -> dict[str, Any]:
    """Drop list entries and blank optional fields that fail a check, while the platform's minimums allow it."""
    limits = platform_limits(job.platform)
    fields = {k: list(v) if isinstance(v, list) else v for k, v in fields.items()}
    results = run_all_checks(job.platform, job.market, fields, job.facts, job.glossary)
    failing = {d.field for r in results if not r.ok for d in r.details if d.severity == "error" and d.field}
    drops: dict[str, set[int]] = {}
    for name in failing:
        indexed = _INDEXED.match(name)
        if indexed:
            drops.setdefault(indexed.group(1), set()).add(int(indexed.group(2)))
        elif name in limits and limits[name].min == 0:
            fields[name] = ""
    for name, indexes in drops.items():
        kept = [item for i, item in enumerate(fields[name]) if i not in indexes]
        items = limits[name].items
        if kept and (items is None or len(kept) >= items.min):
            fields[name] = kept
    return fields
