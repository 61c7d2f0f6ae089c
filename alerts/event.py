"""What channels render besides one change: a digest of several, and the test alerts.

A single alert is a change event's one view, :class:`storage.views.EventView`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from newsmon.storage.views import ArticleLink, EventView


@dataclass(frozen=True, kw_only=True)
class Digest:
    """One message covering several alerts of one period, for a digest channel.

    ``events`` are in the order they were detected; ``end`` is when the
    period closed (or when the digest was sent early by ``alerts send --now``).
    """

    start: dt.datetime
    end: dt.datetime
    events: tuple[EventView, ...]

    def by_show(self) -> list[tuple[str, list[EventView]]]:
        """Return the events grouped by show, shows in order of first appearance."""
        groups: dict[str, list[EventView]] = {}
        for event in self.events:
            groups.setdefault(event.show, []).append(event)
        return list(groups.items())


def sample_events(now: dt.datetime) -> tuple[EventView, ...]:
    """Return made-up events for ``newsmon alerts test``, plainly marked as a test."""
    today = now.date().isoformat()
    first = EventView(
        id=0,
        show="newsmon test show",
        season=1,
        facet="stage",
        old="filming",
        new="wrapped",
        certainty="confirmed",
        as_of=today,
        evidence="This is a test alert sent by `newsmon alerts test`; no show has changed.",
        rule="test",
        claim_id=None,
        detected_at=now,
        quiet=None,
        article=ArticleLink(
            id=None,
            url="https://newsmon.invalid/test-alert",
            headline="newsmon test alert",
            published=now.date(),
        ),
    )
    second = replace(
        first,
        show="newsmon other test show",
        season=None,
        facet="release",
        old=None,
        new=today[:7],
        evidence="A second test event, so that a digest lists two shows.",
    )
    return first, second
