# ruff: noqa: E501  (regular expressions read best unbroken)
"""The thin matcher: run the rule table over one sentence and build candidate claims.

For each rule match (``detector.scan.find_cues``) it decides whether the
sentence really states it (not a conditional, a generic object, a denial or
a fan's quote), whom it is about (``targets``), when (``timing``) and how
firmly (``certainty``), and hands stage facts to ``candidates`` and release
verbs to ``releases``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsmon.detector import certainty as cert
from newsmon.detector.candidates import make_release_candidate, make_stage_candidate
from newsmon.detector.consolidate import RESTART, Candidate
from newsmon.detector.context import Context
from newsmon.detector.dates import TimeExpr
from newsmon.detector.foreign import is_title_case
from newsmon.detector.periods import Period
from newsmon.detector.refs import Ref
from newsmon.detector.releases import (
    FIRST_PART,
    LATER_PART,
    NOW_OR_INSTEAD,
    PERSON_SUBJECT,
    governed_time,
    released,
    upcoming,
)
from newsmon.detector.rule import words
from newsmon.detector.scan import Cue, CueSite, SentenceScan, quoted
from newsmon.detector.seasons import ORDINAL_RE
from newsmon.detector.stage_rules import ATTRIBUTIVE, BOX_OFFICE, FESTIVAL_PREMIERE, SHOOT
from newsmon.detector.targets import PROMOTION, targets
from newsmon.detector.timevalues import resolve
from newsmon.detector.timewords import CARDINAL_RE
from newsmon.detector.timing import as_of, event_time, said_times, statement_date, withdrawal_time

_SAYING_NOUN = (
    r"(?:statement|report|reports|announcement|decision|news|word|update|confirmation|claims?)"
)
# "word came recently that ...", "the news broke today that ...".
_THAT_CLAUSE = (
    r"\s+(?:(?:is|was|came|broke)\s+(?:(?:recently|today|yesterday|late|early|earlier|out)\s+)?)?"
    r"that\s+\w"
)
_SAYING_THAT = rf"\b{_SAYING_NOUN}{_THAT_CLAUSE}"
_REVEALS_THAT = (
    r"\b(?:reveal|confirm|announc|show|teas|say|said|tell|told)\w*\s+(?:\w+\s+)?that\s+\W?\w"
)
_NOT_A_SHOW = re.compile(
    r"\b(?:album|soundtrack|single|song|songs|record(?![- ](?:setting|breaking|start|opening|debut|weekend|haul|turnout|high|low)\b)|trailers?|teasers?|featurettes?|novel|book|(?:novels|books)(?=\s+(?:that|which)\b)|podcast|clips?|(?<!prime )video|photos?|photographs?"
    r"|(?-i:pictures?)|images?|posters?|footage|documentary|crews?|casts?|staff|workers|merchandise|tour|play"
    r"|room|office|doors|window|hashtag|campaign|estimates|figures|numbers|data|ratings"
    r"|awards?|ceremony|gala|convention|panel|upfronts?|conference|presentation|screening|talks|negotiations|vote|sessions?"
    r"|event|events|showcase|expo|livestream|petition|allegations|accusations|complaints|answer"
    r"|offers?|invitations?|contracts?|memos?|emails?|letters?"
    # "ticket sales go live on Monday": what goes on sale is not the work.
    r"|tickets?|ticket sales|pre-?orders?|pre-?sales?|box[- ]sets?"
    # "a deal could land as soon as next week": what arrives is not a work.
    r"|deals?|agreements?|settlements?|verdicts?|rulings?"
    # "a better look could come later this year": a glimpse, not the show.
    r"|(?:first|better|closer|new|proper|official|fresh|full|early|sneak|real)\s+looks?"
    r"|issues?|comic books?|graphic novels?|manga|video games?)\b"
    # "A first teaser, only 20 seconds long, came out": an aside between subject and verb
    # (a title in apposition is no aside: "the two-part event, "X," reaches cinemas").
    r"(?:,\s(?-i:[a-z])[^,;\"“”]{1,40},)?"
    # "the trailer reveals that X arrives in April": the that-clause has its own subject.
    rf"(?:(?!{_SAYING_THAT})(?!\band\s+\w+ed\b)(?!{_REVEALS_THAT})[^,;]){{0,40}}$"
    # "the announcement came on Friday" is the statement's day; "word that the show will be
    # back in spring" tells what was announced, and the show is that clause's subject.
    rf"|\b{_SAYING_NOUN}\b(?!{_THAT_CLAUSE})(?:(?!{_SAYING_THAT})[^,;]){{0,40}}$"
    # "the first teaser for the streamer's fantasy series "X" arrived": the teaser arrived.
    # "released a teaser for the show and announced a premiere date": the second verb is the show's.
    r"|\b(?:trailer|teaser|first look|poster|promo)s?\s+(?:for|of)\b(?:(?!\band\s+\w+ed\b)[^,;]){0,60}$",
    re.IGNORECASE,
)
_THAT_WORK_SUBJECT = re.compile(
    # "... took $65.7 million on its opening weekend": the rest of the sentence is its too,
    # unless a title in apposition names it ("That film, X, opens ...").
    r"^that\s+(?:[\w-]+\s+){0,3}?(?:film|movie|story|sequel|picture|entry|one)\b"
    r"(?!,\s*[\"“']?(?-i:[A-Z]))(?:[^.;]|\.\d)*$",
    re.IGNORECASE,
)
"""'That Marvel origin story took $65.7 million': a sentence opening on "that" and a work
points back to the other work just named, not to the story's title."""
_INDUSTRY_EVENT_SUBJECT = re.compile(
    r"(?<![\w-])(?:strikes?|walkouts?|stoppages?|lockouts?|shutdowns?|pandemic|outbreak|recession"
    r"|elections?)\s+(?:(?:may|might|could|would|will|should|is\s+(?:expected|likely|set)\s+to)\s+)?$",
    re.IGNORECASE,
)
"""'A writers' strike may come later this year': an event in the industry comes, not the show."""
_IN_THE_CAN = "stage.wrapped.in-the-can"
_PART_OR_PLAN_IN_THE_CAN = re.compile(
    r"\b(?:some|a\s+few|several|a\s+couple\s+of|a\s+handful\s+of|most|half|part)\s+(?:of\s+(?:the\s+)?)?"
    r"(?:[\w-]+\s+)?(?:episodes?|scenes?|footage|material|shots?|sequences?)\b[^.;,]{0,40}$"
    r"|\b(?:will|would|to|could|might)\s+(?:\w+\s+)?(?:have|get|be)\b[^.;,]{0,50}$"
    # "a little under half of the film is in the can", "two thirds of it": a share of the shoot.
    r"|\b(?:half|a\s+third|two\s+thirds|a\s+quarter|three\s+quarters|\d+\s*(?:%|percent))\s+of\s+[^.;,]{1,40}$",
    re.IGNORECASE,
)
"""'will have some episodes of the show in the can', 'under half of the film is in the can': part
of a shoot, or a plan; not a wrap ('the ten episodes were in the can' is the whole shoot)."""
_SURPRISED_BEFORE = re.compile(
    r"\b(?:would|'d|will|should)\s+be\s+(?:very\s+|quite\s+|really\s+)?(?:surprised|shocked|stunned|amazed)\s+(?:to|if)\b",
    re.IGNORECASE,
)
_AWAITED_DECISION_BEFORE = re.compile(
    r"\b(?:expect(?:s|ed|ing)?|anticipat(?:e|es|ed|ing)|predict(?:s|ed|ing)?|await(?:s|ed|ing)?"
    r"|(?:hop(?:e|es|ed|ing)|wait(?:s|ed|ing)?|root(?:s|ed|ing)?|push(?:es|ed|ing)?|campaign(?:s|ed|ing)?"
    r"|lobby(?:ing)?|lobbie[sd]|pray(?:s|ed|ing)?)\s+(?:for|on)|count(?:s|ed|ing)?\s+on|bet(?:s|ting)?\s+on)"
    r"\s+(?:a|an|the|any|another|its|their)?\s*(?:[\w'-]+\s+){0,3}$",
    re.IGNORECASE,
)
"""'We don't expect a quick renewal', 'fans are hoping for a renewal': a decision awaited."""
_DECISION_NOUN = re.compile(r"renewal|cancellation|pickup|pick-up|order\b", re.IGNORECASE)
_REPEATED_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:(?:several|many|multiple|numerous|countless|a few|a number of)\s+times"
    r"|repeatedly|more than once|time and again|over and over)\b"
    # Only where the history ends the clause: "interrupted several times and then halted
    # in July" goes on to how things stand.
    r"(?=(?:\s+(?:since|over the years|in the past|before))?\s*(?:[.;,]|$))",
    re.IGNORECASE,
)
"""'revived and shelved several times since': a history of changes, not how things stand."""
_ASKED_BEFORE = re.compile(
    r"\b(?:asked|asks|asking|wondered|wonders|wondering)\s+(?:[\w'-]+\s+){0,3}?(?:whether|if)\b",
    re.IGNORECASE,
)
"""An indirect question ("was asked whether season 2 would come this year"): no statement."""
_SEASON_SUBJECT = re.compile(
    r"\b(?:season|series|finale|run)(?:\s+\d{1,2})?(?:\s+of\s+[^,;.]{1,50}?)?\s+$", re.IGNORECASE
)
_SEASON_OPENS_SENTENCE = re.compile(
    r"\W*(?:(?:the|its)\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|latest|new)\s+season"
    r"|season\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight))\b",
    re.IGNORECASE,
)
"""A season as the sentence's subject: the run it ends is that season's airing."""
_AIRING_END_AHEAD = re.compile(
    r"(?:\s+up)?\s+(?:in\s+(?:a\s+few|a\s+couple\s+of|two|three|\d+)\s+(?:days|weeks)|next\s+week|this\s+week"
    r"|tonight|tomorrow|on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.IGNORECASE,
)
"""A season's end days ahead ("wraps up in a few days", "wraps on Sunday"): its last episode."""
_NOT_BACK = re.compile(r"\bbe\s+(?:back|returning)\b|\bdead\b", re.IGNORECASE)
_PERSON_BEFORE = re.compile(
    r"(?-i:\b[A-Z][a-z]+(?:\s+[A-Z][\w'-]+)+),\s+who\s+[^;]{1,160},\s*$"
    r"|\b(?:he|she|they|the actor|the actress|the director|the showrunner|the creator|the star)\s+$",
    re.IGNORECASE,
)
"""A person as the subject ("Douglas Mackinnon, who co-ran the first two seasons, will not be
returning"): someone leaving, not the show ending."""
_STORY_SUBJECT = re.compile(
    r"\b(?:story|stories|plot|storyline|arc|narrative|mystery|tale|ending)\s+"
    r"(?:(?:was|were|is|are|has been|had been|have been|got|will|would)\s+)?(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
"""'Because the story had been wrapped up', 'the story wraps up in the finale': the story
ended, not a shoot."""
_AHEAD_OF_BEFORE = re.compile(
    r"\b(?:ahead of|in advance of|before|in the run-up to|leading up to)\s+(?:(?:its|their|the)\s+(?:[\w+'-]+\s+){0,2})?$",
    re.IGNORECASE,
)
_ONE_OF_WHICH_BEFORE = re.compile(
    r"\b(?:the (?:first|second|third|last|latest|newest) of|one of|some of|all of|none of|each of) which\s+$",
    re.IGNORECASE,
)
_UNLIKELY_BEFORE = re.compile(
    r"\b(?:less likely|unlikely|doubtful)\s+that\b[^.;]{0,80}$",
    re.IGNORECASE,
)
_TIME_PREPOSITION_BEFORE = re.compile(
    r"\b(?:ahead of|in time for|before|after|until)\s+(?:the|its|their|his|her|this|next)?\s*"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_RANKING = re.compile(
    r"\b(?:biggest|largest|strongest|best|top|highest|record|worst|weakest|smallest"
    r"|most[- ](?:watched|viewed|streamed|successful|popular))\b[^,;:]{0,30}$",
    re.IGNORECASE,
)
"""'the biggest series launch of 2024': a ranking of launches, not when one comes out."""
_NOT_A_SHOW_PARTICIPLE = re.compile(
    r"\b(?:report|statement|trailers?|teasers?|posters?|album|soundtrack|book|novel|podcast|footage|figures|data"
    r"|estimates|results|earnings|study|survey|letter|photos?|photographs?|(?-i:pictures?)|images?"
    r"|clips?|featurettes?|sneak peeks?)\b[^,;]{0,40},\s*$",
    re.IGNORECASE,
)
"""'the earnings report for 2023, released on February 8': the participle describes the report."""
_NOT_A_SHOW_RELATIVE = re.compile(
    r"\b(?:trailers?|teasers?|posters?|clips?|featurettes?|images?|photos?|footage|album|soundtrack"
    r"|single|song|book|novel|podcast|statement|report|panels?|livestreams?|interviews?|Q&As?)\s*,\s*(?:which|that)\s+(?:[\w.'&-]+\s+){0,3}$",
    re.IGNORECASE,
)
"""'The trailer, which Lionsgate released on July 24, shows ...', 'the panel, which went online
on October 11': the trailer or the panel came out."""
_AND_ELIDED_SUBJECT = re.compile(
    r",?\s+and\s+(?:was|were|has been|had been)\s+(?:\w+ly\s+)?\w+ed\b", re.IGNORECASE
)
_PROMO_SUBJECT = re.compile(
    r"^\W*(?:(?:the|a|an|its|their)\s+)?(?:[\w'-]+\s+){0,3}?"
    r"(?:trailers?|teasers?|posters?|clips?|featurettes?|first look|promos?)\b",
    re.IGNORECASE,
)
"""'The first trailer for X stars Y, and was released on Nov. 20': the sentence's subject came out."""
_SOURCE_ASIDE = re.compile(
    r",\s*(?:adapted from|based on|inspired by|drawn from)\s+[^,;]{1,60},\s*$", re.IGNORECASE
)
"""'The FX drama, adapted from Thomas Perry's book, launched in June': the book is the
source in an aside; the subject before it is what launched."""
_GENERIC_OBJECT = re.compile(
    # "halted production on many films": the shoots of works in general.
    r"^\s+(?:(?:(?:production|filming|shooting|work)\s+)?(?:on|of)\s+)?(?:(?:nearly|almost|virtually|practically|just about)\s+)?(?:(?:two|three|four|five|several|many|some|all|a number|a handful|dozens|both|most)\b[\w\s-]{0,30}?"
    r"(?:series|shows|projects|dramas|comedies|titles|co-productions|productions|pilots|films|movies|originals|sagas|franchises)\b)"
    # "renewing streaming shows", "keep cancelling series after one season": a bare plural
    # is shows in general ("series 2" is a British season).
    # "Releasing his films in the summer has long been a habit": his films in general.
    r"|^\s+(?:(?:his|her|their|its)\s+)?(?:(?:streaming|tv|television|new|original|scripted|cable|network|other|more|fewer|popular)\s+){0,2}"
    r"(?:shows|series(?!\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\b)|dramas|comedies|originals|programs|programmes|films|movies"
    r"|(?:weak|bad|good|lesser|worse|other|old|new) ones)"
    r"(?=\s+(?:after|over|for|that|which|in|on|at|when|before|too|so|left|early|quickly|around|during|each|every)\b|\s*[,.;])"
    # "is delaying the start of its 2020-21 TV season": a network's schedule, every show on it.
    r"|^\s+(?:the\s+(?:start|launch|beginning|rollout)\s+of\s+)?(?:its|the|their)\s+(?:(?:19|20)\d\d(?:-\d{2,4})?\s+)?"
    r"(?:tv|television|broadcast|fall|network)\s+(?:season|schedule|slate|lineup)\b",
    re.IGNORECASE,
)
_TO_SERIES = re.compile(r"(?:ordered|picked up)\b[^.;]{0,60}?\bto series\b", re.IGNORECASE)
_HABITUAL_BEFORE = re.compile(
    r"\b(?:usually|typically|normally|traditionally|generally|customarily)\s+$", re.IGNORECASE
)
"""'the drama, which usually returns in summer': a habit, not this season's date."""
_BACKGROUND_PREP = re.compile(
    r"\b(?:since|after|before|following|until|despite|over)\s+(?:its|the|their)?\s*"
    # "since the show's original cancellation in 2006": a possessor or a word of time between.
    r"(?:(?:the\s+)?(?:show|series|film|network|studio|streamer)'s\s+)?"
    r"(?:(?:original|first|earlier|previous|initial|abrupt|sudden|surprise)\s+)?$",
    re.I,
)
_GENERIC_SUBJECT = re.compile(
    r"(?<!only )(?<!among the )(?<!one of the )(?<!one of several )(?<!one of many )(?<!one of two )(?<!one of three )(?<!one of four )(?<!one of five )\b(?:shows|dramas|comedies|projects|networks|streamers|programs|programmes|productions|films|movies|titles|spinoffs|spin-offs|sequels|prequels)\s+(?:that\s+|which\s+)?"
    # "the franchise's spinoffs are on pause": works beside the show, not the show.
    r"(?:(?:they|it|have|had|were|been|was|are)\s+)*$",
    re.I,
)
_PAIR_SUBJECT = re.compile(
    r"\s*(?:both|the two|the pair|all three|all four|neither)\s+(?:of them\s+)?"
    r"(?:(?:are|were|will|would|have|had|has|be|been|also|now|still|is)\s+)*$",
    re.I,
)
"""'Both are due back next year: X ... and Y ...': a sentence opening on a pair names no title
of its own; the works it counts come after."""
_PLANS_SUBJECT = re.compile(
    r"\bplans\s+(?:(?:is|are|was|were|has|have|had|been|still|now|remain|remained|largely|mostly)\s+)*$",
    re.I,
)
"""'those plans are now on hold': plans set aside, not a production halted."""
_INDUSTRY_BEFORE = re.compile(
    r"\b(?:(?:film|tv|television|movie)\s+(?:and|&)\s+(?:film|tv|television)|hollywood(?:'s)?|industry)\s+$",
    re.I,
)
"""'with film and TV production still shut down': the industry's halt, not the show's."""
_OBJECT_NP = re.compile(
    r"\s+(?:its|their|his|her|a|an|two|three|four|several|some|all|\w+'s)\s+(?!season|series|run|(?:days?|weeks?|months?|years?|times|occasions)\b)"
    # "back for a fourth season", "renewed for a much-anticipated second run": a season.
    r"(?!(?:[\w-]+\s+){1,2}(?:season|seasons|series|run|installment|instalment|chapter|batch)\b)",
    re.I,
)
_PAST_FORM = re.compile(r"ed\b|\b(?:came|went|was|were|first)\b", re.I)
_NOUN_FORM = re.compile(r"(?:ion|al)$", re.I)
_NON_SHOW_OBJECT = re.compile(
    # "released on Thursday the first trailer of X": a day may come before the object.
    r"^(?:\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|this\s+week))?"
    rf"\s+(?:(?:a|an|the|its|their|his|her)\s+)?(?:[\w'-]+\s+){{0,2}}?{PROMOTION}\b"
    # "launched the Masters of the Universe brand in 1982": a brand or a toy line, not a work.
    r"|^\s+(?:(?:a|an|the|its|their|his|her)\s+)?(?:[\w'-]+\s+){0,5}?(?:brand|toy line|toyline|line of (?:toys|action figures))\b",
    re.I,
)
_SHOOT_SUBJECT = re.compile(
    # "production on the remaining installments is scheduled for August": the shoot's date.
    rf"\b{SHOOT}\b(?:\s+(?:on|of|for)\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?(?:[\"']?X[\"']?"
    r"|(?:installments?|instalments?|episodes?|seasons?|sequel|film|movie|series|show)),?)?"
    r"(?:\s+(?:is|are|was|were|has|have|had|been|being|now|currently|still|also|again|tentatively|officially"
    r"|reportedly|expected|set|to|be|will|would|should|could|may|might|likely|just))*\s*$",
    re.I,
)
_SHOOT_OBJECT = re.compile(
    rf"^\s+(?:back\s+)?(?:the\s+)?(?:start\s+of\s+)?(?:{SHOOT}"
    # "moved the Tidebreaker shoot", "pushed the film's shoot": a named shoot is the object.
    r"|(?:(?-i:[A-Z])[\w'&:-]*\s+){1,4}(?:shoot|shooting|filming)|[\w-]+'s\s+(?:shoot|filming))\b",
    re.I,
)
_RELEASE_NOUN = re.compile(r"\b(?:premiere|release|debut|launch|opening|air date|bow)\b", re.I)
_SHOOT_NOUN = re.compile(rf"\b{SHOOT}\b", re.I)
_MODAL_BEFORE = re.compile(r"\b(?:may|might|could|would|will|can|should)\s+(?:\w+\s+){0,2}$")
_PART = re.compile(r"[^;:]+")
_UNTIL_AFTER = re.compile(r"\s+(?:until|till)\s+(?!further notice)", re.IGNORECASE)
_WRITER_HOPE = re.compile(
    r"\b(?:we|i)(?:'re|'m| are| am)?\s+(?:still\s+|really\s+|do\s+|all\s+)?(?:hope|hoping)\b(?:\s+that)?",
    re.IGNORECASE,
)
_CADENCE = re.compile(
    r"^[^.;]{0,15}\b(?:weekly|(?:every|each) (?:week|monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.I,
)
_FESTIVALS = (
    r"(?:festival|film fest|cannes|venice|sundance|tiff|telluride|sxsw|south by southwest|tribeca"
    r"|berlinale|annecy|fantastic fest|comic-con|d23|cinemacon|new york film festival)"
)
_FESTIVAL_AFTER = re.compile(
    rf"\s+(?:(?:at|in|on|during)\s+)?(?:the\s+|this year's\s+|its\s+)?(?:[\w'-]+\s+){{0,3}}?{_FESTIVALS}\b",
    re.I,
)
_FESTIVAL_BEFORE = re.compile(
    r"\b(?:world|festival|red[- ]carpet|gala|north american|u\.s\.) premiere\b[^,;]{0,20}$", re.I
)
_WITHDRAWN_BEFORE = re.compile(
    r"\b(?:no longer (?:has|have|holds?)|los(?:t|es|ing)|vacat(?:ed|es|ing)|dropp(?:ed|ing)|drops"
    r"|gave up|gives up|giving up|gone from)\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
"""'no longer has its 2024 release date': the date named is the one given up."""
_PREMIERE_KIND_BEFORE = re.compile(
    r"\b(?:world|festival|international|north american|european|u\.s\.|gala|red[- ]carpet)\s+$",
    re.I,
)
"""'will have its world premiere on September 7': a first screening, not the release."""
_AHEAD_OF_RELEASE = re.compile(
    r"[^.;]{0,60}?\bahead of (?:its|the film's|the movie's|the show's|the series'|their)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:release|opening|launch|debut)\b",
    re.I,
)
_NO_DATE = "release.tba.no-date"
_STOPPAGE = re.compile(
    r"\b(?:strikes?|walkouts?|labou?r disputes?|stopped|halted|paused|shut down|pulled|delayed|postponed"
    r"|pushed back|shelved|off (?:its|the|their) (?:release )?(?:slate|calendar|schedule)|eventually)\b",
    re.I,
)
"""A sentence that tells why a release has no date: a stoppage, a pulled or delayed date."""
_OF_NAMED = re.compile(
    r"\s+(?:of|for)\s+(?:the\s+)?[\"']?(?!(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December|Season|Part|Chapter|Volume)\b)(?-i:[A-Z])"
)
_BACK_FOR = "stage.announced.back-for"
_REVIVAL_SUBJECT = re.compile(r"\b(?:revival|reboot)\b[^,;]{0,20}$", re.I)
_PEOPLE_SUBJECT = re.compile(
    r"\b(?:cast|castmates|co-?stars?|stars|actors?|actress(?:es)?|ensemble|regulars|crew|he|she|they)\b"
    r"|(?-i:\b[A-Z][a-z]+(?:\s+[A-Z][\w'-]+)+)\s+(?:will|would|should|is|are|has|have)\b[^,;]{0,30}$",
    re.I,
)
"""People coming back ("the cast will all return for season three"): their return, not a renewal."""
_PERSON = r"(?-i:[A-Z][a-z][\w'-]*(?:\s+[A-Z][\w'-]+){1,2})"
_NAMES_BEFORE = re.compile(
    rf"(?:^|[.;:]\s+|\b(?:and|but|while)\s+){_PERSON}(?:,\s+{_PERSON})*,?\s+and\s+{_PERSON}"
    r"\s+(?:(?:all|also|will|would|are|have|each)\s+)*$"
)
"""A list of people's names as the subject ("Ana Ruiz, Tom Hale and Jo Park return")."""
_WHO_SUBJECT = re.compile(
    r"(?-i:\b[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)+),\s+who\b[^;]{1,120}?,\s+"
    r"(?:will not|would not|won't|wouldn't|is not|isn't|(?:is|are) not going to)\s+(?:be\s+)?$",
    re.I,
)
"""'Jean-Marc Vallee, who won an Emmy for season 1, will not return': "who" is a person, and one
leaving says nothing of the season (one coming back may tell that it is being made)."""
_NOW_BEFORE = re.compile(r"\b(?:now|currently)\s+(?:\w+\s+)?$", re.I)
_UNDECIDED = re.compile(
    r"\b(?:has|have|had)(?:n't| not)\b[\w\s]{0,30}$|\b(?:not yet|yet to)\b[\w\s]{0,20}$"
    # "has no plans to renew it": nothing planned, nothing decided.
    r"|\bno\s+(?:\w+\s+)?(?:plans?|intention)\s+to\s*$"
    # "has been neither cancelled nor renewed": no decision either way.
    r"|\bneither\s+(?:cancell?ed|axed|scrapped)\s+nor\s*$|\bneither\s*$",
    re.I,
)
_STATE_PHRASE = re.compile(r"(?:in|on|into)\b", re.I)
_PAST_COPULA = re.compile(r"\b(?:was|were|had been)\s+(?:\w+ly\s+|still\s+)?$", re.I)


def scan_sentence(scan: SentenceScan, ctx: Context, cues: list[Cue]) -> list[Candidate]:
    """Candidate claims from one sentence's rule matches (``find_cues``)."""
    norm = scan.sentence.norm
    said = said_times(scan)
    denied_parts = {
        scan.clauses.part(m.start()) for m in _PART.finditer(norm) if cert.denies(m.group(0))
    }
    fan = cert.fan_quote(norm)
    results: list[Candidate] = []
    clause_of: dict[int, int] = {}
    """id(candidate) -> the clause its match sits in."""
    cues = [cue for cue in cues if not _in_title(scan, cue) and not _a_name(scan, cue)]
    for cue in cues:
        site = CueSite(
            scan,
            cue,
            said,
            prev_end=max((c.end for c in cues if c.end <= cue.start), default=0),
            # A match nested inside this one ("debut" in "its 2022 debut") is not the next.
            next_start=min(
                (c.start for c in cues if c.start > cue.start and c.end > cue.end),
                default=len(norm),
            ),
        )
        if scan.clauses.part(cue.start) in denied_parts:
            # "Rumours that X was cancelled are false": remember, so the rumour is dropped too.
            for ref in targets(site, ctx):
                ctx.denied.add((ref.show or "", cue.rule.value or "release"))
            continue
        if fan and quoted(norm, cue.start):
            continue
        if _in_credit(norm, cue.start, cue.end):
            continue
        found = _read(site, ctx)
        clause_of.update((id(c), site.clause.id) for c in found)
        results.extend(found)
    return _drop_withdrawn(_drop_attributive(results), clause_of, norm)


def _in_title(scan: SentenceScan, cue: Cue) -> bool:
    """Whether a match is made of a catalog title's own words ("All of Us Are Dead")."""
    return any(
        ref.kind == "show" and ref.start <= cue.start and cue.end <= ref.end for ref in scan.refs
    )


_CAPITALISED_WORD = re.compile(r"\b(?-i:[A-Z])[\w'-]*")
_AT_MOST_ONE_WORD = re.compile(r"[\W\d]*(?:\w+[\W\d]+)?$")
"""Nothing before a match but one word at most: it opens the sentence."""


def _a_name(scan: SentenceScan, cue: Cue) -> bool:
    """Whether a one-word match is a name in running text ("Lewis as Axe", "Axe Capital").

    A verb capitalised in the middle of a sentence of prose is a character's or a
    company's name; headlines and title-cased lines capitalise every word.
    """
    norm = scan.sentence.norm
    word = norm[cue.start : cue.end]
    if scan.sentence.is_headline or not word[:1].isupper() or " " in word.strip():
        return False
    if _AT_MOST_ONE_WORD.match(norm[: cue.start]) or norm[: cue.start].rstrip().endswith(" to"):
        return False
    words = norm.split()
    return len(_CAPITALISED_WORD.findall(norm)) * 2 < len(words)


def _in_credit(norm: str, start: int, end: int) -> bool:
    """Whether a match lies in a credit in brackets: "Daniel Ings (Sex Education)".

    A title in brackets after a name says what the person is known for; its words
    ("Small Axe") are no news of any show.
    """
    opening = norm.rfind("(", 0, start)
    if opening < 0 or ")" in norm[opening:start]:
        return False
    closing = norm.find(")", end)
    if closing < 0:
        return False
    inside = norm[opening + 1 : closing]
    return "(" not in inside and is_title_case(inside) and not any(c.isdigit() for c in inside)


def _drop_withdrawn(
    found: list[Candidate], clause_of: dict[int, int], norm: str
) -> list[Candidate]:
    """Drop the date a clause withdraws ("vacated its December 13 date"): tba says it.

    A date the clause gives after the withdrawal ("pulled from its Oct. 4 date and moved to
    Nov. 22", "... and now opens on Nov. 22") is the new one: it stands, and tba goes.
    """
    withdrawals = {
        (c.claim.production, clause_of[id(c)]): c.offset
        for c in found
        if c.claim.facet == "release" and c.claim.value == "tba"
    }
    redated = {
        key
        for c in found
        if c.claim.facet == "release"
        and c.claim.value != "tba"
        and (key := (c.claim.production, clause_of[id(c)])) in withdrawals
        and c.offset > withdrawals[key]
        and (
            c.claim.rule_id.startswith(_MOVED_PREFIX)
            or NOW_OR_INSTEAD.search(norm, withdrawals[key], c.offset)
        )
    }
    kept = []
    for c in found:
        key = (c.claim.production, clause_of[id(c)])
        if key in redated:
            if c.claim.facet == "release" and (
                c.claim.value == "tba" or c.offset < withdrawals[key]
            ):
                continue
        elif key in withdrawals and (
            (c.claim.facet == "release" and c.claim.value != "tba") or c.claim.value == "released"
        ):
            continue
        kept.append(c)
    return kept


_MOVED_PREFIX = "release.moved."


def _drop_attributive(found: list[Candidate]) -> list[Candidate]:
    """Drop a stage read from an adjective ("the strike-halted shoot") if a verb states one."""
    stated = {
        c.claim.production
        for c in found
        if c.claim.facet == "stage" and c.claim.rule_id not in ATTRIBUTIVE
    }
    return [
        c for c in found if c.claim.rule_id not in ATTRIBUTIVE or c.claim.production not in stated
    ]


def _read(site: CueSite, ctx: Context) -> list[Candidate]:
    """What one rule match claims, if the sentence states it of a watched production."""
    declined = _declined_renewal(site)
    if (
        _not_a_statement(site)
        # "has no official release date" of a show that never had one is no withdrawal
        or (site.cue.rule.id == _NO_DATE and not _STOPPAGE.search(site.norm))
        # A renewal declined is no renewal. Without the season it names, the cancellation
        # it implies is left to plainer words: which season goes unmade depends on the
        # story's last one.
        or (declined and not _SEASON_NAMED_AFTER.match(site.norm, site.cue.end))
    ):
        return []
    refs = targets(site, ctx)
    if not refs or _object_elsewhere(site):
        return []
    scan, rule = site.scan, site.cue.rule
    hedge = (
        cert.hedged(site.clause_text, site.before)
        or cert.hedged_verb(site.norm[site.cue.start : site.cue.end])
        or (
            scan.sentence.is_headline
            and (cert.question(scan.sentence.norm) or cert.labelled_report(scan.sentence.norm))
        )
    )
    negative = declined or cert.negated(site.before)
    if rule.kind == "stage" and rule.value in {"announced", "cancelled"}:
        # "is expected to be renewed", "the renewal is all but certain": foretold, not made.
        hedge = hedge or cert.foretold(site.before, site.norm[site.cue.end :])
    if rule.kind in {"stage", "plan"}:
        return _stage(site, ctx, refs, hedge=hedge, negative=negative)
    if rule.kind == "released":
        return released(site, ctx, refs, _event(site))
    if rule.kind == "tba":
        return _undated(site, ctx, refs, hedge=hedge)
    return upcoming(site, ctx, refs, hedge=hedge, negative=negative)


_DECLINED_BEFORE = re.compile(
    r"\b(?:declin(?:ed|es|ing)|refus(?:ed|es|ing))\s+to\s*$"
    r"|\b(?:opt(?:ed|s|ing)?|decid(?:ed|es|ing)|chose|chosen)\s+against\s*$",
    re.IGNORECASE,
)
_RENEWAL_VERB = re.compile(r"renew|pick|order", re.IGNORECASE)
_SEASON_NAMED_AFTER = re.compile(
    rf"[^.;]{{0,60}}?\bfor\s+(?:a|an)\s+{ORDINAL_RE}\s+season\b",
    re.IGNORECASE,
)
"""'... for a fourth season': the season a renewal would have made."""


def _declined_renewal(site: CueSite) -> bool:
    """A network's decision not to renew: "declined to renew X", "opted against renewing it".

    Only a renewal verb: "the star declined to return" is a person's choice, not the show's.
    """
    return bool(
        _RENEWAL_VERB.match(site.norm, site.cue.start) and _DECLINED_BEFORE.search(site.before)
    )


def _undated(site: CueSite, ctx: Context, refs: list[Ref], *, hedge: bool) -> list[Candidate]:
    """A date given up: the release is ``tba``, or a shoot taken off the schedule is halted."""
    scan = site.scan
    level = cert.certainty_for(is_hedged=hedge, is_plan=False)
    when, dated = as_of(site, withdrawal_time(site) if _event(site) else None)
    lead = site.norm[max(0, site.cue.start - 100) : site.cue.start]
    cue_text = site.norm[site.cue.start : site.cue.end]
    if _SHOOT_UNSCHEDULED.search(lead) and not _RELEASE_NOUN.search(lead + cue_text):
        # "filming, due to begin in May, has been taken off the schedule": the shoot
        # is halted; the release was never dated by this. The time in such a clause
        # is the old plan's, so the halt holds from the report.
        when, dated = as_of(site, None)
        return [
            make_stage_candidate(scan, ctx, ref, "on_hold", SHOOT_UNSCHEDULED_RULE,
                                 offset=site.cue.start, certainty=level, as_of=when,
                                 dated=dated)
            for ref in refs
        ]  # fmt: skip
    return [
        make_release_candidate(scan, ctx, ref, "tba", site.cue.rule.id, offset=site.cue.start,
                               certainty=level, as_of=when, dated=dated)
        for ref in refs
    ]  # fmt: skip


SHOOT_UNSCHEDULED_RULE = "stage.on_hold.unscheduled"
_SHOOT_UNSCHEDULED = re.compile(
    r"(?:^|[:;]\s*|,\s*)(?:the\s+)?(?:filming|shooting|production|the shoot|principal photography)\b"
    r"(?:(?!\b(?:and|but|while|whereas)\b)[^.;]){0,80}$",
    re.IGNORECASE,
)
"""A shoot as the subject of a date given up."""


def _release_to_come(site: CueSite) -> bool:
    """Whether a tense-ambiguous release verb is in the future ("set to hit theaters").

    "ahead of its Netflix debut on September 18" names a debut still to come.
    """
    verb = site.norm[site.cue.start : site.cue.end]
    return not _PAST_FORM.search(verb) and (
        cert.future(site.before, "") or bool(_AHEAD_OF_BEFORE.search(site.before))
    )


def _writers_hoped_date(site: CueSite) -> bool:
    """A release the writer hopes for ("we still hope season 2 arrives later this year").

    The labels read it as the writer's guess (a hedge, rumored), unlike a fan's or a
    maker's wish for a show's future; only the hope governs it, no "if" or "whether".
    """
    before = site.before
    return (
        site.cue.rule.kind == "release"
        and bool(_WRITER_HOPE.search(before))
        and not cert.conditional(_WRITER_HOPE.sub(" ", before))
    )


_SHOOT_BEGAN_BEFORE = re.compile(
    r"\b(?:filming|shooting|production|principal photography|the shoot|cameras)\b[^.;]{0,80}?"
    r"\b(?:began|started|kicked off|commenced|got under ?way|rolled|started rolling)\b[^.;]{0,60}?,?\s+and\s+$",
    re.IGNORECASE,
)
"""'Shooting began in March 2023 and ...': the verb after "and" tells of the same shoot."""
_COORDINATED_END = re.compile(
    r"(?:was\s+|were\s+)?(?:ended|finished|wrapped|stopped|concluded|completed)$"
)


_AUXILIARY_FIRST = re.compile(r"(?:is|are|will|'s|'re)\s", re.IGNORECASE)
_NAME_RIGHT_BEFORE = re.compile(r"(?-i:\b([A-Z][a-z]+))\s+$")
_NAME_THEN_AUXILIARY = re.compile(
    r"(?<!\bthe )(?-i:\b([A-Z][a-z]+))\s+(?:will|would|won't|wouldn't|is|isn't|'s|are|aren't)\s+(?:not\s+|never\s+)?$"
)
"""'Rose will not be back for season 3': a name, then the verb's auxiliary ("the Hargreeves
would be back", a family, stands for the show)."""


_ITS_OTHER_WORK = re.compile(
    r"\b(?:its|their|the show's|the series'|the series's)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:spin-?offs?|sequels?|prequels?|movies?|films?|games?|video games?|musicals?|podcasts?"
    r"|specials?|documentar(?:y|ies)|tie-ins?|stage shows?)\s+"
    r"(?:was|were|has been|have been|had been|is|are|got|has|have|had)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
"""The show's own other work as the subject: "its planned spin-off was scrapped" (a revival or
a reboot is the show's next season, read elsewhere)."""
_ONE_WORD_SUBJECT = re.compile(
    r"(?:^|[.;:,]\s+|\b(?:and|but|while|meanwhile|also|whereas)\s+)[\"']?(?-i:([A-Z][a-z]{2,}))[\"']?\s+"
    r"(?:has\s+|have\s+|had\s+)?(?:(?:now|also|just|finally|officially|already)\s+)?$"
)
_ITS_SEASON_AFTER = re.compile(
    r"\s+(?:its|their)\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|\d{1,2}(?:st|nd|rd|th)|new|next|latest|final|last)\s+(?:season|series)\b",
    re.IGNORECASE,
)
"""'its third season': the subject has seasons ('its coming series' may be someone's show)."""


def _other_shows_season(site: CueSite) -> bool:
    """'Succession began shooting its third season': a one-word title outside the catalog.

    A name that has seasons of its own ("its third season") is a show, not a person, so
    the stage is that show's, not the story's.
    """
    return bool(_ITS_SEASON_AFTER.match(site.norm, site.cue.end)) and _named_one_not_a_show(
        site, _ONE_WORD_SUBJECT
    )


_PERSON_BEFORE_WRAP = re.compile(
    r"(?:\b(?:star|stars|co-star|actor|actress|cast member|lead)\s+(?-i:([A-Z][a-z][\w'-]*\s+[A-Z][\w'-]+))"
    r"|(?-i:\b([A-Z][a-z][\w'-]*\s+[A-Z][\w'-]+)),\s+who\s+(?:plays|played|stars|starred|co-stars)\b[^;]{1,120}?,)"
    r"\s+(?:has\s+|have\s+|had\s+)?(?:(?:now|officially|finally|just|already|reportedly)\s+)*$",
    re.IGNORECASE,
)
"""An actor named right before the verb: "X star Ana Ruiz has wrapped", "Ana Ruiz, who plays
the lead, has wrapped" (a director or a studio that finished filming speaks for the shoot)."""


def _person_wrapped(site: CueSite) -> bool:
    """Whether one actor, not the production, wrapped: "X star Ana Ruiz has wrapped".

    An actor's last day is not the shoot's. The name must be nobody's title (a catalog
    title there is the production itself).
    """
    if site.cue.rule.value != "wrapped":
        return False
    match = _PERSON_BEFORE_WRAP.search(site.norm, 0, site.cue.start)
    if match is None:
        return False
    group = 1 if match.group(1) else 2
    return not any(
        r.start < match.end(group) and match.start(group) < r.end for r in site.scan.refs
    )


def _named_one_not_a_show(site: CueSite, before: re.Pattern[str] = _NAME_RIGHT_BEFORE) -> bool:
    """A capitalised name that is no catalog title right before "will not be returning": a person."""
    name = before.search(site.norm, 0, site.cue.start)
    return (
        name is not None
        # At the start of a sentence a capital tells nothing, unless the word is no pronoun.
        and (name.start() > 0 or name.group(1).casefold() not in _SENTENCE_OPENERS)
        and not any(r.start <= name.start() < r.end for r in site.scan.refs)
    )


_SENTENCE_OPENERS = frozenset(
    words(
        "it this that there here they he she we you i the a an and but so now still also then"
        " which who what everyone everybody nobody someone something nothing"
    )
)


_EVENT_SUBJECT = re.compile(
    r"^\W*(?:(?:the|a|an|its|their|this|that)\s+)?(?:[\w'-]+\s+){0,3}?"
    r"(?:premiere|screening|panel|event|shoot|shooting|filming|tour|junket|red carpet|trip|party"
    r"|table read|press tour|fan event|appearance)s?\b[^.;]{0,60}?\s+"
    r"(?:was|were|has been|have been|had been|is|are|will be)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
"""'The premiere of X was cancelled', 'a planned January shoot was scrapped': an event, not the show."""


_PERFECT_IN_A_TIME_CLAUSE = re.compile(
    r"\b(?:before|once|until|till|when)\b[^.;,]{0,60}?\b(?:has|have)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
"""'before season two has aired', 'once the season has premiered': a time still to come."""
_AVERTED_BEFORE = re.compile(
    r"\b(?:sav(?:ed|es|ing)|rescu(?:ed|es|ing)|spar(?:ed|es|ing))\b[^.;,]{0,40}?\bfrom\s+(?:(?:the|a|an|its|their|being|getting)\s+)*$"
    r"|\b(?:escap(?:ed|es|ing)|avoid(?:ed|s|ing)?|avert(?:ed|s|ing)?|dodg(?:ed|es|ing|e)|surviv(?:ed|es|ing|e)|evad(?:ed|es|ing|e)"
    r"|nearly|almost|close to|reprieve from|fac(?:es|ed))\s+(?:(?:the|a|an|its|their|being|getting|been|(?:[\w'’-]+\s+)?[\w'’-]+['’]s)\s+)*$",
    re.IGNORECASE,
)
"""'Saved from cancellation', 'dodged the axe', 'was nearly cancelled', 'faces cancellation':
a cancellation that did not happen, or not yet."""
_DESPITE_FEARS_BEFORE = re.compile(
    r"\b(?:despite|in spite of|amid|allaying|dispelling)\s+(?:(?:the|some|many|earlier|early|recent|long-standing"
    r"|persistent|lingering)\s+)?(?:worries|fears|concerns|rumou?rs|speculation|reports|talk|doubts)\b"
    r"[^.;]{0,60}$"
    # "fans had started to fear that the show was headed for an early cancellation".
    # ("There are fears that it will be cancelled" is a rumour the story reports.)
    r"|\b(?:feared|fearing|to fear|worried|worrying|wondered|wondering|to wonder)\s+(?:that|whether|if)\b[^.;]{0,60}$",
    re.IGNORECASE,
)
"""'despite worries that it might be cancelled', 'fans feared that it was headed for
cancellation': a fear, not the news."""
_REVERSED_BEFORE = re.compile(
    r"\b(?:revers|overturn|rescind|undo|undid|undoing|walk(?:ed|s|ing)? back|revok)\w*\s+"
    r"(?:(?:the|its|their|a|an|(?:[\w'’-]+\s+)?[\w'’-]+['’]s)\s+)*(?:(?:earlier|previous|original)\s+)?(?:(?P<decision>decision)\s+to\s+)?$",
    re.IGNORECASE,
)
_REVERSED_AFTER = re.compile(
    # "the cancellation of X was reversed": the noun, its show, then the reversal.
    r"(?:\s+of\s+[^.;,]{1,50}?)?"
    r"\s+(?:decision\s+)?(?:was|were|has been|had been|is|got|gets)\s+(?:\w+ly\s+)?(?:reversed|overturned|rescinded|undone|walked back|revoked)\b",
    re.IGNORECASE,
)
"""'Reversed its cancellation', 'the cancellation was overturned': the show lives on."""


def _end_of_no_shoot(site: CueSite) -> bool:
    """'... and ended in June' after a sentence start that began no shoot."""
    norm, cue = site.norm, site.cue
    return (
        cue.rule.id == "stage.wrapped.finished-filming"
        and _COORDINATED_END.fullmatch(norm[cue.start : cue.end].lower()) is not None
        and norm[max(0, cue.start - 4) : cue.start].lower() == "and "
        and not _SHOOT_BEGAN_BEFORE.search(norm, 0, cue.start)
    )


_CLOSED_QUESTION = re.compile(
    r"\bwhether\b[^.;]*?,\s+(?:as|because|since|now that|when|while)\s+", re.IGNORECASE
)


def _past_a_closed_question(before: str) -> str:
    """The words before a match, past a "whether" question a new clause has closed.

    "Audiences will soon judge whether it paid off, as X reaches theaters on November 5":
    the question is the audience's; the clause after "as" states a fact.
    """
    ends = [m.end() for m in _CLOSED_QUESTION.finditer(before)]
    return before[ends[-1] :] if ends else before


def _not_a_statement(site: CueSite) -> bool:
    """A conditional, a doubt, a question, a generic subject or object, or background."""
    norm, cue, before = site.norm, site.cue, site.before
    if (
        _end_of_no_shoot(site)
        or (cue.rule.value == "cancelled" and _EVENT_SUBJECT.search(before) is not None)
        or (
            cue.rule.value == "cancelled"
            and (
                _AVERTED_BEFORE.search(before) is not None
                or _DESPITE_FEARS_BEFORE.search(before) is not None
                or _REVERSED_BEFORE.search(before) is not None
                or _REVERSED_AFTER.match(norm, cue.end) is not None
            )
        )
        # "reversed its decision to renew X": the season is not made after all.
        or (
            cue.rule.value == "announced"
            and (reversal := _REVERSED_BEFORE.search(before)) is not None
            and reversal["decision"] is not None
        )
        or (cert.conditional(_past_a_closed_question(before)) and not _writers_hoped_date(site))
        or _GENERIC_OBJECT.match(norm[cue.end :])
        or _GENERIC_SUBJECT.search(before)
        or _PAIR_SUBJECT.match(norm, 0, cue.start)
        or (
            cue.rule.value == "on_hold"
            and (
                # "Halberd plans to restart the shoot": "plans" is the verb there.
                (
                    _PLANS_SUBJECT.search(before) is not None
                    and not norm.startswith("to ", cue.start)
                )
                or (
                    norm.startswith("production", cue.start)
                    and _INDUSTRY_BEFORE.search(before) is not None
                )
            )
        )
        or _HABITUAL_BEFORE.search(before)
        or cert.doubted_after(norm[cue.end : cue.end + 80])
        or cert.someday(site.clause_text)
        # "Is X cancelled?" in the body asks; the answer says.
        or (not site.scan.sentence.is_headline and cert.question(norm))
        or cert.offers_choices(norm)  # "Season 2: renewed, cancelled, or finished?"
        or _SURPRISED_BEFORE.search(before)  # "we would be surprised to get a date this month"
        or (
            _DECISION_NOUN.match(norm, cue.start) is not None
            and _AWAITED_DECISION_BEFORE.search(before) is not None
        )
        or _UNLIKELY_BEFORE.search(before)  # "it looked less and less likely that X would come out"
        or _ONE_OF_WHICH_BEFORE.search(before)  # "five films, the first of which came out in 2013"
        or _REPEATED_AFTER.match(norm, cue.end, cue.end + 40) is not None
        or _ASKED_BEFORE.search(before) is not None  # "was asked whether fans could expect it"
        or (cue.rule.value == "wrapped" and _STORY_SUBJECT.search(before) is not None)
        or (cue.rule.id == _IN_THE_CAN and _PART_OR_PLAN_IN_THE_CAN.search(before) is not None)
        # "The first season of X wraps up in a few days": its airing ends, not a shoot.
        or (
            cue.rule.value == "wrapped"
            and _SEASON_SUBJECT.search(before) is not None
            and _AIRING_END_AHEAD.match(norm, cue.end) is not None
            and not _SHOOT_NOUN.search(site.clause_text)
        )
        # "The second season began streaming on October 20 and ended its run on November 9".
        or (
            cue.rule.value == "cancelled"
            and norm[cue.start : cue.end].lower().endswith(" run")
            and _SEASON_OPENS_SENTENCE.match(norm) is not None
        )
        or (
            cue.rule.value == "cancelled"
            and _NOT_BACK.search(norm, cue.start, cue.end) is not None
            and (
                _PERSON_BEFORE.search(norm, 0, cue.start) is not None or _named_one_not_a_show(site)
            )
        )
    ):
        return True
    # "since its cancellation", "after the renewal": background, not news.
    if _NOUN_FORM.search(norm[cue.start : cue.end]) and _BACKGROUND_PREP.search(
        norm[max(0, cue.start - 45) : cue.start]
    ):
        return True
    if cue.rule.kind == "released" and (
        _release_to_come(site) or _PERFECT_IN_A_TIME_CLAUSE.search(before)
    ):
        # "is set to hit theaters on August 30", "once its fourth season has aired": a
        # release to come, not one that happened.
        return True
    if cue.rule.kind in {"release", "released", "tba"}:
        return _not_a_release(site)
    # "The premiere has been postponed indefinitely" withdraws a date; the shoot is not on hold.
    return (
        cue.rule.value == "on_hold"
        and bool(_RELEASE_NOUN.search(site.clause_text))
        and not _SHOOT_NOUN.search(site.clause_text)
    )


def _titles_masked(site: CueSite) -> str:
    """The clause's words before the match, with catalog titles blanked out.

    A title's own words ("Skeleton Crew", "The Office") are not the album or
    crew a release verb could belong to.
    """
    before = site.before
    start = site.cue.start - len(before)
    chars = list(before)
    for ref in site.scan.refs:
        if ref.kind == "show":
            for i in range(max(ref.start, start), min(ref.end, site.cue.start)):
                chars[i - start] = "x"
    return "".join(chars)


_RETURN_VERB = re.compile(
    r"(?:return|be back|is back|are back|come back|coming back)", re.IGNORECASE
)


def _not_a_show_subject(before: str) -> bool:
    """Whether the words before a release verb make something other than a show its subject.

    A capitalised noun after another capitalised word is part of a name, not the thing
    the noun means: "director Celine Song will open ..." names a person, not a song.
    """
    pos = 0
    while (match := _NOT_A_SHOW.search(before, pos)) is not None:
        start = match.start()
        named = before[start].isupper() and _NAME_WORD_BEFORE.search(before, 0, start)
        if not named or _EVENT_NAME.match(before, start):
            return True  # "the Golden Globe Awards will air": a named event is still an event
        pos = start + 1
    return False


_NAME_WORD_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b(?-i:[A-Z][\w'-]*)\s+$")
"""A capitalised word right before, not opening the sentence: the start of a name."""
_EVENT_NAME = re.compile(
    r"(?:Awards?|Ceremony|Gala|Convention|Panel|Upfronts?|Conference|Presentation|Screening"
    r"|Events?|Showcase|Expo|Livestream|Tour)\b"
)
"""The last word of an event's name ("the Golden Globe Awards")."""


_TITLE_AFTER_COLON = re.compile(r":\s+[\"']?x+[\"']?\s+[^:]*$")
"""A colon right before a (masked) watched title that is the subject of what follows."""


def _not_a_release(site: CueSite) -> bool:
    """A release verb whose subject or object is not the show: an album, a trailer, the shoot."""
    norm, cue = site.norm, site.cue
    takings = cue.rule.id == BOX_OFFICE  # "the figures for X's opening weekend": takings
    # "a new poster arrived ahead of the premiere on August 23": the premiere is the object of
    # its own preposition, so what came before it (the poster) does not own it.
    own_phrase = _TIME_PREPOSITION_BEFORE.search(site.before)
    before = _titles_masked(site)
    if _TITLE_AFTER_COLON.search(before):
        # "gives its launch date: X arrives on March 17": the colon opens X's statement.
        before = before.rsplit(": ", 1)[-1]
    if (
        not takings
        and not own_phrase
        and (
            _not_a_show_subject(before)
            or _NOT_A_SHOW_PARTICIPLE.search(before)
            or _NOT_A_SHOW_RELATIVE.search(site.norm, 0, site.cue.start)
            or (
                _AND_ELIDED_SUBJECT.search(norm, max(0, cue.start - 30), cue.end + 20) is not None
                and _PROMO_SUBJECT.match(norm) is not None
            )
        )
        and not _SOURCE_ASIDE.search(site.before)
    ):
        return True  # "the soundtrack album dropped", "the trailer is here"
    if (
        _NON_SHOW_OBJECT.match(norm[cue.end :])
        or _SHOOT_OBJECT.match(norm[cue.end :])
        or _THAT_WORK_SUBJECT.match(norm, 0, cue.start)
        or _INDUSTRY_EVENT_SUBJECT.search(site.before)
    ):
        return True
    if (cue.rule.kind == "release" and _RANKING.search(site.before)) or (
        # "Copper Sky star Ana Ruiz will be back in 2025": she is, not the show.
        _RETURN_VERB.match(norm, cue.start) and PERSON_SUBJECT.search(site.before)
    ):
        return True
    first_showing = norm[cue.start : cue.end].lower().startswith("premiere") and bool(
        _PREMIERE_KIND_BEFORE.search(site.before)
        # "premiered in Los Angeles on July 8 ahead of its July 19 release": a gala first.
        or _AHEAD_OF_RELEASE.match(norm, cue.end)
    )
    withdrawn = cue.rule.kind == "release" and _WITHDRAWN_BEFORE.search(site.before)
    if cue.rule.id != FESTIVAL_PREMIERE and (
        _FESTIVAL_AFTER.match(norm, cue.end)
        or _FESTIVAL_BEFORE.search(site.before)
        or first_showing
        or withdrawn
    ):
        return True  # a festival screening or first showing precedes the release; a date given up is old
    # A split season's second half, when the sentence also gives the first ("Part 1 lands
    # on July 3 and Part 2 follows"), or episodes week by week: not the season's release.
    # A second half named alone is the part still to come, and its date is news.
    later = LATER_PART.search(site.before) and FIRST_PART.search(norm)
    if cue.rule.kind == "release" and (later or _CADENCE.search(norm[cue.end : cue.end + 40])):
        return True
    # "Filming on X has been pushed to March" moves the shoot, not the release.
    start = cue.start - len(site.before)
    masked = list(site.before)
    for ref in site.scan.refs:
        if start <= ref.start and ref.end <= cue.start:
            masked[ref.start - start : ref.end - start] = "X".ljust(ref.end - ref.start, "\0")
    return bool(_SHOOT_SUBJECT.search("".join(masked).replace("\0", "")))


def _object_elsewhere(site: CueSite) -> bool:
    """The verb's object is something else ("renewing its longest-running drama").

    "the cancellation of Batgirl": a named work that is not a watched show.
    """
    cue = site.cue
    named = _OF_NAMED.match(site.norm, cue.end) if cue.rule.kind == "stage" else None
    if named and not any(
        cue.end <= r.start <= named.end() and r.kind == "show" for r in site.scan.refs
    ):
        return True
    # "Fans of X will stay put, because FX has renewed its hit series": with the show
    # named earlier in the sentence, "its hit series" is that show.
    named_before = bool(re.match(r"\s+(?:its|their)\s", site.norm[cue.end :])) and any(
        r.kind == "show" and r.end <= cue.start for r in site.scan.refs
    )
    return (
        cue.rule.value in {"announced", "cancelled", "on_hold"}
        and bool(_OBJECT_NP.match(site.norm[cue.end :]))
        and not named_before
        and not any(cue.end <= r.start < cue.end + 45 and not r.pronoun for r in site.scan.refs)
    )


# Between a stage verb and its own date: "wrapping on", "wraps production in".
_OWN_DATE_GAP = re.compile(r"\s+(?:(?:up|production|filming|shooting)\s+)?(?:on|in|by)\s+")


def _event(site: CueSite) -> str | None:
    """The event's own date, unless a modal makes it a possibility ("could move to 2025")."""
    if _MODAL_BEFORE.search(site.before) or _NOW_BEFORE.search(site.before):
        return None
    return event_time(site)


def _past_state(site: CueSite) -> bool:
    """Whether the match is a past state with no date ("was in development for years")."""
    cue_text = site.norm[site.cue.start : site.cue.end]
    return bool(_STATE_PHRASE.match(cue_text) and _PAST_COPULA.search(site.before))


_PLUPERFECT_HALT = re.compile(
    r"\bhad\s+(?:(?:already|long|first|earlier)\s+)?(?:been\s+)?(?:\w+ly\s+)?"
    r"(?:halted|stopped|suspended|shut down|paused|put on hold|frozen|stalled|interrupted)\b",
    re.IGNORECASE,
)


def _halt_before_the_news(site: CueSite) -> bool:
    """'The season's filming had been stopped by the pandemic': a halt told in the pluperfect.

    With no date and no restart ahead in the sentence it is background to what the story
    reports now, not a halt as of the story.
    """
    return (
        site.cue.rule.value == "on_hold"
        and bool(_PLUPERFECT_HALT.search(site.norm, max(0, site.cue.start - 30), site.cue.end + 40))
        # "cameras would roll again on November 28; an injury had halted production": the
        # halt still holds until the restart the sentence puts ahead.
        and not RESTART.search(site.norm)
    )


_SOME_EPISODES_SHOT = re.compile(
    rf"\b(?:\d+|{CARDINAL_RE}|half|some|most|several|a few)\s+of\s+(?:the|its|their)\s+"
    r"(?:[\w'-]+\s+){0,4}?episodes\b[^.;]{0,60}$",
    re.IGNORECASE,
)
"""Part of a season's episodes as the subject of a finished shoot: the shoot goes on."""
_A_DATE_SUBJECT = re.compile(
    r"\b(?:release|premiere|opening|debut|launch)(?:\s+date|\s+slot)?(?:\s+of\s+[^,;]{1,40}?)?\s+(?:in|on|for)\s+"
    r"[^,;]{1,40}?\s+(?:was|were|has been|had been|got|is|is being)\s+(?:\w+ly\s+)?$"
    r"|\b(?:release|premiere|opening)\s+(?:date|slot)s?\s+(?:was|were|has been|had been|got)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
"""A dated release as the subject of "scrapped" or "cancelled": the date was given up."""


def _date_given_up(site: CueSite) -> bool:
    """'A release in October 2019 was scrapped': a date given up, not the work cancelled."""
    return site.cue.rule.value == "cancelled" and bool(_A_DATE_SUBJECT.search(site.before))


_TALK_OF = re.compile(r"(?:rumou?rs?|talks?|word|plans?)\b", re.IGNORECASE)
"""A season only spoken of: without it ("no plans for a fourth season"), nothing was decided."""


_HALT_VERB = re.compile(r"(?:halt|suspend|paus|shut|stop)", re.IGNORECASE)
"""A verb that halts a shoot, at the start of a match: "suspend production"."""


def _stage_read(site: CueSite, *, hedge: bool, negative: bool) -> tuple[str, bool, bool] | None:
    """The stage a match states, whether it is only a plan, and whether it is hedged.

    None when the match states nothing: a negated plan, a negation with no
    meaning of its own, or a future of a stage only the past can reach.
    """
    rule = site.cue.rule
    value, plan = rule.value, rule.kind == "plan"
    if negative and _UNTIL_AFTER.match(site.after):
        negative = False  # "did not wrap until September": it wrapped in September
    if negative:
        if plan or rule.negated is None:
            return None
        if rule.value == "announced" and (
            _UNDECIDED.search(site.before) or _TALK_OF.match(site.norm, site.cue.start)
        ):
            # "has not (yet) renewed", "there are no plans for a fourth season": no
            # decision, not a cancellation.
            return None
        # "has not started filming" is a fact about the stage before.
        return rule.negated, False, cert.doubted(site.before)
    if rule.past_only and (_dated_after_publication(site) or _present_ahead(site)):
        # "the shoot is planned to last six months, wrapping on March 21", "X wraps in June"
        # told in May: a plan
        return None
    if value == "wrapped" and _SOME_EPISODES_SHOT.search(site.before):
        value = "filming"  # "four of the eight episodes are already shot": still shooting
    ahead = rule.ahead_is_plan and _time_ahead(site)
    if rule.kind == "stage" and (ahead or cert.future(site.before, site.after)):
        if rule.past_only:
            return None
        if value in {"pre_production", "filming"}:
            value, plan = "pre_production", True
        elif value == "on_hold" and _HALT_VERB.match(site.norm, site.cue.start):
            # "will suspend production at the end of the week": a halt to come ("will
            # remain on hold" says it is halted now).
            plan = True
    return value, plan, hedge


_SOON_AFTER = re.compile(
    r"[^.;:,]{0,50}?\b(?:this|next)\s+(?:week|weekend|month|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday)\b"
    r"|[^.;:,]{0,50}?\bwith\b[^.;:,]{0,40}?\b(?:premiere|debut|opener)\b",
    re.IGNORECASE,
)
"""'comes back for its last season this week', 'returns for season 6 with a record premiere':
the return is the release."""
_WORKS_PLURAL = (
    r"(?:shows|dramas|comedies|sitcoms|titles|projects|originals|programmes|programs|films|movies)"
)
_GENERIC_WORKS = re.compile(
    rf"\b(?:{_WORKS_PLURAL}"
    r"|(?:many|several|other|good|some|these|those|its|their|plenty of|a string of|a number of"
    r"|a lot of|numerous|various|multiple)\s+(?:[\w-]+\s+)?series)\b",
    re.IGNORECASE,
)
"""Works in general, in the plural: "many of its shows were cancelled"."""
_OWNED_WORKS = re.compile(rf"\s+(?:[\w-]+\s+)?{_WORKS_PLURAL}\b", re.IGNORECASE)
"""What follows an owner's pronoun in "many of its shows": the owner's works."""
_PEOPLE_AFTER = re.compile(
    r"[^.;,]{0,60}?\s+are\s+(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)(?:\s+\(|,\s+(?-i:[A-Z])|\s+and\s+(?-i:[A-Z]))"
)
"""The subject after its verb: "Returning for season 5 are Ana Ruiz (Vale), Tom Hale ..."."""
_AS_A_ROLE = re.compile(r"\s+(?:to\s+play\s+|as\s+(?-i:[A-Z])|as\s+(?:the|his|her)\s+)")


def _names_subject(site: CueSite) -> bool:
    """Whether a list of people's names, none a title, comes right before the verb.

    "Ana Ruiz, Tom Hale and Jo Park return for season 3": the cast comes back.
    """
    names = _NAMES_BEFORE.search(site.norm, 0, site.cue.start)
    return names is not None and not any(
        r.kind == "show" and names.start() <= r.start < names.end() for r in site.scan.refs
    )


_ONE_NAME_BEFORE = re.compile(
    r"(?-i:(?P<name>[A-Z][\w'-]+))\s+(?:(?:is|are|was|were|will|would|has|had|have|also|now|"
    r"still|not|unlikely|likely|set|expected|due|to|be|going)\s+)*$"
)


def _surname_returns(site: CueSite, ctx: Context) -> bool:
    """Whether the one coming back is a person named by surname alone.

    "Pacino is unlikely to come back for season two", with "Al Pacino" given in full
    elsewhere in the story: the actor, not the show.
    """
    if site.cue.rule.id != _BACK_FOR:
        return False
    match = _ONE_NAME_BEFORE.search(site.norm, 0, site.cue.start)
    if match is None or any(
        r.start < match.end("name") and match.start("name") < r.end for r in site.scan.refs
    ):
        return False
    return match.group("name").casefold() in ctx.long_name_words


def _people_return(site: CueSite) -> bool:
    """Whether people, not the show, are the ones coming back ("her castmates will return")."""
    if site.cue.rule.id != _BACK_FOR:
        return False
    if _AS_A_ROLE.match(site.norm, site.cue.end):
        return True  # "Amy Poehler is coming back as Joy": a part, so a person
    if (
        _named_one_not_a_show(site, _NAME_THEN_AUXILIARY)
        or _WHO_SUBJECT.search(site.norm, 0, site.cue.start)
        or _names_subject(site)
    ):
        return True
    if (
        _AUXILIARY_FIRST.match(site.norm, site.cue.start)
        and not site.scan.sentence.is_headline
        and _named_one_not_a_show(site)
    ):
        return True  # "Michael Douglas and Michelle Pfeiffer are coming back as well"
    after = _PEOPLE_AFTER.match(site.norm, site.cue.end)
    if after and not any(
        r.kind == "show" and after.start() <= r.start < after.end() for r in site.scan.refs
    ):
        return True  # "Returning for season 5 are Ana Ruiz (Vale), Tom Hale ...": named people
    return bool(_PEOPLE_SUBJECT.search(site.before)) and not any(
        r.kind in {"show", "anaphor"}
        and site.scan.clauses.at(r.start).id == site.clause.id
        and r.end <= site.cue.start
        for r in site.scan.refs
    )


def _dated_after_publication(site: CueSite) -> bool:
    """Whether a stage only the past can reach carries its own later date ("wrapping on May 2, 2025").

    Only a date right after the verb counts, and one without a year is read
    as the one before publication: "wrapped on December 17" is a past wrap.
    """
    governed = governed_time(site)
    if governed is None or not _OWN_DATE_GAP.fullmatch(site.norm[site.cue.end : governed.start]):
        return False
    return _after_publication(site, governed, future=False)


_NOT_SIMPLE_PRESENT = re.compile(
    r"\b(?:\w+ed|began|begun|went|got|been|was|were|had|is|are)\b", re.IGNORECASE
)
"""A past or progressive form in the words matched: "cameras first rolled in May" and
"cameras are rolling" tell of a shoot under way, whatever time follows."""


_PRESENT_TENSE_CUE = re.compile(r"(?!(?:was|is|has|does|this|its)\b)\w*[^\Ws]s\b", re.IGNORECASE)
"""A verb in the present tense that opens a match: "wraps", "finishes" (not "was", "wrapped")."""


def _present_ahead(site: CueSite) -> bool:
    """A present tense ("wraps", "finishes") with a time still to come: told ahead of it."""
    return bool(_PRESENT_TENSE_CUE.match(site.norm, site.cue.start)) and _time_ahead(site)


def _time_ahead(site: CueSite) -> bool:
    """Whether the time the match governs lies after publication ("begins filming next month")."""
    if _NOT_SIMPLE_PRESENT.search(site.norm, site.cue.start, site.cue.end):
        return False
    if _SOON.match(site.norm, site.cue.end):
        return True  # "production starts soon"
    governed = governed_time(site)
    if governed is None:
        return False
    if governed.get("mod") == "later":
        return True  # "later this month": ahead, though the month is the story's own
    # "Production starts this summer", told in June: a shoot under way would be told as
    # begun, so a present tense for a window the story stands in still looks ahead.
    value = resolve(governed, site.scan.published, future=True)
    if value is None or value == "tba":
        return False
    last = Period.parse(value).last
    return last is None or last > site.scan.published


_SOON = re.compile(r"\s+(?:very\s+)?(?:soon|shortly|imminently)\b", re.IGNORECASE)


def _after_publication(site: CueSite, governed: TimeExpr, *, future: bool) -> bool:
    """Whether ``governed`` resolves after publication; ``future`` reads a yearless date forward."""
    value = resolve(governed, site.scan.published, future=future)
    if value is None:
        return False
    first = value.split("/")[0]
    return first > site.scan.published.isoformat()[: len(first)]


def _stage(
    site: CueSite, ctx: Context, refs: list[Ref], *, hedge: bool, negative: bool
) -> list[Candidate]:
    """A stage reached (or, for plans and future tense, prepared for)."""
    rule, cue = site.cue.rule, site.cue
    if (
        (
            rule.yields_to_release
            and (governed_time(site) is not None or _SOON_AFTER.match(site.after))
        )
        or _people_return(site)
        or _surname_returns(site, ctx)
        or _person_wrapped(site)
        or _ITS_OTHER_WORK.search(site.before)
        or _other_shows_season(site)
        or _date_given_up(site)
    ):
        # "returns for a third season on May 2" dates a release; "the cast will all
        # return for season three" is about people, not a renewal.
        return []
    read = _stage_read(site, hedge=hedge, negative=negative)
    event = _event(site)
    if read is None or (event is None and (_past_state(site) or _halt_before_the_news(site))):
        return []
    value, plan, hedge = read
    if (not plan and cert.planned_before(site.before)) or (
        rule.states_now and cert.past_intent(site.before)
    ):
        return []  # "they planned to restart production": an old plan, not today's halt
    when, dated = as_of(site, event)
    if plan or rule.states_now:
        if plan and cert.old_plan(site.clause_text):
            return []
        when, dated = statement_date(site), False
    elif site.clause.kind == "background" and event is None:
        return []
    if value == "cancelled" and _GENERIC_WORKS.search(site.clause_text):
        # "Plenty of good series have been axed", "cancelling shows such as X and Y": works
        # in general, so a show the clause does not name is not among them.
        # "many of its shows were cancelled": "its" owns the shows, it is not one of them.
        refs = [
            r
            for r in refs
            if not site.inherited(r) and not (r.pronoun and _OWNED_WORKS.match(site.norm, r.end))
        ]
    level = cert.certainty_for(is_hedged=hedge, is_plan=plan)
    role = rule.role
    if role == "cancel" and _REVIVAL_SUBJECT.search(site.before):
        role = "renewal"  # "the revival is dead": the season it would have made
    if value == "announced" and _TO_SERIES.match(site.norm, cue.start):
        # "having taken in another network's drama for its second season, has ordered X to
        # series": an order to series makes a first season, whatever season is near.
        refs = [
            r if r.source == "explicit" else replace(r, season=1, source="explicit") for r in refs
        ]
    return [
        make_stage_candidate(site.scan, ctx, ref, value, rule.id, offset=cue.start, weak=plan or rule.weak,
                             role=role, certainty=level, as_of=when, dated=dated,
                             inherited=site.inherited(ref))
        for ref in refs
    ]  # fmt: skip
