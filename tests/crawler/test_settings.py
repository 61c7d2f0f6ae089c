"""newsmon Settings -> Scrapy settings, the add-on for plain `scrapy crawl`, scrapy.cfg."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from newsmon.config import Settings
from newsmon.crawler.settings import scrapy_settings
from newsmon.crawler.spiders.news import NewsSpider

REPO = Path(__file__).resolve().parents[2]
ADDON = {"ADDONS": {"newsmon.crawler.addons.NewsmonConfigAddon": 0}}


def _settings(tmp_path: Path, **overrides) -> Settings:
    values = {
        "database_url": f"sqlite:///{tmp_path / 'n.db'}",
        "sources": [{"name": "ledger", "feeds": ["https://ledger.example/rss"]}],
        **overrides,
    }
    return Settings(**values)


def test_values_from_newsmon_config_reach_scrapy(tmp_path):
    catalog = tmp_path / "catalog.yaml"
    settings = _settings(
        tmp_path,
        catalog=catalog,
        crawl={
            "user_agent": "tester/1.0",
            "obey_robots_txt": False,
            "download_timeout": 7,
            "max_page_bytes": 123456,
            "concurrent_requests_per_domain": 2,
            "download_delay": 0.5,
        },
        alerts={"webhooks": [{"url": "https://hooks.example/in", "secret": "whsec_c2VjcmV0"}]},
    )
    conf = scrapy_settings(settings)
    assert conf["NEWSMON_DATABASE_URL"] == settings.database_url
    assert conf["NEWSMON_CATALOG"] == str(catalog)
    assert conf["NEWSMON_SOURCES"][0]["name"] == "ledger"
    assert conf["NEWSMON_SOURCES"][0]["feeds"] == ["https://ledger.example/rss"]
    assert conf.getdict("NEWSMON_ALERTS")["webhooks"][0]["url"] == "https://hooks.example/in"
    assert conf["USER_AGENT"] == "tester/1.0"
    assert conf.getbool("ROBOTSTXT_OBEY") is False
    assert conf.getfloat("DOWNLOAD_TIMEOUT") == 7
    assert conf.getint("DOWNLOAD_MAXSIZE") == 123456
    assert conf.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 2
    assert conf.getfloat("DOWNLOAD_DELAY") == 0.5


def test_defaults_are_polite_and_run_the_pipelines_in_order(tmp_path):
    conf = scrapy_settings(_settings(tmp_path))
    assert conf["NEWSMON_CATALOG"] is None
    assert conf.getbool("ROBOTSTXT_OBEY") is True
    assert conf.getbool("AUTOTHROTTLE_ENABLED") is True
    assert conf.getbool("TELNETCONSOLE_ENABLED") is False
    pipelines = conf.getdict("ITEM_PIPELINES")
    assert sorted(pipelines, key=pipelines.__getitem__) == [
        "newsmon.pipelines.normalize.NormalizePipeline",
        "newsmon.pipelines.ingest.IngestPipeline",
    ]


def test_addon_reads_newsmon_yaml_when_scrapy_is_started_by_hand(tmp_path, monkeypatch):
    config = tmp_path / "newsmon.yaml"
    config.write_text(
        "sources:\n  - name: handmade\n    feeds: [https://hand.example/rss]\n"
        "crawl:\n  user_agent: by-hand/2\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("NEWSMON_CONFIG", str(config))
    crawler = get_crawler(NewsSpider, {**ADDON, "USER_AGENT": "project-default"})
    assert crawler.settings["NEWSMON_SOURCES"][0]["name"] == "handmade"
    assert crawler.settings["USER_AGENT"] == "by-hand/2"


def test_addon_leaves_settings_alone_when_sources_were_handed_over(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSMON_CONFIG", str(tmp_path / "does-not-exist.yaml"))
    given = [{"name": "given", "feeds": []}]
    crawler = get_crawler(NewsSpider, {**ADDON, "NEWSMON_SOURCES": given})
    assert crawler.settings["NEWSMON_SOURCES"] == given


def test_addon_reports_a_bad_config_in_one_line_and_crawls_nothing(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("NEWSMON_CONFIG", str(tmp_path / "missing.yaml"))
    crawler = get_crawler(NewsSpider, ADDON)
    assert crawler.settings["NEWSMON_SOURCES"] == []
    (record,) = [r for r in caplog.records if r.name == "newsmon.crawler.addons"]
    assert "missing.yaml: file not found" in record.getMessage()


@pytest.mark.slow
def test_scrapy_command_finds_the_project_and_its_spider():
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    scrapy = Path(sys.executable).parent / "scrapy"
    done = subprocess.run(
        [str(scrapy), "list"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["news"]
