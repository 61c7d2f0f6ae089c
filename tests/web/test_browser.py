"""The web page in headless Chromium, JavaScript off: dashboard, a show, search, sources.

Runs Debian's chromium (``/usr/bin/chromium``) through Playwright against
``newsmon serve`` on the crawled seed store; a screenshot of each page is
saved under ``test-artifacts/``. Skipped where chromium is not installed,
except in CI, where it fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.web.conftest import Store

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
ARTICLE_PAGE = re.compile(r"/articles/\d+$")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but chromium is not installed (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path


@pytest.fixture(scope="module")
def server(crawled: Store) -> Iterator[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "newsmon", "--config", str(crawled.config), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        match = re.search(r"(http://127\.0\.0\.1:\d+)/", process.stdout.readline())
        assert match, process.stderr.read() if process.stderr else "no address printed"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                httpx.get(match.group(1) + "/static/style.css", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield match.group(1)
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        context = browser.new_context(
            base_url=server, java_script_enabled=False, viewport={"width": 1280, "height": 900}
        )
        yield context.new_page()
        context.close()
        browser.close()


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def test_dashboard_then_the_defenders_timeline(page: Any) -> None:
    page.goto("/")
    assert page.title() == "Dashboard · newsmon"
    table = page.locator("table.shows")
    assert table.locator("tbody.show th").all_inner_texts() != []
    defenders = table.locator("tbody.show", has_text="The Defenders")
    assert "wrapped" in defenders.inner_text()
    assert "2017" in defenders.inner_text()
    _shot(page, "dashboard")

    defenders.get_by_role("link", name="The Defenders").click()
    page.wait_for_url(re.compile(r"/shows/The%20Defenders$"))
    step = page.locator("li.step", has_text="pre-production → wrapped")
    assert step.count() == 1
    evidence = step.locator("blockquote.evidence mark").inner_text()
    assert "has just wrapped up with its filming" in evidence
    article = step.locator("p.source a").first
    assert article.get_attribute("href", timeout=5000).endswith("/seed-004.html")
    # The evidence really is highlighted: <mark> gets a background of its own.
    background = step.locator("mark").evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    _shot(page, "show")


def test_search_for_an_article(page: Any) -> None:
    page.goto("/")
    page.get_by_role("link", name="Search").click()
    page.get_by_label("Search").fill("wrapped up")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/articles\?q=wrapped"))
    results = page.locator("li.result")
    assert results.count() == 1
    assert page.locator("p.count").inner_text() == "1 article match “wrapped up”"
    assert "wrapped" in results.locator("mark").first.inner_text().lower()
    _shot(page, "search")
    results.locator("h2 a").click()
    page.wait_for_url(ARTICLE_PAGE)
    marks = page.locator("div.text mark").all_inner_texts()
    assert any("has just wrapped up with its filming" in text for text in marks)
    _shot(page, "article")


def test_sources_page(page: Any) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sources").click()
    page.wait_for_url(re.compile(r"/sources$"))
    names = page.locator("table.sources tbody th > a:first-child").all_inner_texts()
    assert sorted(names) == ["gone-news", "seed-news"]
    seed = page.locator("table.sources tbody tr", has_text="seed-news")
    assert "every 15 minutes" in seed.inner_text()
    assert seed.locator("ul.feeds li").count() == 1
    _shot(page, "sources")
    page.get_by_label("Status").select_option("pending")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"/sources\?status=pending"))
    statuses = page.locator("#deliveries tr.delivery-row .delivery").all_inner_texts()
    assert statuses
    assert set(statuses) == {"pending"}
    assert "→" in page.locator("#deliveries tr.delivery-row td").first.inner_text()
    _shot(page, "deliveries")


def test_the_security_policy_blocks_nothing_the_pages_use(page: Any) -> None:
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text))
    for path in ("/", "/shows/The%20Defenders", "/articles?q=wrapped", "/sources"):
        response = page.goto(path)
        assert "default-src 'none'" in response.headers["content-security-policy"]
        # The stylesheet is applied: the header's layout comes from /static/style.css.
        display = page.locator("header.site").evaluate("h => getComputedStyle(h).display")
        assert display != "block"
    assert [text for text in violations if "Content Security Policy" in text] == []


def test_follow_a_show_from_its_page_then_unfollow_it(page: Any) -> None:
    page.goto("/")
    followed = set(page.locator("table.shows tbody.show th a").all_inner_texts())
    counted = _following_count(page)
    page.goto("/?all=1")
    every = page.locator("table.shows tbody.show th a").all_inner_texts()
    others = [name for name in every if name not in followed]
    assert others, "the store has shows the subscriptions do not name"
    name = others[0]
    page.get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_url(re.compile(r"/shows/"))
    assert page.locator("span.tag.followed").count() == 0
    # The form posts and comes back to the same address: wait for the new state, not the URL.
    page.get_by_role("button", name="Follow").click()
    expect(page.locator("span.tag.followed")).to_have_text("followed")
    assert page.locator("h1").inner_text() == name
    expect(page.get_by_role("button", name="Unfollow")).to_have_count(1)
    _shot(page, "follow-show")

    # The dashboard lists it beside the shows the subscriptions follow; the count says so.
    page.goto("/")
    listed = set(page.locator("table.shows tbody.show th a").all_inner_texts())
    assert listed == followed | {name}
    assert _following_count(page) == counted + 1
    _shot(page, "follow-dashboard")

    page.locator("table.shows tbody.show th a", has_text=name).click()
    page.wait_for_url(re.compile(r"/shows/"))
    page.get_by_role("button", name="Unfollow").click()
    expect(page.get_by_role("button", name="Follow")).to_have_count(1)
    expect(page.locator("span.tag.followed")).to_have_count(0)
    page.goto("/")
    assert set(page.locator("table.shows tbody.show th a").all_inner_texts()) == followed


def _following_count(page: Any) -> int:
    found = re.search(r"Following (\d+) show", page.locator("p.lede").inner_text())
    assert found, page.locator("p.lede").inner_text()
    return int(found.group(1))


def test_the_article_page_ties_each_highlighted_sentence_to_its_claims(page: Any) -> None:
    page.goto("/articles?q=wrapped+up")
    page.locator("li.result h2 a").first.click()
    page.wait_for_url(ARTICLE_PAGE)
    marks = page.locator("div.text mark.sentence")
    assert marks.count() >= 1
    claims = page.locator("ol.claims li.claimed")
    assert claims.count() >= 1
    # Every highlighted sentence names the claims read from it, and each claim links back.
    for index in range(marks.count()):
        mark = marks.nth(index)
        number = mark.get_attribute("data-sentence")
        refs = mark.locator("xpath=following-sibling::sup[1]/a")
        assert refs.count() >= 1
        for ref in refs.all():
            claim = page.locator(f"li{ref.get_attribute('href')}")
            assert claim.count() == 1
            assert claim.locator("a.to-sentence").get_attribute("href") == f"#sentence-{number}"
    wrapped = claims.filter(has_text="wrapped").first
    wrapped.locator("a.to-sentence").click()
    target = page.locator("mark:target")
    assert "has just wrapped up with its filming" in target.inner_text()
    assert page.url.endswith(wrapped.locator("a.to-sentence").get_attribute("href"))
    _shot(page, "article-claims")
