"""Scrapy add-on that lets a plain ``scrapy crawl news`` read ``newsmon.yaml``.

``newsmon crawl`` hands Scrapy every ``NEWSMON_*`` value itself (see
:func:`crawler.settings.scrapy_settings`), and this add-on then does
nothing. When Scrapy is started by hand inside the project, no sources
were handed over, so the add-on loads newsmon's configuration the usual
way (``NEWSMON_CONFIG``, else ``./newsmon.yaml``, plus ``NEWSMON_*``
variables) and copies the same values in, with the shared Redis queue when
``redis_url`` is set (:func:`crawler.distributed.apply_distributed`), as
``newsmon crawl`` would. Values given with ``-s`` on the command line still
win.
"""

from __future__ import annotations

import logging

from scrapy.settings import BaseSettings

from newsmon.config import ConfigError, load_settings
from newsmon.crawler.settings import newsmon_values

logger = logging.getLogger(__name__)


class NewsmonConfigAddon:
    """Fill the ``NEWSMON_*`` settings from newsmon's config when they are missing."""

    def update_settings(self, settings: BaseSettings) -> None:
        """Copy newsmon's configuration in, unless ``NEWSMON_SOURCES`` is already set."""
        if settings.get("NEWSMON_SOURCES") is not None:
            return
        try:
            config = load_settings()
        except ConfigError as exc:
            # One line, no traceback; the spider then finds no sources and stops.
            logger.error("cannot read the newsmon configuration: %s", exc)
            settings.set("NEWSMON_SOURCES", [], priority="project")
            return
        settings.setdict(newsmon_values(config), priority="project")
        if config.redis_url:
            from newsmon.crawler.distributed import apply_distributed

            apply_distributed(settings, config)
