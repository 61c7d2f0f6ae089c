"""The web page for people, rendered on the server, on the crawled seed store."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Tag
from fastapi.testclient import TestClient

from tests.web.conftest import SCRIPT, Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def web(crawled: Store) -> TestClient:
    return crawled.client()


def _page(web: TestClient, path: str, status: int = 200) -> BeautifulSoup:
    response = web.get(path)
    assert response.status_code == status, response.text[:2000]
    assert response.headers["content-type"].startswith("text/html")
    return BeautifulSoup(response.text, "html.parser")


def _href(node: object) -> str:
    assert isinstance(node, Tag), node
    value = node.get("href")
    assert isinstance(value, str), node
    return value


def _text(node: object) -> str:
    return " ".join(str(getattr(node, "get_text", lambda: node)()).split())


def test_dashboard_shows_followed_shows_with_stage_and_release(web: TestClient) -> None:
    page = _page(web, "/")
    groups = page.select("table.shows tbody.show")
    names = [_text(group.find("th")) for group in groups]
    assert sorted(names) == ["Jessica Jones", "The Defenders"]
    defenders = groups[names.index("The Defenders")]
    row = _text(defenders)
    assert "season 1" in row
    assert "wrapped" in row
    assert "2017" in row
    assert defenders.find("a", href="/shows/The%20Defenders") is not None
    assert "Luke Cage" not in _text(page.select_one("table.shows"))
    # The newest changes first: the shows' latest change links, by event id, descending.
    latest = [
        max(int(_href(a).split("#event-")[1]) for a in group.select("td.change a"))
        for group in groups
    ]
    assert latest == sorted(latest, reverse=True)


def test_dashboard_can_show_every_show(web: TestClient) -> None:
    page = _page(web, "/?all=1")
    names = [_text(group.find("th")) for group in page.select("table.shows tbody.show")]
    assert {"Luke Cage", "Iron Fist", "The Defenders"} <= set(names)


def test_show_page_has_each_step_with_highlighted_evidence_and_article(
    web: TestClient, crawled: Store
) -> None:
    page = _page(web, "/shows/The%20Defenders")
    assert _text(page.find("h1")) == "The Defenders"
    steps = page.select("ol.timeline li.step")
    headings = [_text(step.find("h3")) for step in steps]
    assert "Stage: pre-production → wrapped" in headings
    wrapped = steps[headings.index("Stage: pre-production → wrapped")]
    marked = _text(wrapped.select_one("blockquote.evidence mark"))
    assert "has just wrapped up with its filming" in marked
    assert crawled.articles is not None
    second = crawled.articles["second"]
    link = wrapped.select_one("p.source a")
    assert link is not None
    assert link["href"] == crawled.site_url + second.path
    assert _text(link) == second.headline
    # Stages and release windows, oldest first.
    assert headings.index("Stage: pre-production") < headings.index(
        "Stage: pre-production → wrapped"
    )
    assert any(h.startswith("Release window:") for h in headings)


def test_a_show_is_found_by_alias_and_an_unknown_one_is_a_404_page(web: TestClient) -> None:
    page = _page(web, "/shows/Marvel's%20The%20Defenders")
    assert _text(page.find("h1")) == "The Defenders"
    missing = _page(web, "/shows/Nobody%20Knows", status=404)
    assert "Nobody Knows" in _text(missing.select_one("p.error"))


def test_search_page_finds_articles_and_highlights_the_words(
    web: TestClient, crawled: Store
) -> None:
    assert crawled.articles is not None
    page = _page(web, "/articles?q=wrapped+up")
    results = page.select("ol.results li.result")
    assert [_text(r.find("h2")) for r in results] == [crawled.articles["second"].headline]
    assert [_text(m).lower() for m in results[0].select("p.snippet mark")][:2] == [
        "wrapped",
        "up",
    ]
    form = page.select_one("form.search")
    assert form is not None
    assert form.select_one("input[name=q]") == page.select_one('input[value="wrapped up"]')


def test_search_page_shows_copies_linked_to_their_original(web: TestClient) -> None:
    page = _page(web, "/articles")
    copies = [r for r in page.select("li.result") if "Copy of" in _text(r)]
    assert len(copies) == 1
    assert _href(copies[0].select_one("p.dup a")).startswith("/articles/")


def test_article_text_and_evidence_are_escaped(web: TestClient) -> None:
    response = web.get("/articles", params={"q": "paste code into their stories"})
    assert response.status_code == 200
    assert SCRIPT not in response.text
    assert "&lt;script&gt;" in response.text
    page = BeautifulSoup(response.text, "html.parser")
    assert page.find("script") is None
    link = next(a for a in page.select("li.result h2 a") if "script" in _text(a))
    article = web.get(link["href"])
    assert article.status_code == 200
    assert SCRIPT not in article.text
    assert BeautifulSoup(article.text, "html.parser").find("script") is None
    assert SCRIPT in _text(BeautifulSoup(article.text, "html.parser").find("h1"))


def test_article_page_marks_what_was_read_from_it(web: TestClient) -> None:
    page = _page(web, "/shows/The%20Defenders")
    wrapped = next(s for s in page.select("li.step") if "→ wrapped" in _text(s.find("h3")))
    stored = wrapped.find("a", string=re.compile("stored copy"))
    article = _page(web, _href(stored))
    marks = [_text(m) for m in article.select("div.text mark")]
    assert any("has just wrapped up with its filming" in m for m in marks)
    assert "The Defenders (season 1): pre-production → wrapped" in _text(
        article.select_one("section.caused")
    )


def test_sources_page_lists_sources_and_deliveries(web: TestClient) -> None:
    page = _page(web, "/sources")
    rows = {_text(r.select_one("th a")): r for r in page.select("table.sources tbody tr")}
    assert set(rows) == {"seed-news", "gone-news"}
    assert [_text(td) for td in rows["seed-news"].select("td.num")] == ["4", "1"]
    assert _text(rows["seed-news"].select_one(".health")) == "ok"
    assert _text(rows["gone-news"].select_one(".health")) == "never polled"
    statuses = {_text(s) for s in page.select("section.deliveries .delivery")}
    assert "sent" in statuses
    assert statuses - {"sent"}


def test_bad_page_parameters_get_a_422_page(web: TestClient) -> None:
    page = _page(web, "/articles?from=someday", status=422)
    assert "'from'" in _text(page.select_one("p.error"))


def test_the_page_needs_no_javascript(web: TestClient) -> None:
    for path in ("/", "/shows/The%20Defenders", "/articles?q=Defenders", "/sources"):
        page = _page(web, path)
        assert page.find("script") is None
        assert _href(page.find("link", rel="stylesheet")) == "/static/style.css"
    css = web.get("/static/style.css")
    assert css.status_code == 200
    assert "mark" in css.text


def test_docs_page_lists_every_api_operation_with_its_parameters(web: TestClient) -> None:
    schema = web.get("/api/v1/openapi.json").json()
    soup = _page(web, "/docs")
    shown = {_text(h2) for h2 in soup.select("section.api-operation h2")}
    expected = {
        f"{method.upper()} {path}"
        for path, methods in schema["paths"].items()
        for method in methods
    }
    assert shown == expected
    events = soup.find("section", id="GET--api-v1-events")
    assert isinstance(events, Tag)
    names = {_text(code) for code in events.select("table.api-parameters th code")}
    assert {"since", "show"} <= names
    assert not soup.find("script", src=True), "the reference loads no script"
