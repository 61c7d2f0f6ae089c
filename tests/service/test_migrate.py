"""Processes started at once on an empty PostgreSQL database all bring it up to date."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from sqlalchemy import create_engine, text

from tests.conftest import create_postgres_database, drop_postgres_database

pytestmark = pytest.mark.postgres
PROCESSES = 5


@pytest.fixture
def postgres_url(postgres_admin_url: str) -> Iterator[str]:
    url = create_postgres_database(postgres_admin_url)
    try:
        yield url
    finally:
        drop_postgres_database(postgres_admin_url, url)


def test_upgrades_started_at_once_on_an_empty_database_all_succeed(
    tmp_path: Path, postgres_url: str
) -> None:
    config = tmp_path / "newsmon.yaml"
    config.write_text(yaml.safe_dump({"database_url": postgres_url}))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    command = [sys.executable, "-m", "newsmon", "--config", str(config), "db", "upgrade"]
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for _ in range(PROCESSES)
    ]
    results = [process.communicate(timeout=120) for process in processes]
    for process, (_, stderr) in zip(processes, results, strict=True):
        assert process.returncode == 0, stderr.decode()[-2000:]
        assert b"UniqueViolation" not in stderr
    engine = create_engine(postgres_url)
    with engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    engine.dispose()
    assert len(versions) == 1
