"""The sources page and API judge health as the service does: by poll_failed and the schedule.

A source on a daily cron is not stale a few hours after its poll; a poll
the service killed failed, whatever its counts; an interval source three
polls overdue is stale. Each source shows its feeds, schedule, last and next
poll.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from fastapi.testclient import TestClient

from newsmon.config import Settings, SourceConfig
from newsmon.storage.db import open_database, unit_of_work
from newsmon.storage.polls import record_poll
from newsmon.web.app import create_app
from tests.web.conftest import Store

NOW = dt.datetime.now(dt.UTC)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    workdir = tmp_path_factory.mktemp("sources")
    settings = Settings(
        database_url=f"sqlite:///{workdir / 'store.db'}",
        sources=[
            SourceConfig(name="daily-news", feeds=["https://daily.example/feed"], cron="0 6 * * *"),
            SourceConfig(name="killed-news", sitemaps=["https://killed.example/sitemap.xml"]),
            SourceConfig(name="hourly-news", feeds=["https://hourly.example/rss"], interval=3600),
            SourceConfig(
                name="private-news",
                feeds=["https://reader:hunter2-pass@private.example/feed?api_key=hunter3-key&n=5"],
            ),
        ],
    )
    _engine, sessions = open_database(settings.database_url)
    with unit_of_work(sessions) as session:
        last_daily = (NOW - dt.timedelta(days=1)).replace(hour=6, minute=0, second=5)
        if NOW - last_daily > dt.timedelta(days=1):
            last_daily += dt.timedelta(days=1)
        record_poll(
            session,
            source="daily-news",
            started_at=last_daily,
            finished_at=last_daily + dt.timedelta(minutes=2),
            pages=4,
            stored=2,
            finish_reason="finished",
        )
        record_poll(
            session,
            source="killed-news",
            started_at=NOW - dt.timedelta(minutes=20),
            finished_at=NOW - dt.timedelta(minutes=10),
            pages=7,
            stored=0,
            finish_reason="killed",
        )
        record_poll(
            session,
            source="hourly-news",
            started_at=NOW - dt.timedelta(hours=4),
            finished_at=NOW - dt.timedelta(hours=4) + dt.timedelta(minutes=1),
            pages=3,
            stored=1,
            finish_reason="finished",
        )
    return TestClient(create_app(settings, sessions), base_url="http://127.0.0.1")


def _sources(client: TestClient) -> dict[str, Any]:
    return {source["name"]: source for source in client.get("/api/v1/sources").json()}


def test_a_cron_source_is_judged_by_its_cron(client: TestClient) -> None:
    daily = _sources(client)["daily-news"]
    assert daily["health"] == "ok"
    assert daily["schedule"] == "cron 0 6 * * * (UTC)"
    next_poll = dt.datetime.fromisoformat(daily["next_poll_at"].replace("Z", "+00:00"))
    assert next_poll > NOW
    assert (next_poll.hour, next_poll.minute) == (6, 0)


def test_a_killed_poll_failed_whatever_its_counts(client: TestClient) -> None:
    killed = _sources(client)["killed-news"]
    assert killed["health"] == "failing"
    assert "killed" in killed["problem"]
    assert killed["schedule"] == "every 15 minutes"
    assert killed["feeds"] == ["https://killed.example/sitemap.xml"]


def test_an_interval_source_three_polls_overdue_is_stale(client: TestClient) -> None:
    hourly = _sources(client)["hourly-news"]
    assert hourly["health"] == "stale"
    assert "not polled for 4 hours" in hourly["problem"]
    assert hourly["schedule"] == "every 1 hour"


def _text(row: Tag, selector: str) -> str:
    found = row.select_one(selector)
    assert found is not None, f"no {selector} in {row}"
    return found.get_text()


def test_the_page_shows_feeds_schedule_and_polls(client: TestClient) -> None:
    response = client.get("/sources")
    page = BeautifulSoup(response.text, "html.parser")
    rows = {_text(row, "th a"): row for row in page.select("table.sources tbody tr")}
    daily = rows["daily-news"]
    assert _text(daily, ".health") == "ok"
    assert "https://daily.example/feed" in _text(daily, "ul.feeds")
    assert "cron 0 6 * * * (UTC)" in daily.get_text()
    assert _text(daily, "time.next-poll").startswith("in ")
    killed = rows["killed-news"]
    assert _text(killed, ".health") == "failing"
    assert "the last poll failed" in _text(killed, ".problem")
    assert "stale" in _text(rows["hourly-news"], ".health")
    # A feed URL's password is not shown.
    assert "hunter2-pass" not in response.text
    assert "hunter3-key" not in response.text
    assert "hunter3-key" not in client.get("/api/v1/sources").text
    assert "reader:***@private.example" in rows["private-news"].get_text()


def test_deliveries_are_filtered_and_paged_on_the_page(synthetic: Store) -> None:
    client = synthetic.client()
    api = client.get("/api/v1/deliveries", params={"status": "failed", "limit": 500}).json()
    expected = [item["event_id"] for item in api["items"]]
    assert len(expected) > 20
    seen: list[int] = []
    url: str | None = "/sources?status=failed&channel=&event_id="
    pages = 0
    while url is not None:
        page = BeautifulSoup(client.get(url).text, "html.parser")
        rows = page.select("#deliveries tr.delivery-row")
        assert rows
        assert {_text(row, ".delivery") for row in rows} == {"failed"}
        links = [row.select_one("td a") for row in rows]
        seen += [int(str(link["href"]).rsplit("#event-", 1)[1]) for link in links if link]
        selected = page.select_one('select[name="status"] option[selected]')
        assert selected is not None
        assert selected["value"] == "failed"
        link = page.select_one('#deliveries a[rel="next"]')
        url = str(link["href"]) if link is not None else None
        pages += 1
    assert seen == expected
    assert pages == -(-len(expected) // 20)
    first = api["items"][0]["event_id"]
    one = BeautifulSoup(client.get(f"/sources?event_id={first}").text, "html.parser")
    labels = {_text(row, "td a") for row in one.select("#deliveries tr.delivery-row")}
    # The alert in words, one arrow: "Show 059 (season 2): pre-production → filming".
    summary = api["items"][0]["event_summary"]
    assert labels == {summary.replace(" -> ", " → ")}


@pytest.mark.parametrize(
    "query", ["status=lost", "event_id=x", "event_id=%C2%B2", "event_id=0", "cursor=%C2%B2"]
)
def test_a_bad_delivery_filter_is_a_422_page(synthetic: Store, query: str) -> None:
    response = synthetic.client().get(f"/sources?{query}")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
