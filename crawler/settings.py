"""Scrapy settings for newsmon, and the bridge from newsmon's own Settings.

This module is Scrapy's project settings module (``scrapy.cfg`` names it),
so ``scrapy crawl news`` works inside the project. Only the UPPERCASE names
are Scrapy settings. :func:`scrapy_settings` starts from them and copies in
the few values that come from ``newsmon.yaml``; ``NEWSMON_*`` settings carry
newsmon's own values to the spider and the pipelines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.settings import Settings as ScrapySettings
from scrapy.settings import default_settings

from newsmon.config import CrawlConfig

if TYPE_CHECKING:
    from newsmon.config import Settings

_CRAWL_DEFAULTS = CrawlConfig()

BOT_NAME = "newsmon"
SPIDER_MODULES = ["newsmon.crawler.spiders"]
NEWSPIDER_MODULE = "newsmon.crawler.spiders"

USER_AGENT = _CRAWL_DEFAULTS.user_agent
ROBOTSTXT_OBEY = _CRAWL_DEFAULTS.obey_robots_txt

# Politeness: few parallel requests per site, and AutoThrottle slows down
# further when a site answers slowly.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = _CRAWL_DEFAULTS.concurrent_requests_per_domain
DOWNLOAD_DELAY = _CRAWL_DEFAULTS.download_delay
AUTOTHROTTLE_ENABLED = _CRAWL_DEFAULTS.autothrottle
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

# Article pages are small; anything huge is not an article. The limit holds
# for decompressed bodies too (a gzip bomb stops at it).
DOWNLOAD_TIMEOUT = _CRAWL_DEFAULTS.download_timeout
DOWNLOAD_MAXSIZE = _CRAWL_DEFAULTS.max_page_bytes
DOWNLOAD_WARNSIZE = 0  # oversized pages are counted as errors; no second warning
REDIRECT_MAX_TIMES = _CRAWL_DEFAULTS.max_redirects

# A stopping crawl (SIGTERM, time limit) gives requests in flight a few
# seconds, then closes their connections (crawler.stopping).
DOWNLOAD_HANDLERS = {
    "http": "newsmon.crawler.stopping.StoppableDownloadHandler",
    "https": "newsmon.crawler.stopping.StoppableDownloadHandler",
}
EXTENSIONS = {"newsmon.crawler.stopping.PromptStop": 100}
DOWNLOADER = "newsmon.crawler.downloader.PoliteDownloader"
# Disabled below in any case, and taken out of the base list so that no crawl imports
# them: Scrapy loads every listed class, even one set to None (the remote control alone
# pulls in aiohttp's server, a tenth of a CPU second per poll).
EXTENSIONS_BASE = {
    path: order
    for path, order in default_settings.EXTENSIONS_BASE.items()
    if path
    not in {
        "scrapy.extensions.remote_control.RemoteControl",
        "scrapy.extensions.telnet.TelnetConsole",
        "scrapy.extensions.memdebug.MemoryDebugger",
    }
}
NEWSMON_STOP_DRAIN = 5.0

RETRY_ENABLED = True
RETRY_TIMES = _CRAWL_DEFAULTS.retry_times
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Scrapy's retry middleware, waiting longer before each retry.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newsmon.crawler.retry.BackoffRetryMiddleware": 550,
}
NEWSMON_RETRY_BACKOFF = _CRAWL_DEFAULTS.retry_backoff
NEWSMON_RETRY_BACKOFF_MAX = 60.0

# Feeds and sitemaps are revalidated with If-None-Match / If-Modified-Since
# from validators kept in the database (crawler.store_view), not with Scrapy's
# HTTP cache: no copies of bodies on disk, shared by every crawler process.
HTTPCACHE_ENABLED = False
NEWSMON_CRAWL_STATE = True
NEWSMON_MAX_SITEMAP_BYTES = _CRAWL_DEFAULTS.max_sitemap_bytes
NEWSMON_SITEMAP_SINCE = _CRAWL_DEFAULTS.sitemap_since
NEWSMON_REVALIDATE_WITHIN = _CRAWL_DEFAULTS.revalidate_within
NEWSMON_REVALIDATE_EVERY = _CRAWL_DEFAULTS.revalidate_every

# No consoles listening on ports of a background service.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

ADDONS = {"newsmon.crawler.addons.NewsmonConfigAddon": 0}

ITEM_PIPELINES = {
    "newsmon.pipelines.normalize.NormalizePipeline": 100,
    "newsmon.pipelines.ingest.IngestPipeline": 300,
}


def newsmon_values(settings: Settings) -> dict[str, Any]:
    """Return the Scrapy setting values that come from newsmon's configuration."""
    crawl = settings.crawl
    return {
        "NEWSMON_DATABASE_URL": settings.database_url,
        "NEWSMON_CATALOG": str(settings.catalog) if settings.catalog is not None else None,
        "NEWSMON_SOURCES": [source.model_dump(mode="json") for source in settings.sources],
        "NEWSMON_ALERTS": settings.alerts.model_dump(mode="json"),
        "NEWSMON_DEDUPE": settings.dedupe.model_dump(mode="json"),
        "USER_AGENT": crawl.user_agent,
        "ROBOTSTXT_OBEY": crawl.obey_robots_txt,
        "DOWNLOAD_TIMEOUT": crawl.download_timeout,
        "DOWNLOAD_MAXSIZE": crawl.max_page_bytes,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrent_requests_per_domain,
        "DOWNLOAD_DELAY": crawl.download_delay,
        "AUTOTHROTTLE_ENABLED": crawl.autothrottle,
        "RETRY_TIMES": crawl.retry_times,
        "REDIRECT_MAX_TIMES": crawl.max_redirects,
        "NEWSMON_RETRY_BACKOFF": crawl.retry_backoff,
        "NEWSMON_MAX_SITEMAP_BYTES": crawl.max_sitemap_bytes,
        "NEWSMON_SITEMAP_SINCE": crawl.sitemap_since,
        "NEWSMON_REVALIDATE_WITHIN": crawl.revalidate_within,
        "NEWSMON_REVALIDATE_EVERY": crawl.revalidate_every,
    }


def scrapy_settings(settings: Settings) -> ScrapySettings:
    """Scrapy settings for a crawl: this module, plus the values from ``settings``."""
    result = ScrapySettings()
    result.setmodule(__name__, priority="project")
    result.setdict(newsmon_values(settings), priority="project")
    if settings.redis_url:
        # Beyond one machine: one request queue and duplicate filter in Redis (scrapy-redis).
        from newsmon.crawler.distributed import apply_distributed

        apply_distributed(result, settings)
    return result
