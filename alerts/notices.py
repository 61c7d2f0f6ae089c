"""Notices about newsmon itself: a source that fails or falls silent, and its recovery.

They are not change events: no show changed, so they skip subscriptions and
digests and go to every channel at once. Each channel renders them with
``Channel.render_notice``; the wording lives here and in
``templates/source_notice.txt``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from newsmon.storage.views import one_line

NoticeStatus = Literal["failing", "silent", "recovered"]

UNHEALTHY_TYPE = "source.unhealthy"
RECOVERED_TYPE = "source.recovered"


@dataclass(frozen=True, kw_only=True)
class SourceNotice:
    """A source's health changed: it is ``failing`` or ``silent``, or it ``recovered``."""

    source: str
    status: NoticeStatus
    reason: str
    """One line: what is wrong (or, for a recovery, what was)."""
    since: dt.datetime
    """When the status began (aware UTC)."""

    @property
    def event_type(self) -> str:
        """The webhook ``type``: ``source.unhealthy`` or ``source.recovered``."""
        return RECOVERED_TYPE if self.status == "recovered" else UNHEALTHY_TYPE

    @property
    def summary(self) -> str:
        """The subject line: ``newsmon: source tv-news is failing: 3 polls failed in a row``."""
        name = one_line(self.source)
        if self.status == "recovered":
            return f"newsmon: source {name} has recovered"
        return f"newsmon: source {name} is {self.status}: {one_line(self.reason)}"

    def data(self) -> dict[str, Any]:
        """The notice as JSON-ready data (a webhook's ``data``)."""
        return {
            "source": self.source,
            "status": self.status,
            "reason": one_line(self.reason),
            "since": self.since.astimezone(dt.UTC).isoformat(),
        }

    def context(self) -> dict[str, Any]:
        """What ``templates/source_notice.txt`` is rendered with."""
        return {
            **self.data(),
            "summary": self.summary,
            "since_text": f"{self.since.astimezone(dt.UTC):%d %b %Y %H:%M} UTC",
        }
