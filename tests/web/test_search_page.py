"""The search page says how many articles match and marks the words searched for."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from tests.web.conftest import Store


@pytest.fixture(scope="module")
def client(synthetic: Store) -> TestClient:
    return synthetic.client()


def _count(client: TestClient, url: str) -> tuple[str, int]:
    page = BeautifulSoup(client.get(url).text, "html.parser")
    status = page.select_one("p.count")
    assert status is not None
    return status.get_text(), len(page.select("li.result"))


def _api_total(client: TestClient, **params: str) -> int:
    total, cursor = 0, ""
    while True:
        page = client.get("/api/v1/articles", params={**params, "cursor": cursor, "limit": "500"})
        body = page.json()
        total += len(body["items"])
        if not body["next_cursor"]:
            return total
        cursor = body["next_cursor"]


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "studio"}, {"source": "alpha-news"}, {"q": "studio", "source": "beta-news"}],
)
def test_the_count_is_what_paging_reaches(client: TestClient, params: dict[str, str]) -> None:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    text, shown = _count(client, f"/articles?{query}")
    number = int(re.match(r"([\d,]+) articles?", text).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert number == _api_total(client, **params)
    assert shown == min(number, 50)
    if "q" in params:
        assert f"match “{params['q']}”" in text


def test_nothing_found_says_zero(client: TestClient) -> None:
    text, shown = _count(client, "/articles?q=zzzzqqq")
    assert text.startswith("0 articles match")
    assert shown == 0


def test_the_words_searched_for_are_marked_in_headline_and_snippet(client: TestClient) -> None:
    page = BeautifulSoup(client.get("/articles?q=production+studio").text, "html.parser")
    results = page.select("li.result")
    assert results
    for result in results:
        headline_marks = {mark.get_text().lower() for mark in result.select("h2 mark")}
        snippet_marks = {mark.get_text().lower() for mark in result.select(".snippet mark")}
        assert headline_marks == {"production"}
        assert snippet_marks <= {"production", "studio"}
        assert snippet_marks
