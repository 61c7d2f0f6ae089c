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
    ValidationError,
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


class SourceConfig(_Strict):
    """One news site: where its articles are listed."""

    name: str = Field(min_length=1)
    feeds: list[str] = Field(default_factory=list)
    sitemaps: list[str] = Field(default_factory=list)
    start_urls: list[str] = Field(default_factory=list)
    interval: Duration | None = None
    """How often to poll this source (default: ``service.poll_interval``)."""

    @field_validator("feeds", "sitemaps", "start_urls")
    @classmethod
    def _absolute_http_urls(cls, urls: list[str]) -> list[str]:
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise ValueError(f"{url!r} is not an absolute http(s) URL")
        return urls


class WebhookConfig(_Strict):
    """A webhook receiver; payloads are signed per Standard Webhooks."""

    url: str
    secret: str

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


class AlertsConfig(_Strict):
    """Where change events are delivered."""

    webhooks: list[WebhookConfig] = Field(default_factory=list)
    email: EmailConfig | None = None


class CrawlConfig(_Strict):
    """How politely and how far the crawler fetches."""

    user_agent: str = "newsmon/0.1 (+https://github.com/newsmon/newsmon)"
    obey_robots_txt: bool = True
    download_timeout: float = Field(default=30.0, gt=0)
    max_page_bytes: int = Field(default=5 * 1024 * 1024, gt=0)
    concurrent_requests_per_domain: int = Field(default=4, ge=1)
    download_delay: float = Field(default=0.0, ge=0)


class ServiceConfig(_Strict):
    """How ``newsmon run`` schedules its work."""

    poll_interval: Duration = 900.0
    dispatch_interval: Duration = 10.0
    crawl_time_limit: Duration = 600.0


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
    sources: list[SourceConfig] = Field(default_factory=list)
    alerts: AlertsConfig = Field(default_factory=AlertsConfig)
    crawl: CrawlConfig = Field(default_factory=CrawlConfig)
    service: ServiceConfig = Field(default_factory=ServiceConfig)

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, url: str) -> str:
        if not url.startswith(("sqlite://", "postgresql")):
            raise ValueError("must be a sqlite:/// or postgresql+psycopg:// URL")
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
        # Environment variables override the YAML file, which arrives as init kwargs.
        return (env_settings, init_settings)


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
    if settings.catalog is not None and config_path is not None:
        if not settings.catalog.is_absolute():
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
        raise ConfigError(f"{path}: the top level must be a mapping of keys, not {type(loaded).__name__}")
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
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    return f"{key}: {message}{more}"
