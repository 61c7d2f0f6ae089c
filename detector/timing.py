"""When a matched statement holds: the event's own date, the date it was said, or publication.

FORMAT.md: stated dates win ("production was shut down in May 2023" is
``2023-05``); a statement "said on Friday" holds as of that Friday; otherwise
a claim holds as of the article's publication date.
"""

from __future__ import annotations

import datetime as dt
import re

from newsmon.detector.dates import TimeExpr
from newsmon.detector.scan import CueSite, SentenceScan, quoted
from newsmon.detector.timevalues import parse_iso, resolve

_SAYING = re.compile(
    r"\b(?:said|says|announced|confirmed|revealed|told|wrote|posted|tweeted|reported|stated|explained"
    r"|added|insisted|noted|shared|unveiled|declared)\b",
    re.IGNORECASE,
)
_SAYING_BEFORE = re.compile(_SAYING.pattern + r"[^,;\"]{0,35}$", re.IGNORECASE)
_ANNOUNCING_AFTER = re.compile(
    r"(?:set|gave|named|dated|unveiled|shared|locked)\s+(?:a|an|the|its|their)\b", re.IGNORECASE
)
"""'Netflix on Tuesday set a premiere date': the day it was announced, not the premiere."""
_ANNOUNCEMENT_BEFORE = re.compile(
    r"\b(?:press release|statement|announcement|post|interview|(?<!prime )video|panel|update"
    r"|memo|letter|tweet|newsletter|earnings call|presentation)\s+(?:\w+\s+){0,2}?(?:on\s+)?$",
    re.IGNORECASE,
)
"""'in a press release on Wednesday': the day of the announcement (Prime Video is a service)."""
_DATE_NOUN_BEFORE = re.compile(
    r"\b(?:dates?|premiere|debut|opening|window)\s+(?:of|for|as)\s*$",
    re.IGNORECASE,
)
"""'announced a premiere date of Sept. 1': the date announced, not the day it was said."""
_VERB_BETWEEN = re.compile(
    r"\b(?:will|is|are|opens|premieres|arrives|lands|debuts|returns|to|has|have|had|was|were"
    r"|holds|held|keeps|kept|stays|remains"
    r"|begins|starts|kicks off|commences|resumes|wraps|streams|airs|hits|comes)\b",
    re.IGNORECASE,
)
"""A present or future verb between a verb of speech and a time ("says X will open on
October 4", "said shooting begins on July 17"): the time belongs to what was said, not to
the saying."""
_ADJECTIVE_AFTER = re.compile(r"\s+(?:date|release|premiere|debut|details|plans?)\b", re.IGNORECASE)
"""'its first confirmed date': the participle describes a noun; nothing is said."""
_FOR_ONLY = re.compile(r"\s+for\s+", re.IGNORECASE)
SKIP_TIME_BEFORE = re.compile(
    r"(?:\bfrom|\brather than|\binstead of|\bnot|\bback from|\bsince|\bthan|\bso far)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""Words that make the time after them not the event's own ("since 2020", "rather than")."""
OLD_DATE_BEFORE = re.compile(
    r"\b(?:original|originally planned|previous|prior|old|former|earlier|initial"
    r"|first-announced)\s+$"
    r"|\b(?:previously|originally|formerly|initially)\s+"
    r"(?:(?:set|slated|dated|scheduled|planned|due)\s+)?(?:(?:for|on|in)\s+)?$",
    re.IGNORECASE,
)
"""'its original Aug. 15 release', 'previously set for Jan. 10': a date given up."""
_RAN_FROM = re.compile(
    r"\b(?:ran|aired|played|streamed)\s+(?:on\s+[^.;,]{1,30}?\s+)?from\s+$", re.IGNORECASE
)
"""'ran on Epix from July 28 to September 29': the run's first day is the event's."""
_YEAR_KINDS = frozenset({"date", "date_dmy", "month_year"})
_ONGOING = frozenset({"filming", "on_hold", "post_production"})
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)
"""'shooting since August': a state that began then, so the time is when it began."""
_UNTIL_BEFORE = re.compile(r"\b(?:until|till)\s+(?:at least\s+)?(?:the\s+)?$", re.IGNORECASE)
_GOES_ON = re.compile(
    r"\b(?:continu\w*|goes on|go on|going on|runs?|running|extends?|lasts?)\b", re.I
)
"""A state told as going on ("filming continues into July"): "into" then names its end."""
_STATE_VERB = re.compile(r"(?:has|have|had) been\s", re.IGNORECASE)
"""'has been streaming since March 3': a state, so "since" dates when it began."""
_DAY_KINDS = frozenset({"date", "date_dmy"})
_CALENDAR_KINDS = frozenset({"date", "date_dmy", "month_year", "weekday"})


def said_times(scan: SentenceScan) -> frozenset[int]:
    """Indexes of the times that date a statement ("the network announced Tuesday")."""
    norm = scan.sentence.norm
    said: set[int] = set()
    for index, t in enumerate(scan.times):
        if t.kind not in {"weekday", "date", "date_dmy", "today"}:
            continue
        before = norm[max(0, t.start - 45) : t.start]
        after = norm[t.end : t.end + 12]
        saying = _SAYING_BEFORE.search(before)
        verb = _SAYING.match(before, saying.start()) if saying is not None else None
        if verb is not None and (
            _DATE_NOUN_BEFORE.search(before)
            # "is confirmed for November 15": the date confirmed, not the day of confirming.
            or _FOR_ONLY.fullmatch(before, verb.end())
            or (
                not _ADJECTIVE_AFTER.match(before, verb.end())
                and _VERB_BETWEEN.search(before, verb.end())
            )
        ):
            # "says X will open on October 4", "announced a premiere date of Sept. 1":
            # the date is the opening's, not the saying's.
            saying = None
        if (
            saying is not None
            or _SAYING.match(after.strip())
            or _ANNOUNCING_AFTER.match(after.strip())
            or _ANNOUNCEMENT_BEFORE.search(before)
        ):
            said.add(index)
    return frozenset(said)


def event_time(site: CueSite) -> str | None:
    """The past date of the event a match states, from a time in its clause; None if none."""
    scan, cue = site.scan, site.cue
    norm = scan.sentence.norm
    candidates: list[tuple[int, TimeExpr]] = []
    for index, t in enumerate(scan.times):
        if index not in site.said and cue.start <= t.start and t.end <= cue.end:
            return _resolve_past(scan, index, site.said)  # "its 2022 debut"
    for index, t in enumerate(scan.times):
        if index in site.said or t.kind in {"range", "open"}:
            continue
        if scan.clauses.at(t.start).id != site.clause.id:
            continue
        if (
            SKIP_TIME_BEFORE.search(norm[max(0, t.start - 20) : t.start])
            and not (
                (cue.rule.value in _ONGOING or _STATE_VERB.match(norm, cue.start))
                and _SINCE_BEFORE.search(norm[max(0, t.start - 12) : t.start])
            )
            and not _RAN_FROM.search(norm[max(0, t.start - 50) : t.start])
        ):
            continue
        if cue.rule.value in _ONGOING and (
            t.get("rel") in {"until", "till"}
            or _UNTIL_BEFORE.search(norm, max(0, t.start - 12), t.start)
            or (t.get("rel") == "into" and _GOES_ON.search(norm, cue.start, t.start))
        ):
            # "on hiatus until January", "filming continues into July": when the state
            # ends, not when it began.
            continue
        if (
            cue.end <= t.start < site.next_start
            and t.start - cue.end <= 70
            and not _ANOTHER_EVENTS_VERB.search(norm, cue.end, t.start)
            and not _BEFORE_WHAT_FOLLOWS.search(norm, max(0, t.start - 30), t.start)
        ):
            candidates.append((index, t))
    if not candidates:
        return _halt_when_time(site) or _time_before_match(site)
    index = candidates[0][0]
    restated = restating(scan, index)
    kind = scan.times[index].kind
    if kind in _VAGUE_RECENT or (
        kind == "offset" and restated != index and scan.times[restated].explicit_year
    ):
        # "landed over the weekend, on July 11"; "two years later, in January 2023" (a
        # yearless day after an offset may lie ahead of the story, so only a dated one).
        index = restated
    return _resolve_past(scan, index, site.said)


_VAGUE_RECENT = frozenset({"week_rel", "today"})
_BEFORE_WHAT_FOLLOWS = re.compile(
    r"\b(?:ahead of|in advance of|before)\s+(?:its|their|the)\s+(?:[\w-]+\s+)?$", re.IGNORECASE
)
"""'renewed ahead of its January 18 premiere': the date of what comes after, not the renewal's."""
_ANOTHER_EVENTS_VERB = re.compile(
    r"\b(?:since|when|after|before|until|as)\s+(?:the\s+|a\s+)?"
    r"(?!it\b|the (?:show|series|film|movie)\b)[\w'-]+(?:\s+[\w'-]+){0,3}"
    r"\s+(?:began|started|hit|struck|broke out|ended|arrived)\s+$",
    re.IGNORECASE,
)
"""'a record since the pandemic began last year': the time of another event's verb."""


_APPOSITION = re.compile(r"\s*,\s*(?:on|in)?\s*")


def restating(scan: SentenceScan, index: int) -> int:
    """The time at ``index``, or the one right after that restates it ("next year, on May 2")."""
    if index + 1 < len(scan.times):
        t, following = scan.times[index], scan.times[index + 1]
        # "on November 9, a couple of days after ...": a count from another event restates
        # nothing, nor does a holiday it comes before ("Nov. 26, ahead of Thanksgiving").
        if (
            following.kind not in {"offset", "ahead"}
            and not following.get("by")
            and _APPOSITION.fullmatch(scan.sentence.norm[t.end : following.start])
        ):
            return index + 1
    return index


_NOW_BETWEEN = re.compile(r"\b(?:now|currently|at present|these days)\b", re.IGNORECASE)


_OPENING_PARTICIPLE = re.compile(
    r"(?:(?:first|originally|initially|officially|once|already|quietly)\s+)*"
    r"(?:announced|ordered|greenlit|green-lit|renewed|commissioned|shot|filmed|lensed|"
    r"unveiled|revealed|teased|previewed|pitched|written|cast|delayed|postponed|conceived|developed|completed|finished|wrapped)\b[^,;]{1,80},",
    re.IGNORECASE,
)
"""'First announced at the end of 2020, X is finally here': a sentence opened by a step
taken. Its time is that step's, not the main statement's. A plan fronted so ("Set to
open on May 2, X is ...") is left: its date is the statement's."""


def _time_before_match(site: CueSite) -> str | None:
    """The last time before the match in its clause, else the one a ", when" clause restates."""
    scan, cue = site.scan, site.cue
    opening = _OPENING_PARTICIPLE.match(scan.sentence.norm)
    step_end = opening.end() if opening is not None and opening.end() <= cue.start else 0
    before = [
        index
        for index, t in enumerate(scan.times)
        if index not in site.said
        and t.kind not in {"range", "open"}
        and t.end <= cue.start
        and scan.clauses.at(t.start).id == site.clause.id
        and t.start >= site.prev_end
        and t.start >= step_end
    ]
    if before:
        if _NOW_BETWEEN.search(scan.sentence.norm[scan.times[before[-1]].end : cue.end]):
            return None  # "wrapped in March and is now in post-production": now, not March
        return _resolve_past(scan, before[-1], site.said)
    return _time_before_when(site)


_WHEN_AFTER_HALT = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:when|as soon as|once)\b[^.;]{0,70}$", re.IGNORECASE
)
_WHEN_BEFORE_TIME = re.compile(r"\b(?:when|as soon as|once)\b[^.;,]{0,70}$", re.IGNORECASE)
_TO_HALT = re.compile(r"^[^.;]{0,70}$")


def _halt_when_time(site: CueSite) -> str | None:
    """The time of the event a halt came with: "shut down when the actors struck in July".

    A halt is dated by the "when" clause that tells what stopped it, before or after it.
    """
    scan, cue = site.scan, site.cue
    if cue.rule.value != "on_hold":
        return None
    norm = scan.sentence.norm
    for index, t in enumerate(scan.times):
        if index in site.said or t.kind in {"range", "open", "offset"}:
            continue
        if t.start >= cue.end and _WHEN_AFTER_HALT.match(norm[cue.end : t.start]):
            return _resolve_past(scan, index, site.said)
        if (
            t.end <= cue.start
            and t.start >= site.prev_end
            and _WHEN_BEFORE_TIME.search(norm[max(0, t.start - 80) : t.start])
            and "," in norm[t.end : cue.start]
            and _TO_HALT.match(norm[t.end : cue.start])
        ):
            return _resolve_past(scan, index, site.said)
    return None


_WHEN_GAP = re.compile(r"\s*,\s*$")


def _time_before_when(site: CueSite) -> str | None:
    """The time a ", when ..." clause restates, right before its comma.

    "Knocked off course in 2023, when the strikes forced a pause" dates the pause 2023.
    """
    scan = site.scan
    if site.clause.kind != "background":
        return None
    start = min(s for s, _, cid in scan.clauses.segments if cid == site.clause.id)
    if not re.match(r"\s*when\b", scan.sentence.norm[start:], re.IGNORECASE):
        return None
    for index, t in enumerate(scan.times):
        if index in site.said or t.kind in {"range", "open", "offset"}:
            continue
        if _WHEN_GAP.fullmatch(scan.sentence.norm[t.end : start]):
            return _resolve_past(scan, index, site.said)
    return None


def withdrawal_time(site: CueSite) -> str | None:
    """When a date was given up: a time before the match, or a month or day after it.

    A full date right after the match, or inside it, is the date withdrawn
    ("vacated its December 13 date", "no longer opens on May 2"), not when.
    """
    scan, cue = site.scan, site.cue
    chosen: int | None = None
    for index, t in enumerate(scan.times):
        if index in site.said or t.kind in {"range", "open"}:
            continue
        if scan.clauses.at(t.start).id != site.clause.id or cue.start <= t.start < cue.end:
            continue
        if OLD_DATE_BEFORE.search(scan.sentence.norm, max(0, t.start - 30), t.start):
            continue  # "X, previously set for Nov. 1, was pulled": the date given up
        if t.end <= cue.start and t.start >= site.prev_end:
            chosen = index
        elif t.start >= cue.end and chosen is None and t.kind not in _DAY_KINDS:
            chosen = index
            break
    return _resolve_past(scan, chosen, site.said) if chosen is not None else None


_RANGE_LINK = re.compile(r"\s*(?:to|until|till|through|and|-|–)\s*", re.IGNORECASE)


def _range_end(scan: SentenceScan, index: int) -> dt.date | None:
    """The dated end of a range a yearless day opens ("July 28 to September 29, 2019")."""
    if index + 1 >= len(scan.times):
        return None
    end = scan.times[index + 1]
    norm = scan.sentence.norm
    if end.kind != "date" or not end.explicit_year:
        return None
    if not _RANGE_LINK.fullmatch(norm, scan.times[index].end, end.start):
        return None
    value = resolve(end, scan.published, future=False)
    return parse_iso(value) if value else None


def _resolve_past(scan: SentenceScan, index: int, said: frozenset[int]) -> str | None:
    t = scan.times[index]
    anchor: dt.date | None = scan.published
    now = scan.published
    if t.kind == "offset":
        anchor = _offset_anchor(scan, index, said)
        if anchor is None:
            return None
    elif (
        t.kind == "month_only"
        and t.get("rel") not in {"last", "this", "next"}
        and not t.get("yrel")
    ):
        # "premiered in October 2023 and was renewed in November": November 2023.
        year_dated = [o for o in scan.times[:index] if o.explicit_year and o.kind in _YEAR_KINDS]
        base = resolve(year_dated[-1], scan.published, future=False) if year_dated else None
        start = parse_iso(base) if base else None
        if start is not None:
            return resolve(t, start, future=True)
    elif t.kind == "date" and not t.explicit_year:
        # "from July 28 to September 29, 2019": the range's one year is both ends'.
        now = _range_end(scan, index) or now
    value = resolve(t, now, future=False, anchor=anchor)
    if value is None:
        return None
    first = value.split("/")[0]
    if first > scan.published.isoformat()[: len(first)]:
        return None
    return value


def _offset_anchor(scan: SentenceScan, index: int, said: frozenset[int]) -> dt.date | None:
    """The date an offset counts from: the last date named before it, else when it was said.

    "renewed in October 2022, a month after season 2 wrapped" puts the wrap in
    September 2022; "premiered on May 1 and was renewed three weeks later"
    puts the renewal on May 22. Without such a date, "later" has no anchor
    and "six months after" counts back from the statement.
    """
    earlier = [
        resolve(o, scan.published, future=False)
        for i, o in enumerate(scan.times[:index])
        if o.kind in _CALENDAR_KINDS and i not in said
    ]
    if earlier and earlier[-1] is not None:
        return parse_iso(earlier[-1])
    t = scan.times[index]
    if t.get("dir") in {"later", "on"}:
        return None
    said_dates = [resolve(scan.times[i], scan.published, future=False) for i in sorted(said)]
    if said_dates and said_dates[0]:
        return parse_iso(said_dates[0]) or scan.published
    return scan.published


def statement_date(site: CueSite) -> str:
    """When it was said: a "said on" date in its clause, a post's date, or publication."""
    scan = site.scan
    in_quote = quoted(scan.sentence.norm, site.cue.start)
    for index in sorted(site.said):
        t = scan.times[index]
        if (
            in_quote
            or scan.clauses.at(t.start).id == site.clause.id
            or scan.clauses.at(t.start).parent == site.clause.id
        ):
            value = resolve(t, scan.published, future=False)
            if value:
                return value
    if scan.tweet_date is not None:
        return scan.tweet_date.isoformat()
    return scan.published.isoformat()


def as_of(site: CueSite, event: str | None) -> tuple[str, bool]:
    """The claim's as_of and whether it comes from a date stated for the event."""
    if event is not None:
        return event, True
    return statement_date(site), False
