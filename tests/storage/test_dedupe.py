"""The three dedupe layers, versions, and the shared near-duplicate index, on both backends."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from newsmon.detector.model import ArticleInput
from newsmon.storage.articles import NewArticle, article_versions
from newsmon.storage.db import open_database, unit_of_work
from newsmon.storage.dedupe import Verdict, classify
from newsmon.storage.ingest import Ingested, Reading, ingest_article
from newsmon.storage.signatures import shingles, signature_of


@pytest.fixture
def sessions(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine, factory = open_database(database_url)
    yield factory
    engine.dispose()


def _text(shared: Path, article_id: str) -> str:
    data = json.loads((shared / "corpus" / "articles" / f"{article_id}.json").read_text())
    return str(data["text"])


def _new(url: str, body: str, **fields: object) -> NewArticle:
    return NewArticle(
        source_name="wire",
        url=url,
        canonical_url=url,
        headline="Headline",
        text=body,
        published=dt.date(2024, 6, 18),
        published_raw=None,
        published_source="page",
        **fields,  # type: ignore[arg-type]
    )


def _read_nothing(_article: ArticleInput) -> Reading:
    return Reading(claims=())


def _ingest(session: Session, new: NewArticle) -> Ingested:
    """The article's way in (classified, stored or revised), read by a reader that finds nothing."""
    return ingest_article(session, new, read=_read_nothing)


def _store(factory: sessionmaker[Session], new: NewArticle) -> int:
    with unit_of_work(factory) as session:
        return _ingest(session, new).article_id


def test_each_layer_recognises_its_kind_of_copy(
    sessions: sessionmaker[Session], shared_dir: Path
) -> None:
    original_text, update_text = _text(shared_dir, "dev-024"), _text(shared_dir, "dev-025")
    url = "https://screenwire.test/ninefold-delay"
    original = _store(sessions, _new(url, original_text))

    with sessions() as session:

        def verdict(**given: Any) -> Verdict:
            given.setdefault("canonical_url", "https://elsewhere.test/x")
            return classify(session, **given)

        assert verdict(canonical_url=url, text=original_text) == Verdict("unchanged", original)
        assert verdict(canonical_url=url, text=update_text) == Verdict("revised", original)
        assert verdict(text="A short note.", canonical_elsewhere=url) == Verdict(
            "duplicate", original, "canonical-url"
        )
        spaced = original_text.upper().replace(" ", "  \n")
        assert verdict(text=spaced) == Verdict("duplicate", original, "text-hash", 1.0)
        near = verdict(text=update_text)
        assert (near.kind, near.article_id, near.reason) == (
            "duplicate",
            original,
            "near-duplicate",
        )
        assert near.similarity is not None
        assert 0.8 < near.similarity < 1
        assert verdict(text=_text(shared_dir, "dev-023")) == Verdict("new")
        assert verdict(text=update_text, threshold=0.99) == Verdict("new")


def test_a_copy_of_a_copy_links_to_the_original(
    sessions: sessionmaker[Session], shared_dir: Path
) -> None:
    paragraphs = _text(shared_dir, "dev-015").split("\n\n")
    original = _store(sessions, _new("https://a.test/1", "\n\n".join(paragraphs)))
    with unit_of_work(sessions) as session:
        stored = _ingest(session, _new("https://b.test/1", "\n\n".join(paragraphs[:-1])))
    assert (stored.kind, stored.duplicate_of) == ("duplicate", original)
    copy = stored.article_id
    with sessions() as session:
        found = classify(
            session, canonical_url="https://c.test/1", text="\n\n".join(paragraphs[:-1])
        )
    assert (found.kind, found.article_id, found.reason) == ("duplicate", original, "text-hash")
    assert copy != original


def test_the_signature_index_is_shared_through_the_database(
    database_url: str, shared_dir: Path
) -> None:
    writer_engine, writer = open_database(database_url)
    stored = _store(writer, _new("https://a.test/ninefold", _text(shared_dir, "dev-024")))
    writer_engine.dispose()
    signature_of.cache_clear()
    # Another crawler process: its own engine, nothing in memory from the first.
    reader_engine, reader = open_database(database_url)
    try:
        with reader() as session:
            found = classify(
                session, canonical_url="https://b.test/ninefold", text=_text(shared_dir, "dev-025")
            )
            bands = session.scalar(text("SELECT count(*) FROM lsh_bands"))
    finally:
        reader_engine.dispose()
    assert (found.kind, found.article_id) == ("duplicate", stored)
    assert bands == 30


def test_signature_similarity_estimates_jaccard(shared_dir: Path) -> None:
    first, second = _text(shared_dir, "dev-024"), _text(shared_dir, "dev-025")
    a, b = shingles(first), shingles(second)
    exact = len(a & b) / len(a | b)
    sig_a, sig_b = signature_of(first), signature_of(second)
    assert sig_a is not None
    assert sig_b is not None
    assert abs(sig_a.similarity(sig_b) - exact) < 0.1
    assert signature_of("Too short to say anything.") is None


def test_signatures_match_the_stored_scheme_of_datasketch() -> None:
    """Signatures stored before keep matching: the values are datasketch's affine32 MinHash."""
    from datasketch import MinHash

    texts = [
        "Filming on the second season of Moth & Anchor is under way on the coast. " * k
        + f"Day {k}: the crew moved north, the cast followed, and the schedule held."
        for k in range(1, 40)
    ]
    for sample in texts:
        signature = signature_of(sample)
        assert signature is not None
        reference = MinHash(num_perm=120, seed=1, scheme="affine32")
        reference.update_batch(list(shingles(sample)))
        assert signature.to_bytes() == reference.hashvalues.astype("<u4").tobytes()


def test_a_changed_text_becomes_a_version_with_its_dates(
    sessions: sessionmaker[Session], shared_dir: Path
) -> None:
    url = "https://screenwire.test/ninefold-delay"
    first = _new(url, _text(shared_dir, "dev-024"), modified="2024-06-18T09:00:00Z")
    second = _new(url, _text(shared_dir, "dev-025"), modified="2024-06-19T08:00:00Z")
    with unit_of_work(sessions) as session:
        created = _ingest(session, first)
        assert created.kind == "new"
    with unit_of_work(sessions) as session:
        assert _ingest(session, first) == Ingested(kind="unchanged", article_id=created.article_id)
        revised = _ingest(session, second)
        assert (revised.kind, revised.article_id) == ("revised", created.article_id)
    with sessions() as session:
        versions = article_versions(session, created.article_id)
        assert article_versions(session, created.article_id + 1000) == []
    assert [(v.number, v.modified, v.text[:20]) for v in versions] == [
        (1, "2024-06-18T09:00:00Z", first.text[:20]),
        (2, "2024-06-19T08:00:00Z", second.text[:20]),
    ]
    assert versions[0].seen_at <= versions[0].replaced_at == versions[1].seen_at  # type: ignore[operator]
