"""Building the process-wide runtime from settings, shared by the CLI and the HTTP app."""

import os

from pydantic import ValidationError

from agents.context import Deps
from tools.errors import BadInput
from tools.settings import Settings

# Nothing may reach a model hub or telemetry endpoint at run time.
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "LANGSMITH_TRACING": "false",
    "TOKENIZERS_PARALLELISM": "false",
}


def go_offline() -> None:
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)


def load_settings() -> Settings:
    """Settings from the environment; a bad value becomes a BadInput naming the variable."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"CHUHAI_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" if e["loc"] else e["msg"]
            for e in exc.errors()
        )
        raise BadInput(f"invalid configuration: {problems}") from exc


def build_deps(settings: Settings | None = None) -> Deps:
    go_offline()
    return Deps(settings=settings or load_settings())
