"""The JSON API on a store filled by two real crawls of the seed articles."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import SCRIPT, Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def api(crawled: Store) -> TestClient:
    return crawled.client()


def _get(api: TestClient, path: str, **params: Any) -> Any:
    response = api.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_shows_give_the_current_state_per_season_newest_change_first(api: TestClient) -> None:
    listing = _get(api, "/api/v1/shows")
    shows = {item["show"]: item for item in listing["items"]}
    assert listing["total"] == len(shows) >= 6
    defenders = shows["The Defenders"]
    [season] = defenders["seasons"]
    assert season["season"] == 1
    assert season["stage"]["value"] == "wrapped"
    assert season["stage"]["certainty"] == "confirmed"
    assert season["release"]["value"] == "2017"
    assert defenders["followed"] is True
    assert shows["Luke Cage"]["followed"] is False
    # Newest change first: the order of each show's latest event id, descending.
    latest = [item["last_change"]["id"] for item in listing["items"]]
    assert latest == sorted(latest, reverse=True)


def test_followed_shows_are_those_of_the_alert_subscriptions(api: TestClient) -> None:
    listing = _get(api, "/api/v1/shows", followed="true")
    assert sorted(item["show"] for item in listing["items"]) == ["Jessica Jones", "The Defenders"]


def test_a_show_is_found_by_alias_and_ignoring_case(api: TestClient) -> None:
    show = _get(api, "/api/v1/shows/marvel's the defenders")
    assert show["show"] == "The Defenders"
    latest = _get(api, "/api/v1/events", show="The Defenders", order="desc", limit=1)["items"]
    assert show["last_change"] == latest[0]
    assert show["last_change"]["summary"].startswith("The Defenders (season 1): ")


def test_the_defenders_timeline_shows_how_it_got_wrapped(api: TestClient, crawled: Store) -> None:
    timeline = _get(api, "/api/v1/shows/The Defenders/timeline")
    assert timeline["show"] == "The Defenders"
    events = [e for e in timeline["entries"] if e["kind"] == "event" and e["facet"] == "stage"]
    assert [(e["from"], e["to"]) for e in events] == [
        (None, "pre_production"),
        ("pre_production", "wrapped"),
    ]
    wrapped = events[-1]
    assert "has just wrapped up with its filming" in wrapped["evidence"]
    assert crawled.articles is not None
    second = crawled.articles["second"]
    assert wrapped["article"]["url"] == crawled.site_url + second.path
    assert wrapped["article"]["headline"] == second.headline
    # Oldest first, and every event comes with the claim that caused it.
    as_of = [entry["as_of"] for entry in timeline["entries"]]
    assert as_of == sorted(as_of)
    claim_ids = {e["id"] for e in timeline["entries"] if e["kind"] == "claim"}
    assert all(e["claim_id"] in claim_ids for e in timeline["entries"] if e["kind"] == "event")


def test_an_unknown_show_is_a_json_404(api: TestClient) -> None:
    response = api.get("/api/v1/shows/No Such Show/timeline")
    assert response.status_code == 404
    assert response.json()["error"]["message"].startswith("no show 'No Such Show'")


def test_events_filter_by_show_facet_and_certainty(api: TestClient) -> None:
    everything = _get(api, "/api/v1/events", limit=500)["items"]
    assert len(everything) >= 14
    stage = _get(api, "/api/v1/events", show="Defenders", facet="stage")
    assert stage["items"] == []  # "Defenders" alone is not a title or alias
    stage = _get(api, "/api/v1/events", show="the defenders", facet="stage")["items"]
    assert [e["to"] for e in stage] == ["pre_production", "wrapped"]
    confirmed = _get(api, "/api/v1/events", certainty="confirmed", limit=500)["items"]
    assert confirmed
    assert {e["certainty"] for e in confirmed} == {"confirmed"}
    assert len(confirmed) < len(everything)
    either = _get(api, "/api/v1/events", certainty=["confirmed", "expected"], limit=500)["items"]
    assert {e["certainty"] for e in either} <= {"confirmed", "expected"}
    assert len(confirmed) < len(either)


def test_events_pages_follow_the_cursor_without_gaps_or_repeats(api: TestClient) -> None:
    everything = [e["id"] for e in _get(api, "/api/v1/events", limit=500)["items"]]
    seen: list[int] = []
    cursor = None
    for _ in range(20):
        page = _get(api, "/api/v1/events", limit=4, **({"cursor": cursor} if cursor else {}))
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert seen == everything
    # The last cursor still works later: it gives only what came after.
    assert _get(api, "/api/v1/events", cursor=cursor)["items"] == []


def test_events_since_a_time(api: TestClient) -> None:
    assert _get(api, "/api/v1/events", since="2999-01-01T00:00:00Z")["items"] == []
    assert _get(api, "/api/v1/events", since="2000-01-01")["items"]


def test_articles_search_and_links_between_copies(api: TestClient, crawled: Store) -> None:
    assert crawled.articles is not None
    found = _get(api, "/api/v1/articles", q="wrapped up")["items"]
    assert [a["headline"] for a in found] == [crawled.articles["second"].headline]
    assert "wrapped up" in found[0]["snippet"]
    listing = _get(api, "/api/v1/articles")["items"]
    copies = [a for a in listing if a["duplicate_of"] is not None]
    assert len(copies) == 1
    original = next(a for a in listing if a["id"] == copies[0]["duplicate_of"]["id"])
    assert [c["id"] for c in original["duplicates"]] == [copies[0]["id"]]


def test_articles_filter_by_source_and_date(api: TestClient, crawled: Store) -> None:
    assert crawled.articles is not None
    second = crawled.articles["second"]
    day = second.published.isoformat()
    on_day = _get(api, "/api/v1/articles", **{"from": day, "to": day})["items"]
    assert [a["headline"] for a in on_day] == [second.headline]
    assert len(_get(api, "/api/v1/articles", source="seed-news")["items"]) == 4
    assert _get(api, "/api/v1/articles", source="gone-news")["items"] == []
    searched = _get(api, "/api/v1/articles", q="Defenders", **{"to": "2017-01-01"})["items"]
    assert all(a["published"] <= "2017-01-01" for a in searched)


def test_an_article_in_full_keeps_markup_as_text(api: TestClient) -> None:
    hits = _get(api, "/api/v1/articles", q="paste code into their stories")["items"]
    [hit] = [a for a in hits if SCRIPT in a["headline"]]
    assert SCRIPT in hit["snippet"]
    article = _get(api, f"/api/v1/articles/{hit['id']}")
    assert SCRIPT in article["headline"]
    assert SCRIPT in article["text"]


def test_the_article_behind_a_change_lists_its_claims_and_events(api: TestClient) -> None:
    stage = _get(api, "/api/v1/events", show="The Defenders", facet="stage")["items"]
    article = _get(api, f"/api/v1/articles/{stage[-1]['article']['id']}")
    assert stage[-1]["id"] in [e["id"] for e in article["events"]]
    assert any(c["show"] == "The Defenders" and c["value"] == "wrapped" for c in article["claims"])


def test_sources_report_each_crawl_and_their_counts(api: TestClient) -> None:
    sources = {s["name"]: s for s in _get(api, "/api/v1/sources")}
    seed = sources["seed-news"]
    assert seed["configured"] is True
    assert (seed["articles"], seed["duplicates"]) == (4, 1)
    # Both crawls were recorded: the last one fetched the feed and two new articles.
    assert (seed["health"], seed["recent_polls"], seed["recent_failed"]) == ("ok", 2, 0)
    assert seed["last_poll"]["pages"] >= 3
    assert seed["last_poll"]["stored"] == 2
    assert seed["last_poll"]["errors"] == {}
    assert seed["last_polled_at"] == seed["last_poll"]["finished_at"]
    gone = sources["gone-news"]
    assert (gone["health"], gone["articles"], gone["last_poll"]) == ("never_polled", 0, None)


def test_deliveries_show_status_and_attempts(api: TestClient) -> None:
    deliveries = _get(api, "/api/v1/deliveries", limit=500)["items"]
    followed = {"Jessica Jones", "The Defenders"}
    assert deliveries
    assert all(d["event_summary"].split(" (")[0] in followed for d in deliveries)
    sent = [d for d in deliveries if d["status"] == "sent"]
    waiting = [d for d in deliveries if d["status"] != "sent"]
    assert sent
    assert all(d["attempts"] >= 1 and d["sent_at"] for d in sent)
    # The webhook on a closed port: tried, failed, waiting for a retry.
    assert waiting
    assert all(d["attempts"] >= 1 and d["last_error"] for d in waiting)
    assert _get(api, "/api/v1/deliveries", status="sent", limit=500)["items"] == sent


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        ("/api/v1/events", {"since": "last tuesday"}, "since"),
        ("/api/v1/events", {"since": "300.0"}, "since"),  # not seconds since 1970
        ("/api/v1/events", {"facet": "mood"}, "facet"),
        ("/api/v1/events", {"certainty": "sure"}, "certainty"),
        ("/api/v1/events", {"limit": "0"}, "limit"),
        ("/api/v1/events", {"cursor": "bm90LWEtY3Vyc29y"}, "cursor"),
        ("/api/v1/articles", {"from": "2017-13-01"}, "from"),
        ("/api/v1/articles", {"from": "2018-01-01", "to": "2017-01-01"}, "from"),
        ("/api/v1/articles", {"cursor": "!!"}, "cursor"),
        ("/api/v1/deliveries", {"status": "lost"}, "status"),
        ("/api/v1/articles/0", {}, "article_id"),
        ("/api/v1/articles", {"q": ["wrapped", "filming"]}, "q"),
    ],
)
def test_bad_parameters_are_422_naming_the_parameter(
    api: TestClient, path: str, params: dict[str, Any], name: str
) -> None:
    response = api.get(path, params=params)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["status"] == 422
    assert f"'{name}'" in error["message"]
    assert any(detail["name"] == name for detail in error["details"])


def test_the_openapi_schema_describes_every_endpoint(api: TestClient) -> None:
    schema = _get(api, "/api/v1/openapi.json")
    paths = set(schema["paths"])
    assert {
        "/api/v1/shows",
        "/api/v1/shows/{show}",
        "/api/v1/shows/{show}/timeline",
        "/api/v1/events",
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
        "/api/v1/sources",
        "/api/v1/deliveries",
        "/feeds/events.atom",
        "/feeds/shows/{show}.atom",
    } <= paths
    assert not any(path.startswith(("/shows", "/articles", "/sources", "/login")) for path in paths)
