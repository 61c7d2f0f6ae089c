"""`newsmon prune --older-than` removes old article text and keeps what history needs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from newsmon.cli import main
from newsmon.detector.model import Certainty, Claim
from newsmon.storage.articles import add_article, revise_article
from newsmon.storage.browse import show_timeline
from newsmon.storage.browse_articles import article_ids
from newsmon.storage.db import open_database, unit_of_work
from newsmon.storage.dedupe import classify
from newsmon.storage.models import Article, ArticleVersion, ChangeEvent, ClaimRow
from newsmon.storage.state import apply_claims

OLD = "Kingsferry, the harbour drama, finished filming its second season in Cork on Friday. " * 4
NEW = "Copperline began filming its second season in Leeds this week, the producers said. " * 4


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A store with an old read article (revised once), an old unread one and a recent one."""
    database_url = f"sqlite:///{tmp_path / 'store.db'}"
    path = tmp_path / "newsmon.yaml"
    path.write_text(f"database_url: {database_url}\n")
    engine, sessions = open_database(database_url)
    today = dt.datetime.now(dt.UTC).date()
    with unit_of_work(sessions) as session:
        for slug, published, body, read in (
            ("old", dt.date(2020, 3, 1), OLD, True),
            ("unread", dt.date(2020, 3, 2), "Nobody has read this one yet. " * 5, False),
            ("recent", today, NEW, True),
        ):
            url = f"https://tv.test/{slug}"
            article = add_article(
                session,
                source_name="tv",
                url=url,
                canonical_url=url,
                headline=f"Kingsferry {slug}",
                text=body,
                published=published,
                published_raw=None,
                published_source="page",
            )
            if slug == "old":
                revise_article(
                    session,
                    article,
                    url=url,
                    headline=article.headline,
                    text=OLD + "An update.",
                    modified=None,
                )
            if read:
                claim = Claim(
                    show="Kingsferry",
                    season=2,
                    facet="stage",
                    value="wrapped",
                    certainty=Certainty.confirmed,
                    as_of=published.isoformat(),
                    evidence=f"Kingsferry wrapped ({slug}).",
                    rule_id="test",
                )
                apply_claims(session, article=article, claims=[claim])
    engine.dispose()
    return path


def _prune(config: Path, *args: str) -> list[str]:
    result = CliRunner().invoke(main, ["--config", str(config), "prune", *args])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_dry_run_says_what_would_go_and_changes_nothing(config: Path) -> None:
    lines = _prune(config, "--older-than", "180d", "--dry-run")
    assert lines[0].startswith("would remove the text of 1 article and 1 earlier version (")
    assert "kept whole: 1 old article not yet read by the detector" in lines
    assert "kept: claims, change events, evidence, and each article's URL, headline and dates" in (
        lines
    )
    engine, sessions = open_database(f"sqlite:///{config.parent / 'store.db'}")
    with sessions() as session:
        assert session.scalar(select(func.count()).where(Article.text == "")) == 0
    engine.dispose()


def test_prune_removes_old_text_and_keeps_history(config: Path) -> None:
    lines = _prune(config, "--older-than", "2021-01-01")
    assert lines[0].startswith("removed the text of 1 article and 1 earlier version (")
    engine, sessions = open_database(f"sqlite:///{config.parent / 'store.db'}")
    with sessions() as session:
        old = session.scalars(select(Article).where(Article.url.endswith("/old"))).one()
        assert (old.text, old.headline, old.published) == (
            "",
            "Kingsferry old",
            dt.date(2020, 3, 1),
        )
        assert old.text_pruned_at is not None
        assert session.scalars(select(ArticleVersion.text)).all() == [""]
        assert session.scalar(select(Article.text).where(Article.url.endswith("/unread")))
        assert session.scalar(select(Article.text).where(Article.url.endswith("/recent"))) == NEW
        assert session.scalar(select(func.count()).select_from(ClaimRow)) == 2
        assert session.scalar(select(func.count()).select_from(ChangeEvent)) == 1
        history = show_timeline(session, "Kingsferry")
        assert {entry.evidence for entry in history} >= {"Kingsferry wrapped (old)."}
        assert "https://tv.test/old" in {entry.article.url for entry in history}
        # Searchable by headline still, no longer by its text.
        assert old.id in article_ids(session, search="kingsferry")
        assert old.id not in article_ids(session, search="cork")
        # A copy of the pruned text is still recognised.
        copy = classify(session, canonical_url="https://copy.test/1", text=OLD + "An update.")
        assert (copy.kind, copy.article_id, copy.reason) == ("duplicate", old.id, "text-hash")
        near = classify(session, canonical_url="https://copy.test/2", text=OLD + "Changed.")
        assert (near.kind, near.article_id) == ("duplicate", old.id)
    engine.dispose()
    assert _prune(config, "--older-than", "2021-01-01")[0].startswith(
        "removed the text of 0 articles and 0 earlier versions"
    )


@pytest.mark.parametrize("value", ["180", "soon", "6m", "2021-13-01"])
def test_bad_horizon_is_one_clear_line(config: Path, value: str) -> None:
    result = CliRunner().invoke(main, ["--config", str(config), "prune", "--older-than", value])
    assert result.exit_code == 2
    assert result.output.strip().startswith("newsmon: error: --older-than:")
    assert len(result.output.strip().splitlines()) == 1
