"""The case format of ``cases.yaml`` (and of ``bench/probes``): a text and its claims."""

from __future__ import annotations

import datetime as dt
from typing import Any

from newsmon.detector.model import ArticleInput, Claim


def case_article(case: dict[str, Any], site: str = "cases.test") -> ArticleInput:
    """The article a case describes: its headline, text and publication day."""
    return ArticleInput(
        url=f"https://{site}/{case['id']}",
        headline=case.get("headline", ""),
        text=case.get("text", ""),
        published=dt.date.fromisoformat(str(case["pub"])),
    )


def describe(claim: Claim, *, with_as_of: bool) -> str:
    """A claim as a case writes it: ``show|season|facet|value|certainty[|as_of]``."""
    season = "-" if claim.season is None else str(claim.season)
    parts = [claim.show, season, claim.facet, claim.value, claim.certainty.name]
    if with_as_of:
        parts.append(claim.as_of)
    return "|".join(parts)
