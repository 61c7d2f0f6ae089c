"""What an article has said so far, carried from sentence to sentence while it is read."""

from __future__ import annotations

from dataclasses import dataclass, field

from detector.mentions import Ref


@dataclass
class Context:
    """What the article has said so far, for resolving "the show" and unnamed seasons."""

    topic: Ref | None = None
    seasons: dict[str, int] = field(default_factory=dict)
    renewed: dict[str, int] = field(default_factory=dict)
    cancelled: dict[str, int] = field(default_factory=dict)
    released: set[tuple[str, int | None]] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)
    """How many seasons each show has had, when the article says so."""
    films: set[str] = field(default_factory=set)
    last_film: str | None = None
    denied: set[tuple[str, str]] = field(default_factory=set)
    """(show, value) pairs the article calls false rumours."""
