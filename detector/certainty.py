# ruff: noqa: E501  (regular expressions read best unbroken)
"""How firmly a statement is made: hedges, negation, denial, conditionals and plans."""

from __future__ import annotations

import re

from newsmon.detector.literals import gated
from newsmon.detector.model import Certainty

# The long patterns below are gated (``detector.literals``): each of their phrasings runs
# only on text that holds its words.

# Words that hedge the verb right after them.
_MODAL_BEFORE = gated(
    r"\b(?:(?-i:may|might|could)|reportedly|possibly|perhaps|probably|presumably|likely|allegedly|supposedly|apparently"
    r"|rumou?red to|tipped to|weighing|mulling|considering|exploring)\b"
    r"(?:\s+[\w'-]+){0,6}\s*$"
    # "appears to have finally begun shooting": what the reporter infers.
    r"|\b(?:appears?|appeared|seems?|seemed)\s+to\s+have\s+(?:\w+ly\s+)?$"
    # "there are fears the shoot will be delayed": a worry about what comes next.
    r"|\b(?:fear|fears|feared|fearing|worr(?:y|ies|ied|ying))\s+(?:that\s+)?[^.;,]{0,40}?\b(?:will|would|could|might|may)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# Words that hedge the whole clause they sit in.
_CLAUSE_HEDGE = gated(
    # "reports that" hedges as a noun ("new reports suggest"), not as a trade's verb
    # ("Variety reports that ..." is a flat statement, credited).
    r"\bsources?\b|\binsiders?\b|\brumou?rs?\b|\breport claimed\b|\b(?:the\s+)?word is\b"
    r"|(?:^|[^\w\s]\s*|\b(?:the|a|new|recent|several|multiple|unconfirmed|earlier|latest|conflicting|media"
    r"|press|online|some|other|these|those|such)\s+)reports? (?:that|claim|say|suggest)"
    r"|\baccording to (?:a|one|another|the|several|multiple)?\s*(?:[\w-]+ )?reports?\b|\bper (?:a|one) report\b"
    r"|\b(?:is|are|was|were) understood to\b|\bit is understood\b|\bunderstood that\b"
    # Production listings and the tip sheets that print them are leads, not announcements.
    r"|\b(?:production|casting|crew|industry|filming) listings?\b|\bproduction weekly\b"
    r"|\bspeculat\w*|\btalks? (?:that|of|about)\b|\bthere are talks\b|\bin (?:early |advanced |final |preliminary )?talks\b|\b(?:is|are) (?:said|reported|rumou?red|believed|thought) to\b"
    r"|\bconvinced that\b|\bwe (?:expect|think|believe|predict|suspect|guess|anticipate|reckon)\b"
    # "If you ask us, don't expect it before 2026": the writer's guess, not a condition.
    r"|\bif you ask (?:us|me)\b"
    # "a sharp-eyed fan ... is claiming that filming has started": a viewer's word, not news.
    r"|\b(?:fans?|viewers?|users?|posters?|redditors?|onlookers?|passers-by|someone)\b[^.;]{0,80}?\b(?:claim(?:s|ed|ing)?|insist(?:s|ed|ing)?)\b"
    # Somebody's belief, not the report's: "she said she believed the shoot had wrapped".
    r"|\b(?:i|he|she|they)\s+(?:\w+ly\s+|also\s+|still\s+)?(?:believes?|believed|suspects?|suspected|assumes?|assumed|guess(?:es|ed)?)\b(?!\s+in\b)"
    r"|\bour (?:own )?(?:guess|prediction|bet|hope|feeling|take|expectation)\b|\b(?:we|i)\s+(?:\w+\s+){0,2}?hop(?:e|ing)\b"
    r"|\bin theory\b|\bsigns (?:point|suggest)\b|\bnothing (?:official|has been (?:confirmed|announced|said))\b"
    r"|\bwould make\b[^.;]{0,60}\bpossible\b|\b(?:would|could|'d)(?: also)? (?:like|love) to\b"
    # A writer's own reckoning: "it stands to reason", "a realistic guess", "our current estimate".
    r"|\bstands? to reason\b|\b(?:a|my|our)\s+(?:(?:realistic|safe|reasonable|educated|good|best|current|own|rough)\s+)?(?:guess|bet|estimate)\b",
    re.IGNORECASE,
)
_NEGATION_BEFORE = re.compile(
    r"(?:\b(?:not|never|no|yet to|unlikely to|doubtful)\b|n't)"
    r"(?:\s+(?:yet|been|be|have|has|had|officially|formally|actually|even|started|begun|begin|start"
    r"|expected|likely|set|scheduled|slated|due|planned|plans?|intention|going|able|to))*"
    # "has not received a public renewal": the decision itself is what is missing.
    r"(?:\s+(?:received|gotten|got|been given|had|seen|announced)\s+(?:an?|any|the|its)(?:\s+[\w-]+)?)?"
    r"(?:\s+[\w-]+,)*(?:\s+[\w-]+)?(?:,?\s+(?:or|and|nor))?\s*$"
    # "has not yet given a second season of X the green light": the object sits between.
    r"|(?:\b(?:not|never)\b|n't)(?:\s+(?:yet|officially|formally))*\s+(?:given|gave|handed|granted)\s+[^.;,]{1,60}?\s*$"
    # "did not seem to be going ahead with plans to release it": the plan is dropped.
    r"|(?:\b(?:not|never|no longer)\b|n't)(?:\s+(?:seem|seems|appear|appears)\s+to)?(?:\s+be)?"
    r"\s+(?:going ahead|moving ahead|moving forward|pressing ahead|proceeding)\s+with\s+(?:its\s+|their\s+|the\s+)?plans?\s+to\s*$"
    # "has been neither cancelled nor renewed": the first verb is negated too.
    r"|\bneither\s*$"
    # "neither the spin-off nor the limited series got a second season".
    r"|\bneither\b[^.;,]{1,60}?\bnor\b(?:(?!\b(?:though|although|because|since|while|but|as)\b)[^.;,]){1,60}$",
    re.IGNORECASE,
)
_DOUBT_BEFORE = re.compile(r"\b(?:unlikely|doubtful)\b[\w\s,'-]{0,30}$", re.IGNORECASE)
_DENIAL = gated(
    r"\b(?:rumou?rs?|reports?|claims?|speculation|stories)\b[^;:]*?\b(?:are|is|were|was|have been|has been)\s+[\"']?"
    r"(?:completely |totally |simply |entirely |absolutely |greatly |wildly |much )?"
    r"(?:false|untrue|incorrect|wrong|baseless|inaccurate|not true|fake|exaggerated|overblown|premature|unfounded)\b"
    r"|\bdenied\b|\bden(?:y|ies)\b|\bpushed back on\b|\bshot down\b|\bnot true\b"
    # "calling it a cancellation does not accurately describe where the show stands"
    r"|\b(?:does|do|did)(?:n't| not)\s+(?:\w+ly\s+)?(?:describe|reflect|capture)\b"
    r"|\b(?:is|are|was|were)(?:n't| not)\s+(?:\w+ly\s+|quite\s+)?(?:accurate|correct|the right (?:word|term))\b"
    r"|\b(?:dismiss|refut|debunk|reject|quash|squash)(?:ed|es|ing|s)?\b[^;:]{0,40}?\b(?:rumou?rs?|reports?|speculation|claims?|stories)\b",
    re.IGNORECASE,
)
_CONDITIONAL = gated(
    r"\b(?:if(?!\s+you\s+ask\s+(?:us|me)\b)|unless|whether|whenever)\b|\bhop(?:e|es|ing) to\b|\bwish(?:es|ing)? to\b|\bwant(?:s|ing)? to\b"
    # "whenever the holiday lands on a Sunday": any year's case, no one date.
    # "fans hope the show will get a third season": a wish about what comes next.
    # "Our own hope is that ..." is the writer's guess, a hedge, not a wish of this kind.
    r"|(?<!our )(?<!own )(?<!my )\b(?:(?:hope|hopes|hoping|hopeful|wish|wishes|wishing)\b(?:\s+that)?\s+[^.;]{0,40}?\b(?:will|would|can|could)\b|(?:hope|hopes|hoping|wish|wishes|wishing)(?:\s+that)?\s+(?:[\w'-]+\s+){1,4}$)"
    r"|^\W*(?:should|were|had)\s+(?!been\b)[\w\"']+|\b(?:would|could|should|might|must)(?:n't| not)? have\b"
    r"|\b(?:calls?|calling|campaign(?:s|ing)?|petition(?:s|ing)?|clamou?r(?:s|ing)?|push(?:es|ing)?|pleas?|begging|hoping) for\b"
    # "a campaign to get the show renewed", "a petition to save it": a wish, not a decision.
    r"|\b(?:campaign|petition|push|drive|fight|bid|effort)s?\s+to\s+(?:get|have|see|save|bring)\b"
    r"|\bfans?\b[^.;]{0,40}\b(?:convinced|believe|believing|speculat\w*|theori[sz]\w*)\b"
    r"|\b(?:would|could)(?: also)? be ready to\b"
    # "its creator is not sure the drama will go on to a seventh series": a doubt.
    r"|\b(?:is|was|are|were|am|remains?|seems?)\s+(?:still\s+)?(?:not\s+(?:sure|certain|convinced)|unsure|uncertain|undecided)\b"
    # "may always decide to cancel it": a decision that could be taken, not one reported.
    r"|\b(?:may|might|could|can)\s+(?:\w+\s+)?(?:decide|choose|opt)\s+to\b"
    # "nothing that would even hint that it might be cancelled": a hint denied.
    r"|\bnothing\b[^.;]{0,40}?\b(?:hint|hints|suggest|suggests|indicate|indicates|point|points)\b"
    # "facing cancellation" governs its verb; "Facing that traffic, X moved ..." does not.
    r"|\b(?:in danger of|at risk of|on the verge of|the threat of|fears? of|facing)\b[\w\s-]{0,25}$",
    re.IGNORECASE,
)
# "a 2025 release now looks unlikely": the doubt comes after the statement.
_DOUBT_AFTER = re.compile(
    r"^[^.;:]{0,30}?\b(?:seems?|looks?|is|appears?|remains?)\s+(?:now\s+)?(?:increasingly\s+|highly\s+|very\s+|more and more\s+|less and less\s+)?"
    r"(?:unlikely|doubtful|improbable|off the table|in doubt|dead|off|not happening|out of reach|unrealistic|a long shot|off the cards)\b",
    re.IGNORECASE,
)
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|would|shall|should|to|going to|plans? to|planned to|expected to|set to|due to|about to|is to|are to)"
    r"\s+(?:\w+\s+){0,2}$"
    # A wish is a plan too: "we are hoping cameras roll before winter".
    r"|\b(?:hope|hopes|hoping|hopeful|want|wants|wanting|wish|wishes|wishing)\s+(?:that\s+)?(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_TO_SAY_THAT = re.compile(
    r"\bto\s+(?:announce|reveal|confirm|share|say|report|note|tease|explain|declare|state|clarify|let (?:fans|viewers|everyone|the world|followers) know)\s+(?:that\s+)?",
    re.IGNORECASE,
)
"""A saying verb in the infinitive of purpose: the words after it are what was said."""
_FUTURE_AFTER = re.compile(
    r"^\s*(?:will|would|should|shall|(?:is|are)\s+(?:set|expected|scheduled|due|slated|planned|going|poised|about)\s+to)\b",
    re.IGNORECASE,
)
_PLUPERFECT_PLAN = gated(
    # "had most recently been dated for", "had previously been set for": an adverb may sit inside.
    r"\bhad (?:(?:\w+ly|most recently|long|once|at first|first)\s+)?(?:been )?(?:set|expected|scheduled|slated|due|planned|targeted|hoped|aimed|intended|dated|penciled|pencilled|meant)\b"
    # "was first meant to open in October", "first due in April": the first of several dates.
    r"|\b(?:was|were|had been)\s+(?:first|initially|originally)\s+(?:meant|due|set|dated|scheduled|slated|expected|supposed|planned|penciled|pencilled|aimed|targeted)\b"
    r"|\bfirst (?:wanted|planned|hoped|intended|aimed|dated|scheduled|slated)\b(?=[^.;]{0,40}\b(?:out|open|release|premiere|debut|for|in|on)\b)"
    r"|\bhad been (?:eyeing|targeting|aiming|planning|hoping|eyeballing|gunning|heading|headed|bound|pointed)\b"
    # "Before that it had already slipped from March to October": a move the news replaced.
    r"|\bhad (?:already |previously |earlier |once )?(?:slipped|moved|shifted|been (?:pushed|moved|delayed|bumped|shifted))\b"
    # "many fans had been expecting a February launch": a guess that the news replaced.
    r"|\bhad (?:long )?been (?:expecting|anticipating|predicting|counting on|bracing for)\b"
    r"|\b(?:fans|many|some|observers|viewers|people|most)\s+had\s+(?:long\s+)?(?:expected|predicted|anticipated|assumed|guessed)\b"
    # "we assumed it was coming out in April": a belief the news replaced.
    r"|\b(?:(?i:we|fans|many|everyone|most|some|people)\s+(?:had\s+)?(?:(?:all|long)\s+)?|and\s+)(?:assumed|figured|presumed)\b"
    r"|\bwas (?:originally )?(?:set|scheduled|slated|due|supposed) to\b|\boriginally\b"
    r"|\bthe (?:original|initial|first|earlier|old) plan\b|\bthe plan at the time\b"
    r"|\b(?:previously|formerly|initially)\s+(?:set|dated|scheduled|slated|due|expected|planned|targeted|pencill?ed)\b"
    # "X, previously stuck with a January opening, has moved": any past arrangement, but not
    # "its previously announced date", which still holds.
    r"|\b(?:previously|formerly)\b(?!\s+(?:announced|reported|revealed|confirmed|unveiled|disclosed|stated|mentioned|teased))"
    # "later than its original date of February 14": the date given up.
    r"|\b(?:original|initial|previous|earlier|former|old)\s+(?:release\s+|premiere\s+|opening\s+)?date\s+of\b"
    # "will now open on September 27, after being set for September 20"
    r"|\b(?:after|having)\s+(?:(?:\w+ly|first|once)\s+)?(?:been|being)\s+(?:originally\s+|previously\s+|first\s+)?(?:set|dated|scheduled|slated|due|penciled|pencilled)\b"
    # "first set for this November and then moved to February": the first of several dates.
    r"|\b(?:first|initially)\s+(?:set|dated|scheduled|slated|penciled|pencilled|due)\s+(?:for|to open|to arrive|to premiere)\b"
    # "Rather than opening on July 18 as planned, it will premiere on August 1."
    r"|\b(?:rather than|instead of)\s+(?:opening|premiering|debuting|releasing|arriving|launching|returning|landing|hitting|bowing|coming out)\b",
    re.IGNORECASE,
)
_FAN_QUOTE = gated(
    r"\b(?:fans?|users?|viewers?|commenters?|posters?|followers?|one|another|someone)\s+"
    r"(?:\w+\s+){0,2}(?:wrote|said|posted|tweeted|commented|replied|added|joked)\b",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(
    r"^\W*(?:has|have|is|are|was|were|will|did|does|do|could|can|should|would|what|who|why|when|where|how)\b",
    re.IGNORECASE,
)


def hedged(clause_text: str, before_cue: str) -> bool:
    """Tell whether the statement is hedged: by a modal right before it or a hedge in its clause."""
    return bool(_MODAL_BEFORE.search(before_cue) or _CLAUSE_HEDGE.search(clause_text))


_HEDGE_IN_VERB = re.compile(r"\b(?:reportedly|allegedly|supposedly|rumou?redly)\b", re.IGNORECASE)


_REPORT_LABEL = re.compile(r"^\W*(?:report|rumou?r|exclusive report)\s*:", re.IGNORECASE)


def labelled_report(headline: str) -> bool:
    """Tell whether a headline opens with a label that makes it a report ("Report: X Renewed")."""
    return bool(_REPORT_LABEL.match(headline))


def hedged_verb(cue_text: str) -> bool:
    """Tell whether the matched verb phrase carries its own hedge ("is reportedly filming")."""
    return bool(_HEDGE_IN_VERB.search(cue_text))


def negated(before_cue: str) -> bool:
    """Tell whether a negation governs the words right after ``before_cue``."""
    return bool(_NEGATION_BEFORE.search(before_cue[-60:]))


def doubted(before_cue: str) -> bool:
    """Tell whether the negation is only a doubt ("is unlikely to return"): its claim is a rumour."""
    return bool(_DOUBT_BEFORE.search(before_cue[-60:]))


def doubted_after(after_cue: str) -> bool:
    """Tell whether the words after a statement doubt it ("... seems unlikely")."""
    return bool(_DOUBT_AFTER.match(after_cue))


def denies(text: str) -> bool:
    """Tell whether the text calls a rumour or report false."""
    return bool(_DENIAL.search(text))


_SOMEDAY = gated(
    r"\b(?:may|might|could)\b[^.;]{0,60}?\b(?:at some point|some ?day|one day|eventually"
    r"|down the (?:road|line)|in the (?:distant )?future|sometime)\b(?!\s+(?:in|this|next|early|late|\d))",
    re.IGNORECASE,
)


def someday(clause_text: str) -> bool:
    """Tell whether a statement is a possibility with no time ("could be revived at some point")."""
    return bool(_SOMEDAY.search(clause_text))


def conditional(before_cue: str) -> bool:
    """Tell whether the statement is under "if", "unless" or "whether"."""
    return bool(_CONDITIONAL.search(before_cue))


_PLAN_BEFORE = gated(
    r"\bthe (?:original|initial|first|earlier|old) plan\b|\bthe plan at the time\b"
    r"|\b(?:was|were) (?:originally )?supposed to\b|\bhad been (?:expected|supposed|meant|due|set|scheduled|slated) to\b",
    re.IGNORECASE,
)


def planned_before(before_cue: str) -> bool:
    """Tell whether the stage is what an old plan foresaw, not a stage reached.

    "The original plan had them well into filming by now" says nothing of now.
    """
    return bool(_PLAN_BEFORE.search(before_cue))


def future(before_cue: str, after_cue: str) -> bool:
    """Tell whether the verb is in the future or a plan ("will open", "set to open")."""
    said = max(_TO_SAY_THAT.finditer(before_cue[-80:]), key=lambda m: m.end(), default=None)
    if said is not None:
        # "posted a photo to announce that cameras are rolling": what is announced keeps
        # its own tense; the infinitive is the purpose of the post, not a plan.
        before_cue = before_cue[-80:][said.end() :]
    if _REPORTED_PERFECT.search(before_cue[-60:]) or _REPORTED_STATE.search(before_cue[-60:]):
        return False  # "is reported to have wrapped", "is said to be in post": told, not planned
    return bool(_FUTURE_BEFORE.search(before_cue[-40:]) or _FUTURE_AFTER.match(after_cue))


_REPORTED_PERFECT = re.compile(
    r"(?:\b(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:confirmed|understood|reported|said|believed|thought|known"
    r"|rumou?red|claimed)|\b(?:appears?|appeared|seems?|seemed))\s+to\s+have\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
"""A perfect infinitive after a verb of reporting: what is told happened ("is said to have begun")."""
_REPORTED_STATE = re.compile(
    r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:understood|reported|said|believed|thought|known"
    r"|rumou?red|claimed)\s+to\s+be\s+(?:(?:deep|well|already|still|now|currently)\s+)?$",
    re.IGNORECASE,
)
"""A state after a verb of reporting: what is told holds now ("is said to be deep in post")."""
_PAST_INTENT_BEFORE = re.compile(
    r"\b(?:planned|hoped|intended|aimed|wanted|tried|(?:was|were|had been)\s+(?:\w+ly\s+)?"
    r"(?:due|set|expected|supposed|meant|scheduled|slated|going))\s*$",
    re.IGNORECASE,
)


def past_intent(before: str) -> bool:
    """Tell whether a verb's infinitive hangs on an intent of the past ("planned to restart").

    The plan was made then, so it says nothing of how things stand now.
    """
    return bool(_PAST_INTENT_BEFORE.search(before))


def old_plan(clause_text: str) -> bool:
    """Tell whether this is a plan that no longer holds ("had been set to open in the fall")."""
    return bool(_PLUPERFECT_PLAN.search(clause_text))


def fan_quote(sentence: str) -> bool:
    """Tell whether the sentence quotes a fan or user rather than someone who would know."""
    return bool(_FAN_QUOTE.search(sentence))


def question(sentence: str) -> bool:
    """Tell whether the sentence is a direct question ("Has X pulled the plug on Y?")."""
    return sentence.rstrip().endswith("?") and bool(_QUESTION_START.search(sentence))


_OR = re.compile(r"\bor\b", re.IGNORECASE)


def offers_choices(sentence: str) -> bool:
    """Tell whether the sentence asks which of several things holds ("renewed, cancelled, or finished?")."""
    return sentence.rstrip().endswith("?") and bool(_OR.search(sentence))


def certainty_for(*, is_hedged: bool, is_plan: bool) -> Certainty:
    """Certainty of a statement from its hedging and whether it is a plan."""
    if is_hedged:
        return Certainty.rumored
    if is_plan:
        return Certainty.expected
    return Certainty.confirmed


_FORETOLD_BEFORE = re.compile(
    r"\b(?:expected|likely|poised|tipped|(?:looks?|looked|appears?|appeared|seems?|seemed)\s+set|on track)"
    r"\s+to\s+(?:be\s+)?(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_FORETOLD_AFTER = re.compile(
    r"\s+(?:is|was|looks|seems|appears)\s+(?:all but |almost |virtually |nearly |now )?"
    r"(?:certain|likely|inevitable|probable|assured|expected)\b",
    re.IGNORECASE,
)


def foretold(before: str, after: str) -> bool:
    """Tell whether a decision is foretold rather than made, from the words around its verb.

    "is expected to be renewed", "looks set to return"; "the renewal is all but certain".
    """
    return bool(_FORETOLD_BEFORE.search(before) or _FORETOLD_AFTER.match(after))
