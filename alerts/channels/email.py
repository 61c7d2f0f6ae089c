"""Alert emails over SMTP: plain text and HTML, one mail thread per show.

Every SMTP failure, 5xx replies included, is retried on the dispatcher's
schedule: a rejected recipient or a full mailbox is often fixed by a person
within the hours the schedule spans, and the delivery's stable Message-ID
lets mail clients collapse a copy that did get through twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import smtplib
import socket
import ssl
import unicodedata
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime, parseaddr
from typing import ClassVar, Self

from newsmon.alerts.channels import register
from newsmon.alerts.channels.base import Channel, DeliveryError, Message
from newsmon.alerts.event import Digest
from newsmon.alerts.notices import SourceNotice
from newsmon.alerts.templating import digest_context, render, template_context
from newsmon.config import AlertsConfig, EmailConfig
from newsmon.config.alerts import DEFAULT_DELIVERY_TIMEOUT
from newsmon.storage.models import utcnow
from newsmon.storage.views import EventView

logger = logging.getLogger(__name__)


_ACCEPTED = 250
"""The reply ``sendmail`` got to the message: anything else raises."""


def show_slug(show: str) -> str:
    """Return ``the-defenders`` for "The Defenders"; a hash when no ASCII letters remain."""
    ascii_title = unicodedata.normalize("NFKD", show).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60]
    return slug or hashlib.sha1(show.encode()).hexdigest()[:12]


def thread_root_id(show: str, domain: str) -> str:
    """Return the Message-ID all alerts about ``show`` reply to, so they form one thread."""
    return f"<{show_slug(show)}.newsmon@{domain}>"


def message_id_header(message_id: str, domain: str) -> str:
    """Derive a Message-ID from the delivery id: the same on every retry."""
    local = re.sub(r"[^A-Za-z0-9._-]", "-", message_id) or "alert"
    return f"<{local}.newsmon@{domain}>"


@register
class EmailChannel(Channel):
    """Send each alert to the configured recipients through one SMTP server."""

    kind: ClassVar[str] = "email"

    def __init__(self, config: EmailConfig, *, deadline: float = DEFAULT_DELIVERY_TIMEOUT):
        self.config = config
        self.recipients = list(config.recipients)
        self.address = ",".join(self.recipients)
        self.envelope_from = parseaddr(config.sender)[1] or config.sender
        self.domain = self.envelope_from.rpartition("@")[2] or "newsmon.invalid"
        self.digest = config.digest
        self.deadline = deadline
        self.own_name = config.name
        self.identify()

    @classmethod
    def from_config(cls, config: AlertsConfig) -> list[Self]:
        """One channel when ``alerts.email`` is set."""
        if config.email is None:
            return []
        return [cls(config.email, deadline=config.delivery_timeout)]

    def render(
        self, event: EventView, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        """Build a multipart/alternative mail threaded under the show's root Message-ID."""
        context = template_context(event)
        root = thread_root_id(event.show, self.domain)
        mail = EmailMessage(policy=SMTP_POLICY)
        mail["Subject"] = context["summary"]
        mail["From"] = self.config.sender
        mail["To"] = ", ".join(self.recipients)
        mail["Date"] = format_datetime((now or utcnow()).astimezone(dt.UTC))
        mail["Message-ID"] = message_id_header(message_id, self.domain)
        mail["In-Reply-To"] = root
        mail["References"] = root
        # RFC 3834: tells vacation responders not to answer.
        mail["Auto-Submitted"] = "auto-generated"
        mail["X-Newsmon-Event-Id"] = str(event.id)
        mail.set_content(render("email.txt", context))
        mail.add_alternative(render("email.html", context), subtype="html")
        return self._message(mail, message_id)

    def render_digest(
        self, digest: Digest, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        """One mail listing the period's changes grouped by show (not threaded per show)."""
        context = digest_context(digest)
        mail = EmailMessage(policy=SMTP_POLICY)
        mail["Subject"] = context["title"]
        mail["From"] = self.config.sender
        mail["To"] = ", ".join(self.recipients)
        mail["Date"] = format_datetime((now or utcnow()).astimezone(dt.UTC))
        mail["Message-ID"] = message_id_header(message_id, self.domain)
        mail["Auto-Submitted"] = "auto-generated"
        mail.set_content(render("digest.txt", context))
        mail.add_alternative(render("digest.html", context), subtype="html")
        return self._message(mail, message_id)

    def render_notice(
        self, notice: SourceNotice, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        """A plain-text mail: "newsmon: source X is failing: ..." and what to check."""
        mail = EmailMessage(policy=SMTP_POLICY)
        mail["Subject"] = notice.summary
        mail["From"] = self.config.sender
        mail["To"] = ", ".join(self.recipients)
        mail["Date"] = format_datetime((now or utcnow()).astimezone(dt.UTC))
        mail["Message-ID"] = message_id_header(message_id, self.domain)
        mail["Auto-Submitted"] = "auto-generated"
        mail["X-Newsmon-Source"] = " ".join(notice.source.split())
        mail.set_content(render("source_notice.txt", notice.context()))
        return self._message(mail, message_id)

    def _message(self, mail: EmailMessage, message_id: str) -> Message:
        shown = ("Subject", "From", "To", "Message-ID", "In-Reply-To", "References")
        return Message(
            channel=self.kind,
            target=self.target,
            message_id=message_id,
            summary=str(mail["Subject"]),
            headers={name: str(mail[name]) for name in shown if mail[name] is not None},
            body=mail.as_bytes(),
        )

    def send(self, message: Message) -> int:
        """Hand the mail to the SMTP server; return its 250; raise ``DeliveryError`` on failure."""
        config = self.config
        where = f"SMTP server {config.host}:{config.port}"
        smtp: smtplib.SMTP | None = None
        try:
            smtp = self._connect()
            self._secure(smtp, where)
            self._login(smtp, where)
            refused = smtp.sendmail(self.envelope_from, self.recipients, message.body)
        except DeliveryError:
            raise
        except (smtplib.SMTPException, OSError) as exc:
            raise _delivery_error(exc, where, config) from None
        finally:
            if smtp is not None:
                _close_quietly(smtp)
        if refused:
            # Resending would duplicate the mail for those who got it; say who did not.
            logger.warning(
                "%s accepted %s but refused %s", where, message.message_id, ", ".join(refused)
            )
        return _ACCEPTED

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        if config.security == "ssl":
            return smtplib.SMTP_SSL(
                config.host,
                config.port,
                timeout=config.timeout,
                context=ssl.create_default_context(),
            )
        return smtplib.SMTP(config.host, config.port, timeout=config.timeout)

    def _secure(self, smtp: smtplib.SMTP, where: str) -> None:
        if self.config.security in ("ssl", "none"):
            return
        smtp.ehlo_or_helo_if_needed()
        if smtp.has_extn("starttls"):
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        elif self.config.security == "starttls":
            raise DeliveryError(
                f"{where} does not offer STARTTLS; set alerts.email.security to 'ssl' or 'none'"
            )

    def _login(self, smtp: smtplib.SMTP, where: str) -> None:
        config = self.config
        if not config.username:
            return
        encrypted = isinstance(smtp.sock, ssl.SSLSocket)
        if not encrypted and config.security != "none":
            raise DeliveryError(
                f"{where} offers no STARTTLS; not sending the password unencrypted "
                "(set alerts.email.security to 'none' to allow it)"
            )
        smtp.login(config.username, config.password or "")


def _delivery_error(  # noqa: PLR0911 (one return per kind of failure reads best)
    exc: BaseException, where: str, config: EmailConfig
) -> DeliveryError:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refusals = [f"{rcpt} ({code} {_text(txt)})" for rcpt, (code, txt) in exc.recipients.items()]
        first_code = next(iter(exc.recipients.values()))[0] if exc.recipients else None
        return DeliveryError(f"{where} refused every recipient: {'; '.join(refusals)}", first_code)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return DeliveryError(
            f"{where} rejected the login of {config.username!r} ({exc.smtp_code} "
            f"{_text(exc.smtp_error)}); check alerts.email.username and password",
            exc.smtp_code,
        )
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return DeliveryError(
            f"{where} refused the sender {exc.sender} ({exc.smtp_code} {_text(exc.smtp_error)})",
            exc.smtp_code,
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return DeliveryError(
            f"{where} answered {exc.smtp_code} {_text(exc.smtp_error)}", exc.smtp_code
        )
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return DeliveryError(f"{where} closed the connection: {exc}")
    if isinstance(exc, smtplib.SMTPException):
        return DeliveryError(f"{where}: {exc}")
    if isinstance(exc, ssl.SSLError):
        return DeliveryError(f"{where}: TLS failed: {exc.reason or exc}")
    if isinstance(exc, TimeoutError):
        return DeliveryError(f"{where}: no answer within {config.timeout:g} s")
    if isinstance(exc, socket.gaierror):
        return DeliveryError(f"cannot connect to {where}: unknown host {config.host!r}")
    if isinstance(exc, OSError):
        return DeliveryError(f"cannot connect to {where}: {exc.strerror or exc}")
    return DeliveryError(f"{where}: {exc}")


def _text(value: bytes | str) -> str:
    text = value.decode("utf-8", errors="replace") if isinstance(value, bytes) else value
    return " ".join(text.split())


def _close_quietly(smtp: smtplib.SMTP) -> None:
    # The mail is already accepted (or already failed); a rude QUIT changes neither.
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()
