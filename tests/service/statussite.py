"""A generated news site whose articles report the production status of catalog shows.

Article ``n`` is about show ``n % len(STORIES)``, so a handful of productions
each get many articles: crawler processes working at once keep writing to the
same productions. Every article about a show says the same thing in its own
words and on its own day (the news is repeated, never contradicted), so the
state and the change events a crawl stores do not depend on the order in
which the articles happen to be read: one event per facet, whoever reads
first. Filler paragraphs, drawn per article, keep the articles from being
near-duplicates of each other. Hits are counted per path under a lock.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from html import escape

from newsmon.localsite.server import LoopbackServer, serve_get
from tests.service.bigsite import filler_paragraphs


@dataclass(frozen=True)
class Story:
    """What every article about one production reports, and how it may be put."""

    show: str
    season: int | None
    stage: str
    """The stage every article about it reports (FORMAT.md's value)."""
    sentences: tuple[str, ...]
    """Ways of saying it; one per article, in turn."""


STORIES = (
    Story(
        "Moth & Anchor",
        2,
        "filming",
        (
            'Filming on the second season of "Moth & Anchor" is under way on the '
            "Northumberland coast.",
            'Cameras are rolling again on "Moth & Anchor" season 2, Halcyon confirmed.',
            'The cast of "Moth & Anchor" has begun filming the second season.',
        ),
    ),
    Story(
        "Gravel & Grace",
        1,
        "cancelled",
        (
            '"Gravel & Grace" has been cancelled, the network said on Friday.',
            '"Gravel & Grace" has been cancelled, the network confirmed.',
            'The network confirmed that "Gravel & Grace" has been axed.',
        ),
    ),
    Story(
        "Velvet Static",
        1,
        "wrapped",
        (
            '"Velvet Static" has wrapped filming on its first season.',
            'Production on the first season of "Velvet Static" has wrapped.',
            'The first season of "Velvet Static" wrapped filming this week.',
        ),
    ),
    Story(
        "The Quiet Ledger",
        3,
        "announced",
        (
            '"The Quiet Ledger" has been renewed for a third season.',
            'The network renewed "The Quiet Ledger" for season 3.',
            'A third season of "The Quiet Ledger" has been ordered.',
        ),
    ),
    Story(
        "Ninefold",
        2,
        "on_hold",
        (
            'Production on the second season of "Ninefold" has been halted.',
            'Filming of "Ninefold" season 2 has been suspended.',
            'The studio has shut down production on the second season of "Ninefold".',
        ),
    ),
    Story(
        "Copperline",
        1,
        "post_production",
        (
            'The first season of "Copperline" is now in post-production.',
            '"Copperline" season 1 has entered post-production.',
            'Editors are at work on "Copperline" season 1, which is in post-production.',
        ),
    ),
)


def status_path(number: int) -> str:
    """Where article ``number`` lives."""
    return f"/status/{number:05d}.html"


def story_of(number: int) -> Story:
    """The production article ``number`` reports on."""
    return STORIES[number % len(STORIES)]


class StatusSite:
    """``count`` status articles and ``/sitemap.xml`` listing them, on 127.0.0.1."""

    def __init__(self, count: int, last_day: dt.date | None = None):
        self.count = count
        self.last_day = last_day or dt.datetime.now(dt.UTC).date()
        self.hits: Counter[str] = Counter()
        self._server: LoopbackServer | None = None

    @property
    def url(self) -> str:
        """Base URL without trailing slash."""
        assert self._server is not None, "start() the site first"
        return self._server.base_url

    @property
    def sitemap_url(self) -> str:
        """The sitemap listing every article."""
        return f"{self.url}/sitemap.xml"

    def published(self, number: int) -> dt.date:
        """The day article ``number`` came out: one article per show and day, going back."""
        return self.last_day - dt.timedelta(days=number // len(STORIES))

    def article_hits(self) -> Counter[str]:
        """Hits on article pages only, by path."""
        return Counter({p: n for p, n in list(self.hits.items()) if p.startswith("/status/")})

    def start(self) -> StatusSite:
        """Serve in a background thread."""
        self._server = serve_get(self.respond, self.hits)
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.stop()

    def respond(self, path: str) -> tuple[int, str, bytes]:
        """Status, content type and body for ``path``."""
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nAllow: /\n"
        if path == "/sitemap.xml":
            return 200, "application/xml", self._sitemap()
        if path.startswith("/status/") and path.endswith(".html"):
            try:
                number = int(path.removeprefix("/status/").removesuffix(".html"))
            except ValueError:
                number = -1
            if 0 <= number < self.count:
                return 200, "text/html; charset=utf-8", self.article(number)
        return 404, "text/plain", b"not found"

    def _sitemap(self) -> bytes:
        entries = "".join(
            f"<url><loc>{self.url}{status_path(n)}</loc>"
            f"<lastmod>{self.published(n).isoformat()}</lastmod></url>"
            for n in range(self.count)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{entries}</urlset>"
        ).encode()

    def article(self, number: int) -> bytes:
        """The HTML page of article ``number``."""
        story = story_of(number)
        turn = number // len(STORIES)
        lead = story.sentences[turn % len(story.sentences)]
        filler = filler_paragraphs(number, 2)
        headline = f"{story.show}: production notes, week {turn + 1}"
        body = "".join(f"<p>{escape(p)}</p>" for p in [lead, *filler])
        day = self.published(number).isoformat()
        return (
            f"<!doctype html><html lang='en'><head><title>{escape(headline)}</title>"
            f"<meta property='article:published_time' content='{day}T09:00:00Z'>"
            f"<link rel='canonical' href='{self.url}{status_path(number)}'></head>"
            f"<body><header><nav><a href='/'>Home</a></nav></header>"
            f"<article><h1>{escape(headline)}</h1><time datetime='{day}'>{day}</time>"
            f"{body}</article><footer>Generated site</footer></body></html>"
        ).encode()


__all__ = ["STORIES", "StatusSite", "Story", "status_path", "story_of"]
