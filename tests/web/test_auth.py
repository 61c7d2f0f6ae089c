"""The API token: required when configured, by header, query parameter or login cookie."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from newsmon.config import ApiConfig
from newsmon.web.auth import COOKIE_NAME, is_loopback
from tests.web.conftest import TOKEN, Store


@pytest.fixture(scope="module")
def guarded(synthetic: Store) -> TestClient:
    return synthetic.client(api=ApiConfig(token=SecretStr(TOKEN)))


@pytest.mark.parametrize(
    "path", ["/api/v1/shows", "/api/v1/events", "/api/v1/articles/1", "/feeds/events.atom"]
)
def test_programs_without_the_token_get_a_json_401(guarded: TestClient, path: str) -> None:
    response = guarded.get(path)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "API token" in response.json()["error"]["message"]
    wrong = guarded.get(path, headers={"Authorization": "Bearer not-the-token"})
    assert wrong.status_code == 401
    assert "not the one configured" in wrong.json()["error"]["message"]


def test_the_token_opens_the_api_by_header_or_query(guarded: TestClient) -> None:
    by_header = guarded.get("/api/v1/shows", headers={"Authorization": f"Bearer {TOKEN}"})
    assert by_header.status_code == 200
    assert by_header.json()["total"] == 60
    assert guarded.get("/api/v1/shows", params={"token": TOKEN}).status_code == 200


def test_a_malformed_authorization_header_is_refused_not_ignored(guarded: TestClient) -> None:
    # A valid query token does not excuse a credential in the wrong form: the client
    # is told what to fix.
    response = guarded.get(
        "/api/v1/shows", params={"token": TOKEN}, headers={"Authorization": f"Token {TOKEN}"}
    )
    assert response.status_code == 401
    assert "'Bearer <token>'" in response.json()["error"]["message"]
    wrong_bearer = guarded.get(
        "/api/v1/shows", params={"token": TOKEN}, headers={"Authorization": "Bearer not-it"}
    )
    assert wrong_bearer.status_code == 401


@pytest.mark.parametrize("path", ["/", "/shows/Show%20001", "/articles", "/sources"])
def test_people_without_the_token_get_the_login_form(guarded: TestClient, path: str) -> None:
    response = guarded.get(path)
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("text/html")
    assert 'name="token"' in response.text
    assert "<table" not in response.text
    assert 'class="timeline"' not in response.text
    assert "Story 1" not in response.text


def test_logging_in_sets_a_cookie_that_opens_the_pages(synthetic: Store) -> None:
    client = synthetic.client(api=ApiConfig(token=SecretStr(TOKEN)))
    refused = client.post(
        "/login",
        content="token=wrong&next=/sources",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert refused.status_code == 401
    assert COOKIE_NAME not in client.cookies
    accepted = client.post(
        "/login",
        content=f"token={TOKEN}&next=/sources",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert accepted.status_code == 303
    assert accepted.headers["location"] == "/sources"
    assert "httponly" in accepted.headers["set-cookie"].lower()
    assert TOKEN not in accepted.headers["set-cookie"]
    assert client.get("/sources").status_code == 200
    assert client.post("/logout", follow_redirects=False).status_code == 303
    client.cookies.clear()
    assert client.get("/sources").status_code == 401


def test_a_page_opened_with_the_token_drops_it_from_the_address(synthetic: Store) -> None:
    client = synthetic.client(api=ApiConfig(token=SecretStr(TOKEN)))
    response = client.get(f"/articles?q=studio&token={TOKEN}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/articles?q=studio"
    assert client.get("/articles?q=studio").status_code == 200


def test_login_only_goes_back_to_this_site(synthetic: Store) -> None:
    client = synthetic.client(api=ApiConfig(token=SecretStr(TOKEN)))
    response = client.post(
        "/login",
        content=f"token={TOKEN}&next=//evil.example/",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_without_a_token_only_loopback_names_are_answered(synthetic: Store) -> None:
    open_client = synthetic.client()
    assert open_client.get("/api/v1/shows").status_code == 200
    # A page of another site reaching 127.0.0.1 through a rebound DNS name is refused.
    rebound = open_client.get("/api/v1/shows", headers={"Host": "attacker.example"})
    assert rebound.status_code == 400


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
