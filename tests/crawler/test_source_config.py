"""Source and crawl configuration: the keys users write, and one-line errors for bad ones."""

from __future__ import annotations

import pytest

from newsmon.config import ConfigError, Settings, load_settings
from newsmon.crawler.settings import scrapy_settings
from newsmon.crawler.sources import CrawlSource


def _load(tmp_path, text: str) -> Settings:
    path = tmp_path / "newsmon.yaml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path)


def test_every_kind_of_source_and_its_rules_are_read(tmp_path):
    settings = _load(
        tmp_path,
        """
sources:
  - name: ledger
    home: https://ledger.example/
    feeds: [https://ledger.example/rss]
    sitemaps: [https://ledger.example/news-sitemap.xml]
    listings: [https://ledger.example/tv/]
    links: {allow: ['/tv/'], deny: ['/tag/'], article: '/tv/\\d+/', max_depth: 2}
    allowed_domains: [ledger.example]
    since: 2d
    revalidate_within: 12h
    revalidate_every: 30m
    extract: {body: 'div.story p', headline: 'h1.title', date: 'time[datetime]'}
crawl:
  sitemap_since: 14d
  revalidate_within: 1d
  retry_backoff: 0.5
""",
    )
    (source,) = settings.sources
    assert source.home == ["https://ledger.example/"]
    assert source.since == 2 * 86400
    assert source.revalidate_within == 12 * 3600
    assert source.revalidate_every == 1800
    crawl = CrawlSource.from_dict(source.model_dump(mode="json"))
    assert crawl.links.max_depth == 2
    assert crawl.links.is_article("https://ledger.example/tv/12/x")
    assert crawl.overrides is not None
    assert crawl.overrides.date == "time[datetime]"
    conf = scrapy_settings(settings)
    assert conf.getfloat("NEWSMON_SITEMAP_SINCE") == 14 * 86400
    assert conf.getfloat("NEWSMON_REVALIDATE_WITHIN") == 86400
    assert conf.getfloat("NEWSMON_REVALIDATE_EVERY") == 3600
    assert conf.getfloat("NEWSMON_RETRY_BACKOFF") == 0.5
    assert conf.getint("NEWSMON_MAX_SITEMAP_BYTES") == 50 * 1024 * 1024
    assert conf.getint("REDIRECT_MAX_TIMES") == 5
    assert (
        conf.getdict("DOWNLOADER_MIDDLEWARES")["newsmon.crawler.retry.BackoffRetryMiddleware"]
        == 550
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("home: ledger.example", "sources.0.home: 'ledger.example' is not an absolute http(s) URL"),
        (
            "links: {allow: ['(unclosed']}",
            "sources.0.links.allow: '(unclosed' is not a valid regular expression",
        ),
        ("links: {max_depth: 9}", "sources.0.links.max_depth"),
        ("links: {follow: everything}", "sources.0.links.follow: unknown key"),
        (
            "extract: {body: 'div[[['}",
            "sources.0.extract.body: 'div[[[' is not a valid CSS selector",
        ),
        ("since: soon", "sources.0.since: 'soon' is not a duration"),
    ],
)
def test_bad_source_keys_are_reported_in_one_line(tmp_path, source, message):
    with pytest.raises(ConfigError) as raised:
        _load(tmp_path, f"sources:\n  - name: ledger\n    {source}\n")
    text = str(raised.value)
    assert message in text
    assert "\n" not in text


def test_revalidation_can_be_switched_off(tmp_path):
    settings = _load(tmp_path, "crawl:\n  revalidate_within: 0\n")
    assert settings.crawl.revalidate_within == 0
