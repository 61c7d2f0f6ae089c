"""Atom feeds of change events, as a feed reader reads them (feedparser)."""

from __future__ import annotations

from typing import Any

import feedparser
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from newsmon.config import ApiConfig
from tests.web.conftest import TOKEN, Store

pytestmark = pytest.mark.slow


def _feed(client: TestClient, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    for key in ("id", "title", "updated"):
        assert parsed.feed.get(key), f"the feed has no {key}"
    assert parsed.feed.get("author")
    for entry in parsed.entries:
        for key in ("id", "title", "updated", "link"):
            assert entry.get(key), f"an entry has no {key}"
    return parsed


def test_feed_of_all_changes_is_valid_atom_newest_first(crawled: Store) -> None:
    client = crawled.client()
    feed = _feed(client, "/feeds/events.atom")
    events = client.get("/api/v1/events", params={"order": "desc", "limit": 50}).json()["items"]
    assert [entry.title for entry in feed.entries] == [event["summary"] for event in events]
    ids = [entry.id for entry in feed.entries]
    assert len(ids) == len(set(ids))
    # Ids are stable: a reader fetching again sees the same entries, not new ones.
    assert [entry.id for entry in _feed(client, "/feeds/events.atom").entries] == ids


def test_feed_of_one_show_has_its_changes_with_evidence_and_article(crawled: Store) -> None:
    feed = _feed(crawled.client(), "/feeds/shows/Marvel's%20The%20Defenders.atom")
    assert feed.feed.title == "newsmon: The Defenders"
    titles = [entry.title for entry in feed.entries]
    assert "The Defenders (season 1): pre-production -> wrapped" in titles
    assert all(title.startswith("The Defenders (season 1)") for title in titles)
    wrapped = feed.entries[titles.index("The Defenders (season 1): pre-production -> wrapped")]
    assert "has just wrapped up with its filming" in wrapped.summary
    assert crawled.articles is not None
    article_url = crawled.site_url + crawled.articles["second"].path
    assert article_url in [link.href for link in wrapped.links]
    assert wrapped.link.startswith("http://127.0.0.1/shows/The%20Defenders#event-")


def test_feed_of_an_unknown_show_is_a_404(crawled: Store) -> None:
    response = crawled.client().get("/feeds/shows/Nobody.atom")
    assert response.status_code == 404
    assert "Nobody" in response.json()["error"]["message"]


def test_feed_readers_give_the_token_in_the_url(synthetic: Store) -> None:
    client = synthetic.client(api=ApiConfig(token=SecretStr(TOKEN)))
    refused = client.get("/feeds/events.atom")
    assert refused.status_code == 401
    assert refused.json()["error"]["status"] == 401
    feed = _feed(client, f"/feeds/events.atom?token={TOKEN}")
    assert len(feed.entries) == 50
    # The token is never written into the feed itself.
    assert TOKEN not in client.get(f"/feeds/events.atom?token={TOKEN}").text
