"""The shared fast and full readings equal trafilatura's own, page for page."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
import pytest

from newsmon.crawler import cascade
from newsmon.crawler.cascade import Readings, readings

FIXTURES = Path(__file__).resolve().parent / "fixtures"

_FERRY = (
    "The harbour town keeps its ferry running through the winter months, and the "
    "crossing takes forty minutes each way. "
)
_STALL = (
    "Each stall on the lower deck sells smoked fish, and the queue reaches the car park by nine."
)

# Pages on which trafilatura's steps branch, written for this test.
CONSTRUCTED = {
    # The only text sits in a "teaser" block: the fast pass's recovery of loose
    # text keeps it, the full cascade's drops it, so the main extraction differs.
    "teaser-block": f"""<html><head><title>Ferry</title></head><body>
        <div class="teaser"><p>{_FERRY * 2}Residents say the timetable suits them.</p></div>
        <span>short</span></body></html>""",
    # A short article beside much more text outside paragraphs: the retry in recall mode runs.
    "short-reading": f"""<html><head><title>Market</title></head><body>
        <article><p>The covered market on the quay reopens this week after a long refit, its
        owners said on Monday. The roof was replaced, the old cold stores were removed and the
        stalls were moved so that the aisles are wider. Traders who left during the works have
        been offered their old pitches back at last year's rent, and most of them have
        accepted.</p></article>
        <section>{"".join(f"<div class='row'>{_STALL} Stall {i}.</div>" for i in range(30))}
        </section></body></html>""",
    # A forum thread (schema.org DiscussionForumPosting) keeps its comment containers.
    "forum-thread": f"""<html><head><title>Thread</title>
        <script type="application/ld+json">{{"@type": "DiscussionForumPosting"}}</script>
        </head><body><div class="post"><p>{_FERRY}Does anyone know the winter times?</p></div>
        <div id="comments" class="comments"><p>{_FERRY}The first boat leaves at seven.</p></div>
        </body></html>""",
    "nothing": "<html><head><title>E</title></head><body><div><img src=a.png></div></body></html>",
}


def _pages() -> list[tuple[str, str, str]]:
    pages = [(name, "http://127.0.0.1/page", html) for name, html in CONSTRUCTED.items()]
    for case in sorted(p for p in FIXTURES.iterdir() if (p / "input.html").is_file()):
        url = json.loads((case / "meta.json").read_text(encoding="utf-8"))["url"]
        pages.append((case.name, url, (case / "input.html").read_text(encoding="utf-8")))
    return pages


def _xml(body: lxml.etree._Element | None) -> str | None:
    return None if body is None else lxml.etree.tostring(body, encoding=str)


def test_the_installed_trafilatura_is_one_the_shared_readings_follow() -> None:
    # Otherwise every page is read twice over, correctly but at the old cost.
    assert cascade.SHARED


@pytest.mark.parametrize(("name", "url", "html"), _pages(), ids=lambda v: v if "<" not in v else "")
def test_each_reading_equals_bare_extraction(name: str, url: str, html: str) -> None:
    tree = lxml.html.document_fromstring(html)
    before = lxml.etree.tostring(tree)
    fast, full = readings(tree, url)
    assert _xml(fast()) == _xml(cascade.bare_reading(tree, url, fast=True))
    assert _xml(full()) == _xml(cascade.bare_reading(tree, url, fast=False))
    assert lxml.etree.tostring(tree) == before


def test_the_full_reading_alone_equals_bare_extraction() -> None:
    # The full cascade read without the fast pass first computes what it shares itself.
    tree = lxml.html.document_fromstring(CONSTRUCTED["teaser-block"])
    assert _xml(Readings(tree, "http://127.0.0.1/a").full()) == _xml(
        cascade.bare_reading(tree, "http://127.0.0.1/a", fast=False)
    )


def test_the_pages_here_take_the_branches_they_are_written_for() -> None:
    teaser = lxml.html.document_fromstring(CONSTRUCTED["teaser-block"])
    assert _xml(cascade.bare_reading(teaser, "http://127.0.0.1/a", fast=True)) != _xml(
        cascade.bare_reading(teaser, "http://127.0.0.1/a", fast=False)
    )
    short = Readings(
        lxml.html.document_fromstring(CONSTRUCTED["short-reading"]), "http://127.0.0.1/b"
    )
    short.fast()
    assert short._recall is not None
    assert (
        cascade.bare_reading(
            lxml.html.document_fromstring(CONSTRUCTED["nothing"]), "http://127.0.0.1/c", fast=False
        )
        is None
    )
