"""The ``newsmon`` command itself: its version, a quiet start, refusing a store it cannot own."""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _newsmon(*args: str, program: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    return subprocess.run(
        [*(program or [sys.executable, "-m", "newsmon"]), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "newsmon.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_version_comes_from_the_installed_distribution() -> None:
    expected = f"newsmon {importlib.metadata.version('newsmon')}"
    by_module = _newsmon("--version")
    assert by_module.returncode == 0, by_module.stderr
    assert by_module.stdout.strip() == expected
    script = shutil.which("newsmon", path=str(Path(sys.executable).parent))
    assert script is not None, "the newsmon console script is not installed beside python"
    by_script = _newsmon("--version", program=[script])
    assert by_script.returncode == 0, by_script.stderr
    assert by_script.stdout.strip() == expected


def test_help_lists_every_command_with_its_own_summary_and_imports_none() -> None:
    import click

    from newsmon.cli import SUBCOMMANDS, main

    context = click.Context(main)
    for name, subcommand in SUBCOMMANDS.items():
        command = main.get_command(context, name)
        assert command is not None
        assert command.name == name
        assert subcommand.summary == command.get_short_help_str(limit=300), name
    script = (
        "import sys\n"
        "from newsmon.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted({'sqlalchemy', 'pydantic', 'scrapy', 'fastapi'} & set(sys.modules)))\n"
    )
    shown = _newsmon("-c", script, program=[sys.executable])
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip().splitlines()[-1] == "[]"
    assert all(f"  {name} " in shown.stdout for name in SUBCOMMANDS)


def _with_columns(columns: int, *args: str, program: list[str] | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    done = subprocess.run(
        [*(program or [sys.executable, "-m", "newsmon"]), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**env, "COLUMNS": str(columns)},
    )
    return done.stdout


@pytest.mark.parametrize("columns", [40, 64, 80, 132])
@pytest.mark.parametrize("arguments", [["--help"], ["-h"], ["--version"]])
def test_help_and_version_without_click_print_what_click_prints(
    columns: int, arguments: list[str]
) -> None:
    by_click = _with_columns(
        columns,
        "-c",
        f"from newsmon.cli import main; main({arguments!r}, prog_name='newsmon')",
        program=[sys.executable],
    )
    assert _with_columns(columns, *arguments) == by_click
    script = shutil.which("newsmon", path=str(Path(sys.executable).parent))
    assert script is not None
    assert _with_columns(columns, *arguments, program=[script]) == by_click


def test_help_and_version_import_no_click() -> None:
    script = (
        "import sys\n"
        "from newsmon.entry import run\n"
        "for arguments in (['--help'], ['--version']):\n"
        "    sys.argv = ['newsmon', *arguments]\n"
        "    run()\n"
        "print(sorted({'click', 'importlib.metadata'} & set(sys.modules)))\n"
    )
    shown = _newsmon("-c", script, program=[sys.executable])
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip().splitlines()[-1] == "[]"


def test_a_query_command_starts_without_the_crawler_or_the_web_server(tmp_path: Path) -> None:
    # Commands are imported when they run, so `status` and `events` start quickly.
    config = _config(tmp_path, f"database_url: sqlite:///{tmp_path / 'store.db'}\n")
    script = (
        "import sys\n"
        "from newsmon.cli import main\n"
        "try:\n"
        f"    main(['--config', {str(config)!r}, 'status'])\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "print(sorted({'scrapy', 'twisted', 'fastapi', 'uvicorn'} & set(sys.modules)))\n"
    )
    started = _newsmon("-c", script, program=[sys.executable])
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("verbosity", [[], ["-v"]])
def test_start_up_prints_no_alembic_chatter(tmp_path: Path, verbosity: list[str]) -> None:
    config = _config(tmp_path, f"database_url: sqlite:///{tmp_path / 'store.db'}\n")
    result = _newsmon("--config", str(config), *verbosity, "status")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(nothing stored yet)"
    assert "alembic" not in result.stderr
    assert "setup plugin" not in result.stderr


def test_debug_output_still_shows_alembic(tmp_path: Path) -> None:
    config = _config(tmp_path, f"database_url: sqlite:///{tmp_path / 'store.db'}\n")
    result = _newsmon("--config", str(config), "-vv", "status")
    assert result.returncode == 0, result.stderr
    assert "alembic" in result.stderr


@pytest.mark.parametrize("command", [["status"], ["events"], ["db", "upgrade"]])
def test_a_sqlite_file_in_a_missing_folder_is_refused_not_created(
    tmp_path: Path, command: list[str]
) -> None:
    missing = tmp_path / "no-such-folder" / "store.db"
    config = _config(tmp_path, f"database_url: sqlite:///{missing}\n")
    result = _newsmon("--config", str(config), *command)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"newsmon: error: database_url: the folder {missing.parent} of the SQLite file "
        f"{missing} does not exist; create it, or correct database_url"
    ]
    assert not missing.parent.exists()


def test_a_crawl_without_a_catalog_warns_once_that_nothing_will_be_detected(
    tmp_path: Path,
) -> None:
    # A source on a closed local port: the crawl runs, finds nothing, and stores nothing.
    config = _config(
        tmp_path,
        f"database_url: sqlite:///{tmp_path / 'store.db'}\n"
        "sources: [{name: local, feeds: ['http://127.0.0.1:9/feed']}]\n"
        "crawl: {retry_times: 0}\n",
    )
    result = _newsmon("--config", str(config), "crawl", "--no-send")
    warning = "newsmon: warning: no catalog is configured"
    assert result.stderr.count(warning) == 1, result.stderr
    assert "no show's status will be detected" in result.stderr
    quiet = _newsmon("--config", str(config), "status")
    assert warning not in quiet.stderr
