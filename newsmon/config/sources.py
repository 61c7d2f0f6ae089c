"""Where a source lists its articles, and how the crawler reads them."""

from __future__ import annotations

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
)

from newsmon.config.base import (
    Duration,
    HttpUrls,
    OptionalWindow,
    StrictModel,
    crontab,
    http_urls,
    regexes,
)


class LinkRules(StrictModel):
    """Which links of a source's listing pages are followed, and which are articles.

    Patterns are Python regular expressions searched anywhere in the absolute URL.
    """

    allow: list[str] = Field(default_factory=list)
    """A link is followed only if it matches one of these (empty: every link)."""
    deny: list[str] = Field(default_factory=list)
    """A link matching one of these is never followed (wins over ``allow``)."""
    article: str | None = None
    """Links matching this are article pages; others are listing pages (followed while
    ``max_depth`` allows). Without it, every followed page is tried as an article."""
    max_depth: int = Field(default=1, ge=1, le=5)
    """Link hops from a configured listing page: 1 reads only the pages it links to."""

    @field_validator("allow", "deny")
    @classmethod
    def _valid_patterns(cls, patterns: list[str]) -> list[str]:
        return regexes(patterns)

    @field_validator("article")
    @classmethod
    def _valid_article_pattern(cls, pattern: str | None) -> str | None:
        return None if pattern is None else regexes([pattern])[0]


class ExtractConfig(StrictModel):
    """CSS selectors that replace the generic extractor on one site (each optional)."""

    body: str | None = None
    headline: str | None = None
    date: str | None = None
    """The element's ``datetime`` or ``content`` attribute is read, else its text."""

    @field_validator("body", "headline", "date")
    @classmethod
    def _valid_selector(cls, selector: str | None) -> str | None:
        if selector is None:
            return None
        from cssselect import GenericTranslator, SelectorError

        try:
            GenericTranslator().css_to_xpath(selector)
        except SelectorError as exc:
            raise ValueError(f"{selector!r} is not a valid CSS selector: {exc}") from None
        return selector


class SourceConfig(StrictModel):
    """One news site: where its articles are listed, and how to read them.

    Several kinds may be combined; ``home`` pages are read for feeds
    (``<link rel="alternate">``), and read as listing pages when they name none.
    """

    name: str = Field(min_length=1)
    home: HttpUrls = Field(default_factory=list)
    feeds: HttpUrls = Field(default_factory=list)
    """RSS 0.9x/1.0/2.0 or Atom feeds."""
    sitemaps: HttpUrls = Field(default_factory=list)
    """XML sitemaps, sitemap indexes, Google News sitemaps, or a robots.txt naming them."""
    listings: HttpUrls = Field(default_factory=list)
    """Listing pages (section fronts) whose links are followed per ``links``."""
    start_urls: HttpUrls = Field(default_factory=list)
    """Article pages to read as they are."""
    links: LinkRules = Field(default_factory=LinkRules)
    allowed_domains: list[str] = Field(default_factory=list)
    """Links to other domains are not followed (default: the hosts of this source's URLs)."""
    since: Duration | None = None
    """Sitemap entries last modified before this long ago are skipped
    (default: ``crawl.sitemap_since``)."""
    revalidate_within: OptionalWindow | None = None
    """Stored articles published this recently are re-checked for updates
    (default: ``crawl.revalidate_within``; 0: never)."""
    revalidate_every: Duration | None = None
    """A recent article is re-checked at most this often (default: ``crawl.revalidate_every``)."""
    extract: ExtractConfig | None = None
    interval: Duration | None = None
    """How often to poll this source (default: ``service.poll_interval``)."""
    cron: str | None = None
    """When to poll this source, as a crontab line in UTC (``"*/15 * * * *"``);
    instead of ``interval``."""
    baseline: bool = True
    """Its first poll stores and reads everything but sends no alert (``false``: it alerts)."""

    @field_validator("home", "feeds", "sitemaps", "listings", "start_urls")
    @classmethod
    def _absolute_http_urls(cls, urls: list[str]) -> list[str]:
        return http_urls(urls)

    @field_validator("cron")
    @classmethod
    def _valid_cron(cls, cron: str | None, info: ValidationInfo) -> str | None:
        if cron is not None and info.data.get("interval") is not None:
            raise ValueError("give either interval or cron, not both")
        return crontab(cron)
