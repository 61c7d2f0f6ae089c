"""`newsmon run` for real: a local site publishes an article, its alert arrives within
seconds, SIGTERM stops the service cleanly, and a restart carries on without repeating it.
"""

from __future__ import annotations

import base64
import datetime as dt
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from newsmon.localsite.receivers import WebhookReceiver
from newsmon.localsite.site import NewsSite, SiteArticle

pytestmark = pytest.mark.slow
SECRET = "whsec_" + base64.b64encode(b"service end-to-end secret, 32 b.").decode()
ARTICLE = SiteArticle(
    slug="lantern-keepers-wraps",
    published=dt.datetime.now(dt.UTC).date(),
    headline="The Lantern Keepers wraps its second season",
    paragraphs=(
        "Filming on the second season of The Lantern Keepers has wrapped, "
        "the studio confirmed on Monday.",
        "The cast thanked the crew in a short video posted after the last day on set, "
        "and the editors now have the winter to cut the eight episodes together.",
    ),
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for(predicate: Callable[[], Any], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return bool(predicate())


def _metric(port: int, name: str) -> float:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            text = response.read().decode()
    except (OSError, http.client.HTTPException):
        return -1  # not answering yet, or cut off: the callers ask again
    values = [line.rsplit(" ", 1) for line in text.splitlines() if line.startswith(name)]
    return sum(float(value) for key, value in values if key.split("{")[0] == name)


@pytest.fixture
def servers() -> Iterator[tuple[NewsSite, WebhookReceiver]]:
    site = NewsSite(name="Lantern Daily").start()
    receiver = WebhookReceiver(secret=SECRET).start()
    yield site, receiver
    site.stop()
    receiver.stop()


def _start(config: Path, workdir: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    return subprocess.Popen(
        [sys.executable, "-m", "newsmon", "--config", str(config), "--log-format", "json", "run"],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
        env=env,
    )


def _stop(service: subprocess.Popen[bytes]) -> int:
    service.send_signal(signal.SIGTERM)
    try:
        return service.wait(timeout=60)
    except subprocess.TimeoutExpired:
        service.kill()
        raise


def test_an_article_published_on_a_watched_site_alerts_within_seconds(
    tmp_path: Path, servers: tuple[NewsSite, WebhookReceiver]
) -> None:
    site, receiver = servers
    port = _free_port()
    (tmp_path / "catalog.yaml").write_text(
        yaml.safe_dump([{"title": "The Lantern Keepers", "aliases": []}])
    )
    config = tmp_path / "newsmon.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "database_url": f"sqlite:///{tmp_path / 'store.db'}",
                "catalog": "catalog.yaml",
                "sources": [{"name": "lantern-daily", "feeds": [site.feed_url], "interval": 2}],
                "alerts": {"webhooks": [{"url": receiver.url, "secret": SECRET}]},
                "crawl": {"autothrottle": False},
                "service": {"dispatch_interval": 1, "metrics_port": port},
            }
        )
    )
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    log = tmp_path / "service.log"
    service = _start(config, workdir, log)
    try:
        # The service is up and has polled the (still empty) site at least once.
        assert _wait_for(lambda: _metric(port, "newsmon_polls_total") >= 1, 60), log.read_text()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            assert json.loads(response.read())["status"] == "ok"

        site.publish(ARTICLE)
        published = time.monotonic()
        assert _wait_for(lambda: receiver.received, 10), log.read_text()[-3000:]
        took = time.monotonic() - published
        hook = receiver.received[0]
        assert hook.signature_valid
        assert hook.payload["type"] == "production.status_changed"
        data = hook.payload["data"]
        assert (data["show"], data["season"], data["to"]) == ("The Lantern Keepers", 2, "wrapped")
        assert data["article_url"] == site.url + ARTICLE.path
        assert took < 10
        # A scrape can time out while a poll's child is busy on a loaded machine: ask again.
        assert _wait_for(lambda: _metric(port, "newsmon_articles_total") == 1, 30)
        assert _wait_for(lambda: _metric(port, "newsmon_queue_depth") == 0, 30)
    finally:
        code = _stop(service)
    assert code == 0
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    messages = [line["message"] for line in lines]
    assert any(m.startswith("received SIGTERM") for m in messages)
    assert any(m.startswith("crawl of lantern-daily finished") for m in messages)
    assert "Traceback" not in log.read_text()
    # Nothing left behind but the store: no lock or pid files to trip a restart.
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["catalog.yaml", "cwd", "newsmon.yaml", "service.log", "store.db"]
    )
    assert list(workdir.iterdir()) == []

    # Restarted, it carries on from the store: the alert is not sent again.
    service = _start(config, workdir, tmp_path / "again.log")
    try:
        assert _wait_for(lambda: _metric(port, "newsmon_polls_total") >= 3, 60)
        time.sleep(1.5)
    finally:
        assert _stop(service) == 0
    assert len(receiver.received) == 1
