"""The article's own date decides order; where it came from is recorded with it."""

from __future__ import annotations

import datetime as dt

import pytest
from scrapy.exceptions import DropItem

from newsmon.crawler.items import ArticleItem
from newsmon.pipelines.normalize import NormalizePipeline


def _item(**fields: object) -> ArticleItem:
    base: dict[str, object] = {
        "source": "s",
        "url": "https://news.example/a?utm_source=x",
        "text": "Body  text.",
    }
    return ArticleItem(**(base | fields))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {
                "published": "2025-06-02T09:00:00+00:00",
                "published_source": "structured-data",
                "feed_published": "2025-06-01",
            },
            ("2025-06-02", "structured-data"),
        ),
        ({"published": "2025-06-02", "published_source": "page"}, ("2025-06-02", "page")),
        ({"feed_published": "Mon, 02 Jun 2025 23:30:00 -0500"}, ("2025-06-02", "feed")),
        ({"published": "not a date"}, None),
        (
            {"feed_published": "2025-06-01T08:00:00Z", "feed_published_source": "feed"},
            ("2025-06-01", "feed"),
        ),
        (
            {"feed_published": "2025-05-30", "feed_published_source": "sitemap"},
            ("2025-05-30", "sitemap"),
        ),
        ({"published": "not a date", "feed_published": "2025-05-30"}, ("2025-05-30", "feed")),
    ],
)
def test_publication_date_comes_from_the_best_source(
    fields: dict[str, object], expected: tuple[str, str] | None
) -> None:
    item = NormalizePipeline().process_item(_item(**fields))
    if expected is None:
        # A value that is no date at all falls through to the time first seen.
        assert item.published_source == "first-seen"
        assert item.published == dt.datetime.now(dt.UTC).date().isoformat()
    else:
        assert (item.published, item.published_source) == expected


def test_without_any_date_the_time_first_seen_is_used() -> None:
    item = NormalizePipeline().process_item(_item())
    assert item.published == dt.datetime.now(dt.UTC).date().isoformat()
    assert item.published_source == "first-seen"


def test_text_is_tidied_and_tracking_parameters_leave_the_canonical_url() -> None:
    item = NormalizePipeline().process_item(_item(text="  One  para.\n\n\n\n Two.  "))
    assert item.text == "One para.\n\nTwo."
    assert item.canonical_url == "https://news.example/a"


def test_an_item_without_text_is_dropped() -> None:
    with pytest.raises(DropItem):
        NormalizePipeline().process_item(_item(text=" \n\n "))
