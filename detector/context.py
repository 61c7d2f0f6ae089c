"""What an article has said so far, carried from sentence to sentence while it is read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsmon.detector.refs import Ref

if TYPE_CHECKING:
    from newsmon.detector.timevalues import DatedMonths


@dataclass
class Context:
    """What the article has said so far, for resolving "the show" and unnamed seasons."""

    topic: Ref | None = None
    topic_at: tuple[int, int] = (-1, -1)
    """(paragraph, sentence position) where the topic was last named."""
    lead: set[str] = field(default_factory=set)
    """Shows named in the headline or the first paragraph: what the article is about."""
    seasons: dict[str, int] = field(default_factory=dict)
    """The season last talked about, per show."""
    newest: dict[str, int] = field(default_factory=dict)
    """The highest season named so far, per show: what "the new season" means."""
    renewed: dict[str, int] = field(default_factory=dict)
    ordered: dict[str, tuple[int, int]] = field(default_factory=dict)
    """The season the article says was ordered, and the sentence that says so."""
    cancelled: dict[str, int] = field(default_factory=dict)
    released: set[tuple[str, int | None]] = field(default_factory=set)
    awaited: set[tuple[str, int]] = field(default_factory=set)
    """Seasons the article speaks of as still to come ("the season 2 premiere date", "when
    season 2 will arrive"): a finale that aired without a season named is an earlier one's."""
    counts: dict[str, int] = field(default_factory=dict)
    """How many seasons each show has had, when the article says so."""
    films: set[str] = field(default_factory=set)
    kinds_declared: bool = False
    """The catalog says which titles are films: a show not among them is a series."""
    latest_unnumbered: set[str] = field(default_factory=set)
    """Shows whose "final season" or "new season" the article names without a number."""
    instalments: dict[str, int] = field(default_factory=dict)
    """The instalment number of each numbered film ("Avatar 3" is the third)."""
    last_film: str | None = None
    denied: set[tuple[str, str]] = field(default_factory=set)
    """(show, value) pairs the article calls false rumours."""
    theatrical: bool = False
    """The article speaks of cinemas or the box office: a film's streaming date is home video."""
    dated_months: DatedMonths | None = None
    """The years the article gives each month it dates in full ("June 13, 2025")."""
    long_name_words: frozenset[str] = frozenset()
    """Words the article uses inside longer capitalised names: a surname given in full once."""
    name_words: frozenset[str] = frozenset()
    """Words the article uses inside longer capitalised names ("Denis Villeneuve"), or in
    lower case: a one-word subject among them is a person or a common word, not a title."""

    def topic_near(self, paragraph: int, position: int) -> bool:
        """Whether the topic was named close enough to speak for a sentence that names nothing.

        In the same paragraph, at most two sentences back, or anywhere when the
        article is about that show (its headline or first paragraph names it):
        otherwise an unnamed statement far from a passing mention is more
        likely about something else.
        """
        if self.topic is not None and self.topic.show in self.lead:
            return True
        named_paragraph, named_position = self.topic_at
        return paragraph == named_paragraph or position - named_position <= 2
