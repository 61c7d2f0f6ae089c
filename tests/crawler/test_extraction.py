"""Article extraction on golden fixtures, plus pages that must give None.

Re-render the expectations deliberately with ``python -m tests.crawler.golden``.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime
from urllib.parse import urlsplit

import pytest

from newsmon.crawler.extraction import ExtractedPage, extract_article, extract_page
from tests.crawler.golden import FIXTURES, case_dirs, expected, render

CASES = case_dirs()


def _html(case: str) -> str:
    return (FIXTURES / case / "input.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_fixture(case):
    assert render(case) == expected(case), (
        f"{case.name}: output changed; if intended, run "
        f"`.venv/bin/python -m tests.crawler.golden {case.name}` and review the diff"
    )


def test_enough_golden_cases_with_and_without_articles():
    results = [expected(c) for c in CASES]
    assert sum(r is not None for r in results) >= 4
    assert any(r is None for r in results)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_result_keeps_the_item_formats(case):
    result = expected(case)
    if result is None:
        return
    paragraphs = result["text"].split("\n\n")
    assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)
    if result["canonical_url"] is not None:
        assert urlsplit(result["canonical_url"]).scheme in ("http", "https")
    if result["published"] is not None:
        if len(result["published"]) == 10:
            date.fromisoformat(result["published"])
        else:
            datetime.fromisoformat(result["published"])
        assert result["published_source"] in ("structured-data", "page")


def test_structured_data_wins_and_the_page_own_article_is_chosen():
    page = extract_article(
        url="https://reeldispatch.example/2024/02/quiet-orchard-season-three-filming/",
        html=_html("jsonld-graph"),
    )
    assert page is not None
    # Not the sponsored NewsArticle also on the page, and the author @id is followed.
    assert page.headline == "Filming begins on The Quiet Orchard season three"
    assert page.author == "Imogen Park"
    assert page.published == "2024-02-11T09:00:00+00:00"
    assert page.published_source == "structured-data"


def test_comments_and_site_chrome_stay_out_of_the_text():
    page = extract_article(
        url="https://tvcrumbs.example/news/northbound-cancelled", html=_html("boilerplate-comments")
    )
    assert page is not None
    assert "The network has cancelled the show after a single season" in page.text
    for boilerplate in ("Such a shame", "vanlife_fan", "Subscribe", "Trending", "cookies"):
        assert boilerplate not in page.text
    assert page.published == "2023-11-02"
    assert page.published_source == "page"


def test_relative_canonical_is_made_absolute_against_the_page_url():
    page = extract_article(
        url="https://mirror.example/a/b?utm_source=x", html=_html("jsonld-newsarticle")
    )
    assert page is not None
    assert page.canonical_url == "https://mirror.example/tv/harbour-lights-season-2-wraps"


def test_script_rendered_page_falls_back_to_json_ld_article_body():
    page = extract_article(
        url="https://cuecard.example/stories/paper-moons-premiere-date",
        html=_html("articlebody-fallback"),
    )
    assert page is not None
    assert "JavaScript" not in page.text
    assert page.text.count("\n\n") == 2


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n\t ",
        "\x00\x01\x02 binary",
        bytes(random.Random(7).randrange(256) for _ in range(6000)).decode("latin-1"),
        bytes(random.Random(8).randrange(256) for _ in range(6000)).decode("utf-8", "replace"),
        "<html><body><div>",
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<?xml version='1.0'?><rss><channel><item>x</item></channel></rss>",
    ],
    ids=[
        "empty",
        "whitespace",
        "nul-bytes",
        "binary-latin1",
        "binary-replaced",
        "unclosed",
        "title-only",
        "xml",
    ],
)
def test_pages_without_article_text_give_none(html):
    assert extract_article(url="https://example.org/x", html=html) is None


def test_truncated_and_mangled_pages_never_raise():
    source = _html("jsonld-newsarticle")
    rng = random.Random(42)
    variants = [source[:cut] for cut in range(0, len(source), len(source) // 12)]
    for _ in range(8):
        chars = list(source)
        for _ in range(200):
            chars[rng.randrange(len(chars))] = rng.choice("<>&\"'/=\x00\ufffd")
        variants.append("".join(chars))
    for html in variants:
        result = extract_article(url="https://example.org/x", html=html)
        assert result is None or result.text


def _fixture_page(case: str) -> ExtractedPage | None:
    meta = json.loads((FIXTURES / case / "meta.json").read_text(encoding="utf-8"))
    return extract_article(url=meta["url"], html=_html(case))


def test_lines_laid_out_with_br_are_article_text():
    page = _fixture_page("br-line-layout")
    assert page is not None
    lines = page.text.split("\n\n")
    assert all(len(line) < 80 for line in lines)
    assert lines[0] == "To everyone who watched Lantern Street,"
    assert "The network has renewed the show for a second season." in lines
    assert lines[-1] == "the cast and crew"


def test_every_headed_section_of_a_round_up_is_kept():
    page = _fixture_page("headed-sections")
    assert page is not None
    # The section headings link to each show's page; they are still the article's.
    for heading in ("1. The Quiet Orchard, season three", "8. Winter Ferry", "What we left out"):
        assert heading in page.text.split("\n\n")
    assert "post-production and now expected next year" in page.text
    assert "Most read" not in page.text


def test_a_fragment_of_a_long_page_sends_it_to_the_full_reading():
    page = _fixture_page("fast-pass-fragment")
    assert page is not None
    for town in (
        "Portmellon",
        "Ashby Green",
        "Kettleby",
        "Saltmere",
        "Ferrisburgh",
        "Brackenhurst",
    ):
        assert town in page.text
    assert page.text.startswith("Every summer a handful of quiet towns")


def test_text_in_hidden_tab_panels_is_read_with_the_shown_tab():
    page = _fixture_page("hidden-tab-panels")
    assert page is not None
    for device in ("Smart TV", "Phone and tablet", "Web browser", "Cable box"):
        assert f"Watching on: {device}" in page.text
    assert "provider may add advert breaks" in page.text
    assert "Privacy" not in page.text


def test_a_body_streamed_in_later_in_the_document_is_read():
    page = _fixture_page("streamed-segment")
    assert page is not None
    assert "three storms in January closed the quay" in page.text
    assert "the town had been patient with them" in page.text
    assert "Loading the rest of the story" not in page.text


def test_an_advertising_disclosure_beside_the_body_stays_out():
    page = _fixture_page("sibling-disclaimer")
    assert page is not None
    assert "Filming is scheduled to begin in September" in page.text
    assert "commission" not in page.text
    assert "How we make money" not in page.text


def test_a_declared_body_the_page_does_not_show_is_not_used():
    page = _fixture_page("articlebody-not-shown")
    assert page is not None
    assert page.text.split("\n\n") == [
        "The island anthology Winter Ferry returns in November with six new stories,"
        " each set on a different crossing of the same old boat.",
        "The new season was filmed over the summer on the west coast, with a cast that"
        " changes from episode to episode.",
    ]


def test_a_page_of_short_lines_is_no_article_but_still_has_main_text():
    items = "".join(
        f'<li class="product"><a href="/p/{n}">{name}</a> <span class="price">${price}</span></li>'
        for n, (name, price) in enumerate(
            [
                ("Harbour Lights box set", "39.99"),
                ("The Quiet Orchard soundtrack", "14.99"),
                ("Northbound camper van model", "24.50"),
                ("Paper Moons art book", "29.00"),
                ("Winter Ferry mug", "9.99"),
            ]
        )
    )
    html = f"""<html><head><title>Shop: box sets and gifts</title></head><body>
    <nav><a href="/">Shop</a> <a href="/cart">Cart</a></nav>
    <main><h1>Box sets and gifts</h1><p>Showing 5 of 5 results</p><ul>{items}</ul></main>
    <footer><a href="/terms">Terms</a></footer></body></html>"""
    assert extract_article(url="https://shop.example/gifts", html=html) is None
    page = extract_page(url="https://shop.example/gifts", html=html)
    assert page is not None
    assert "Northbound camper van model" in page.text
    assert extract_page(url="https://shop.example/empty", html="<html><body></body></html>") is None


def _link_post_with_replies() -> str:
    replies = "".join(
        f'<li class="comment"><div class="comment-body"><p>{text}</p></div></li>'
        for text in (
            "I watched the first two episodes last night and the pacing is far better"
            " than the pilot suggested. The harbour scenes alone are worth it.",
            "Agreed on the pacing, though I think the soundtrack carries more of the"
            " weight than people admit. It was scored by the same composer as before.",
            "Does anyone know whether the box set will include the unaired episode?"
            " The shop page does not say, and the last release left it out.",
        )
    )
    return f"""<html><head><title>Harbour Lights season two is out | Board</title></head><body>
    <nav><a href="/">Board</a> <a href="/new">New</a></nav>
    <main><div class="story"><h1><a href="https://news.example/harbour-lights">Harbour Lights
    season two is out</a></h1><span class="byline">posted by ferryfan, 14 comments</span></div>
    <section id="comments"><ol class="comment-list">{replies}</ol></section></main>
    <footer><a href="/about">About</a></footer></body></html>"""


def test_a_link_post_is_read_with_its_replies_but_is_no_article():
    html = _link_post_with_replies()
    assert extract_article(url="https://board.example/s/abc", html=html) is None
    page = extract_page(url="https://board.example/s/abc", html=html)
    assert page is not None
    assert "the pacing is far better than the pilot suggested" in page.text
    assert "will include the unaired episode?" in page.text


def test_an_article_is_read_without_its_reader_comments():
    body = (
        "<p>The island anthology Winter Ferry returns in November with six new stories,"
        " each set on a different crossing of the same old boat.</p>"
        "<p>The new season was filmed over the summer on the west coast, with a cast"
        " that changes from episode to episode.</p>"
    )
    html = _link_post_with_replies().replace(
        '<section id="comments">', f'<article>{body}</article><section id="comments">'
    )
    for extract in (extract_article, extract_page):
        page = extract(url="https://board.example/s/abc", html=html)
        assert page is not None
        assert "each set on a different crossing" in page.text
        assert "the pacing is far better" not in page.text


def _forum_thread(declared_type: str | None) -> str:
    declaration = (
        '<script type="application/ld+json">'
        f'{{"@context": "https://schema.org", "@type": "{declared_type}",'
        ' "headline": "Is the Winter Ferry box set worth it?"}</script>'
        if declared_type
        else ""
    )
    question = (
        "<p>I am thinking of buying the Winter Ferry box set for my father, who watched the"
        " first series when it aired. Does anyone know whether the restored episodes look"
        " any better than the old broadcast copies, or is it the same transfer again?</p>"
    )
    replies = "".join(
        f'<li class="comment"><div class="comment-body"><p>{text}</p></div></li>'
        for text in (
            "The restored episodes are a clear step up. The night crossings were almost"
            " black on the old copies and now you can see the water and the deck lights.",
            "Worth it for the commentary tracks alone. The director talks through how they"
            " filmed the storm scenes on a ferry that was still carrying passengers.",
        )
    )
    return f"""<html><head><title>Is the Winter Ferry box set worth it? | Board</title>
    {declaration}</head><body><nav><a href="/">Board</a></nav>
    <main><article><h1>Is the Winter Ferry box set worth it?</h1>{question}</article>
    <section id="comments"><ol class="comment-list">{replies}</ol></section></main>
    <footer><a href="/about">About</a></footer></body></html>"""


@pytest.mark.parametrize("declared_type", ["DiscussionForumPosting", "QAPage"])
def test_a_page_declared_a_discussion_is_read_with_its_replies(declared_type):
    page = extract_page(url="https://board.example/t/17", html=_forum_thread(declared_type))
    assert page is not None
    assert "is it the same transfer again?" in page.text
    assert "you can see the water and the deck lights" in page.text
    assert "Worth it for the commentary tracks alone." in page.text
    article = extract_article(url="https://board.example/t/17", html=_forum_thread(declared_type))
    assert article is not None
    assert "deck lights" not in article.text


def test_replies_stay_out_of_a_page_that_does_not_declare_a_discussion():
    page = extract_page(url="https://board.example/t/17", html=_forum_thread(None))
    assert page is not None
    assert "is it the same transfer again?" in page.text
    assert "deck lights" not in page.text
