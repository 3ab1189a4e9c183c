"""Platform field limits (platform_limits.yaml) and the check that copy stays within them."""

from functools import cache
from typing import Any

from pydantic import BaseModel

from tools.copy.datafiles import load_data
from tools.copy.fields import PlatformFields, coerce_fields, fields_model_for
from tools.copy.length import LengthUnit, display_length
from tools.copy.results import CheckDetail, CheckResult, result_of

_UNIT_WORDS = {"chars": "characters", "bytes": "bytes (UTF-8)", "width": "width units (CJK counts 2)"}


class ItemCount(BaseModel):
    min: int
    max: int


class FieldLimit(BaseModel):
    """Limits of one field; `hard` fails a check, `recommended` warns (see platform_limits.yaml)."""

    unit: LengthUnit
    hard: int | None = None
    recommended: int | None = None
    min: int = 1
    recommended_min: int | None = None
    items: ItemCount | None = None
    verified: bool = True
    source: str
    note: str = ""

    def target(self) -> int | None:
        """The length generated copy aims for: the recommended maximum if there is one, else the hard one."""
        values = [v for v in (self.hard, self.recommended) if v is not None]
        return min(values) if values else None


@cache
def platform_limits(platform: str) -> dict[str, FieldLimit]:
    """Field name -> limits for a platform (BadInput for an unknown platform)."""
    fields_model_for(platform)
    raw = load_data("platform_limits")[platform.strip().lower()]
    return {name: FieldLimit(**spec) for name, spec in raw.items()}


def _length_details(name: str, text: str, limit: FieldLimit) -> list[CheckDetail]:
    size = display_length(text, limit.unit)
    unit = _UNIT_WORDS[limit.unit]
    details: list[CheckDetail] = []
    if limit.hard is not None and size > limit.hard:
        details.append(
            CheckDetail(
                field=name,
                message=f"{name} is {size} {unit}; the limit is {limit.hard}: cut {size - limit.hard}.",
            )
        )
    elif limit.recommended is not None and size > limit.recommended:
        details.append(
            CheckDetail(
                severity="warning",
                field=name,
                message=f"{name} is {size} {unit}; {limit.recommended} is recommended: shorten it.",
            )
        )
    if size < limit.min:
        details.append(CheckDetail(field=name, message=f"{name} is empty; write it."))
    elif limit.recommended_min is not None and size < limit.recommended_min:
        details.append(
            CheckDetail(
                severity="warning",
                field=name,
                message=f"{name} is {size} {unit}; {limit.recommended_min}+ is recommended: add detail.",
            )
        )
    return details


def _value_details(name: str, value: Any, limit: FieldLimit) -> list[CheckDetail]:
    if not isinstance(value, list):
        return _length_details(name, value, limit)
    details: list[CheckDetail] = []
    if limit.items and not limit.items.min <= len(value) <= limit.items.max:
        details.append(
            CheckDetail(
                field=name,
                message=f"{name} has {len(value)} entries; it needs {limit.items.min} to {limit.items.max}.",
            )
        )
    for i, item in enumerate(value):
        details.extend(_length_details(f"{name}[{i}]", item, limit))
    return details


def check_limits(platform: str, fields: PlatformFields | dict[str, Any]) -> CheckResult:
    """Hard limits fail, recommended ones warn; HTML is measured as written (platforms store the markup)."""
    model = coerce_fields(platform, fields)
    details: list[CheckDetail] = []
    for name, limit in platform_limits(platform).items():
        value = getattr(model, name)
        details.extend(_value_details(name, value, limit))
    return result_of("limits", details)
