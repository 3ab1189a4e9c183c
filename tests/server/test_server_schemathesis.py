"""Generated requests from the app's own OpenAPI schema: every route answers, and never with a 5xx."""

import time
from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from server_fakes import fake_copilot, fake_deps

from server.app import create_app

pytestmark = pytest.mark.schemathesis
EXAMPLES_PER_MODE = 50  # × 2 modes × every operation: over 1,000 cases with the routes the app has
TIME_BUDGET_S = 110


def test_generated_requests_never_get_a_5xx(tmp_path: Path) -> None:
    deps = fake_deps(tmp_path / "home", rate_limit_burst=1_000_000, rate_limit_per_minute=1_000_000)
    app = create_app(deps=deps, copilot=fake_copilot(deps))
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    started = time.monotonic()
    with TestClient(app):
        auth = {"Authorization": f"Bearer {app.state.server.tenants.create_key('fuzz').api_key}"}
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
        assert len(operations) >= 8
        for operation in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                if time.monotonic() - started > TIME_BUDGET_S:
                    break

                @given(case=operation.as_strategy(generation_mode=mode), _=st.just(None))
                @settings(max_examples=EXAMPLES_PER_MODE, deadline=None, database=None, derandomize=True,
                          suppress_health_check=list(HealthCheck))
                def exercise(case: schemathesis.Case, _: None) -> None:
                    response = case.call(headers=auth)
                    statuses[response.status_code] += 1
                    if response.status_code >= 500:
                        failures.append(f"{case.method} {case.path} → {response.status_code}: "
                                        f"{response.text[:200]}")

                try:
                    exercise()
                except Unsatisfiable:
                    assert mode is GenerationMode.NEGATIVE, operation.label  # nothing to break on a bare GET
    total = sum(statuses.values())
    print(f"{total} generated requests over {len(operations)} operations in "
          f"{time.monotonic() - started:.1f} s; statuses {dict(sorted(statuses.items()))}")
    assert not failures, "\n".join(sorted(set(failures))[:20])
    assert total >= 1_000
