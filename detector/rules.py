# ruff: noqa: E501  (regular expressions read best unbroken)
"""The detection rules: one table of patterns with stable ids.

Each rule is a regular expression over a normalised sentence (ASCII quotes
and dashes, matched case-insensitively) and what a match means:

- ``stage`` rules name the stage reached (``value``) and how the season is
  found (``role``): ``same`` (the season talked about), ``renewal`` (the next
  season when none is named), ``new`` (a new show: season 1 when none is
  named) or ``cancel`` (the season that will not be made).
- ``plan`` rules describe a stage that is only planned ("set to start
  filming"); they give ``pre_production`` and count for less than facts.
- ``release`` rules are verbs of coming out; the release value comes from a
  time expression that follows them in the same clause.
- ``negated`` says what a negated match means: another stage (``has not
  started filming`` is pre-production), or nothing.

Every rule has sentences that must and must not match in
``tests/detector/cases.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["same", "renewal", "new", "cancel"]
Kind = Literal["stage", "plan", "release", "released", "tba"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern and what a match of it claims."""

    id: str
    kind: Kind
    pattern: str
    value: str = ""
    """Stage name for stage rules."""
    role: Role = "same"
    negated: str | None = None
    """Stage claimed when the match is negated; None drops it."""
    needs_explicit: bool = False
    """Only fires on an explicit show or season in its clause, never on context."""
    past_only: bool = False
    """Only fires in a past or present statement, never in a plan."""
    regex: re.Pattern[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern, re.IGNORECASE))

    def finditer(self, norm: str, lowered: str) -> list[re.Match[str]]:
        """Find the matches in a sentence; ``lowered`` is the sentence lowercased, for a cheap pre-check."""
        hints = HINTS.get(self.id)
        if hints is not None and not any(h in lowered for h in hints):
            return []
        return list(self.regex.finditer(norm))


_SHOOT = r"(?:filming|shooting|production|principal photography|the shoot|cameras)"
_START = r"(?:start|begin|commence|roll|kick off|get under ?way|go into production)"

RULES: tuple[Rule, ...] = (
    # --- announced -------------------------------------------------------
    Rule(
        "stage.announced.greenlight",
        "stage",
        r"\bgreen[- ]?(?:lit|lights?|lighted|lighting)\b|\bthe green light\b",
        "announced",
        role="new",
    ),
    Rule(
        "stage.announced.series-order",
        "stage",
        r"\b(?:straight-to-series|series) order\b|\bordered (?:to series|the series|the show|a season|a first season)\b"
        r"|\b(?:was|were|been|has been|had been) ordered\b|\bcommission(?:ed|s)\b|\bordered\b(?=\s+[\"'#])",
        "announced",
        role="new",
    ),
    Rule(
        "stage.announced.renewal",
        "stage",
        r"\brenew(?:s|ed|ing)?\b(?!\s+(?:surge|interest|focus|calls?|push|attention|energy|hopes?|vigou?r|sense|emphasis|commitment|efforts?|demand)\b)|\brenewal\b(?!\s+(?:decisions?|talks|odds|chances|prospects|deadline|campaign))",
        "announced",
        role="renewal",
        negated="cancelled",
    ),
    Rule(
        "stage.announced.pickup",
        "stage",
        r"\bpick(?:s|ed|ing)?\s+up\b(?=[^.;]{0,80}?\bfor\s+(?:a|an|another|its|season|series)\b)"
        r"|\b(?:has|have|had|was|were|been|be|is|are)\s+(?:been\s+)?picked\s+up\b(?!\s+(?:a|an|the|by)\b)",
        "announced",
        role="renewal",
        negated="cancelled",
    ),
    Rule(
        "stage.announced.back-for",
        "stage",
        r"\b(?:is|are|'s|be|comes?|coming)\s+back\s+for\b"
        r"|\breturn(?:s|ing)?\s+for\s+(?:a|an|another|its|season|series)\b",
        "announced",
        role="renewal",
        negated="cancelled",
    ),
    Rule(
        "stage.announced.in-development",
        "stage",
        r"\bin (?:active |early )?development\b|\bin the works\b|\bbeing developed\b",
        "announced",
        role="new",
        needs_explicit=True,
    ),
    Rule(
        "stage.announced.revival",
        "stage",
        r"\breviv(?:al|e|ed|es|ing)\b|\breboot(?:ed|ing)?\b",
        "announced",
        role="renewal",
        needs_explicit=True,
    ),
    # --- pre-production --------------------------------------------------
    Rule(
        "stage.pre_production.writers-room",
        "stage",
        r"\bwriters'?(?:'s)? room\b",
        "pre_production",
    ),
    Rule(
        "stage.pre_production.casting",
        "stage",
        r"\bcasting (?:is |has |had )?(?:now )?(?:under ?way|begun|began|started|continues|ongoing|in progress)\b"
        r"|\b(?:is|are) (?:now |currently |still )?casting\b",
        "pre_production",
    ),
    Rule(
        "stage.pre_production.prep",
        "stage",
        r"\b(?:deep |now |currently |still )?in (?:pre-?production|prep)\b|\bprepping\b"
        r"|\bscouting locations\b|\blocation scouting\b",
        "pre_production",
    ),
    Rule(
        "stage.pre_production.start-planned",
        "plan",
        rf"\b{_SHOOT}\b[^.;,]{{0,30}}?\b(?:is |are )?(?:expected |set |scheduled |slated |due |planned |going |poised |about )?to {_START}\b"
        rf"|\b{_SHOOT} (?:should|will|would|could|may|might) {_START}\b"
        rf"|\b(?:set|scheduled|slated|due|expected|planned|plans|plan|aims?|hopes?|going|about|poised) to (?:start |begin |commence )?(?:filming|shooting|shoot|film)\b"
        rf"|\b(?:filming|shooting|production) (?:is |was )?planned\b"
        rf"|\bwill (?:start |begin )?(?:shoot|film)(?:ing)?\b|\b(?:begins|starts|begin|start)\s+(?:filming|shooting|production)\b"
        rf"|\b(?:shooting|filming|shoot|film)\s+back[- ]to[- ]back\b|\bback[- ]to[- ]back\s+(?:shoots?|filming)\b",
        "pre_production",
    ),
    # --- filming ---------------------------------------------------------
    Rule(
        "stage.filming.cameras-rolling",
        "stage",
        r"\bcameras? (?:are |is |were |was |have been |had been |began |started |first )?(?:now )?(?:rolling|rolled|roll|rolls)\b",
        "filming",
        negated="pre_production",
    ),
    Rule(
        "stage.filming.principal-photography",
        "stage",
        r"\bprincipal photography (?:began|begins|has begun|had begun|started|starts|has started|commenced|is under ?way|got under ?way|kicked off|is in progress)\b"
        r"|\b(?:began|begins|begin|started|starts|start|commenced|kicked off|entered|enters)\s+principal photography\b",
        "filming",
        negated="pre_production",
    ),
    Rule(
        "stage.filming.started",
        "stage",
        r"\b(?:began|begun|started|commenced|kicked off)\s+(?:filming|shooting|production)\b"
        r"|\b(?:filming|shooting|the shoot|shoot|production) (?:that |which )?(?:began|has begun|had begun|started|has started|commenced|kicked off|is under ?way|got under ?way)\b"
        r"|(?<!what )(?<!who )(?<!which )\b(?:is|are) (?:currently |now |still )?(?:filming|shooting)\b(?! (?:a|an|another)\b|\s+back[- ]to[- ]back)|\bin production\b|\bon set\b(?= (?:in|for))",
        "filming",
        negated="pre_production",
    ),
    Rule(
        "stage.filming.resumed",
        "stage",
        r"\b(?:filming|shooting|production|the shoot|cameras) (?:has |have |had )?(?:resumed|restarted|is back under ?way)\b"
        r"|\bresumed (?:filming|shooting|production)\b|\bback (?:in production|filming|shooting)\b",
        "filming",
        past_only=True,
    ),
    # --- wrapped ---------------------------------------------------------
    Rule(
        "stage.wrapped.wrap",
        "stage",
        r"\bwrap(?:ped|s)?(?:\s+up)?\b(?!\s+(?:party|parties|gift|gifts))(?<!under wraps)|\ba wrap\b(?!\s+(?:party|parties|gift|gifts))",
        "wrapped",
        past_only=True,
    ),
    Rule("stage.wrapped.in-the-can", "stage", r"\bin the can\b", "wrapped", past_only=True),
    Rule(
        "stage.wrapped.finished-filming",
        "stage",
        r"\b(?:finished|finishes|completed|concluded|ended|completes|wrapped)\s+(?:filming|shooting|production|principal photography)\b"
        r"|\b(?:filming|shooting|production|principal photography)\s+(?:has |had |is )?(?:finished|ended|concluded|completed|over)\b(?!\s+(?:about|roughly|nearly|half|its|the|a|an|two|three|\w+-\w+|\d))"
        r"|\bfinal day of (?:shooting|filming)\b|\bend of (?:filming|the shoot|shooting|production)\b"
        r"|\bclos(?:ing|ed|es)\s+(?:out\s+)?(?:a|the|its)\s+(?:[\w-]+\s+)?shoot\b",
        "wrapped",
        past_only=True,
    ),
    # --- post-production -------------------------------------------------
    Rule(
        "stage.post_production.editing",
        "stage",
        r"\bin post(?:-?production)?\b|\bpost-?production (?:is |has )?(?:under ?way|begun|began|started)\b"
        r"|\b(?:in|into) the (?:editing|cutting) (?:room|suite|bay)\b|\b(?:is|are) (?:still |now |currently )?(?:editing|cutting)\b"
        r"|\bin the edit\b",
        "post_production",
        past_only=True,
    ),
    # --- released --------------------------------------------------------
    Rule(
        "stage.released.premiered",
        "released",
        r"\b(?:premiered|debuted|aired|bowed|dropped|was released|were released|opened in theaters|opened in theatres|hit (?:screens|theaters|theatres))\b",
        "released",
    ),
    Rule(
        "stage.released.now-streaming",
        "released",
        r"\b(?:is|are) (?:now )?streaming (?:now )?on\b|\bnow streaming\b"
        r"|\b(?:opens|premieres|debuts|arrives|lands|drops|returns|hits theaters)\s+(?:in (?:theaters|theatres|cinemas)\s+)?(?:today|tonight)\b"
        r"|\bin (?:theaters|theatres|cinemas) (?:today|now)\b|\bout now\b|\bis now available\b",
        "released",
    ),
    # --- cancelled -------------------------------------------------------
    Rule(
        "stage.cancelled.cancel",
        "stage",
        r"\bcancel(?:s|led|ed|ling|ing|lation)?\b|\bax(?:e|es|ed|ing)\b|\bscrap(?:s|ped|ping)?\b"
        r"|\bpull(?:s|ed|ing)? the plug\b|\bwon'?t be (?:back|returning)\b|\bwill not be (?:back|returning)\b"
        r"|\bnot (?:been |be )?renewed\b|\bend(?:s|ed|ing)? (?:its|the show's|the series') run\b",
        "cancelled",
        role="cancel",
    ),
    # --- on hold ---------------------------------------------------------
    Rule(
        "stage.on_hold.halt",
        "stage",
        r"\b(?:production|filming|shooting|the shoot)\s+(?:was |has been |had been |is |were |have been |remains? )?(?:halted|suspended|shut down|paused|stopped|put on hold|on hold)\b(?!\s+(?:crew|hiring|work|its|the|a|an|for a (?:day|week))\b)"
        r"|\b(?:production|filming|shooting)\s+on\s+[^.;]{1,60}?\s+(?:was|has been|had been|is|were)\s+(?:halted|suspended|shut down|paused|stopped|put on hold)\b"
        r"|\b(?:halt(?:s|ed|ing)?|suspend(?:s|ed|ing)?|pause[sd]?|shut(?:s|ting)? down|stop(?:s|ped)?)\s+(?:\S+\s+){0,5}?(?:production|filming|shooting|shoot)\b(?!\s+(?:schedule|days?))"
        r"|\bon hold\b|\bon ice\b|\bon hiatus\b|\bshelved\b"
        r"|\bpostpone[sd]?\s+(?:\S+\s+){0,5}?indefinitely\b|\bindefinitely postponed\b|\bdelayed indefinitely\b",
        "on_hold",
    ),
    # --- release ---------------------------------------------------------
    Rule(
        "release.verb",
        "release",
        r"\b(?:premiere[sd]?|premiering|debut(?:s|ed|ing)?|air(?:s|ed|ing)?|drop(?:s|ped|ping)?|launch(?:es|ed|ing)?"
        r"|releas(?:e|es|ed|ing)|arriv(?:e|es|ed|ing)|return(?:s|ed|ing)?|open(?:s|ing)?(?=\s+(?:in|at|on|this|next|nationwide|wide|everywhere)\b)|land(?:s|ed|ing)?"
        r"|bow(?:s|ed)?|hit(?:s|ting)? (?:screens|theaters|theatres|cinemas)|come(?:s)? out|coming out"
        r"|reach(?:es)? (?:theaters|theatres|cinemas|screens)|(?:start|begin)s? streaming|will stream)\b"
        r"(?!\s+date)(?<!movie releases)(?<!film releases)"
        r"|\bcomes?(?=\s+(?:only\s+)?(?:in|sometime|some time|by|around|during)\b)",
    ),
    Rule(
        "release.to-see",
        "release",
        r"\b(?:wait|waiting|have to wait)\b[^.;]{0,40}?\bto see\b",
        needs_explicit=True,
    ),
    Rule(
        "release.scheduled",
        "release",
        r"\b(?:dated|slated|scheduled|set|penciled|pencilled|due|targeted)\b(?=[^.;]{0,60}?\bfor\b)"
        r"|\b(?:targeting|targets|aiming|aims|eyeing|eyes)\b(?=[^.;]{0,40}?\b(?:release|premiere|debut|launch|return|bow|opening|window)\b)",
    ),
    Rule(
        "release.moved",
        "release",
        r"\b(?:moved|moves|move|moving|push(?:ed|es|ing)?|bump(?:ed|s)?|shift(?:ed|s)?|delay(?:ed|s)?)\b(?=[^.;]{0,50}?\b(?:to|into|until|till)\s)",
    ),
    Rule(
        "release.tba.pulled",
        "tba",
        r"\bpulled from (?:the|its) (?:schedule|calendar|slate)\b|\bremoved from (?:the|its) (?:schedule|calendar)\b"
        r"|\b(?:release |premiere )?date (?:is )?(?:now )?to be (?:announced|determined|confirmed)\b|\bun-?dated\b"
        r"|\bno longer has a (?:release |premiere )?date\b",
    ),
)

# Words one of which must occur for a rule to have any chance; a speed pre-check only.
HINTS: dict[str, tuple[str, ...]] = {
    "stage.announced.greenlight": ("green",),
    "stage.announced.series-order": ("order", "commission"),
    "stage.announced.renewal": ("renew",),
    "stage.announced.pickup": ("pick",),
    "stage.announced.back-for": ("back", "return"),
    "stage.announced.in-development": ("development", "in the works", "developed"),
    "stage.announced.revival": ("reviv", "reboot"),
    "stage.pre_production.writers-room": ("writer",),
    "stage.pre_production.casting": ("casting",),
    "stage.pre_production.prep": ("prep", "pre-production", "preproduction", "scouting"),
    "stage.pre_production.start-planned": ("film", "shoot", "production", "photography", "camera"),
    "stage.filming.cameras-rolling": ("camera",),
    "stage.filming.principal-photography": ("principal",),
    "stage.filming.started": ("film", "shoot", "production", "on set"),
    "stage.filming.resumed": ("resum", "restart", "back"),
    "stage.wrapped.wrap": ("wrap",),
    "stage.wrapped.in-the-can": ("in the can",),
    "stage.wrapped.finished-filming": ("film", "shoot", "production", "photography"),
    "stage.post_production.editing": ("post", "edit", "cutting"),
    "stage.released.premiered": (
        "premiered",
        "debuted",
        "aired",
        "bowed",
        "dropped",
        "released",
        "opened",
        "hit ",
    ),
    "stage.released.now-streaming": (
        "stream",
        "today",
        "tonight",
        "now",
        "theaters",
        "theatres",
        "cinemas",
    ),
    "stage.cancelled.cancel": (
        "cancel",
        "ax",
        "scrap",
        "plug",
        "back",
        "returning",
        "renewed",
        "run",
    ),
    "stage.on_hold.halt": (
        "production",
        "film",
        "shoot",
        "hold",
        "ice",
        "hiatus",
        "shelved",
        "indefinitely",
        "halt",
        "suspend",
        "paus",
        "shut",
        "stop",
    ),
    "release.verb": (
        "premier",
        "debut",
        "air",
        "drop",
        "launch",
        "releas",
        "arriv",
        "return",
        "open",
        "land",
        "bow",
        "hit",
        "come",
        "coming",
        "reach",
        "stream",
    ),
    "release.to-see": ("to see",),
    "release.scheduled": (
        "dated",
        "slated",
        "scheduled",
        "set",
        "pencil",
        "due",
        "target",
        "aim",
        "eye",
    ),
    "release.moved": ("mov", "push", "bump", "shift", "delay"),
    "release.tba.pulled": ("schedule", "calendar", "to be", "dated", "no longer"),
}
