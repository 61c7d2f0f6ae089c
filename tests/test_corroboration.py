"""A rumour is news once a second outlet carries it: corroboration through real crawls.

Two local news sites (two outlets) publish the same rumour, a syndicated copy
and then a confirmation; real `newsmon crawl` child processes read them, and
a real webhook receiver and SMTP server receive what is sent. A subscription
asking for ``min_sources: 2`` hears nothing until the second outlet, then
once, "reported by 2 outlets", with both articles linked; a subscription
without it hears the rumour at once; a later, firmer report raises the
state's certainty.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from newsmon.config import load_settings
from newsmon.localsite.receivers import SmtpSink, WebhookReceiver
from newsmon.localsite.site import NewsSite, SiteArticle
from newsmon.storage.db import open_database
from newsmon.web.app import create_app
from tests.crawler.crawlkit import REPO, child_env, prose

pytestmark = pytest.mark.slow

SECRET = "whsec_" + base64.b64encode(b"corroboration test secret, 32 b!").decode()
SHOW = "The Amber Lantern"
OTHER = "The Cedar Tide"
TODAY = dt.datetime.now(dt.UTC).date()


def _article(slug: str, news: str, *, seed: str | None = None) -> SiteArticle:
    return SiteArticle(
        slug=slug,
        published=TODAY,
        headline=f"{slug.replace('-', ' ').title()}",
        paragraphs=(prose(seed or slug)[0], news.format(title=SHOW), *prose(seed or slug)[1:]),
    )


RUMOUR_A = _article(
    "amber-rumour", 'Insiders say filming on the second season of "{title}" has wrapped.'
)
MORE_A = _article(
    "amber-more", 'Insiders say the second season of "{title}" has wrapped filming in Leith.'
)
COPY_ON_B = _article(
    "syndicated-amber",
    'Insiders say filming on the second season of "{title}" has wrapped.',
    seed="amber-rumour",
)
"""The same text as RUMOUR_A on the other site: a syndicated copy, one outlet."""
RUMOUR_B = _article(
    "our-amber-scoop",
    'According to several reports, the second season of "{title}" has wrapped filming.',
)
CONFIRMED_A = _article(
    "amber-confirmed",
    'Filming has wrapped on the second season of "{title}", the network said on Monday.',
)


@pytest.fixture
def sites() -> Iterator[tuple[NewsSite, NewsSite]]:
    first = NewsSite(name="Outlet A").start()
    second = NewsSite(name="Outlet B").start()
    yield first, second
    first.stop()
    second.stop()


@pytest.fixture
def hooks() -> Iterator[tuple[WebhookReceiver, WebhookReceiver]]:
    careful = WebhookReceiver(secret=SECRET).start()
    eager = WebhookReceiver(secret=SECRET).start()
    yield careful, eager
    careful.stop()
    eager.stop()


@pytest.fixture
def smtp() -> Iterator[SmtpSink]:
    sink = SmtpSink().start()
    yield sink
    sink.stop()


class Monitor:
    """A configuration with both sites and three channels, driven through `newsmon`."""

    def __init__(
        self,
        tmp_path: Path,
        sites: tuple[NewsSite, NewsSite],
        hooks: tuple[WebhookReceiver, WebhookReceiver],
        smtp: SmtpSink,
    ):
        self.tmp_path = tmp_path
        self.database_url = f"sqlite:///{tmp_path / 'store.db'}"
        catalog = tmp_path / "catalog.yaml"
        catalog.write_text(yaml.safe_dump([{"title": SHOW}, {"title": OTHER}]))
        careful, eager = hooks
        settings = {
            "database_url": self.database_url,
            "catalog": str(catalog),
            "sources": [
                {"name": "outlet-a", "feeds": [sites[0].feed_url], "baseline": False},
                {"name": "outlet-b", "feeds": [sites[1].feed_url], "baseline": False},
            ],
            "alerts": {
                "webhooks": [
                    {"url": careful.url, "secret": SECRET, "name": "careful"},
                    {"url": eager.url, "secret": SECRET, "name": "eager"},
                ],
                "email": {
                    "host": "127.0.0.1",
                    "port": smtp.port,
                    "security": "none",
                    "sender": "newsmon@example.test",
                    "recipients": ["me@example.test"],
                },
                "subscriptions": [
                    {"channels": ["webhook:careful", "email"], "min_sources": 2},
                    {"channels": ["webhook:eager"]},
                ],
            },
            "crawl": {"autothrottle": False},
        }
        self.config = tmp_path / "newsmon.yaml"
        self.config.write_text(yaml.safe_dump(settings))

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "newsmon", "--config", str(self.config), *args],
            cwd=REPO,
            env=child_env(self.tmp_path),
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done

    def status(self) -> dict[str, Any]:
        rows: list[dict[str, Any]] = json.loads(self.run("status", SHOW, "--json").stdout)
        (row,) = [row for row in rows if row["season"] == 2]
        return row

    def client(self) -> TestClient:
        settings = load_settings(self.config)
        self.engine, sessions = open_database(self.database_url)
        return TestClient(create_app(settings, sessions), base_url="http://127.0.0.1")


def _settle() -> None:
    time.sleep(0.3)


def _data(receiver: WebhookReceiver) -> list[dict[str, Any]]:
    return [hook.payload["data"] for hook in receiver.received]


def test_two_outlets_reporting_a_rumour_give_one_alert_saying_2_outlets(
    tmp_path: Path,
    sites: tuple[NewsSite, NewsSite],
    hooks: tuple[WebhookReceiver, WebhookReceiver],
    smtp: SmtpSink,
) -> None:
    site_a, site_b = sites
    careful, eager = hooks
    monitor = Monitor(tmp_path, sites, hooks, smtp)

    # The first outlet's rumour: the eager channel hears it, min_sources 2 waits.
    site_a.publish(RUMOUR_A)
    monitor.run("crawl")
    _settle()
    assert careful.received == []
    assert smtp.messages == []
    (first,) = _data(eager)
    assert (first["show"], first["season"], first["to"], first["certainty"]) == (
        SHOW,
        2,
        "wrapped",
        "rumored",
    )
    assert first["outlet_count"] == 1
    state = monitor.status()
    assert (state["stage"], state["certainty"], state["outlet_count"]) == ("wrapped", "rumored", 1)

    # The same outlet again, and a syndicated copy of its story on the other site: still one.
    site_a.publish(MORE_A)
    site_b.publish(COPY_ON_B)
    monitor.run("crawl")
    _settle()
    assert careful.received == []
    assert smtp.messages == []
    assert monitor.status()["outlet_count"] == 1

    # The second outlet's own report: one alert, saying 2 outlets and linking both.
    site_b.publish(RUMOUR_B)
    monitor.run("crawl")
    _settle()
    (alert,) = _data(careful)
    assert (alert["show"], alert["season"], alert["to"]) == (SHOW, 2, "wrapped")
    assert alert["outlet_count"] == 2
    links = {outlet["url"] for outlet in alert["outlets"]}
    assert links == {site_a.url + RUMOUR_A.path, site_b.url + RUMOUR_B.path}
    assert {outlet["outlet"] for outlet in alert["outlets"]} == {
        site_a.url.removeprefix("http://"),
        site_b.url.removeprefix("http://"),
    }
    assert all(hook.signature_valid for hook in careful.received)
    (mail,) = smtp.messages
    text = mail.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "reported by 2 outlets" in text
    assert site_a.url + RUMOUR_A.path in text
    assert site_b.url + RUMOUR_B.path in text
    assert len(eager.received) == 1
    assert monitor.status()["outlet_count"] == 2

    # A firmer report of the same value upgrades the state; nobody is alerted again.
    site_a.publish(CONFIRMED_A)
    monitor.run("crawl")
    _settle()
    state = monitor.status()
    assert (state["stage"], state["certainty"], state["outlet_count"]) == (
        "wrapped",
        "confirmed",
        2,
    )
    assert len(careful.received) == 1
    assert len(smtp.messages) == 1
    assert len(eager.received) == 1

    # The table, the API and the show page say who reported it.
    table = monitor.run("status", SHOW).stdout
    assert "outlet_count" in table.splitlines()[0]
    with monitor.client() as client:
        shown = client.get(f"/api/v1/shows/{SHOW}").json()
        (season,) = [s for s in shown["seasons"] if s["season"] == 2]
        assert season["stage"]["certainty"] == "confirmed"
        assert season["stage"]["outlet_count"] == 2
        assert {o["url"] for o in season["stage"]["outlets"]} == links
        events = client.get("/api/v1/events", params={"show": SHOW}).json()["items"]
        assert [e["outlet_count"] for e in events] == [2]
        page = client.get(f"/shows/{SHOW}").text
        assert "reported by 2 outlets" in page
        for link in links:
            assert f'href="{link}"' in page
    monitor.engine.dispose()
