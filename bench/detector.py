"""How fast the detector reads articles, with a small and a large catalog.

Runs ``detector.analyze.analyze`` over the corpus articles (``../shared/corpus``
beside the repository, or the folder given as the first argument) on one core,
first with a 10-title catalog (the corpus's first ten shows), then with a
10,000-title catalog (the same ten plus 9,990 generated titles built from common
words, so many of them share first words with ordinary prose), and prints
articles per second for each and their ratio.

    .venv/bin/python bench/detector.py [CORPUS_DIR] [--seconds N]

Targets (issue 4): at least 200 articles per second, and the large catalog at
most twice as slow as the small one.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsmon.corpus import load_corpus  # noqa: E402
from newsmon.detector.analyze import analyze  # noqa: E402
from newsmon.detector.catalog import Catalog  # noqa: E402
from newsmon.detector.model import ArticleInput  # noqa: E402

# Words trade-press titles are made of; common ones on purpose, so the large
# catalog's first-word index is hit by ordinary sentences.
_ADJECTIVES = [
    "black",
    "white",
    "red",
    "blue",
    "green",
    "golden",
    "silver",
    "dark",
    "bright",
    "silent",
    "quiet",
    "lost",
    "last",
    "first",
    "final",
    "broken",
    "hidden",
    "secret",
    "wild",
    "little",
    "big",
    "old",
    "new",
    "young",
    "true",
    "false",
    "cold",
    "hot",
    "long",
    "short",
    "high",
    "low",
    "deep",
    "open",
    "empty",
    "full",
    "late",
    "early",
    "strange",
    "perfect",
    "lucky",
    "lonely",
    "sweet",
    "bitter",
    "royal",
    "holy",
    "sacred",
    "savage",
    "gentle",
    "brave",
    "bold",
    "proud",
    "hollow",
    "iron",
    "stone",
    "glass",
    "paper",
    "velvet",
    "copper",
    "crimson",
    "scarlet",
    "amber",
    "northern",
    "southern",
    "eastern",
    "western",
    "midnight",
    "morning",
    "evening",
    "summer",
    "winter",
    "autumn",
    "spring",
    "burning",
    "frozen",
    "falling",
    "rising",
    "dead",
    "living",
    "endless",
    "single",
    "double",
    "hard",
    "soft",
    "rough",
    "clean",
    "dirty",
    "modern",
    "ancient",
]
_NOUNS = [
    "house",
    "city",
    "river",
    "road",
    "street",
    "garden",
    "island",
    "harbor",
    "station",
    "hospital",
    "school",
    "office",
    "kingdom",
    "empire",
    "castle",
    "tower",
    "bridge",
    "valley",
    "mountain",
    "forest",
    "desert",
    "ocean",
    "sea",
    "lake",
    "shore",
    "coast",
    "country",
    "town",
    "village",
    "family",
    "crown",
    "throne",
    "sword",
    "shield",
    "heart",
    "mind",
    "soul",
    "dream",
    "night",
    "day",
    "morning",
    "hour",
    "week",
    "year",
    "season",
    "story",
    "game",
    "war",
    "peace",
    "truth",
    "lie",
    "secret",
    "promise",
    "letter",
    "signal",
    "voice",
    "song",
    "dance",
    "line",
    "circle",
    "square",
    "point",
    "edge",
    "border",
    "frontier",
    "horizon",
    "sky",
    "star",
    "moon",
    "sun",
    "storm",
    "rain",
    "snow",
    "fire",
    "water",
    "earth",
    "wind",
    "ghost",
    "angel",
    "devil",
    "saint",
    "sinner",
    "king",
    "queen",
    "prince",
    "lady",
    "doctor",
    "judge",
    "hunter",
    "keeper",
]


def generated_titles(count: int, *, seed: int = 7) -> list[str]:
    """``count`` distinct show titles such as "The Silent Harbor" or "Copper Keeper"."""
    rng = random.Random(seed)
    shapes = [
        "{A} {N}",
        "The {A} {N}",
        "{N} of the {N2}",
        "The {N}s",
        "{A} {N} {N2}",
        "{N} & {N2}",
    ]
    seen: set[str] = set()
    titles: list[str] = []
    for _ in itertools.count():
        shape = rng.choice(shapes)
        title = shape.format(
            A=rng.choice(_ADJECTIVES).title(),
            N=rng.choice(_NOUNS).title(),
            N2=rng.choice(_NOUNS).title(),
        )
        if title.lower() not in seen:
            seen.add(title.lower())
            titles.append(title)
        if len(titles) == count:
            return titles
    raise AssertionError("unreachable")


def rate(articles: list[ArticleInput], catalog: Catalog, seconds: float) -> tuple[float, int]:
    """Articles per CPU-second over repeated passes for about ``seconds``; and claims per pass.

    CPU time of this process, not wall time, so that other work on the machine
    does not count against the detector.
    """
    claims = sum(len(analyze(a, catalog)) for a in articles)  # warm-up pass
    done = 0
    started = time.process_time()
    while True:
        for article in articles:
            analyze(article, catalog)
        done += len(articles)
        elapsed = time.process_time() - started
        if elapsed >= seconds:
            return done / elapsed, claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT / ".." / "shared" / "corpus")
    parser.add_argument("--seconds", type=float, default=5.0, help="time per measurement")
    options = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    corpus = load_corpus(options.corpus)
    articles = [item.article for item in corpus.articles.values()]
    shows = [(t, _aliases(corpus.catalog, t)) for t in corpus.catalog.titles[:10]]
    small = Catalog(shows)
    large = Catalog(shows + [(t, []) for t in generated_titles(10_000 - len(shows))])
    print(f"corpus: {len(articles)} articles from {options.corpus}")
    # Every article read in full: the corpus's own catalog names the titles of all of them.
    own, own_claims = rate(articles, corpus.catalog, options.seconds)
    print(
        f"{'own catalog':>15}: {own:7.1f} articles/s on one core ({own_claims} claims per pass,"
        f" {len(corpus.catalog)} titles)"
    )
    results = []
    for name, catalog in (("10 titles", small), (f"{len(large):,} titles", large)):
        per_second, claims = rate(articles, catalog, options.seconds)
        results.append(per_second)
        print(f"{name:>15}: {per_second:7.1f} articles/s on one core ({claims} claims per pass)")
    print(f"{'cost ratio':>15}: {results[0] / results[1]:7.2f}x (large / small time per article)")


def _aliases(catalog: Catalog, title: str) -> list[str]:
    return catalog.aliases(title)


if __name__ == "__main__":
    main()
