"""Shows the catalog does not know, named in an article with a status cue: suggestions.

A title is a candidate when the article quotes it the way the trade press
quotes titles (``"Salt Road"`` in the body, ``'Salt Road'`` in a headline)
and it is not a catalog name. The article is then read again with the
candidates added to the catalog; a candidate becomes a suggestion when the
detector makes a claim about it, so the same rules that read the watched
shows decide, and each suggestion carries its evidence and rule id.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from detector.analyze import analyze
from detector.catalog import Catalog
from detector.foreign import NAMING_BEFORE, QUOTED_RE, SINGLE_QUOTED_RE, is_title_case
from detector.model import ArticleInput, Certainty, Facet
from detector.text import sentences

logger = logging.getLogger(__name__)

_TRAILING = ",.;:!? "


@dataclass(frozen=True, kw_only=True, slots=True)
class Suggestion:
    """A title outside the catalog and the status claim an article makes about it."""

    title: str
    """The title as the article writes it."""
    season: int | None
    facet: Facet
    value: str
    certainty: Certainty
    as_of: str
    evidence: str
    rule_id: str


def candidate_titles(article: ArticleInput, catalog: Catalog) -> list[str]:
    """Quoted, title-cased names in the article that are not catalog names, in order."""
    found: dict[str, str] = {}
    for sent in sentences(article.headline, article.text):
        patterns = [QUOTED_RE, SINGLE_QUOTED_RE] if sent.is_headline else [QUOTED_RE]
        for regex in patterns:
            for match in regex.finditer(sent.norm):
                title = match.group(1).strip(_TRAILING)
                if len(title) < 2 or not any(c.isalpha() for c in title):
                    continue
                if not is_title_case(title) or catalog.canonical(title) is not None:
                    continue
                # 'an episode titled "The Long Night"' names an episode, not a show.
                if NAMING_BEFORE.search(sent.norm[max(0, match.start() - 20) : match.start()]):
                    continue
                found.setdefault(title.casefold(), title)
    return list(found.values())


def suggest(article: ArticleInput, catalog: Catalog) -> list[Suggestion]:
    """Status claims the article makes about shows the catalog does not know."""
    titles = candidate_titles(article, catalog)
    if not titles:
        return []
    wider = catalog.extended(titles)
    unknown = {wider.canonical(title) for title in titles} - {None}
    suggestions = [
        Suggestion(
            title=claim.show,
            season=claim.season,
            facet=claim.facet,
            value=claim.value,
            certainty=claim.certainty,
            as_of=claim.as_of,
            evidence=claim.evidence,
            rule_id=claim.rule_id,
        )
        for claim in analyze(article, wider)
        if claim.show in unknown
    ]
    logger.debug(
        "%s: %d suggestions from %d candidates", article.url, len(suggestions), len(titles)
    )
    return suggestions
