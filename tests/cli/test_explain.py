"""``newsmon explain``: claims with evidence and rule ids, and the changes they would cause."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newsmon.cli import main
from newsmon.detector.model import Certainty, Claim
from newsmon.localsite.server import LoopbackServer, QuietHandler
from newsmon.localsite.site import NewsSite, SiteArticle
from newsmon.storage.articles import add_article
from newsmon.storage.db import open_database, unit_of_work
from newsmon.storage.state import apply_claims

WRAP = SiteArticle(
    slug="harrow-point-wraps",
    published=dt.date(2025, 6, 20),
    headline="'Harrow Point' Wraps Its Second Season",
    paragraphs=(
        'Production on the second season of "Harrow Point" wrapped in Glasgow on Thursday, '
        "the network confirmed, ending a shoot that ran through the spring.",
        'The network also confirmed that "Salt Road," a drama from the same producers, '
        "has been cancelled after one season.",
    ),
)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    (tmp_path / "catalog.yaml").write_text('- title: Harrow Point\n  aliases: ["#HarrowPoint"]\n')
    path = tmp_path / "newsmon.yaml"
    path.write_text(
        f"database_url: sqlite:///{tmp_path / 'store.db'}\ncatalog: catalog.yaml\n"
        "crawl:\n  user_agent: explain-test/1.0\n"
    )
    return path


@pytest.fixture
def site() -> Iterator[NewsSite]:
    news = NewsSite().start()
    news.publish(WRAP)
    yield news
    news.stop()


def _run(config: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--config", str(config), "explain", *args])


def _json(config: Path, *args: str) -> dict[str, Any]:
    result = _run(config, *args, "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_saved_page_shows_claims_evidence_rules_and_changes(
    config: Path, site: NewsSite, tmp_path: Path
) -> None:
    _status, _type, body = site.respond(WRAP.path)
    page = tmp_path / "wrap.html"
    page.write_bytes(body)
    result = _run(config, str(page))
    assert result.exit_code == 0, result.output
    out = result.output
    # Where the date came from, as the store records it.
    assert "published 2025-06-20 (from structured-data)" in out
    assert "Harrow Point (season 2): stage = wrapped  [confirmed, as of 2025-06-19]" in out
    assert "rule: stage.wrapped.wrap" in out
    assert 'evidence: Production on the second season of "Harrow Point" wrapped' in out
    assert "State changes against an empty state (1):" in out
    # The summary line of alerts, feeds and the pages.
    assert "Harrow Point (season 2): wrapped  [confirmed, stage.wrapped.wrap]" in out
    assert "Not in the catalog, with a status: Salt Road" in out


def test_gzipped_page_and_json_output(config: Path, site: NewsSite, tmp_path: Path) -> None:
    _status, _type, body = site.respond(WRAP.path)
    page = tmp_path / "wrap.html.gz"
    page.write_bytes(gzip.compress(body))
    report = _json(config, str(page))
    assert report["state"] == "empty"
    assert report["claims"] == [
        {
            "show": "Harrow Point",
            "season": 2,
            "facet": "stage",
            "value": "wrapped",
            "certainty": "confirmed",
            "as_of": "2025-06-19",
            "rule_id": "stage.wrapped.wrap",
            "evidence": WRAP.paragraphs[0],
        }
    ]
    assert [c["title"] for c in report["suggestions"]] == ["Salt Road"]


def test_url_is_fetched_once_and_changes_are_measured_against_the_store(
    config: Path, site: NewsSite, tmp_path: Path
) -> None:
    engine, sessions = open_database(f"sqlite:///{tmp_path / 'store.db'}")
    with unit_of_work(sessions) as session:
        earlier = add_article(
            session,
            source_name="local",
            url="http://127.0.0.1/earlier",
            canonical_url="http://127.0.0.1/earlier",
            headline="Harrow Point shoots",
            text="Harrow Point season 2 is filming.",
            published=dt.date(2025, 4, 1),
            published_raw="2025-04-01",
            published_source="structured-data",
        )
        filming = Claim(show="Harrow Point", season=2, facet="stage", value="filming",
                        certainty=Certainty.confirmed, as_of="2025-04-01",
                        evidence="Harrow Point season 2 is filming.", rule_id="test")  # fmt: skip
        apply_claims(session, article=earlier, claims=[filming])
    engine.dispose()
    report = _json(config, site.url + WRAP.path)
    assert site.hits[WRAP.path] == 1
    assert report["state"] == "store"
    assert report["article"]["published"] == "2025-06-20"
    changes = report["changes"]
    assert [(c["season"], c["from"], c["to"]) for c in changes] == [(2, "filming", "wrapped")]
    assert changes[0]["summary"] == "Harrow Point (season 2): filming -> wrapped"
    assert changes[0]["id"] is None  # not stored
    assert _json(config, site.url + WRAP.path, "--no-store")["state"] == "empty"


def test_fetch_sends_the_configured_user_agent_and_caps_the_size(
    config: Path, site: NewsSite
) -> None:
    _status, _type, body = site.respond(WRAP.path)
    agents: list[str] = []

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            agents.append(self.headers.get("User-Agent", ""))
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

    server = LoopbackServer(Handler)
    try:
        assert _json(config, server.base_url + "/page")["claims"]
        assert agents == ["explain-test/1.0"]
        config.write_text(config.read_text() + f"  max_page_bytes: {len(body) // 2}\n")
        result = _run(config, server.base_url + "/page")
    finally:
        server.stop()
    assert result.exit_code == 2
    assert f"the page is larger than {len(body) // 2} bytes" in result.output


def test_plain_text_and_corpus_json(config: Path, tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text(
        "Harrow Point gets a third season\n\nThe network has renewed #HarrowPoint "
        "for a third season, it said on Monday.\n",
        encoding="utf-8",
    )
    report = _json(config, str(text), "--published", "2025-07-02")
    assert report["article"]["headline"] == "Harrow Point gets a third season"
    assert [(c["season"], c["value"], c["as_of"]) for c in report["claims"]] == [
        (3, "announced", "2025-06-30")
    ]
    labelled = tmp_path / "article.json"
    labelled.write_text(
        json.dumps({
            "id": "x-1", "url": "https://news.test/x-1", "published": "2025-03-03",
            "headline": "", "text": '"Harrow Point" has been cancelled.', "claims": [],
        }),
        encoding="utf-8",
    )  # fmt: skip
    report = _json(config, str(labelled))
    assert report["article"]["published_from"] == "json"
    assert [(c["value"], c["as_of"]) for c in report["claims"]] == [("cancelled", "2025-03-03")]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("missing", "missing.html: no such file"),
        ("unreachable", "http://127.0.0.1:9/nothing: unreachable"),
        ("no-text", "no article text found in the page"),
        ("bad-json", "bad.json: not a readable JSON file"),
    ],
)
def test_one_line_errors(config: Path, tmp_path: Path, case: str, message: str) -> None:
    targets = {
        "missing": str(tmp_path / "missing.html"),
        "unreachable": "http://127.0.0.1:9/nothing",
        "no-text": _write(tmp_path / "empty.html", "<html><body><nav>Home</nav></body></html>"),
        "bad-json": _write(tmp_path / "bad.json", "{not json"),
    }
    result = _run(config, targets[case])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert message in lines[0]
    assert "Traceback" not in result.output


def test_a_missing_store_is_not_created(config: Path, tmp_path: Path) -> None:
    text = _write(tmp_path / "note.txt", "Harrow Point has wrapped filming.")
    assert _json(config, text, "--published", "2025-07-02")["state"] == "empty"
    assert not (tmp_path / "store.db").exists()


def _write(path: Path, content: str) -> str:
    path.write_text(content, encoding="utf-8")
    return str(path)
