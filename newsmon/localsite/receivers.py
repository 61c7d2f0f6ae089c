"""A webhook receiver that checks Standard Webhooks signatures, and an SMTP sink."""

from __future__ import annotations

import base64
import email
import email.policy
import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

from newsmon.localsite.server import LoopbackServer, QuietHandler


def signature_is_valid(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """Check ``webhook-signature`` as Standard Webhooks defines it, from first principles."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    offered = [
        part.split(",", 1)[1] for part in headers["webhook-signature"].split() if "," in part
    ]
    return any(hmac.compare_digest(expected, candidate) for candidate in offered)


@dataclass(frozen=True)
class ReceivedWebhook:
    """One POST as the receiver saw it."""

    headers: dict[str, str]
    body: bytes
    signature_valid: bool

    @property
    def payload(self) -> dict[str, Any]:
        """The JSON body."""
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed


@dataclass
class WebhookReceiver:
    """An HTTP server on 127.0.0.1 that records webhooks and answers ``status``."""

    secret: str
    status: int = 200
    on_receive: Callable[[ReceivedWebhook], None] | None = None
    received: list[ReceivedWebhook] = field(default_factory=list)
    _server: LoopbackServer | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """Where to POST."""
        assert self._server is not None, "start() the receiver first"
        return f"{self._server.base_url}/hook"

    def start(self) -> WebhookReceiver:
        """Serve in a background thread."""
        receiver = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {k.lower(): v for k, v in self.headers.items()}
                try:
                    valid = signature_is_valid(receiver.secret, headers, body)
                except (KeyError, ValueError):
                    valid = False
                message = ReceivedWebhook(headers, body, valid)
                receiver.received.append(message)
                self.send_response(receiver.status if valid else 401)
                self.send_header("Content-Length", "0")
                self.end_headers()
                if receiver.on_receive is not None and valid:
                    receiver.on_receive(message)

        self._server = LoopbackServer(Handler)
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.stop()


class _Collector:
    def __init__(self, sink: SmtpSink):
        self.sink = sink

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.sink.messages.append(message)
        if self.sink.on_receive is not None:
            self.sink.on_receive(message)
        return "250 Message accepted for delivery"


@dataclass
class SmtpSink:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it is sent."""

    on_receive: Callable[[EmailMessage], None] | None = None
    messages: list[EmailMessage] = field(default_factory=list)
    _controller: Controller | None = field(default=None, repr=False)

    @property
    def port(self) -> int:
        """The port it listens on."""
        assert self._controller is not None, "start() the sink first"
        port: int = self._controller.port
        return port

    def start(self) -> SmtpSink:
        """Listen on a free port."""
        self._controller = Controller(_Collector(self), hostname="127.0.0.1", port=_free_port())
        self._controller.start()
        return self

    def stop(self) -> None:
        """Stop listening."""
        if self._controller is not None:
            self._controller.stop()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
