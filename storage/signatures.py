"""Near-duplicate signatures: MinHash of word 3-grams, with an LSH band index in SQL.

A text's signature is a MinHash (datasketch's "affine32" scheme) over the set of its word 3-grams
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
from typing import TYPE_CHECKING

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
def _permutations() -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    """The affine maps ``h -> a * h + b (mod 2**32)``, ``a`` odd: datasketch's "affine32"."""
    import numpy as np

    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(values: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    """MurmurHash3's 32-bit finalizer: mixes each value before the affine maps."""
    import numpy as np

    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


@lru_cache(maxsize=64)
def signature_of(text: str) -> Signature | None:
    """Return the text's signature, or ``None`` when it is too short to compare reliably.

    The values are those of datasketch's ``MinHash(num_perm=120, seed=1,
    scheme="affine32")`` fed the shingles (SHA-1's first four bytes, mixed,
    then permuted; the minimum per permutation), computed here with numpy:
    importing datasketch (and the SciPy it loads) cost every crawl process
    more than hashing a few hundred articles, and the stored values must not
    change with a library's release. Cached: the near-duplicate lookup and
    the index of a new article ask for the same text.
    """
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    import numpy as np

    hashes = np.fromiter(
        (int.from_bytes(hashlib.sha1(gram).digest()[:4], "little") for gram in grams),
        dtype=np.uint32,
        count=len(grams),
    )
    a, b = _permutations()
    permuted = _fmix32(hashes).reshape(-1, 1) * a + b  # uint32: wraps, i.e. mod 2**32
    return Signature(values=permuted.min(axis=0), shingles=len(grams))


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
