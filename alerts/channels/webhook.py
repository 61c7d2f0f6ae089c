"""Signed JSON webhooks, per the Standard Webhooks convention."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import logging
import urllib.error
import urllib.request
from typing import Any, ClassVar, Self
from urllib.parse import urlsplit

from standardwebhooks.webhooks import Webhook

from alerts.channels import register
from alerts.channels.base import Channel, DeliveryError, Message
from alerts.event import AlertEvent, Digest
from alerts.format import digest_title, summary_line
from alerts.notices import SourceNotice
from newsmon.config import AlertsConfig, DigestMode
from storage.models import utcnow

logger = logging.getLogger(__name__)

EVENT_TYPE = "production.status_changed"
DIGEST_TYPE = "production.status_digest"
USER_AGENT = "newsmon"
DEFAULT_TIMEOUT = 10.0
_ERROR_BODY_CHARS = 200


def event_data(event: AlertEvent) -> dict[str, Any]:
    """Return the ``data`` of one change event, as a receiver gets it."""
    return {
        "event_id": event.event_id,
        "show": event.show,
        "season": event.season,
        "facet": event.facet,
        "from": event.old,
        "to": event.new,
        "certainty": event.certainty,
        "as_of": event.as_of,
        "evidence": event.evidence,
        "article_url": event.article_url,
        "headline": event.headline,
    }


def payload(event: AlertEvent) -> dict[str, Any]:
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
    """Return ``https://hooks.example/…``: the host only, since paths often hold tokens."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    rest = "/…" if parts.path.strip("/") or parts.query else ""
    return f"{parts.scheme}://{host}{port}{rest}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # urllib would replay a POST as a body-less GET on 301-303; a moved
    # receiver is a configuration problem to report, not to guess around.
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirect())


@register
class WebhookChannel(Channel):
    """POST a signed JSON document to one URL.

    Headers: ``webhook-id`` (the delivery's stable id), ``webhook-timestamp``
    (unix seconds of this attempt) and ``webhook-signature`` (``v1,`` + base64
    HMAC-SHA256 of ``id.timestamp.body`` keyed with the ``whsec_`` secret).
    """

    kind: ClassVar[str] = "webhook"

    def __init__(
        self,
        url: str,
        secret: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        digest: DigestMode = "immediate",
    ):
        self.url = url
        self.target = url
        self.timeout = timeout
        self.digest = digest
        self._signer = Webhook(secret)

    @classmethod
    def from_config(cls, config: AlertsConfig) -> list[Self]:
        """One channel per configured webhook (``alerts.webhooks``)."""
        return [cls(hook.url, hook.secret, digest=hook.digest) for hook in config.webhooks]

    @classmethod
    def describe_target(cls, target: str) -> str:
        """``https://host/…``: paths and queries often carry tokens."""
        return redact_url(target)

    def render(
        self, event: AlertEvent, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        """Serialise and sign; the timestamp is this attempt's, the id the delivery's."""
        return self._signed(payload(event), summary_line(event), message_id, now)

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

    def send(self, message: Message) -> None:
        """POST it; any answer but 2xx raises ``DeliveryError`` (410 Gone: permanent)."""
        request = urllib.request.Request(
            self.url, data=message.body, headers=dict(message.headers), method="POST"
        )
        where = redact_url(self.url)
        try:
            with _opener.open(request, timeout=self.timeout) as response:
                status = response.status
                response.read(64 * 1024)
        except urllib.error.HTTPError as exc:
            raise _http_error(exc, where) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise DeliveryError(f"{where}: no answer within {self.timeout:g} s") from None
            raise DeliveryError(f"{where}: cannot connect: {_describe(reason)}") from None
        except TimeoutError:
            raise DeliveryError(f"{where}: no answer within {self.timeout:g} s") from None
        except OSError as exc:
            raise DeliveryError(f"{where}: connection failed: {_describe(exc)}") from None
        except http.client.HTTPException as exc:
            raise DeliveryError(f"{where}: not a valid HTTP answer: {_describe(exc)}") from None
        if not 200 <= status < 300:
            raise DeliveryError(f"{where}: HTTP {status}", status_code=status)


def _http_error(exc: urllib.error.HTTPError, where: str) -> DeliveryError:
    status = exc.code
    try:
        snippet = exc.read(_ERROR_BODY_CHARS).decode("utf-8", errors="replace")
    except (OSError, http.client.HTTPException):
        snippet = ""
    finally:
        exc.close()
    snippet = " ".join(snippet.split())[:_ERROR_BODY_CHARS]
    reason = f"{where}: HTTP {status} {exc.reason}".rstrip()
    if 300 <= status < 400:
        location = exc.headers.get("Location", "?")
        reason += f" (redirects to {location}; set the webhook url to where it points)"
    elif snippet:
        reason += f": {snippet}"
    if status == 410:
        reason += " (the receiver says this webhook is gone; it is disabled until re-enabled)"
    return DeliveryError(reason, status_code=status, disables=status == 410)


def _describe(error: object) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
