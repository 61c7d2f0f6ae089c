# ruff: noqa: E501  (regular expressions read best unbroken)
"""Shoots told as a span of time: "was shot between March and August 2022".

A shoot that "ran from December 2022 until April 2023" is over, and its end is
the wrap. The span is one time expression ("March to June 2024") or two joined
by "to", "until" or "and" ("was filmed from January 27 to May 7"); the wrap is
dated by its end.
"""

from __future__ import annotations

import re

from newsmon.detector.candidates import make_stage_candidate
from newsmon.detector.consolidate import Candidate
from newsmon.detector.context import Context
from newsmon.detector.refs import Ref
from newsmon.detector.scan import SentenceScan
from newsmon.detector.timevalues import resolve

__all__ = ["SPAN_RULE", "shoot_span", "span_told"]

SPAN_RULE = "stage.wrapped.shoot-span"
_SPAN = re.compile(
    r"\b(?:was|were)\s+(?:\w+ly\s+)?(?:shot|filmed|lensed)\s+(?:[\w-]+\s+){0,3}?(?:between|from)\s+"
    r"|\b(?:the\s+)?(?:shoot|shooting|filming|production|principal photography)(?:\s+(?:on|of|for)\s+[^.;,]{1,60}?)?"
    r"\s+(?:ran|lasted|went|continued|took place)\s+from\s+",
    re.IGNORECASE,
)
_JOINED = re.compile(r"\s*(?:to|until|till|through|and|-)\s*$", re.IGNORECASE)


def span_told(norm: str) -> re.Match[str] | None:
    """Where a sentence starts telling a shoot as a span of time, if it does."""
    return _SPAN.search(norm)


def shoot_span(scan: SentenceScan, ctx: Context, span: re.Match[str]) -> list[Candidate]:
    """The wrap of the shoot ``span`` (from ``span_told``) tells from its start to its end."""
    end = _span_end(scan, span.end())
    ref = _subject(scan, ctx)
    if end is None or ref is None or end > scan.published.isoformat():
        return []
    return [make_stage_candidate(scan, ctx, ref, "wrapped", SPAN_RULE, offset=span.start(),
                                 as_of=end, dated=True)]  # fmt: skip


def _span_end(scan: SentenceScan, start: int) -> str | None:
    # "between March and August 2022" is one expression that holds its "between".
    times = [t for t in scan.times if t.end > start]
    if not times or times[0].start - start > 2:
        return None
    first = times[0]
    value = resolve(first, scan.published, future=False)
    if value is not None and "/" in value:
        return value.split("/")[-1]  # "March to June 2024": the shoot ended in June
    if len(times) < 2 or not _JOINED.fullmatch(scan.sentence.norm[first.end : times[1].start]):
        return None
    return resolve(times[1], scan.published, future=False)


def _subject(scan: SentenceScan, ctx: Context) -> Ref | None:
    named = [
        r
        for r in scan.refs
        if r.show and not r.excluded and r.kind in {"show", "anaphor", "season"}
    ]
    if len({r.show for r in named}) == 1:
        return named[0]
    sentence = scan.sentence
    if (
        not scan.refs
        and ctx.topic is not None
        and ctx.topic_near(sentence.paragraph, sentence.position)
    ):
        return ctx.topic
    return None
