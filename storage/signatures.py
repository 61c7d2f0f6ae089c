"""Near-duplicate signatures: MinHash of word 3-grams, with an LSH band index in SQL.

A text's signature is a datasketch MinHash over the set of its word 3-grams
(shingles); the share of equal values in two signatures estimates the
Jaccard similarity of the two shingle sets. The signature is cut into
``BANDS`` bands of ``ROWS`` values; every band becomes one 64-bit key in the
``lsh_bands`` table, and two articles sharing any key are candidates.
Candidates are then compared on their full signatures against the
configured threshold.

The band layout is fixed (it is stored), and does not depend on the
threshold: with 30 bands of 4 values, pairs at similarity 0.5 become
candidates 86% of the time, at 0.6 98%, at 0.7 and above practically always,
while unrelated articles (similarity under 0.1) almost never do.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert as insert_row
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from newsmon.storage.models import ArticleSignature, LshBand

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

logger = logging.getLogger(__name__)

NUM_PERM = 120
BANDS = 30
ROWS = 4
SEED = 1
SHINGLE_WORDS = 3
MIN_SHINGLES = 10
"""Texts with fewer shingles get no signature: their estimates are noise."""
MAX_CANDIDATES = 500
"""Candidates compared per lookup; the oldest are kept (originals come first)."""

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Signature:
    """A text's MinHash values and the size of its shingle set."""

    values: npt.NDArray[np.uint32]
    shingles: int

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two texts' shingle sets."""
        return float((self.values == other.values).mean())

    def band_keys(self) -> list[int]:
        """One signed 64-bit key per band (the band number is part of the key)."""
        keys = []
        raw = self.values.astype("<u4").tobytes()
        width = ROWS * 4
        for band in range(BANDS):
            digest = hashlib.blake2b(
                raw[band * width : (band + 1) * width],
                digest_size=8,
                salt=band.to_bytes(2, "little"),
            ).digest()
            keys.append(int.from_bytes(digest, "little", signed=True))
        return keys

    def to_bytes(self) -> bytes:
        """Return the hash values as stored: little-endian unsigned 32-bit."""
        return self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, shingles: int) -> Signature:
        """Read a stored signature."""
        import numpy as np

        return cls(values=np.frombuffer(data, dtype="<u4").astype(np.uint32), shingles=shingles)


def shingles(text: str) -> set[bytes]:
    """Return the text's distinct word 3-grams, case and Unicode forms normalised."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


@cache
def _permutations() -> Any:
    # Generating the permutations is the slow part of making a MinHash; do it once.
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations


@lru_cache(maxsize=64)
def signature_of(text: str) -> Signature | None:
    """Return the text's signature, or ``None`` when it is too short to compare reliably.

    Cached: the near-duplicate lookup and the index of a new article ask for the same text.
    """
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32", permutations=_permutations())
    minhash.update_batch(list(grams))
    return Signature(values=minhash.hashvalues.astype("uint32"), shingles=len(grams))


def index_signature(
    session: Session, *, article_id: int, signature: Signature, new: bool = False
) -> None:
    """Store the article's signature and its band keys (keys it already has are kept).

    ``new``: the article was just inserted, so it has no signature to replace yet.
    """
    stored = None if new else session.get(ArticleSignature, article_id)
    if stored is None:
        # One INSERT, not an object for the session to track: nothing reads it back.
        session.execute(
            insert_row(ArticleSignature),
            [
                {
                    "article_id": article_id,
                    "minhash": signature.to_bytes(),
                    "shingles": signature.shingles,
                }
            ],
        )
    else:
        # A new version: compare against the current text from now on. Its old
        # band keys stay, so a copy of the earlier text is still a candidate.
        stored.minhash = signature.to_bytes()
        stored.shingles = signature.shingles
        session.flush()
    rows = [{"key": key, "article_id": article_id} for key in set(signature.band_keys())]
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(LshBand).on_conflict_do_nothing(), rows)


def find_similar(
    session: Session, signature: Signature, *, threshold: float, exclude: Iterable[int] = ()
) -> list[tuple[int, float]]:
    """Find stored articles at least ``threshold`` similar: ``(id, similarity)`` pairs.

    Most similar first, then oldest first.
    """
    excluded = set(exclude)
    candidate_ids = [
        article_id
        for article_id in session.scalars(
            select(LshBand.article_id)
            .where(LshBand.key.in_(signature.band_keys()))
            .distinct()
            .order_by(LshBand.article_id)
            .limit(MAX_CANDIDATES + len(excluded))
        )
        if article_id not in excluded
    ]
    if not candidate_ids:
        return []
    found = []
    for article_id, data, count in session.execute(
        select(
            ArticleSignature.article_id, ArticleSignature.minhash, ArticleSignature.shingles
        ).where(ArticleSignature.article_id.in_(candidate_ids))
    ):
        score = signature.similarity(Signature.from_bytes(data, count))
        if score >= threshold:
            found.append((article_id, score))
    return sorted(found, key=lambda pair: (-pair[1], pair[0]))


def lsh_band_curve(similarity: float, bands: int = BANDS, rows: int = ROWS) -> float:
    """Chance that two texts at ``similarity`` share at least one band key."""
    return float(1 - (1 - similarity**rows) ** bands)
