"""One configured source as the spider uses it: plain values, regexes compiled.

The spider receives sources as JSON-ready dicts (the ``NEWSMON_SOURCES``
setting, shaped like :class:`newsmon.config.SourceConfig`) so that a plain
``scrapy crawl news -s NEWSMON_SOURCES='[...]'`` works too; this module turns
one such dict into a :class:`CrawlSource`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from newsmon.crawler.overrides import ExtractionOverrides

DEFAULT_SITEMAP_SINCE = timedelta(days=7)
DEFAULT_REVALIDATE_WITHIN = timedelta(days=3)
DEFAULT_REVALIDATE_EVERY = timedelta(hours=1)


@dataclass(frozen=True, kw_only=True)
class LinkRules:
    """Which links of listing pages are followed, and which of them are articles."""

    allow: tuple[re.Pattern[str], ...] = ()
    deny: tuple[re.Pattern[str], ...] = ()
    article: re.Pattern[str] | None = None
    max_depth: int = 1
    domains: frozenset[str] = frozenset()
    """Hosts (and their subdomains) links may lead to; empty: any."""

    def follows(self, url: str) -> bool:
        """Return whether a link to ``url`` may be followed at all."""
        if self.domains and not _in_domains(url, self.domains):
            return False
        if any(p.search(url) for p in self.deny):
            return False
        return not self.allow or any(p.search(url) for p in self.allow)

    def is_article(self, url: str) -> bool | None:
        """True/False by the article pattern; None when there is none (try every page)."""
        return None if self.article is None else bool(self.article.search(url))


@dataclass(frozen=True, kw_only=True)
class CrawlSource:
    """One source, ready for the spider."""

    name: str
    home: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()
    links: LinkRules = field(default_factory=LinkRules)
    since: timedelta = DEFAULT_SITEMAP_SINCE
    revalidate_within: timedelta = DEFAULT_REVALIDATE_WITHIN
    revalidate_every: timedelta = DEFAULT_REVALIDATE_EVERY
    overrides: ExtractionOverrides | None = None

    @property
    def urls(self) -> tuple[str, ...]:
        """Every URL configured for the source."""
        return self.home + self.feeds + self.sitemaps + self.listings + self.start_urls

    @classmethod
    def from_dict(
        cls,
        value: dict[str, Any],
        *,
        since: timedelta = DEFAULT_SITEMAP_SINCE,
        revalidate_within: timedelta = DEFAULT_REVALIDATE_WITHIN,
        revalidate_every: timedelta = DEFAULT_REVALIDATE_EVERY,
    ) -> CrawlSource:
        """Build from a SourceConfig-shaped dict; ``since`` etc. are the defaults."""
        links = value.get("links") or {}
        urls = {
            key: tuple(_listed(value.get(key)))
            for key in ("home", "feeds", "sitemaps", "listings", "start_urls")
        }
        domains = value.get("allowed_domains") or sorted(
            {_host(url) for group in urls.values() for url in group} - {""}
        )
        rules = LinkRules(
            allow=tuple(re.compile(p) for p in links.get("allow", [])),
            deny=tuple(re.compile(p) for p in links.get("deny", [])),
            article=re.compile(links["article"]) if links.get("article") else None,
            max_depth=int(links.get("max_depth", 1)),
            domains=frozenset(d.lower().removeprefix("www.") for d in domains),
        )
        return cls(
            name=str(value["name"]),
            links=rules,
            since=_seconds(value.get("since"), since),
            revalidate_within=_seconds(value.get("revalidate_within"), revalidate_within),
            revalidate_every=_seconds(value.get("revalidate_every"), revalidate_every),
            overrides=ExtractionOverrides.from_config(value.get("extract")),
            **urls,
        )


def load_sources(
    value: Any,
    *,
    since: timedelta = DEFAULT_SITEMAP_SINCE,
    revalidate_within: timedelta = DEFAULT_REVALIDATE_WITHIN,
    revalidate_every: timedelta = DEFAULT_REVALIDATE_EVERY,
) -> list[CrawlSource]:
    """Read the ``NEWSMON_SOURCES`` setting: a list of dicts, or that list as JSON."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = json.loads(value)
    if not isinstance(value, list) or not all(isinstance(s, dict) and s.get("name") for s in value):
        raise ValueError("NEWSMON_SOURCES must be a list of objects that each have a name")
    return [
        CrawlSource.from_dict(
            s, since=since, revalidate_within=revalidate_within, revalidate_every=revalidate_every
        )
        for s in value
    ]


def _listed(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _seconds(value: Any, default: timedelta) -> timedelta:
    return default if value is None else timedelta(seconds=float(value))


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def _in_domains(url: str, domains: frozenset[str]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)
