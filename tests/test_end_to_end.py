"""The canonical alert, for real: a local news site publishes the two seed articles
one after the other, `newsmon crawl` runs twice in child processes, and the user
gets "The Defenders (season 1): pre-production -> wrapped" by webhook and email.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from newsmon.localsite.receivers import SmtpSink, WebhookReceiver
from newsmon.localsite.site import NewsSite, SiteArticle

pytestmark = pytest.mark.slow
SECRET = "whsec_" + base64.b64encode(b"end-to-end test secret, 32 bytes").decode()


def _seed_article(shared: Path, seed_id: str) -> SiteArticle:
    data = json.loads((shared / "corpus" / "articles" / f"{seed_id}.json").read_text())
    return SiteArticle(
        slug=seed_id,
        published=dt.date.fromisoformat(data["published"]),
        headline=data["headline"],
        paragraphs=tuple(p for p in data["text"].split("\n\n") if p.strip()),
    )


def _scenario(shared: Path, name: str) -> dict[str, Any]:
    scenario: dict[str, Any] = json.loads(
        (shared / "corpus" / "scenarios" / f"{name}.json").read_text()
    )
    return scenario


@pytest.fixture
def servers() -> Iterator[tuple[NewsSite, WebhookReceiver, SmtpSink]]:
    site = NewsSite(name="Seed News").start()
    receiver = WebhookReceiver(secret=SECRET).start()
    sink = SmtpSink().start()
    yield site, receiver, sink
    site.stop()
    receiver.stop()
    sink.stop()


def _write_config(
    tmp_path: Path,
    database_url: str,
    shared: Path,
    site: NewsSite,
    receiver: WebhookReceiver,
    sink: SmtpSink,
) -> Path:
    config = {
        "database_url": database_url,
        "catalog": str(shared / "corpus" / "catalog.yaml"),
        # The seeds are news of 2017, and each crawl's changes are what is tested:
        # neither the first poll nor their age keeps them quiet here.
        "sources": [{"name": "seed-news", "feeds": [site.feed_url], "baseline": False}],
        "alerts": {
            "max_age": None,
            "webhooks": [{"url": receiver.url, "secret": SECRET}],
            "email": {
                "host": "127.0.0.1",
                "port": sink.port,
                "security": "none",
                "sender": "newsmon@localhost",
                "recipients": ["fan@localhost"],
            },
        },
    }
    path = tmp_path / "newsmon.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


def _newsmon(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    return subprocess.run(
        [sys.executable, "-m", "newsmon", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env=env,
    )


def _json_lines(config: Path, *args: str) -> list[dict[str, Any]]:
    result = _newsmon(config, *args, "--jsonl")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def _event_keys(events: list[dict[str, Any]]) -> Counter[tuple[Any, ...]]:
    return Counter((e["show"], e["season"], e["facet"], e["from"], e["to"]) for e in events)


def _wait_for(predicate: Any, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.1)


@pytest.mark.parametrize(
    ("scenario_name", "order"),
    [("seeds-in-order", ["seed-000", "seed-004"]), ("seeds-reversed", ["seed-004", "seed-000"])],
)
def test_two_rounds_of_crawling_give_the_seed_scenario(
    tmp_path: Path,
    shared_dir: Path,
    database_url: str,
    scenario_name: str,
    order: list[str],
    servers: tuple[NewsSite, WebhookReceiver, SmtpSink],
) -> None:
    site, receiver, sink = servers
    config = _write_config(tmp_path, database_url, shared_dir, site, receiver, sink)

    for seed_id in order:
        site.publish(_seed_article(shared_dir, seed_id))
        crawl = _newsmon(config, "crawl")
        assert crawl.returncode == 0, crawl.stderr[-3000:]

    stored = _json_lines(config, "articles")
    assert sorted(a["headline"] for a in stored) == sorted(
        _seed_article(shared_dir, s).headline for s in order
    )
    events = _json_lines(config, "events")
    expected = _scenario(shared_dir, scenario_name)["expect_events"]
    assert _event_keys(events) == _event_keys(expected)

    # Every event reached the webhook once, signed; and the inbox, once.
    _wait_for(lambda: len(receiver.received) >= len(events) and len(sink.messages) >= len(events))
    assert all(hook.signature_valid for hook in receiver.received)
    hook_ids = [hook.headers["webhook-id"] for hook in receiver.received]
    assert len(hook_ids) == len(set(hook_ids)) == len(events)
    assert len(sink.messages) == len(events)

    wrapped = [
        h.payload["data"]
        for h in receiver.received
        if h.payload["data"]["show"] == "The Defenders" and h.payload["data"]["to"] == "wrapped"
    ]
    assert len(wrapped) == 1
    assert "has just wrapped up with its filming" in wrapped[0]["evidence"]
    assert wrapped[0]["article_url"] == site.url + _seed_article(shared_dir, "seed-004").path

    subject = (
        "The Defenders (season 1): pre-production -> wrapped"
        if scenario_name == "seeds-in-order"
        else "The Defenders (season 1): wrapped"
    )
    mails = [m for m in sink.messages if m["Subject"] == subject]
    assert len(mails) == 1
    body = mails[0].get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "has just wrapped up with its filming" in text
    assert site.url + _seed_article(shared_dir, "seed-004").path in text

    # The status and the show's history can be looked up.
    defenders = _json_lines(config, "status", "The Defenders")
    assert [(r["season"], r["stage"], r["release"]) for r in defenders] == [(1, "wrapped", "2017")]
    timeline = _json_lines(config, "history", "Marvel's The Defenders")
    assert [r["to"] for r in timeline if r["kind"] == "event" and r["facet"] == "stage"][-1] == (
        "wrapped"
    )

    # A third crawl of the same site stores nothing twice and alerts nobody again.
    again = _newsmon(config, "crawl")
    assert again.returncode == 0, again.stderr[-3000:]
    assert len(_json_lines(config, "articles")) == len(order)
    assert len(_json_lines(config, "events")) == len(events)
    time.sleep(0.5)
    assert len(receiver.received) == len(events)
    assert len(sink.messages) == len(events)
