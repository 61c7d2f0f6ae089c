"""The crawl's view of the store: what is known, what to re-check, which validators to send.

One short session per question, on the engine the pipelines share. Without
a database (``NEWSMON_CRAWL_STATE`` off, or no ``NEWSMON_DATABASE_URL``)
every link is new and no request is conditional, which is how a one-off
``scrapy crawl`` without newsmon's config behaves.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from scrapy.settings import BaseSettings
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from newsmon.pipelines.urls import canonical_form
from newsmon.storage.crawl_state import (
    KnownArticle,
    Validators,
    known_articles,
    recent_articles,
    save_validators,
    validators_for,
)
from newsmon.storage.db import unit_of_work

logger = logging.getLogger(__name__)

REDIRECT = "redirect"
"""The child kind noting where a redirecting article link led (one child, the target)."""


class CrawlState:
    """Questions the spider asks the store; every answer is empty without one."""

    def __init__(self, sessions: sessionmaker[Session] | None) -> None:
        self.sessions = sessions

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> CrawlState:
        """Open the store of ``NEWSMON_DATABASE_URL``, unless ``NEWSMON_CRAWL_STATE`` is off."""
        url = settings.get("NEWSMON_DATABASE_URL")
        if not url or not settings.getbool("NEWSMON_CRAWL_STATE", True):
            return cls(None)
        from newsmon.pipelines.database import session_factory  # one engine with the pipelines

        return cls(session_factory(url))

    def known(self, links: Iterable[str]) -> dict[str, KnownArticle]:
        """The links that lead to stored articles, directly or through a redirect seen before."""
        if self.sessions is None:
            return {}
        wanted = {link: canonical_form(link) for link in links}
        if not wanted:
            return {}
        with self.sessions() as session:
            found = known_articles(session, links=wanted)
            # Feed links often go through a redirector (feedburner and the like):
            # an earlier crawl noted where they led.
            rest = [link for link in wanted if link not in found]
            targets = {
                link: dict(kept.children)[REDIRECT]
                for link, kept in validators_for(session, urls=rest).items()
                if REDIRECT in dict(kept.children)
            }
            if targets:
                via = known_articles(
                    session, links={t: canonical_form(t) for t in set(targets.values())}
                )
                found.update({link: via[t] for link, t in targets.items() if t in via})
        return found

    def recent(
        self, source: str, within: dt.timedelta, every: dt.timedelta = dt.timedelta(0)
    ) -> list[str]:
        """URLs of the source's articles to re-check now.

        Those published within ``within`` and not fetched or checked for ``every``.
        """
        if self.sessions is None or within <= dt.timedelta(0):
            return []
        now = dt.datetime.now(dt.UTC)
        since = now.date() - dt.timedelta(days=within.days)
        with self.sessions() as session:
            return recent_articles(session, source=source, since=since, checked_before=now - every)

    def validators(self, urls: Iterable[str]) -> dict[str, Validators]:
        """Validators kept from earlier crawls for those URLs that have some."""
        if self.sessions is None:
            return {}
        with self.sessions() as session:
            return validators_for(session, urls=urls)

    def save(self, entries: dict[str, Validators]) -> None:
        """Keep validators for the next crawl; a failure is logged, never raised."""
        if self.sessions is None or not entries:
            return
        try:
            with unit_of_work(self.sessions) as session:
                save_validators(session, entries=entries)
        except SQLAlchemyError as exc:
            # Losing validators costs full downloads next time, nothing more.
            logger.warning("could not keep the HTTP validators of %d URL(s): %s", len(entries), exc)
