"""Score the detector against a labelled corpus (../shared/corpus/FORMAT.md).

Claims are scored per article over ``(show, season, facet, value)``; change
events per scenario over ``(show, season, facet, to)``, from the articles fed
in order through a StateTracker; and the share of ``expect_state`` facets
that hold at the end. A predicted value equal to one of a gold claim's
``alternatives`` counts as right wherever that claim's value would. Show
titles compare case-insensitively after the catalog maps aliases.
Totals are micro-averaged: true and false positives and misses are summed
over all articles (claims) or scenarios (events) before dividing.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsmon.corpus import Corpus, CorpusArticle, GoldClaim, Scenario, load_corpus
from newsmon.detector.fold import StateKey, StateTracker
from newsmon.detector.model import ArticleInput, Change, Claim
from newsmon.detector.periods import Period
from newsmon.evalreport import ArticleResult, Counts, EvalReport, ScenarioResult

if TYPE_CHECKING:
    from newsmon.detector.catalog import Catalog

logger = logging.getLogger(__name__)


Analyzer = Callable[[ArticleInput, "Catalog"], Sequence[Claim]]
"""Reads one article and returns its claims, like ``detector.analyze.analyze``."""


def match(candidates: Sequence[Iterable[int]]) -> list[tuple[int, int]]:
    """Pair left items with right items one to one, as many pairs as possible.

    ``candidates[i]`` lists the right items left item ``i`` may pair with.
    Greedy pairing could let one label's alternative take the value another
    label needs; augmenting paths (Kuhn's maximum bipartite matching) cannot.
    """
    options = [list(items) for items in candidates]
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or place(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(options)):
        place(i, set())
    return sorted((i, j) for j, i in owner.items())


def _candidates(
    left: Sequence[tuple[StateKey, str]], right: Sequence[tuple[StateKey, set[str]]]
) -> list[list[int]]:
    """For each ``(key, value)`` on the left, the right items with that key accepting it."""
    by_key: dict[StateKey, list[int]] = {}
    for j, (key, _) in enumerate(right):
        by_key.setdefault(key, []).append(j)
    return [
        [j for j in by_key.get(key, []) if any(same_value(key[2], value, v) for v in right[j][1])]
        for key, value in left
    ]


def evaluate(corpus_dir: Path, analyzer: Analyzer | None = None) -> EvalReport:
    """Run ``analyzer`` (the detector by default) over a corpus folder and score it.

    Raises ValueError with one line naming the file when the folder is not a
    valid corpus.
    """
    report = evaluate_corpus(load_corpus(corpus_dir), analyzer)
    logger.info("evaluated %s: %s", corpus_dir, report.to_json())
    return report


def evaluate_corpus(corpus: Corpus, analyzer: Analyzer | None = None) -> EvalReport:
    """Run ``analyzer`` (the detector by default) over a loaded corpus and score it."""
    if analyzer is None:
        from newsmon.detector.analyze import analyze

        analyzer = analyze
    found = {
        article_id: _canonical_claims(analyzer(item.article, corpus.catalog), corpus.catalog)
        for article_id, item in corpus.articles.items()
    }
    articles = [
        _score_article(item, found[item.id], corpus.catalog) for item in corpus.articles.values()
    ]
    scenarios = [_score_scenario(scenario, corpus, found) for scenario in corpus.scenarios]
    return EvalReport(articles=articles, scenarios=scenarios)


def _canonical_claims(claims: Iterable[Claim], catalog: Catalog) -> list[Claim]:
    # The tracker keys productions by title, so aliases must meet before folding.
    return [
        dataclasses.replace(claim, show=catalog.canonical(claim.show) or claim.show)
        for claim in claims
    ]


def _show(name: str, catalog: Catalog) -> str:
    return (catalog.canonical(name) or name).casefold()


def same_value(facet: str, predicted: str, gold: str) -> bool:
    """Whether two facet values agree; release windows agree when they cover the same days."""
    if predicted == gold:
        return True
    if facet != "release":
        return False
    try:
        return Period.parse(predicted) == Period.parse(gold)
    except ValueError:
        return False


def _score_article(item: CorpusArticle, found: list[Claim], catalog: Catalog) -> ArticleResult:
    predicted: dict[tuple[str, int | None, str, str], list[Claim]] = {}
    for claim in found:
        key = (_show(claim.show, catalog), claim.season, claim.facet, claim.value)
        predicted.setdefault(key, []).append(claim)
    gold: dict[tuple[str, int | None, str, str], list[GoldClaim]] = {}
    for label in item.claims:
        key = (_show(label.show, catalog), label.season, label.facet, label.value)
        gold.setdefault(key, []).append(label)
    pred_keys, gold_keys = list(predicted), list(gold)
    accepted = [{v for label in gold[key] for v in label.values} for key in gold_keys]
    pairs = match(
        _candidates(
            [(key[:3], key[3]) for key in pred_keys],
            [(key[:3], values) for key, values in zip(gold_keys, accepted, strict=True)],
        )
    )
    paired_pred = {p for p, _ in pairs}
    paired_gold = {g for _, g in pairs}
    result = ArticleResult(
        id=item.id,
        counts=Counts(
            tp=len(pairs), fp=len(pred_keys) - len(pairs), fn=len(gold_keys) - len(pairs)
        ),
        missed=[gold[gold_keys[g]][0] for g in range(len(gold_keys)) if g not in paired_gold],
        false=[predicted[pred_keys[p]][0] for p in range(len(pred_keys)) if p not in paired_pred],
        matched=len(pairs),
    )
    for p, g in pairs:
        claims, labels = predicted[pred_keys[p]], gold[gold_keys[g]]
        # Duplicates on either side collapsed into one key: any agreeing pair counts.
        if any(claim.certainty == label.certainty for claim in claims for label in labels):
            result.certainty_right += 1
        else:
            result.wrong_details.append(
                f"certainty {claims[0].certainty.name} != {labels[0].certainty.name}: "
                f"{_describe(claims[0])}"
            )
        if any(_same_time(claim.as_of, label.as_of) for claim in claims for label in labels):
            result.as_of_right += 1
        else:
            result.wrong_details.append(
                f"as_of {claims[0].as_of} != {labels[0].as_of}: {_describe(claims[0])}"
            )
    return result


def _same_time(predicted: str, gold: str) -> bool:
    # "2024-01" and "2024-01-01/2024-01-31" are the same as_of.
    try:
        return predicted == gold or Period.parse(predicted) == Period.parse(gold)
    except ValueError:
        return False


def _describe(item: GoldClaim | Claim) -> str:
    season = "null" if item.season is None else item.season
    return f"{item.show}|{season} {item.facet}={item.value}"


def _accepted(
    show: str, season: int | None, facet: str, value: str, labels: list[GoldClaim]
) -> set[str]:
    """Return the value and the alternatives of the gold claims that set it.

    ``labels`` carry canonical case-folded show titles, like ``show``.
    """
    accepted = {value}
    for label in labels:
        if (label.show, label.season, label.facet) != (show, season, facet):
            continue
        if any(same_value(facet, value, candidate) for candidate in label.values):
            accepted.update(label.values)
    return accepted


def _score_scenario(
    scenario: Scenario, corpus: Corpus, found: dict[str, list[Claim]]
) -> ScenarioResult:
    catalog = corpus.catalog
    labels = [
        dataclasses.replace(label, show=_show(label.show, catalog))
        for article_id in scenario.article_ids
        for label in corpus.articles[article_id].claims
    ]
    tracker = StateTracker()
    changes: list[Change] = []
    for article_id in scenario.article_ids:
        changes.extend(tracker.feed(found[article_id]))

    expected = scenario.expect_events
    pairs = match(
        _candidates(
            [((_show(c.show, catalog), c.season, c.facet), c.new) for c in changes],
            [
                (
                    (_show(e.show, catalog), e.season, e.facet),
                    _accepted(_show(e.show, catalog), e.season, e.facet, e.new, labels),
                )
                for e in expected
            ],
        )
    )
    paired_changes = {c for c, _ in pairs}
    paired_events = {e for _, e in pairs}

    final = {
        (_show(show, catalog), season, facet): claim.value
        for (show, season, facet), claim in tracker.state.items()
    }
    failed: list[tuple[StateKey, str, str | None]] = []
    for (show, season, facet), value in scenario.expect_state.items():
        actual = final.get((_show(show, catalog), season, facet))
        ok = _accepted(_show(show, catalog), season, facet, value, labels)
        if actual is None or not any(same_value(facet, actual, v) for v in ok):
            failed.append(((show, season, facet), value, actual))
    return ScenarioResult(
        name=scenario.name,
        counts=Counts(tp=len(pairs), fp=len(changes) - len(pairs), fn=len(expected) - len(pairs)),
        missed=[event for e, event in enumerate(expected) if e not in paired_events],
        extra=[change for c, change in enumerate(changes) if c not in paired_changes],
        state_total=len(scenario.expect_state),
        state_held=len(scenario.expect_state) - len(failed),
        failed_state=failed,
    )
