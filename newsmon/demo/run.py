"""Run the demo: serve articles locally, crawl in two rounds, show alerts and statuses."""

from __future__ import annotations

import base64
import datetime as dt
import secrets
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from email.message import EmailMessage
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from newsmon.localsite.receivers import ReceivedWebhook, SmtpSink, WebhookReceiver
from newsmon.localsite.site import NewsSite, SiteArticle

CRAWL_TIMEOUT_SECONDS = 120
ALERT_WAIT_SECONDS = 5.0


def demo_articles() -> dict[int, list[SiteArticle]]:
    """The shipped demo articles, grouped by the round that publishes them."""
    raw = yaml.safe_load(files("newsmon.demo").joinpath("articles.yaml").read_text("utf-8"))
    rounds: dict[int, list[SiteArticle]] = {}
    for entry in raw:
        published = entry["published"]
        rounds.setdefault(int(entry["round"]), []).append(
            SiteArticle(
                slug=entry["slug"],
                published=published
                if isinstance(published, dt.date)
                else dt.date.fromisoformat(published),
                headline=entry["headline"],
                paragraphs=tuple(entry["paragraphs"]),
                author=entry.get("author", "Staff writer"),
            )
        )
    return rounds


def write_config(workdir: Path, site: NewsSite, receiver: WebhookReceiver, sink: SmtpSink) -> Path:
    """A configuration for the demo's store, site and receivers."""
    catalog = workdir / "catalog.yaml"
    catalog.write_text(files("newsmon.demo").joinpath("catalog.yaml").read_text("utf-8"), "utf-8")
    config: dict[str, Any] = {
        "database_url": f"sqlite:///{workdir / 'newsmon.db'}",
        "catalog": str(catalog),
        "sources": [{"name": "local-screen-news", "feeds": [site.feed_url]}],
        "alerts": {
            # The demo replays a story dated 2025; its news is not "old" however late it runs.
            "max_age": None,
            "webhooks": [{"url": receiver.url, "secret": receiver.secret}],
            "email": {
                "host": "127.0.0.1",
                "port": sink.port,
                "security": "none",
                "sender": "newsmon-demo@localhost",
                "recipients": ["you@localhost"],
            },
        },
    }
    path = workdir / "newsmon.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    return path


def run_demo(workdir: Path, echo: Callable[[str], None]) -> int:
    """Run the whole demo in ``workdir`` (emptied first); return an exit code."""
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    lock = threading.Lock()
    alerts_seen = {"webhook": 0, "email": 0}

    def on_webhook(message: ReceivedWebhook) -> None:
        data = message.payload["data"]
        with lock:
            alerts_seen["webhook"] += 1
            echo(f"  webhook  {_summary(data)}")
            echo(f"           “{data['evidence']}”")
            echo(f"           {data['article_url']}")

    def on_email(message: EmailMessage) -> None:
        with lock:
            alerts_seen["email"] += 1
            echo(f"  email    to {message['To']}: {message['Subject']}")

    secret = "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()
    site = NewsSite(name="Local Screen News").start()
    receiver = WebhookReceiver(secret=secret, on_receive=on_webhook).start()
    sink = SmtpSink(on_receive=on_email).start()
    try:
        config = write_config(workdir, site, receiver, sink)
        for line in (
            f"Local news site:   {site.url}/feed.xml",
            f"Webhook receiver:  {receiver.url}",
            f"SMTP sink:         127.0.0.1:{sink.port}",
            f"Store:             {workdir / 'newsmon.db'}",
        ):
            echo(line)
        for number, articles in sorted(demo_articles().items()):
            site.publish(*articles)
            echo("")
            echo(f"Round {number}: the site publishes {len(articles)} articles:")
            for article in articles:
                echo(f"  {article.published}  {article.headline}")
            echo("Crawling...")
            expected = sum(alerts_seen.values())
            code = _crawl(config, echo)
            if code != 0:
                echo(f"the crawl failed with exit code {code}")
                return code
            _wait_until_quiet(lambda: sum(alerts_seen.values()), expected)
            if number == 1:
                echo(
                    "  (the source's first poll: its news is kept as history and sends no alert;"
                    " from the next poll on, changes are alerted)"
                )
        echo("")
        echo("Statuses now stored:")
        subprocess.run(_newsmon(config, "status"), check=False)
        echo("")
        echo(f"Received {alerts_seen['webhook']} webhooks and {alerts_seen['email']} emails.")
        echo("Look around the demo store with, for example:")
        command = _command_as_typed()
        for args in ("status", "history Glasswing", "events", "articles"):
            echo(f"  {command} --config {config} {args}")
        return 0
    finally:
        site.stop()
        receiver.stop()
        sink.stop()


def _command_as_typed() -> str:
    """``newsmon`` if the shell finds this very program by that name, else its full path.

    After `pip install` into a virtual environment that is not activated, a bare
    ``newsmon`` would not be found: the printed commands must run as printed.
    """
    here = Path(sys.executable).parent / "newsmon"
    found = shutil.which("newsmon")
    if found is not None and (not here.exists() or Path(found).resolve() == here.resolve()):
        return "newsmon"
    return str(here) if here.exists() else f"{sys.executable} -m newsmon"


def _summary(data: dict[str, Any]) -> str:
    from newsmon.storage.views import summary_line

    return summary_line(data["show"], data["season"], data["facet"], data["from"], data["to"])


def _newsmon(config: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "newsmon", "--config", str(config), *args]


def _crawl(config: Path, echo: Callable[[str], None]) -> int:
    # Each crawl gets its own process: Twisted's reactor cannot be restarted.
    completed = subprocess.run(
        _newsmon(config, "crawl"),
        capture_output=True,
        text=True,
        timeout=CRAWL_TIMEOUT_SECONDS,
        check=False,
    )
    for line in completed.stdout.splitlines():
        echo(f"  | {line}")
    if completed.returncode != 0:
        for line in completed.stderr.strip().splitlines()[-15:]:
            echo(f"  ! {line}")
    return completed.returncode


def _wait_until_quiet(count: Callable[[], int], before: int) -> None:
    # Deliveries are sent before the crawl exits; the SMTP sink may still be handing them over.
    deadline = time.monotonic() + ALERT_WAIT_SECONDS
    last = count()
    while time.monotonic() < deadline:
        time.sleep(0.2)
        now = count()
        if now == last and now > before:
            return
        last = now
