"""The web server's defences, over real HTTP to ``newsmon serve``.

Security headers on every response, token redirects that never leave the
site, slowed-down token guesses (429 with Retry-After) and login cookies
that expire and die with the token.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
import yaml
from pydantic import SecretStr

from newsmon.config import ApiConfig
from newsmon.web.auth import COOKIE_NAME, cookie_value
from tests.web.conftest import TOKEN, Store
from tests.web.server import Served, serving

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _config(tmp_path: Path, **api: object) -> Path:
    path = tmp_path / "newsmon.yaml"
    values = {"database_url": f"sqlite:///{tmp_path / 'store.db'}", "api": {"token": TOKEN, **api}}
    path.write_text(yaml.safe_dump(values))
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(_config(tmp_path_factory.mktemp("security"))) as served:
        yield served


def _assert_security_headers(response: httpx.Response) -> None:
    headers = response.headers
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src" not in policy  # no script at all: default-src 'none' forbids it
    assert "'unsafe-inline'" not in policy
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/login", 200),
        ("/", 401),
        ("/static/style.css", 200),
        (f"/api/v1/shows?token={TOKEN}", 200),
        (f"/feeds/events.atom?token={TOKEN}", 200),
        (f"/api/v1/events?token={TOKEN}&limit=0", 422),
        (f"/api/v1/nothing?token={TOKEN}", 404),
        ("/api/v1/shows", 401),
        (f"/?token={TOKEN}", 303),
    ],
)
def test_every_response_carries_the_security_headers(
    server: Served, path: str, status: int
) -> None:
    response = httpx.get(server.base + path, timeout=10, follow_redirects=False)
    assert response.status_code == status
    _assert_security_headers(response)


def test_refused_hosts_and_methods_carry_them_too(tmp_path: Path) -> None:
    path = tmp_path / "newsmon.yaml"
    path.write_text(yaml.safe_dump({"database_url": f"sqlite:///{tmp_path / 'store.db'}"}))
    with serving(path) as open_server:
        rebound = httpx.get(
            open_server.base + "/api/v1/shows", headers={"Host": "attacker.example"}, timeout=10
        )
        assert rebound.status_code == 400
        _assert_security_headers(rebound)
        wrong_method = httpx.delete(open_server.base + "/api/v1/shows", timeout=10)
        assert wrong_method.status_code == 405
        _assert_security_headers(wrong_method)


def test_the_pages_need_nothing_the_policy_forbids(server: Served) -> None:
    client = httpx.Client(base_url=server.base, timeout=10)
    client.get(f"/?token={TOKEN}")
    for path in ("/", "/articles", "/sources", "/login"):
        page = client.get(path).text
        assert "<script" not in page
        assert " style=" not in page
        assert "<style" not in page
        assert " on" + "click=" not in page


@pytest.mark.parametrize(
    "path",
    [
        "//evil.example/",
        "///evil.example/",
        "/\\evil.example/",
        "/%5Cevil.example/",
        "/%09/evil.example/",
        "//evil.example/%2F..",
    ],
)
def test_a_token_in_the_address_is_dropped_without_leaving_the_site(
    server: Served, path: str
) -> None:
    response = httpx.get(
        f"{server.base}{path}?token={TOKEN}&q=a", timeout=10, follow_redirects=False
    )
    assert response.status_code == 303
    location = response.headers["location"]
    assert TOKEN not in location
    assert location.startswith("/")
    assert not location.startswith(("//", "/\\"))
    assert all(ord(char) > 32 and char != "\\" for char in location)
    # Where a browser would go: this server, whatever the path.
    assert urlsplit(urljoin(server.base + "/", location)).netloc == urlsplit(server.base).netloc
    assert location.endswith("?q=a")


def test_a_token_in_a_page_address_keeps_the_path_as_sent(server: Served) -> None:
    response = httpx.get(
        f"{server.base}/shows/AC%2FDC%20Live?token={TOKEN}", timeout=10, follow_redirects=False
    )
    assert response.headers["location"] == "/shows/AC%2FDC%20Live"


def _post_login(base: str, token: str, client: httpx.Client | None = None) -> httpx.Response:
    http = client or httpx.Client(timeout=10)
    return http.post(
        base + "/login",
        content=f"token={token}&next=/sources",
        headers=FORM,
        follow_redirects=False,
    )


def test_wrong_tokens_are_slowed_down_per_client(tmp_path: Path) -> None:
    config = _config(tmp_path, login_attempts=3, login_attempt_interval="2s")
    with serving(config) as served:
        for _ in range(3):
            assert _post_login(served.base, "not-the-token").status_code == 401
        refused = _post_login(served.base, "not-the-token")
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["retry-after"]) <= 2
        _assert_security_headers(refused)
        # Even the right token waits: a guess that happens to be right gains nothing.
        assert _post_login(served.base, TOKEN).status_code == 429
        api = httpx.get(
            served.base + "/api/v1/shows", headers={"Authorization": f"Bearer {TOKEN}x"}
        )
        assert api.status_code == 429
        assert api.json()["error"]["status"] == 429
        assert api.headers["retry-after"]
        assert httpx.get(served.base + f"/feeds/events.atom?token={TOKEN}").status_code == 429

        time.sleep(2.2)
        accepted = _post_login(served.base, TOKEN)
        assert accepted.status_code == 303
        assert COOKIE_NAME in accepted.cookies
        # A success forgets the wrong tokens: the next mistake is a 401 again.
        assert _post_login(served.base, "not-the-token").status_code == 401


def test_the_login_expires_after_its_lifetime(tmp_path: Path) -> None:
    with serving(_config(tmp_path, session_lifetime="2s")) as served:
        client = httpx.Client(base_url=served.base, timeout=10)
        accepted = _post_login(served.base, TOKEN, client)
        assert accepted.status_code == 303
        assert "max-age=2" in accepted.headers["set-cookie"].lower()
        assert client.get("/sources").status_code == 200
        time.sleep(2.5)
        # The browser would have dropped it; a copied cookie is refused by the server too.
        expired = httpx.get(
            served.base + "/sources", headers=_cookie(accepted.cookies[COOKIE_NAME]), timeout=10
        )
        assert expired.status_code == 401
        assert "expired" in expired.text


def test_changing_the_token_ends_every_login(synthetic: Store) -> None:
    before = synthetic.client(api=ApiConfig(token=SecretStr(TOKEN)))
    assert _login_with(before).status_code == 303
    cookie = before.cookies[COOKIE_NAME]
    assert TOKEN not in cookie
    assert before.get("/sources").status_code == 200
    after = synthetic.client(api=ApiConfig(token=SecretStr(TOKEN + "-changed")))
    assert after.get("/sources", headers=_cookie(cookie)).status_code == 401


def test_a_cookie_older_than_the_lifetime_is_refused_even_when_signed(synthetic: Store) -> None:
    client = synthetic.client(api=ApiConfig(token=SecretStr(TOKEN), session_lifetime=3600))
    now = int(time.time())
    fresh = cookie_value(TOKEN, now - 3500)
    stale = cookie_value(TOKEN, now - 3700)
    forged = f"{now}.{'0' * 64}"
    assert client.get("/sources", headers=_cookie(fresh)).status_code == 200
    assert client.get("/sources", headers=_cookie(stale)).status_code == 401
    assert client.get("/sources", headers=_cookie(forged)).status_code == 401


def _cookie(value: str) -> dict[str, str]:
    return {"Cookie": f"{COOKIE_NAME}={value}"}


def _login_with(client: object) -> httpx.Response:
    response: httpx.Response = client.post(  # type: ignore[attr-defined]
        "/login", content=f"token={TOKEN}&next=/", headers=FORM, follow_redirects=False
    )
    return response
