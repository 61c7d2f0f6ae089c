"""Keep crawl logs to one line per problem.

A crawl meets broken sites all the time; each problem should read as one
line naming the URL, not as a traceback, and the extractors' own per-page
chatter should not drown the spider's summary lines.
"""

from __future__ import annotations

import logging

# trafilatura reports every page without text at WARNING and ERROR ("discarding
# data", "parsed tree length: 0"); the spider counts and logs those pages itself.
_CHATTY = ("trafilatura", "htmldate", "justext", "courlan")
# Scrapy logs a robots.txt that cannot be downloaded with a full traceback; the
# crawl goes on without it, and the page request that follows reports its own error.
_ONE_LINE = ("scrapy.downloadermiddlewares.robotstxt",)
# Scrapy logs a request it gave up on at ERROR ("Gave up retrying", "Error
# downloading" of a robots.txt); the spider logs each failed request once
# itself, with its kind, so these are demoted to DEBUG.
_REPEATS = ("scrapy.downloadermiddlewares.retry", "scrapy.downloadermiddlewares.robotstxt")


class _WithoutTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


class _ToDebug(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger().isEnabledFor(logging.DEBUG)


def quiet_noisy_loggers() -> None:
    """Silence the extractors' per-page logs and Scrapy's repeats of the spider's failure lines."""
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    for name in _ONE_LINE:
        target = logging.getLogger(name)
        if not any(isinstance(f, _WithoutTraceback) for f in target.filters):
            target.addFilter(_WithoutTraceback())

    for name in _REPEATS:
        target = logging.getLogger(name)
        if not any(isinstance(f, _ToDebug) for f in target.filters):
            target.addFilter(_ToDebug())
