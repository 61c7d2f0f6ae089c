"""Real receivers on 127.0.0.1 (HTTP and SMTP) and a store with one event in it."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

from newsmon.storage.models import Article, Base, ChangeEvent, ClaimRow, Delivery
from newsmon.storage.views import ArticleLink, EventView

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        """A header by name, whatever case the sender wrote it in."""
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)


@dataclass
class Receiver:
    """An HTTP server recording every POST and answering from a script of statuses."""

    url: str = ""
    answers: list[int] = field(default_factory=list)
    """Statuses to answer, first to last; 204 once the list is used up."""
    delay: float = 0.0
    requests: list[Request] = field(default_factory=list)
    answered: list[int] = field(default_factory=list)
    """The status given to each request, in the order of ``requests``."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_answer(self, request: Request) -> int:
        with self.lock:
            self.requests.append(request)
            status = self.answers.pop(0) if self.answers else 204
            self.answered.append(status)
            return status


class _Handler(BaseHTTPRequestHandler):
    server: Any

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        receiver: Receiver = self.server.receiver
        status = receiver.next_answer(Request(self.path, dict(self.headers.items()), body))
        if receiver.delay:
            threading.Event().wait(receiver.delay)
        self.send_response(status)
        if 300 <= status < 400:
            self.send_header("Location", "http://127.0.0.1:9/moved")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"no" if status >= 300 else b"ok")

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(state: Receiver, port: int = 0) -> Callable[[], None]:
    """Start answering POSTs on 127.0.0.1 (``port`` 0: any free one); return the stopper."""
    server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
    server.daemon_threads = True
    path = urlsplit(state.url).path or "/hooks/newsmon"
    state.url = f"http://127.0.0.1:{server.server_address[1]}{path}"
    server.receiver = state  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(5)

    return stop


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()
    stop = serve(state)
    try:
        yield state
    finally:
        stop()


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A port bound but not listening: connecting to it is refused."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


@dataclass
class Inbox:
    """An aiosmtpd handler keeping what it accepts; rejects the first ``rejections`` mails."""

    rejections: int = 0
    mails: list[tuple[str, list[str], bytes]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.rejections:
            self.rejections -= 1
            return "554 5.7.1 Message refused by test policy"
        self.mails.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 2.0.0 Accepted"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class SmtpServer:
    host: str
    port: int
    inbox: Inbox


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", controller.port, inbox)
    finally:
        controller.stop()


@pytest.fixture
def store(database_url: str) -> Iterator[sessionmaker[Session]]:
    """An empty schema on SQLite (a file in tmp_path) and on PostgreSQL."""
    engine = create_engine(database_url)
    Base.metadata.create_all(engine)
    try:
        yield sessionmaker(engine)
    finally:
        engine.dispose()


def alert_event(**changes: Any) -> EventView:
    values: dict[str, Any] = {
        "id": 7,
        "show": "The Defenders",
        "season": 1,
        "facet": "stage",
        "old": "pre_production",
        "new": "wrapped",
        "certainty": "confirmed",
        "as_of": "2017-03-24",
        "evidence": 'Netflix said "The Defenders" has just wrapped up with its filming.',
        "rule": "stage.wrapped",
        "claim_id": 3,
        "detected_at": dt.datetime(2017, 3, 25, 9, 30, tzinfo=dt.UTC),
        "quiet": None,
        "article": ArticleLink(
            id=5,
            url="https://news.example.test/2017/03/24/defenders-wrap",
            headline="The Defenders wraps filming in New York",
            published=dt.date(2017, 3, 24),
        ),
    }
    values.update(changes)
    return EventView(**values)


_counter = iter(range(1, 1_000_000))


def add_event(
    factory: sessionmaker[Session],
    targets: list[tuple[str, str]],
    *,
    show: str = "The Defenders",
    evidence: str = "The Defenders has just wrapped up with its filming.",
    **delivery_values: Any,
) -> list[int]:
    """Store an article, a claim, a change event and its deliveries; return delivery ids."""
    n = next(_counter)
    with factory() as session, session.begin():
        article = Article(
            url=f"https://news.example.test/a/{n}?utm_source=feed",
            canonical_url=f"https://news.example.test/a/{n}",
            headline=f"{show} wraps filming",
            text=evidence,
            text_hash=f"{n:064d}",
            published=dt.date(2017, 3, 24),
            published_source="jsonld",
        )
        claim = ClaimRow(
            article=article,
            show=show,
            season=1,
            facet="stage",
            value="wrapped",
            certainty="confirmed",
            as_of="2017-03-24",
            evidence=evidence,
            rule_id="stage.wrapped.1",
        )
        session.add(claim)
        session.flush()
        event = ChangeEvent(
            show=show,
            season=1,
            facet="stage",
            from_value="pre_production",
            to_value="wrapped",
            certainty="confirmed",
            as_of="2017-03-24",
            evidence=evidence,
            rule_id="stage.wrapped.1",
            claim_id=claim.id,
            article=article,
        )
        deliveries = [
            Delivery(event=event, channel=kind, target=target, **delivery_values)
            for kind, target in targets
        ]
        session.add_all(deliveries)
        session.flush()
        return [delivery.id for delivery in deliveries]


def load(factory: sessionmaker[Session], delivery_id: int) -> Delivery:
    with factory() as session:
        delivery = session.get(Delivery, delivery_id)
        assert delivery is not None
        session.expunge(delivery)
        return delivery


@dataclass
class Trickler:
    """A receiver that reads the whole request, then answers one byte every ``interval`` s.

    It never finishes an answer while ``trickle`` is set: each byte resets any
    per-read timeout, so only a deadline on the whole send ends it. With
    ``trickle`` unset it answers 204 at once.
    """

    url: str = ""
    interval: float = 0.5
    trickle: bool = True
    ids: list[str] = field(default_factory=list)
    """The ``webhook-id`` of every request, in arrival order."""
    arrivals: list[float] = field(default_factory=list)
    """When each request had arrived in full (``time.monotonic()``)."""
    lock: threading.Lock = field(default_factory=threading.Lock)


def _trickle_connection(state: Trickler, conn: socket.socket) -> None:
    with conn:
        conn.settimeout(30)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        headers = {}
        for line in head.decode("latin-1").split("\r\n")[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(body) < length:
            chunk = conn.recv(65536)
            if not chunk:
                return
            body += chunk
        with state.lock:
            state.ids.append(headers.get("webhook-id", ""))
            state.arrivals.append(time.monotonic())
        if not state.trickle:
            conn.sendall(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
            return
        try:
            for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" * 1000:
                conn.sendall(bytes([byte]))
                threading.Event().wait(state.interval)
        except OSError:
            return  # the sender gave up: what a deadline is for


@pytest.fixture
def trickler() -> Iterator[Trickler]:
    """A ``Trickler`` listening on 127.0.0.1 until the test ends."""
    state = Trickler()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    state.url = f"http://127.0.0.1:{listener.getsockname()[1]}/hooks/slow"
    stopping = threading.Event()

    def accept() -> None:
        while not stopping.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=_trickle_connection, args=(state, conn), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        stopping.set()
        thread.join(5)
        listener.close()
