"""The store folds claims into state, never backwards, with events and outbox rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from newsmon.alerts.routing import Router
from newsmon.config import AlertsConfig
from newsmon.detector.catalog import Catalog
from newsmon.detector.model import Certainty, Claim
from newsmon.storage.articles import add_article
from newsmon.storage.browse import event_page, resolve_show, show_timeline, status
from newsmon.storage.corroboration import Corroborated
from newsmon.storage.db import open_database, unit_of_work
from newsmon.storage.models import (
    Article,
    ChangeEvent,
    ClaimRow,
    Delivery,
    DeliveryStatus,
    ProductionState,
)
from newsmon.storage.state import Route, apply_claims

TARGETS = [("webhook", "http://127.0.0.1:9/hook"), ("email", "me@example.org")]
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def _everywhere(event: Corroborated) -> list[tuple[str, str]]:
    return TARGETS


def _claim(
    value: str,
    as_of: str,
    *,
    facet: str = "stage",
    season: int | None = 1,
    certainty: Certainty = Certainty.confirmed,
    show: str = "Harrow Point",
) -> Claim:
    return Claim(
        show=show,
        season=season,
        facet=facet,  # type: ignore[arg-type]
        value=value,
        certainty=certainty,
        as_of=as_of,
        evidence=f"{show} is {value} as of {as_of}.",
        rule_id="test.rule",
    )


@pytest.fixture
def sessions(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine, factory = open_database(database_url)
    yield factory
    engine.dispose()


def _read(
    factory: sessionmaker[Session], published: str, claims: list[Claim], route: Route = _everywhere
) -> list[tuple[str, str | None, str]]:
    with unit_of_work(factory) as session:
        article = add_article(
            session,
            source_name="local",
            url=f"http://127.0.0.1/{published}",
            canonical_url=f"http://127.0.0.1/{published}",
            headline="h",
            text=f"text of {published}",
            published=dt.date.fromisoformat(published),
            published_raw=None,
            published_source="page",
        )
        new = apply_claims(session, article=article, claims=claims, route=route)
        return [(e.facet, e.from_value, e.to_value) for e in new]


def test_events_and_deliveries_follow_state_changes(sessions: sessionmaker[Session]) -> None:
    assert _read(sessions, "2025-02-10", [_claim("announced", "2025-02-10")]) == [
        ("stage", None, "announced")
    ]
    assert _read(
        sessions,
        "2025-06-18",
        [
            _claim("filming", "2025-06-18"),
            _claim("2026", "2025-06-18", facet="release", certainty=Certainty.expected),
        ],
    ) == [("stage", "announced", "filming"), ("release", None, "2026")]
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(ChangeEvent)) == 3
        deliveries = session.scalars(select(Delivery)).all()
        assert len(deliveries) == 3 * len(TARGETS)
        assert {d.status for d in deliveries} == {DeliveryStatus.pending}
        assert len({d.message_id for d in deliveries}) == len(deliveries)
        rows = status(session)
        assert [
            {key: row[key] for key in ("show", "season", "stage", "certainty", "release")}
            | {"release_certainty": row["release_certainty"], "outlets": row["outlet_count"]}
            for row in rows
        ] == [
            {
                "show": "Harrow Point",
                "season": 1,
                "stage": "filming",
                "certainty": "confirmed",
                "release": "2026",
                "release_certainty": "expected",
                "outlets": 1,
            }
        ]


def test_an_old_article_read_late_does_not_move_the_state_back(
    sessions: sessionmaker[Session],
) -> None:
    _read(sessions, "2025-06-18", [_claim("filming", "2025-06-18")])
    assert _read(sessions, "2025-02-10", [_claim("announced", "2025-02-10")]) == []
    with sessions() as session:
        state = session.scalars(select(ProductionState)).one()
        assert (state.value, state.as_of) == ("filming", "2025-06-18")
        stored = resolve_show(session, "harrow point")
        assert stored == "Harrow Point"
        kinds = [
            (entry.kind, entry.new if entry.kind == "event" else entry.value)
            for entry in show_timeline(session, stored)
        ]
        assert kinds == [("claim", "announced"), ("claim", "filming"), ("event", "filming")]


def test_repeating_a_claim_changes_nothing(sessions: sessionmaker[Session]) -> None:
    _read(sessions, "2025-06-18", [_claim("filming", "2025-06-18")])
    assert _read(sessions, "2025-06-19", [_claim("filming", "2025-06-18")]) == []
    with sessions() as session:
        assert len(event_page(session, limit=None)[0]) == 1


def test_films_without_seasons_have_their_own_state(sessions: sessionmaker[Session]) -> None:
    _read(sessions, "2025-06-18", [_claim("filming", "2025-06-18", season=None)])
    _read(sessions, "2025-06-19", [_claim("wrapped", "2025-06-19", season=None)])
    _read(sessions, "2025-06-20", [_claim("announced", "2025-06-20", season=2)])
    with sessions() as session:
        by_season = {row["season"]: row["stage"] for row in status(session)}
    assert by_season == {None: "wrapped", 2: "announced"}


def test_a_failed_unit_of_work_leaves_no_event_without_its_deliveries(
    sessions: sessionmaker[Session],
) -> None:
    def dies_before_commit() -> None:
        with unit_of_work(sessions) as session:
            article = add_article(
                session,
                source_name="local",
                url="http://127.0.0.1/x",
                canonical_url="http://127.0.0.1/x",
                headline="h",
                text="t",
                published=dt.date(2025, 1, 1),
                published_raw=None,
                published_source="page",
            )
            apply_claims(
                session,
                article=article,
                claims=[_claim("filming", "2025-01-01")],
                route=_everywhere,
            )
            raise RuntimeError("the process dies before commit")

    with pytest.raises(RuntimeError):
        dies_before_commit()
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(ChangeEvent)) == 0
        assert session.scalar(select(func.count()).select_from(Delivery)) == 0
        assert session.scalar(select(func.count()).select_from(ProductionState)) == 0


def _deliveries(factory: sessionmaker[Session]) -> list[tuple[str, str, str]]:
    with factory() as session:
        rows = session.scalars(select(Delivery).order_by(Delivery.id)).all()
        return [(row.event.to_value, row.channel, row.target) for row in rows]


def test_deliveries_are_made_only_for_subscribed_channels(
    sessions: sessionmaker[Session],
) -> None:
    config = AlertsConfig.model_validate(
        {
            "webhooks": [
                {"url": "http://127.0.0.1:9/all", "secret": SECRET},
                {"url": "http://127.0.0.1:9/wraps", "secret": SECRET},
            ],
            "max_age": None,  # news of 2025: routing is tested here, not its age
            "subscriptions": [
                {"channels": ["webhook:0"]},
                {
                    "channels": ["http://127.0.0.1:9/wraps"],
                    "shows": ["#harrowpoint"],
                    "min_certainty": "confirmed",
                    "stages": ["wrapped"],
                },
            ],
        }
    )
    catalog = Catalog.from_entries([{"title": "Harrow Point", "aliases": ["#HarrowPoint"]}])
    router = Router.from_config(config, catalog=catalog)
    every, wraps = "webhook:0", "webhook:1"  # deliveries name channels, not URLs
    _read(sessions, "2025-06-18", [_claim("filming", "2025-06-18")], router)
    _read(
        sessions,
        "2025-07-01",
        [_claim("wrapped", "2025-07-01", certainty=Certainty.rumored)],
        router,
    )
    _read(sessions, "2025-07-02", [_claim("wrapped", "2025-07-02", show="Quiet Ledger")], router)
    _read(sessions, "2025-08-01", [_claim("released", "2025-08-01")], router)
    _read(sessions, "2025-09-01", [_claim("wrapped", "2025-09-01")], router)
    assert _deliveries(sessions) == [
        ("filming", "webhook", every),  # not a stage of interest to the second
        ("wrapped", "webhook", every),  # a rumour: below the second's minimum certainty
        ("wrapped", "webhook", every),  # another show
        ("released", "webhook", every),
        ("wrapped", "webhook", every),  # confirmed, wrapped, Harrow Point: both
        ("wrapped", "webhook", wraps),
    ]


def test_an_event_no_subscription_wants_is_still_recorded(
    sessions: sessionmaker[Session],
) -> None:
    assert _read(sessions, "2025-06-18", [_claim("filming", "2025-06-18")], lambda event: []) == [
        ("stage", None, "filming")
    ]
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(ChangeEvent)) == 1
    assert _deliveries(sessions) == []


def test_rereading_a_revised_article_stores_only_what_it_adds(
    sessions: sessionmaker[Session],
) -> None:
    old = [_claim("filming", "2025-06-18")]
    with unit_of_work(sessions) as session:
        article = add_article(
            session,
            source_name="local",
            url="http://127.0.0.1/v",
            canonical_url="http://127.0.0.1/v",
            headline="h",
            text="first text",
            published=dt.date(2025, 6, 18),
            published_raw=None,
            published_source="page",
        )
        apply_claims(session, article=article, claims=old, route=_everywhere)
        article_id = article.id
    new = [*old, _claim("2026", "2025-06-18", facet="release", certainty=Certainty.expected)]
    with unit_of_work(sessions) as session:
        article = session.get_one(Article, article_id)
        events = apply_claims(session, article=article, claims=new, route=_everywhere)
        assert [(e.facet, e.to_value) for e in events] == [("release", "2026")]
    with sessions() as session:
        stored = session.scalars(select(ClaimRow).where(ClaimRow.article_id == article_id)).all()
        assert sorted((c.facet, c.value) for c in stored) == [
            ("release", "2026"),
            ("stage", "filming"),
        ]


def test_a_state_kept_before_the_latest_claim_was_is_refolded_once(
    sessions: sessionmaker[Session],
) -> None:
    _read(sessions, "2025-06-18", [_claim("filming", "2025-06-18")])
    _read(sessions, "2025-07-01", [_claim("2025", "2025-07-01", facet="release")])
    _read(sessions, "2025-07-02", [_claim("2025-10", "2025-07-02", facet="release")])
    with unit_of_work(sessions) as session:  # as rows from before the column existed
        for state in session.scalars(select(ProductionState)):
            state.latest_as_of = state.latest_certainty = None
    # Vaguer news about the release confirms it; an older stage claim moves nothing.
    assert _read(sessions, "2025-07-03", [_claim("2025", "2025-07-03", facet="release")]) == []
    assert _read(sessions, "2025-02-10", [_claim("announced", "2025-02-10")]) == []
    assert _read(sessions, "2025-08-01", [_claim("wrapped", "2025-08-01")]) == [
        ("stage", "filming", "wrapped")
    ]
    with sessions() as session:
        states = {s.facet: s for s in session.scalars(select(ProductionState))}
    assert (states["release"].value, states["release"].latest_as_of) == ("2025-10", "2025-07-03")
    assert (states["stage"].value, states["stage"].latest_as_of) == ("wrapped", "2025-08-01")
