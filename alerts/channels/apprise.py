"""Everything else (Slack, Discord, Telegram, Matrix, ntfy, ...) through Apprise URLs.

Apprise knows how to reach some hundred services, each named by a URL
(``slack://...``, ``tgram://...``, ``ntfy://topic``, ``json://host/path``); see
its wiki for the URL of each. The title is the alert's summary line, the
body its evidence and link, as plain text from a template file.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import ClassVar, Self

import apprise

from alerts.channels import register
from alerts.channels.base import Channel, DeliveryError, Message
from alerts.event import AlertEvent, Digest
from alerts.format import digest_title
from alerts.notices import SourceNotice
from alerts.templating import digest_context, render, template_context
from newsmon.config import AlertsConfig, AppriseConfig, ConfigError
from newsmon.config.alerts import DEFAULT_DELIVERY_TIMEOUT

logger = logging.getLogger(__name__)

_STATUS = re.compile(r"error=(\d{3})\b")
TITLE_HEADER = "Title"


def private_url(url: str) -> str:
    """Return the URL as Apprise shows it, secrets masked, without its options."""
    plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        return url.partition("://")[0] + "://…"
    shown: str = plugin.url(privacy=True)  # type: ignore[no-untyped-call]
    return shown.split("?", 1)[0]


@register
class AppriseChannel(Channel):
    """Notify one Apprise URL: summary line as title, evidence and link as body."""

    kind: ClassVar[str] = "apprise"

    def __init__(
        self,
        config: AppriseConfig,
        *,
        index: int = 0,
        deadline: float = DEFAULT_DELIVERY_TIMEOUT,
    ):
        self.url = config.url
        self.address = config.url
        self.timeout = config.timeout
        self.digest = config.digest
        self.deadline = deadline
        self.own_name = config.name
        self._shown = private_url(config.url)
        self.identify(index)

    @classmethod
    def describe_address(cls, address: str) -> str:
        """``tgram://1...p/12315544/``: the URL with its secrets masked by Apprise."""
        return private_url(address)

    @classmethod
    def from_config(cls, config: AlertsConfig) -> list[Self]:
        """One channel per entry of ``alerts.apprise``; an unknown URL is a config error."""
        channels = []
        for index, entry in enumerate(config.apprise):
            if apprise.Apprise.instantiate(entry.url) is None:
                scheme = entry.url.partition("://")[0]
                raise ConfigError(
                    f"alerts.apprise.{index}.url: Apprise cannot use this {scheme}:// URL "
                    "(unknown service or missing parts; see the Apprise wiki for its form)"
                )
            channels.append(cls(entry, index=index, deadline=config.delivery_timeout))
        return channels

    def render(
        self, event: AlertEvent, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        """Title: the summary line; body: evidence, certainty, headline and link."""
        context = template_context(event)
        body = render("notification.txt", context)
        return self._message(context["summary"], body, message_id)

    def render_digest(
        self, digest: Digest, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        """Title: how many changes to how many shows; body: the changes grouped by show."""
        body = render("digest_body.txt", digest_context(digest))
        return self._message(digest_title(digest), body.strip() + "\n", message_id)

    def render_notice(
        self, notice: SourceNotice, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        """Title: the notice's summary; body: what is wrong since when, and what to check."""
        return self._message(
            notice.summary, render("source_notice.txt", notice.context()), message_id
        )

    def _message(self, title: str, body: str, message_id: str) -> Message:
        return Message(
            channel=self.kind,
            target=self.target,
            message_id=message_id,
            summary=title,
            headers={TITLE_HEADER: title},
            body=body.encode("utf-8"),
        )

    def send(self, message: Message) -> None:
        """Notify through Apprise; raise ``DeliveryError`` with Apprise's reason on failure.

        Apprise tells success only, no status code: returns ``None``.
        """
        notifier = apprise.Apprise()
        if not notifier.add(self.url):
            raise DeliveryError(f"{self._shown}: Apprise cannot use this URL", permanent=True)
        result = notifier.notify(
            body=message.body.decode("utf-8"),
            title=message.headers.get(TITLE_HEADER, message.summary),
            timeout=self.timeout,
        )
        if result:
            return None
        problems = [
            entry.message
            for entry in result.logs()
            if entry.level in ("WARNING", "ERROR", "CRITICAL")
        ]
        reason = problems[-1] if problems else f"Apprise reported {result.status.name.lower()}"
        found = _STATUS.search(reason)
        raise DeliveryError(
            f"{self._shown}: {' '.join(reason.split())}",
            status_code=int(found.group(1)) if found else None,
        )
