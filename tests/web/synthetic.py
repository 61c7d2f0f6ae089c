"""A store filled through the storage functions: many shows, events, polls, deliveries.

It does not depend on the detector: articles are added as rows and their
claims applied with ``storage.state.apply_claims``, as the detect pipeline does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsmon.config import AlertsConfig, Settings, SourceConfig
from newsmon.detector.model import STAGES, Certainty, Claim
from newsmon.storage.articles import source_by_name
from newsmon.storage.db import open_database, unit_of_work
from newsmon.storage.models import Article, Delivery, DeliveryStatus, utcnow
from newsmon.storage.polls import record_poll
from newsmon.storage.state import apply_claims

SHOWS = 60
HOOK = "https://hooks.example/private-path/abc123?key=secret-key"
SOURCES = ["alpha-news", "beta-news", "gamma-news"]


def show_title(number: int) -> str:
    """Return the title of synthetic show ``number``."""
    return f"Show {number:03d}"


def _article(session: Session, number: int, day: dt.date, text: str) -> Article:
    article = Article(
        source=source_by_name(session, SOURCES[number % 2]),
        url=f"https://news.example/{day:%Y/%m/%d}/story-{number}",
        canonical_url=f"https://news.example/{day:%Y/%m/%d}/story-{number}",
        headline=f"Story {number}: production news",
        text=text,
        text_hash=hashlib.sha256(text.encode()).hexdigest(),
        published=day,
        published_raw=day.isoformat(),
        published_source="json-ld",
    )
    session.add(article)
    session.flush()
    return article


def fill(settings: Settings) -> None:
    """Fill the store of ``settings`` (empty, migrated on open)."""
    _engine, sessions = open_database(settings.database_url)
    start = dt.date(2020, 1, 1)
    with unit_of_work(sessions) as session:
        for number in range(SHOWS):
            show = show_title(number)
            for step, stage in enumerate(STAGES[: 1 + number % 4]):
                day = start + dt.timedelta(days=number + 30 * step)
                evidence = f"{show} is now {stage.replace('_', ' ')}, the studio said."
                text = f"Opening paragraph about the studio.\n\n{evidence} More words follow here."
                article = _article(session, number * 10 + step, day, text)
                claims = [
                    Claim(
                        show=show,
                        season=1 + number % 2,
                        facet="stage",
                        value=stage,
                        certainty=Certainty(1 + (number + step) % 3),
                        as_of=day.isoformat(),
                        evidence=evidence,
                        rule_id="synthetic",
                    )
                ]
                if step == 0:
                    claims.append(
                        Claim(
                            show=show,
                            season=1 + number % 2,
                            facet="release",
                            value=str(2021 + number % 3),
                            certainty=Certainty.expected,
                            as_of=day.isoformat(),
                            evidence=evidence,
                            rule_id="synthetic",
                        )
                    )
                apply_claims(
                    session,
                    article=article,
                    claims=claims,
                    route=lambda _event: [("webhook", HOOK)],
                )
        deliveries = session.scalars(select(Delivery).order_by(Delivery.id)).all()
        for index, delivery in enumerate(deliveries):
            if index % 3 == 0:
                delivery.status = DeliveryStatus.sent
                delivery.attempts = 1
                delivery.sent_at = utcnow()
            elif index % 3 == 1:
                delivery.status = DeliveryStatus.failed
                delivery.attempts = 5
                delivery.last_status_code = 500
                delivery.last_error = "HTTP 500 from the receiver"
        now = utcnow()
        record_poll(
            session,
            source="alpha-news",
            started_at=now - dt.timedelta(minutes=1),
            finished_at=now,
            pages=12,
            stored=3,
            errors={},
            finish_reason="finished",
        )
        for minutes in (90, 30):
            record_poll(
                session,
                source="beta-news",
                started_at=now - dt.timedelta(minutes=minutes),
                finished_at=now - dt.timedelta(minutes=minutes - 1),
                pages=0,
                stored=0,
                errors={"http_404": 3, "timeout": 1},
                finish_reason="finished",
            )


def settings_for(workdir: Path, database_url: str | None = None) -> Settings:
    """Return settings of a synthetic store (in ``workdir`` by default): 3 sources, 30 followed."""
    alerts = AlertsConfig.model_validate(
        {
            "webhooks": [{"url": HOOK, "secret": "whsec_" + "c2VjcmV0" * 4}],
            "subscriptions": [{"shows": [show_title(n) for n in range(0, SHOWS, 2)]}],
        }
    )
    sources = [SourceConfig(name=name, feeds=[f"https://{name}.example/feed"]) for name in SOURCES]
    return Settings(
        database_url=database_url or f"sqlite:///{workdir / 'synthetic.db'}",
        sources=sources,
        alerts=alerts,
    )
