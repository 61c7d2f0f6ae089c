"""Release listings: the entries of a round-up of premiere or release dates.

"Fall TV premiere dates" round-ups list a title and a date per line, with no verb
("Copper Sky (Halberd), Sept. 5"; "June 13: Saltmarsh"). Such a line dates the
title's release, but only in an article that says it lists dates: elsewhere a
bare title beside a date may be anything (a caption, a byline, a schedule of events).
"""

from __future__ import annotations

import re

from newsmon.detector.candidates import make_release_candidate, make_stage_candidate
from newsmon.detector.consolidate import Candidate
from newsmon.detector.context import Context
from newsmon.detector.dates import find_times
from newsmon.detector.model import Certainty
from newsmon.detector.refs import Ref
from newsmon.detector.scan import SentenceScan
from newsmon.detector.text import Sentence
from newsmon.detector.timevalues import resolve

__all__ = [
    "BRACKETED_RULE",
    "CHART_RULE",
    "LISTING_RULE",
    "bracketed_dates",
    "brackets_a_date",
    "chart_entry",
    "listing_entry",
    "lists_dates",
    "reports_grosses",
]

LISTING_RULE = "release.listing.entry"
_ROUNDUP = re.compile(
    r"\b(?:premiere|release|return|debut|opening)\s+dates\b|\brelease (?:calendar|schedule)\b"
    r"|\b(?:tv|movie|film|streaming)\s+(?:preview|calendar|schedule|guide)\b"
    r"|\bwhen (?:your|all|the) (?:favou?rite )?(?:shows|series|movies|films)"
    r" (?:return|premiere|come back)"
    r"|\b(?:shows|series|movies|films)\s+(?:coming|returning|arriving|premiering)\s+(?:this|next|in)\b",
    re.IGNORECASE,
)
_MAX_WORDS = 12
CHART_RULE = "stage.released.chart-entry"
_GROSSES_STORY = re.compile(
    r"\bbox[- ]office\b|\bweekend (?:grosses|results|chart|top (?:five|ten|10))\b"
    r"|\bopening weekend\b|\bticket sales\b|\b(?:studio|weekend) estimates\b",
    re.IGNORECASE,
)
_CHART_LINE = re.compile(
    r"^\W*(?:\d{1,2}[.)]\s*)?(?P<title>[^$]+?)\s*[,:-]?\s*\$\s?\d[\d.,]*\s*"
    r"(?:million|billion|[mk]|mn|bn)?\W*$",
    re.IGNORECASE,
)
"""'3. Now You See Me - $10.09 million', 'Him, $3.6 million': one row of a box-office chart."""


def lists_dates(sentences: list[Sentence]) -> bool:
    """Whether the headline or the first paragraph says the article lists dates."""
    return any(_ROUNDUP.search(sent.norm) for sent in sentences if sent.paragraph <= 1)


def listing_entry(scan: SentenceScan, ctx: Context) -> list[Candidate]:
    """A verbless line that pairs one catalog title with one day to come."""
    norm = scan.sentence.norm
    ref = _lone_title(scan)
    if ref is None or norm.rstrip().endswith((".", "!", "?")):
        return []
    times = find_times(norm)
    if len(times) != 1 or times[0].get("day") is None:
        return []
    value = resolve(times[0], scan.published, future=True)
    if value is None or value < scan.published.isoformat():
        return []
    published = scan.published.isoformat()
    return [
        make_release_candidate(scan, ctx, ref, value, LISTING_RULE, offset=ref.start,
                               certainty=Certainty.expected, as_of=published, dated=False)
    ]  # fmt: skip


BRACKETED_RULE = "release.listing.bracketed"
_DATE_KINDS = frozenset({"date", "date_dmy", "month_year"})
"""A day or a month with its year: a bare year in brackets is most often a past release's."""
_BRACKET_AFTER = re.compile(r"[\"'\u201d\u2019]?\s*\((?P<date>[^()]{3,30})\)")
_DATING_WORDS = re.compile(
    r"\b(?:new\s+)?(?:dates?|dated|dating|calendar|slate|schedule|slots?|release\s+dates?)\b"
    r"|\b(?:moved|moves|moving|pushed|shifted|rescheduled|redated|postponed|delayed|set|slated|scheduled)\b",
    re.IGNORECASE,
)


_BRACKETED_MONTH = re.compile(
    r"\(\s*(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d",
    re.IGNORECASE,
)


def brackets_a_date(norm: str) -> bool:
    """Whether a sentence holds a month in brackets (a cheap test before reading it)."""
    return "(" in norm and _BRACKETED_MONTH.search(norm) is not None


def bracketed_dates(scan: SentenceScan, ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """Titles dated in brackets in a slate story: "new dates for "X" (March 19, 2021) and ...".

    Only in a sentence about dates, and only for a day or month still ahead: a bracket
    after a title elsewhere is often a year of release, a network or a credit.
    """
    norm = scan.sentence.norm
    if not _DATING_WORDS.search(norm):
        return []
    dated = {c.claim.production for c in found if c.claim.facet == "release"}
    published = scan.published.isoformat()
    out: list[Candidate] = []
    for ref in scan.refs:
        if ref.kind != "show" or ref.excluded or (ref.show, ref.season) in dated:
            continue
        bracket = _BRACKET_AFTER.match(norm, ref.end)
        if bracket is None:
            continue
        times = find_times(bracket.group("date"))
        if len(times) != 1 or times[0].kind not in _DATE_KINDS:
            continue
        value = resolve(times[0], scan.published, future=True)
        if value is None or value < published:
            continue
        out.append(make_release_candidate(scan, ctx, ref, value, BRACKETED_RULE, offset=ref.start,
                                          certainty=Certainty.expected, as_of=published,
                                          dated=False))  # fmt: skip
    return out


def _lone_title(scan: SentenceScan) -> Ref | None:
    """The one catalog title of a short body line that names no other work, if it has one."""
    shows = [r for r in scan.refs if r.kind == "show" and not r.excluded]
    if (
        scan.sentence.is_headline
        or len({r.show for r in shows}) != 1
        or any(r.kind == "foreign" for r in scan.refs)
        or len(scan.sentence.norm.split()) > _MAX_WORDS
    ):
        return None
    return shows[0]


def reports_grosses(sentences: list[Sentence]) -> bool:
    """Whether the article says it reports box-office takings."""
    return any(_GROSSES_STORY.search(sent.norm) for sent in sentences)


def chart_entry(scan: SentenceScan, ctx: Context) -> list[Candidate]:
    """A chart row of a box-office report: a title and its takings, so it is out."""
    norm = scan.sentence.norm
    row = _CHART_LINE.match(norm)
    ref = _lone_title(scan)
    if row is None or ref is None:
        return []
    # The row's title is the catalog title and nothing more (quotes and a year aside).
    rest = norm[row.start("title") : ref.start] + norm[ref.end : row.end("title")]
    if re.sub(r"[\W\d]+", "", rest):
        return []
    return [make_stage_candidate(scan, ctx, ref, "released", CHART_RULE, offset=ref.start)]
