"""One story, one URL: tracking parameters, AMP forms and canonical links collapse."""

from __future__ import annotations

import pytest

from newsmon.pipelines.urls import canonical_form, storage_url

STORY = "https://www.site.test/2024/06/18/ninefold-delay/"


@pytest.mark.parametrize(
    "variant",
    [
        STORY,
        "https://www.site.test/2024/06/18/ninefold-delay/?utm_source=feed&utm_medium=rss",
        "https://www.site.test/2024/06/18/ninefold-delay/?fbclid=IwAR0&gclid=x&mc_cid=1&mc_eid=2",
        "https://www.site.test/2024/06/18/ninefold-delay/?UTM_Campaign=x#comments",
        "https://www.site.test:443/2024/06/18/ninefold-delay/",
        "https://www.site.test/2024/06/18/ninefold-delay/amp/",
        "https://www.site.test/2024/06/18/ninefold-delay/?amp=1",
        "https://www.site.test/2024/06/18/ninefold-delay/?amp",
        "https://www.site.test/amp/2024/06/18/ninefold-delay/",
        "https://www-site-test.cdn.ampproject.org/c/s/www.site.test/2024/06/18/ninefold-delay/amp/",
    ],
)
def test_variants_of_one_url_have_one_canonical_form(variant: str) -> None:
    assert canonical_form(variant) == STORY


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://amp.site.test/ninefold", "https://site.test/ninefold"),
        ("https://site.test/ninefold.amp.html", "https://site.test/ninefold.html"),
        ("https://site.test/ninefold/amp", "https://site.test/ninefold"),
        ("https://site.test/story?outputType=amp&id=7", "https://site.test/story?id=7"),
        # Parameters that pick the article stay, in w3lib's order.
        ("https://site.test/story?p=2&id=7&ref_src=twsrc", "https://site.test/story?id=7&p=2"),
        # Not AMP at all: left alone.
        ("https://site.test/reviews/guitar-amp", "https://site.test/reviews/guitar-amp"),
        ("https://site.test/story?outputType=print", "https://site.test/story?outputType=print"),
    ],
)
def test_amp_forms_and_tracking_parameters(url: str, expected: str) -> None:
    assert canonical_form(url) == expected


def test_canonical_on_the_same_site_is_the_article() -> None:
    assert storage_url("https://amp.site.test/s/123?utm_source=x", STORY) == (STORY, None)
    assert storage_url("https://m.site.test/ninefold", "https://www.site.test/ninefold") == (
        "https://www.site.test/ninefold",
        None,
    )


def test_canonical_on_another_site_marks_a_syndicated_copy() -> None:
    own, elsewhere = storage_url("https://partner.test/feeds/ninefold?utm_medium=syn", STORY)
    assert (own, elsewhere) == ("https://partner.test/feeds/ninefold", STORY)


@pytest.mark.parametrize("declared", [None, "", "https://www.site.test/", "javascript:void(0)"])
def test_missing_or_broken_canonical_keeps_the_fetched_url(declared: str | None) -> None:
    assert storage_url("https://www.site.test/ninefold?gclid=1", declared) == (
        "https://www.site.test/ninefold",
        None,
    )
