"""Shared building blocks of the configuration: errors, durations, URL lists."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
)

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


class StrictModel(BaseModel):
    """A configuration section: an unknown key is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


def http_urls(urls: list[str]) -> list[str]:
    """Check that every entry is an absolute http(s) URL."""
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"{url!r} is not an absolute http(s) URL")
    return urls


def one_or_many(value: object) -> object:
    """Let a single string stand for a one-item list (``home: https://site.example/``)."""
    return [value] if isinstance(value, str) else value


def regexes(patterns: list[str]) -> list[str]:
    """Check that every entry compiles as a regular expression."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"{pattern!r} is not a valid regular expression: {exc}") from None
    return patterns


HttpUrls = Annotated[list[str], BeforeValidator(one_or_many)]
OptionalWindow = Annotated[float, BeforeValidator(parse_duration), Field(ge=0)]
"""A duration that may be 0 (switched off)."""


def crontab(cron: str | None) -> str | None:
    """Check a five-field crontab line (APScheduler's syntax)."""
    if cron is None:
        return None
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(cron, timezone="UTC")
    except ValueError as exc:
        raise ValueError(f"{cron!r} is not a crontab line such as '*/15 * * * *': {exc}") from None
    return cron
