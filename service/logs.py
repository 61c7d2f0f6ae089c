"""Log records as one line each: readable text, or one JSON object per line.

``newsmon --log-format json ...`` writes every record as a JSON object with
``time``, ``level``, ``logger`` and ``message``, plus the ``extra={...}``
fields a call site adds (``source``, ``duration_s``, ``outcome``...), so a
log collector can filter on them. Tracebacks appear only for records logged
with ``exc_info`` (unexpected errors); expected failures are one line.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from typing import Any, Literal

LogFormat = Literal["text", "json"]

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# Attributes every LogRecord has; anything else was passed with ``extra=``.
_STANDARD = frozenset(
    vars(logging.LogRecord("x", logging.INFO, "x", 0, "x", None, None)).keys()
    | {"message", "asctime", "taskName"}
)


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (UTC, ISO 8601), level, logger, message, extras."""

    def format(self, record: logging.LogRecord) -> str:
        """Render ``record`` as one line of JSON."""
        document: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                document[key] = value
        if record.exc_info:
            document["exception"] = self.formatException(record.exc_info)
        return json.dumps(document, default=str, ensure_ascii=False)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time of each record."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def configure_logging(level: int, log_format: LogFormat = "text") -> None:
    """Send every record at ``level`` or above to stderr, as text or JSON lines.

    As with ``logging.basicConfig``, text output leaves a root logger that
    something else (a test runner, an embedding program) already set up alone.
    """
    root = logging.getLogger()
    for existing in list(root.handlers):
        if isinstance(existing, _StderrHandler):
            root.removeHandler(existing)
    if root.handlers and log_format == "text":
        return
    handler = _StderrHandler()
    formatter = JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)
    handler.setFormatter(formatter)
    root.addHandler(handler)
    root.setLevel(level)
