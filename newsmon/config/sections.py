"""The crawler, service, deduplication and HTTP API sections."""

from __future__ import annotations

from pydantic import (
    Field,
    SecretStr,
    field_validator,
)

from newsmon.config.base import Duration, OptionalWindow, StrictModel, crontab


class CrawlConfig(StrictModel):
    """How politely, how far and how often again the crawler fetches."""

    user_agent: str = "newsmon/0.1 (+https://github.com/newsmon/newsmon)"
    """Sent with every request; name the bot and a page that explains it."""
    obey_robots_txt: bool = True
    download_timeout: float = Field(default=30.0, gt=0)
    """Seconds for one whole response; a server trickling bytes is cut off."""
    max_page_bytes: int = Field(default=5 * 1024 * 1024, gt=0)
    """Pages (and feeds) larger than this, also once decompressed, are not read."""
    max_sitemap_bytes: int = Field(default=50 * 1024 * 1024, gt=0)
    """Sitemaps may be larger (the protocol allows 50 MB uncompressed)."""
    concurrent_requests_per_domain: int = Field(default=4, ge=1)
    download_delay: float = Field(default=0.0, ge=0)
    """Seconds between two requests to one site, at least (AutoThrottle may wait longer)."""
    autothrottle: bool = True
    """Adapt the delay to each site's response times."""
    retry_times: int = Field(default=2, ge=0)
    """Retries of a request failing with a timeout, a lost connection, 429 or 5xx."""
    retry_backoff: Duration = 2.0
    """Wait before the first retry; doubled for each further one (a Retry-After wins)."""
    max_redirects: int = Field(default=5, ge=0)
    sitemap_since: Duration = 7 * 86400.0
    """Default ``since`` of the sources: older sitemap entries are skipped."""
    revalidate_within: OptionalWindow = 3 * 86400.0
    """Default ``revalidate_within`` of the sources (0: no re-checks)."""
    revalidate_every: Duration = 3600.0
    """Default ``revalidate_every`` of the sources."""


class ServiceConfig(StrictModel):
    """How ``newsmon run`` schedules its work, watches its sources and reports on itself."""

    poll_interval: Duration = 900.0
    """Default for sources with neither ``interval`` nor ``cron``."""
    poll_cron: str | None = None
    """A crontab line (UTC) used instead of ``poll_interval`` as the default schedule."""
    dispatch_interval: Duration = 5.0
    """How often pending alerts are sent: an alert leaves this soon after it is stored."""
    crawl_time_limit: Duration = 600.0
    """A crawl still running after this long is stopped (gracefully, then killed)."""
    misfire_grace_time: Duration = 60.0
    """A poll that could not start on time still starts if it is this late at most."""
    shutdown_grace: Duration = 30.0
    """On SIGTERM/SIGINT, running crawls get this long to finish their items, then are killed."""
    failing_polls: int = Field(default=3, ge=1)
    """A source whose polls fail this many times in a row is reported as failing."""
    silent_after: Duration | None = 3 * 86400.0
    """A source that stored no new article for this long is reported (``null``: never)."""
    health_check_interval: Duration = 60.0
    """How often the sources' health is checked (also after each poll)."""
    metrics_host: str = "127.0.0.1"
    """Where ``/healthz`` and ``/metrics`` listen."""
    metrics_port: int = Field(default=9465, ge=0, le=65535)
    """Port of ``/healthz`` and ``/metrics``; 0 turns the endpoint off."""
    redis_key_prefix: str = Field(default="newsmon", min_length=1)
    """Prefix of every Redis key (shared queue, seen requests) when ``redis_url`` is set."""

    @field_validator("poll_cron")
    @classmethod
    def _valid_poll_cron(cls, cron: str | None) -> str | None:
        return crontab(cron)


class DedupeConfig(StrictModel):
    """How alike two article texts must be to count as one story."""

    near_duplicate_threshold: float = Field(default=0.6, ge=0.5, le=1.0)
    """Estimated Jaccard similarity of the texts' word 3-grams at which a new article
    is linked to a stored one as a near-duplicate. An update adding a paragraph is
    about 0.9; one paragraph rewritten in a seven-paragraph story about 0.7;
    different stories sharing a long quote stay under 0.35. The signature index
    is laid out for 0.5 and above."""


API_TOKEN_ENV = "NEWSMON_API_TOKEN"
"""The short name of ``NEWSMON_API__TOKEN``, read as an alias of ``api.token``."""


class ApiConfig(StrictModel):
    """How ``newsmon serve`` listens, and the token its clients must present.

    With a token set, every request needs it (``Authorization: Bearer ...``,
    ``?token=...`` for feed readers, or the page's login cookie). Without one,
    ``newsmon serve`` only listens on a loopback address.
    """

    token: SecretStr | None = None
    host: str = Field(default="127.0.0.1", min_length=1)
    port: int = Field(default=8080, ge=1, le=65535)
    session_lifetime: Duration = 7 * 86400.0
    """How long the page's login lasts; changing the token also ends every login."""
    login_attempts: int = Field(default=5, ge=1)
    """Wrong tokens one client (by address) may give in a row before it must wait."""
    login_attempt_interval: Duration = 60.0
    """After those, one more try per this long (answered 429 with Retry-After before)."""

    @field_validator("token")
    @classmethod
    def _long_enough(cls, token: SecretStr | None) -> SecretStr | None:
        # A short token can be guessed by anyone who can reach the port.
        if token is not None and len(token.get_secret_value()) < 16:
            raise ValueError(
                "must be at least 16 characters; make one with "
                "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        return token

    def token_value(self) -> str | None:
        """Return the token as text, or None when the API is open (loopback only)."""
        return self.token.get_secret_value() if self.token is not None else None
