"""Helpers for end-to-end crawl tests: article pages, a config file, `newsmon crawl` in a child.

Each crawl is the real command (``python -m newsmon crawl --json``) in a
child process, against the real pipelines and a real SQLite file, because
Twisted's reactor runs once per process.
"""

from __future__ import annotations

import html
import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]

_WORDS = (  # noqa: SIM905 (a sentence of words reads better than a list of strings)
    "harbour lights season filming crew studio network drama series premiere writer "
    "showrunner cast location schedule episode finale production producers director "
    "coastal mystery sisters camper summer winter autumn spring script rewrite budget "
    "composer score editor trailer festival screening critics audience ratings channel "
    "streaming release date delay weather island village bridge lighthouse storm"
).split()


def prose(seed: str, paragraphs: int = 3) -> list[str]:
    """Distinct, sentence-like paragraphs (so no two test articles look like copies)."""
    rng = random.Random(seed)
    out = []
    for _ in range(paragraphs):
        sentences = []
        for _ in range(4):
            words = [rng.choice(_WORDS) for _ in range(rng.randint(9, 15))]
            sentences.append(" ".join(words).capitalize() + ".")
        out.append(" ".join(sentences))
    return out


def article_page(
    headline: str,
    paragraphs: list[str],
    *,
    published: str | None = "2024-03-05T10:00:00+00:00",
    canonical: str | None = None,
    head: str = "",
    body_class: str = "story",
) -> bytes:
    """An article page with JSON-LD, site chrome and the text in <p>s."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle"}
    data["headline"] = headline
    if published:
        data["datePublished"] = published
    link = f'<link rel="canonical" href="{html.escape(canonical)}">' if canonical else ""
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(headline)} | Test Gazette</title>{link}{head}
<script type="application/ld+json">{json.dumps(data)}</script></head>
<body><nav><a href="/">Home</a> <a href="/tv/">TV</a></nav>
<article class="{body_class}"><h1>{html.escape(headline)}</h1>
{paras}
</article><footer>Copyright Test Gazette</footer></body></html>""".encode()


def write_config(tmp_path: Path, sources: list[dict[str, Any]], **crawl: Any) -> tuple[Path, Path]:
    """A newsmon.yaml for fast, local crawls; returns (config path, database path)."""
    database = tmp_path / "newsmon.db"
    settings = {
        "database_url": f"sqlite:///{database}",
        "sources": sources,
        "crawl": {
            "user_agent": "newsmon-test/1.0 (+https://example.org/bot)",
            "autothrottle": False,
            "download_timeout": 5,
            "retry_times": 1,
            "retry_backoff": 0.05,
            "concurrent_requests_per_domain": 8,
            "revalidate_every": 0.5,  # re-check recent articles on every (back-to-back) crawl
            **crawl,
        },
    }
    path = tmp_path / "newsmon.yaml"
    path.write_text(yaml.safe_dump(settings), encoding="utf-8")
    return path, database


def command(config: Path, *extra: str) -> list[str]:
    """The `newsmon crawl` command line for ``config``."""
    return [
        sys.executable,
        "-m",
        "newsmon",
        "--config",
        str(config),
        "crawl",
        "--json",
        "--no-send",
        *extra,
    ]


def child_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a child crawl: no NEWSMON_* leaking in from the developer's shell."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    return env


def run_crawl(config: Path, tmp_path: Path, *extra: str, timeout: float = 90) -> dict[str, Any]:
    """Run one crawl to the end; return its JSON summary, sources by name."""
    done = subprocess.run(
        command(config, *extra),
        cwd=REPO,
        env=child_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    assert "Traceback" not in done.stderr, done.stderr[-4000:]
    return parse_summary(done.stdout, done.stderr)


def parse_summary(stdout: str, stderr: str = "") -> dict[str, Any]:
    """The crawl's JSON summary (last line of stdout), with ``by_source`` added."""
    summary: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    summary["by_source"] = {s["name"]: s for s in summary["sources"]}
    summary["stderr"] = stderr
    return summary


def stored(database: Path) -> dict[str, dict[str, Any]]:
    """Stored articles by URL: headline, text, published, published_source."""
    with sqlite3.connect(database) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            "SELECT url, canonical_url, headline, text, published, published_source FROM articles"
        ).fetchall()
    return {row["url"]: dict(row) for row in rows}
