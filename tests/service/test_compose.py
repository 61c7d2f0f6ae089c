"""The compose file describes the deployment the README promises, with commands that exist."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from newsmon.cli import main

REPO = Path(__file__).resolve().parents[2]
TOP_LEVEL_PACKAGES = ["crawler", "pipelines", "detector", "storage", "alerts", "web", "service"]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    return loaded


def _newsmon_services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: service
        for name, service in compose["services"].items()
        if service.get("image") == "newsmon:latest"
    }


def test_every_part_of_the_deployment_is_there(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert {"postgres", "redis", "migrate", "scheduler", "crawler", "api", "mailpit"} <= set(
        services
    )
    assert services["postgres"]["healthcheck"]["test"]
    assert services["redis"]["healthcheck"]["test"]
    assert services["migrate"]["command"] == ["db", "upgrade"]
    assert services["migrate"]["restart"] == "no"
    assert services["scheduler"]["command"] == ["run"]
    assert services["crawler"]["command"][:2] == ["crawl", "--worker"]
    assert services["crawler"]["deploy"]["replicas"] >= 2
    assert services["api"]["command"][0] == "serve"
    # A second scheduler would poll every source twice: it is never scaled.
    assert "deploy" not in services["scheduler"]


def test_startup_order_waits_for_health_and_the_migration(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name, service in _newsmon_services(compose).items():
        if name == "migrate":
            continue
        depends = service["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
    for name in ("scheduler", "crawler"):
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"


def test_the_store_and_the_queue_are_shared_by_every_newsmon_service(
    compose: dict[str, Any],
) -> None:
    for name, service in _newsmon_services(compose).items():
        env = service["environment"]
        assert env["NEWSMON_DATABASE_URL"].startswith("postgresql+psycopg://"), name
        assert env["NEWSMON_REDIS_URL"].startswith("redis://redis:6379"), name


def test_published_ports_are_on_loopback_only(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), f"{name} publishes {port} beyond loopback"


def test_every_command_the_compose_file_runs_exists_in_the_cli(compose: dict[str, Any]) -> None:
    runner = CliRunner()
    commands = [service["command"] for service in _newsmon_services(compose).values()]
    assert commands
    for command in commands:
        # Unknown commands or options fail before --help is honoured.
        result = runner.invoke(main, [*command, "--help"])
        assert result.exit_code == 0, f"newsmon {' '.join(command)}: {result.output}"
        assert "Usage:" in result.output


def test_the_image_is_built_from_a_wheel_of_every_file_the_package_needs() -> None:
    # The image installs the wheel alone (tests/test_packaging.py runs that wheel away from
    # the source tree); here: the build context keeps every file the wheel is made of.
    dockerfile = (REPO / "Dockerfile").read_text()
    assert re.search(r"^COPY \. \.$", dockerfile, flags=re.MULTILINE)
    assert re.search(r"^RUN pip wheel .* \.$", dockerfile, flags=re.MULTILINE)
    assert re.search(r"^RUN pip install /wheels/\*\.whl", dockerfile, flags=re.MULTILINE)
    ignored = [
        line.strip().rstrip("/")
        for line in (REPO / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    needed = ["pyproject.toml", "README.md", "newsmon/cli.py", "scheduler.py"]
    needed += [f"{folder}/__init__.py" for folder in TOP_LEVEL_PACKAGES]
    needed += ["alembic/env.py", "alembic/versions/0001_initial_schema.py"]
    for path in needed:
        assert (REPO / path).exists(), path
        parts = Path(path).parts
        excluded = [
            pattern
            for pattern in ignored
            if any(fnmatch.fnmatch("/".join(parts[:n]), pattern) for n in range(1, len(parts) + 1))
        ]
        assert not excluded, f"{path} is left out of the image's build by {excluded}"
    assert 'ENTRYPOINT ["newsmon"]' in dockerfile
