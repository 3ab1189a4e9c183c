"""Fakes for the copywriter's tests: a product, scripted drafts and a model that records its prompts."""

import json
from pathlib import Path
from typing import Any

from fakes import FakeEmbedder
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from pydantic import Field

from agents.context import Deps
from tools.errors import LLMUnavailable
from tools.settings import Settings

PRODUCT: dict[str, Any] = {
    "name": "Acme X200 紫铜水管接头",
    "brand": "Acme",
    "category": "五金配件",
    "description": "采用优质紫铜制造，耐腐蚀，适用于家庭水管。",
    "features": ["防水密封圈"],
    "specs": {"长度": "10厘米"},
    "materials": ["紫铜"],
    "claims": ["耐腐蚀"],
    "keywords": ["水管接头"],
}


def amazon_de(title: str = "Acme X200 Rohrverbinder aus Kupfer", description: str = "") -> str:
    """An Amazon DE draft that states only the product's facts, unless told otherwise."""
    return json.dumps({
        "title": title,
        "bullets": ["Material: Kupfer, korrosionsbeständig", "Länge: 10 cm"],
        "description": description or ("Der Acme X200 verbindet Wasserrohre im Haushalt zuverlässig. "
                                        "Er besteht aus Kupfer und ist korrosionsbeständig."),
        "search_terms": "rohrverbinder kupfer wasserrohr",
    }, ensure_ascii=False)


# A draft with a material (titanium) and a length (50 cm) the product data lacks.
INVENTED = amazon_de(title="Acme X200 Rohrverbinder aus Titan, 50 cm")


class RecordingModel(FakeListChatModel):
    """Scripted answers in order; remembers every prompt it saw."""

    prompts: list[str] = Field(default_factory=list)

    def _call(self, messages: Any, stop: Any = None, run_manager: Any = None, **kwargs: Any) -> str:
        self.prompts.append("\n".join(m.text for m in messages))
        return super()._call(messages, stop, run_manager, **kwargs)


class DownModel(FakeListChatModel):
    """A model that cannot be reached."""

    def _call(self, messages: Any, stop: Any = None, run_manager: Any = None, **kwargs: Any) -> str:
        raise LLMUnavailable("the model endpoint is unreachable: connection refused")


def make_deps(tmp_path: Path, model: FakeListChatModel) -> Deps:
    return Deps(settings=Settings(home=tmp_path / "home"), _chat_model=model, _embedder=FakeEmbedder())


def request(*targets: str, **extra: Any) -> dict[str, Any]:
    """A request body for 'MARKET:platform' targets."""
    pairs = [t.split(":") for t in targets]
    return {"product": PRODUCT, "targets": [{"market": m, "platform": p} for m, p in pairs], **extra}
