"""Which documents were followed to the end (and may answer 304 next time)."""

from __future__ import annotations

from newsmon.crawler.progress import Progress
from newsmon.storage.crawl_state import Validators

V = Validators(etag='"v"')


def test_a_document_completes_when_its_children_are_done():
    progress = Progress()
    progress.started(None)
    progress.started("feed")
    progress.started("feed")
    progress.document_read("feed", parent=None, validators=V)
    progress.article_done("feed")
    assert progress.completed() == {}
    progress.article_done("feed")
    assert progress.completed() == {"feed": V}


def test_children_may_finish_before_their_document_is_read():
    progress = Progress()
    progress.started("feed")
    progress.article_done("feed")
    progress.document_read("feed", parent=None, validators=V)
    assert progress.completed() == {"feed": V}


def test_an_index_completes_through_its_sitemaps_and_a_transient_failure_spoils_it():
    progress = Progress()
    for _child in ("s1", "s2"):
        progress.started("index")
    progress.document_read("index", parent=None, validators=V)
    progress.started("s1")
    progress.document_read("s1", parent="index", validators=V)
    progress.article_done("s1")
    progress.started("s2")
    progress.document_read("s2", parent="index", validators=V)
    assert progress.completed() == {"s1": V}
    progress.article_done("s2", failed=True)
    assert progress.completed() == {"s1": V}  # neither s2 nor the index


def test_a_permanently_broken_child_does_not_hold_its_document_back():
    progress = Progress()
    progress.started("home")
    progress.document_read("home", parent=None, validators=V)
    progress.document_failed("feed", parent="home", transient=False)
    assert progress.completed() == {"home": V}
