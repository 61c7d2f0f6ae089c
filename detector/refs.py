"""A reference: a span of a sentence that may name a production."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

RefKind = Literal["show", "season", "anaphor", "foreign"]
SeasonSource = Literal["explicit", "target", "after", "sentence"]


@dataclass(frozen=True, slots=True)
class Ref:
    """A span of a sentence that refers to a production (resolved or not)."""

    start: int
    end: int
    kind: RefKind
    show: str | None = None
    season: int | None = None
    source: SeasonSource | None = None
    excluded: bool = False
    """Named only to be set aside: "aside from X", "unlike X"."""
    filmish: bool = False
    """An anaphor such as "the film" or "the sequel"."""
    pronoun: bool = False
    """An anaphor that is a bare pronoun ("its")."""
    indefinite: bool = False
    """Another work brought in by "a"/"another": it blocks, but does not become the topic."""
    latest: bool = False
    """Points to the newest season named ("the new season", "the final season")."""
    previous: bool = False
    """Points to the season before the newest named ("the previous season", "the prior season")."""
