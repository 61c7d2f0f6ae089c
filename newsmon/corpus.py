"""Read a labelled status corpus (../shared/corpus/FORMAT.md) into plain values.

A corpus folder holds ``catalog.yaml``, ``articles/*.json`` (an article and
the claims a careful reader takes from it) and ``scenarios/*.json`` (articles
fed in a given order, the change events and final state that must come out).
Every problem is a ValueError of one line naming the file to fix.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from newsmon.detector.model import ArticleInput, Certainty, Facet, as_facet
from newsmon.detector.periods import Period

if TYPE_CHECKING:
    from newsmon.detector.catalog import Catalog

logger = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, kw_only=True, slots=True)
class GoldClaim:
    """A labelled claim: what a careful reader takes from the article."""

    show: str
    season: int | None
    facet: Facet
    value: str
    alternatives: tuple[str, ...]
    """Other values that count as equally right."""
    certainty: Certainty
    as_of: str
    evidence: str

    @property
    def values(self) -> tuple[str, ...]:
        """The value and its alternatives."""
        return (self.value, *self.alternatives)


@dataclass(frozen=True, kw_only=True, slots=True)
class CorpusArticle:
    """One labelled article."""

    id: str
    article: ArticleInput
    claims: tuple[GoldClaim, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class ExpectedEvent:
    """A change event a scenario must emit."""

    show: str
    season: int | None
    facet: Facet
    old: str | None
    new: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Scenario:
    """Articles fed in order, with the events and final facets that must come out."""

    name: str
    article_ids: tuple[str, ...]
    expect_events: tuple[ExpectedEvent, ...]
    expect_state: dict[tuple[str, int | None, Facet], str]
    """Expected final value per ``(show, season, facet)``; unlisted facets are not judged."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Corpus:
    """A whole corpus folder."""

    catalog: Catalog
    articles: dict[str, CorpusArticle]
    """By article id, in file-name order."""
    scenarios: tuple[Scenario, ...]


def load_corpus(corpus_dir: Path) -> Corpus:
    """Read a corpus folder; raise ValueError with one line naming the bad file."""
    from newsmon.detector.catalog import Catalog

    catalog_path = corpus_dir / "catalog.yaml"
    if not catalog_path.is_file():
        raise ValueError(f"{catalog_path}: missing; a corpus folder needs its catalog.yaml")
    try:
        catalog = Catalog.load(catalog_path)
    except (OSError, ValueError, TypeError, KeyError) as exc:
        problem = _one_line(exc)
        if str(catalog_path) not in problem:
            problem = f"{catalog_path}: cannot load the catalog: {problem}"
        raise ValueError(problem) from None
    if not (corpus_dir / "articles").is_dir():
        raise ValueError(f"{corpus_dir / 'articles'}: missing; a corpus folder needs articles/")
    articles: dict[str, CorpusArticle] = {}
    for path in sorted((corpus_dir / "articles").glob("*.json")):
        item = _guard(path, _article, _read_json(path))
        if item.id in articles:
            raise ValueError(f"{path}: duplicate article id {item.id!r}")
        articles[item.id] = item
    scenarios: list[Scenario] = []
    for path in sorted((corpus_dir / "scenarios").glob("*.json")):
        scenario = _guard(path, _scenario, _read_json(path))
        missing = [aid for aid in scenario.article_ids if aid not in articles]
        if missing:
            raise ValueError(f"{path}: unknown article ids {', '.join(missing)}")
        scenarios.append(scenario)
    logger.info("corpus %s: %d articles, %d scenarios", corpus_dir, len(articles), len(scenarios))
    return Corpus(catalog=catalog, articles=articles, scenarios=tuple(scenarios))


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not readable JSON: {_one_line(exc)}") from None


def _guard(path: Path, build: Callable[[Any], T], data: Any) -> T:
    # One place turns any shape problem into a one-line error naming the file.
    try:
        result = build(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        problem = f"missing field {exc}" if isinstance(exc, KeyError) else _one_line(exc)
        raise ValueError(f"{path}: {problem}") from None
    return result


def _season(value: Any) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise ValueError(f"season must be an integer or null, got {value!r}")


def _string(data: dict[str, Any], name: str) -> str:
    value = data[name]
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {value!r}")
    return value


def _gold_claim(data: dict[str, Any]) -> GoldClaim:
    facet = as_facet(data["facet"])
    value = _string(data, "value")
    alternatives = tuple(str(alt) for alt in data.get("alternatives") or ())
    if facet == "release":
        for release in (value, *alternatives):
            Period.parse(release)
    as_of = _string(data, "as_of")
    Period.parse(as_of)
    return GoldClaim(
        show=_string(data, "show"),
        season=_season(data["season"]),
        facet=facet,
        value=value,
        alternatives=alternatives,
        certainty=Certainty[_string(data, "certainty")],
        as_of=as_of,
        evidence=str(data.get("evidence", "")),
    )


def _article(data: dict[str, Any]) -> CorpusArticle:
    article = ArticleInput(
        url=_string(data, "url"),
        headline=_string(data, "headline"),
        text=_string(data, "text"),
        published=dt.date.fromisoformat(_string(data, "published")),
    )
    claims = tuple(_gold_claim(claim) for claim in data["claims"])
    return CorpusArticle(id=_string(data, "id"), article=article, claims=claims)


def _scenario(data: dict[str, Any]) -> Scenario:
    events = tuple(
        ExpectedEvent(
            show=_string(event, "show"),
            season=_season(event["season"]),
            facet=as_facet(event["facet"]),
            old=event["from"],
            new=_string(event, "to"),
        )
        for event in data.get("expect_events", ())
    )
    state: dict[tuple[str, int | None, Facet], str] = {}
    for production, facets in data.get("expect_state", {}).items():
        show, sep, season = str(production).rpartition("|")
        if not sep:
            raise ValueError(f"expect_state key {production!r} is not 'Title|season'")
        number = None if season == "null" else int(season)
        for facet, value in facets.items():
            state[(show, number, as_facet(facet))] = str(value)
    return Scenario(
        name=_string(data, "name"),
        article_ids=tuple(str(aid) for aid in data["articles"]),
        expect_events=events,
        expect_state=state,
    )
