"""The one validated settings object, read from YAML and NEWSMON_* variables.

The file is found via ``--config PATH``, then ``NEWSMON_CONFIG``, then
``./newsmon.yaml``; a missing default file just means "all defaults". Every
key can be overridden by an environment variable: ``NEWSMON_DATABASE_URL``,
``NEWSMON_ALERTS__EMAIL__HOST`` (``__`` separates nested keys; lists and
mappings are given as JSON).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

DEFAULT_CONFIG_NAME = "newsmon.yaml"


class ConfigError(Exception):
    """A configuration problem, worded as one line naming what to fix."""


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: object) -> object:
    """Seconds from ``90``, ``"90s"``, ``"15m"``, ``"2h"`` or ``"1d"``."""
    if isinstance(value, str):
        match = _DURATION.match(value)
        if not match:
            raise ValueError(f"{value!r} is not a duration such as 30s, 15m, 2h or 1d")
        return float(match.group(1)) * _UNIT_SECONDS[match.group(2) or "s"]
    return value


Duration = Annotated[float, BeforeValidator(parse_duration), Field(gt=0)]
"""A positive number of seconds, also written ``30s``, ``15m``, ``2h`` or ``1d``."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _http_urls(urls: list[str]) -> list[str]:
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"{url!r} is not an absolute http(s) URL")
    return urls


def _one_or_many(value: object) -> object:
    # ``home: https://site.example/`` is the short form of a one-item list.
    return [value] if isinstance(value, str) else value


def _regexes(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"{pattern!r} is not a valid regular expression: {exc}") from None
    return patterns


class LinkRules(_Strict):
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
        return _regexes(patterns)

    @field_validator("article")
    @classmethod
    def _valid_article_pattern(cls, pattern: str | None) -> str | None:
        return None if pattern is None else _regexes([pattern])[0]


class ExtractConfig(_Strict):
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


HttpUrls = Annotated[list[str], BeforeValidator(_one_or_many)]
OptionalWindow = Annotated[float, BeforeValidator(parse_duration), Field(ge=0)]
"""A duration that may be 0 (switched off)."""


class SourceConfig(_Strict):
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

    @field_validator("home", "feeds", "sitemaps", "listings", "start_urls")
    @classmethod
    def _absolute_http_urls(cls, urls: list[str]) -> list[str]:
        return _http_urls(urls)

    @field_validator("cron")
    @classmethod
    def _valid_cron(cls, cron: str | None, info: ValidationInfo) -> str | None:
        if cron is not None and info.data.get("interval") is not None:
            raise ValueError("give either interval or cron, not both")
        return _crontab(cron)


DigestMode = Literal["immediate", "hourly", "daily"]
"""How a channel sends: each alert at once, or one digest per UTC hour or UTC day."""


class WebhookConfig(_Strict):
    """A webhook receiver; payloads are signed per Standard Webhooks."""

    url: str
    secret: str
    digest: DigestMode = "immediate"

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str) -> str:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"{url!r} is not an absolute http(s) URL")
        return url

    @field_validator("secret")
    @classmethod
    def _standard_webhooks_secret(cls, secret: str) -> str:
        import base64
        import binascii

        if not secret.startswith("whsec_"):
            raise ValueError("must start with 'whsec_' followed by base64")
        try:
            base64.b64decode(secret.removeprefix("whsec_"), validate=True)
        except binascii.Error:
            raise ValueError("the part after 'whsec_' is not valid base64") from None
        return secret


class EmailConfig(_Strict):
    """An SMTP server and who receives alert emails."""

    host: str
    port: int = Field(default=587, ge=1, le=65535)
    sender: str
    recipients: list[str] = Field(min_length=1)
    username: str | None = None
    password: str | None = None
    security: Literal["auto", "starttls", "ssl", "none"] = "auto"
    """``auto`` upgrades with STARTTLS when the server offers it."""
    timeout: float = Field(default=30.0, gt=0)
    digest: DigestMode = "immediate"

    @property
    def target(self) -> str:
        """Return what deliveries name this channel by: the recipients, comma-separated."""
        return ",".join(self.recipients)


def _url_alone(value: object) -> object:
    # ``apprise: ["tgram://..."]`` is the short form of ``[{url: "tgram://..."}]``.
    return {"url": value} if isinstance(value, str) else value


class AppriseConfig(_Strict):
    """A notification service reached through Apprise, named by an Apprise URL."""

    url: str = Field(min_length=1)
    """``slack://...``, ``discord://...``, ``tgram://...``, ``ntfy://...``, ``json://...``"""
    digest: DigestMode = "immediate"
    timeout: float = Field(default=30.0, gt=0)

    @field_validator("url")
    @classmethod
    def _has_scheme(cls, url: str) -> str:
        if "://" not in url:
            raise ValueError(f"{url!r} is not an Apprise URL such as ntfy://topic")
        return url


_CERTAINTY_ORDER = ("rumored", "expected", "confirmed")


def _stage_name(value: object) -> object:
    # People write "pre-production"; the status model writes pre_production.
    if isinstance(value, str):
        return value.strip().lower().replace("-", "_").replace(" ", "_")
    return value


StageName = Annotated[
    Literal[
        "announced",
        "pre_production",
        "filming",
        "wrapped",
        "post_production",
        "released",
        "cancelled",
        "on_hold",
    ],
    BeforeValidator(_stage_name),
]


FacetName = Literal["stage", "release"]


def _every_facet() -> list[FacetName]:
    return ["stage", "release"]


class SubscriptionConfig(_Strict):
    """Which change events go to which channels.

    An event goes to a channel when any subscription naming that channel
    matches it. ``stages`` filters stage changes only (by the new stage);
    release changes pass it.
    """

    channels: list[str] = Field(default_factory=lambda: ["all"], min_length=1)
    """``all``, a kind (every channel of it), ``kind:N`` (the Nth, from 0) or a target."""
    shows: list[str] = Field(default_factory=lambda: ["all"], min_length=1)
    """``all``, or catalog titles or aliases."""
    facets: list[FacetName] = Field(default_factory=_every_facet, min_length=1)
    min_certainty: Literal["rumored", "expected", "confirmed"] = "rumored"
    stages: list[StageName] | None = None
    """Stage changes of interest (by the new stage); ``None``: every stage."""

    def certainty_allowed(self, certainty: str) -> bool:
        """Return whether ``certainty`` is at least ``min_certainty``."""
        if certainty not in _CERTAINTY_ORDER:
            return False
        return _CERTAINTY_ORDER.index(certainty) >= _CERTAINTY_ORDER.index(self.min_certainty)


class AlertsConfig(_Strict):
    """Where change events are delivered, and which ones."""

    webhooks: list[WebhookConfig] = Field(default_factory=list)
    email: EmailConfig | None = None
    apprise: list[Annotated[AppriseConfig, BeforeValidator(_url_alone)]] = Field(
        default_factory=list
    )
    subscriptions: list[SubscriptionConfig] = Field(default_factory=list)
    """Empty: every channel gets every event."""

    def channel_refs(self) -> list[tuple[str, int, str]]:
        """Return every configured channel as ``(kind, index within kind, target)``."""
        refs = [("webhook", i, hook.url) for i, hook in enumerate(self.webhooks)]
        if self.email is not None:
            refs.append(("email", 0, self.email.target))
        refs += [("apprise", i, entry.url) for i, entry in enumerate(self.apprise)]
        return refs

    @field_validator("subscriptions")
    @classmethod
    def _subscriptions_name_configured_channels(
        cls, subscriptions: list[SubscriptionConfig], info: ValidationInfo
    ) -> list[SubscriptionConfig]:
        # The channel fields come first, so they are validated (or absent on error) by now.
        configured = cls.model_construct(
            webhooks=info.data.get("webhooks", []),
            email=info.data.get("email"),
            apprise=info.data.get("apprise", []),
        )
        refs = configured.channel_refs()
        for number, subscription in enumerate(subscriptions):
            for name in subscription.channels:
                if not any(channel_ref_matches(name, *ref) for ref in refs):
                    known = ", ".join(f"{kind}:{i}" for kind, i, _ in refs) or "none"
                    raise ValueError(
                        f"entry {number} names channel {name!r}, which is not configured "
                        f"(configured: {known})"
                    )
        return subscriptions


def channel_ref_matches(name: str, kind: str, index: int, target: str) -> bool:
    """Return whether a reference (``all``, ``webhook``, ``apprise:1``, a URL) names a channel."""
    name = name.strip()
    return name in ("all", kind, f"{kind}:{index}", target)


class CrawlConfig(_Strict):
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


def _crontab(cron: str | None) -> str | None:
    if cron is None:
        return None
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(cron, timezone="UTC")
    except ValueError as exc:
        raise ValueError(f"{cron!r} is not a crontab line such as '*/15 * * * *': {exc}") from None
    return cron


class ServiceConfig(_Strict):
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
        return _crontab(cron)


class DedupeConfig(_Strict):
    """How alike two article texts must be to count as one story."""

    near_duplicate_threshold: float = Field(default=0.6, ge=0.5, le=1.0)
    """Estimated Jaccard similarity of the texts' word 3-grams at which a new article
    is linked to a stored one as a near-duplicate. An update adding a paragraph is
    about 0.9; one paragraph rewritten in a seven-paragraph story about 0.7;
    different stories sharing a long quote stay under 0.35. The signature index
    is laid out for 0.5 and above."""


API_TOKEN_ENV = "NEWSMON_API_TOKEN"
"""The short name of ``NEWSMON_API__TOKEN``, read as an alias of ``api.token``."""


class ApiConfig(_Strict):
    """How ``newsmon serve`` listens, and the token its clients must present.

    With a token set, every request needs it (``Authorization: Bearer ...``,
    ``?token=...`` for feed readers, or the page's login cookie). Without one,
    ``newsmon serve`` only listens on a loopback address.
    """

    token: SecretStr | None = None
    host: str = Field(default="127.0.0.1", min_length=1)
    port: int = Field(default=8080, ge=1, le=65535)

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


class _ApiTokenAlias(PydanticBaseSettingsSource):
    """Reads ``NEWSMON_API_TOKEN`` into ``api.token`` (merged over the rest of ``api``)."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        token = os.environ.get(API_TOKEN_ENV, "")
        return {"api": {"token": token}} if token else {}


def default_data_dir() -> Path:
    """Where the embedded database lives unless configured otherwise."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsmon"


class Settings(BaseSettings):
    """Everything newsmon is configured with."""

    model_config = SettingsConfigDict(
        env_prefix="NEWSMON_",
        env_nested_delimiter="__",
        extra="forbid",
    )

    database_url: str = Field(
        default_factory=lambda: f"sqlite:///{default_data_dir() / 'newsmon.db'}"
    )
    catalog: Path | None = None
    redis_url: str | None = None
    """``redis://host:6379/0``: crawls share one request queue and duplicate filter there."""
    sources: list[SourceConfig] = Field(default_factory=list)
    alerts: AlertsConfig = Field(default_factory=AlertsConfig)
    crawl: CrawlConfig = Field(default_factory=CrawlConfig)
    service: ServiceConfig = Field(default_factory=ServiceConfig)
    dedupe: DedupeConfig = Field(default_factory=DedupeConfig)
    api: ApiConfig = Field(default_factory=ApiConfig)

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, url: str) -> str:
        if not url.startswith(("sqlite://", "postgresql")):
            raise ValueError("must be a sqlite:/// or postgresql+psycopg:// URL")
        return url

    @field_validator("redis_url")
    @classmethod
    def _redis_scheme(cls, url: str | None) -> str | None:
        if url is not None and not url.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must be a redis://host:port/db (or rediss://, unix://) URL")
        return url

    @field_validator("sources")
    @classmethod
    def _unique_source_names(cls, sources: list[SourceConfig]) -> list[SourceConfig]:
        seen: set[str] = set()
        for source in sources:
            if source.name in seen:
                raise ValueError(f"source name {source.name!r} is used twice")
            seen.add(source.name)
        return sources

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Return where values come from, the first winning: variables, then the file."""
        # Environment variables override the YAML file, which arrives as init kwargs;
        # NEWSMON_API_TOKEN, the documented short name, overrides both.
        return (_ApiTokenAlias(settings_cls), env_settings, init_settings)


def find_config_file(explicit: str | os.PathLike[str] | None) -> tuple[Path | None, bool]:
    """Return the config path to read and whether it must exist."""
    if explicit:
        return Path(explicit), True
    from_env = os.environ.get("NEWSMON_CONFIG")
    if from_env:
        return Path(from_env), True
    default = Path(DEFAULT_CONFIG_NAME)
    return (default, False) if default.exists() else (None, False)


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """Read and validate the configuration; raise ConfigError with one clear line."""
    config_path, required = find_config_file(path)
    data: dict[str, Any] = {}
    where = config_path.name if config_path else "configuration"
    if config_path is not None:
        where = str(config_path)
        if not config_path.is_file():
            if required:
                raise ConfigError(f"{where}: file not found")
        else:
            data = _read_yaml(config_path)
    try:
        settings = Settings(**data)
    except ValidationError as exc:
        raise ConfigError(f"{where}: {_first_error(exc)}") from None
    if (
        settings.catalog is not None
        and config_path is not None
        and not settings.catalog.is_absolute()
    ):
        settings.catalog = (config_path.parent / settings.catalog).resolve()
    if settings.catalog is not None and not settings.catalog.is_file():
        raise ConfigError(f"{where}: catalog: file {settings.catalog} not found")
    return settings


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ConfigError(f"{path}: invalid YAML{at}: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ConfigError(
            f"{path}: the top level must be a mapping of keys, not {type(loaded).__name__}"
        )
    return loaded


def _first_error(exc: ValidationError) -> str:
    errors = exc.errors()
    first = errors[0]
    key = ".".join(str(part) for part in first["loc"]) or "(top level)"
    if first["type"] == "extra_forbidden":
        message = "unknown key"
    elif first["type"] == "missing":
        message = "required key is missing"
    else:
        message = first["msg"].removeprefix("Value error, ")
        if "input" in first and not isinstance(first["input"], dict | list):
            message += f" (got {first['input']!r})"
    more = (
        f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
        if len(errors) > 1
        else ""
    )
    return f"{key}: {message}{more}"
