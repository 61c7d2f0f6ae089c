"""Shows the catalog does not know, named in an article with a status cue: suggestions.

A title is a candidate when the article quotes it the way the trade press
quotes titles (``"Salt Road"`` in the body, ``'Salt Road'`` in a headline)
and it is not a catalog name. The article is then read again with the
candidates added to the catalog; a candidate becomes a suggestion when the
detector makes a claim about it, so the same rules that read the watched
shows decide, and each suggestion carries its evidence and rule id.

Quoted text is not always a title, so some quotes are never candidates: a
caption written in capitals ("MARCH 2024" chalked on a prop, "DAY 41" on a
clapperboard), words quoted as what a picture's caption or a sign said, a
single everyday word ("You", "Volume"), and a show named only as one a
network passed on (it will not be made there, so it has no status to watch).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from newsmon.detector.analyze import analyze
from newsmon.detector.catalog import Catalog
from newsmon.detector.foreign import NAMING_BEFORE, QUOTED_RE, SINGLE_QUOTED_RE, is_title_case
from newsmon.detector.model import ArticleInput, Certainty, Facet
from newsmon.detector.text import sentences

logger = logging.getLogger(__name__)

_TRAILING = ",.;:!? "

EVERYDAY_ZIPF = 4.5
"""A one-word quote this frequent in English (Zipf scale: 4.5 is about 30 uses per
million words, as "station" or "volume") is an everyday word, not a title."""

_CAPTION_BEFORE = re.compile(
    r"(?:\bcaption(?:ed|s)?(?:\s+(?:it|them|(?:the|a|his|her|their)\s+\w+))?"
    r"|\b(?:caption|sign|card|slate|clapperboard|board|banner|post|note|placard)\b"
    r"[^\"]{0,40}?\b(?:read|reads|reading|said|says)"
    r"|\bwritten\s+on\s+(?:it|(?:the|a)\s+\w+))\s*[:,]?\s*$",
    re.IGNORECASE,
)
"""Words before a quote that make it the text of a caption or a sign, not a title."""

_PASSED_ON = re.compile(
    r"\b(?:pass(?:ed|es|ing)?\s+on|turned\s+down)\s+(?!(?:it|them|that|this)\b)",
    re.IGNORECASE,
)
_CLAUSE_TURN = re.compile(
    r"[;:]|\b(?:but|while|whereas|though|although|yet|instead)\b|\b(?:and|or)\b(?!\s*(?:[\"']|$))",
    re.IGNORECASE,
)
"""Between "passed on" and a quote, these start another clause ("... and ordered"); an
"and" before a quote only continues the list of what was passed on."""


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


def looks_like_title(title: str) -> bool:
    """Whether a quoted name can be a show's title: not a caption in capitals, not an everyday word.

    A single word in capitals ("TRON", "NCIS") can be a title; several words
    in capitals, or capitals with digits, are a caption ("MARCH 2024").
    """
    letters = [c for c in title if c.isalpha()]
    words = title.split()
    capitals = bool(letters) and all(c.isupper() for c in letters)
    if capitals and (len(words) > 1 or any(c.isdigit() for c in title)):
        return False
    word = title.strip(_TRAILING + "\"'").lower()
    # Only a plain word: "X-Men" or "Nine*Lives" are spelled as no everyday word is.
    if len(words) == 1 and word.isalpha():
        from wordfreq import zipf_frequency

        if zipf_frequency(word, "en", wordlist="small") >= EVERYDAY_ZIPF:
            return False
    return True


def _passed_on(before: str) -> bool:
    """Whether the sentence up to a quote says a network passed on what is quoted."""
    ends = [match.end() for match in _PASSED_ON.finditer(before)]
    return bool(ends) and not _CLAUSE_TURN.search(before[ends[-1] :])


def candidate_titles(article: ArticleInput, catalog: Catalog) -> list[str]:
    """Quoted, title-cased names in the article that are not catalog names, in order.

    A name is left out when it does not look like a title (see
    ``looks_like_title``), when it is quoted as a caption or a sign, and when
    every mention of it is as a show a network passed on.
    """
    found: dict[str, str] = {}
    passed_on: set[str] = set()
    for sent in sentences(article.headline, article.text):
        patterns = [QUOTED_RE, SINGLE_QUOTED_RE] if sent.is_headline else [QUOTED_RE]
        for regex in patterns:
            for match in regex.finditer(sent.norm):
                title = match.group(1).strip(_TRAILING)
                if len(title) < 2 or not any(c.isalpha() for c in title):
                    continue
                if not is_title_case(title) or catalog.canonical(title) is not None:
                    continue
                before = sent.norm[: match.start()]
                # 'an episode titled "The Long Night"' names an episode, not a show.
                if NAMING_BEFORE.search(before[-20:]) or _CAPTION_BEFORE.search(before[-80:]):
                    continue
                if not looks_like_title(title):
                    continue
                if _passed_on(before):
                    passed_on.add(title.casefold())
                    continue
                found.setdefault(title.casefold(), title)
    logger.debug("%s: named only as passed on: %s", article.url, passed_on - set(found))
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
