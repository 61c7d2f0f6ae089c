"""One story counts once: copies are stored and linked, updates become versions,
and what a copy or an update adds is read like any other article.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler
from sqlalchemy import select

from newsmon.config import ConfigError, load_settings
from newsmon.crawler.settings import newsmon_values
from newsmon.pipelines.ingest import IngestPipeline
from newsmon.storage.articles import article_versions
from newsmon.storage.browse_articles import article_ids, article_rows
from newsmon.storage.models import Article
from tests.pipelines.conftest import Crawl, corpus_article, corpus_item

# Written for these tests: a paragraph no corpus article has, and a long quote
# that two different stories both carry.
NEW_PARAGRAPH = (
    "Lumen+ executives told investors on a call that the streamer would now focus on "
    "unscripted formats and licensed films, and that no new scripted comedies were planned "
    "for the coming year, a shift that several agents described as a quiet retreat."
)
SHARED_QUOTE = (
    '"Television is a strange business, and every season of every show is a small miracle '
    "that somebody decided to pay for, so when people ask me whether a show will come back "
    "I always tell them the honest answer, which is that nobody knows until the money is in "
    'the bank and the cameras are on the trucks and the trucks are on the road," the '
    "veteran producer told the audience at the industry breakfast, to laughter and applause."
    '\n\n"I have seen shows cancelled the week after a renewal party and I have seen shows '
    "saved by a single phone call from a very rich fan, and I have stopped trying to predict "
    'any of it, which is the only healthy attitude left in this town," she added.'
)


def _key_events(crawl: Crawl) -> list[tuple[object, ...]]:
    return [event[:5] for event in crawl.events()]


def _expected(shared: Path, scenario: str) -> list[tuple[object, ...]]:
    data = json.loads((shared / "corpus" / "scenarios" / f"{scenario}.json").read_text())
    return [(e["show"], e["season"], e["facet"], e["from"], e["to"]) for e in data["expect_events"]]


def test_syndicated_copy_is_stored_linked_and_alerts_nothing(
    make_crawl: Callable[..., Crawl], shared_dir: Path
) -> None:
    crawl, without_copy = make_crawl("with"), make_crawl("without")
    scenario = ["dev-011", "dev-012", "dev-013", "dev-014", "dev-015", "dev-016"]
    stored = {name: crawl.feed(corpus_item(shared_dir, name)) for name in scenario}
    for name in scenario[:-1]:
        without_copy.feed(corpus_item(shared_dir, name))

    copy, original = stored["dev-016"], stored["dev-015"]
    assert copy is not None
    assert original is not None
    assert (copy.duplicate_of, copy.duplicate_reason) == (original.article_id, "text-hash")
    assert copy.canonical_url == (
        "https://www.dailyfeed.test/entertainment/tv/lumen-axes-velvet-static"
    )
    assert not [event for event in crawl.events() if event[5] == copy.article_id]
    assert _key_events(crawl) == _key_events(without_copy)
    with crawl.sessions() as session:
        rows = article_rows(session, article_ids(session), with_text=False)
        listed = {row["id"]: row["duplicate_of"] for row in rows}
    assert listed[copy.article_id] is not None
    assert listed[copy.article_id]["id"] == original.article_id
    assert len(listed) == 6


def test_update_at_the_same_url_is_a_version_and_its_new_claim_alerts(
    make_crawl: Callable[..., Crawl], shared_dir: Path
) -> None:
    crawl = make_crawl()
    fed = [
        crawl.feed(corpus_item(shared_dir, name))
        for name in ("dev-022", "dev-023", "dev-024", "dev-025")
    ]
    first, update = fed[2], fed[3]
    assert first is not None
    assert update is not None
    assert update.article_id == first.article_id
    assert _key_events(crawl) == _expected(shared_dir, "dev-update-after-original")
    announced = [e for e in crawl.events() if e[4] == "announced" and e[1] == 3]
    assert [e[5] for e in announced] == [first.article_id]

    assert crawl.feed(corpus_item(shared_dir, "dev-025")) is None  # unchanged: dropped
    assert update.article_id is not None
    with crawl.sessions() as session:
        versions = article_versions(session, update.article_id)
        assert session.get_one(Article, update.article_id).version == 2
    assert [v.text for v in versions] == [
        corpus_article(shared_dir, "dev-024")["text"],
        corpus_article(shared_dir, "dev-025")["text"],
    ]
    assert versions[0].replaced_at == versions[1].seen_at
    assert versions[1].replaced_at is None


def test_update_syndicated_elsewhere_is_a_near_duplicate_whose_addition_counts(
    make_crawl: Callable[..., Crawl], shared_dir: Path
) -> None:
    crawl = make_crawl()
    original = crawl.feed(corpus_item(shared_dir, "dev-024"))
    copy = crawl.feed(
        corpus_item(
            shared_dir,
            "dev-025",
            url="https://www.spacenews-wire.test/ninefold-third-season",
            headline="Third 'Ninefold' Season Ordered as Second Slips to 2025",
        )
    )
    assert original is not None
    assert copy is not None
    assert (copy.duplicate_of, copy.duplicate_reason) == (original.article_id, "near-duplicate")
    with crawl.sessions() as session:
        similarity = session.get_one(Article, copy.article_id).duplicate_similarity
    assert similarity is not None
    assert 0.8 < similarity < 1.0
    # The repeated claims change nothing; the added paragraph's claim is an event.
    assert [e[:5] for e in crawl.events() if e[5] == copy.article_id] == [
        ("Ninefold", 3, "stage", None, "announced")
    ]


def _republished(shared: Path) -> dict[str, str]:
    paragraphs = corpus_article(shared, "dev-015")["text"].split("\n\n")
    paragraphs[4] = NEW_PARAGRAPH
    return {
        "url": "https://screenwire.test/2021/08/13/velvet-static-fans-petition",
        "headline": "Fans Fight for 'Velvet Static' as Lumen+ Turns Away From Comedy",
        "text": "\n\n".join(paragraphs),
    }


def test_republication_with_new_headline_and_rewritten_paragraph_is_linked(
    make_crawl: Callable[..., Crawl], shared_dir: Path
) -> None:
    crawl = make_crawl()
    original = crawl.feed(corpus_item(shared_dir, "dev-015"))
    copy = crawl.feed(corpus_item(shared_dir, "dev-015", **_republished(shared_dir)))
    assert original is not None
    assert copy is not None
    assert (copy.duplicate_of, copy.duplicate_reason) == (original.article_id, "near-duplicate")


def test_threshold_comes_from_newsmon_yaml(
    make_crawl: Callable[..., Crawl], shared_dir: Path, tmp_path: Path
) -> None:
    crawl = make_crawl()
    config = tmp_path / "newsmon.yaml"
    config.write_text(
        f"database_url: sqlite:///{tmp_path / 'store.db'}\n"
        "dedupe:\n  near_duplicate_threshold: 0.95\n"
    )
    crawler = get_crawler(settings_dict=newsmon_values(load_settings(config)))
    crawl.pipelines[1] = IngestPipeline.from_crawler(crawler)
    crawl.feed(corpus_item(shared_dir, "dev-015"))
    copy = crawl.feed(corpus_item(shared_dir, "dev-015", **_republished(shared_dir)))
    assert copy is not None
    assert copy.duplicate_of is None  # about 0.7 alike: linked at 0.6, not at 0.95

    config.write_text("dedupe:\n  near_duplicate_threshold: 0.2\n")
    with pytest.raises(ConfigError, match=r"dedupe\.near_duplicate_threshold"):
        load_settings(config)


@pytest.mark.parametrize(
    ("first", "second", "quote"),
    [("seed-000", "seed-004", False), ("dev-022", "dev-013", True), ("dev-011", "dev-015", True)],
)
def test_different_stories_sharing_a_long_quote_are_not_merged(
    make_crawl: Callable[..., Crawl], shared_dir: Path, first: str, second: str, quote: bool
) -> None:
    crawl = make_crawl()
    items = []
    for name in (first, second):
        text = corpus_article(shared_dir, name)["text"]
        items.append(
            crawl.feed(
                corpus_item(shared_dir, name, text=f"{text}\n\n{SHARED_QUOTE}" if quote else text)
            )
        )
    assert all(item is not None and item.duplicate_of is None for item in items)


def test_page_naming_another_sites_article_as_canonical_is_linked(
    make_crawl: Callable[..., Crawl], shared_dir: Path
) -> None:
    crawl = make_crawl()
    original = crawl.feed(corpus_item(shared_dir, "dev-015"))
    assert original is not None
    shortened = "\n\n".join(corpus_article(shared_dir, "dev-015")["text"].split("\n\n")[:2])
    copy = crawl.feed(
        corpus_item(
            shared_dir,
            "dev-015",
            url="https://partner.example/feeds/velvet-static-cancelled",
            canonical_url=corpus_article(shared_dir, "dev-015")["url"],
            text=shortened,
        )
    )
    assert copy is not None
    assert copy.canonical_url == "https://partner.example/feeds/velvet-static-cancelled"
    assert (copy.duplicate_of, copy.duplicate_reason) == (original.article_id, "canonical-url")


def test_amp_and_tracking_variants_are_the_same_article(
    make_crawl: Callable[..., Crawl], shared_dir: Path
) -> None:
    crawl = make_crawl()
    url = corpus_article(shared_dir, "dev-015")["url"]
    original = crawl.feed(corpus_item(shared_dir, "dev-015"))
    assert original is not None
    assert crawl.feed(corpus_item(shared_dir, "dev-015", url=f"{url}/amp?utm_source=x")) is None
    assert (
        crawl.feed(
            corpus_item(
                shared_dir, "dev-015", url="https://amp.screenwire.test/s/123", canonical_url=url
            )
        )
        is None
    )
    revised = crawl.feed(
        corpus_item(
            shared_dir,
            "dev-015",
            url=f"{url}?amp=1&fbclid=abc",
            text=_republished(shared_dir)["text"],
        )
    )
    assert revised is not None
    assert revised.article_id == original.article_id
    assert original.article_id is not None
    with crawl.sessions() as session:
        assert [v.number for v in article_versions(session, original.article_id)] == [1, 2]
        assert session.scalar(select(Article.url).where(Article.id == original.article_id)) == (
            f"{url}?amp=1&fbclid=abc"
        )
