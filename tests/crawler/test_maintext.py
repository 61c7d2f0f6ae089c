"""Main-text clean-up: furniture lines, repeated titles, split bodies, loose paragraphs."""

from __future__ import annotations

from pathlib import Path

import lxml.html  # type: ignore[import-untyped]
import pytest
import yaml

from newsmon.crawler.boilerplate import MAX_LENGTH, PATTERNS, boilerplate_rule
from newsmon.crawler.extraction import extract_article
from newsmon.crawler.interleaved import with_headings_and_lists
from newsmon.crawler.maintext import merge_siblings, without_title
from tests.crawler.crawlkit import prose

CASES = yaml.safe_load((Path(__file__).parent / "boilerplate_cases.yaml").read_text("utf-8"))


def test_every_pattern_has_cases_to_drop_and_to_keep():
    assert set(CASES) == {rule_id for rule_id, _ in PATTERNS}
    assert all(case["drop"] and case["keep"] for case in CASES.values())


@pytest.mark.parametrize(
    ("rule_id", "line"),
    [(rule_id, line) for rule_id, case in CASES.items() for line in case["drop"]],
)
def test_furniture_lines_are_dropped(rule_id, line):
    assert boilerplate_rule(line) is not None, (rule_id, line)


@pytest.mark.parametrize("line", [line for case in CASES.values() for line in case["keep"]])
def test_article_lines_are_kept(line):
    assert boilerplate_rule(line) is None


def test_long_paragraphs_are_never_furniture():
    assert boilerplate_rule("Read more: " + "word " * (MAX_LENGTH // 5)) is None


def test_a_first_line_repeating_the_title_goes():
    paragraphs = ["Harbour Lights wraps", "The drama wrapped on Tuesday."]
    assert without_title(paragraphs, ["Harbour Lights wraps | Screen Ledger"]) == paragraphs[1:]
    assert without_title(paragraphs, ["Another headline"]) == paragraphs
    # One or two words inside a long title are no repetition.
    assert without_title(["Lights", "Text."], ["Harbour Lights wraps"]) == ["Lights", "Text."]


def test_an_article_split_into_sibling_containers_is_read_whole():
    first, second, third = prose("split", 3)
    page = f"""<html><body><article>
    <div class="body chunk"><p>{first}</p></div>
    <div class="ad">Advertisement</div>
    <div class="body chunk"><p>{second}</p><p>{third}</p></div>
    <div class="teaser"><p>{prose("teaser", 1)[0]}</p></div>
    </article></body></html>"""
    tree = lxml.html.fromstring(page)
    assert merge_siblings(tree, [first]) == [first, second, third]


def test_a_split_article_comes_out_whole_from_extraction():
    parts = prose("wired-like", 6)
    chunks = "".join(
        f'<div class="grid"><div class="body body__container article__body">'
        f"<p>{a}</p><p>{b}</p></div></div>"
        f'<div class="ad-slot"><span>Advertisement</span></div>'
        for a, b in zip(parts[::2], parts[1::2], strict=True)
    )
    page = f"""<html><head><title>Split story</title></head><body><nav><a href="/">Home</a></nav>
    <main><article><h1>Split story</h1><div class="chunks">{chunks}</div></article></main>
    <footer>Footer</footer></body></html>"""
    result = extract_article(url="https://split.example/story", html=page)
    assert result is not None
    assert result.text.split("\n\n") == parts


def test_a_short_note_in_a_sibling_container_is_not_merged():
    body = prose("long-story", 4)
    note = (
        "Support the newsletter that brought you this story: become a member, or "
        "send a one-off tip through our page on a crowdfunding site. Every little bit helps."
    )
    page = f"""<html><body><article>
    <div class="entry"><p>{body[0]}</p><p>{body[1]}</p><p>{body[2]}</p><p>{body[3]}</p></div>
    <div class="ad">Advertisement</div>
    <div class="entry"><p>{note}</p></div>
    </article></body></html>"""
    tree = lxml.html.fromstring(page)
    # Long enough to pass as text, but a small part of the article: not its continuation.
    assert len(note) >= 150
    assert merge_siblings(tree, body) == body


def test_a_hidden_sibling_container_is_not_merged():
    first, second = prose("hidden-sibling", 2)
    page = f"""<html><body><article>
    <div class="chunk"><p>{first}</p></div>
    <div class="chunk" style="display: none"><p>{second}</p></div>
    </article></body></html>"""
    assert merge_siblings(lxml.html.fromstring(page), [first]) == [first]


def test_headings_and_list_items_between_loose_paragraphs_are_put_back():
    first, second, third = prose("loose", 3)
    page = f"""<html><body><div class="x"><ul class="menu"><li>Before the text</li></ul>
    <p>{first}</p>
    <h3>A section</h3>
    <ul><li>One point <ul><li>A point under it</li></ul></li><li>Another point</li></ul>
    <p>{second}</p>
    <h4>{second}</h4>
    <p>{third}</p>
    <h3>After the text</h3></div></body></html>"""
    tree = lxml.html.fromstring(page)
    assert with_headings_and_lists(tree, [first, second, third]) == [
        first,
        "A section",
        "One point",
        "A point under it",
        "Another point",
        second,
        third,
    ]


def test_menus_comments_cards_and_hidden_items_between_paragraphs_stay_out():
    first, second, third = prose("fenced", 3)
    page = f"""<html><body><div class="x">
    <p>{first}</p>
    <ul><li><a href="/a">A linked item</a></li></ul>
    <nav><h3>Sections</h3></nav>
    <ul class="comment-list"><li>A reader's remark</li></ul>
    <ul><li hidden>A hidden item</li></ul>
    <ul class="cards"><li><div>A card</div><ul><li>Its label</li></ul></li></ul>
    <figure><ul><li>A caption list</li></ul></figure>
    <p>{second}</p>
    <h3><a href="/named">A heading that links to what it names</a></h3>
    <p>{third}</p></div></body></html>"""
    tree = lxml.html.fromstring(page)
    assert with_headings_and_lists(tree, [first, second, third]) == [
        first,
        second,
        "A heading that links to what it names",
        third,
    ]
