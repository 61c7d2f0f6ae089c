"""A local news site: article pages with structured data and an RSS feed."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from email.utils import format_datetime

from jinja2 import Environment, PackageLoader, select_autoescape

from newsmon.localsite.server import LoopbackServer, serve_get

_templates = Environment(
    loader=PackageLoader("newsmon.localsite", "templates"),
    autoescape=select_autoescape(["html", "xml", "j2"]),
)


@dataclass(frozen=True, kw_only=True)
class SiteArticle:
    """One article the site can publish."""

    slug: str
    published: dt.date
    headline: str
    paragraphs: tuple[str, ...]
    author: str = "Staff writer"

    @property
    def path(self) -> str:
        """Where the article lives on the site."""
        return f"/{self.published:%Y/%m/%d}/{self.slug}.html"


@dataclass
class NewsSite:
    """A threaded HTTP server on 127.0.0.1 serving what has been published so far."""

    name: str = "Local Screen News"
    published: list[SiteArticle] = field(default_factory=list)
    hits: Counter[str] = field(default_factory=Counter)
    _server: LoopbackServer | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """The site's base URL, without trailing slash."""
        assert self._server is not None, "start() the site first"
        return self._server.base_url

    @property
    def feed_url(self) -> str:
        """The RSS feed listing the published articles."""
        return f"{self.url}/feed.xml"

    def publish(self, *articles: SiteArticle) -> None:
        """Make ``articles`` visible on the site and in its feed."""
        self.published.extend(articles)

    def start(self) -> NewsSite:
        """Serve in a background thread."""
        self._server = serve_get(self.respond, self.hits)
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.stop()

    def respond(self, path: str) -> tuple[int, str, bytes]:
        """Status, content type and body for a request path."""
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nAllow: /\n"
        if path == "/feed.xml":
            return 200, "application/rss+xml; charset=utf-8", self._render_feed()
        for article in self.published:
            if article.path == path:
                return 200, "text/html; charset=utf-8", self._render_article(article)
        return 404, "text/plain", b"not found"

    def _render_feed(self) -> bytes:
        items = sorted(self.published, key=lambda a: a.published, reverse=True)
        return (
            _templates.get_template("feed.xml.j2")
            .render(
                site=self,
                items=[
                    {
                        "article": article,
                        "link": self.url + article.path,
                        "pub_date": format_datetime(
                            dt.datetime.combine(article.published, dt.time(9), dt.UTC)
                        ),
                    }
                    for article in items
                ],
            )
            .encode("utf-8")
        )

    def _render_article(self, article: SiteArticle) -> bytes:
        others = [a for a in self.published if a is not article][-3:]
        return (
            _templates.get_template("article.html.j2")
            .render(site=self, article=article, link=self.url + article.path, others=others)
            .encode("utf-8")
        )
