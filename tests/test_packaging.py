"""The built wheel is the whole program under one import name.

The wheel is built from this checkout and run from its own files, away from the
repository, so anything that only works in a clone (a top-level import name, a
migration or template found through the source tree) fails here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOP_LEVEL_FOLDERS = {"crawler", "pipelines", "detector", "storage", "alerts", "web", "service"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("newsmon-*.whl")
    return built


@pytest.fixture(scope="module")
def unpacked(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def _run_from(unpacked: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # -P keeps the working directory off sys.path; PYTHONPATH puts the wheel's files ahead
    # of the editable install, so the program runs from the wheel alone.
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    env.pop("NEWSMON_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-P", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_wheel_installs_one_import_name(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    tops = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert tops == {"newsmon"}
    assert any(name.startswith("newsmon/alembic/versions/0001_") for name in names)
    assert "newsmon/web/templates/base.html" in names
    assert "newsmon/alerts/templates/" in "".join(names)


def test_every_module_imports_from_the_wheel_under_newsmon(unpacked: Path, tmp_path: Path) -> None:
    script = (
        "import importlib, pkgutil, sys, newsmon\n"
        "assert newsmon.__file__.startswith(sys.argv[1]), newsmon.__file__\n"
        "for info in pkgutil.walk_packages(newsmon.__path__, 'newsmon.'):\n"
        "    if '.alembic' not in info.name and not info.name.endswith('__main__'):\n"
        "        importlib.import_module(info.name)\n"
        "print(sorted({name.split('.')[0] for name in sys.modules}))\n"
    )
    done = _run_from(unpacked, "-c", script, str(unpacked), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    loaded = set(eval(done.stdout))
    assert not loaded & TOP_LEVEL_FOLDERS, "a module was imported under a top-level name"


def test_the_wheel_migrates_a_new_store_and_renders_its_pages(
    unpacked: Path, tmp_path: Path
) -> None:
    config = tmp_path / "newsmon.yaml"
    config.write_text(f"database_url: sqlite:///{tmp_path / 'store.db'}\nsources: []\n")
    upgraded = _run_from(
        unpacked, "-m", "newsmon", "--config", str(config), "db", "upgrade", cwd=tmp_path
    )
    assert upgraded.returncode == 0, upgraded.stderr
    assert (tmp_path / "store.db").stat().st_size > 0
    script = (
        "from fastapi.testclient import TestClient\n"
        "from newsmon.config import load_settings\n"
        "from newsmon.storage.db import open_database\n"
        "from newsmon.web.app import create_app\n"
        f"settings = load_settings({str(config)!r})\n"
        "app = create_app(settings, open_database(settings.database_url)[1])\n"
        "page = TestClient(app, base_url='http://127.0.0.1').get('/')\n"
        "print(page.status_code)\n"
    )
    rendered = _run_from(unpacked, "-c", script, cwd=tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    assert rendered.stdout.strip() == "200"
