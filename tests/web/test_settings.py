"""The ``api`` section: token from the file, NEWSMON_API_TOKEN or NEWSMON_API__TOKEN."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmon.config import load_settings
from tests.web.conftest import TOKEN


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "newsmon.yaml"
    path.write_text("api:\n  host: 0.0.0.0\n  port: 9000\n  token: from-the-file-0123456789\n")
    return path


def test_the_file_sets_host_port_and_token(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSMON_API_TOKEN", raising=False)
    api = load_settings(config).api
    assert (api.host, api.port, api.token_value()) == ("0.0.0.0", 9000, "from-the-file-0123456789")
    assert "from-the-file" not in repr(api)


@pytest.mark.parametrize("variable", ["NEWSMON_API_TOKEN", "NEWSMON_API__TOKEN"])
def test_the_environment_overrides_the_token_only(
    config: Path, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, TOKEN)
    api = load_settings(config).api
    assert (api.host, api.port, api.token_value()) == ("0.0.0.0", 9000, TOKEN)


def test_no_token_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSMON_API_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    api = load_settings().api
    assert (api.host, api.port, api.token) == ("127.0.0.1", 8080, None)
