"""Test data: an article that says one thing about one show, read into the store."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from newsmon.detector.model import Certainty, Claim
from newsmon.storage.articles import add_article
from newsmon.storage.models import ChangeEvent
from newsmon.storage.state import Route, apply_claims


def read_stage_news(
    session: Session,
    *,
    number: int,
    stage: str,
    day: dt.date,
    route: Route | None = None,
    site: str = "http://127.0.0.1/news",
) -> list[ChangeEvent]:
    """Store article ``number`` saying "Show N" reached ``stage`` on ``day``; apply its claim."""
    evidence = f"Show {number} is {stage.replace('_', ' ')}."
    article = add_article(
        session,
        source_name="local",
        url=f"{site}/{number}",
        canonical_url=f"{site}/{number}",
        headline=f"Show {number}: {stage}",
        text=evidence,
        published=day,
        published_raw=None,
        published_source="page",
    )
    claim = Claim(
        show=f"Show {number}",
        season=1,
        facet="stage",
        value=stage,
        certainty=Certainty.confirmed,
        as_of=day.isoformat(),
        evidence=evidence,
        rule_id=f"test.{stage}",
    )
    return apply_claims(session, article=article, claims=[claim], route=route)
