"""The crawl summary: per source, from the spider's and the pipelines' counters."""

from __future__ import annotations

from newsmon.crawler.crawl import summarise


def test_each_source_gets_its_counts_from_spider_and_pipelines():
    stats = {
        "finish_reason": "finished",
        "elapsed_time_seconds": 3.25,
        "downloader/request_count": 12,
        "downloader/response_count": 11,
        "newsmon/source/ledger/pages": 7,
        "newsmon/source/ledger/not_modified": 3,
        "newsmon/source/ledger/articles": 4,
        "newsmon/source/ledger/new_articles": 2,  # the store pipeline
        "newsmon/source/ledger/new_versions": 1,  # the store pipeline: a changed text
        "newsmon/source/ledger/duplicates": 1,  # the deduplicate pipeline
        "newsmon/source/ledger/skipped/known": 9,
        "newsmon/source/ledger/errors/timeout": 2,
        "newsmon/source/ledger/warnings/charset_mislabelled": 1,
        "newsmon/source/other/pages": 1,
        "newsmon/source/ledgerette/pages": 99,  # another source whose name starts alike
    }
    summary = summarise(stats, ["ledger", "quiet"])
    ledger, quiet = summary.sources
    assert (ledger.pages, ledger.not_modified, ledger.articles) == (7, 3, 4)
    assert (ledger.new_articles, ledger.updated_articles, ledger.duplicates) == (2, 1, 1)
    assert ledger.skipped == {"known": 9}
    assert ledger.errors == {"timeout": 2}
    assert ledger.warnings == {"charset_mislabelled": 1}
    assert quiet.pages == 0
    assert quiet.errors == {}
    text = summary.render()
    assert text.splitlines()[0].startswith("crawl finished in 3.2s: 11 responses, 2 new article(s)")
    assert (
        "  ledger: 7 pages fetched, 3 not modified, 2 new, 1 updated, 1 duplicate(s); "
        "skipped: known 9; errors: timeout 2; warnings: charset_mislabelled 1"
    ) in text
    assert summary.as_dict()["sources"][0]["errors"] == {"timeout": 2}
