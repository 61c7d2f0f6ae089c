from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session, sessionmaker

from newsmon.storage.models import Delivery
from newsmon.storage.views import EventView
from tests.alerts.conftest import add_event


def test_from_row_copies_the_event_and_links_the_canonical_article(store: sessionmaker[Session]):
    (delivery_id,) = add_event(store, [("webhook", "https://hooks.example.test/x")])
    with store() as session:
        delivery = session.get(Delivery, delivery_id)
        assert delivery is not None
        event = EventView.of(delivery.event)
    assert event.id == delivery.event_id
    assert (event.show, event.season, event.facet) == ("The Defenders", 1, "stage")
    assert (event.old, event.new) == ("pre_production", "wrapped")
    assert (event.certainty, event.as_of) == ("confirmed", "2017-03-24")
    assert event.evidence == "The Defenders has just wrapped up with its filming."
    # The canonical URL has no tracking parameters, unlike the fetched one.
    assert event.article.url.startswith("https://news.example.test/a/")
    assert "utm_source" not in event.article.url
    assert event.article.headline == "The Defenders wraps filming"
    assert event.detected_at.tzinfo is not None
    assert abs(event.detected_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
