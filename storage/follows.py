"""Shows followed from the web page, kept in the store.

Following is what a person does while reading: it puts the show on the
dashboard (and in ``/api/v1/shows?followed=true``). The configuration's
alert subscriptions still decide which changes are sent where; a show they
name is followed whatever is stored here.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from newsmon.storage.models import FollowedShow


def followed_shows(session: Session) -> frozenset[str]:
    """The titles followed from the web page."""
    return frozenset(session.scalars(select(FollowedShow.show)))


def follow(session: Session, show: str) -> bool:
    """Follow ``show`` (as the store or catalog spells it); whether it was not followed yet."""
    if session.scalar(select(FollowedShow.id).where(FollowedShow.show == show)) is not None:
        return False
    session.add(FollowedShow(show=show))
    session.flush()
    return True


def unfollow(session: Session, show: str) -> bool:
    """Stop following ``show`` from the page; whether it was followed."""
    gone = session.execute(
        delete(FollowedShow).where(FollowedShow.show == show).returning(FollowedShow.id)
    ).all()
    return bool(gone)
