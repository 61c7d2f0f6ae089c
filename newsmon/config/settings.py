"""The settings object and how it is found, read and validated."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import (
    Field,
    ValidationError,
    field_validator,
)
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from newsmon.config.alerts import AlertsConfig
from newsmon.config.base import DEFAULT_CONFIG_NAME, ConfigError
from newsmon.config.sections import (
    API_TOKEN_ENV,
    ApiConfig,
    CrawlConfig,
    DedupeConfig,
    ServiceConfig,
)
from newsmon.config.sources import SourceConfig
from newsmon.redact import mask_credentials, scrub


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


SECRET_KEYS = frozenset({"token", "secret", "password", "username"})
"""Keys whose value is, or may be, a secret: never echoed in an error."""
SECRET_URL_KEYS = frozenset({"database_url", "redis_url", "url"})
"""URLs that may carry credentials or a token (Apprise URLs, webhook paths): never echoed."""


def is_secret_key(loc: tuple[int | str, ...]) -> bool:
    """Return whether the value at ``loc`` may hold a secret (a token, a password, a URL)."""
    names = {part for part in loc if isinstance(part, str)}
    return bool(names & SECRET_KEYS) or (bool(loc) and loc[-1] in SECRET_URL_KEYS)


def _first_error(exc: ValidationError) -> str:
    errors = exc.errors()
    first = errors[0]
    key = ".".join(str(part) for part in first["loc"]) or "(top level)"
    secret = is_secret_key(first["loc"])
    given = first.get("input")
    if first["type"] == "extra_forbidden":
        message = "unknown key"
    elif first["type"] == "missing":
        message = "required key is missing"
    else:
        message = first["msg"].removeprefix("Value error, ")
        if not secret and "input" in first and not isinstance(given, dict | list):
            message += f" (got {given!r})"
    if secret and isinstance(given, str):
        # A validator's message may quote the value: name the key, never the secret.
        message = scrub(message.replace(repr(given), "the value"), [given])
    more = (
        f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
        if len(errors) > 1
        else ""
    )
    return mask_credentials(f"{key}: {message}{more}")
