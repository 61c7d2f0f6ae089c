"""Results of scoring the detector on a corpus, their totals and their readable report."""

from __future__ import annotations

import dataclasses
from typing import Any

from newsmon.corpus import ExpectedEvent, GoldClaim
from newsmon.detector.fold import StateKey
from newsmon.detector.model import Change, Claim


@dataclasses.dataclass(frozen=True)
class Counts:
    """True positives, false positives and misses; ``+`` sums them (micro-averaging)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        """Share of predictions that are right; 1.0 when nothing was predicted or due."""
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 0.0 if self.fn else 1.0

    @property
    def recall(self) -> float:
        """Share of labels found; 1.0 when nothing was due or predicted."""
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 0.0 if self.fp else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def scores(self) -> dict[str, float]:
        """``precision``, ``recall`` and ``f1``."""
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclasses.dataclass(kw_only=True)
class ArticleResult:
    """How the claims found in one article compare with its labels."""

    id: str
    counts: Counts
    missed: list[GoldClaim]
    false: list[Claim]
    matched: int = 0
    certainty_right: int = 0
    as_of_right: int = 0
    wrong_details: list[str] = dataclasses.field(default_factory=list)
    """Matched claims whose certainty or as_of is wrong, one line each."""


@dataclasses.dataclass(kw_only=True)
class ScenarioResult:
    """How the events and final state of one scenario compare with its labels."""

    name: str
    counts: Counts
    missed: list[ExpectedEvent]
    extra: list[Change]
    state_total: int
    state_held: int
    failed_state: list[tuple[StateKey, str, str | None]]
    """``(show, season, facet)``, expected value, actual value."""

    @property
    def exact(self) -> bool:
        """Every event right, none extra, every judged facet holds."""
        return not (self.missed or self.extra or self.failed_state)


@dataclasses.dataclass(kw_only=True)
class EvalReport:
    """Per-article and per-scenario results with micro-averaged totals."""

    articles: list[ArticleResult]
    scenarios: list[ScenarioResult]

    @property
    def claims(self) -> Counts:
        """Claim counts summed over articles."""
        return sum((result.counts for result in self.articles), Counts())

    @property
    def events(self) -> Counts:
        """Event counts summed over scenarios."""
        return sum((result.counts for result in self.scenarios), Counts())

    def _share(self, attribute: str) -> float:
        matched = sum(result.matched for result in self.articles)
        right = sum(getattr(result, attribute) for result in self.articles)
        return right / matched if matched else 0.0

    @property
    def state_accuracy(self) -> float:
        """Share of judged final-state facets that hold (1.0 when none are judged)."""
        total = sum(result.state_total for result in self.scenarios)
        held = sum(result.state_held for result in self.scenarios)
        return held / total if total else 1.0

    def to_json(self) -> dict[str, Any]:
        """Totals as plain JSON values."""
        claims, events = self.claims, self.events
        return {
            "claims": claims.scores(),
            "events": events.scores(),
            "state": {"accuracy": self.state_accuracy},
            "articles": len(self.articles),
            "scenarios": len(self.scenarios),
            "certainty_accuracy": self._share("certainty_right"),
            "as_of_accuracy": self._share("as_of_right"),
            "scenarios_exact": sum(result.exact for result in self.scenarios),
            "counts": {
                "claims": dataclasses.asdict(claims),
                "events": dataclasses.asdict(events),
                "state": {
                    "held": sum(result.state_held for result in self.scenarios),
                    "total": sum(result.state_total for result in self.scenarios),
                },
            },
        }

    def render_text(self) -> str:
        """Render a readable report: what each article and scenario got wrong, then totals."""
        lines = ["Claims per article (- missed, + false, ~ wrong certainty or as_of)"]
        for article in self.articles:
            if not (article.missed or article.false or article.wrong_details):
                continue
            lines.append(f"{article.id}: {_counts(article.counts)}")
            lines.extend(f"  - {_claim(label)}" for label in article.missed)
            lines.extend(f"  + {_claim(claim)}" for claim in article.false)
            lines.extend(f"  ~ {detail}" for detail in article.wrong_details)
        perfect = sum(1 for a in self.articles if not (a.missed or a.false or a.wrong_details))
        lines.append(f"({perfect} of {len(self.articles)} articles exactly right)")
        lines.append("")
        lines.append("Scenarios (- missed event, + extra event, ! failed state facet)")
        for scenario in self.scenarios:
            status = "exact" if scenario.exact else _counts(scenario.counts)
            lines.append(
                f"{scenario.name}: {status}; state {scenario.state_held}/{scenario.state_total}"
            )
            lines.extend(
                f"  - {_event(e.show, e.season, e.facet, e.old, e.new)}" for e in scenario.missed
            )
            lines.extend(
                f"  + {_event(c.show, c.season, c.facet, c.old, c.new)}  <- {c.claim.evidence!r}"
                for c in scenario.extra
            )
            lines.extend(
                f"  ! {_production(show, season)} {facet}: expected {want}, got {got or 'nothing'}"
                for (show, season, facet), want, got in scenario.failed_state
            )
        totals = self.to_json()
        lines.append("")
        lines.append(f"Articles: {totals['articles']}, scenarios: {totals['scenarios']}")
        lines.append(f"Claims:   {_scores(totals['claims'])}  ({_counts(self.claims)})")
        lines.append(
            f"          certainty accuracy {totals['certainty_accuracy']:.3f}, "
            f"as_of accuracy {totals['as_of_accuracy']:.3f} (over matched claims)"
        )
        lines.append(f"Events:   {_scores(totals['events'])}  ({_counts(self.events)})")
        state = totals["counts"]["state"]
        lines.append(
            f"State:    accuracy {totals['state']['accuracy']:.3f} "
            f"({state['held']}/{state['total']} facets hold); "
            f"{totals['scenarios_exact']} of {totals['scenarios']} scenarios exact"
        )
        return "\n".join(lines)


def _production(show: str, season: int | None) -> str:
    return f"{show}|{'null' if season is None else season}"


def _claim(item: GoldClaim | Claim) -> str:
    return (
        f"{_production(item.show, item.season)} {item.facet}={item.value} "
        f"({item.certainty.name}, as_of {item.as_of})  <- {item.evidence!r}"
    )


def _event(show: str, season: int | None, facet: str, old: str | None, new: str) -> str:
    return f"{_production(show, season)} {facet}: {old or 'none'} -> {new}"


def _counts(counts: Counts) -> str:
    return f"tp {counts.tp}, fp {counts.fp}, fn {counts.fn}"


def _scores(scores: dict[str, float]) -> str:
    return " ".join(f"{name} {value:.3f}" for name, value in scores.items())
