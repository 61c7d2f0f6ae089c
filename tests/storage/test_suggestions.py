"""Catalog suggestions are stored per article and listed per title, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from newsmon.detector.catalog import Catalog
from newsmon.detector.model import ArticleInput
from newsmon.detector.suggest import suggest
from newsmon.storage.articles import add_article
from newsmon.storage.db import open_database, unit_of_work
from newsmon.storage.models import Article
from newsmon.storage.suggestions import list_suggestions, record_suggestions

CATALOG = Catalog([("Copper Sky", [])])


def _store(session: Session, day: str, text: str, slug: str) -> Article:
    article = add_article(
        session,
        source_name="local",
        url=f"http://127.0.0.1/{slug}",
        canonical_url=f"http://127.0.0.1/{slug}",
        headline="",
        text=text,
        published=dt.date.fromisoformat(day),
        published_raw=day,
        published_source="structured-data",
    )
    read = ArticleInput(
        url=article.canonical_url, headline="", text=text, published=article.published
    )
    record_suggestions(session, article=article, found=suggest(read, CATALOG))
    return article


def test_suggestions_group_by_title_count_articles_and_skip_known_titles(database_url: str) -> None:
    engine, sessions = open_database(database_url)
    try:
        with unit_of_work(sessions) as session:
            first = _store(session, "2024-03-01", 'Halberd has cancelled "Lantern Street."', "a")
            _store(session, "2024-05-10", 'Filming on "Lantern Street" wrapped on Friday.', "b")
            _store(session, "2024-04-02", 'Halberd has greenlit "Salt Road."', "c")
            _store(session, "2024-04-03", '"Copper Sky" wrapped. "Quiet Words" is a phrase.', "d")
        with unit_of_work(sessions) as session:
            # Reading an article again replaces what it said, it does not count twice.
            article = session.get_one(Article, first.id)
            again = ArticleInput(
                url="x", headline="", text=article.text, published=article.published
            )
            record_suggestions(session, article=article, found=suggest(again, CATALOG))
        with unit_of_work(sessions) as session:
            found = list_suggestions(session)
            assert [(s.title, s.articles) for s in found] == [
                ("Lantern Street", 2),
                ("Salt Road", 1),
            ]
            lantern = found[0]
            assert (lantern.first_seen, lantern.last_seen) == (
                dt.date(2024, 3, 1),
                dt.date(2024, 5, 10),
            )
            assert [(e.value, e.rule_id) for e in lantern.evidence] == [
                ("wrapped", "stage.wrapped.wrap"),
                ("cancelled", "stage.cancelled.cancel"),
            ]
            assert lantern.evidence[0].article_url == "http://127.0.0.1/b"
            known = Catalog([("Lantern Street", [])])
            after_adding = list_suggestions(session, known=lambda t: known.canonical(t) is not None)
            assert [s.title for s in after_adding] == ["Salt Road"]
            assert [s.title for s in list_suggestions(session, min_articles=2)] == [
                "Lantern Street"
            ]
    finally:
        engine.dispose()
