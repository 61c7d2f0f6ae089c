"""Score newsmon's main-text extraction on public extraction benchmarks.

Usage (from the repository root)::

    .venv/bin/python bench/extraction.py [--data DIR ...] [--half a|b]
        [--ngram 4] [--worst 10] [--json]

``--data`` may be given several times; by default both shared sets beside
the repository are scored, each on its own:

- ``../shared/benchmarks/article-extraction``: 181 article pages,
  ``ground-truth.json`` with each page's ``articleBody``;
- ``../shared/benchmarks/wcxb-dev``: 1,497 pages of the 2025 web,
  ``ground-truth/NNNN.json`` (``ground_truth.main_content``) and
  ``metadata.json`` with each page's type (article, forum, product,
  collection, listing, documentation, service); the 21 pages without a
  reference text are left out.

Figures are given per page type and for all pages. ``--half a`` or ``--half
b`` keeps only the pages whose site falls in that half (by a hash of the
host name), so that a change can be developed on one half and checked on the
other.

Scoring is the benchmarks' own method: text is split into ``\\w+`` tokens;
each text becomes a multiset of 4-token shingles (a text shorter than four
tokens is one shingle); per page, true positives, false positives and false
negatives are counted over the shingles and normalised to sum to 1; precision
and recall are averaged over pages and F1 is computed from the two averages.
An empty extraction of a non-empty reference scores precision 0 and recall 0;
two empty texts score 1. Accuracy is the share of pages whose token sequence
equals the reference's. ``empty`` counts the pages an extractor returns no
text for while the other one finds some.

newsmon (:func:`crawler.extraction.extract_page`, the crawler's full
extraction including its metadata, without the test that the page is an
article, since most of these pages are not) and trafilatura with its default settings
(``trafilatura.extract(html, url=...)``) run on the same decoded pages in the
same process, alternating which goes first on each page, so that their
pages-per-second figures are comparable. Each is warmed up on three pages
first (lazy imports), untimed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import trafilatura  # noqa: E402

from newsmon.crawler.extraction import extract_page  # noqa: E402
from newsmon.crawler.saved_pages import read_page  # noqa: E402

SHARED = REPO / ".." / "shared" / "benchmarks"
DEFAULT_DATA = (SHARED / "article-extraction", SHARED / "wcxb-dev")
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str], str]


@dataclass(frozen=True, kw_only=True)
class Page:
    """One benchmark page with its reference text."""

    item_id: str
    url: str
    html: str
    reference: str
    page_type: str
    site: str


def newsmon_text(url: str, html: str) -> str:
    page = extract_page(url=url, html=html)
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
    exact: set[str] = field(default_factory=set)
    empty: set[str] = field(default_factory=set)

    def summary(self, ids: list[str], other: Result) -> dict[str, float]:
        """Figures over the pages ``ids``; ``empty`` counts pages ``other`` found text on."""
        pages = len(ids) or 1
        precision = sum(self.scores[i][0] for i in ids) / pages
        recall = sum(self.scores[i][1] for i in ids) / pages
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "pages": len(ids),
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "accuracy": round(sum(i in self.exact for i in ids) / pages, 4),
            "empty": sum(i in self.empty and i not in other.empty for i in ids),
        }


def load(data: Path) -> list[Page]:
    """Every page of one benchmark folder, in either of the two layouts."""
    if (data / "ground-truth.json").is_file():
        return _load_article_extraction(data)
    return _load_wcxb(data)


def _load_article_extraction(data: Path) -> list[Page]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for item_id, entry in sorted(truth.items()):
        path = data / "html" / f"{item_id}.html.gz"
        pages.append(
            Page(
                item_id=item_id,
                url=path.resolve().as_uri(),
                html=read_page(path),
                reference=entry["articleBody"],
                page_type="article",
                site=_site(entry.get("url", item_id)),
            )
        )
    return pages


def _load_wcxb(data: Path) -> list[Page]:
    metadata = json.loads((data / "metadata.json").read_text(encoding="utf-8"))["files"]
    pages = []
    for path in sorted((data / "ground-truth").glob("*.json")):
        entry = json.loads(path.read_text(encoding="utf-8"))
        reference = entry["ground_truth"].get("main_content")
        if not reference or not reference.strip():
            continue  # no reference text to score against
        item_id = path.stem
        listed = metadata.get(item_id, {})
        page_type = (
            listed.get("page_type")
            or entry.get("_internal", {}).get("page_type", {}).get("primary")
            or entry["ground_truth"].get("page_type")
            or "other"
        )
        url = entry.get("url") or (data / "html" / f"{item_id}.html.gz").resolve().as_uri()
        pages.append(
            Page(
                item_id=item_id,
                url=url,
                html=read_page(data / "html" / f"{item_id}.html.gz"),
                reference=reference,
                page_type=page_type,
                site=listed.get("domain") or _site(url),
            )
        )
    return pages


def _site(url: str) -> str:
    return (urlsplit(url).hostname or url).removeprefix("www.")


def in_half(site: str, half: str) -> bool:
    """Whether ``site`` falls in half ``a`` or ``b`` (a stable hash of the host name)."""
    return (hashlib.sha256(site.encode()).digest()[0] % 2 == 0) == (half == "a")


def run(pages: list[Page], ngram: int) -> list[Result]:
    extractors: list[tuple[Result, Extractor]] = [
        (Result("newsmon"), newsmon_text),
        (Result("trafilatura"), trafilatura_text),
    ]
    for _, extract in extractors:
        for page in pages[:3]:
            extract(page.url, page.html)
    for number, page in enumerate(pages):
        order = extractors if number % 2 == 0 else extractors[::-1]
        for result, extract in order:
            started = time.perf_counter()
            text = extract(page.url, page.html)
            result.seconds += time.perf_counter() - started
            result.scores[page.item_id] = page_scores(page.reference, text, ngram)
            if _TOKEN.findall(text) == _TOKEN.findall(page.reference):
                result.exact.add(page.item_id)
            if not text.strip():
                result.empty.add(page.item_id)
    return [result for result, _ in extractors]


def report(name: str, pages: list[Page], ngram: int) -> dict[str, object]:
    """Score one benchmark set; figures per page type, all pages, and the speed ratio."""
    ours, theirs = run(pages, ngram)
    groups: dict[str, list[str]] = {}
    for page in pages:
        groups.setdefault(page.page_type, []).append(page.item_id)
    ordered = sorted(groups, key=lambda t: (t != "article", -len(groups[t]), t))
    rows = {t: groups[t] for t in ordered}
    if len(rows) > 1:
        rows["all pages"] = [p.item_id for p in pages]
    figures = {
        group: {"newsmon": ours.summary(ids, theirs), "trafilatura": theirs.summary(ids, ours)}
        for group, ids in rows.items()
    }
    speed = {r.name: round(len(pages) / r.seconds, 1) if r.seconds else 0.0 for r in (ours, theirs)}
    ratio = speed["newsmon"] / speed["trafilatura"] if speed["trafilatura"] else 0.0
    return {
        "set": name,
        "pages": len(pages),
        "ngram": ngram,
        "by_type": figures,
        "pages_per_second": speed,
        "speed_ratio": round(ratio, 2),
        "newsmon_scores": ours.scores,
    }


def print_report(figures: dict[str, object], worst: int, pages: list[Page]) -> None:
    by_type = figures["by_type"]
    assert isinstance(by_type, dict)
    print(f"{figures['set']}: {figures['pages']} pages, {figures['ngram']}-token shingles")
    print(
        "{:<14} {:>5}  {:>24}  {:>24}  {:>6}".format(
            "page type", "pages", "newsmon P / R / F1", "trafilatura P / R / F1", "F1 +/-"
        )
    )
    for group, row in by_type.items():
        a, b = row["newsmon"], row["trafilatura"]
        print(
            f"{group:<14} {a['pages']:>5}  {a['precision']:>6.3f} {a['recall']:>6.3f}"
            f" {a['f1']:>6.3f}     {b['precision']:>6.3f} {b['recall']:>6.3f} {b['f1']:>6.3f}"
            f"      {a['f1'] - b['f1']:>+6.3f}  empty {a['empty']}/{b['empty']}"
        )
    speed = figures["pages_per_second"]
    assert isinstance(speed, dict)
    print(
        f"pages/s: newsmon {speed['newsmon']}, trafilatura {speed['trafilatura']};"
        f" newsmon runs at {figures['speed_ratio']:.2f}x trafilatura's speed"
    )
    if worst:
        scores = figures["newsmon_scores"]
        assert isinstance(scores, dict)
        kinds = {p.item_id: p.page_type for p in pages}
        for item_id in sorted(scores, key=lambda k: sum(scores[k]))[:worst]:
            precision, recall = scores[item_id]
            print(
                f"  {item_id[:12]:<12}  {kinds[item_id]:<13}"
                f"  precision {precision:.3f}  recall {recall:.3f}"
            )
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--data", type=Path, action="append", help="a benchmark folder")
    parser.add_argument("--half", choices=("a", "b"), help="only the sites of one half")
    parser.add_argument("--ngram", type=int, default=4)
    parser.add_argument("--worst", type=int, default=0, help="list newsmon's N worst pages")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    folders: list[Path] = args.data or list(DEFAULT_DATA)
    for folder in folders:
        if (
            not (folder / "ground-truth.json").is_file()
            and not (folder / "metadata.json").is_file()
        ):
            print(f"{folder}: no ground-truth.json or metadata.json here", file=sys.stderr)
            return 2
    logging.disable(logging.CRITICAL)  # the extractors log every page without text
    for folder in folders:
        pages = load(folder)
        if args.half:
            pages = [p for p in pages if in_half(p.site, args.half)]
        name = folder.resolve().name + (f" (half {args.half})" if args.half else "")
        figures = report(name, pages, args.ngram)
        if args.json:
            figures.pop("newsmon_scores")
            print(json.dumps(figures))
        else:
            print_report(figures, args.worst, pages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
