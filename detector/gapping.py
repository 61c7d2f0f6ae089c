"""Seasons released with the verb left out ("..., and season two on December 22, 2022").

Recaps list a show's seasons with one verb: "Meridian launched season one in 2020 and season
two in 2022", "its first season premiered in March 2021, its second in June 2022". The verb
is read once, for the first season; each later pair of a season and a time joined to it by
"and" or a comma tells that season's release the same way.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from newsmon.detector.candidates import make_release_candidate, make_stage_candidate
from newsmon.detector.consolidate import Candidate
from newsmon.detector.context import Context
from newsmon.detector.model import Certainty
from newsmon.detector.refs import Ref
from newsmon.detector.scan import CueSite
from newsmon.detector.seasons import ORDINALS
from newsmon.detector.timevalues import resolve
from newsmon.detector.timewords import CARDINAL_RE, CARDINAL_WORDS

__all__ = ["GAPPED_RULE", "gapped_releases"]

GAPPED_RULE = "stage.released.gapped"
_ORDINAL = r"(?:second|third|fourth|fifth|sixth|seventh|eighth)"
_SEASON_THEN_TIME = re.compile(
    r"\s*(?:,\s*(?:and\s+|then\s+)?|\s+and\s+(?:then\s+)?)"
    rf"(?:season\s+(?P<n>\d{{1,2}}|{CARDINAL_RE})|(?:its|the)\s+(?P<o>{_ORDINAL})(?:\s+season)?)"
    r"\s+(?:(?:on|in)\s+)?$",
    re.IGNORECASE,
)
"""What stands between one time and the next pair: ", and season two on", ", its second in"."""


def gapped_releases(site: CueSite, ctx: Context, ref: Ref) -> list[Candidate]:
    """The later seasons the sentence releases with the verb left out, after ``ref``'s."""
    scan, season = site.scan, ref.season
    if season is None:
        return []
    times = [t for t in scan.times if t.start >= site.cue.end and t.kind not in {"range", "open"}]
    found: list[Candidate] = []
    for before, time in pairwise(times):
        gap = _SEASON_THEN_TIME.fullmatch(scan.sentence.norm, before.end, time.start)
        if gap is None:
            break
        number = _number(gap.group("n"), gap.group("o"))
        value = resolve(time, scan.published, future=False)
        if number is None or number <= season or value is None:
            break
        if value > scan.published.isoformat():
            break  # a date still ahead is a plan, not a release told in passing
        season = number
        later = replace(ref, season=number, source="explicit")
        found.append(make_stage_candidate(scan, ctx, later, "released", GAPPED_RULE,
                                          offset=gap.start(), as_of=value, dated=True))  # fmt: skip
        found.append(make_release_candidate(scan, ctx, later, value, "release.date.premiered",
                                            offset=gap.start(), certainty=Certainty.confirmed,
                                            as_of=value, dated=True, stage="released"))  # fmt: skip
    return found


def _number(cardinal: str | None, ordinal: str | None) -> int | None:
    if cardinal:
        return int(cardinal) if cardinal.isdigit() else CARDINAL_WORDS.get(cardinal.lower())
    return ORDINALS.get((ordinal or "").lower())
