"""Memory of ``newsmon run`` over many poll cycles (issue 6).

Usage (from the repository root)::

    .venv/bin/python bench/soak.py [--cycles 300] [--sources 4] [--interval 1]
                                   [--publish-every 10]

A local news site (``newsmon.localsite``) and a local webhook receiver are
started on 127.0.0.1, and ``newsmon run`` runs as a child process on a
scratch SQLite store, polling ``--sources`` sources (all reading the site's
feed) every ``--interval`` seconds and sending alerts every second. Every
``--publish-every`` cycles the site publishes a new article that changes a
show's stage, so crawls store articles, the detector finds changes and the
dispatcher sends webhooks, as in real use.

The scheduler process's resident memory (``VmRSS``) is read from /proc:
once its first crawl has finished (``start``), after a warm-up of
``--warmup`` cycles, and after ``--cycles`` polls (``end``). Target: growth
under 10 % (the crawls run in child processes, so the scheduler itself
should stay flat). SIGTERM then stops it; the exit code is printed.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

from newsmon.localsite.receivers import WebhookReceiver  # noqa: E402
from newsmon.localsite.site import NewsSite, SiteArticle  # noqa: E402

SECRET = "whsec_" + base64.b64encode(b"newsmon soak benchmark, 32 bytes").decode()
STAGES = ("started filming", "wrapped filming", "begun post-production")


def rss_kib(pid: int) -> int:
    """Resident set size of ``pid`` in KiB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


def polls_done(port: int) -> int:
    """Crawls the service has finished, from its /metrics."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            text = response.read().decode()
    except OSError:
        return 0
    return int(
        sum(
            float(line.rsplit(" ", 1)[1])
            for line in text.splitlines()
            if line.startswith("newsmon_crawls_total{")
        )
    )


def article(number: int) -> SiteArticle:
    """The ``number``-th article: a show moving to its next stage."""
    show = f"Harbour Lights {number // len(STAGES) + 1}"
    stage = STAGES[number % len(STAGES)]
    return SiteArticle(
        slug=f"soak-{number}",
        published=dt.datetime.now(dt.UTC).date(),
        headline=f"{show} has {stage}",
        paragraphs=(
            f"The crew of {show} has {stage}, the network confirmed this week.",
            f"Article {number} of the soak run; the cast posted photos from the set "
            "and thanked everyone who worked through the long nights on location.",
        ),
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def write_config(
    scratch: Path, args: argparse.Namespace, feed_url: str, hook_url: str, port: int
) -> Path:
    """The service's configuration and catalog, in ``scratch``."""
    shows = sorted({article(n).headline.split(" has ")[0] for n in range(args.cycles * 3)})
    (scratch / "catalog.yaml").write_text(
        yaml.safe_dump([{"title": show, "aliases": []} for show in shows])
    )
    config = scratch / "newsmon.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "database_url": f"sqlite:///{scratch / 'store.db'}",
                "catalog": "catalog.yaml",
                "sources": [
                    {"name": f"soak-{n}", "feeds": [feed_url], "interval": args.interval}
                    for n in range(args.sources)
                ],
                "alerts": {"webhooks": [{"url": hook_url, "secret": SECRET}]},
                "crawl": {"autothrottle": False},
                "service": {"dispatch_interval": 1, "metrics_port": port},
            }
        )
    )
    return config


def report(
    samples: list[tuple[int, int]], args: argparse.Namespace, elapsed: float, code: int
) -> None:
    """Print the polls run and the scheduler's memory at start, when warm, and at the end."""
    first = samples[0][1]
    warm = next((rss for cycles, rss in samples if cycles >= args.warmup), first)
    end = samples[-1][1]
    print(f"polls: {samples[-1][0]} in {elapsed:.0f} s ({args.sources} sources)")
    print(f"scheduler RSS at start (first crawl done): {first / 1024:.1f} MiB")
    print(f"scheduler RSS after {args.warmup} polls (warm):  {warm / 1024:.1f} MiB")
    print(f"scheduler RSS at end:                      {end / 1024:.1f} MiB")
    print(f"growth from start: {100 * (end - first) / first:+.1f} %")
    print(f"growth from warm:  {100 * (end - warm) / warm:+.1f} % (target: under 10 %)")
    print(f"exit code after SIGTERM: {code}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=300, help="polls to run (all sources)")
    parser.add_argument("--sources", type=int, default=4)
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
    parser.add_argument("--publish-every", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=10, help="cycles before the baseline")
    args = parser.parse_args()

    site = NewsSite(name="Soak News").start()
    receiver = WebhookReceiver(secret=SECRET).start()
    scratch = Path(tempfile.mkdtemp(prefix="newsmon-soak-"))
    port = free_port()
    config = write_config(scratch, args, site.feed_url, receiver.url, port)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    log = (scratch / "service.log").open("wb")
    service = subprocess.Popen(
        [sys.executable, "-m", "newsmon", "--config", str(config), "run"],
        stderr=log,
        env=env,
    )
    started = time.monotonic()
    samples: list[tuple[int, int]] = []
    published = 0
    try:
        while polls_done(port) < 1:
            if service.poll() is not None:
                raise SystemExit(f"newsmon run ended early; see {scratch / 'service.log'}")
            time.sleep(0.2)
        samples.append((1, rss_kib(service.pid)))
        done = 1
        while done < args.cycles:
            time.sleep(0.5)
            done = polls_done(port)
            if done // args.publish_every > published:
                published += 1
                site.publish(article(published))
            if not samples or done - samples[-1][0] >= max(1, args.cycles // 20):
                samples.append((done, rss_kib(service.pid)))
                print(f"  {done:4d} polls  rss {samples[-1][1] / 1024:7.1f} MiB", flush=True)
        samples.append((done, rss_kib(service.pid)))
    finally:
        service.send_signal(signal.SIGTERM)
        code = service.wait(timeout=120)
        site.stop()
        receiver.stop()
    elapsed = time.monotonic() - started
    print(f"articles published: {published}; webhooks received: {len(receiver.received)}")
    report(samples, args, elapsed, code)


if __name__ == "__main__":
    main()
