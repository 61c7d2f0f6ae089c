"""Everything else (Slack, Discord, Telegram, Matrix, ntfy, ...) through Apprise URLs.

Apprise knows how to reach some hundred services, each named by a URL
(``slack://...``, ``tgram://...``, ``ntfy://topic``, ``json://host/path``); see
its wiki for the URL of each. The title is the alert's summary line, the
body its evidence and link, as plain text from a template file.

An Apprise URL carries its service's tokens and credentials anywhere in it
(host, path, options), so nothing newsmon prints shows one: logs and errors
name the channel (``apprise:0``, ``apprise:<name>``), and the records of
Apprise's own logger, which quotes the URLs it loads and posts to, are kept
at warnings and have every configured URL's parts masked.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import ClassVar, Self

import apprise

from newsmon.alerts.channels import register
from newsmon.alerts.channels.base import Channel, DeliveryError, Message
from newsmon.alerts.event import Digest
from newsmon.alerts.format import digest_title
from newsmon.alerts.notices import SourceNotice
from newsmon.alerts.templating import digest_context, render, template_context
from newsmon.config import AlertsConfig, AppriseConfig, ConfigError
from newsmon.config.alerts import DEFAULT_DELIVERY_TIMEOUT
from newsmon.redact import scrub, url_secrets
from newsmon.storage.views import EventView

logger = logging.getLogger(__name__)

_STATUS = re.compile(r"error=(\d{3})\b")
TITLE_HEADER = "Title"
LOGGERS_QUOTING_URLS = (apprise.LOGGER_NAME, "urllib3.connectionpool")
"""Apprise's logger, and the HTTP library's it posts with (it logs request paths)."""


class MaskAppriseUrls(logging.Filter):
    """Masks the parts of every configured Apprise URL in the records it sees.

    Installed on :data:`LOGGERS_QUOTING_URLS`; Apprise also hands the records
    of its logger to the channel as a failure's reason, masked by then too.
    """

    def __init__(self) -> None:
        super().__init__()
        self.secrets: tuple[str, ...] = ()

    def add(self, url: str) -> None:
        """Mask the parts of ``url`` from now on."""
        known = set(self.secrets).union(url_secrets(url))
        self.secrets = tuple(sorted(known, key=len, reverse=True))

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message with the secrets masked; never drop it."""
        secrets = self.secrets
        if secrets:
            message = record.getMessage()
            masked = scrub(message, secrets)
            if masked != message:
                record.msg, record.args = masked, None
        return True


mask_apprise_urls = MaskAppriseUrls()
for _name in LOGGERS_QUOTING_URLS:
    logging.getLogger(_name).addFilter(mask_apprise_urls)
# Below warnings Apprise quotes each URL it loads and each message it posts; a
# failure's warning is what the channel reports, and what -v users need.
logging.getLogger(apprise.LOGGER_NAME).setLevel(logging.WARNING)


def private_url(url: str) -> str:
    """Return the URL as listings show it: Apprise's masked form, without path or options.

    Apprise masks what its services call secret, but not every path that
    holds one (``json://host/TOKEN``), so the path is left out too, and
    what stands where a host would be is masked unless it is a host name.
    """
    mask_apprise_urls.add(url)
    plugin = apprise.Apprise.instantiate(url)
    scheme = url.partition("://")[0]
    if plugin is None:
        return f"{scheme}://…"
    shown: str = plugin.url(privacy=True)  # type: ignore[no-untyped-call]
    location, slash, path = shown.split("?", 1)[0].partition("://")[2].partition("/")
    # Some services take a secret where a host would be (``ntfy://TOPIC``).
    location = scrub(location, url_secrets(url))
    return f"{scheme}://{location}{slash}{'…' if path.strip('/') else ''}"


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
        mask_apprise_urls.add(config.url)
        self.identify(index)

    @classmethod
    def describe_address(cls, address: str) -> str:
        """``tgram://1...p/…``: the URL with its secrets masked by Apprise, its path left out."""
        return private_url(address)

    @property
    def label(self) -> str:
        """The channel's name (``apprise:0``): any part of an Apprise URL may be a secret."""
        return self.name

    @classmethod
    def from_config(cls, config: AlertsConfig) -> list[Self]:
        """One channel per entry of ``alerts.apprise``; an unknown URL is a config error."""
        channels = []
        for index, entry in enumerate(config.apprise):
            mask_apprise_urls.add(entry.url)  # before Apprise logs anything about it
            if apprise.Apprise.instantiate(entry.url) is None:
                scheme = entry.url.partition("://")[0]
                raise ConfigError(
                    f"alerts.apprise.{index}.url: Apprise cannot use this {scheme}:// URL "
                    "(unknown service or missing parts; see the Apprise wiki for its form)"
                )
            channels.append(cls(entry, index=index, deadline=config.delivery_timeout))
        return channels

    def render(
        self, event: EventView, *, message_id: str, now: dt.datetime | None = None
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
            raise DeliveryError(f"{self.name}: Apprise cannot use this URL", permanent=True)
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
        # Stored in the outbox and shown by listings: masked whatever Apprise put in it.
        reason = scrub(" ".join(reason.split()), url_secrets(self.url))
        found = _STATUS.search(reason)
        raise DeliveryError(
            f"{self.name}: {reason}",
            status_code=int(found.group(1)) if found else None,
        )
