"""Signed JSON webhooks, per the Standard Webhooks convention."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import http.client
import json
import logging
import socket
import ssl
import threading
import time
from typing import Any, ClassVar, Self
from urllib.parse import unquote, urlsplit

from standardwebhooks.webhooks import Webhook

from newsmon.alerts.channels import register
from newsmon.alerts.channels.base import Channel, DeliveryError, Message
from newsmon.alerts.event import Digest
from newsmon.alerts.format import digest_title
from newsmon.alerts.notices import SourceNotice
from newsmon.config import AlertsConfig, DigestMode
from newsmon.config.alerts import DEFAULT_DELIVERY_TIMEOUT
from newsmon.storage.models import utcnow
from newsmon.storage.views import EventView

logger = logging.getLogger(__name__)

EVENT_TYPE = "production.status_changed"
DIGEST_TYPE = "production.status_digest"
USER_AGENT = "newsmon"
DEFAULT_TIMEOUT = DEFAULT_DELIVERY_TIMEOUT
_ERROR_BODY_CHARS = 200
_MAX_ANSWER_BYTES = 64 * 1024


def event_data(event: EventView) -> dict[str, Any]:
    """Return the ``data`` of one change event, as a receiver gets it."""
    return {
        "event_id": event.id,
        "show": event.show,
        "season": event.season,
        "facet": event.facet,
        "from": event.old,
        "to": event.new,
        "certainty": event.certainty,
        "as_of": event.as_of,
        "detected_at": event.detected_at.astimezone(dt.UTC).isoformat(),
        "evidence": event.evidence,
        "article_url": event.article.url,
        "headline": event.article.headline,
        "outlet_count": event.outlet_count,
        "outlets": [
            {"outlet": o.outlet, "url": o.url, "headline": o.headline, "certainty": o.certainty}
            for o in event.outlets
        ],
    }


def payload(event: EventView) -> dict[str, Any]:
    """Return the JSON document a receiver gets; identical on every retry."""
    return {
        "type": EVENT_TYPE,
        "timestamp": event.detected_at.astimezone(dt.UTC).isoformat(),
        "data": event_data(event),
    }


def digest_payload(digest: Digest) -> dict[str, Any]:
    """Return a digest's JSON document: the period and its events grouped by show."""
    return {
        "type": DIGEST_TYPE,
        "timestamp": digest.end.astimezone(dt.UTC).isoformat(),
        "data": {
            "period_start": digest.start.astimezone(dt.UTC).isoformat(),
            "period_end": digest.end.astimezone(dt.UTC).isoformat(),
            "count": len(digest.events),
            "shows": [
                {"show": show, "events": [event_data(event) for event in events]}
                for show, events in digest.by_show()
            ],
        },
    }


def redact_url(url: str) -> str:
    """Return ``https://hooks.example/…``: the host only, since paths often hold tokens.

    Credentials (``user:pass@``) are never shown.
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    rest = "/…" if parts.path.strip("/") or parts.query else ""
    return f"{parts.scheme}://{host}{port}{rest}"


def basic_auth(url: str) -> str | None:
    """Return the ``Authorization`` header a ``user:pass@`` URL asks for, or ``None``."""
    parts = urlsplit(url)
    if parts.username is None:
        return None
    user = unquote(parts.username)
    password = unquote(parts.password or "")
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return f"Basic {token}"


class _Watchdog:
    """Cuts a connection when its deadline passes, whatever it is waiting for.

    Socket timeouts bound each read; a receiver that trickles one byte at a
    time never trips them. Shutting the socket down from a timer ends any
    blocked call at once.
    """

    def __init__(self, connection: http.client.HTTPConnection, seconds: float):
        self.fired = False
        self._connection = connection
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()
        self._connection.close()

    def _fire(self) -> None:
        self.fired = True
        sock = self._connection.sock
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed: the send is over
                sock.shutdown(socket.SHUT_RDWR)


@register
class WebhookChannel(Channel):
    """POST a signed JSON document to one URL.

    Headers: ``webhook-id`` (the delivery's stable id), ``webhook-timestamp``
    (unix seconds of this attempt) and ``webhook-signature`` (``v1,`` + base64
    HMAC-SHA256 of ``id.timestamp.body`` keyed with the ``whsec_`` secret).
    A URL with ``user:pass@`` also sends HTTP Basic auth. One send takes at
    most ``timeout`` seconds in all: connecting, sending and the whole answer.
    """

    kind: ClassVar[str] = "webhook"
    enforces_deadline: ClassVar[bool] = True

    def __init__(
        self,
        url: str,
        secret: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        digest: DigestMode = "immediate",
        name: str | None = None,
        index: int = 0,
    ):
        self.url = url
        self.address = url
        self.timeout = timeout
        self.deadline = timeout
        self.digest = digest
        self.own_name = name
        self._signer = Webhook(secret)
        self._authorization = basic_auth(url)
        self.identify(index)

    @classmethod
    def from_config(cls, config: AlertsConfig) -> list[Self]:
        """One channel per configured webhook (``alerts.webhooks``)."""
        return [
            cls(
                hook.url,
                hook.secret,
                timeout=config.delivery_timeout,
                digest=hook.digest,
                name=hook.name,
                index=index,
            )
            for index, hook in enumerate(config.webhooks)
        ]

    @classmethod
    def describe_address(cls, address: str) -> str:
        """``https://host/…``: paths and queries often carry tokens, userinfo always does."""
        return redact_url(address)

    def render(
        self, event: EventView, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        """Serialise and sign; the timestamp is this attempt's, the id the delivery's."""
        return self._signed(payload(event), event.summary, message_id, now)

    def render_digest(
        self, digest: Digest, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        """One signed ``production.status_digest`` document for the whole period."""
        return self._signed(digest_payload(digest), digest_title(digest), message_id, now)

    def render_notice(
        self, notice: SourceNotice, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        """One signed ``source.unhealthy`` or ``source.recovered`` document."""
        document = {
            "type": notice.event_type,
            "timestamp": notice.since.astimezone(dt.UTC).isoformat(),
            "data": notice.data(),
        }
        return self._signed(document, notice.summary, message_id, now)

    def _signed(
        self, document: dict[str, Any], summary: str, message_id: str, now: dt.datetime | None
    ) -> Message:
        sent_at = (now or utcnow()).astimezone(dt.UTC)
        body = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        signature = self._signer.sign(msg_id=message_id, timestamp=sent_at, data=body)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "webhook-id": message_id,
            "webhook-timestamp": str(int(sent_at.timestamp())),
            "webhook-signature": signature,
        }
        return Message(
            channel=self.kind,
            target=self.target,
            message_id=message_id,
            summary=summary,
            headers=headers,
            body=body.encode("utf-8"),
        )

    def send(self, message: Message) -> int:
        """POST it within the deadline; return the 2xx status.

        Any other answer raises ``DeliveryError`` (410 Gone: permanent, and the
        channel is disabled); so does a receiver that has not answered in full
        when the deadline passes.
        """
        where = redact_url(self.url)
        parts = urlsplit(self.url)
        headers = dict(message.headers)
        if self._authorization is not None:
            # Added here, never in the message: dry runs and logs show messages.
            headers["Authorization"] = self._authorization
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection = self._connection(parts.scheme, parts.hostname or "", parts.port)
        started = time.monotonic()
        with _Watchdog(connection, self.timeout) as watchdog:
            try:
                connection.connect()
                if watchdog.fired:  # it fired while connecting, with no socket to cut yet
                    raise TimeoutError
                connection.request("POST", path, body=message.body, headers=headers)
                response = connection.getresponse()
                answer = response.read(_MAX_ANSWER_BYTES)
            except (OSError, http.client.HTTPException) as exc:
                if watchdog.fired or time.monotonic() - started >= self.timeout:
                    raise DeliveryError(self._late(where)) from None
                raise _connection_error(exc, where) from None
        if watchdog.fired:
            raise DeliveryError(self._late(where))
        status = response.status
        if 200 <= status < 300:
            return status
        raise _http_error(status, response.reason, response.getheader("Location"), answer, where)

    def _connection(self, scheme: str, host: str, port: int | None) -> http.client.HTTPConnection:
        if scheme == "https":
            context = ssl.create_default_context()
            return http.client.HTTPSConnection(host, port, timeout=self.timeout, context=context)
        return http.client.HTTPConnection(host, port, timeout=self.timeout)

    def _late(self, where: str) -> str:
        return f"{where}: no complete answer within {self.timeout:g} s"


def _connection_error(exc: Exception, where: str) -> DeliveryError:
    if isinstance(exc, ConnectionRefusedError):
        return DeliveryError(f"{where}: cannot connect: {_describe(exc)}")
    if isinstance(exc, socket.gaierror):
        return DeliveryError(f"{where}: cannot connect: unknown host ({_describe(exc)})")
    if isinstance(exc, ssl.SSLError):
        return DeliveryError(f"{where}: TLS failed: {exc.reason or exc}")
    if isinstance(exc, http.client.HTTPException):
        return DeliveryError(f"{where}: not a valid HTTP answer: {_describe(exc)}")
    return DeliveryError(f"{where}: connection failed: {_describe(exc)}")


def _http_error(
    status: int, reason: str, location: str | None, answer: bytes, where: str
) -> DeliveryError:
    snippet = answer[:_ERROR_BODY_CHARS].decode("utf-8", errors="replace")
    snippet = " ".join(snippet.split())[:_ERROR_BODY_CHARS]
    text = f"{where}: HTTP {status} {reason}".rstrip()
    if 300 <= status < 400:
        text += f" (redirects to {location or '?'}; set the webhook url to where it points)"
    elif snippet:
        text += f": {snippet}"
    if status == 410:
        text += " (the receiver says this webhook is gone; it is disabled until re-enabled)"
    return DeliveryError(text, status_code=status, disables=status == 410)


def _describe(error: object) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
