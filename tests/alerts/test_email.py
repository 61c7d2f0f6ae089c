from __future__ import annotations

import asyncio
import datetime as dt
import email
import time
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from newsmon.alerts.channels.base import DeliveryError
from newsmon.alerts.channels.email import EmailChannel
from newsmon.alerts.sending import deliver
from newsmon.config import EmailConfig
from newsmon.storage.views import ArticleLink
from tests.alerts.conftest import Inbox, SmtpServer, alert_event, free_port


def _channel(server: SmtpServer, **changes) -> EmailChannel:
    values = {
        "host": server.host,
        "port": server.port,
        "sender": "newsmon alerts <alerts@newsmon.example.test>",
        "recipients": ["ann@example.test", "bob@example.test"],
        "security": "auto",
        "timeout": 5,
    }
    values.update(changes)
    return EmailChannel(EmailConfig.model_validate(values))


def _part(mail: EmailMessage, subtype: str) -> str:
    part = mail.get_body(preferencelist=(subtype,))
    assert part is not None, f"no text/{subtype} part"
    content: str = part.get_content()
    return content


def _received(server: SmtpServer, index: int = -1) -> EmailMessage:
    _, _, content = server.inbox.mails[index]
    message = email.message_from_bytes(content, policy=default_policy)
    assert isinstance(message, EmailMessage)
    return message


def test_sends_a_plain_and_html_alert_with_the_summary_as_subject(smtp_server: SmtpServer):
    channel = _channel(smtp_server)
    channel.send(channel.render(alert_event(), message_id="msg_e1"))

    (mail_from, rcpt_tos, _) = smtp_server.inbox.mails[0]
    assert mail_from == "alerts@newsmon.example.test"
    assert rcpt_tos == ["ann@example.test", "bob@example.test"]
    mail = _received(smtp_server)
    assert mail["Subject"] == "The Defenders (season 1): pre-production -> wrapped"
    assert mail["To"] == "ann@example.test, bob@example.test"
    assert mail["Auto-Submitted"] == "auto-generated"
    assert mail.get_content_type() == "multipart/alternative"
    text = _part(mail, "plain")
    html = _part(mail, "html")
    evidence = 'Netflix said "The Defenders" has just wrapped up with its filming.'
    assert f'"{evidence}"' in text
    assert "Certainty: confirmed" in text
    assert "As of: 2017-03-24" in text
    assert "The Defenders wraps filming in New York" in text
    assert "https://news.example.test/2017/03/24/defenders-wrap" in text
    assert "Netflix said &#34;The Defenders&#34; has just wrapped up" in html
    assert '<a href="https://news.example.test/2017/03/24/defenders-wrap">' in html
    assert "confirmed" in html


def test_release_alert_spells_the_date_out_and_keeps_iso(smtp_server: SmtpServer):
    channel = _channel(smtp_server)
    event = alert_event(show="Jessica Jones", season=2, facet="release", old="2018", new="2018-03")
    channel.send(channel.render(event, message_id="msg_e2"))
    mail = _received(smtp_server)
    assert mail["Subject"] == "Jessica Jones (season 2): release 2018 -> 2018-03"
    assert "Release: March 2018 (2018-03)" in _part(mail, "plain")


def test_untrusted_text_is_escaped_in_html(smtp_server: SmtpServer):
    channel = _channel(smtp_server)
    event = alert_event(
        evidence="Filming wrapped <script>alert('x')</script> today.",
        article=ArticleLink(
            id=5,
            url="javascript:alert(1)",
            headline="<b>Wrapped</b> & done",
            published=dt.date(2017, 3, 24),
        ),
    )
    channel.send(channel.render(event, message_id="msg_e3"))
    mail = _received(smtp_server)
    html = _part(mail, "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Wrapped&lt;/b&gt; &amp; done" in html
    assert 'href="javascript:' not in html
    # Plain text needs no escaping: the reader sees the words as written.
    assert "Filming wrapped <script>alert('x')</script> today." in _part(mail, "plain")


def test_alerts_about_one_show_share_a_thread(smtp_server: SmtpServer):
    channel = _channel(smtp_server)
    channel.send(channel.render(alert_event(), message_id="msg_t1"))
    channel.send(channel.render(alert_event(old="wrapped", new="released"), message_id="msg_t2"))
    channel.send(channel.render(alert_event(show="Iron Fist"), message_id="msg_t3"))
    first, second, other = (_received(smtp_server, i) for i in range(3))

    assert (
        first["References"]
        == second["References"]
        == "<the-defenders.newsmon@newsmon.example.test>"
    )
    assert first["In-Reply-To"] == second["In-Reply-To"] == first["References"]
    assert other["References"] == "<iron-fist.newsmon@newsmon.example.test>"
    assert first["Message-ID"] == "<msg_t1.newsmon@newsmon.example.test>"
    assert len({first["Message-ID"], second["Message-ID"], other["Message-ID"]}) == 3


def test_a_retry_keeps_the_message_id(smtp_server: SmtpServer):
    channel = _channel(smtp_server)
    first = channel.render(alert_event(), message_id="msg_r1")
    again = channel.render(alert_event(), message_id="msg_r1")
    assert first.headers["Message-ID"] == again.headers["Message-ID"]
    assert smtp_server.inbox.mails == []


def test_rejected_mail_is_a_delivery_error_with_the_smtp_code(smtp_server: SmtpServer):
    smtp_server.inbox.rejections = 1
    channel = _channel(smtp_server)
    with pytest.raises(DeliveryError) as caught:
        channel.send(channel.render(alert_event(), message_id="msg_x1"))
    assert caught.value.status_code == 554
    assert "554" in caught.value.reason
    assert "refused by test policy" in caught.value.reason
    # 5xx is still retried: the dispatcher's schedule decides when to give up.
    assert not caught.value.permanent


def test_refused_connection_names_the_server(closed_port: int):
    channel = EmailChannel(
        EmailConfig(
            host="127.0.0.1",
            port=closed_port,
            sender="alerts@newsmon.example.test",
            recipients=["ann@example.test"],
        )
    )
    with pytest.raises(DeliveryError, match=f"SMTP server 127.0.0.1:{closed_port}.*refused"):
        channel.send(channel.render(alert_event(), message_id="msg_x2"))


def test_starttls_required_but_not_offered(smtp_server: SmtpServer):
    channel = _channel(smtp_server, security="starttls")
    with pytest.raises(DeliveryError, match="does not offer STARTTLS"):
        channel.send(channel.render(alert_event(), message_id="msg_x3"))
    assert smtp_server.inbox.mails == []


def test_password_is_not_sent_over_an_unencrypted_connection(smtp_server: SmtpServer):
    channel = _channel(smtp_server, username="alerts", password="hunter2")
    with pytest.raises(DeliveryError, match="not sending the password unencrypted"):
        channel.send(channel.render(alert_event(), message_id="msg_x4"))
    assert smtp_server.inbox.mails == []


def test_ssl_against_a_plain_server_fails_cleanly(smtp_server: SmtpServer):
    channel = _channel(smtp_server, security="ssl", timeout=2)
    with pytest.raises(DeliveryError, match="SMTP server"):
        channel.send(channel.render(alert_event(), message_id="msg_x5"))


class _SlowInbox(Inbox):
    """Answers DATA only after ``wait`` seconds: each SMTP step is quick but one never ends."""

    wait: float = 3.0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        await asyncio.sleep(self.wait)
        return await super().handle_DATA(server, session, envelope)


def test_a_slow_smtp_server_is_cut_at_the_delivery_deadline():
    inbox = _SlowInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        server = SmtpServer("127.0.0.1", controller.port, inbox)
        config = EmailConfig.model_validate(
            {
                "host": server.host,
                "port": server.port,
                "sender": "alerts@newsmon.example.test",
                "recipients": ["ann@example.test"],
                "timeout": 30,  # each step may take 30 s...
            }
        )
        channel = EmailChannel(config, deadline=1)  # ...but the whole send only 1 s
        message = channel.render(alert_event(), message_id="msg_slow")
        started = time.monotonic()
        with pytest.raises(DeliveryError, match=r"not done within 1 s"):
            deliver(channel, message)
        assert time.monotonic() - started < 2
    finally:
        controller.stop()
