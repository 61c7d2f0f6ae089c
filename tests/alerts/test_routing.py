"""Subscriptions decide which channels an event goes to; mistakes are one-line errors."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from newsmon.alerts.routing import Router
from newsmon.config import AlertsConfig, ConfigError, load_settings
from newsmon.detector.catalog import Catalog
from tests.alerts.conftest import SECRET

HOOK_A, HOOK_B = "https://hooks.example.test/a", "https://hooks.example.test/b"
NTFY = "ntfy://newsmon-test-topic"
MAIL = "ann@example.test"
# Deliveries name a channel by its identity, not by its address.
HOOK_A_ID, HOOK_B_ID, NTFY_ID, MAIL_ID = "webhook:0", "webhook:1", "apprise:0", "email:0"
CATALOG = Catalog.from_entries(
    [{"title": "Harrow Point", "aliases": ["#HarrowPoint"]}, {"title": "Quiet Ledger"}]
)


@dataclass
class Event:
    show: str = "Harrow Point"
    facet: str = "stage"
    to_value: str = "wrapped"
    certainty: str = "confirmed"
    as_of: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).date().isoformat())


def _router(*subscriptions: dict[str, Any], **alerts: Any) -> Router:
    config = AlertsConfig.model_validate(
        {
            "webhooks": [{"url": HOOK_A, "secret": SECRET}, {"url": HOOK_B, "secret": SECRET}],
            "email": {"host": "smtp.example.test", "sender": "n@x.test", "recipients": [MAIL]},
            "apprise": [NTFY],
            "subscriptions": list(subscriptions),
            **alerts,
        }
    )
    return Router.from_config(config, catalog=CATALOG)


def _targets(router: Router, **event: str) -> list[str]:
    return [target for _, target in router(Event(**event))]


def test_without_subscriptions_every_channel_gets_every_event():
    router = _router()
    assert _targets(router, certainty="rumored") == [NTFY_ID, MAIL_ID, HOOK_A_ID, HOOK_B_ID]


def test_channels_are_named_by_kind_index_or_target():
    assert _targets(_router({"channels": ["webhook"]})) == [HOOK_A_ID, HOOK_B_ID]
    assert _targets(_router({"channels": ["webhook:1", "apprise:0"]})) == [NTFY_ID, HOOK_B_ID]
    assert _targets(_router({"channels": [HOOK_A, MAIL]})) == [MAIL_ID, HOOK_A_ID]
    assert _targets(_router({"channels": ["all"]})) == [NTFY_ID, MAIL_ID, HOOK_A_ID, HOOK_B_ID]


def test_minimum_certainty_keeps_rumours_from_waking_anyone():
    router = _router({"channels": ["email"], "min_certainty": "expected"})
    assert _targets(router, certainty="rumored") == []
    assert _targets(router, certainty="expected") == [MAIL_ID]
    assert _targets(router, certainty="confirmed") == [MAIL_ID]


def test_stages_filter_stage_changes_and_let_release_changes_through():
    router = _router({"channels": ["email"], "stages": ["wrapped", "Pre-Production"]})
    assert _targets(router, to_value="wrapped") == [MAIL_ID]
    assert _targets(router, to_value="pre_production") == [MAIL_ID]
    assert _targets(router, to_value="filming") == []
    assert _targets(router, facet="release", to_value="2026-03") == [MAIL_ID]


def test_facets_choose_stage_or_release_changes():
    router = _router({"channels": ["email"], "facets": ["release"]})
    assert _targets(router, facet="stage") == []
    assert _targets(router, facet="release", to_value="2026") == [MAIL_ID]


def test_shows_are_matched_through_the_catalog_aliases():
    router = _router({"channels": ["email"], "shows": ["#harrowpoint"]})
    assert _targets(router, show="Harrow Point") == [MAIL_ID]
    assert _targets(router, show="Quiet Ledger") == []


def test_an_event_goes_where_any_subscription_wants_it(caplog: pytest.LogCaptureFixture):
    with caplog.at_level(logging.WARNING, logger="newsmon.alerts"):
        router = _router(
            {"channels": ["webhook:0"]},
            {"channels": ["email"], "shows": ["Quiet Ledger"], "min_certainty": "confirmed"},
        )
    assert _targets(router, show="Quiet Ledger") == [MAIL_ID, HOOK_A_ID]
    assert _targets(router, show="Quiet Ledger", certainty="expected") == [HOOK_A_ID]
    # Channels no subscription names get nothing, and the log says so.
    assert "apprise:0" in caplog.text
    assert "webhook:1" in caplog.text
    assert not router.subscribed(("webhook", HOOK_B_ID))
    assert router.subscribed(("email", MAIL_ID))


def test_a_named_channel_is_known_by_its_name_and_its_position():
    config = AlertsConfig.model_validate(
        {
            "webhooks": [
                {"url": HOOK_A, "secret": SECRET},
                {"url": HOOK_B, "secret": SECRET, "name": "ops"},
            ],
            "subscriptions": [{"channels": ["webhook:ops"], "shows": ["Quiet Ledger"]}],
        }
    )
    router = Router.from_config(config, catalog=CATALOG)
    assert _targets(router, show="Quiet Ledger") == ["webhook:ops"]
    assert _targets(router, show="Harrow Point") == []
    by_position = AlertsConfig.model_validate(
        {**config.model_dump(), "subscriptions": [{"channels": ["webhook:1"]}]}
    )
    assert _targets(Router.from_config(by_position)) == ["webhook:ops"]


@pytest.mark.parametrize(
    ("webhooks", "words"),
    [
        (
            "[{url: 'https://a.test/', secret: S, name: ops},"
            " {url: 'https://b.test/', secret: S, name: ops}]",
            ["names must differ", "'ops'"],
        ),
        ("[{url: 'https://a.test/', secret: S, name: '7'}]", ["alerts.webhooks.0.name"]),
    ],
)
def test_channel_names_must_differ_and_not_read_as_positions(
    tmp_path: Path, webhooks: str, words: list[str]
):
    path = tmp_path / "newsmon.yaml"
    path.write_text(f"alerts:\n  webhooks: {webhooks.replace('S', repr(SECRET))}\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert "\n" not in message
    for word in words:
        assert word in message


@pytest.mark.parametrize(
    ("subscription", "words"),
    [
        ("{channels: [slack]}", ["alerts", "subscriptions.0", "'slack'", "webhook:0"]),
        ("{channels: ['webhook:3']}", ["'webhook:3'", "is not configured"]),
        ("{min_certainty: sure}", ["min_certainty", "confirmed"]),
        ("{stages: [shooting]}", ["stages", "wrapped"]),
        ("{facets: [budget]}", ["facets", "release"]),
        ("{shows: []}", ["shows"]),
    ],
)
def test_a_bad_subscription_is_one_line_naming_the_key(
    tmp_path: Path, subscription: str, words: list[str]
):
    path = tmp_path / "newsmon.yaml"
    path.write_text(
        "alerts:\n"
        "  webhooks:\n"
        f"    - {{url: '{HOOK_A}', secret: '{SECRET}'}}\n"
        f"  subscriptions:\n    - {subscription}\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert "\n" not in message
    for word in words:
        assert word in message


def _days_ago(days: int) -> str:
    return (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=days)).isoformat()


def test_old_news_goes_to_no_channel_by_default():
    router = _router()
    assert _targets(router, as_of=_days_ago(29)) == [NTFY_ID, MAIL_ID, HOOK_A_ID, HOOK_B_ID]
    assert _targets(router, as_of=_days_ago(45)) == []
    assert _targets(router, as_of="2019") == []


def test_a_period_is_old_only_once_its_last_day_is():
    router = _router(max_age="1d")
    this_year = str(dt.datetime.now(dt.UTC).year)
    assert _targets(router, as_of=this_year) == [NTFY_ID, MAIL_ID, HOOK_A_ID, HOOK_B_ID]
    assert _targets(router, as_of=str(int(this_year) - 1)) == []


def test_max_age_null_switches_the_filter_off():
    assert _targets(_router(max_age=None), as_of="2016-03") == [
        NTFY_ID,
        MAIL_ID,
        HOOK_A_ID,
        HOOK_B_ID,
    ]


def test_a_channel_overrides_max_age():
    config = AlertsConfig.model_validate(
        {
            "max_age": "7d",
            "webhooks": [
                {"url": HOOK_A, "secret": SECRET, "max_age": None},
                {"url": HOOK_B, "secret": SECRET, "max_age": "90d", "name": "archive"},
            ],
            "apprise": [{"url": NTFY, "max_age": "1d"}],
        }
    )
    router = Router.from_config(config)
    assert _targets(router, as_of=_days_ago(0)) == [NTFY_ID, HOOK_A_ID, "webhook:archive"]
    assert _targets(router, as_of=_days_ago(3)) == [HOOK_A_ID, "webhook:archive"]
    assert _targets(router, as_of=_days_ago(30)) == [HOOK_A_ID, "webhook:archive"]
    assert _targets(router, as_of="2019") == [HOOK_A_ID]


def test_a_subscription_overrides_its_channels_max_age():
    router = _router(
        {"channels": ["webhook:0"], "max_age": None},
        {"channels": ["webhook:1"]},
        {"channels": ["apprise"], "max_age": "400d"},
    )
    assert _targets(router, as_of=_days_ago(60)) == [NTFY_ID, HOOK_A_ID]
    assert _targets(router, as_of="2019-06-01") == [HOOK_A_ID]


def test_a_bad_max_age_is_one_clear_error(tmp_path: Path):
    path = tmp_path / "newsmon.yaml"
    path.write_text("alerts:\n  max_age: soon\n")
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    assert "max_age" in str(error.value)
    assert "'soon' is not a duration" in str(error.value)


def test_a_channels_bad_max_age_is_one_clear_error(tmp_path: Path):
    path = tmp_path / "newsmon.yaml"
    path.write_text(
        f"alerts:\n  webhooks:\n    - url: {HOOK_A}\n      secret: {SECRET}\n      max_age: soon\n"
    )
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    assert str(error.value).endswith(
        "alerts.webhooks.0.max_age: 'soon' is not a duration such as 30s, 15m, 2h or 1d "
        "(got 'soon')"
    )
