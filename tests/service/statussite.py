"""A generated news site whose articles report the production status of catalog shows.

Article ``n`` is about show ``n % len(STORIES)``, so a handful of productions
each get many articles: crawler processes working at once keep writing to the
same productions. Every article about a show says the same thing in its own
words and on its own day (the news is repeated, never contradicted), so the
state and the change events a crawl stores do not depend on the order in
which the articles happen to be read: one event per facet, whoever reads
first. Filler paragraphs, drawn per article, keep the articles from being
near-duplicates of each other. Hits are counted per path under a lock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tests.service.bigsite import NumberedSite, filler_paragraphs


@dataclass(frozen=True)
class Story:
    """What every article about one production reports, and how it may be put."""

    show: str
    season: int | None
    stage: str
    """The stage every article about it reports (FORMAT.md's value)."""
    sentences: tuple[str, ...]
    """Ways of saying it; one per article, in turn."""


STORIES = (
    Story(
        "Moth & Anchor",
        2,
        "filming",
        (
            'Filming on the second season of "Moth & Anchor" is under way on the '
            "Northumberland coast.",
            'Cameras are rolling again on "Moth & Anchor" season 2, Halcyon confirmed.',
            'The cast of "Moth & Anchor" has begun filming the second season.',
        ),
    ),
    Story(
        "Gravel & Grace",
        1,
        "cancelled",
        (
            '"Gravel & Grace" has been cancelled, the network said on Friday.',
            '"Gravel & Grace" has been cancelled, the network confirmed.',
            'The network confirmed that "Gravel & Grace" has been axed.',
        ),
    ),
    Story(
        "Velvet Static",
        1,
        "wrapped",
        (
            '"Velvet Static" has wrapped filming on its first season.',
            'Production on the first season of "Velvet Static" has wrapped.',
            'The first season of "Velvet Static" wrapped filming this week.',
        ),
    ),
    Story(
        "The Quiet Ledger",
        3,
        "announced",
        (
            '"The Quiet Ledger" has been renewed for a third season.',
            'The network renewed "The Quiet Ledger" for season 3.',
            'A third season of "The Quiet Ledger" has been ordered.',
        ),
    ),
    Story(
        "Ninefold",
        2,
        "on_hold",
        (
            'Production on the second season of "Ninefold" has been halted.',
            'Filming of "Ninefold" season 2 has been suspended.',
            'The studio has shut down production on the second season of "Ninefold".',
        ),
    ),
    Story(
        "Copperline",
        1,
        "post_production",
        (
            'The first season of "Copperline" is now in post-production.',
            '"Copperline" season 1 has entered post-production.',
            'Editors are at work on "Copperline" season 1, which is in post-production.',
        ),
    ),
)


def status_path(number: int) -> str:
    """Where article ``number`` lives."""
    return f"/status/{number:05d}.html"


def story_of(number: int) -> Story:
    """The production article ``number`` reports on."""
    return STORIES[number % len(STORIES)]


class StatusSite(NumberedSite):
    """``count`` status articles and ``/sitemap.xml`` listing them, on 127.0.0.1."""

    prefix = "/status/"

    def __init__(self, count: int, last_day: dt.date | None = None):
        super().__init__(count)
        self.last_day = last_day or dt.datetime.now(dt.UTC).date()

    def day(self, number: int) -> dt.date:
        """The day article ``number`` came out: one article per show and day, going back."""
        return self.last_day - dt.timedelta(days=number // len(STORIES))

    def page(self, number: int) -> tuple[str, list[str]]:
        """One sentence of news about its production, then filler."""
        story = story_of(number)
        turn = number // len(STORIES)
        lead = story.sentences[turn % len(story.sentences)]
        return f"{story.show}: production notes, week {turn + 1}", [
            lead,
            *filler_paragraphs(number, 2),
        ]


__all__ = ["STORIES", "StatusSite", "Story", "status_path", "story_of"]
