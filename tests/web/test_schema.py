"""Schemathesis against the OpenAPI schema: generated requests never get a 500.

Every operation gets a bounded number of generated requests (25 valid and 25
invalid ones, some 20 s in all); each response must also be one the schema documents (status,
content type, body). The operations are walked by hand rather than with
``schema.parametrize()``, whose lazy fixture loading does not work on pytest 9.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from pydantic import SecretStr
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance
from schemathesis.core.parameters import ParameterLocation

from newsmon.config import ApiConfig
from tests.web.conftest import TOKEN, Store

pytestmark = pytest.mark.slow
EXAMPLES_PER_OPERATION = 25
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def web_schema(synthetic: Store) -> schemathesis.BaseSchema:
    # Schemathesis sends many wrong tokens on purpose: a 401 each, not the throttle's 429.
    app = synthetic.app(api=ApiConfig(token=SecretStr(TOKEN), login_attempts=1_000_000))
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


def _semantic_only(case: Any) -> list[Any]:
    # A cursor is opaque (only one the API gave out is valid) and "from" must not be
    # after "to": requests the schema cannot tell apart, rightly answered with 422.
    query = case.query or {}
    start, end = query.get("from"), query.get("to")
    if "cursor" in query or (start is not None and end is not None and str(start) > str(end)):
        return [positive_data_acceptance]
    return []


def _auth_for(case: Any) -> dict[str, str] | None:
    # A negative case may carry a broken Authorization header on purpose; replacing it
    # with the right token would send a valid request that the check still counts as
    # invalid (and a value such as show={} never reaches the wire), so it goes as made.
    if case.meta.is_negative_at(ParameterLocation.HEADER) and "Authorization" in (
        case.headers or {}
    ):
        return None
    return AUTH


def _operations(schema: schemathesis.BaseSchema) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_generated_requests_get_documented_answers_and_never_a_500(
    web_schema: schemathesis.BaseSchema, mode: GenerationMode
) -> None:
    operations = _operations(web_schema)
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            case.call_and_validate(headers=_auth_for(case), excluded_checks=_semantic_only(case))

        check()
