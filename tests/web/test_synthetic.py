"""Paging, sources' health and deliveries on a larger store made without the detector."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from fastapi.testclient import TestClient

from newsmon.config import ServiceConfig
from tests.web import synthetic as data
from tests.web.conftest import Store


@pytest.fixture(scope="module")
def client(synthetic: Store) -> TestClient:
    return synthetic.client()


def _show(group: Tag) -> str:
    heading = group.find("th")
    assert heading is not None
    return heading.get_text(strip=True)


def _json(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_sources_report_their_last_poll_errors_and_health(client: TestClient) -> None:
    sources = {s["name"]: s for s in _json(client, "/api/v1/sources")}
    assert list(sources) == data.SOURCES
    assert sources["alpha-news"]["health"] == "ok"
    beta = sources["beta-news"]
    assert beta["health"] == "failing"
    assert beta["last_poll"]["errors"] == {"http_404": 3, "timeout": 1}
    assert beta["failing_streak"] == 2
    assert beta["recent_failed"] == beta["recent_polls"] == 2
    assert sources["gamma-news"]["health"] == "never_polled"
    assert sources["alpha-news"]["articles"] + beta["articles"] == 150
    page = BeautifulSoup(client.get("/sources").text, "html.parser")
    row = next(r for r in page.select("table.sources tbody tr") if "beta-news" in r.get_text())
    assert "http 404: 3" in row.get_text()
    assert "failing" in str(row.select_one(".health"))


def test_a_source_not_polled_for_three_intervals_is_stale(synthetic: Store) -> None:
    client = synthetic.client(service=ServiceConfig(poll_interval=0.01))
    sources = {s["name"]: s for s in _json(client, "/api/v1/sources")}
    assert sources["alpha-news"]["health"] == "stale"


def test_delivery_targets_never_show_their_secrets(client: TestClient) -> None:
    listing = _json(client, "/api/v1/deliveries", limit=500)
    assert len(listing["items"]) == 210
    assert {d["status"] for d in listing["items"]} == {"pending", "sent", "failed"}
    failed = _json(client, "/api/v1/deliveries", status="failed", limit=500)["items"]
    assert all(d["attempts"] == 5 and d["last_error"] for d in failed)
    page = client.get("/sources").text
    for secret in ("secret-key", "abc123", "private-path"):
        assert secret not in str(listing)
        assert secret not in page


def _every_page(client: TestClient, path: str, **params: Any) -> list[Any]:
    items: list[Any] = []
    cursor = None
    for _ in range(100):
        page = _json(client, path, **params, **({"cursor": cursor} if cursor else {}))
        items += page["items"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return items
    raise AssertionError("the pages never end")


def test_deliveries_page_with_a_cursor(client: TestClient) -> None:
    seen = [d["id"] for d in _every_page(client, "/api/v1/deliveries", limit=64)]
    assert seen == sorted(seen, reverse=True)
    assert len(seen) == len(set(seen)) == 210


def test_articles_page_newest_first_without_gaps(client: TestClient) -> None:
    pages = _every_page(client, "/api/v1/articles", limit=40)
    seen = [(a["published"], a["id"]) for a in pages]
    assert len(seen) == len(set(seen)) == 150
    assert seen == sorted(seen, reverse=True)


def test_search_pages_with_filters(client: TestClient) -> None:
    wanted = _json(client, "/api/v1/articles", q="studio", source="alpha-news", limit=500)["items"]
    assert len(wanted) == 90
    paged = _every_page(client, "/api/v1/articles", q="studio", source="alpha-news", limit=25)
    assert [a["id"] for a in paged] == [a["id"] for a in wanted]
    window = _json(client, "/api/v1/articles", **{"from": "2020-02-01", "to": "2020-02-29"})
    assert window["items"]
    assert all("2020-02-01" <= a["published"] <= "2020-02-29" for a in window["items"])


def test_dashboard_pages_through_every_show(client: TestClient) -> None:
    followed = BeautifulSoup(client.get("/").text, "html.parser")
    names = [_show(g) for g in followed.select("tbody.show")]
    assert sorted(names) == [data.show_title(n) for n in range(0, data.SHOWS, 2)]
    assert followed.select_one("nav.pager") is None
    everything: list[str] = []
    for page in (1, 2):
        html = BeautifulSoup(client.get(f"/?all=1&page={page}").text, "html.parser")
        everything += [_show(g) for g in html.select("tbody.show")]
    assert sorted(everything) == [data.show_title(n) for n in range(data.SHOWS)]
    api = _json(client, "/api/v1/shows", limit=50, offset=50)
    assert api["total"] == 60
    assert [s["show"] for s in api["items"]] == everything[50:]


def test_timeline_keeps_claims_and_events_oldest_first(client: TestClient) -> None:
    timeline = _json(client, "/api/v1/shows/show 003/timeline")
    kinds = [(e["kind"], e["facet"], e["to"]) for e in timeline["entries"]]
    # On one day: the claims read, then the changes they caused.
    assert kinds[:4] == [
        ("claim", "stage", "announced"),
        ("claim", "release", "2021"),
        ("event", "stage", "announced"),
        ("event", "release", "2021"),
    ]
    stages = [
        e["to"] for e in timeline["entries"] if e["kind"] == "event" and e["facet"] == "stage"
    ]
    assert stages == ["announced", "pre_production", "filming", "wrapped"]
