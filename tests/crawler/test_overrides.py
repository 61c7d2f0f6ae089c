"""Per-source CSS selectors for body, headline and date."""

from __future__ import annotations

from newsmon.crawler.extraction import extract_article
from newsmon.crawler.overrides import ExtractionOverrides
from tests.crawler.golden import FIXTURES

PAGE = (FIXTURES / "jsonld-newsarticle" / "input.html").read_text(encoding="utf-8")
URL = "https://www.screenledger.example/tv/harbour-lights"


def test_selectors_replace_body_headline_and_date():
    overrides = ExtractionOverrides(
        body=".story-body p:nth-of-type(2), .story-body p:nth-of-type(4)",
        headline=".byline",
        date="time.updated",
    )
    html = PAGE.replace(
        '<p class="byline">',
        '<time class="updated" datetime="2024-03-07T08:00:00+00:00">7 March</time>'
        '<p class="byline">',
    )
    page = extract_article(url=URL, html=html, overrides=overrides)
    assert page is not None
    assert page.headline == "By Maren Holt and Tobias Wren"
    first, second = page.text.split("\n\n")
    assert first.startswith("Showrunner Delia Marsh")
    assert second.startswith("Returning cast")
    # The selector's date wins over the structured one (2024-03-05).
    assert (page.published, page.published_source) == ("2024-03-07T08:00:00+00:00", "page")


def test_selectors_that_match_nothing_leave_the_generic_extractor_in_charge():
    generic = extract_article(url=URL, html=PAGE)
    overrides = ExtractionOverrides(body=".gone", headline=".gone", date=".gone")
    assert extract_article(url=URL, html=PAGE, overrides=overrides) == generic


def test_config_without_selectors_means_no_overrides():
    assert ExtractionOverrides.from_config(None) is None
    assert ExtractionOverrides.from_config({"body": None}) is None
    assert ExtractionOverrides.from_config({"date": "time"}) == ExtractionOverrides(date="time")
