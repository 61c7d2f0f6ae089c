"""A generated news site of many article pages listed in one sitemap, counting every hit.

Each article has its own words (drawn from a vocabulary with a per-article
seed), so no two are near-duplicates of each other; hits are counted per
path under a lock, because several crawler processes fetch at once.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from html import escape

from newsmon.localsite.server import LoopbackServer, serve_get

_VOCABULARY = (
    "studio network season episode writers producers director casting premiere finale "
    "schedule budget location crew trailer streaming viewers ratings critics festival "
    "script rewrite showrunner contract actor actress camera editing soundtrack composer "
    "harbour mountain village city winter summer autumn spring midnight morning evening "
    "lantern compass anchor river bridge tower garden market library theatre museum "
    "signal archive ledger mirror orchard canal meadow quarry harvest beacon voyage"
)
_WORDS = _VOCABULARY.split()


def article_path(number: int) -> str:
    """Where article ``number`` lives."""
    return f"/news/{number:05d}.html"


def filler_paragraphs(seed: int, count: int = 3) -> list[str]:
    """``count`` paragraphs of made-up prose, the same for the same ``seed``."""
    rng = random.Random(seed)
    paragraphs = []
    for _ in range(count):
        sentences = []
        for _ in range(3):
            words = [rng.choice(_WORDS) for _ in range(rng.randint(9, 15))]
            sentences.append(" ".join(words).capitalize() + ".")
        paragraphs.append(" ".join(sentences))
    return paragraphs


class BigSite:
    """``count`` article pages and ``/sitemap.xml`` listing them, on 127.0.0.1."""

    def __init__(self, count: int, published: dt.date | None = None):
        self.count = count
        self.published = published or dt.datetime.now(dt.UTC).date()
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

    def article_hits(self) -> Counter[str]:
        """Hits on article pages only, by path."""
        return Counter({p: n for p, n in list(self.hits.items()) if p.startswith("/news/")})

    def start(self) -> BigSite:
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
        if path.startswith("/news/") and path.endswith(".html"):
            try:
                number = int(path.removeprefix("/news/").removesuffix(".html"))
            except ValueError:
                number = -1
            if 0 <= number < self.count:
                return 200, "text/html; charset=utf-8", self._article(number)
        return 404, "text/plain", b"not found"

    def _sitemap(self) -> bytes:
        day = self.published.isoformat()
        entries = "".join(
            f"<url><loc>{self.url}{article_path(n)}</loc><lastmod>{day}</lastmod></url>"
            for n in range(self.count)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{entries}</urlset>"
        ).encode()

    def _article(self, number: int) -> bytes:
        headline = f"Report {number}: " + " ".join(filler_paragraphs(number)[0].split()[:6])
        body = "".join(f"<p>{escape(p)}</p>" for p in filler_paragraphs(number))
        day = self.published.isoformat()
        return (
            f"<!doctype html><html lang='en'><head><title>{escape(headline)}</title>"
            f"<meta property='article:published_time' content='{day}T09:00:00Z'>"
            f"<link rel='canonical' href='{self.url}{article_path(number)}'></head>"
            f"<body><header><nav><a href='/'>Home</a></nav></header>"
            f"<article><h1>{escape(headline)}</h1><time datetime='{day}'>{day}</time>"
            f"{body}</article><footer>Generated site</footer></body></html>"
        ).encode()


__all__ = ["BigSite", "article_path"]
