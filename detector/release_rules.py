# ruff: noqa: E501  (regular expressions read best unbroken)
"""The release rules: verbs of coming out, scheduling and moving dates, and withdrawn dates.

A release rule's value comes from the time expression it governs
(``detector.releases``). Every rule has sentences that must and must not
match in ``tests/detector/cases.yaml``.
"""

from __future__ import annotations

from newsmon.detector.rule import Rule, words
from newsmon.detector.stage_rules import CHANNEL

_MONTH_DAY_OR_YEAR = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}\b"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b"
)
"""A month with its day or year ("July 18", "January 2022"): a dated slot."""

RELEASE_NOUNS = r"(?:premiere|release|debut|launch|return|bow|opening|window)"

RELEASE_RULES: tuple[Rule, ...] = (
    Rule(
        id="release.verb",
        kind="release",
        pattern=r"\b(?:premiere[sd]?|premiering|debut(?:s|ed|ing)?|(?<!finished )(?<!finishes )(?<!stopped )(?<!ended )(?<!concluded )(?<!completed )(?<!now on the )(?<!still on the )(?<!currently on the )air(?:s|ed|ing)?|(?:(?<=\bwill )|(?<=\bwill be )|(?<=\bto )|(?<=\bto be )|(?<=\bis )|(?<=\bare ))broadcast\b|(?:(?<=\bto be )|(?<=\bwill be ))shown(?=\s+(?:at some point\s+|some ?time\s+)?(?:in|on|from|this|next|later|early)\s+(?:(?:early|late|mid-?)\s*)?(?:(?:19|20)\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|fall|autumn|winter|next|this)\b)|broadcasts(?=\s+(?:on|in|its|the|this|next|from)\b)|(?<!bigger )(?<!biggest )(?<!big )(?<!huge )(?<!steep )(?<!steeper )(?<!steepest )(?<!sharp )(?<!sharper )(?<!sharpest )(?<!larger )(?<!largest )(?<!smaller )(?<!modest )(?<!% )drop(?:s|ped|ping)?|launch(?:es|ed|ing)?"
        r"|(?<!press )(?<!news )(?:releas(?:e(?!\s+days?\b)|ed|ing)|(?<!new )(?<!wide )(?<!other )(?<!major )(?<!several )(?<!many )releases)(?!\s+(?:that|which)\b)|(?<!seen )(?<!spotted )(?<!photographed )(?<!pictured )arriv(?:e|es|ed|ing)|return(?:s|ed|ing)?(?!\s+to\s+(?:filming|shooting|the set|set|production|work)\b)|roll(?:s|ing)? out|open(?:s|ing)?(?=\s+(?:(?:only|exclusively)\s+)?(?:in|at|on|this|next|nationwide|wide|everywhere|worldwide|globally|around the world|over|during|monday|tuesday|wednesday|thursday|friday|saturday|sunday|memorial|labor|thanksgiving|christmas|halloween|independence)\b|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)|land(?:s|ed|ing)?"
        r"|bow(?:s|ed)?(?!\s+out\b)|hit(?:s|ting)? (?:screens|theaters|theatres|cinemas)|(?<=\s)(?:thunder|roar|stomp|swing|crash|charge|storm|race|sail|head|march|fly|swoop)s?\s+into\s+(?:theaters|theatres|cinemas)(?=\s+(?:on|in|this|next|from|later|early)\b)|come(?:s)? out|coming out"
        r"|reach(?:es|ing)? (?:(?:US|U\.S\.|UK|U\.K\.|North American|American|British|domestic|IMAX|select)\s+)?(?:theaters|theatres|cinemas|screens|viewers|audiences|subscribers|streaming)|reach(?:es|ing)?\s+(?-i:[A-Z])[\w+]*(?=\s+(?:before|until|in|on|by|this|next|later|early)\b)|(?<!\bnow )(?<!\bwas )(?<!\bwere )(?<!\bopened )(?<!\bpremiered )(?<!\breleased )(?<!\bdebuted )(?<!\barrived )(?<!\blanded )(?<!\bbowed )in (?:theaters|theatres|cinemas)(?=\s+(?:on\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b))|tun(?:e|es|ing) in(?=\s+(?:to\s+[^.;,]{1,40}?\s+)?(?:on|in|next|this|from)\b)|open(?:s|ing)?(?=\s+(?:[\"'][^\"']{1,60}[\"']|it|the (?:film|movie|sequel)|(?-i:[A-Z])[\w'&:.-]*(?:\s+(?:of\s+|the\s+|and\s+|&\s+)?(?-i:[A-Z0-9])[\w'&:.-]*){0,5})\s+(?:in (?:theaters|theatres|cinemas)|on|wide|nationwide|in\s+(?:early\s+|late\s+|mid-?)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(?:19|20)\d\d|spring|summer|fall|autumn|winter))\b)|due(?=\s+(?:out|in|on|back|this|next|later|early|sometime|around|by)\b)|(?:(?<=\bnot )|(?<=n't ))(?:due|open)(?=\s+(?:in (?:theaters|theatres|cinemas)\s+)?(?:until|till)\b)|(?<!wrap )(?<!shoot )(?<!production )(?<!filming )expected(?:\s+back\b)?(?=\s+(?:on\s+(?-i:[A-Z])[\w+]*(?:\s+(?-i:[A-Z])[\w+]*)?\s+)?(?:in (?:theaters|theatres|cinemas)|to (?:arrive|open|premiere|debut|land|hit|release|return|drop|come out)|(?:in|by|around|sometime|until|till|before)\s+(?:early |late |mid-?)?(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|fall|autumn|the (?:spring|summer|fall|autumn|first|second))))|(?<!people )(?<!extras )(?<!anyone )(?<!those )(?<!residents )(?<!actors )available(?:\s+to\s+(?:stream|watch|rent|buy))?(?=\s+(?:on|from|starting|beginning)\b)|(?:start|begin)s? streaming|will stream|head(?:s|ing)? (?:to|for) (?:theaters|theatres|cinemas|screens|(?-i:[A-Z])[\w+]*(?!\s+(?:to|for)\s+(?:film|shoot|filming|shooting|production|the shoot)\b))|streams?(?=\s+(?:on|from|starting|exclusively|beginning)\b))\b"
        r"(?!\s+date)(?<!movie releases)(?<!film releases)"
        r"|\b(?:comes?|coming)(?=\s+(?:only\s+|back\s+)?(?:in|sometime|some time|by|around|during|this|next|later|early)\b)"
        # "is due to begin its run on AMC in May 2016": the first episode's date.
        r"|\b(?:begin|begins|beginning|start|starts|starting)\s+(?:its|their)\s+(?:[\w-]+\s+){0,2}?run\b"
        # "viewers can stream the season on Paramount+ from May 23": when it can be watched.
        r"|\b(?:can|could|will be able to)\s+(?:stream|watch|binge)(?=[^.;]{0,60}?\b(?:from|starting)\s+(?:\w+day,?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d))"
        # "will be in theaters next summer"; "won't be in cinemas until 2026": when it will be.
        # Not "stays in theaters until June" (its run) or "to see it in cinemas next year" (a wish).
        r"|(?<=\bbe )in (?:theaters|theatres|cinemas)(?=\s+next\s+(?:year|spring|summer|fall|autumn|winter)\b"
        # "will be in cinemas from June 6", "should be in theaters in late 2026": a time follows.
        r"|\s+(?:(?:on|in|from|by|starting|beginning)\s+)(?:(?:early|late|mid-?)\s*)?(?:(?:19|20)\d\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|(?:the\s+)?(?:spring|summer|fall|autumn|winter|holidays?)|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b)"
        r"|(?:(?<=n't be )|(?<=not be ))in (?:theaters|theatres|cinemas)(?=\s+(?:until|till)\s+(?:(?:early|late|mid-?)\s*)?(?:(?:19|20)\d\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|next)\b)"
        # "begins its theatrical run on Sept. 6", "will start its limited release in November".
        r"|\b(?:begins|starts|kicks off|(?<=will )(?:begin|start|kick off))\s+(?:its|their)\s+(?:(?:theatrical|cinema|limited|wide|nationwide|streaming|awards-qualifying)\s+)?(?:run|release|rollout)\b(?=\s+(?:on|in|this|next|from)\b)"
        # "Warner Bros. has the movie on its calendar for July 21, 2023"
        r"|\bon\s+(?:its|the|their)\s+(?:release\s+)?(?:calendar|schedule|slate)(?=\s+for\b)(?!\s+for\s+the\b)"
        # "will play exclusively in cinemas from Nov. 22"
        r"|\bplay(?:s|ing)?\s+(?:only\s+|exclusively\s+)?in\s+(?:theaters|theatres|cinemas)(?=\s+(?:from|on|starting|beginning|this|next)\b)"
        # "will start with a limited engagement on October 24"
        r"|\b(?:limited|special)\s+(?:(?:theatrical|limited)\s+)?(?:engagement|release|run)(?=\s+(?:on|in|from|starting)\b)"
        # "The series, out May 29, is based on ..."
        r"|(?<=, )out(?=\s+(?:on\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)"
        # "is coming back for its second season on June 3": the return, dated.
        r"|\b(?:comes?|coming)\s+back\s+for\s+(?:a|an|its|their)\s+(?:[\w-]+\s+){0,2}?(?:season|series|run|chapter|instal(?:l)?ment)\b(?=,?\s+(?:on|in|this|next|later|early|from|starting)\b)"
        # "will at last limp into cinemas on January 22, 2021": any way of reaching cinemas.
        r"|\b(?:(?:limp|sneak|stride|roar|crawl|storm|swing|sail|glide|slip|head|come|return|soar|swoop|race|rush|march|charge|leap|dance|waltz|creep|burst|blast|barrel|zoom|stomp|slither)(?:s|ed|ing)?|fl(?:y|ies|ew|ying)|swept|sweeps?|crept|leapt)\s+(?:back\s+)?into\s+(?:theaters|theatres|cinemas)\b(?=[^.;]{0,12}?\b(?:on|in|this|next|later|early)\b)"
        # "comes to Netflix on May 22"
        r"|\b(?:comes?|coming)(?=\s+to\s+(?-i:[A-Z])[\w+]*(?:\s+(?-i:[A-Z])[\w+]*)?\s+(?:on|in|this|next|later|early|from|starting|sometime|some time|by|around|at some point)\b)"
        r"|(?<!\ba )(?<!\bthe )(?<!\bbig )(?<!'s )(?<!\bits )(?<!\btheir )(?<!\bhorror )(?<!\bsurprise )(?<!\bsleeper )(?<!\bsmash )(?<!\bbreakout )(?<!\bcomedy )(?<!\bindie )(?<!\bcult )(?<!\brunaway )(?<!\bsummer )(?<!\banimated )(?<!\baction )(?<!\bbiggest )(?<!\bhuge )(?<!\bmassive )(?<!\bglobal )(?<!\bviral )(?<!\bstreaming )(?<!\bbox-office )(?<!\boffice )(?<!\bcritical )(?<!\bgenre )(?<!\bmodest )(?<!\bratings )(?<!\bholiday )(?<!\banother )(?<!\bsame )\bhit(?:s|ting)? (?-i:[A-Z][\w+]*)\b(?!'s)|(?:^\W*|(?<=\bdon't )|(?<=\bdo not ))expect\b(?!\s+(?:another|an?|the|its|some)\s+(?:[\w-]+\s+){0,2}?(?:slides?|drops?|dips?|declines?|falls?|holds?|hauls?|grosses|boosts?|jumps?|increases?|bumps?)\b)"
        r"|\bbring(?:s|ing)?\s+(?:[^.;,]{1,40}?\s+)?back\b(?=\s+(?:in|on|this|next|later|early|by|sometime|until|till)\b)"
        # "intends to bring the film out in 2021".
        r"|\bbring(?:s|ing)?\s+(?:it|them|the\s+(?:film|movie|sequel|series|show|season)|(?=[\"']?(?-i:[A-Z]))[^.;,]{1,40}?)\s+out\b(?=\s+(?:in|on|this|next|later|early|by|sometime)\b)"
        # "may not reach the service before 2025", "reaches Netflix on May 2".
        r"|\breach(?:es|ing)?\s+(?:the\s+(?:service|streamer|platform)|Netflix|Disney\+|HBO Max|Max|Prime Video|Peacock|Paramount\+|Hulu|Apple TV\+?)(?=\s+(?:on|in|this|next|later|early|by|before|until|from)\b)"
        # "gave the romantic comedy a wide release on April 15, 2022": a studio dating a film.
        r"|\bg(?:ave|ives|iving|iven)\s+(?:it|them|the\s+(?:film|movie|sequel|picture)|[^.;,]{1,60}?)\s+an?\s+(?:(?:wide|limited|theatrical|global|worldwide|nationwide|day-and-date)\s+)?(?:release|premiere|debut|opening)\b(?=\s+(?:on|in|date of)\s)"
        # "will open with a pair of episodes on July 11", "kicks off with two episodes on".
        r"|\b(?:open(?:s|ing)?|kick(?:s|ing)? off)(?=\s+with\s+(?:a|an|its|the|two|three|four|a pair of|a double bill of|back-to-back)\b[^.;]{0,30}?\bepisodes?\b)"
        # "Chapter 2 follows on August 16, 2024" (a date right after it).
        r"|\bfollows?(?=\s+(?:on\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)"
        # "with season 3 following in 2020", "the third season will probably follow in 2019": a
        # later season told after the one named first. Only a season, not "a sequel".
        r"|(?<=\bseason )(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
        r"\s+(?:(?:will|would|should|could|probably|presumably|likely|then)\s+){0,2}(?:follows?|following)"
        r"(?=\s+(?:in|by|later|early|late|next|sometime)\b)"
        r"|(?<=\bseason )(?:(?:will|would|should|could|probably|presumably|likely|then)\s+){0,2}(?:follows?|following)"
        r"(?=\s+(?:in|by|later|early|late|next|sometime)\b)"
        # "will skip theaters and go straight to Meridian+ in July": a streaming premiere.
        r"|\b(?:go(?:es)?|going)\s+(?:directly|straight)\s+to\s+(?:(?-i:[A-Z])[\w+]*(?:\s+(?-i:[A-Z+])[\w+]*)?|streaming|digital|VOD)(?=\s+(?:in|on|this|next|later|early|from)\b)"
        # "will now open a week earlier, on June 7": the shift told before the date.
        r"|\bopen(?:s|ing)?(?=\s+(?:a\s+(?:day|week|month)|(?:two|three|four|five|six|\d+)\s+(?:days|weeks|months))\s+(?:earlier|later|sooner)\b)"
        # "Part one goes online on January 21, 2022", "the first episode goes live on Friday".
        r"|\b(?:go(?:es)?|went)\s+(?:online|live)\b(?=\s+(?:on|in|this|next|later|early|from)\b|,?\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)"
        # "the statement puts the film in theaters in late 2026", "will put it in cinemas on May 1".
        r"|\bput(?:s|ting)?\s+(?:the\s+|it\b|(?=[\"']?(?-i:[A-Z])))[^.;,]{0,40}?\s*in\s+(?:theaters|theatres|cinemas)\b(?=\s+(?:on|in|this|next|later|early|from|by)\b)"
        # "Paramount is putting the film out on December 25": a date to come (the past "put it
        # out" is the released rules').
        r"|\b(?:(?:is|are|'s|will be)\s+putting|will\s+put|to\s+put)\s+(?:the\s+(?:[\w-]+\s+)?(?:film|movie|sequel|series|show|season)|it|them|(?=[\"']?(?-i:[A-Z]))[^.;,]{1,40}?)\s+out\b(?=\s+(?:on|in|this|next|later|early|from|by)\b)"
        # "brings its bloody vengeance to cinemas on November 21".
        r"|\bbring(?:s|ing)?\s+(?:[^.;,]{1,40}?\s+)?to\s+(?:theaters|theatres|cinemas|screens|the big screen)\b(?=\s+(?:on|in|this|next|later|early|from)\b)"
        # "will be back for season 2 in 2027": the season named on the way to its date.
        r"|\b(?:be|is|are)(?: officially)? back\b(?=\s+(?:for\s+(?:season\s+\d{1,2}|(?:a|its|the)\s+[\w-]+\s+season)\s+)?(?:in|on|this|next|later|early|by|sometime|until|till|with|around|at some point)\b)"
        # "that could put the show back on screens next year".
        r"|\bput(?:s|ting)?\s+(?:the\s+(?:[\w-]+\s+)?(?:show|series|season)|it|them|(?=[\"']?(?-i:[A-Z]))[^.;,]{1,40}?)\s+back\s+on\s+(?:our\s+)?(?:screens|tv|television|the air)\b(?=\s+(?:in|on|this|next|later|early|by|sometime|around|at some point|before)\b)"
        # "will come back for its third season in 2025".
        r"|\bcome\s+back\b(?=\s+for\s+(?:season\s+\d{1,2}|(?:a|its|the)\s+[\w-]+\s+season)\s+(?:in|on|this|next|later|early|by|sometime)\b)"
        # A schedule's "begins": "the third series begins on BBC One on Sunday", "the
        # drama's second run starts on Monday 1 July", "Series three of X begins on ...".
        # The verb's subject is a season or a show's run, not a shoot or an event.
        r"|\b(?:season|series|run|drama|comedy|thriller|miniseries)(?:\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten))?"
        r"(?:\s+of\s+[^.;,]{1,50}?)?\s+(?:begins|starts|kicks off|(?:is|are)\s+(?:set|due|scheduled|slated)\s+to\s+(?:begin|start|kick off))\b"
        r"(?=\s+(?:on|tonight|tomorrow|this|next|from|in)\b)"
        # "The Meridian+ original X hits the service on Feb. 14".
        r"|\bhits?\s+the\s+(?:service|streamer|platform)\b(?=\s+(?:on|in|this|next|later|early|from)\b)"
        # "Counterpart begins on Starz on Sunday, January 21st": a start told with its channel.
        rf"|\b(?:begins|starts|kicks off)\s+on\s+{CHANNEL}(?=\s+(?:on|this|next|tonight|tomorrow|in|from)\b)"
        # "is coming back on May 5", "comes back with new episodes in May"
        r"|\b(?:comes?|coming)\s+back\b(?=\s+(?:on|with)\b)"
        r"(?!\s+(?:in|on)\s+(?:action|form|business|town|track|top|set|production|front|the\b|a\b|an\b))",
        hints=words(
            "premier debut air broadcast shown drop launch releas arriv return open land bow hit come coming reach stream back expect due available bring tun theaters theatres cinemas roll head out play calendar schedule slate kick follow online live its theatrical its limited its wide its nationwide its cinema its awards-qualifying its run their run its release their release its rollout begins starts"
        ),
    ),
    Rule(
        # "Season 3 of Tidewater starts on Max on June 29": a season starting on a service.
        id="release.season-starts",
        kind="release",
        pattern=r"(?<=\bseason )(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)(?:\s+of\s+[^.;,]{1,40}?)?\s+(?:starts|begins|kicks off)(?=\s+on\s+(?-i:[A-Z])[\w+]*(?:\s+(?-i:[A-Z])[\w+]*)?\s+(?:on|in|this|next)\b)"
        # "the final season will start on 6th October": the schedule's "begins", told ahead.
        r"|\b(?:season|series|run)(?:\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten))?"
        r"(?:\s+of\s+[^.;,]{1,50}?)?\s+will\s+(?:begin|start|kick off)\b"
        r"(?=\s+(?:on|tonight|tomorrow|this|next|in)\b)",
        hints=("start", "begin", "kick"),
    ),
    Rule(
        # "The Long Quiet is on Channel 4 from 14 May": a schedule's first day, British style.
        id="release.on-from",
        kind="release",
        pattern=r"(?:(?<=\bis )|(?<=\bare )|(?<=\bwill be )|(?<=\bairs )|(?<=\bair ))on\s+"
        + CHANNEL
        + r"(?=\s+from\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",
        hints=("from",),
    ),
    Rule(
        # "the pair will finally meet in 2020's Godzilla vs. Kong", "next year's Tidewater":
        # a title dated by a year in the possessive (a year still to come; past ones drop).
        id="release.year-possessive",
        kind="release",
        # Not "next year's Academy Awards": an event, not a work.
        pattern=r"\b(?:in|with|of|for|from|and|until|to|on|at)\s+(?=(?:(?:19|20)\d\d|next year|this year)'s\s+[\"']?(?-i:[A-Z0-9]))"
        r"(?![^.;,]{0,40}?\b(?:(?:[\w-]+\s+){0,2}?(?:Awards?|Oscars?|Emmys?|Globes?|BAFTAs?|Festival|Fest|Comic-Con|Super Bowl|Olympics|World Cup|Upfronts?|Con|Games|Championships?|Season)\b))",
        hints=("'s",),
        needs_explicit=True,
    ),
    Rule(
        id="release.to-see",
        kind="release",
        pattern=r"\b(?:wait|waiting|have to wait)\b[^.;]{0,40}?\bto see\b"
        # "fans will have to wait until 2025 for season 2": the wait ends with the release.
        r"|\b(?:wait|waiting)\b(?=\s+(?:until|till)\s+[^.;,]{1,30}?\s+(?:for|to (?:see|watch|stream))\b)"
        # "viewers won't see season 2 until 2025": when they will.
        r"|\b(?:won't|will not|wouldn't|would not|can't|cannot|will never)\s+(?:get to\s+)?(?:see|watch)\b(?=[^.;]{1,60}?\b(?:until|till)\b)"
        r"|\b(?:hope|hopes|hoping|expect|expecting)(?:\s+is)?\s+to see\b"
        # "audiences can see it for themselves on May 23"
        r"|\b(?:audiences|viewers|fans|moviegoers|you|everyone)\s+(?:can|will|will be able to|get to)\s+(?:see|watch|catch|stream)\b(?=\s+(?:it|the (?:[\w-]+ ){0,2}?(?:film|movie|series|show|season|sequel)|[\"']?(?-i:[A-Z])))",
        hints=("to see", "see", "watch", "catch", "stream", "wait"),
        needs_explicit=True,
    ),
    Rule(
        id="release.scheduled",
        kind="release",
        # "on set for the opening shot" is the film set, not a schedule.
        pattern=r"\b(?:dated|slated|scheduled|(?<!\bon )(?<!\bthe )(?<!\ba )set|penciled|pencilled|slotted|due|targeted|lined up|locked|circled)\b(?=[^.;]{0,60}?\bfor\b)"
        # A studio dating a film, as trade headlines put it: "Paramount dates X for April 2022".
        r"|\b(?:dates|slates|sets)\s+(?=[^.;]{1,60}?\s+for\s+(?:(?:early|late|mid-?)\s*)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|(?:19|20)\d\d\b))"
        # "Netflix sets March 17, 2017 for X", the date before the title named.
        r"|\b(?:dates|sets|set|picks|picked)\s+(?=(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?|(?:19|20)\d\d)\s+for\s+[\"'‘“]?(?-i:[A-Z]))"
        # "now has its first official date: July 12, 2024".
        r"|\b(?:has|have|gets?|got|received?)\s+(?:its|their|a|an)\s+(?:first\s+|new\s+)?(?:official\s+|firm\s+)?(?:release\s+|premiere\s+|opening\s+)?date\s*:"
        rf"|\b(?:targeting|targets|aiming|aims|eyeing|eyes)\b(?=[^.;]{{0,40}}?\b{RELEASE_NOUNS}\b)"
        # "is eyeing an Oct. 17 date for X", "eyeing late next year for X": a slot sought.
        r"|\b(?:targeting|targets|eyeing|eyes)\s+(?=(?:an?\s+|the\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\s+(?:date|slot)\b|(?:early|late|mid-?)\s*(?:next year|this year|(?:19|20)\d\d)\s+for\b))"
        # "has claimed Dec. 19", "claimed the July 4 weekend": a studio taking a slot.
        r"|\b(?:claimed|claims|snagged|snags|nabbed|nabs|grabbed|grabs|staked out)\s+(?=(?:the\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|memorial day|labor day|thanksgiving|christmas|independence day|easter|halloween))"
        # "has been given an Oct. 17 date".
        r"|\b(?:given|gave|gets?|got|handed)\s+(?:an?|its)\s+(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+(?:19|20)\d\d)?\s+(?:release\s+|premiere\s+|opening\s+)?(?:date|slot)\b)"
        # "still holds its October 3, 2025 slot", "keeps its June date", "stays put on May 2".
        # Not "keeps its Friday slot": a weekly time slot, not a date.
        r"|\b(?:holds?|held|holding|keeps?|kept|keeping|retains?|retained)\s+(?:on\s+to\s+)?(?:its|their|the)\b(?=[^.;]{0,30}?\b(?:slot|date)\b)"
        r"(?!\s+(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?|\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?)(?:[- ]night)?\s+(?:time\s*)?slot\b)"
        r"|\b(?:stays?|stayed|remains?|remained)\s+(?:put\s+)?on(?=\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)"
        # "remains on track for Aug. 8": a day kept ("on track for a 2025 return" is the
        # return's, read with its verb).
        r"|\bon track\s+for(?=\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)"
        # "is now confirmed for November 15, 2024", "the film is aiming for 2025".
        r"|\b(?:confirmed|aiming|aims)\s+for(?=\s+(?:an?\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|(?:19|20)\d\d\b|(?:early|late|mid-?)\s*(?:19|20)\d\d\b|the\s+(?:first|second|third|fourth)\s+quarter\s+of\s+(?:19|20)\d\d\b))"
        r"|\b(?:gets?|got|lands?|landed|scores?|receives?|sets?) (?:a|an|its)\b(?=[^.;]{0,30}\b(?:premiere|release|return|launch|debut) date\b)"
        # "Original release date: June 26" is the date given up, not the one held.
        r"|(?<!original )(?<!initial )(?<!former )(?<!previous )(?<!earlier )(?<!old )(?<!first )"
        r"\b(?:release|premiere|launch|debut|opening|return|streaming|new) date(?:\s*:|\s+(?:of|is|was|remains|is now|is still|has been set for|has been moved to)"
        # "The premiere date for X season 4 is May 3".
        r"|(?=\s+for\s))"
        r"(?=(?:\s+for\s+[^.;,]{1,60}?\s+(?:is|will be|is now|is set as))?\s+(?:the\s+|early\s+|late\s+|mid-?)?(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|fall|autumn|winter|first|second|third|fourth|next|this))"
        r"|(?<=\d )(?:[\w+]+ ){0,2}?(?:release|premiere|launch|debut|opening|streaming) date\b"
        # "pencilled in August 31 as its launch date"
        r"|\b(?:pencil(?:l)?ed|penciled|set|chose|picked|locked|circled|marked|named|gave it)\s+(?:in\s+)?(?=[^.;]{0,30}?\bas\s+(?:its|the|their)\s+(?:[\w-]+\s+)?(?:release|premiere|launch|debut|opening|return) date\b)",
        hints=words(
            "dated slated slates scheduled set pencil slotted due target aim eye date lined confirmed hold held keep kept retain stay remain locked circled claim snag nab grab staked given gave get got handed track"
        ),
    ),
    Rule(
        id="release.moved",
        kind="release",
        pattern=r"(?<!\bfrom )\b(?:moved|moves|move|moving|push(?:ed|es|ing)?|punt(?:ed|s|ing)?|bump(?:ed|s|ing)?|shift(?:ed|s|ing)?|delay(?:ed|s|ing)?|postpone[sd]?|postponing|slip(?:s|ped|ping)?|slid(?:es|ing)?|jump(?:s|ed|ing)?)\b(?=(?:[^.;]|\.(?=\w)){0,110}?\b(?:to|into|until|till|past|beyond)\s)"
        # A dot inside a word ("Lumen 2.0", "U.S.") ends no sentence.
        # "brought it forward to October 25", "bringing the film forward by five days, to ...".
        r"|\b(?:bring(?:s|ing)?|brought|pull(?:s|ed|ing)?)\b(?=[^.;]{0,40}?\bforward\b[^.;]{0,30}?\bto\s)"
        # "putting it in the middle of next summer, on July 18, 2025", "now goes straight to
        # January 2022": a studio placing a film on a dated slot ("went to September 2020" and
        # a bare "put" are history as often: "put it on Netflix on May 3").
        r"|\b(?:puts|putting|(?<=has )put|(?<=have )put|placed|places|placing)\b(?=\s+(?:it|them|the (?:film|movie|sequel|picture)|(?-i:[A-Z])[\w'-]*(?:\s+(?-i:[A-Z0-9])[\w'-]*){0,4})\s+(?:in|on|into)\s+"
        rf"[^.;]{{0,40}}?(?:{_MONTH_DAY_OR_YEAR}))"
        r"|\b(?:goes|going)\b(?=\s+(?:directly\s+|straight\s+)?to\s+"
        rf"(?:{_MONTH_DAY_OR_YEAR}))"
        # "it leaves June 7, 2019 for March 13, 2020": the date left, then the new one.
        rf"|\bleaves\b(?=\s+(?:its\s+)?(?:{_MONTH_DAY_OR_YEAR})[^.;]{{0,25}}?\s+for\s+(?:{_MONTH_DAY_OR_YEAR}))",
        hints=(
            "mov",
            "leav",
            "push",
            "punt",
            "bump",
            "shift",
            "delay",
            "postpone",
            "slip",
            "slid",
            "jump",
            "forward",
            "put",
            "plac",
            "goes",
            "going",
        ),
    ),
    Rule(
        id="release.tba.pulled",
        kind="tba",
        pattern=r"\b(?:pulled|removed|taken|dropped|pulls|removes|takes|drops)\b(?:\s+[^.;,]{1,60}?)?\s+(?:from|off) (?:the|its|their) (?:[\w-]+ ){0,2}(?:schedule|calendar|slate)\b"
        r"|\b(?:release |premiere )?date (?:is )?(?:now )?to be (?:announced|determined|confirmed)\b|\bun-?dated\b"
        r"|\bno longer (?:has|have) (?:a|an|its|their) (?:[\w-]+ ){0,2}?(?:release |premiere |opening )?date\b"
        # "X is no longer dated": its date withdrawn.
        r"|\b(?:is|are|was|now)\s+no longer dated\b"
        r"|\b(?:premiere|release|debut|launch|opening|bow)\b[^.;]{0,50}?\b(?:postponed|delayed|pushed(?: back)?|put on hold)\s+indefinitely\b"
        r"|\b(?:postponed|delayed|pushed back)\s+(?:the|its|their)\s+(?:premiere|release|debut|launch|opening)\b(?=[^.;]{0,30}?\bindefinitely\b)"
        # "has been pushed back indefinitely": a date pushed back to no date.
        r"|\b(?:been|was|were|is|are|gets?|got)\s+pushed\s+back\s+indefinitely\b"
        # A date given up: vacated, dropped, lost, scrapped, or moved to "TBA".
        r"|\b(?:vacat(?:ed|es|ing)|dropp(?:ed|ing)|drops|los(?:t|es|ing)|scrapp(?:ed|ing)|abandon(?:ed|s|ing)|gave up|gives up)\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,3}?(?:release |premiere |opening )?(?:date|slot|release)\b"
        r"|\b(?:moved|moves|pushed|shifted|set|listed|now|is|was)\b[^.;]{0,40}?\b(?:to|as|at)\s+(?:an?\s+)?(?-i:TBA|TBD)\b|\bto be announced\b(?=[^.;]{0,20}\b(?:date|release)\b)"
        r"|\bno (?:new|longer (?:has|have) an?) (?:release |premiere )?date\b|(?<!at first )(?<!initially )(?<!originally )\b(?:without|sans) (?:a|any) (?:new )?(?:release |premiere )?date\b"
        r"|\b(?:moved|pulled|taken|bumped|moves|pulls|takes)\s+off\s+(?:its|the|their)\s+(?:[\w-]+\s+){0,3}?(?:date|slot|release date)\b"
        # "is putting the brakes on its planned April 17 release".
        r"|\bput(?:s|ting)?\s+the\s+brakes\s+on\s+(?:its|their|the)\s+(?:planned\s+|scheduled\s+)?(?:[\w.,-]+\s+){0,3}?(?:release|premiere|opening|launch|debut)\b"
        # "Disney gave it no date when it reshuffled its calendar".
        r"|\bg(?:ave|ives|iven)\s+(?:it|them)\s+no\s+(?:new\s+)?(?:release\s+|premiere\s+|opening\s+)?date\b"
        # "withdrew the film from its planned Aug. 21 theatrical opening".
        r"|\b(?:withdr(?:ew|awn|aws|awing)|withdraws?|pulled|pulls|pulling|yanked)\s+(?:it|them|the\s+(?:film|movie|series|show|sequel)|(?-i:[A-Z])[^.;,]{0,40}?)\s+from\s+(?:its|their|the)\s+(?:planned\s+|scheduled\s+)?(?:[\w.,-]+\s+){0,3}?(?:theatrical\s+|cinema\s+)?(?:release|opening|debut|premiere|launch)\b"
        # "has been pulled from its Oct. 4 date", "is off the calendar for now".
        r"|\b(?:pulled|removed|dropped|yanked)\s+from\s+(?:its|their)\s+(?:[^.;,]{1,20}?\s+)?(?:release\s+|premiere\s+|opening\s+)?date\b"
        r"|\b(?:is|are|now|remains?|was|were)\s+(?:now\s+|still\s+)?off\s+(?:the|its|their)\s+(?:release\s+)?(?:schedule|calendar|slate)\b(?=\s*(?:[.,;:]|$|for now\b|entirely\b|altogether\b|for the time being\b))"
        r"|\b(?:is|was|now|remains?)\s+(?:still\s+)?(?-i:TBA|TBD)\b"
        r"|\b(?:delayed|postponed|pushed back|put on hold)\s+until further notice\b|\bunscheduled\b"
        # "lists its release date as 'To Be Announced'", "shelved that date": a date given up.
        r"|\b(?:lists?|listed|listing|shows?|showing)\s+(?:its|the|their)\s+(?:release |premiere )?date as\s+\W*to be (?:announced|determined|confirmed)\b"
        r"|\bshelved\s+(?:that|the|its|their)\s+(?:release\s+|premiere\s+)?date\b"
        r"|\b(?:to|until|till)\s+an?\s+(?:unspecified|unknown|undetermined|undisclosed)\s+(?:later\s+)?date\b"
        r"|\bwill no longer (?:be released|open|premiere|debut|arrive|hit theaters)\b|\bno longer (?:opening|premiering|arriving|debuting|releasing)\b"
        # A finished work kept from release altogether ("the decision not to release it", "will
        # get neither a cinema nor a streaming release"); "not released in theaters" is another
        # window, and "not released until May" a date.
        r"|\b(?:decision|decided|decides|deciding|chose|opted)\s+not\s+to\s+release\b(?![^.;]{0,60}?\b(?:in\s+(?:theaters|theatres|cinemas)|theatrically|until|till|before|this|next|in\s+(?:19|20)\d\d)\b)"
        r"|\b(?:will|would|is\s+to)\s+never\s+be\s+released\b"
        r"|\bneither\s+an?\s+(?:theatrical|cinema|theater|theatre|big-screen)\s+nor\s+an?\s+(?:streaming|digital|home)\s+release\b",
        hints=(
            *words("schedule calendar slate dated indefinitely vacat drop los scrap abandon"),
            *words("gave gives tba tbd without further sans off unscheduled unspecified unknown"),
            *words("undetermined undisclosed pulled removed dropped yanked withdr"),
            "no new",
            "brakes",
            "date as",
            "shelved",
            "to be",
            "no longer",
            "no new",
            "not to release",
            "never be released",
            "neither",
        ),
    ),
    Rule(
        # "has no official release date, and work remains stopped while the strikes play
        # out": no date while the sentence tells of a stoppage or a pulled date (matching
        # checks that); a show that never had a date is left alone.
        id="release.tba.no-date",
        kind="tba",
        pattern=r"\b(?:has|have|had|with)\s+(?:still\s+)?no\s+(?:official\s+|firm\s+|confirmed\s+|set\s+)?(?:release|premiere|opening)\s+date\b"
        r"|\bon a date (?:that\s+)?(?:has|is)\s+yet to be (?:set|announced|determined|confirmed)\b",
        hints=(
            "no official",
            "no release",
            "no premiere",
            "no opening",
            "no firm",
            "no confirmed",
            "no set",
            "yet to be",
        ),
    ),
)
