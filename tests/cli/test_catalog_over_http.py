"""A show's kind over HTTP: ``newsmon serve`` in a child process, asked with a real client."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from newsmon.detector.model import Certainty, Claim
from newsmon.storage.articles import add_article
from newsmon.storage.db import open_database, unit_of_work
from newsmon.storage.state import apply_claims

CATALOG = """\
- title: Harrow Point
  aliases: ["#HarrowPoint"]
- {title: Salt Road, aliases: [Salt Rd], kind: film}
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    database_url = f"sqlite:///{tmp_path / 'store.db'}"
    (tmp_path / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    path = tmp_path / "newsmon.yaml"
    path.write_text(f"database_url: {database_url}\ncatalog: catalog.yaml\n", encoding="utf-8")
    engine, sessions = open_database(database_url)
    claims = [("Salt Road", None, "wrapped"), ("Harrow Point", 2, "filming")]
    for number, (show, season, stage) in enumerate(claims):
        with unit_of_work(sessions) as session:
            article = add_article(
                session,
                source_name="local",
                url=f"http://127.0.0.1/{number}",
                canonical_url=f"http://127.0.0.1/{number}",
                headline=f"{show} {stage}",
                text=f"{show} has {stage}.",
                published=dt.date(2025, 6, 1 + number),
                published_raw=None,
                published_source="page",
            )
            claim = Claim(show=show, season=season, facet="stage", value=stage,
                          certainty=Certainty.confirmed, as_of=f"2025-06-0{1 + number}",
                          evidence=f"{show} has {stage}.", rule_id="test")  # fmt: skip
            apply_claims(session, article=article, claims=[claim])
    engine.dispose()
    return path


@pytest.fixture
def base(config: Path) -> Iterator[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "newsmon", "--config", str(config), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line + (process.stderr.read() if process.stderr else "")
        url = f"http://127.0.0.1:{match.group(1)}"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                httpx.get(url + "/static/style.css", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_catalog_shows_and_pages_say_which_shows_are_films(base: str) -> None:
    catalog = httpx.get(base + "/api/v1/catalog", timeout=10)
    assert catalog.status_code == 200
    assert catalog.json() == {
        "items": [
            {"title": "Harrow Point", "kind": "series", "aliases": ["#HarrowPoint"]},
            {"title": "Salt Road", "kind": "film", "aliases": ["Salt Rd"]},
        ],
        "total": 2,
    }
    shows = httpx.get(base + "/api/v1/shows", timeout=10).json()
    assert {item["show"]: item["kind"] for item in shows["items"]} == {
        "Harrow Point": "series",
        "Salt Road": "film",
    }
    film = httpx.get(base + "/api/v1/shows/" + quote("salt rd"), timeout=10).json()
    assert (film["show"], film["kind"]) == ("Salt Road", "film")
    assert [season["season"] for season in film["seasons"]] == [None]
    timeline = httpx.get(base + "/api/v1/shows/Salt%20Road/timeline", timeout=10).json()
    assert timeline["kind"] == "film"
    series = httpx.get(base + "/api/v1/shows/" + quote("#HarrowPoint"), timeout=10).json()
    assert series["kind"] == "series"

    page = httpx.get(base + "/shows/Salt%20Road", timeout=10)
    assert page.status_code == 200
    assert re.search(r'<span class="tag kind kind-film">film</span>', page.text)
    assert "Timeline of the film" in page.text
    assert "whole show" not in page.text
    other = httpx.get(base + "/shows/Harrow%20Point", timeout=10).text
    assert '<span class="tag kind kind-series">series</span>' in other
    assert "Timeline of season 2" in other
