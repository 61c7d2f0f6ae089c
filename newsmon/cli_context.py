"""What every command shares: settings and store opened on demand, one-line errors."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import click
from sqlalchemy import Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from newsmon.config import Settings, load_settings
from newsmon.storage.db import open_database

logger = logging.getLogger(__name__)

USER_ERROR_EXIT = 2


class UsageProblem(click.ClickException):
    """A problem the user can fix, reported in one line with exit code 2."""

    exit_code = USER_ERROR_EXIT

    def show(self, file: IO[Any] | None = None) -> None:
        """Print the one line, the same way configuration errors are printed."""
        click.echo(f"newsmon: error: {self.format_message()}", err=True, file=file)


@dataclass
class AppContext:
    """Settings and store, opened on first use so `--help` needs neither."""

    config_path: str | None
    detects: bool = False
    """Whether the command reads articles for statuses (then a missing catalog gets a warning)."""
    json_logs: bool = False
    """Whether stderr carries JSON log lines (then warnings go through the logger, as JSON)."""
    schema_checked: bool = False
    """Whether the store is known to be at the latest migration (the service checked it)."""
    _settings: Settings | None = None
    _database: tuple[Engine, sessionmaker[Session]] | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        """The validated configuration."""
        if self._settings is None:
            self._settings = load_settings(self.config_path)
            if self.detects and self._settings.catalog is None:
                message = (
                    "no catalog is configured ('catalog:' in the config): "
                    "articles are stored but no show's status will be detected"
                )
                if self.json_logs:
                    logger.warning(message)
                else:
                    click.echo(f"newsmon: warning: {message}", err=True)
        return self._settings

    @property
    def sessions(self) -> sessionmaker[Session]:
        """A session factory on the store, migrated to the latest revision."""
        if self._database is None:
            _refuse_missing_sqlite_folder(self.settings)
            self._database = open_database(
                self.settings.database_url, migrate=not self.schema_checked
            )
        return self._database[1]


def _refuse_missing_sqlite_folder(settings: Settings) -> None:
    """A configured SQLite file must be in an existing folder: a typo must not make a new store."""
    if "database_url" not in settings.model_fields_set:
        return  # the default store's own folder is made on first use
    try:
        url = make_url(settings.database_url)
    except (ArgumentError, ValueError):
        return  # opening the store reports a malformed URL, with its password masked
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    folder = Path(url.database).expanduser().parent
    if not folder.is_dir():
        raise UsageProblem(
            f"database_url: the folder {folder} of the SQLite file {url.database} does not exist;"
            " create it, or correct database_url"
        )


pass_app = click.make_pass_decorator(AppContext)
