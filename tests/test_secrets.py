"""No secret is ever printed: sentinels in every secret, searched for in every output.

Each secret of the configuration holds a distinctive sentinel string. The real
commands run (crawl with alerts, queries, the service, the web server with
``-v``), also on broken databases and broken configurations, and neither
their stdout nor their stderr (where every log line goes) nor any error
contains a sentinel.
"""

from __future__ import annotations

import base64
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from sqlalchemy.engine import make_url

from newsmon.localsite.receivers import SmtpSink, WebhookReceiver
from newsmon.localsite.site import NewsSite
from tests.conftest import create_postgres_database, drop_postgres_database
from tests.web.conftest import seed_article
from tests.web.server import newsmon_env, serving

pytestmark = pytest.mark.slow  # the commands run as child processes, crawls among them

DB_PASSWORD = "SntlDbPass7719"
API_TOKEN = "SntlApiToken-4412-abcdefgh"
WEBHOOK_KEY = "SntlWebhookKey-5530-32-bytes-long"
WEBHOOK_SECRET = "whsec_" + base64.b64encode(WEBHOOK_KEY.encode()).decode()
EMAIL_PASSWORD = "SntlMailPass8841"
APPRISE_TOKEN = "SntlAppriseTok2290"
REDIS_PASSWORD = "SntlRedisPass6603"
SENTINELS = {
    "database password": DB_PASSWORD,
    "API token": API_TOKEN,
    "webhook secret": WEBHOOK_SECRET.removeprefix("whsec_"),
    "webhook key": WEBHOOK_KEY,
    "email password": EMAIL_PASSWORD,
    "apprise token": APPRISE_TOKEN,
    "redis password": REDIS_PASSWORD,
}


def _assert_no_secret(*outputs: str) -> None:
    text = "\n".join(outputs)
    for name, sentinel in SENTINELS.items():
        assert sentinel not in text, f"the {name} was printed:\n{text[-3000:]}"
        # A secret cut in half is still a secret given away.
        assert sentinel[:10] not in text, f"part of the {name} was printed:\n{text[-3000:]}"


def _newsmon(
    config: Path, *args: str, timeout: float = 180, env: dict[str, str] | None = None
) -> Any:
    return subprocess.run(
        [sys.executable, "-m", "newsmon", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=newsmon_env(**(env or {})),
    )


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _write(path: Path, values: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(values))
    return path


# --- the database URL's password --------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(
            f"postgresql+psycopg://newsmon:{DB_PASSWORD}@127.0.0.1:{_closed_port()}/store",
            id="unreachable",
        ),
        pytest.param(
            f"postgresql+psycopg://newsmon:{DB_PASSWORD}@127.0.0.1:notaport/store",
            id="unparseable-port",
        ),
        pytest.param(
            f"postgresql+nodriver://newsmon:{DB_PASSWORD}@127.0.0.1/store", id="unknown-driver"
        ),
        pytest.param(
            f"postgresql+psycopg://newsmon:{DB_PASSWORD}@x@127.0.0.1:{_closed_port()}/store",
            id="at-sign-in-password",
        ),
    ],
)
@pytest.mark.parametrize("command", [["db", "upgrade"], ["status"], ["-v", "serve"], ["run"]])
def test_a_database_that_cannot_be_opened_is_named_without_its_password(
    tmp_path: Path, url: str, command: list[str]
) -> None:
    config = _write(tmp_path / "newsmon.yaml", {"database_url": url})
    options = [c for c in command if c.startswith("-")]
    rest = [c for c in command if not c.startswith("-")]
    result = _newsmon(config, *options, *rest, timeout=60)
    assert result.returncode == 2, result.stderr
    # Warnings may come first (no catalog configured); the error is the last line.
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("newsmon: error: database_url: cannot open postgresql+"), result.stderr
    assert "newsmon:***@" in result.stderr
    assert "Traceback" not in result.stderr
    _assert_no_secret(result.stdout, result.stderr)


def test_a_missing_postgresql_database_is_named_without_its_password(
    tmp_path: Path, postgres_admin_url: str
) -> None:
    url = (
        make_url(postgres_admin_url)
        .set(password=DB_PASSWORD, database="newsmon_no_such_database")
        .render_as_string(hide_password=False)
    )
    config = _write(tmp_path / "newsmon.yaml", {"database_url": url})
    result = _newsmon(config, "db", "upgrade")
    assert result.returncode == 2
    assert "newsmon_no_such_database" in result.stderr
    assert ":***@" in result.stderr
    _assert_no_secret(result.stdout, result.stderr)


# --- configuration errors -----------------------------------------------------


def _webhook(**values: str) -> dict[str, Any]:
    return {
        "alerts": {
            "webhooks": [{"url": "http://127.0.0.1/hook", "secret": WEBHOOK_SECRET, **values}]
        }
    }


@pytest.mark.parametrize(
    ("values", "key"),
    [
        (_webhook(secret=WEBHOOK_KEY), "alerts.webhooks.0.secret"),
        (_webhook(secret=f"whsec_{WEBHOOK_KEY}!"), "alerts.webhooks.0.secret"),
        (_webhook(url=f"ftp://hooks.example/{WEBHOOK_KEY}"), "alerts.webhooks.0.url"),
        ({"alerts": {"apprise": [f"tgram:{APPRISE_TOKEN}"]}}, "alerts.apprise.0.url"),
        ({"api": {"token": API_TOKEN[:12]}}, "api.token"),
        ({"api": {"token": [API_TOKEN]}}, "api.token"),
        (
            {
                "alerts": {
                    "email": {
                        "host": "127.0.0.1",
                        "sender": "a@example.org",
                        "recipients": ["b@example.org"],
                        "password": {"value": EMAIL_PASSWORD},
                    }
                }
            },
            "alerts.email.password",
        ),
        ({"database_url": f"mysql://newsmon:{DB_PASSWORD}@127.0.0.1/store"}, "database_url"),
        ({"redis_url": f"http://:{REDIS_PASSWORD}@127.0.0.1:6379/0"}, "redis_url"),
        (
            {"sources": [{"name": "s", "feeds": [f"ftp://reader:{DB_PASSWORD}@127.0.0.1/feed"]}]},
            "sources.0.feeds",
        ),
    ],
)
def test_a_bad_secret_in_the_configuration_is_named_by_its_key_only(
    tmp_path: Path, values: dict[str, Any], key: str
) -> None:
    config = _write(
        tmp_path / "newsmon.yaml", {"database_url": f"sqlite:///{tmp_path}/s.db", **values}
    )
    result = _newsmon(config, "db", "upgrade")
    assert result.returncode == 2
    assert result.stderr.startswith(f"newsmon: error: {config}: {key}: ")
    assert result.stderr.count("\n") == 1
    _assert_no_secret(result.stdout, result.stderr)


def test_a_short_token_from_the_environment_is_named_not_shown(tmp_path: Path) -> None:
    config = _write(tmp_path / "newsmon.yaml", {"database_url": f"sqlite:///{tmp_path}/s.db"})
    for variable in ("NEWSMON_API_TOKEN", "NEWSMON_API__TOKEN"):
        result = _newsmon(config, "serve", env={variable: API_TOKEN[:12]})
        assert result.returncode == 2
        assert "api.token: must be at least 16 characters" in result.stderr
        _assert_no_secret(result.stdout, result.stderr)


# --- every command at work, with every secret set -----------------------------


@pytest.fixture
def secret_store(tmp_path: Path, shared_dir: Path, postgres_admin_url: str) -> Any:
    """A PostgreSQL store whose URL carries a password (trust auth ignores it)."""
    url = create_postgres_database(postgres_admin_url)
    try:
        yield make_url(url).set(password=DB_PASSWORD).render_as_string(hide_password=False)
    finally:
        drop_postgres_database(postgres_admin_url, url)


def test_every_command_at_work_keeps_every_secret(
    tmp_path: Path, shared_dir: Path, secret_store: str
) -> None:
    _crawl_send_and_serve(tmp_path, shared_dir, secret_store, apprise=False)


def test_an_apprise_url_is_never_printed(
    tmp_path: Path, shared_dir: Path, secret_store: str
) -> None:
    _crawl_send_and_serve(tmp_path, shared_dir, secret_store, apprise=True)


def _crawl_send_and_serve(
    tmp_path: Path, shared_dir: Path, secret_store: str, *, apprise: bool
) -> None:
    site = NewsSite(name="Sentinel News").start()
    receiver = WebhookReceiver(secret=WEBHOOK_SECRET).start()
    sink = SmtpSink().start()
    outputs: list[str] = []
    try:
        site.publish(seed_article(shared_dir, "seed-004"))
        config = _write(
            tmp_path / "newsmon.yaml",
            {
                "database_url": secret_store,
                "catalog": str(shared_dir / "corpus" / "catalog.yaml"),
                # A seed of 2017 read on a first poll: made to alert, so secrets are exercised.
                "sources": [{"name": "sentinel-news", "feeds": [site.feed_url], "baseline": False}],
                "alerts": {
                    "max_age": None,
                    "webhooks": [{"url": receiver.url, "secret": WEBHOOK_SECRET}],
                    "email": {
                        "host": "127.0.0.1",
                        "port": sink.port,
                        "sender": "newsmon@example.org",
                        "recipients": ["reader@example.org"],
                        "username": "newsmon",
                        "password": EMAIL_PASSWORD,
                        "security": "none",
                        "timeout": 5,
                    },
                    "apprise": (
                        [f"json://127.0.0.1:{_closed_port()}/{APPRISE_TOKEN}"] if apprise else []
                    ),
                },
                "api": {"token": API_TOKEN},
                "service": {"metrics_port": 0},
            },
        )
        for args in (
            ["-vv", "db", "upgrade"],
            ["-vv", "crawl"],
            ["-vv", "alerts", "send"],
            ["-vv", "alerts", "list"],
            ["-vv", "alerts", "channels"],
            ["-vv", "alerts", "test", "webhook"],
            ["-vv", "--log-format", "json", "status"],
            ["-vv", "events"],
            ["-vv", "articles"],
        ):
            result = _newsmon(config, *args)
            outputs += [" ".join(args), result.stdout, result.stderr]
            assert "Traceback" not in result.stderr, result.stderr[-3000:]
        assert receiver.received, "the crawl sent no webhook: nothing was exercised"
        assert "***@" in "".join(outputs)  # the database URL was shown, masked

        service = subprocess.Popen(
            [sys.executable, "-m", "newsmon", "-vv", "--config", str(config), "run"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=newsmon_env(),
        )
        time.sleep(8)
        service.terminate()
        out, err = service.communicate(timeout=60)
        outputs += ["run", out, err]
        assert "newsmon run" in err
    finally:
        site.stop()
        receiver.stop()
        sink.stop()
    _assert_no_secret(*outputs)


# --- the web server's access log ----------------------------------------------


def test_serve_v_logs_requests_without_the_token(tmp_path: Path) -> None:
    config = _write(
        tmp_path / "newsmon.yaml",
        {"database_url": f"sqlite:///{tmp_path}/s.db", "api": {"token": API_TOKEN}},
    )
    with serving(config, "-v") as served:
        for path in (
            f"/?token={API_TOKEN}",
            f"/articles?q=x&token={API_TOKEN}&source=y",
            f"/feeds/events.atom?token={API_TOKEN}",
            f"/api/v1/shows?limit=5&token={API_TOKEN}",
            f"/api/v1/shows?token={API_TOKEN[:-1]}",
            f"/api/v1/nothing?TOKEN={API_TOKEN}",
        ):
            httpx.get(served.base + path, timeout=10, follow_redirects=False)
        login = httpx.post(served.base + "/login", data={"token": API_TOKEN}, timeout=10)
        assert login.status_code in (200, 303)
    access = served.stdout + served.stderr
    assert "/feeds/events.atom?token=***" in access
    assert "/articles?q=x&token=***&source=y" in access
    assert "/api/v1/shows?limit=5&token=***" in access
    _assert_no_secret(served.stdout, served.stderr)


def test_json_logs_of_serve_keep_the_token(tmp_path: Path) -> None:
    config = _write(
        tmp_path / "newsmon.yaml",
        {"database_url": f"sqlite:///{tmp_path}/s.db", "api": {"token": API_TOKEN}},
    )
    with serving(config, "-vv", "--log-format", "json") as served:
        httpx.get(served.base + f"/feeds/events.atom?token={API_TOKEN}", timeout=10)
        httpx.get(served.base + f"/api/v1/shows?token={API_TOKEN}x", timeout=10)
    assert "/feeds/events.atom?token=***" in served.stdout + served.stderr
    _assert_no_secret(served.stdout, served.stderr)


def test_an_unreachable_redis_is_named_without_its_password(tmp_path: Path) -> None:
    config = _write(
        tmp_path / "newsmon.yaml",
        {
            "database_url": f"sqlite:///{tmp_path}/s.db",
            "redis_url": f"redis://:{REDIS_PASSWORD}@127.0.0.1:{_closed_port()}/0",
            "sources": [{"name": "s", "feeds": [f"http://127.0.0.1:{_closed_port()}/feed"]}],
        },
    )
    result = _newsmon(config, "crawl", timeout=120)
    assert result.returncode != 0
    assert "redis_url" in result.stdout + result.stderr
    _assert_no_secret(result.stdout, result.stderr)
