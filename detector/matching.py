# ruff: noqa: E501  (regular expressions read best unbroken)
"""The thin matcher: run the rule table over one sentence and build candidate claims."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detector import certainty as cert
from detector.clauses import Clause, Clauses
from detector.consolidate import Candidate
from detector.dates import TimeExpr, resolve
from detector.mentions import Ref
from detector.model import Certainty, Claim
from detector.rules import RULES, Role, Rule
from detector.text import Sentence

if TYPE_CHECKING:
    from detector.analyze import Context

_SAYING = re.compile(
    r"\b(?:said|says|announced|confirmed|revealed|told|wrote|posted|tweeted|reported|stated|explained"
    r"|added|insisted|noted|shared|unveiled|declared)\b",
    re.IGNORECASE,
)
_NOT_A_SHOW = re.compile(
    r"\b(?:album|soundtrack|single|song|songs|record|trailer|teaser|novel|book|podcast|clip|video|photo"
    r"|image|poster|footage|documentary|statement|report|petition|crew|cast|merchandise|tour|play"
    r"|room|office|doors|window|hashtag|campaign)\b[^,;]{0,40}$",
    re.IGNORECASE,
)
_GENERIC_OBJECT = re.compile(
    r"^\s+(?:(?:two|three|four|five|several|many|some|all|a number|a handful|dozens|both)\b[\w\s-]{0,30}?"
    r"(?:series|shows|projects|dramas|comedies|titles|co-productions|productions|pilots)\b)",
    re.IGNORECASE,
)
_BACKGROUND_PREP = re.compile(
    r"\b(?:since|after|before|following|until|despite|over)\s+(?:its|the|their)?\s*$", re.I
)
_SKIP_TIME_BEFORE = re.compile(
    r"(?:\bfrom|\brather than|\binstead of|\bnot|\bback from|\bsince|\bthan)\s+(?:the\s+)?$", re.I
)
_GENERIC_SUBJECT = re.compile(
    r"\b(?:shows|dramas|comedies|projects|networks|streamers)\s+(?:that\s+|which\s+)?"
    r"(?:(?:they|it|have|had|were|been|was)\s+)*$",
    re.I,
)
_OBJECT_NP = re.compile(
    r"\s+(?:its|their|his|her|a|an|two|three|four|several|some|all|\w+'s)\s+(?!season|series|run|(?:days?|weeks?|months?|years?)\b)",
    re.I,
)
_FINALE = re.compile(r"\bfinale\b|\blast episode\b|\bfinal episode\b", re.I)
_PAST_RELEASE = re.compile(
    r"(?:ed|came out|hit \w+|bowed)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SentenceScan:
    """Everything found in one sentence that the rules need."""

    sentence: Sentence
    refs: list[Ref]
    clauses: Clauses
    times: list[TimeExpr]
    published: dt.date
    tweet_date: dt.date | None


@dataclass(frozen=True, slots=True)
class Cue:
    """One rule match in a sentence."""

    rule: Rule
    start: int
    end: int


def find_cues(norm: str) -> list[Cue]:
    """Find the matches of every rule in a normalised sentence, in order."""
    lowered = norm.lower()
    found = [Cue(rule, m.start(), m.end()) for rule in RULES for m in rule.finditer(norm, lowered)]
    found.sort(key=lambda c: (c.start, c.end))
    return found


def _clause_text(scan: SentenceScan, clause: Clause) -> str:
    return " ".join(
        scan.sentence.norm[s:e] for s, e, cid in scan.clauses.segments if cid == clause.id
    )


def _clause_before(scan: SentenceScan, pos: int) -> str:
    for start, end, _ in scan.clauses.segments:
        if start <= pos < end:
            return scan.sentence.norm[start:pos]
    return scan.sentence.norm[:pos]


def quoted(text: str, pos: int) -> bool:
    """Tell whether ``pos`` lies inside a double-quoted span."""
    return text[:pos].count('"') % 2 == 1


def _said_times(scan: SentenceScan) -> set[int]:
    norm = scan.sentence.norm
    said: set[int] = set()
    for index, t in enumerate(scan.times):
        if t.kind not in {"weekday", "date", "date_dmy", "today"}:
            continue
        before = norm[max(0, t.start - 45) : t.start]
        after = norm[t.end : t.end + 12]
        if re.search(_SAYING.pattern + r"[^,;\"]{0,35}$", before, re.I) or _SAYING.match(
            after.strip()
        ):
            said.add(index)
    return said


def scan_sentence(scan: SentenceScan, ctx: Context, cues: list[Cue]) -> list[Candidate]:
    """Candidate claims from one sentence's rule matches (``find_cues``)."""
    norm = scan.sentence.norm
    said = _said_times(scan)
    denied_parts = {
        scan.clauses.part(m.start())
        for m in re.finditer(r"[^;:]+", norm)
        if cert.denies(m.group(0))
    }
    fan = cert.fan_quote(norm)
    results: list[Candidate] = []
    for _index, cue in enumerate(cues):
        if scan.clauses.part(cue.start) in denied_parts:
            clause = scan.clauses.at(cue.start)
            for ref in _targets(scan, ctx, cue, clause, cue.rule):
                ctx.denied.add((ref.show or "", cue.rule.value or "release"))
            continue
        if fan and quoted(norm, cue.start):
            continue
        next_start = min((c.start for c in cues if c.start > cue.start), default=len(norm))
        prev_end = max((c.end for c in cues if c.end <= cue.start), default=0)
        results.extend(_handle(scan, ctx, cue, said, prev_end, next_start))
    return results


def _handle(  # noqa: PLR0911, PLR0917, PLR0912
    scan: SentenceScan, ctx: Context, cue: Cue, said: set[int], prev_end: int, next_start: int
) -> list[Candidate]:
    norm = scan.sentence.norm
    rule = cue.rule
    clause = scan.clauses.at(cue.start)
    clause_text = _clause_text(scan, clause)
    before = _clause_before(scan, cue.start)
    after = norm[cue.end : cue.end + 60]
    if cert.conditional(before) or _GENERIC_OBJECT.match(norm[cue.end :]):
        return []
    if _GENERIC_SUBJECT.search(before):
        return []
    noun = re.search(r"(?:ion|al)$", norm[cue.start : cue.end], re.I)
    if noun and _BACKGROUND_PREP.search(norm[max(0, cue.start - 25) : cue.start]):
        return []
    if rule.id in {"release.verb", "stage.released.premiered"} and _NOT_A_SHOW.search(before):
        return []
    targets = _targets(scan, ctx, cue, clause, rule)
    if not targets:
        return []
    if (
        rule.value in {"announced", "cancelled"}
        and _OBJECT_NP.match(norm[cue.end :])
        and not any(cue.end <= r.start < cue.end + 45 for r in scan.refs)
    ):
        # "renewing its longest-running drama": the object is something else.
        return []
    hedge = cert.hedged(clause_text, before) or (
        scan.sentence.is_headline and cert.question(scan.sentence.norm)
    )
    negative = cert.negated(before)
    modal = re.search(r"\b(?:may|might|could|would|will|can|should)\s+(?:\w+\s+){0,2}$", before)
    event = None if modal else _event_time(scan, cue, clause, said, prev_end, next_start)
    as_of, dated = _as_of(scan, cue, clause, said, event)
    out: list[Candidate] = []
    if rule.kind in {"stage", "plan"}:
        value, plan = rule.value, rule.kind == "plan"
        if negative:
            if plan or rule.negated is None:
                return []
            value, hedge, plan = rule.negated, False, False
        elif rule.kind == "stage" and cert.future(before, after):
            if rule.past_only:
                return []
            if value in {"pre_production", "filming"}:
                value, plan = "pre_production", True
        if plan:
            if cert.old_plan(clause_text):
                return []
            event, dated = None, False
            as_of = _statement_date(scan, cue, clause, said)
        elif clause.kind == "background" and event is None:
            return []
        level = cert.certainty_for(is_hedged=hedge, is_plan=plan)
        for ref in targets:
            inherited = ref not in scan.refs or scan.clauses.at(ref.start).id != clause.id
            out.append(
                make_stage_candidate(scan, ctx, ref, value, rule.id, offset=cue.start, weak=plan,
                                     role=rule.role, certainty=level, as_of=as_of, dated=dated,
                                     inherited=inherited)
            )  # fmt: skip
        return out
    if rule.kind == "released":
        return _released(scan, ctx, cue, targets, event, as_of, clause_text)
    if rule.kind == "tba":
        level = cert.certainty_for(is_hedged=hedge, is_plan=False)
        return [
            _release_candidate(scan, ctx, ref, "tba", rule.id, cue, level, as_of, dated=False)
            for ref in targets
        ]
    return _release(scan, ctx, cue, targets, said, next_start, hedge, negative, clause, clause_text)


def _targets(scan: SentenceScan, ctx: Context, cue: Cue, clause: Clause, rule: Rule) -> list[Ref]:
    refs = [r for r in scan.refs if not r.excluded]
    in_clause = [r for r in refs if scan.clauses.at(r.start).id == clause.id]
    if not in_clause and clause.parent is not None:
        in_clause = [
            r for r in refs if scan.clauses.at(r.start).id == clause.parent and r.end <= cue.start
        ]
        in_clause = in_clause[-1:]
    if rule.needs_explicit and not in_clause:
        return []
    if not in_clause:
        earlier = [r for r in refs if r.end <= cue.start]
        if earlier:
            in_clause = earlier[-1:]
        elif ctx.topic is not None:
            in_clause = [ctx.topic]
    if not in_clause:
        return []
    nearest = min(
        in_clause,
        key=lambda r: (cue.start - r.end) if r.end <= cue.start else (r.start - cue.end) + 0.5,
    )
    group = _coordinated(scan.sentence.norm, in_clause, nearest)
    return [r for r in group if r.kind != "foreign" and r.show is not None]


def _coordinated(norm: str, refs: list[Ref], nearest: Ref) -> list[Ref]:
    shows = [r for r in refs if r.kind == "show"]
    if nearest not in shows:
        return [nearest]
    index = shows.index(nearest)
    group = [nearest]

    def joined(a: Ref, b: Ref) -> bool:
        gap = re.sub(
            r"(?:(?:season|series)\s+\w+(?:\s+of)?|\bthe\b)", " ", norm[a.end : b.start], flags=re.I
        )
        return bool(re.fullmatch(r"[\s\"',]*(?:(?:and|&|or|as well as)\s*)?[\s\"',]*", gap))

    i = index
    while i > 0 and joined(shows[i - 1], shows[i]):
        group.insert(0, shows[i - 1])
        i -= 1
    i = index
    while i + 1 < len(shows) and joined(shows[i], shows[i + 1]):
        group.append(shows[i + 1])
        i += 1
    return group


def _event_time(  # noqa: PLR0917
    scan: SentenceScan, cue: Cue, clause: Clause, said: set[int], prev_end: int, next_start: int
) -> str | None:
    norm = scan.sentence.norm
    candidates: list[tuple[int, TimeExpr]] = []
    for index, t in enumerate(scan.times):
        if index in said or t.kind in {"range", "open"}:
            continue
        if scan.clauses.at(t.start).id != clause.id:
            continue
        if _SKIP_TIME_BEFORE.search(norm[max(0, t.start - 20) : t.start]):
            continue
        if cue.end <= t.start < next_start and t.start - cue.end <= 70:
            candidates.append((index, t))
    if not candidates:
        for index, t in enumerate(scan.times):
            if index in said or t.kind in {"range", "open"} or t.end > cue.start:
                continue
            if scan.clauses.at(t.start).id == clause.id and t.start >= prev_end:
                candidates.append((index, t))
        candidates = candidates[-1:]
    if not candidates:
        return None
    index, t = candidates[0]
    return _resolve_past(scan, index, said)


def _resolve_past(scan: SentenceScan, index: int, said: set[int]) -> str | None:
    t = scan.times[index]
    anchor = scan.published
    if t.kind == "offset":
        if t.get("dir") in {"later", "on"}:
            earlier = [
                resolve(o, scan.published, future=False)
                for o in scan.times[:index]
                if o.kind in {"date", "date_dmy", "month_year", "weekday"}
            ]
            if not earlier or earlier[-1] is None:
                return None
            from detector.dates import parse_iso

            base = parse_iso(earlier[-1] or "")
            if base is None:
                return None
            anchor = base
        else:
            said_dates = [
                resolve(scan.times[i], scan.published, future=False) for i in sorted(said)
            ]
            from detector.dates import parse_iso

            if said_dates and said_dates[0]:
                anchor = parse_iso(said_dates[0]) or anchor
    value = resolve(t, scan.published, future=False, anchor=anchor)
    if value is None:
        return None
    first = value.split("/")[0]
    if first > scan.published.isoformat()[: len(first)]:
        return None
    return value


def _statement_date(scan: SentenceScan, cue: Cue, clause: Clause, said: set[int]) -> str:
    in_quote = quoted(scan.sentence.norm, cue.start)
    for index in sorted(said):
        t = scan.times[index]
        if (
            in_quote
            or scan.clauses.at(t.start).id == clause.id
            or scan.clauses.at(t.start).parent == clause.id
        ):
            value = resolve(t, scan.published, future=False)
            if value:
                return value
    if scan.tweet_date is not None:
        return scan.tweet_date.isoformat()
    return scan.published.isoformat()


def _as_of(
    scan: SentenceScan, cue: Cue, clause: Clause, said: set[int], event: str | None
) -> tuple[str, bool]:
    if event is not None:
        return event, True
    return _statement_date(scan, cue, clause, said), False


def _season(ctx: Context, ref: Ref, role: Role, inherited: bool) -> int | None:  # noqa: PLR0911
    show = ref.show or ""
    if show in ctx.films:
        return None
    number, source = ref.season, ref.source
    if role in {"renewal", "cancel"}:
        memory = (ctx.renewed if role == "renewal" else ctx.cancelled).get(show)
        if number is not None and source == "target":
            return number
        if number is not None and source == "after":
            return number + 1
        if number is not None and source in {"explicit", "sentence"} and not inherited:
            return number
        if memory is not None:
            return memory
        if number is None:
            number = ctx.seasons.get(show)
        if number is not None:
            return number + 1 if (show, number) in ctx.released else number
        return 2 if role == "renewal" else 1
    if number is not None and source in {"explicit", "sentence"}:
        return number
    return ctx.seasons.get(show, 1)


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
    season = _season(ctx, ref, role, inherited)
    show = ref.show or ""
    if role == "renewal" and value == "announced":
        ctx.renewed[show] = season or 0
    if value == "cancelled":
        ctx.cancelled[show] = season or 0
    if value == "released":
        ctx.released.add((show, season))
    claim = Claim(
        show=show, season=season, facet="stage", value=value, certainty=certainty,
        as_of=as_of or scan.published.isoformat(), evidence=scan.sentence.text, rule_id=rule_id,
    )  # fmt: skip
    return Candidate(
        claim, scan.sentence.position, offset, scan.sentence.is_headline, weak, dated,
        _group(scan.clauses, offset),
    )  # fmt: skip


def _release_candidate(  # noqa: PLR0917
    scan: SentenceScan, ctx: Context, ref: Ref, value: str, rule_id: str, cue: Cue,
    level: Certainty, as_of: str, *, dated: bool,
) -> Candidate:  # fmt: skip
    season = _season(ctx, ref, "same", ref.kind != "show")
    claim = Claim(
        show=ref.show or "", season=season, facet="release", value=value, certainty=level,
        as_of=as_of, evidence=scan.sentence.text, rule_id=rule_id,
    )  # fmt: skip
    return Candidate(
        claim, scan.sentence.position, cue.start, scan.sentence.is_headline, False, dated,
        _group(scan.clauses, cue.start),
    )  # fmt: skip


def _released(  # noqa: PLR0917
    scan: SentenceScan, ctx: Context, cue: Cue, targets: list[Ref], event: str | None,
    as_of: str, clause_text: str,
) -> list[Candidate]:  # fmt: skip
    implicit = cue.rule.id.endswith("now-streaming")
    if event is None and not implicit:
        return []
    when = event or as_of
    with_date = not _FINALE.search(scan.sentence.norm[: cue.start])
    out: list[Candidate] = []
    for ref in targets:
        out.append(make_stage_candidate(scan, ctx, ref, "released", cue.rule.id, offset=cue.start,
                                        as_of=when, dated=not implicit))  # fmt: skip
        if with_date:
            out.append(_release_candidate(scan, ctx, ref, when, "release.date.premiered", cue,
                                          Certainty.confirmed, when, dated=not implicit))  # fmt: skip
    return out


def _release(  # noqa: PLR0917, PLR0912
    scan: SentenceScan, ctx: Context, cue: Cue, targets: list[Ref], said: set[int], next_start: int,
    hedge: bool, negative: bool, clause: Clause, clause_text: str,
) -> list[Candidate]:  # fmt: skip
    norm = scan.sentence.norm
    word = norm[cue.start : cue.end].lower()
    if (
        cue.rule.id == "release.verb"
        and _PAST_RELEASE.search(word)
        and not re.search(
            r"\b(?:be|been|being|is|are|was|were)\s+$", norm[max(0, cue.start - 12) : cue.start]
        )
    ):
        return []
    chosen: TimeExpr | None = None
    for index, t in enumerate(scan.times):
        if index in said or scan.clauses.at(t.start).id != clause.id:
            continue
        if t.kind == "offset" or (
            t.kind == "today"
            and t.get("word") not in {"today", "tonight", "this weekend", "tomorrow"}
        ):
            continue
        gap = norm[cue.end : t.start]
        if _SKIP_TIME_BEFORE.search(norm[max(0, t.start - 20) : t.start]):
            continue
        if cue.rule.id == "release.moved" and not re.search(
            r"\b(?:to|into|until|till|for)\s+(?:the\s+)?$", gap
        ):
            continue
        if cue.start <= t.start and t.start - cue.end <= 100 and not re.search(r"[.;]", gap):
            if cue.rule.id == "release.verb" and any(
                c.rule.kind == "release" for c in find_cues(gap)
            ):
                continue
            chosen = t
            break
        if 0 <= cue.start - t.end <= 3:
            chosen = t
            break
    if chosen is None:
        return []
    if cert.old_plan(_clause_before(scan, cue.start) + norm[cue.start : max(chosen.end, cue.end)]):
        return []
    if negative and chosen.kind != "open":
        return []
    value = resolve(chosen, scan.published, future=True)
    if value is None or _ended_before(value, scan.published):
        return []
    as_of = _statement_date(scan, cue, clause, said)
    level = Certainty.rumored if hedge else Certainty.expected
    if chosen.kind == "today" and value == scan.published.isoformat() and not hedge:
        level = Certainty.confirmed
    family = cue.rule.id.split(".")[-1]
    rule_id = f"release.{family}.{chosen.kind}"
    return [
        _release_candidate(scan, ctx, ref, value, rule_id, cue, level, as_of, dated=True)
        for ref in targets
    ]


def _ended_before(value: str, published: dt.date) -> bool:
    """Tell whether a release window closed before the article was written."""
    if value == "tba" or value.endswith(".."):
        return False
    last = value.rsplit("/", maxsplit=1)[-1]
    return last < published.isoformat()[: len(last)]


def _group(clauses: Clauses, pos: int) -> int:
    """Return the main clause holding ``pos``: relative and temporal clauses belong to their parent."""
    clause = clauses.at(pos)
    while clause.parent is not None:
        clause = clauses.clauses[clause.parent]
    return clause.id
