"""Candidate claims: which season a statement is about, and the claim it makes."""

from __future__ import annotations

import re

from newsmon.detector.consolidate import Candidate
from newsmon.detector.context import Context
from newsmon.detector.model import Certainty, Claim
from newsmon.detector.refs import Ref
from newsmon.detector.rules import Role
from newsmon.detector.scan import SentenceScan
from newsmon.detector.seasons import find_seasons
from newsmon.detector.stage_rules import FESTIVAL_PREMIERE

_AFTER_A_RUN = re.compile(
    r"\b(?:after|since)\s+(?:its|the|their)\s+(?:first\s+|debut\s+|only\s+)?(?:season|run)\s+"
    r"(?:had\s+|has\s+)?(?:ended|finished|concluded|wrapped up|premiered|aired|debuted|launched)\b",
    re.IGNORECASE,
)
"""'cancelled, two months after the season ended': that season came out; the next is lost."""
_OUT_AFTER_SEASON = re.compile(
    r"\s*(?:(?:at least|already|finally|has|had|have)\s+){0,2}"
    # Not "finished" or "wrapped up": as often the season's shoot as its airing.
    r"(?:premiere|finale|ended|concluded|premiered|aired|debuted|run|episodes|went out)\b"
    r"(?!\s+(?:filming|shooting|production|principal photography|its shoot)\b)",
    re.IGNORECASE,
)
"""What tells that a season named came out: "the season 2 premiere", "the second season ended",
"the last episode of its second season went out"."""


def _season_told_as_out(norm: str, number: int) -> bool:
    """Whether the sentence names season ``number`` as one that came out."""
    return any(
        expr.number == number and _OUT_AFTER_SEASON.match(norm, expr.end)
        for expr in find_seasons(norm)
    )


def season_for(
    ctx: Context, ref: Ref, role: Role, inherited: bool, value: str = "", *, sentence: int = -1
) -> int | None:
    """The season a statement of ``role`` is about, for the production ``ref`` names.

    A renewal without a season means the next one; a cancellation the season
    that will not be made; other statements the season named or talked about,
    else season 1. Films have no season.
    """
    show = ref.show or ""
    if show in ctx.films:
        return None
    if value == "released" and ref.source != "explicit":
        season = _season_for(ctx, ref, role, inherited, value)
        ordered = ctx.ordered.get(show)
        # A season not yet made did not come out; what came out is the one before it:
        # "will return for a second season. It rolled out in September 2021" (ordered in
        # another sentence), "the renewal came two weeks after the show premiered"
        # (renewed), "cancelled after a single season; the show arrived in March".
        unmade = (
            (ordered is not None and ordered[0] == season and ordered[1] != sentence)
            or ctx.renewed.get(show) == season
            or ctx.cancelled.get(show) == season
        )
        return season - 1 if season and season > 1 and unmade else season
    return _season_for(ctx, ref, role, inherited, value)


DEFAULT_NEXT_SEASON: dict[Role, int] = {"renewal": 2, "cancel": 1}
"""The season a renewal or cancellation that names none, and follows none told, is put on."""


def _season_for(ctx: Context, ref: Ref, role: Role, inherited: bool, value: str) -> int | None:
    show = ref.show or ""
    if role in {"renewal", "cancel"}:
        return _next_season(ctx, ref, role, inherited)
    if role == "new" and value == "released":
        # "X debuted in 2021": a show's debut is its first season, whatever season
        # the rest of the article is about, unless the sentence names one.
        return ref.season if ref.season is not None and ref.source == "explicit" else 1
    # "returns for its fifth season in the fall"; "renewed for a third season, with
    # production slated to begin in the fall" (but what premiered was an earlier season).
    if ref.season is not None and (
        ref.source in {"explicit", "sentence"}
        or (ref.source == "target" and (not inherited or value != "released"))
    ):
        return ref.season
    if value == "released" and ref.source == "after" and ref.season is not None:
        # "in the middle of its second season": the season on air is the second.
        return ref.season
    if value == "released":
        return ctx.seasons.get(show, 1)
    # After a renewal, what the article says about making the show is about that season.
    return ctx.seasons.get(show) or ctx.renewed.get(show) or 1


def _next_season(ctx: Context, ref: Ref, role: Role, inherited: bool) -> int:
    show = ref.show or ""
    stated = _stated(ref, inherited)
    if stated is not None:
        if (show, stated) in ctx.released and (ref.source in {"explicit", "sentence"}):
            # "the first season premiered in May and was renewed"; "the third season
            # premiered in March, and the show has now been cancelled"; "its first season
            # premiered in 2020. Meridian renewed the show": the next season.
            return stated + 1
        return stated
    if ref.season is None and show in ctx.counts:
        return ctx.counts[show] + 1  # "all six seasons": the next is the seventh
    memory = (ctx.renewed if role == "renewal" else ctx.cancelled).get(show)
    if memory is not None:
        return memory
    number = ref.season
    if number is None:
        number = ctx.seasons.get(show)
    if number is not None:
        made = (show, number) in ctx.released or (role == "renewal" and number == 1)
        # A renewal pointing back to the first season renews the show past it: no show is
        # renewed for the season it began with.
        return number + 1 if made else number
    return DEFAULT_NEXT_SEASON[role]


def _stated(ref: Ref, inherited: bool) -> int | None:
    """The season a renewal or cancellation names itself, if it does."""
    if ref.season is None:
        return None
    if ref.source == "target":
        return ref.season  # "renewed for a third season"
    if ref.source == "after":
        return ref.season + 1  # "cancelled after two seasons"
    if ref.source in {"explicit", "sentence"} and not inherited:
        return ref.season
    return None


def make_stage_candidate(
    scan: SentenceScan,
    ctx: Context,
    ref: Ref,
    value: str,
    rule_id: str,
    *,
    offset: int,
    weak: bool = False,
    role: Role = "same",
    certainty: Certainty = Certainty.confirmed,
    as_of: str | None = None,
    dated: bool = False,
    inherited: bool | None = None,
) -> Candidate:
    """Build a stage candidate for the production ``ref`` names."""
    if inherited is None:
        inherited = ref.kind != "show"
    season = season_for(ctx, ref, role, inherited, value, sentence=scan.sentence.position)
    show = ref.show or ""
    if role == "cancel" and season == 1 and ref.season is None:
        # "cancelled, two months after its third season premiered": the season after
        # the last one the sentence names is the one that will not be made.
        named = [r.season for r in scan.refs if r.show == show and r.season is not None]
        season = max(named) + 1 if named else season
    if (
        role == "cancel"
        and season is not None
        and season == ctx.seasons.get(show, 1)
        and ref.source not in {"explicit", "target", "after"}
        and (show, season) not in ctx.released
        and _AFTER_A_RUN.search(scan.sentence.norm)
    ):
        season += 1  # the season in view came out: the next one is not made
    if (
        role == "cancel"
        and season is not None
        and ref.source in {"explicit", "sentence"}
        and (show, season) not in ctx.released
        and _season_told_as_out(scan.sentence.norm, season)
    ):
        # "cancelled, even though it had promoted the season 2 premiere hard", "the second
        # season at least ended well": the season named came out; the next is not made.
        season += 1
    if role == "renewal" and value == "announced":
        ctx.renewed[show] = season or 0
    if value == "announced" and season:
        ctx.ordered[show] = (season, scan.sentence.position)
    if value == "cancelled":
        ctx.cancelled[show] = season or 0
    if (
        value == "released"
        and role != "new"
        and season
        and season > 1
        and (show, season) in ctx.awaited
        and ref not in scan.refs
    ):
        # "Where things stand on the season 2 premiere date ... Tonight's finale has aired":
        # the season awaited has not come out; the finale was the one before.
        season -= 1
    if value == "released" and rule_id != FESTIVAL_PREMIERE:
        # A festival screening leaves the film's own release to come: "opens in cinemas
        # on October 17 and streams from November 7" still dates it.
        ctx.released.add((show, season))
    claim = Claim(
        show=show, season=season, facet="stage", value=value, certainty=certainty,
        as_of=as_of or scan.published.isoformat(), evidence=scan.sentence.text, rule_id=rule_id,
    )  # fmt: skip
    show_level = _show_level(scan)
    return Candidate(
        claim, scan.sentence.position, offset, scan.sentence.is_headline, weak, dated,
        scan.group(offset), show_level=show_level, season_told=_season_told(ref, show_level),
        newest_unnumbered=_newest_unnumbered(ref, season),
    )  # fmt: skip


def make_release_candidate(
    scan: SentenceScan,
    ctx: Context,
    ref: Ref,
    value: str,
    rule_id: str,
    *,
    offset: int,
    certainty: Certainty,
    as_of: str,
    dated: bool,
    inherited: bool | None = None,
    stage: str = "",
    role: Role = "same",
) -> Candidate:
    """Build a release candidate (a date, window or ``tba``) for the production ``ref`` names."""
    if inherited is None:
        inherited = ref.kind != "show"
    season = season_for(ctx, ref, role, inherited, stage, sentence=scan.sentence.position)
    claim = Claim(
        show=ref.show or "", season=season, facet="release", value=value, certainty=certainty,
        as_of=as_of, evidence=scan.sentence.text, rule_id=rule_id,
    )  # fmt: skip
    show_level = _show_level(scan)
    return Candidate(
        claim, scan.sentence.position, offset, scan.sentence.is_headline, False, dated,
        scan.group(offset), named=_named(scan, ref), show_level=show_level,
        season_told=_season_told(ref, show_level),
        newest_unnumbered=_newest_unnumbered(ref, season),
    )  # fmt: skip


def _newest_unnumbered(ref: Ref, season: int | None) -> bool:
    """Whether "the final/new season" got season 1 only because no number was named yet."""
    return ref.latest and ref.season is None and season == 1


_SEASON_WORD = re.compile(
    r"\b(?:season|seasons|part|parts|episode|episodes|chapter|volume|finale|installment|instalment"
    r"|(?:first|second|third|fourth|fifth|sixth|new|next|latest|last|final)\s+(?:series|run|outing))\b"
    # "its first half premiered on May 2": a part of a season; not "the first half of 2021".
    r"|\b(?:first|second|back|front|final|last|latter)\s+half\b"
    r"(?!\s+of\s+(?:(?:the|this|next|last)\s+year|(?:19|20)\d\d|the\s+(?:decade|month|summer|winter))\b)"
    r"|\bS\d",
    re.IGNORECASE,
)


def _show_level(scan: SentenceScan) -> bool:
    """Whether the sentence speaks of the show as a whole: no season, part or episode named."""
    return _SEASON_WORD.search(scan.sentence.norm) is None


def _season_told(ref: Ref, show_level: bool) -> bool:
    """Whether the sentence names the season itself ("season 3", "its third season")."""
    return (
        ref.season is not None and ref.source in {"explicit", "target", "after"} and not show_level
    )


def _named(scan: SentenceScan, ref: Ref) -> bool:
    """Whether the sentence names the production: its title, or "its" after the title."""
    if not any(r is ref for r in scan.refs):
        return False  # the show the story is about, from an earlier sentence
    return ref.kind == "show" or (
        ref.pronoun
        and any(r.kind == "show" and r.show == ref.show and r.end <= ref.start for r in scan.refs)
    )
