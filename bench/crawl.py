"""CPU and wall time of ``newsmon crawl`` against a bare Scrapy + trafilatura spider.

Usage (from the repository root)::

    .venv/bin/python bench/crawl.py [--sizes 500,2000] [--rounds 3] [--concurrency 8]
                                    [--profile-size 500] [--no-profile]

A local news site on 127.0.0.1 (``newsmon.localsite``'s article pages,
with a sitemap) is built for each size from the labelled corpus articles
(``../shared/corpus`` and ``tests/corpus-real``), replicated until there
are enough: each copy gets filler paragraphs of its own between the
corpus paragraphs and is dated a few days later, so no two pages are
near-duplicates and the detector finds real claims about catalog shows.

On the same pages, in interleaved runs (the order swapped every round,
each ``newsmon crawl`` on a fresh SQLite store), it runs:

- ``newsmon crawl`` (extraction, deduplication, store, detector, outbox:
  the source alerts at once and one webhook is configured, so every
  change event gets a pending delivery);
- ``bench/bare_spider.py``: Scrapy's ``SitemapSpider`` running
  ``trafilatura.bare_extraction`` on each page and keeping nothing.

Both obey robots.txt, with the same concurrency and no AutoThrottle. CPU
is the child's user + system time (``RUSAGE_CHILDREN``). It prints, per size, the
median CPU and wall of each and their ratios (each round's ratio, from
runs next to each other), throughput, CPU per article, and newsmon's CPU
per article at the largest size over the smallest. Then: the CPU of an
unchanged re-poll (the same crawl again: robots.txt, a 304 for the
sitemap, every page known) as ``newsmon crawl``, as a process with the
schema already checked, and as the service runs it (forked by its crawl
launcher: the fork's own CPU); ``newsmon --help`` and ``--version``
against a bare ``python -c pass``; and a cProfile of one ``newsmon crawl``
split into phases (start-up, fetch/parse, extraction, detection, store).

The machine may be shared: compare figures within one run only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

from newsmon.localsite.server import LoopbackServer, QuietHandler  # noqa: E402
from newsmon.localsite.site import NewsSite, SiteArticle  # noqa: E402
from tests.service.bigsite import filler_paragraphs  # noqa: E402

CORPORA = (REPO.parent / "shared" / "corpus", REPO / "tests" / "corpus-real")
PYTHON = sys.executable


# -- the site ------------------------------------------------------------------


def corpus_articles() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The labelled articles and the merged catalog of every corpus present."""
    articles: list[dict[str, Any]] = []
    catalog: dict[str, dict[str, Any]] = {}
    for corpus in CORPORA:
        folder = corpus / "articles"
        if not folder.is_dir():
            continue
        articles += [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]
        for entry in yaml.safe_load((corpus / "catalog.yaml").read_text()) or []:
            catalog.setdefault(entry["title"], entry)
    if not articles:
        raise SystemExit("no corpus found: ../shared/corpus or tests/corpus-real")
    return articles, list(catalog.values())


def site_articles(count: int, corpus: list[dict[str, Any]]) -> list[SiteArticle]:
    """``count`` pages: the corpus in turn, each copy with its own filler and date."""
    made = []
    for number in range(count):
        original = corpus[number % len(corpus)]
        copy = number // len(corpus)
        own = original["text"].split("\n\n")
        filler = filler_paragraphs(number, max(3, len(own)))
        # One filler paragraph after each of the article's own: a copy shares
        # well under half its words with any other (no near-duplicates).
        paragraphs = [p for pair in zip(own, filler, strict=False) for p in pair]
        paragraphs += filler[len(own) :]
        headline = original["headline"] + (f" (update {copy})" if copy else "")
        made.append(
            SiteArticle(
                slug=f"{original['id']}-{number:05d}",
                published=dt.date.fromisoformat(original["published"][:10])
                + dt.timedelta(days=3 * copy),
                headline=headline,
                paragraphs=tuple(paragraphs),
            )
        )
    return made


class BenchSite(NewsSite):
    """The site's pages rendered once, then served with ETags (a re-poll gets its 304s)."""

    def __init__(self, articles: list[SiteArticle]):
        super().__init__(name="Bench Screen News")
        self.publish(*articles)
        self.pages: dict[str, tuple[str, bytes]] = {}

    def start(self) -> BenchSite:
        """Serve in a background thread, every page rendered beforehand."""
        pages = self.pages

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                content_type, body = pages.get(self.path, ("text/plain", b""))
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if not body:
                    self.send_response(404)
                elif self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                else:
                    self.send_response(200)
                    self.send_header("ETag", etag)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._server = LoopbackServer(Handler)
        html = "text/html; charset=utf-8"
        for article in self.published:
            pages[article.path] = (html, self._render_article(article))
        pages["/robots.txt"] = ("text/plain", b"User-agent: *\nAllow: /\n")
        pages["/sitemap.xml"] = ("application/xml", self._sitemap())
        return self

    @property
    def sitemap_url(self) -> str:
        """The sitemap listing every page."""
        return f"{self.url}/sitemap.xml"

    def _sitemap(self) -> bytes:
        today = dt.datetime.now(dt.UTC).date().isoformat()
        entries = "".join(
            f"<url><loc>{self.url}{a.path}</loc><lastmod>{today}</lastmod></url>"
            for a in self.published
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{entries}</urlset>"
        ).encode()


# -- running the contenders --------------------------------------------------------


@dataclass
class Run:
    """One timed child process."""

    cpu: float
    wall: float
    articles: int
    output: str


def timed(command: list[str], env: dict[str, str] | None = None) -> Run:
    """Run ``command`` to its end; its own CPU (user + system) and wall time."""
    # Children run one at a time, so the growth of RUSAGE_CHILDREN is this one's.
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, cwd=REPO, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(
            f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr.decode()[-3000:]}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(cpu, wall, 0, done.stdout.decode())


class Workspace:
    """Configuration and stores of the newsmon runs, in one scratch folder."""

    def __init__(self, catalog: list[dict[str, Any]], concurrency: int):
        self.folder = Path(tempfile.mkdtemp(prefix="newsmon-crawl-bench-"))
        (self.folder / "catalog.yaml").write_text(yaml.safe_dump(catalog, allow_unicode=True))
        self.concurrency = concurrency
        self.runs = 0

    def config(self, site: BenchSite, database: Path) -> Path:
        """A ``newsmon.yaml`` crawling ``site`` into ``database``."""
        config = {
            "database_url": f"sqlite:///{database}",
            "catalog": str(self.folder / "catalog.yaml"),
            "sources": [{"name": "bench", "sitemaps": [site.sitemap_url], "baseline": False}],
            "alerts": {
                "max_age": None,
                "webhooks": [{"url": "http://127.0.0.1:9/hook", "secret": "whsec_" + "A" * 32}],
            },
            "crawl": {
                "concurrent_requests_per_domain": self.concurrency,
                "autothrottle": False,
                "download_delay": 0,
            },
        }
        self.runs += 1
        path = self.folder / f"newsmon-{self.runs}.yaml"
        path.write_text(yaml.safe_dump(config))
        return path

    def fresh_database(self) -> Path:
        """A path for a new store (created by the crawl)."""
        return self.folder / f"store-{self.runs + 1}.db"

    def remove(self) -> None:
        """Delete the scratch folder."""
        shutil.rmtree(self.folder, ignore_errors=True)


def crawl_command(config: Path, *prefix: str) -> list[str]:
    """``newsmon crawl`` of the bench source, as a child of this Python."""
    return [
        PYTHON,
        *prefix,
        "-m",
        "newsmon",
        "--config",
        str(config),
        "crawl",
        "--no-send",
        "--json",
    ]


def newsmon_run(work: Workspace, site: BenchSite, env: dict[str, str]) -> tuple[Run, Path]:
    """One ``newsmon crawl`` of ``site`` on a fresh store; the run and its config."""
    config = work.config(site, work.fresh_database())
    run = timed(crawl_command(config), env)
    run.articles = _stored(run.output)
    return run, config


def bare_run(site: BenchSite, concurrency: int, env: dict[str, str]) -> Run:
    """One run of the bare spider over ``site``."""
    command = [PYTHON, str(REPO / "bench" / "bare_spider.py"), site.sitemap_url]
    run = timed([*command, "--concurrency", str(concurrency)], env)
    run.articles = int(json.loads(run.output.strip().splitlines()[-1])["articles"])
    return run


def _stored(output: str) -> int:
    summary = json.loads(output.strip().splitlines()[-1])
    return sum(s["new_articles"] + s["updated_articles"] for s in summary["sources"])


# -- the profile -------------------------------------------------------------------

PHASES = {
    "extraction": [("crawler/extraction.py", "extract_article")],
    "detection": [("pipelines/ingest.py", "read")],
    "ingest": [("storage/ingest.py", "ingest")],
    "crawl": [("crawler/crawl.py", "run_crawl")],
}


def profile_phases(path: Path) -> dict[str, float]:
    """Seconds per phase of a profiled crawl: start-up, fetch/parse, extraction, detection, store.

    Cumulative times of the functions that bound each phase; fetch/parse is
    the crawl's time outside extraction and the ingest (Scrapy, Twisted, the
    spider, the normalize pipeline), start-up all that ran before and after it.
    """
    stats = pstats.Stats(str(path))
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in raw.values())
    found = dict.fromkeys(PHASES, 0.0)
    for (filename, _line, name), entry in raw.items():
        for phase, markers in PHASES.items():
            if any(filename.endswith(f) and name == n for f, n in markers):
                found[phase] += entry[3]
    store = found["ingest"] - found["detection"]
    fetch = found["crawl"] - found["extraction"] - found["ingest"]
    return {
        "start-up and exit": total - found["crawl"],
        "fetch/parse (Scrapy, spider)": fetch,
        "extraction": found["extraction"],
        "detection": found["detection"],
        "store (dedupe, store, state, outbox)": store,
        "total": total,
    }


# -- reporting --------------------------------------------------------------------


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _span(values: list[float]) -> str:
    return f"{min(values):.2f}-{max(values):.2f}" if values else "-"


def report_size(size: int, ours: list[Run], bare: list[Run]) -> float:
    """Print one size's table; return newsmon's median CPU ms per article."""
    cpu_ratios = [o.cpu / b.cpu for o, b in zip(ours, bare, strict=True)]
    throughput = [
        (o.articles / o.wall) / (b.articles / b.wall) for o, b in zip(ours, bare, strict=True)
    ]
    per_article = _median([1000 * o.cpu / max(o.articles, 1) for o in ours])
    print(f"\n{size} articles ({len(ours)} interleaved rounds)")
    print(f"  {'':26}{'CPU s':>8}{'wall s':>8}{'articles':>10}{'art/s':>8}{'CPU ms/art':>12}")
    for label, runs in (("newsmon crawl", ours), ("bare Scrapy + trafilatura", bare)):
        cpu, wall = _median([r.cpu for r in runs]), _median([r.wall for r in runs])
        articles = int(_median([r.articles for r in runs]))
        print(
            f"  {label:26}{cpu:8.2f}{wall:8.2f}{articles:10d}{articles / wall:8.1f}"
            f"{1000 * cpu / max(articles, 1):12.1f}"
        )
    print(
        f"  CPU newsmon / bare: median {_median(cpu_ratios):.2f} (rounds {_span(cpu_ratios)}); "
        f"throughput newsmon / bare: median {_median(throughput):.2f} "
        f"(rounds {_span(throughput)})"
    )
    return per_article


def startup(rounds: int) -> None:
    """``newsmon --help`` and ``--version`` against ``python -c pass``, interleaved."""
    script = Path(PYTHON).parent / "newsmon"
    program = [str(script)] if script.exists() else [PYTHON, "-m", "newsmon"]
    bare: list[Run] = []
    ours: dict[str, list[Run]] = {"--help": [], "--version": []}
    for _ in range(rounds):
        bare.append(timed([PYTHON, "-c", "pass"]))
        for option, runs in ours.items():
            runs.append(timed([*program, option]))
    for measure in ("wall", "cpu"):
        b = _median([getattr(r, measure) for r in bare])
        shown = ", ".join(
            f"newsmon {option} {_median([getattr(r, measure) for r in runs]):.3f} s "
            f"({_median([getattr(r, measure) for r in runs]) / b:.1f}x)"
            for option, runs in ours.items()
        )
        print(f"\nstart-up ({measure}): {shown}; python -c pass {b:.3f} s", end="")
    print()


def main() -> None:
    """Build the sites, run the rounds, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,2000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--profile-size", type=int, default=500)
    parser.add_argument("--no-profile", action="store_true")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    corpus, catalog = corpus_articles()
    print(f"corpus: {len(corpus)} articles, catalog of {len(catalog)} shows; sizes {sizes}")
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    work = Workspace(catalog, options.concurrency)
    sites = {size: BenchSite(site_articles(size, corpus)).start() for size in sizes}
    try:
        ours: dict[int, list[Run]] = {size: [] for size in sizes}
        bare: dict[int, list[Run]] = {size: [] for size in sizes}
        last_config: dict[int, Path] = {}
        for turn in range(options.rounds):
            for size in sizes:
                site = sites[size]
                order = ("newsmon", "bare") if turn % 2 == 0 else ("bare", "newsmon")
                for who in order:
                    if who == "newsmon":
                        run, last_config[size] = newsmon_run(work, site, env)
                        ours[size].append(run)
                    else:
                        bare[size].append(bare_run(site, options.concurrency, env))
                print(
                    f"  round {turn + 1}, {size}: newsmon {ours[size][-1].cpu:.2f} CPU s "
                    f"/ {ours[size][-1].wall:.2f} s, bare {bare[size][-1].cpu:.2f} CPU s "
                    f"/ {bare[size][-1].wall:.2f} s",
                    flush=True,
                )
        per_article = {size: report_size(size, ours[size], bare[size]) for size in sizes}
        if len(sizes) > 1:
            small, large = min(sizes), max(sizes)
            print(
                f"\nCPU per article, {large} vs {small}: {per_article[large]:.1f} / "
                f"{per_article[small]:.1f} ms = {per_article[large] / per_article[small]:.2f}x"
            )
        repoll(last_config[min(sizes)], env, options.rounds)
        startup(max(5, options.rounds))
        if not options.no_profile:
            size = options.profile_size
            site = sites.get(size) or BenchSite(site_articles(size, corpus)).start()
            profile(work, site, env)
    finally:
        for site in sites.values():
            site.stop()
        work.remove()


def repoll(config: Path, env: dict[str, str], rounds: int) -> None:
    """CPU of crawling an unchanged site again, each way a poll can run.

    ``newsmon crawl`` as a user runs it; the same with ``--schema-checked``,
    the process the service starts when it has no launcher; and the service's
    own way, through :class:`service.crawls.CrawlRunner` and a crawl launcher,
    measuring the forked crawl's CPU (the launcher's one-off start-up apart).
    """
    from newsmon.config import load_settings
    from newsmon.service.crawls import CrawlRunner
    from newsmon.service.launcher import NEWSMON, CrawlLauncher
    from newsmon.storage.db import open_database

    plain, process = [], []
    for _ in range(rounds):
        plain.append(timed(crawl_command(config), env))
        process.append(timed([*crawl_command(config), "--schema-checked"], env))
    for label, runs in (("newsmon crawl", plain), ("a process of its own", process)):
        summary = json.loads(runs[-1].output.strip().splitlines()[-1])["sources"][0]
        print(
            f"\nunchanged re-poll, {label}: {_median([r.cpu for r in runs]):.2f} CPU s, "
            f"{_median([r.wall for r in runs]):.2f} s wall "
            f"({summary['pages']} pages, {summary['not_modified']} not modified, "
            f"{summary['new_articles']} new)",
            end="",
        )
    engine, sessions = open_database(load_settings(config).database_url, migrate=False)
    launcher = CrawlLauncher()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    if not launcher.start():
        print("\nunchanged re-poll, run by the service: no launcher on this system")
        return
    runner = CrawlRunner(
        [*NEWSMON, "--config", str(config)], sessions, time_limit=600, grace=30, launcher=launcher
    )
    # The first poll waits for the launcher's imports; the rounds measure the polls after it.
    results = [runner.crawl("bench") for _ in range(rounds + 1)]
    launcher.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    engine.dispose()
    cpus = [r.cpu_seconds for r in results if r.cpu_seconds is not None]
    if len(cpus) != len(results) or any(r.outcome != "ok" for r in results):
        raise SystemExit(f"a poll through the launcher failed: {results}")
    launcher_cpu = sum(_cpu(after)) - sum(_cpu(before)) - sum(cpus)
    print(
        f"\nunchanged re-poll, run by the service (forked by its launcher): "
        f"{_median(cpus[1:]):.2f} CPU s, {_median([r.seconds for r in results[1:]]):.2f} s wall "
        f"(the launcher's imports, once: {launcher_cpu:.2f} CPU s)"
    )


def _cpu(usage: resource.struct_rusage) -> tuple[float, float]:
    return usage.ru_utime, usage.ru_stime


def profile(work: Workspace, site: BenchSite, env: dict[str, str]) -> None:
    """Profile one ``newsmon crawl`` of ``site`` (fresh store) and print its phases."""
    config = work.config(site, work.fresh_database())
    output = work.folder / "crawl.prof"
    run = timed(crawl_command(config, "-m", "cProfile", "-o", str(output)), env)
    phases = profile_phases(output)
    total = phases.pop("total")
    print(f"\nprofile of newsmon crawl, {len(site.published)} articles ({total:.1f} s profiled):")
    for phase, seconds in phases.items():
        print(f"  {phase:38}{seconds:7.2f} s {100 * seconds / total:5.1f}%")
    del run


if __name__ == "__main__":
    main()
