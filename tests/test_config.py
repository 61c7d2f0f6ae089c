"""Configuration: found where documented, overridable, and wrong input named in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsmon.cli import main
from newsmon.config import ConfigError, load_settings

GOOD = """\
database_url: sqlite:///{tmp}/store.db
sources:
  - name: screen-news
    feeds: [https://news.example/feed.xml]
alerts:
  webhooks:
    - url: https://receiver.example/hook
      secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
  email:
    host: smtp.example
    port: 587
    sender: newsmon@example.org
    recipients: [me@example.org]
"""


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "newsmon.yaml"
    path.write_text(GOOD.format(tmp=tmp_path))
    return path


def test_reads_every_documented_key(config_file: Path, tmp_path: Path) -> None:
    settings = load_settings(config_file)
    assert settings.database_url == f"sqlite:///{tmp_path}/store.db"
    assert settings.sources[0].feeds == ["https://news.example/feed.xml"]
    assert settings.alerts.webhooks[0].url == "https://receiver.example/hook"
    assert settings.alerts.email is not None
    assert settings.alerts.email.recipients == ["me@example.org"]


def test_environment_overrides_the_file(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSMON_DATABASE_URL", "sqlite:////elsewhere/other.db")
    monkeypatch.setenv("NEWSMON_ALERTS__EMAIL__PORT", "2525")
    settings = load_settings(config_file)
    assert settings.database_url == "sqlite:////elsewhere/other.db"
    assert settings.alerts.email is not None
    assert settings.alerts.email.port == 2525
    assert settings.alerts.email.host == "smtp.example"


def test_found_through_newsmon_config_then_current_folder(
    config_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSMON_CONFIG", str(config_file))
    assert load_settings().sources[0].name == "screen-news"
    monkeypatch.delenv("NEWSMON_CONFIG")
    monkeypatch.chdir(tmp_path)
    assert load_settings().sources[0].name == "screen-news"


def test_catalog_path_is_relative_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "shows.yaml").write_text("- title: Harrow Point\n  aliases: []\n")
    path = tmp_path / "newsmon.yaml"
    path.write_text("catalog: shows.yaml\n")
    assert load_settings(path).catalog == (tmp_path / "shows.yaml").resolve()


@pytest.mark.parametrize(
    ("content", "names"),
    [
        ("sources: [\n", ["invalid YAML", "line"]),
        ("databse_url: sqlite:///x.db\n", ["databse_url", "unknown key"]),
        ("database_url: mysql://x\n", ["database_url", "sqlite"]),
        ("sources:\n  - name: a\n    feeds: [not-a-url]\n", ["sources.0.feeds", "not-a-url"]),
        (
            "alerts:\n  webhooks:\n    - url: https://r.example/h\n      secret: hunter2\n",
            ["alerts.webhooks.0.secret", "whsec_"],
        ),
        (
            "alerts:\n  email:\n    host: smtp.example\n    port: 99999\n    sender: a@b\n"
            "    recipients: [c@d]\n",
            ["alerts.email.port", "65535"],
        ),
        (
            "alerts:\n  email:\n    host: smtp.example\n    recipients: [c@d]\n",
            ["alerts.email.sender", "missing"],
        ),
        ("catalog: nowhere.yaml\n", ["catalog", "not found"]),
        ("- just\n- a list\n", ["top level must be a mapping"]),
    ],
)
def test_bad_input_is_one_line_naming_file_key_and_problem(
    tmp_path: Path, content: str, names: list[str]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    for name in names:
        assert name in message


def test_cli_reports_config_errors_in_one_line_with_exit_code_2(tmp_path: Path) -> None:
    path = tmp_path / "newsmon.yaml"
    path.write_text("sources:\n  - name: a\n    colour: blue\n")
    result = CliRunner().invoke(main, ["--config", str(path), "status"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines == [f"newsmon: error: {path}: sources.0.colour: unknown key"]


def test_cli_names_a_missing_config_file(tmp_path: Path) -> None:
    missing = tmp_path / "absent.yaml"
    result = CliRunner().invoke(main, ["--config", str(missing), "status"])
    assert result.exit_code == 2
    assert result.output.strip() == f"newsmon: error: {missing}: file not found"
