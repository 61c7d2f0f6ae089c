# ruff: noqa: E501  (regular expressions read best unbroken)
"""Read an article for the production status of catalog shows: article in, claims out.

``analyze`` walks the headline and then the body sentence by sentence. In
each sentence it finds references to productions (``mentions``), clauses
(``clauses``), time expressions (``dates``) and rule matches (``rules``); each
match is attached to the production its clause talks about, dated, weighed
(``certainty``) and turned into candidate claims, which ``consolidate`` then
reduces per article. The function is pure and deterministic.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import replace

from newsmon.detector.candidates import DEFAULT_NEXT_SEASON, make_stage_candidate
from newsmon.detector.catalog import Catalog
from newsmon.detector.clauses import split_clauses
from newsmon.detector.consolidate import Candidate, consolidate
from newsmon.detector.context import Context
from newsmon.detector.dates import TimeExpr, find_times
from newsmon.detector.listings import (
    bracketed_dates,
    brackets_a_date,
    chart_entry,
    listing_entry,
    lists_dates,
    reports_grosses,
)
from newsmon.detector.literals import gate
from newsmon.detector.matching import scan_sentence
from newsmon.detector.mentions import (
    QUESTION_CLOSES,
    Ref,
    adverbial,
    find_mentions,
    sentence_refs,
    temporal,
)
from newsmon.detector.model import ArticleInput, Certainty, Claim
from newsmon.detector.periods import Period
from newsmon.detector.possessives import with_possessed_works
from newsmon.detector.refs import SeasonSource
from newsmon.detector.rules import RULES
from newsmon.detector.salience import names_another_story, next_topic
from newsmon.detector.scan import SentenceScan, find_cues, quoted
from newsmon.detector.seasons import ORDINALS, SeasonExpr, find_seasons, season_count
from newsmon.detector.spans import shoot_span, span_told
from newsmon.detector.stage_rules import BOX_OFFICE, PREMIERED
from newsmon.detector.targets import comma_between as _comma_between
from newsmon.detector.text import Sentence, sentences
from newsmon.detector.timevalues import DatedMonths, parse_iso, shift_months
from newsmon.detector.timewords import CARDINAL_RE, CARDINAL_WORDS

logger = logging.getLogger(__name__)

_FILM_RE = re.compile(
    r"\b(?:the|this|its)\s+(?:[\w-]+\s+)?(?:film|movie|sequel)\b"
    r"|\bin (?:theaters|theatres|cinemas)\b"
    r"|\bbox[- ]office\b",
    re.IGNORECASE,
)
_THEATRICAL_RE = re.compile(
    r"\b(?:theaters|theatres|cinemas|theatrical|box[- ]office|multiplexes)\b", re.IGNORECASE
)
"""A cinema release somewhere in the article: a film's arrival on a streamer is then its home release."""
_TITLE_AFTER = re.compile(r"\s*,?\s*[\"'][A-Z]")
_TWEET_RE = re.compile(
    r"(?:pic\.twitter\.com|\(@\w+\))[^\n]*?(?P<date>(?:january|february|march|april|may|june|july|august"
    r"|september|october|november|december)\s+\d{1,2},\s+\d{4})\s*$",
    re.IGNORECASE,
)
_ORDINAL_WORD = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
_COORDINATED_SEASONS = re.compile(
    rf"\b(?P<a>{_ORDINAL_WORD})\s+and\s+(?:an?\s+)?(?P<b>{_ORDINAL_WORD})\b,?\s+(?:(?:final|last)\s+)?seasons?\b",
    re.IGNORECASE,
)
"""'ordered third and fourth seasons', 'a second and a third season'."""
_NUMBERED_SEASONS = re.compile(
    rf"\bseasons\s+(?P<a>\d{{1,2}}|{CARDINAL_RE})\s+(?:and|&)\s+(?P<b>\d{{1,2}}|{CARDINAL_RE})\b",
    re.IGNORECASE,
)
"""'renewed for seasons 4 and 5', 'seasons three and four'."""
_SEASON_RANGE = re.compile(
    r"\bseasons\s+(?P<a>\d{1,2})\s*(?:-|to|through|thru)\s*(?P<b>\d{1,2})\b", re.I
)
"""'seasons 1-3 are streaming now': each season of the run."""
_ORDINAL_IN = re.compile(rf"\b{_ORDINAL_WORD}\b", re.I)
_FILM_WORD = re.compile(r"\b(?:film|movie|feature|picture)\b", re.I)
_SERIES_WORD = re.compile(r"\b(?:show|sitcom|miniseries|docuseries)\b", re.I)
"""'The show' cannot be a title the catalog calls a film (a film 'series' is its franchise)."""
_NOT_A_FILM = re.compile(r"\b(?:show|sitcom|miniseries|docuseries|series)\b", re.I)
"""Nouns that, pointing back, cannot mean a film the story has not named in the sentence."""
_SEASON_OF_ANOTHER = re.compile(r"\s+of\s+(?:his|her|their|(?-i:[A-Z])[\w-]*'s)\s", re.I)
_LISTED_BEFORE = re.compile(
    r"\b(?:among them|including|such as|ahead of|behind|as well as|alongside|beating|edging)\b[^.;:]{0,80}$",
    re.IGNORECASE,
)
_IN_OF_BEFORE = re.compile(r"\b(?:in|of|from)\s+$", re.I)
_QUESTION_AFTER_COLON = re.compile(
    r"[^.;:?!]{0,20}:\s*(?:so\s+)?(?:is|will|has|was|could|are)\s+(?:it|there|the show|they)\b"
    r"[^?]{0,40}?\b(?:renew|cancel|happen|return|back\b|be\b|com(?:e|ing)\b)",
    re.I,
)
"""'X season 2: is it renewed or cancelled?': the season the headline asks about."""
_QUESTION_OPENS = re.compile(
    r"(?:^|[,:;]\s*|\b(?:and|but|so)\s+)(?:will|could|would|can|might|is|are|does|do|has|when|what about)\b[^,;:.?!]*$",
    re.IGNORECASE,
)
"""The clause holding the season opens as a question ("could there be a season 2?"), not an
aside ("isn't it nice that a season 3 is on the way?")."""
_SHOT_IN_RULE = "stage.filming.shot-in"
_SLATE_RE = re.compile(
    r"\bwe (?:have|get|got)\b|\bslate\b|\bline-?up\b|\bin the pipeline\b|\bcoming up\b", re.I
)


def analyze(article: ArticleInput, catalog: Catalog) -> list[Claim]:
    """Claims about catalog shows made by one article, in the order of their evidence."""
    sents = sentences(article.headline, article.text)
    mentions = [find_mentions(sent.norm, catalog, headline=sent.is_headline) for sent in sents]
    if not any(mentions):
        return []  # every claim is about a catalog title the article names somewhere
    mentions = with_possessed_works(sents, mentions)
    # A catalog that says which titles are films is believed; otherwise the text tells.
    films = set(catalog.films) if catalog.declares_kinds else _films(sents, mentions)
    ctx = Context(
        films=films,
        kinds_declared=catalog.declares_kinds,
        instalments=catalog.instalments,
        theatrical=bool(films) and any(_THEATRICAL_RE.search(sent.norm) for sent in sents),
        dated_months=DatedMonths(sents, article.published),
    )
    ctx.long_name_words, ctx.name_words = _name_words(sents)
    tweets = _tweet_dates(sents)
    listing = lists_dates(sents)
    grosses = reports_grosses(sents)
    candidates: list[Candidate] = []
    previous_paragraph = -1
    for sent, named in zip(sents, mentions, strict=True):
        refs = sentence_refs(
            sent.norm,
            named,
            headline=sent.is_headline,
            paragraph_start=sent.paragraph != previous_paragraph,
        )
        previous_paragraph = sent.paragraph
        refs = _resolve(refs, ctx, sent.norm)
        _count_seasons(sent.norm, refs, ctx)
        # With nothing named and nothing to point back to, a rule match has no one to be about.
        about_someone = bool(refs) or ctx.topic is not None
        cues = find_cues(sent.norm) if about_someone else []
        span = span_told(sent.norm) if about_someone else None
        found: list[Candidate] = []
        if (
            cues
            or span
            or len(refs) >= 3
            or ((listing or grosses) and refs)
            or (refs and brackets_a_date(sent.norm))
        ):
            # Clauses and times are only worth finding where a rule matched.
            scan = SentenceScan(
                sentence=sent,
                refs=refs,
                clauses=split_clauses(
                    sent.norm, [(r.start, r.end) for r in refs if r.kind in {"show", "foreign"}]
                ),
                times=_outside_titles(find_times(sent.norm), refs) if cues or span else [],
                published=article.published,
                tweet_date=tweets.get(sent.position),
            )
            found = _coordinated_seasons(scan, scan_sentence(scan, ctx, cues) if cues else [])
            found = _seasons_ordered_together(scan, ctx, found)
            found = _first_seasons_ordered(scan, ctx, found)
            found = _no_film_seasons(found, scan, ctx)
            found.extend(_slate_list(scan, ctx, bool(found)))
            found.extend(bracketed_dates(scan, ctx, found))
            if span and (wraps := shoot_span(scan, ctx, span)):
                # "was shot between November 2020 and March 2021": a shoot told whole is
                # its wrap; its first month is no news of filming.
                found = [c for c in found if c.claim.rule_id != _SHOT_IN_RULE]
                found.extend(wraps)
            if listing and not found:
                found = listing_entry(scan, ctx)
            if grosses and not found:
                found = chart_entry(scan, ctx)
        candidates.extend(found)
        _remember(refs, ctx, sent, {c.claim.production for c in found}, _recaps(found, article))
    claims = [
        c
        for c in consolidate(_after_the_last_season_told(_newest_named_later(candidates, ctx), ctx))
        if not (c.certainty == Certainty.rumored and (c.show, c.value) in ctx.denied)
        and not _unknowable_season(c, ctx)
    ]
    claims = _without_earlier_openings(claims, ctx, article.published)
    logger.debug("%s: %d claims from %d candidates", article.url, len(claims), len(candidates))
    return claims


_LONG_NAME = re.compile(r"(?-i:\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+)")
_LOWER_WORD = re.compile(r"(?-i:\b[a-z][a-z'’-]+\b)")


def _name_words(sents: list[Sentence]) -> tuple[frozenset[str], frozenset[str]]:
    """The words of the article's longer names, and those with its lower-case words added.

    A one-word name opening a statement ("Greyhaven began shooting in Wales") is another
    work when the article never uses it inside a longer name (a person's surname, given
    in full once: "Denis Villeneuve ... Villeneuve began shooting") nor as a common word.
    """
    long_names: set[str] = set()
    lower: set[str] = set()
    for sent in sents:
        for match in _LONG_NAME.finditer(sent.norm):
            long_names.update(w.casefold() for w in match.group(0).split())
        lower.update(w.casefold() for w in _LOWER_WORD.findall(sent.norm))
    return frozenset(long_names), frozenset(long_names | lower)


_NEXT_SEASON_ROLES = {r.id: r.role for r in RULES if r.role in DEFAULT_NEXT_SEASON}
"""The renewal and cancellation rules, by id, with their role."""


def _after_the_last_season_told(candidates: list[Candidate], ctx: Context) -> list[Candidate]:
    """Move a renewal or cancellation that names no season past the last season told.

    "X has been cancelled. Its second season premiered in March": the season that
    will not be made is the third, though the cancellation came first in the story
    (a renewal likewise). Only one left on its default season (the first for a
    cancellation, the second for a renewal) moves; the article's count of seasons
    ("ran for three seasons") or the newest season it says came out settles which
    season follows.
    """
    moved: list[Candidate] = []
    for cand in candidates:
        claim = cand.claim
        role = _NEXT_SEASON_ROLES.get(claim.rule_id)
        if role is not None and claim.season == DEFAULT_NEXT_SEASON[role] and not cand.season_told:
            aired = [s for show, s in ctx.released if show == claim.show and s]
            last = max([ctx.counts.get(claim.show, 0), *aired])
            if last + 1 > claim.season:
                moved.append(replace(cand, claim=replace(claim, season=last + 1)))
                continue
        moved.append(cand)
    return moved


def _newest_named_later(candidates: list[Candidate], ctx: Context) -> list[Candidate]:
    """Give "the final season" told before its number the newest season the article names.

    "X's Final Season Gets a July 21 Premiere", then "Season 4 opens where Season 3
    ended": the final season is the fourth, though the headline came first.
    """
    return [
        replace(cand, claim=replace(cand.claim, season=ctx.newest[cand.claim.show]))
        if cand.newest_unnumbered and ctx.newest.get(cand.claim.show, 0) > 1
        else cand
        for cand in candidates
    ]


_EARLIER_OPENING_RULES = frozenset(
    {
        PREMIERED,
        "release.date.premiered",
        "stage.released.debut-noun",
        "stage.released.now-streaming",
        "stage.released.is-here",
    }
)
"""Rules that say a film came out: in a story that dates its opening ahead, a predecessor's."""


def _without_earlier_openings(claims: list[Claim], ctx: Context, published: dt.date) -> list[Claim]:
    """Drop a film's coming out where the same article puts the film before its opening.

    A film opens once, after it is made. "M3GAN 2.0 opens June 27 ... The
    Blumhouse horror comedy arrived in early 2023": an arrival told beside a
    release still ahead, or dated before the film was still being made ("the
    original arrived on Netflix last month ... the sequel is filming"), is the
    first film's or another work's. An opening within a few months of the date
    ahead (the UK in November, the US in January), a festival premiere before
    the opening and a weekend's takings (a date ahead is then the mistaken one) stay.
    An opening or takings told as just now ("opened to $30 million this weekend")
    likewise make an opening more than a few months before it another work's.
    """
    ahead: dict[str, dt.date] = {}
    made: dict[str, dt.date] = {}
    opened: dict[str, dt.date] = {}
    for c in claims:
        if c.show not in ctx.films or c.certainty == Certainty.rumored:
            continue
        if c.facet == "release" and (first := parse_iso(c.value)) and first > published:
            ahead[c.show] = min(first, ahead.get(c.show, first))
        elif c.facet == "stage" and c.value in _BEFORE_RELEASE and (day := parse_iso(c.as_of)):
            made[c.show] = max(day, made.get(c.show, day))
        elif (first := _just_opened(c, published)) is not None:
            # "opened to $30 million this weekend ... the first film, released in 2015":
            # the film opened just now, so an opening years before is its predecessor's.
            opened[c.show] = min(first, opened.get(c.show, first))
    # Openings ending before this day are not the film's own.
    not_yet = {
        show: dt.date(*shift_months(day, -_STAGGER_MONTHS), 1) for show, day in ahead.items()
    }
    for show, day in opened.items():
        earliest = dt.date(*shift_months(day, -_STAGGER_MONTHS), 1)
        not_yet[show] = max(earliest, not_yet.get(show, earliest))
    for show, day in made.items():
        not_yet[show] = max(day, not_yet.get(show, day))
    return [
        c
        for c in claims
        if not (
            c.rule_id in _EARLIER_OPENING_RULES
            and c.show in not_yet
            and _ends_before(c.value if c.facet == "release" else c.as_of, not_yet[c.show])
        )
    ]


_BEFORE_RELEASE = frozenset(
    {"announced", "pre_production", "filming", "on_hold", "wrapped", "post_production"}
)
"""Stages a film passes through before it comes out."""


def _just_opened(claim: Claim, published: dt.date) -> dt.date | None:
    """The day a film came out, if the claim tells of an opening just before the story."""
    if claim.facet == "release" and claim.rule_id in _EARLIER_OPENING_RULES:
        day = parse_iso(claim.value)
    elif claim.facet == "stage" and claim.rule_id == BOX_OFFICE:
        day = parse_iso(claim.as_of)  # "topped the box office this weekend"
    else:
        return None
    recent = day is not None and published - _JUST_OPENED <= day <= published
    return day if recent else None


_JUST_OPENED = dt.timedelta(days=45)
"""An opening (or takings) this close before the story is news of the film now in cinemas."""
_STAGGER_MONTHS = 3
"""A film opens in one country or on one platform, then elsewhere, within a few months:
an opening this close before a date ahead is the same film's first."""


def _ends_before(value: str, day: dt.date) -> bool:
    try:
        period = Period.parse(value)
    except ValueError:
        return False
    return (period.last or period.first) < day


def _unknowable_season(claim: Claim, ctx: Context) -> bool:
    """Whether a claim's season is only the default, for a show past its first season.

    An article about "the final season" or "the new season" of a show that never
    gives a number cannot tell which season it is; season 1 would be a guess that
    is almost always wrong. The number named anywhere in the article settles it.
    """
    return (
        claim.season == 1
        and claim.show in ctx.latest_unnumbered
        and claim.show not in ctx.newest
        and claim.show not in ctx.counts
    )


def _films(sents: list[Sentence], per_sentence: list[list[Ref]]) -> set[str]:
    """Find the shows the article treats as films ("the film", "in theaters"): they have no seasons."""
    films: set[str] = set()
    topic: str | None = None
    for sent, mentions in zip(sents, per_sentence, strict=True):
        shows = {r.show for r in mentions if r.show}
        if len(shows) == 1:
            topic = next(iter(shows))
        elif len(shows) > 1:
            topic = None
        if topic and len(shows) <= 1 and _speaks_of_film(sent.norm, mentions):
            films.add(topic)
    return films


def _speaks_of_film(norm: str, mentions: list[Ref]) -> bool:
    """Whether the sentence calls its show a film: "the film", "in theaters".

    "the film "Salt Road"" names another work, unless the title is the show's.
    """
    for match in _FILM_RE.finditer(norm):
        if not _TITLE_AFTER.match(norm, match.end()):
            return True
        if any(match.end() <= m.start <= match.end() + 3 for m in mentions):
            return True
    return False


def _tweet_dates(sents: list[Sentence]) -> dict[int, dt.date]:
    """Dates of embedded posts ("... (@handle) January 17, 2016"), for their sentences and quotes."""
    by_paragraph: dict[int, tuple[dt.date, str]] = {}
    paragraphs: dict[int, list[Sentence]] = {}
    for sent in sents:
        paragraphs.setdefault(sent.paragraph, []).append(sent)
    for number, members in paragraphs.items():
        whole = " ".join(s.norm for s in members)
        match = _TWEET_RE.search(whole)
        if match:
            try:
                date = dt.datetime.strptime(match.group("date").title(), "%B %d, %Y").date()
            except ValueError:
                continue
            by_paragraph[number] = (date, _letters(whole))
    dates: dict[int, dt.date] = {}
    if not by_paragraph:
        return dates  # no post to date, nor one to quote
    for sent in sents:
        if sent.paragraph in by_paragraph:
            dates[sent.position] = by_paragraph[sent.paragraph][0]
            continue
        # A sentence quoting the post ("... reads the post") shares its date.
        for quote in re.findall(r"\"([^\"]{20,})\"", sent.norm):
            for date, letters in by_paragraph.values():
                if _letters(quote) in letters:
                    dates[sent.position] = date
    return dates


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _season_from(
    antecedent: Ref, ref: Ref, show: str, ctx: Context
) -> tuple[int | None, SeasonSource | None]:
    """The season an anaphor naming none takes from its antecedent or the article."""
    season = antecedent.season if antecedent.season is not None else ctx.seasons.get(show)
    if ref.latest:
        season = _newest(ctx, show, season)
        if season is None:
            ctx.latest_unnumbered.add(show)
    elif ref.previous:
        # "Season 3 arrives in June; the previous season premiered in 2022": the second.
        newest = _newest(ctx, show, season)
        season = newest - 1 if newest is not None and newest > 1 else None
    if season is None:
        return None, None
    if season == antecedent.season and antecedent.source == "after":
        # "X ended after three seasons. The network cancelled the show": still a count of
        # the seasons made, not a season in view.
        return season, "after"
    return season, "sentence"


def _resolve(refs: list[Ref], ctx: Context, norm: str) -> list[Ref]:
    """Give anaphors and bare seasons their show, from the sentence or the context."""
    shows = [r for r in refs if r.kind == "show" and not r.excluded]
    resolved: list[Ref] = []
    for ref in refs:
        if ref.kind == "anaphor" and _describes_other_work(ref, refs, norm):
            resolved.append(Ref(ref.start, ref.end, "foreign"))
            continue
        if ref.kind in {"anaphor", "season"}:
            antecedent = _antecedent(ref, refs, resolved, shows, ctx, norm=norm)
            if (
                antecedent is None
                or antecedent.kind == "foreign"
                or antecedent.show is None
                or (_FILM_WORD.search(norm, ref.start, ref.end) and _series(ctx, antecedent.show))
                or (_SERIES_WORD.search(norm, ref.start, ref.end) and antecedent.show in ctx.films)
            ):
                # "the film" cannot be a show the catalog calls a series, nor "the show"
                # a film: another work.
                resolved.append(Ref(ref.start, ref.end, "foreign"))
                continue
            show = antecedent.show
            if ref.latest and _SEASON_OF_ANOTHER.match(norm, ref.end):
                # "the coming season of his vigilante comedy series": someone's other show.
                resolved.append(Ref(ref.start, ref.end, "foreign"))
                continue
            if _other_instalment(ref, show, ctx, norm):
                # "The fourth film slides to 2029" while the watched film is the third.
                resolved.append(Ref(ref.start, ref.end, "foreign"))
                continue
            season, source = ref.season, ref.source
            if season is None:
                season, source = _season_from(antecedent, ref, show, ctx)
                season = _after_one_out(season, show, ref, ctx, norm)
            resolved.append(replace(ref, show=show, season=season, source=source))
        elif ref.latest and ref.season is None and ref.show is not None:
            season = _after_one_out(_newest(ctx, ref.show, None), ref.show, ref, ctx, norm)
            if season is None:
                ctx.latest_unnumbered.add(ref.show)
            resolved.append(replace(ref, season=season, source="sentence") if season else ref)
        else:
            resolved.append(ref)
    return resolved


_NEXT_WORD = re.compile(r"\bnext\b", re.IGNORECASE)


def _after_one_out(season: int | None, show: str, ref: Ref, ctx: Context, norm: str) -> int | None:
    """After the newest season named has come out, "the next season" is the one after it.

    "Season 2 ended on Sunday. The next season has been ordered" orders the third; with
    the newest season still to come ("Season 3 was ordered ... the next season films in
    May"), it is that one.
    """
    if season is None or not ref.latest or not _NEXT_WORD.search(norm, ref.start, ref.end):
        return season
    return season + 1 if (show, season) in ctx.released else season


def _other_instalment(ref: Ref, show: str, ctx: Context, norm: str) -> bool:
    """Whether "the fourth film" or "the fifth chapter" numbers another film of the franchise.

    Only a film whose catalog names give its number ("Avatar 3") can be told apart.
    """
    number = ctx.instalments.get(show)
    if number is None or show not in ctx.films:
        return False
    if ref.kind == "season":
        return ref.season is not None and ref.season != number
    ordinal = _ORDINAL_IN.search(norm, ref.start, ref.end)
    return ordinal is not None and ORDINALS.get(ordinal.group(0).lower()) != number


def _antecedent(
    ref: Ref, refs: list[Ref], resolved: list[Ref], shows: list[Ref], ctx: Context, *, norm: str
) -> Ref | None:
    """What an anaphor or a bare season points back to: the sentence's show, or the context's."""
    # "season 2 drew 14 million viewers in its first week": "its" is season 2.
    earlier = [
        r
        for r in resolved
        if r.end <= ref.start
        and not r.excluded
        and (r.kind == "show" or (ref.pronoun and r.kind == "season" and r.show))
    ]
    if ref.kind == "season" and len({r.show for r in shows}) == 1:
        return shows[0]
    if _SERIES_WORD.search(norm, ref.start, ref.end):
        earlier = [r for r in earlier if r.show not in ctx.films]  # "the show" is no film
    possessed = ref.kind == "season" and bool(
        _ITS_RIGHT_BEFORE.search(norm, max(0, ref.start - 8), ref.start)
    )
    if (ref.pronoun or possessed) and _subject_is_other_work(ref, refs, earlier, norm):
        # "Harbor Point takes its final bow", "'Lantern Street' finished production on its 15th
        # season": "its" is that other title's.
        return None
    if ref.filmish and ctx.last_film and not any(r.show in ctx.films for r in earlier):
        return Ref(ref.start, ref.end, "show", show=ctx.last_film)
    if not ref.pronoun:
        # "meant to come out before Northwind, but the series now streams ...": a title in
        # an adverbial phrase is not what "the series" points back to.
        earlier = [
            r
            for r in earlier
            if not _ADVERBIAL_TITLE_BEFORE.search(norm, max(0, r.start - 12), r.start)
        ]
    if earlier:
        return earlier[-1]
    following = _fronted_subject(ref, refs)
    found = following if following is not None else ctx.topic
    if (
        found is not None
        and found.show in ctx.films
        and _NOT_A_FILM.search(norm, ref.start, ref.end)
        and not _IN_OF_BEFORE.search(norm, max(0, ref.start - 5), ref.start)
    ):
        # "the spoof series first hit theaters in 1988": the franchise, not the film ("the
        # sixth film in the series" is the film).
        return None
    return found


_ITS_RIGHT_BEFORE = re.compile(r"\b(?:its|their)\s+$", re.IGNORECASE)
_ADVERBIAL_TITLE_BEFORE = re.compile(
    r"\b(?:before|after|than|like|unlike|ahead of|behind)\s+[\"']?$", re.IGNORECASE
)


def _subject_is_other_work(ref: Ref, refs: list[Ref], earlier: list[Ref], norm: str) -> bool:
    """Whether a pronoun sits in the predicate of a title outside the catalog.

    "Harbor Point takes its final bow": the title, then its verb, then "its". A
    title that only modifies a noun ('the "Lantern" adaptation ... its') is not
    the subject.
    """
    before = [r for r in refs if r.end <= ref.start and r.kind == "foreign" and not r.indefinite]
    if not before:
        return False
    last = max(before, key=lambda r: r.end)
    if any(r.end > last.end for r in earlier):
        return False
    return bool(_PREDICATE_TO_PRONOUN.fullmatch(norm[last.end : ref.start]))


_PREDICATE_TO_PRONOUN = re.compile(
    r"[\"']?(?:,\s+[^,;]{1,60},)?,?\s+(?:(?:has|have|had|is|was|will|would|now|also|finally|then)\s+)*"
    r"(?:has|have|had|takes?|took|taken|makes?|made|gets?|got|ends?|ended|wraps?|wrapped|begins?|began|starts?"
    r"|started|returns?|returned|moves?|moved|shifts?|shifted|closes?|closed|opens?|opened"
    r"|concludes?|concluded|finishes|finished|kicks? off|kicked off|marks?|marked|celebrates?"
    r"|celebrated|launch(?:es|ed)?|premiered|debuted|released|dropped|unveiled)\s+(?:[\w-]+\s+){0,3}?",
    re.IGNORECASE,
)


def _describes_other_work(ref: Ref, refs: list[Ref], norm: str) -> bool:
    """Whether an anaphor is an appositive of a title outside the catalog.

    In '"Skeleton Crew," the series due in 2024', "the series" is Skeleton Crew.
    """
    if ref.pronoun:
        return False
    before = [r for r in refs if r.end <= ref.start]
    if not before:
        return False
    last = max(before, key=lambda r: r.end)
    return last.kind == "foreign" and _comma_between(norm, last.end, ref.start)


def _series(ctx: Context, show: str) -> bool:
    return ctx.kinds_declared and show not in ctx.films


def _newest(ctx: Context, show: str, named: int | None) -> int | None:
    """The season "the new season" means: the highest the article has named for the show.

    A recap of an earlier season ("the cliffhanger that closed season three") is
    often the last season named before "the new season" is; it is not the one meant.
    """
    known = [n for n in (named, ctx.newest.get(show)) if n is not None]
    return max(known) if known else None


def _outside_titles(times: list[TimeExpr], refs: list[Ref]) -> list[TimeExpr]:
    """The times that are not words of a title ("Freakier Friday opens on August 8")."""
    titles = [(r.start, r.end) for r in refs if r.kind in {"show", "foreign"}]
    return [t for t in times if not any(s < t.end and t.start < e for s, e in titles)]


_OF_A_TITLE = re.compile(r"(?<=\bof)\s+[\"']?(?-i:[A-Z])|\s+of\s+[\"']?(?-i:[A-Z])")


def _no_film_seasons(found: list[Candidate], scan: SentenceScan, ctx: Context) -> list[Candidate]:
    """Drop claims on a film the sentence does not name when it speaks of a numbered season.

    "The network's game adaptation was meant to shoot its second season this year, but
    that work is on hold" in a story about a film: a film has no seasons, so the
    statement is about a series the story mentions, not the film in context.
    """
    if not any(c.claim.show in ctx.films for c in found):
        return found
    norm = scan.sentence.norm
    # "the third chapter" may be a film's place in its saga; only a season is a series';
    # "the second season of Peacemaker" names its own series.
    if not any(
        "season" in norm[s.start : s.end].lower() and not _OF_A_TITLE.match(norm, s.end)
        for s in find_seasons(norm)
    ):
        return found
    named = {r.show for r in scan.refs if r.kind == "show"}
    return [c for c in found if c.claim.show not in ctx.films or c.claim.show in named]


def _coordinated_seasons(scan: SentenceScan, found: list[Candidate]) -> list[Candidate]:
    """Give "a third and a fourth season" both seasons: the claim made of one holds for each.

    Only claims of the clause that names the seasons: "debuted in 2019, then moved to
    Halberd for seasons 2 to 4" says nothing of seasons 2 to 4's debut.
    """
    norm = scan.sentence.norm
    # Gated (``detector.literals``): most sentences hold no "seasons" nor two ordinals.
    ordinal = list(gate(_COORDINATED_SEASONS).finditer(norm))
    counted = list(gate(_NUMBERED_SEASONS).finditer(norm))
    runs = list(_SEASON_RANGE.finditer(norm))
    pairs = [(scan.group(m.start()), pair) for m in ordinal if (pair := _season_pair(m))]
    numbered: list[tuple[int, tuple[int, ...]]] = [
        (scan.group(m.start()), pair) for m in counted if (pair := _number_pair(m))
    ]
    numbered += [(scan.group(m.start()), run) for m in runs if (run := _season_run(m))]
    if not pairs and not numbered:
        return found
    spans = [m.span() for m in ordinal + counted + runs]
    named = find_seasons(norm)
    extra: list[Candidate] = []
    kept: list[Candidate] = []
    for found_cand in found:
        cand, season = found_cand, found_cand.claim.season
        mine = [group for clause, group in numbered if clause == cand.group]
        both = [group for clause, group in pairs if clause == cand.group]
        if not (mine or both) or _own_season_named(named, spans, found_cand):
            # "Seasons 2 and 3 were shot together, and season 2 arrived in March".
            kept.append(cand)
            continue
        if mine and season is not None and not any(season in group for group in mine):
            # "renewed for seasons 4 and 5": the seasons named, not the next one guessed.
            season = mine[0][0]
            cand = replace(cand, claim=replace(cand.claim, season=season))
        kept.append(cand)
        for group in [*both, *mine]:
            if season in group:
                extra.extend(
                    replace(cand, claim=replace(cand.claim, season=other))
                    for other in group
                    if other != season
                )
    return kept + extra


_MORE_SEASONS = re.compile(
    rf"\b(?P<n>[2-5]|{CARDINAL_RE})\s+(?:more|further|additional|extra)\s+seasons\b"
    rf"|\b(?P<m>[2-5]|{CARDINAL_RE})-season\s+(?:renewal|extension)\b"
    # "renewed for two seasons", "Peacock picked it up for two seasons": an order's size,
    # the next seasons of a show that has aired, a new show's first ones.
    rf"|\b(?:renewed|pick(?:s|ed)\s+(?:(?:it|them|the\s+(?:series|show|drama|comedy))\s+|(?-i:[A-Z])[^.;,]{{0,40}}?\s+)?up"
    rf"|pick(?:s|ed)\s+up\s+(?:it|them|the\s+(?:series|show|drama|comedy)|(?-i:[A-Z])[^.;,]{{0,40}}?))"
    rf"\s+for\s+(?P<o>[2-5]|{CARDINAL_RE})\s+seasons\b",
    re.IGNORECASE,
)
"""'ordered two further seasons', 'a two-season renewal': the next seasons, each of them (a
'two-season order' may be a new show's first two)."""


_AT_ONCE = re.compile(
    r"\s+(?:at once|from the (?:start|outset|beginning)|right away|straight away|up ?front)\b",
    re.IGNORECASE,
)
"""'ordered for two seasons at once', 'from the start': a show's first order."""


_FIRST_SEASONS = re.compile(
    rf"\b(?:ordered|orders|ordering|committed\s+to|commitment\s+to|greenlit|greenlights)\s+"
    rf"(?:a\s+total\s+of\s+)?(?P<n>[2-5]|{CARDINAL_RE})\s+seasons\b",
    re.IGNORECASE,
)
"""'Netflix has ordered two seasons of X': a new show's first seasons, each of them."""


def _first_seasons_ordered(
    scan: SentenceScan, ctx: Context, found: list[Candidate]
) -> list[Candidate]:
    """Give a new show ordered for several seasons at once each of its first seasons.

    Only a show the article says nothing came out of, ordered as season 1 in the same clause.
    """
    orders = [
        (scan.group(m.start()), count)
        for m in gate(_FIRST_SEASONS).finditer(scan.sentence.norm)
        if 2 <= (count := _season_number(m.group("n")) or 0) <= 5
    ]
    if not orders:
        return found
    extra: list[Candidate] = []
    for cand in found:
        claim = cand.claim
        count = next((n for group, n in orders if group == cand.group), 0)
        aired = any(show == claim.show for show, _ in ctx.released)
        if (
            count
            and claim.facet == "stage"
            and claim.value == "announced"
            and claim.season == 1
            and not aired
            and not ctx.counts.get(claim.show)
        ):
            extra.extend(replace(cand, claim=replace(claim, season=k)) for k in range(2, count + 1))
    return found + extra


def _seasons_ordered_together(
    scan: SentenceScan, ctx: Context, found: list[Candidate]
) -> list[Candidate]:
    """Give an order of several seasons ("renewed for two more seasons") each season it orders.

    The first is the season after the last one the article says came out (the second when
    none did); the others follow it. Only an order in the same clause counts.
    """
    if not found:
        return found
    matches = [
        (m, count)
        for m in gate(_MORE_SEASONS).finditer(scan.sentence.norm)  # only with "seasons"/"-season"
        if 2 <= (count := _season_number(m.group("n") or m.group("m") or m.group("o")) or 0) <= 5
    ]
    if not matches:
        return found
    orders = [(scan.group(m.start()), count) for m, count in matches]
    # A plain size ("for two seasons") may be a new show's first seasons; "two more" never is.
    sized = {scan.group(m.start()) for m, _ in matches if m.group("o")}
    # "picked it up for two seasons at once": the first order, whatever has aired since.
    at_once = {
        scan.group(m.start())
        for m, _ in matches
        if m.group("o") and _AT_ONCE.match(scan.sentence.norm, m.end())
    }
    order_start = matches[0][0].start()
    named = find_seasons(scan.sentence.norm)
    # "After the second season went up, Halberd picked up two more seasons": a season named
    # before the order came before it.
    earlier = max((s.number for s in named if s.end <= order_start), default=0)
    later = [s.number for s in named if s.start >= order_start]
    extra: list[Candidate] = []
    kept: list[Candidate] = []
    for cand in found:
        claim = cand.claim
        count = next((n for group, n in orders if group == cand.group), 0)
        if not count or claim.facet != "stage" or claim.value != "announced" or not claim.season:
            kept.append(cand)
            continue
        aired = [s for show, s in ctx.released if show == claim.show and s]
        after = max([ctx.counts.get(claim.show, 0), earlier, *aired]) + 1
        if after == 1 and (cand.season_told or claim.season != DEFAULT_NEXT_SEASON["renewal"]):
            kept.append(cand)  # nothing said to have come out, and a season of its own
            continue
        if cand.group in at_once or (after == 1 and cand.group in sized):
            first = 1
        else:
            first = max(after, DEFAULT_NEXT_SEASON["renewal"])
        if any(not first <= n < first + count for n in later):
            # "two more seasons, ending after season 4": which seasons is told another way.
            kept.append(cand)
            continue
        # A first order's seasons are known, so nothing after this counts them again.
        told = cand.season_told or first == 1
        kept.append(replace(cand, claim=replace(claim, season=first), season_told=told))
        extra.extend(
            replace(cand, claim=replace(claim, season=first + k), season_told=told)
            for k in range(1, count)
        )
    return kept + extra


def _season_run(match: re.Match[str]) -> tuple[int, ...] | None:
    first, last = int(match.group("a")), int(match.group("b"))
    return tuple(range(first, last + 1)) if 1 <= first < last <= first + 9 else None


def _own_season_named(
    named: list[SeasonExpr], spans: list[tuple[int, int]], cand: Candidate
) -> bool:
    """Whether the season nearest before the cue is a single one named outside the pair."""
    before = [s for s in named if s.end <= cand.offset]
    if not before:
        return False
    nearest = before[-1]
    outside = not any(start <= nearest.start < end for start, end in spans)
    return (
        outside and nearest.number == cand.claim.season and nearest.start > max(e for _, e in spans)
    )


def _number_pair(match: re.Match[str]) -> tuple[int, int] | None:
    first, second = (_season_number(match.group(g)) for g in ("a", "b"))
    return (first, second) if first and second and first != second else None


def _season_number(word: str) -> int | None:
    return int(word) if word.isdigit() else CARDINAL_WORDS.get(word.lower())


def _season_pair(match: re.Match[str]) -> tuple[int, int] | None:
    first, second = (ORDINALS.get(match.group(g).lower()) for g in ("a", "b"))
    return (first, second) if first and second and first != second else None


def _fronted_subject(ref: Ref, refs: list[Ref]) -> Ref | None:
    """The show a fronted phrase's pronoun points ahead to: "Since its 2022 debut, X has ...".

    Only a possessive pronoun at the very start of the sentence qualifies, and
    the show must open the clause after the phrase's comma.
    """
    if not ref.pronoun or ref.start > 40:
        return None
    shows = [r for r in refs if r.kind == "show" and r.start > ref.end and not r.excluded]
    return shows[0] if shows and shows[0].start - ref.end <= 60 else None


def _count_seasons(norm: str, refs: list[Ref], ctx: Context) -> None:
    """Remember "all six seasons" for the show the sentence is about."""
    # "The Four Seasons" is a title, not a count.
    for ref in refs:
        if ref.kind == "show":
            norm = norm[: ref.start] + " " * (ref.end - ref.start) + norm[ref.end :]
    count = season_count(norm)
    if count is None or any(m.group("o") for m in gate(_MORE_SEASONS).finditer(norm)):
        # "picked up X for two seasons" sizes an order; it counts no seasons aired.
        return
    shows = {r.show for r in refs if r.kind == "show" and not r.excluded and r.show}
    if len(shows) == 1:
        ctx.counts[shows.pop()] = count
    elif not shows and ctx.topic is not None and ctx.topic.show:
        ctx.counts[ctx.topic.show] = count


def _asked_about(norm: str, ref: Ref, claimed: set[tuple[str, int | None]]) -> bool:
    """A season only asked about ("Will there be a second season of X?"): not the one meant next."""
    return (
        ref.season is not None
        and (ref.show, ref.season) not in claimed
        and bool(QUESTION_CLOSES.match(norm, ref.end))
        and bool(
            _QUESTION_OPENS.search(norm, 0, ref.start) or _QUESTION_AFTER_COLON.match(norm, ref.end)
        )
    )


_AWAITED_AFTER = re.compile(
    r"(?:[\"'”’]?\s*(?:season|series)\s+(?:\d{1,2}|[a-z]+))?(?:"
    r"\s*(?:premiere|release|return|debut|launch|air)\s+date\b"
    r"|\s+(?:will|would|is\s+(?:set|due|expected)\s+to)\s+(?:finally\s+)?(?:arrive|premiere|debut|return|drop|land|air|come\s+out)\b)",
    re.IGNORECASE,
)
_AWAITED_BEFORE = re.compile(r"\b(?:when|whether|if)\b[^.;,]{0,40}$", re.IGNORECASE)


def _awaited(norm: str, ref: Ref) -> bool:
    """Whether a season is spoken of as still to come: its premiere date, when it will arrive."""
    after = _AWAITED_AFTER.match(norm, ref.end)
    if after is None:
        return False
    return "date" in after.group(0).lower() or bool(_AWAITED_BEFORE.search(norm, 0, ref.start))


_RECAP_AGE = dt.timedelta(days=180)


def _recaps(found: list[Candidate], article: ArticleInput) -> set[tuple[str, int | None]]:
    """Seasons a sentence only recaps: every claim on them is a release long past.

    "The fifth season came out in June 2019", in a story on the sixth, tells history; the
    next sentence's unnamed episodes are still the sixth's.
    """
    by_production: dict[tuple[str, int | None], list[Claim]] = {}
    for candidate in found:
        by_production.setdefault(candidate.claim.production, []).append(candidate.claim)
    return {
        production
        for production, claims in by_production.items()
        if all(
            claim.certainty == Certainty.confirmed
            and (claim.facet == "release" or claim.value == "released")
            and (start := parse_iso(claim.as_of)) is not None
            and start < article.published - _RECAP_AGE
            for claim in claims
        )
    }


def _remember(
    refs: list[Ref],
    ctx: Context,
    sent: Sentence,
    claimed: set[tuple[str, int | None]],
    recaps: set[tuple[str, int | None]],
) -> None:
    sentence_norm = sent.norm
    known = [
        # "Will there be a second season of X?": X is the topic, the season only asked about.
        replace(r, season=None, source=None) if _asked_about(sent.norm, r, claimed) else r
        for r in refs
        if r.show is not None and not r.excluded
    ]
    ctx.awaited.update(
        (ref.show or "", ref.season) for ref in refs if ref.season and _awaited(sentence_norm, ref)
    )
    asides: list[Ref] = []
    for ref in known:
        if ref.show in ctx.films and not _LISTED_BEFORE.search(sentence_norm, 0, ref.start):
            # "stayed ahead of older titles, among them X": a film in a list is not the
            # one "the film" will point back to.
            ctx.last_film = ref.show
        if quoted(sentence_norm, ref.start) and (ref.show, ref.season) not in claimed:
            # "a choice I made in season one": seasons in speech are anecdotes.
            continue
        # "in that show's second season ...", "... not long after the first season finished
        # its run": background, a time, not the season meant.
        if (ref.kind == "season" and adverbial(sentence_norm, ref)) or (
            ref.season is not None and temporal(sentence_norm, ref)
        ):
            asides.append(ref)
            continue
        if ref.season is not None and ref.source in {"explicit", "sentence", "target"}:
            show = ref.show or ""
            if not ((show, ref.season) in recaps and ref.season < ctx.newest.get(show, 0)):
                ctx.seasons[show] = ref.season
            ctx.newest[show] = max(ref.season, ctx.newest.get(show, 0))
    if known:
        shows = {show for show, _ in claimed}
        ctx.topic = next_topic(known, asides, sentence_norm, ctx.topic, shows)
        ctx.topic_at = (sent.paragraph, sent.position)
        if sent.paragraph <= 1:
            ctx.lead.update(r.show for r in known if r.show)
    elif not claimed and any(names_another_story(r, sentence_norm) for r in refs):
        # A title that is not watched opens the sentence: the story moved on. Not when the
        # sentence still claims for the story's title ("Halberd then moved it to May").
        ctx.topic = Ref(0, 0, "foreign")


def _slate_list(scan: SentenceScan, ctx: Context, has_claims: bool) -> list[Candidate]:
    """Read "So, we have X, Y, Z and W": an enumerated slate means each show is announced."""
    shows = [r for r in scan.refs if r.kind == "show" and not r.excluded]
    if has_claims or len({r.show for r in shows}) < 3 or not _SLATE_RE.search(scan.sentence.norm):
        return []
    return [
        make_stage_candidate(scan, ctx, ref, "announced", "stage.announced.slate-list",
                             offset=ref.start, weak=True, role="new")
        for ref in shows
    ]  # fmt: skip
