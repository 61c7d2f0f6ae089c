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
from typing import Self

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


class NumberedSite:
    """``count`` numbered article pages under ``prefix`` and a sitemap, on 127.0.0.1.

    Subclasses say what article ``number`` reads and when it came out; serving,
    the sitemap and the page's markup are shared.
    """

    prefix = "/news/"

    def __init__(self, count: int):
        self.count = count
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

    def path(self, number: int) -> str:
        """Where article ``number`` lives."""
        return f"{self.prefix}{number:05d}.html"

    def day(self, number: int) -> dt.date:
        """The day article ``number`` came out."""
        raise NotImplementedError

    def page(self, number: int) -> tuple[str, list[str]]:
        """Headline and paragraphs of article ``number``."""
        raise NotImplementedError

    def article_hits(self) -> Counter[str]:
        """Hits on article pages only, by path."""
        return Counter({p: n for p, n in list(self.hits.items()) if p.startswith(self.prefix)})

    def start(self) -> Self:
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
        if path.startswith(self.prefix) and path.endswith(".html"):
            try:
                number = int(path.removeprefix(self.prefix).removesuffix(".html"))
            except ValueError:
                number = -1
            if 0 <= number < self.count:
                return 200, "text/html; charset=utf-8", self.article(number)
        return 404, "text/plain", b"not found"

    def _sitemap(self) -> bytes:
        entries = "".join(
            f"<url><loc>{self.url}{self.path(n)}</loc>"
            f"<lastmod>{self.day(n).isoformat()}</lastmod></url>"
            for n in range(self.count)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{entries}</urlset>"
        ).encode()

    def article(self, number: int) -> bytes:
        """The HTML page of article ``number``."""
        headline, paragraphs = self.page(number)
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        day = self.day(number).isoformat()
        return (
            f"<!doctype html><html lang='en'><head><title>{escape(headline)}</title>"
            f"<meta property='article:published_time' content='{day}T09:00:00Z'>"
            f"<link rel='canonical' href='{self.url}{self.path(number)}'></head>"
            f"<body><header><nav><a href='/'>Home</a></nav></header>"
            f"<article><h1>{escape(headline)}</h1><time datetime='{day}'>{day}</time>"
            f"{body}</article><footer>Generated site</footer></body></html>"
        ).encode()


class BigSite(NumberedSite):
    """``count`` article pages of filler prose, all of one day, and their sitemap."""

    def __init__(self, count: int, published: dt.date | None = None):
        super().__init__(count)
        self.published = published or dt.datetime.now(dt.UTC).date()

    def day(self, number: int) -> dt.date:
        """Every article came out on the site's one day."""
        return self.published

    def page(self, number: int) -> tuple[str, list[str]]:
        """Made-up prose of its own for each article."""
        paragraphs = filler_paragraphs(number)
        return f"Report {number}: " + " ".join(paragraphs[0].split()[:6]), paragraphs


__all__ = ["BigSite", "NumberedSite", "article_path", "filler_paragraphs"]
