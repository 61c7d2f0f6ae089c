"""Per-source schedules from the configuration, and the jobs `newsmon run` makes of them."""

from __future__ import annotations

import datetime as dt
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from apscheduler.job import Job
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from newsmon.config import ConfigError, Settings, load_settings
from newsmon.scheduler import Service, child_command, trigger_for
from newsmon.storage.db import open_database
from newsmon.storage.polls import record_poll


def _load(tmp_path: Path, data: dict[str, object]) -> Settings:
    path = tmp_path / "newsmon.yaml"
    path.write_text(yaml.safe_dump(data))
    return load_settings(path)


def _source(name: str, **extra: object) -> dict[str, object]:
    return {"name": name, "feeds": [f"https://{name}.example/feed.xml"], **extra}


def test_interval_cron_and_the_global_default(tmp_path: Path) -> None:
    settings = _load(
        tmp_path,
        {
            "sources": [
                _source("fast", interval="15m"),
                _source("seconds", interval=45),
                _source("cron", cron="*/15 * * * *"),
                _source("default"),
            ],
            "service": {"poll_interval": "2h"},
        },
    )
    fast, seconds, cron, default = (trigger_for(s, settings) for s in settings.sources)
    assert isinstance(fast, IntervalTrigger)
    assert fast.interval == dt.timedelta(minutes=15)
    assert isinstance(seconds, IntervalTrigger)
    assert seconds.interval == dt.timedelta(seconds=45)
    assert isinstance(cron, CronTrigger)
    after = dt.datetime(2026, 3, 1, 10, 7, tzinfo=dt.UTC)
    assert cron.get_next_fire_time(None, after) == dt.datetime(2026, 3, 1, 10, 15, tzinfo=dt.UTC)
    assert isinstance(default, IntervalTrigger)
    assert default.interval == dt.timedelta(hours=2)


def test_a_global_cron_is_the_default_schedule(tmp_path: Path) -> None:
    settings = _load(tmp_path, {"sources": [_source("a")], "service": {"poll_cron": "0 6 * * *"}})
    trigger = trigger_for(settings.sources[0], settings)
    assert isinstance(trigger, CronTrigger)
    after = dt.datetime(2026, 3, 1, 7, 0, tzinfo=dt.UTC)
    assert trigger.get_next_fire_time(None, after) == dt.datetime(2026, 3, 2, 6, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            _source("x", cron="every five minutes"),
            "sources.0.cron: 'every five minutes' is not a crontab",
        ),
        (_source("x", cron="61 * * * *"), "sources.0.cron: '61 * * * *' is not a crontab"),
        (_source("x", interval="10m", cron="* * * * *"), "give either interval or cron, not both"),
        (_source("x", interval="soon"), "sources.0.interval: 'soon' is not a duration"),
    ],
)
def test_bad_schedules_are_one_clear_line(
    tmp_path: Path, source: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        _load(tmp_path, {"sources": [source]})
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"redis_url": "http://127.0.0.1:6379"}, "redis_url: must be a redis://"),
        ({"service": {"metrics_port": 70000}}, "service.metrics_port"),
        ({"service": {"failing_polls": 0}}, "service.failing_polls"),
        ({"service": {"poll_cron": "nope"}}, "service.poll_cron: 'nope' is not a crontab"),
    ],
)
def test_bad_service_settings_are_one_clear_line(
    tmp_path: Path, data: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        _load(tmp_path, data)
    assert message in str(raised.value)


def test_jobs_coalesce_run_once_at_a_time_and_resume_after_the_last_poll(tmp_path: Path) -> None:
    settings = _load(
        tmp_path,
        {
            "database_url": f"sqlite:///{tmp_path / 'store.db'}",
            "sources": [
                _source("hourly", interval="1h"),
                _source("cron", cron="*/15 * * * *"),
                _source("new", interval="10m"),
            ],
            "service": {"misfire_grace_time": "2m", "dispatch_interval": 3},
        },
    )
    engine, sessions = open_database(settings.database_url)
    last = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=20)
    with sessions() as session, session.begin():
        record_poll(session, source="hourly", started_at=last, finished_at=last)
    before = dt.datetime.now(dt.UTC)
    service = Service(settings, sessions, child_command(None, "text", 0))
    jobs = _scheduled_jobs(service)
    assert set(jobs) == {"alerts", "health", "crawl:hourly", "crawl:cron", "crawl:new"}
    for job_id in ("crawl:hourly", "crawl:cron", "crawl:new"):
        job = jobs[job_id]
        assert job.coalesce is True
        assert job.max_instances == 1
        assert job.misfire_grace_time == 120
        assert job.executor == "crawls"
    assert jobs["alerts"].trigger.interval == dt.timedelta(seconds=3)
    # Restarted: the hourly source is next polled an hour after its last poll...
    hourly_next = jobs["crawl:hourly"].next_run_time
    assert abs((hourly_next - (last + dt.timedelta(hours=1))).total_seconds()) < 1
    # ...a source never polled at once, and a cron source at its next cron time.
    assert jobs["crawl:new"].next_run_time - before < dt.timedelta(seconds=5)
    cron_next = jobs["crawl:cron"].next_run_time
    assert cron_next.minute % 15 == 0
    assert cron_next.second == 0
    engine.dispose()


def _scheduled_jobs(service: Service) -> dict[str, Job]:
    # Jobs get their defaults and first run times once the scheduler starts.
    thread = threading.Thread(target=service.scheduler.start, kwargs={"paused": True})
    thread.start()
    deadline = time.monotonic() + 10
    while not service.scheduler.running and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        return {job.id: job for job in service.scheduler.get_jobs()}
    finally:
        service.scheduler.shutdown(wait=False)
        thread.join(10)


def test_a_dispatch_only_service_polls_nothing(tmp_path: Path) -> None:
    settings = _load(
        tmp_path,
        {"database_url": f"sqlite:///{tmp_path / 'store.db'}", "sources": [_source("a")]},
    )
    engine, sessions = open_database(settings.database_url)
    service = Service(settings, sessions, child_command(None, "text", 0), dispatch_only=True)
    assert [job.id for job in service.scheduler.get_jobs()] == ["alerts"]
    engine.dispose()


def test_children_run_newsmon_with_the_services_options(tmp_path: Path) -> None:
    command = child_command(tmp_path / "newsmon.yaml", "json", 1)
    assert command[:3] == [sys.executable, "-m", "newsmon"]
    assert command[3:] == ["--log-format", "json", "-v", "--config", str(tmp_path / "newsmon.yaml")]
