"""Bad query parameters are a 422 naming the parameter, never a 500.

The cases once answered with 500 are checked one by one (over real HTTP to
``newsmon serve`` as well); then Hypothesis throws arbitrary text, crafted
cursors and edge-of-range datetimes at every listing of the API and the
pages.
"""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.conftest import Store
from tests.web.server import serving


def _cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.fixture(scope="module")
def client(synthetic: Store) -> TestClient:
    return TestClient(synthetic.app(), base_url="http://127.0.0.1", raise_server_exceptions=False)


def _assert_422(response: httpx.Response, name: str) -> None:
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["status"] == 422
    assert error["details"][0]["name"] == name
    assert f"'{name}'" in error["message"]


@pytest.mark.parametrize(
    ("path", "cursor"),
    [
        ("/api/v1/events", _cursor("easc:²")),
        ("/api/v1/events", _cursor("easc:١٢")),
        ("/api/v1/events", _cursor("edesc:1" + "0" * 18)),
        ("/api/v1/deliveries", _cursor("d:³")),
        ("/api/v1/articles", _cursor("a:2017-03-24:²")),
        ("/api/v1/articles", _cursor("a:2017-03-24:٣")),
        ("/api/v1/articles?q=studio", _cursor("s:⁴")),
    ],
)
def test_a_cursor_with_other_digits_is_a_422(client: TestClient, path: str, cursor: str) -> None:
    separator = "&" if "?" in path else "?"
    _assert_422(client.get(f"{path}{separator}cursor={cursor}"), "cursor")


@pytest.mark.parametrize(
    "since",
    [
        "9999-12-31T23:59:59-14:00",
        "9999-12-31T23:59:59-00:01",
        "0001-01-01T00:00:00+14:00",
        "0001-01-01T00:00:00+00:01",
    ],
)
def test_since_beyond_the_range_of_utc_is_a_422(client: TestClient, since: str) -> None:
    response = client.get("/api/v1/events", params={"since": since})
    _assert_422(response, "since")
    assert "out of range" in response.json()["error"]["message"]


def test_since_at_the_very_edge_still_works(client: TestClient) -> None:
    late = client.get("/api/v1/events", params={"since": "9999-12-31T23:59:59Z"})
    assert late.status_code == 200
    assert late.json()["items"] == []
    early = client.get("/api/v1/events", params={"since": "0001-01-01T00:00:00-14:00"})
    assert early.status_code == 200
    assert early.json()["items"]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/events", "/api/v1/articles", "/api/v1/articles?q=studio", "/api/v1/deliveries"],
)
def test_an_empty_cursor_is_the_first_page(client: TestClient, path: str) -> None:
    first = client.get(path)
    separator = "&" if "?" in path else "?"
    empty = client.get(f"{path}{separator}cursor=")
    assert empty.status_code == 200
    assert empty.json() == first.json()
    assert first.json()["items"]


def test_the_reported_cases_over_real_http(tmp_path: Path) -> None:
    config = tmp_path / "newsmon.yaml"
    config.write_text(yaml.safe_dump({"database_url": f"sqlite:///{tmp_path / 'store.db'}"}))
    with serving(config) as served:
        base = served.base + "/api/v1"
        since = httpx.get(base + "/events", params={"since": "9999-12-31T23:59:59-14:00"})
        _assert_422(since, "since")
        cursor = httpx.get(base + "/articles", params={"cursor": _cursor("a:2017-03-24:²")})
        _assert_422(cursor, "cursor")
        assert httpx.get(base + "/events?cursor=").status_code == 200
    assert "Traceback" not in served.stderr


# --- generated parameters -----------------------------------------------------

TEXT = st.text(max_size=40)
# Digits of every kind: str.isdigit() takes superscripts, int() does not.
DIGITS = st.one_of(
    st.text(alphabet="0123456789²³¹⁴٣١٢٠߀", min_size=1, max_size=20),
    st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=20),
)
CURSORS = st.one_of(
    TEXT,
    st.builds(
        lambda kind, value: _cursor(f"{kind}:{value}"),
        st.sampled_from(["easc", "edesc", "d", "s", "a:2017-03-24", "a:9999-12-31"]),
        st.one_of(DIGITS, TEXT),
    ),
)
OFFSETS = st.integers(min_value=-14 * 60 + 1, max_value=14 * 60 - 1).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
MOMENTS = st.one_of(
    st.sampled_from([dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59, 59)]),
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59, 59)),
)
DATETIMES = st.builds(lambda moment, zone: moment.replace(tzinfo=zone), MOMENTS, OFFSETS).map(
    lambda value: value.isoformat()
)
DATES = st.one_of(st.dates().map(str), TEXT)
NUMBERS = st.one_of(st.integers().map(str), TEXT)

LISTINGS: dict[str, dict[str, Any]] = {
    "/api/v1/events": {
        "show": TEXT,
        "facet": TEXT,
        "since": st.one_of(DATETIMES, TEXT),
        "certainty": TEXT,
        "order": st.sampled_from(["asc", "desc", "", "x"]),
        "cursor": CURSORS,
        "limit": NUMBERS,
    },
    "/api/v1/articles": {
        "q": TEXT,
        "source": TEXT,
        "from": DATES,
        "to": DATES,
        "cursor": CURSORS,
        "limit": NUMBERS,
    },
    "/api/v1/deliveries": {
        "status": TEXT,
        "channel": TEXT,
        "event_id": NUMBERS,
        "cursor": CURSORS,
        "limit": NUMBERS,
    },
    "/api/v1/shows": {"followed": TEXT, "limit": NUMBERS, "offset": NUMBERS},
    "/feeds/events.atom": {"limit": NUMBERS},
    "/articles": {"q": TEXT, "source": TEXT, "from": DATES, "to": DATES, "cursor": CURSORS},
    "/": {"all": TEXT, "page": NUMBERS},
    "/sources": {"status": TEXT, "channel": TEXT, "event_id": NUMBERS, "cursor": CURSORS},
}


def _queries(path: str) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({}, optional=LISTINGS[path])


@pytest.mark.parametrize("path", sorted(LISTINGS))
def test_generated_parameters_never_get_a_500(client: TestClient, path: str) -> None:
    @given(query=_queries(path))
    @settings(
        max_examples=100,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(query: dict[str, str]) -> None:
        response = client.get(path, params=query)
        assert response.status_code in (200, 422), (query, response.text[:500])
        if path.startswith(("/api/", "/feeds/")) and response.status_code == 422:
            assert response.json()["error"]["details"], response.text

    check()


@given(since=DATETIMES, order=st.sampled_from(["asc", "desc"]), cursor=CURSORS)
@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_generated_times_and_cursors_alone_never_get_a_500(
    client: TestClient, since: str, order: str, cursor: str
) -> None:
    for query in ({"since": since}, {"order": order, "cursor": cursor}):
        response = client.get("/api/v1/events", params=query)
        assert response.status_code in (200, 422), (query, response.text[:500])
    for path in ("/api/v1/articles", "/api/v1/deliveries", "/articles"):
        response = client.get(path, params={"cursor": cursor})
        assert response.status_code in (200, 422), (path, cursor, response.text[:500])
