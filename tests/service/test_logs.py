"""``--log-format json``: one JSON object per line, extras included, no traceback for failures."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import yaml

from newsmon.service.logs import JsonFormatter


def test_a_record_is_one_json_line_with_its_extra_fields() -> None:
    record = logging.LogRecord(
        "service.crawls", logging.WARNING, __file__, 1, "crawl of %s failed", ("tv",), None
    )
    record.source = "tv"
    record.duration_s = 2.5
    line = JsonFormatter().format(record)
    assert "\n" not in line
    document = json.loads(line)
    assert document["level"] == "warning"
    assert document["logger"] == "service.crawls"
    assert document["message"] == "crawl of tv failed"
    assert document["source"] == "tv"
    assert document["duration_s"] == 2.5
    assert document["time"].endswith("+00:00")


def test_an_unreachable_source_is_logged_as_json_lines_without_a_traceback(
    tmp_path: Path,
) -> None:
    config = tmp_path / "newsmon.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "database_url": f"sqlite:///{tmp_path / 'store.db'}",
                # Port 9 (discard) is closed on the loopback interface: connection refused.
                "sources": [{"name": "gone", "feeds": ["http://127.0.0.1:9/feed.xml"]}],
                "crawl": {"retry_times": 0, "autothrottle": False, "obey_robots_txt": False},
            }
        )
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    command = [sys.executable, "-m", "newsmon", "--config", str(config)]
    result = subprocess.run(
        [*command, "--log-format", "json", "-v", "crawl", "--no-send"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 1, result.stderr[-2000:]  # its only source failed
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines
    documents = [json.loads(line) for line in lines]  # every line is one JSON object
    assert "Traceback" not in result.stderr
    failures = [d for d in documents if d["level"] == "warning" and "gone" in d["message"]]
    assert failures, documents
