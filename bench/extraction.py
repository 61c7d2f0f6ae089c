"""Score newsmon's article extraction on the public article-extraction benchmark.

Usage (from the repository root)::

    .venv/bin/python bench/extraction.py [--data DIR] [--ngram 4] [--worst 10] [--json]

DIR defaults to ``../shared/benchmarks/article-extraction`` beside the
repository (181 pages with reference article bodies; see its README).

Scoring is the benchmark's own method: text is split into ``\\w+`` tokens;
each text becomes a multiset of 4-token shingles (a text shorter than four
tokens is one shingle); per page, true positives, false positives and false
negatives are counted over the shingles and normalised to sum to 1; precision
and recall are averaged over pages and F1 is computed from the two averages.
An empty extraction of a non-empty reference scores precision 0 and recall 0;
two empty texts score 1. Accuracy is the share of pages whose token sequence
equals the reference's.

newsmon (:func:`crawler.extraction.extract_article`, the crawler's full
extraction including its metadata) and trafilatura with its default settings
(``trafilatura.extract(html, url=...)``) run on the same decoded pages in the
same process, alternating which goes first on each page, so that their
pages-per-second figures are comparable. Each is warmed up on three pages
first (lazy imports), untimed.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import trafilatura  # noqa: E402

from crawler.extraction import extract_article  # noqa: E402
from crawler.saved_pages import read_page  # noqa: E402

DEFAULT_DATA = REPO / ".." / "shared" / "benchmarks" / "article-extraction"
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str], str]


def newsmon_text(url: str, html: str) -> str:
    page = extract_article(url=url, html=html)
    return page.text if page is not None else ""


def trafilatura_text(url: str, html: str) -> str:
    return trafilatura.extract(html, url=url) or ""


def shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def page_scores(reference: str, predicted: str, n: int) -> tuple[float, float]:
    """Precision and recall of one page over normalised shingle counts."""
    truth, guess = shingles(reference, n), shingles(predicted, n)
    tp = sum((truth & guess).values())
    fp = sum(guess.values()) - tp
    fn = sum(truth.values()) - tp
    total = tp + fp + fn
    if total == 0:
        return 1.0, 1.0
    true_pos, false_pos, false_neg = tp / total, fp / total, fn / total  # normalised
    if false_pos == false_neg == 0:
        return 1.0, 1.0
    precision = 0.0 if true_pos == false_pos == 0 else true_pos / (true_pos + false_pos)
    recall = 0.0 if true_pos == false_neg == 0 else true_pos / (true_pos + false_neg)
    return precision, recall


@dataclass
class Result:
    name: str
    seconds: float = 0.0
    scores: dict[str, tuple[float, float]] = field(default_factory=dict)
    exact: int = 0

    def summary(self, pages: int) -> dict[str, float]:
        precision = sum(p for p, _ in self.scores.values()) / pages
        recall = sum(r for _, r in self.scores.values()) / pages
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "accuracy": round(self.exact / pages, 4),
            "pages_per_second": round(pages / self.seconds, 1) if self.seconds else 0.0,
        }


def load(data: Path) -> list[tuple[str, str, str, str]]:
    """(item id, file URI, decoded HTML, reference text) for every page."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for item_id, entry in sorted(truth.items()):
        path = data / "html" / f"{item_id}.html.gz"
        pages.append((item_id, path.resolve().as_uri(), read_page(path), entry["articleBody"]))
    return pages


def run(pages: list[tuple[str, str, str, str]], ngram: int) -> list[Result]:
    extractors: list[tuple[Result, Extractor]] = [
        (Result("newsmon"), newsmon_text),
        (Result("trafilatura"), trafilatura_text),
    ]
    for _, extract in extractors:
        for _, url, html, _ in pages[:3]:
            extract(url, html)
    for number, (item_id, url, html, reference) in enumerate(pages):
        order = extractors if number % 2 == 0 else extractors[::-1]
        for result, extract in order:
            started = time.perf_counter()
            text = extract(url, html)
            result.seconds += time.perf_counter() - started
            result.scores[item_id] = page_scores(reference, text, ngram)
            result.exact += _TOKEN.findall(text) == _TOKEN.findall(reference)
    return [result for result, _ in extractors]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--ngram", type=int, default=4)
    parser.add_argument("--worst", type=int, default=0, help="list newsmon's N worst pages")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"{args.data}: no ground-truth.json here", file=sys.stderr)
        return 2
    logging.disable(logging.CRITICAL)  # the extractors log every page without text
    pages = load(args.data)
    results = run(pages, args.ngram)
    figures = {r.name: r.summary(len(pages)) for r in results}
    ours, theirs = figures["newsmon"], figures["trafilatura"]
    ratio = (
        ours["pages_per_second"] / theirs["pages_per_second"] if theirs["pages_per_second"] else 0.0
    )
    if args.json:
        print(
            json.dumps(
                {
                    "pages": len(pages),
                    "ngram": args.ngram,
                    **figures,
                    "speed_ratio": round(ratio, 2),
                }
            )
        )
    else:
        print(f"{len(pages)} pages, {args.ngram}-token shingles")
        header = ("extractor", "precision", "recall", "F1", "accuracy", "pages/s")
        print("{:<12} {:>9} {:>7} {:>7} {:>8} {:>8}".format(*header))
        for name, row in figures.items():
            print(
                f"{name:<12} {row['precision']:>9.4f} {row['recall']:>7.4f} {row['f1']:>7.4f}"
                f" {row['accuracy']:>8.4f} {row['pages_per_second']:>8.1f}"
            )
        print(f"speed: newsmon runs at {ratio:.2f}x trafilatura's pages per second")
    if args.worst:
        scores = results[0].scores
        for item_id in sorted(scores, key=lambda k: sum(scores[k]))[: args.worst]:
            precision, recall = scores[item_id]
            print(f"  {item_id[:12]}  precision {precision:.3f}  recall {recall:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
