# ruff: noqa: E501  (regular expressions read best unbroken)
"""The stage rules: how the trade press says a production reached a stage.

Every rule has sentences that must and must not match in
``tests/detector/cases.yaml``.
"""

from __future__ import annotations

from newsmon.detector.rule import Rule, words
from newsmon.detector.seasons import ORDINAL_RE
from newsmon.detector.timewords import CARDINAL_RE

SHOOT = r"(?:filming|shooting|lensing|production|principal photography|the shoot|cameras)"
"""Nouns for the shoot itself."""
_START = r"(?:start|begin|commence|roll|kick off|get under ?way|get going|go into production)"
_ON_SHOW = r"(?:\s+(?:on|of|for)\s+(?:(?!\b(?:and(?!\s+the\s+(?-i:[A-Z]))|but|while|is|are|was|were|has|have|had|will)\b)[^.;,]){1,60}?)?"
"""The production named after the shoot noun: "filming on the second season of X" (a title
may hold "and the": "shooting on Harbor and the Deep is over")."""
_AIRED_END = (
    r"\s+(?:on\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
    r"|April|May|June|July|August|September|October|November|December|Set|Location)\b)(?-i:[A-Z])[\w+]*|with\s+(?:a|an|its|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:finale|episode|cliffhanger|twist|bang|ending)\b)"
)
"""'wrapped up on Meridian', 'wrapped with a shocking finale': a season's airing ended."""
_MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
_ASIDE = r"(?:,\s+(?:which|whose|who|with|starring|led by|directed by|the|a|an|set in)\b[^.;,]{1,100}(?:,[^.;,]{1,60}){0,2}?,)?"
"""A relative clause or aside between the shoot and its verb: "Filming, whose cast includes X and Y, began",
"The shoot for X, the biopic of a boxer, is under way"."""


def _decision_told(noun: str) -> str:
    """Guard a decision noun ("renewal", "cancellation") so that it stands only as told.

    Not one foreseen ("its probable cancellation", "a rumoured renewal") or talked of
    ("cancellation rumours", "on the renewal bubble", "renewal hopes").
    """
    return (
        rf"(?:(?={noun}\b)(?<!probable )(?<!likely )(?<!rumored )(?<!rumoured )(?<!looming )"
        r"(?<!impending )(?<!feared )(?<!threatened )(?<!predicted )(?<!inevitable )(?<!expected )"
        rf"(?!{noun}\s+(?:talk|fears?|scares?|worries|concerns|threats?|rumou?rs?|speculation"
        r"|chatter|buzz|watch|bubble|risk|danger|odds|predictions?|hopes?|status)\b)"
        rf"|(?!{noun}\b))"
    )


_RENEWAL_TOLD = _decision_told("renewal")
_CANCELLATION_TOLD = _decision_told("cancellation")
_ADV = r"(?:(?:now|officially|finally|already|formally|just|only|recently|quietly|also|reportedly|still|currently)\s+){0,2}"
"""Adverbs the press puts between an auxiliary and its verb: "has officially begun"."""
_BEGUN = rf"(?:began|(?:has|have|had)\s+{_ADV}(?:begun|started)|started|commenced|kicked off|is {_ADV}(?:well )?under ?way|is {_ADV}well along|got under ?way|got going|(?:is|was|are|were) (?:\w+ly )?(?:confirmed|understood|reported|said|believed|thought|known) to have (?:begun|started))"
"""A shoot's start, with the adverbs it may carry."""
_TOLD_ADV = r"(?:(?:first|officially|formally|already|originally|initially|then|finally|eventually|later|also|quickly)\s+){0,2}"
"""Adverbs between "was" and "announced" ("was then announced", "was finally confirmed")."""
_NOT_PREP = (
    r"(?!\s+(?:the\s+|its\s+)?(?:pre-?production|prep|preparations?|casting|development)\b)"
    # "the production had started putting up sets": what started is another task.
    r"(?!\s+(?!filming\b|shooting\b|lensing\b|rolling\b|going\b)[a-z]+ing\b)"
)
"""Not a start of preparations ("production has begun pre-production work", "had started
building sets")."""
_WORK_ON = (
    r"(?<!-)\bwork\s+on\s+(?!(?:the\s+|its\s+|their\s+|a\s+)?(?:[\w-]+\s+){0,2}?(?:scripts?|screenplays?"
    r"|writing|story|stories|score|music|effects|vfx|visual effects|animation|editing|edit|cut|post-?production"
    r"|pre-?production|soundtrack|album|book|novel|game|sets?|costumes?|designs?)\b)"
    r"(?:(?!\b(?:and|but|while|is|are|was|were|has|have|had|will)\b)[^.;,]){1,60}?"
)
"""'work on season 3' as the subject of a restart: the production, never its writing or effects."""
_SHELVED_FOR_GOOD = (
    r"[^.;]{0,100}?\b(?:completed|finished|in the can|(?:neither|never|not)\b[^.;]{0,40}?\breleas)"
)
"""After "shelved": the work is done or will not come out, so it is cancelled, not paused."""
_ON_WRITING = r"(?:\s+(?:on|of|for)\s+(?:(?!\b(?:and|but|while|when|before|after|until|is|are|was|were|has|have|had|will|stopped|halted|paused)\b)[^.;,]){1,60}?)?"
"""The production named after "writing": "writing on the fourth season"."""
_SHOOT_HINTS = ("film", "shoot", "shot", "lens", "production", "photography", "camera")

_TAKINGS = r"(?:took|takes|taking|earned|earns|earning|grossed|grosses|grossing|made|pulled in|pulling in|raked in|raking in|collected|collecting|brought in|bringing in|scored|banked|racked up|added|adds|opened to|debuted to|opened with|debuted with|launched with|bowed with|bowed to|started with|opens to|opens with|debuts to|debuts with|bows to|bows with|debuting to|debuting with|opening to|opening with|kicked off with|(?:has |have )?(?:passed|crossed|surpassed))\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?(?:US\s*|\$|£|€)\s?\d"
"""A film's takings: a verb of earning and a sum ("took only $6.45 million")."""

_MARKET = r"(?:(?:domestic|global|worldwide|international|overseas|north american|u\.s\.|us|uk|box[- ]office|weekend)\s+)?"
"""Where takings were made, between the sum and its noun: "a $67.5 million domestic debut"."""

SERVICE = (
    r"(?:(?-i:[A-Z][\w+]*\s+)?(?:\+|TV\+?|Network|Channel|Video|Max|Plus)\b|(?:Netflix|Hulu|HBO|Max|Disney\+?"
    r"|Peacock|Starz|Showtime|AMC|FX|BBC|ITV|CBS|NBC|ABC|Fox|The CW|Amazon|Paramount\+?|Apple TV\+?)\b)"
)
"""A streamer or a network by name."""
CHANNEL = SERVICE + r"(?:\s+(?:\d{1,2}|One|Two|Three|Four))?"
"""A service with its channel's number: "Channel 4", "BBC One"."""
_OUTLET = (
    rf"(?:{SERVICE}|(?:screens|theaters|theatres|cinemas|TV|television|the air|the airwaves)\b)"
)
"""Where a show returns to when it comes back out: a streamer, a network, screens."""

_LATER_SEASON = r"(?:(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|new|further)\s+season|season\s+(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten))\b(?:\s+of\s+[^.;,]{1,50}?)?"
"""A later season as a subject: "a third season", "season 4 of X"."""
_PERFECT_ADV = r"(?:(?:also|now|officially|already|just)\s+)*"
"""Adverbs inside a perfect: "has also been", "have now been"."""
_SEASONS_COUNT = rf"(?:[2-5]|{CARDINAL_RE})\s+(?:more\s+|further\s+)?seasons"
"""An order's size: "picked it up for two seasons"."""
_TO_NOT_DONE = (
    "".join(
        f"(?<!{aux} {adj} )"
        for aux in ("was", "were", "been")
        for adj in ("able", "allowed", "permitted", "cleared")
    )
    + "(?<!managed )to"
)
"""A "to" of a restart still to come: not "was able to resume", "managed to restart" (done)."""
_NOT_AFTER_ANOTHER_SEASON = "".join(
    f"(?<!{det} season {aux})"
    for det in ("another", "next", "new", "one more")
    for aux in ("", "has ", "has already ", "has now ", "had ", "have ")
)
"""Not "another season has been ordered": that order is of the next season (its own rule)."""
_SHOOT_GOES_ON = (
    r"(?![^.;]{0,80}?\b(?:(?:and|but|before|then)\s+(?:the\s+(?:production|shoot|crew|cast and crew)\s+)?"
    r"(?:now\s+|next\s+|will\s+)?(?:moves?|moving|heads?|heading|relocates?|relocating|travels?|travelling|traveling|continues?|continuing|shifts?|goes|going)"
    r"\s+(?:on\s+)?(?:to|in|on|for)\s+(?-i:[A-Z])|\bnext\s+stop\b"
    # "..., and the director says the production is now moving on to Hawaii".
    r"|\b(?:production|shoot|crew|cast and crew|filming)\s+(?:is|are|will be)\s+(?:now\s+)?"
    r"(?:moving|heading|relocating|travelling|traveling|shifting|going)\s+(?:on\s+)?to\s+(?-i:[A-Z])))"
)
"""A shoot that goes on elsewhere after the wrap ("and moves to Porto next week"): one
leg wrapped, not the production."""
ANNOUNCED: tuple[Rule, ...] = (
    Rule(
        id="stage.announced.greenlight",
        kind="stage",
        pattern=r"\bgreen[- ]?(?:lit|lights?|lighted|lighting)\b|\bthe green light\b",
        hints=("green",),
        value="announced",
        role="new",
    ),
    Rule(
        # "Meridian has ordered another season", "next season has already been ordered": an
        # order of the season after the last one told, as a renewal is.
        id="stage.announced.another-season",
        kind="stage",
        pattern=r"\b(?:ordered|commissioned|greenlit|green-lit|picked up)\s+(?:another|a new|a further|one more)\s+(?:season|run|batch of episodes)\b"
        # Not "a new series": in American usage that is a new show.
        r"|\b(?:another|the next|next|a new|a further|one more)\s+(?:season|run)\s+(?:has|have|had|was|is)\s+"
        rf"{_PERFECT_ADV}(?:been\s+)?{_PERFECT_ADV}(?:ordered|commissioned|greenlit|green-lit|picked up)\b",
        hints=("ordered", "commissioned", "greenlit", "green-lit", "picked up"),
        value="announced",
        role="renewal",
    ),
    Rule(
        id="stage.announced.series-order",
        kind="stage",
        pattern=r"\b(?:straight-to-series|series|season(?:\s+\d{1,2})?|\w+-season|\w+-episode|pilot) (?:order|pick-?up)\b"
        r"|\bordered (?:to series|the series|the show|a season|a first season)\b"
        # "has ordered ten episodes of X": a first order told by its size ("more" ones extend one).
        rf"|\bordered\s+(?:\d{{1,2}}|{CARDINAL_RE})\s+episodes\s+of\b"
        # ("ordered another season" is the renewal rule's below: the next season.)
        r"|\bordered (?!another\b|a new\b|a further\b|one more\b)(?:(?:a|an) )?(?:[\w-]+ ){0,3}?(?:season|seasons|installment|instalment|batch of episodes)\b"
        # "has now ordered a second": the season word left out.
        r"|\b(?:ordered|commissioned|picked up|greenlit|green-lit)\s+(?:a|an)\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b(?=\s*(?:[.;]|,\s|$))"
        # "has ordered a fifth series of X" (British: a season).
        rf"|\bordered\s+(?:a|an)\s+{ORDINAL_RE}\s+series\b"
        r"|\b(?:picked up|ordered)\b(?=[^.;]{0,60}?\bto series\b)"
        # "has officially ordered a television series built on ...", "signed off on a third season".
        r"|\bordered\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:series|show|drama|comedy|miniseries|limited series)\b(?!\s+of\b)"
        # "has ordered a live-action Halberd series", "ordered a Halberd pilot": the title inside.
        r"|\bordered\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:[\"']?(?-i:[A-Z])[\w'&:!.-]*[\"']?\s+){1,5}(?:series|show|drama|comedy|miniseries|limited series|pilot)\b"
        rf"(?!\s+of\b(?!\s+(?:\d{{1,2}}|{CARDINAL_RE})\s+(?:episodes|instal?ments|parts)\b))"
        r"|\bordered\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?pilot\b(?!\s+(?:episode\s+)?of\s+(?:another|a different)\b)"
        # "Netflix formally ordered the film".
        r"|\bordered\s+the\s+(?:film|movie|feature)\b(?!'s)"
        r"|\bsigned off on\s+(?:a|an|another)\s+(?:[\w-]+\s+){0,2}?(?:season|series|seasons)\b"
        # "has put in an order for a X drama pilot", "placed an order for".
        r"|\b(?:put|puts|putting|placed|places|placing)\s+in\s+(?:an?\s+)?order\s+for\b|\bplac(?:ed|es|ing)\s+an?\s+order\s+for\b"
        r"|\b(?:orders|ordering)\s+(?:(?:a|an|another)\s+)?(?:[\w-]+\s+){0,3}?(?:season|seasons|installment|instalment|batch of episodes)\b"
        + r"|"
        + _NOT_AFTER_ANOTHER_SEASON
        + r"\b(?:was|were|been|has been|had been) ordered\b|\b(?:re-?)?commission(?:ed|s)\b|\bordered\b(?=\s+[\"'#])"
        # "HBO has ordered A Knight of the Seven Kingdoms": a title as the object;
        # "Apple ordered it in the spring of 2022".
        r"|\bordered\b(?=\s+(?-i:[A-Z]))|\bordered\s+it\b(?=\s+(?:in|on|last|back)\b)",
        hints=(
            "order",
            "commission",
            "pickup",
            "pick-up",
            "picked up",
            "signed off",
            "greenlit",
            "green-lit",
        ),
        value="announced",
        role="new",
    ),
    Rule(
        id="stage.announced.renewal",
        kind="stage",
        pattern=r"\brenew(?:s|ed|ing)?\b(?!\s+(?:surge|interest|focus|calls?|push|attention|energy|hopes?|vigou?r|sense|emphasis|commitment|efforts?|demand)\b)"
        rf"|(?<!about a )(?<!for a )(?<!of a )(?<!on a )(?<!possible )(?<!potential ){_RENEWAL_TOLD}"
        r"\brenewal\b(?!\s+(?:decisions?|calls?|talks|odds|chances|prospects|deadline|campaign))(?![^.;,]{0,40}?\b(?:could|might|may|would)\s+(?:come|happen|arrive|follow|be announced|land)\b)(?!\s+(?:was|is|seems|looks|looked|seemed)\s+(?:hard|difficult|unlikely|impossible|a long shot)\b)"
        # "a renewal looks likely": a forecast; "every network renewal and cancellation": a tally.
        r"(?!\s+(?:seems|looks|appears|is looking)\s+(?:\w+\s+)?(?:likely|probable|possible|certain|inevitable)\b)"
        r"(?<!\bevery renewal)(?<!\bevery network renewal)(?<!\beach renewal)"
        # "re-upped for season 3", "has been re-upped"; not an actor who "re-upped his deal".
        r"|\bre-?up(?:s|ped)?\s+(?:for|the\s+(?:series|show|drama|comedy|sitcom))\b"
        r"|\b(?:been|was|were|is|are|get|gets|got)\s+re-?upped\b",
        hints=("renew", "re-up", "reup"),
        value="announced",
        role="renewal",
        negated="cancelled",
    ),
    Rule(
        # "NBC picked the series up in September 2021": the order of a new show.
        id="stage.announced.picked-the-series-up",
        kind="stage",
        pattern=r"\bpick(?:s|ed)\s+(?:the\s+(?:series|show|drama|comedy|sitcom|revival|reboot)|it)\s+up\b(?=\s+(?:in|on|last|back in)\b)",
        hints=("pick",),
        value="announced",
        role="new",
    ),
    Rule(
        id="stage.announced.pickup",
        kind="stage",
        pattern=rf"(?:\bpick(?:s|ed|ing)?\s+up\b(?=[^.;]{{0,80}}?\bfor\s+(?:a|an|another|its|season|series|{_SEASONS_COUNT})\b)"
        # "Hulu picked it up for a fourth season", "picked Saltmarsh up for a second season".
        rf"|\bpick(?:s|ed|ing)?\s+(?:it|them|the\s+(?:series|show|drama|comedy|sitcom)|[\"']?(?-i:[A-Z])[^.;,]{{0,40}}?)\s+up\b(?=\s+for\s+(?:a|an|another|its|season|series|{_SEASONS_COUNT})\b)"
        r"|\b(?:has|have|had|was|were|been|be|is|are)\s+(?:been\s+)?picked\s+up\b(?!\s+(?:a|an|the|by)\b)(?![^.;]{0,60}?\bto series\b)"
        # "when it picked the drama up again in late June": a renewal.
        r"|\bpick(?:s|ed)\s+(?:the\s+(?:series|show|drama|comedy|sitcom)|it)\s+up\s+again\b"
        # "picked up two more seasons of X": an order of the seasons after the last.
        rf"|\bpick(?:s|ed|ing)?\s+up\b(?=\s+(?:[2-5]|{CARDINAL_RE})\s+(?:more|further|additional|extra|new)\s+seasons\b))"
        # "has picked up 13 Emmy nominations (for its first season)": awards, not an order;
        # "picked up the streaming rights to X": a licence.
        r"(?!\s+(?:\d+|\w+)\s+(?:[\w-]+\s+)?(?:nominations?|nods?|awards?|wins?|trophies|Emmys?)\b(?!-))"
        r"(?!\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?rights\b)",
        hints=("pick",),
        value="announced",
        role="renewal",
        negated="cancelled",
    ),
    Rule(
        id="stage.announced.back-for",
        kind="stage",
        # Not "has just come back for its last season": that return happened (a release).
        # Not "the series regulars coming back for the second season": the cast's return.
        pattern=r"(?<!regulars )(?<!members )(?<!actors )(?<!stars )(?<!cast )(?<!players )\b(?:is|are|'s|be|(?<!\bhas )(?<!\bhave )(?<!\bhas just )(?<!\bhave just )(?<!\bhas now )(?<!\bhas finally )comes?|coming)\s+back\s+for\b"
        # "will return on Prime Video for a second season": the network is one or two words.
        r"|\breturn(?:s|ing)?\s+(?:(?:to|on)\s+(?:[\w+]+\s+){1,2}?)?for\s+(?:a|an|another|its|season|series)\b"
        r"|\b(?:is|are|'s) (?:officially |definitely |really )?coming back\b(?!\s+(?:to|on|in|with|this|next)\b)"
        # "has been brought back for a third series".
        r"|\b(?:been|is|was|being)\s+brought\s+back\s+for\s+(?:a|an|another)\s+(?:[\w-]+\s+)?(?:season|series|run)\b"
        # "chose not to bring X back for a third season" (negated: a cancellation).
        r"|\bbring(?:s|ing)?\s+(?:it|them|the\s+(?:show|series|drama|comedy|thriller)|(?=[\"']?(?-i:[A-Z]))[^.;,]{1,40}?)\s+back\s+for\s+(?:a|an|another)\s+(?:[\w-]+\s+)?(?:season|series|run)\b"
        # "will not go on to a third season".
        r"|\bgo\s+on\s+to\s+(?:a|an|another)\s+(?:[\w-]+\s+)?(?:season|series)\b",
        hints=("back", "return", "go on"),
        value="announced",
        role="renewal",
        negated="cancelled",
        yields_to_release=True,
    ),
    Rule(
        id="stage.announced.go-ahead-new",
        kind="stage",
        pattern=r"\b(?:given|gave|gives|got|received)\s+(?:the\s+|a\s+)?go-?ahead\s+to\s+(?:(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:pilot|series|show|drama|comedy)\b|[\"']?(?-i:[A-Z]))",
        hints=("go-ahead", "go ahead", "goahead"),
        value="announced",
        role="new",
    ),
    Rule(
        id="stage.announced.to-the-screen",
        kind="stage",
        # "Meridian is taking the novel to the big screen", "will bring X to the small screen";
        # not "the 1990 film that brought it to the big screen".
        pattern=r"\b(?:(?:is|are|'s)\s+(?:now\s+|officially\s+)?(?:taking|bringing)|will\s+(?:take|bring))\b"
        r"(?=[^.;]{1,60}?\bto\s+the\s+(?:big|small|silver)\s+screen\b)",
        hints=("screen",),
        value="announced",
        role="new",
    ),
    Rule(
        id="stage.announced.go-ahead",
        kind="stage",
        # "the go-ahead to The Last Frontier" or "to a pilot" starts a show: stage.announced.go-ahead-new.
        pattern=r"\b(?:given|gave|gives|get|gets|got|received|receives|receiving|getting)\s+(?:(?:a|an|its|the)\s+(?:[\w-]+\s+){0,3}?)?(?:the\s+)?go-?ahead\b(?!\s+to\s+(?:resume|restart|start|begin|continue|film|shoot|return to))(?!\s+to\s+(?:(?:a|an)\s+)?(?:[\w-]+\s+){0,3}?(?:pilot|series|show|drama|comedy)\b|\s+to\s+[\"']?(?-i:[A-Z]))"
        r"|\bgo-?ahead (?:for|to make)\b",
        hints=("go-ahead", "go ahead", "goahead"),
        value="announced",
        role="renewal",
    ),
    Rule(
        id="stage.announced.confirmed-season",
        kind="stage",
        pattern=r"\b(?:confirmed|announced|unveiled)\s+(?:a|an|another)\s+(?:[\w-]+\s+(?:and\s+(?:a\s+)?[\w-]+\s+)?)?(?:season|seasons|installment|instalment)\b"
        # "had announced the second season on October 19th, 2022" (not its date or trailer).
        r"|\b(?:confirmed|announced|unveiled)\s+the\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+season\b(?!\s+(?:premiere|date|trailer|release|finale|cast|title)\b|'s)"
        # "will get a third season", "is officially getting a second season".
        r"|\b(?:will (?:officially |definitely |finally |all |both )?get|gets|got|(?:is|be) (?:officially |definitely |finally |now )?getting|has (?:officially |finally |now )?gotten|has got|(?:(?<=n't )|(?<=not )|(?<=never ))get)\s+(?:a|an|another)\s+(?:[\w-]+\s+){0,4}?(?:season|installment|instalment|(?<=sophomore )run)\b"
        # "the streamer has given X a second season", "handed the show a third season"
        # "X and Y will get second seasons": each show its own.
        r"|\b(?:will (?:officially |definitely |both |all )?get|(?:both |all )?get|gets|got|(?:are|be) (?:officially |both |all )?getting)\s+(?:second|third|fourth|fifth|sixth|new)\s+seasons\b"
        r"|\b(?:given|gave|gives|giving|handed|hands|handing|granted|grants|awarded)\s+(?:[^.;,]{1,50}?\s+)?(?:a|an|another)\s+(?:second|sophomore|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|new|\d+(?:st|nd|rd|th))\s+(?:season|installment|instalment)\b"
        r"|\b(?:season|series)\s+(?:\d{1,2}\s+)?(?:of\s+[^.;,]{1,50}?\s+)?(?:is|are)\s+(?:officially\s+)?a go\b"
        # "X is a go for a third season"
        r"|\b(?:is|are|'s)\s+(?:now\s+|officially\s+)?a go for (?:a|an|another)\s+(?:[\w-]+\s+){0,2}?(?:season|installment|instalment)\b"
        # "X is confirmed for a second season"; "has landed a third season".
        r"|\b(?:is|are|'s)\s+(?:now\s+|officially\s+)?confirmed\s+for\s+(?:a|an|another)\s+(?:[\w-]+\s+){0,2}?(?:season|installment|instalment)\b"
        rf"|\b(?:has|have|had)\s+(?:now\s+|officially\s+)?(?:landed|scored|secured|earned|nabbed|bagged|clinched)\s+(?:a|an|another)\s+(?:{ORDINAL_RE}|new)\s+(?:season|installment|instalment)\b"
        r"|\b(?:rumou?rs?|talks?|word|plans?)\s+(?:of|for)\s+(?:a|an|another)\s+(?:[\w-]+\s+){0,2}?(?:season|installment|instalment)\b"
        # "confirmed that it will make a second season": the maker's own commitment.
        r"|\b(?:will|is going to|plans to)\s+make\s+(?:a|an|another)\s+(?:second|third|fourth|fifth|sixth|new|further)\s+season\b"
        # "approved a third season", "a second season has also been approved".
        r"|\bapprov(?:ed|es|ing)\s+(?:a|an|another)\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|new|further|\d+(?:st|nd|rd|th))\s+season\b"
        rf"|\b{_LATER_SEASON}\s+(?:has|have|had|was|were)\s+{_PERFECT_ADV}(?:been\s+)?(?:officially\s+)?approved\b"
        # "a third season has already been confirmed", "X has been confirmed for a third season"
        # (not "confirmed to premiere in May": a date's news).
        rf"|\b{_LATER_SEASON}\s+(?:has|have)\s+{_PERFECT_ADV}been\s+(?:officially\s+)?confirmed\b(?!\s+(?:to|that|by)\b)"
        rf"|\b(?:has|have)\s+{_PERFECT_ADV}been\s+(?:officially\s+)?confirmed\s+for\s+(?:a|an|another)\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|new|further)\s+season\b",
        hints=(
            "approv",
            "been confirmed",
            "been officially confirmed",
            "confirmed a",
            "announced a",
            "unveiled a",
            "confirmed the",
            "announced the",
            "unveiled the",
            "get a",
            "gets a",
            "got a",
            "getting a",
            "gotten a",
            "of a",
            "of an",
            "for a",
            "of another",
            "get a",
            "given",
            "gave",
            "gives",
            "giving",
            "hand",
            "grant",
            "awarded",
            "a go",
            "make a",
            "make an",
            "make another",
            "landed",
            "scored",
            "secured",
            "earned",
            "nabbed",
            "bagged",
            "clinched",
            *(
                f"{ordinal} seasons"
                for ordinal in ("second", "third", "fourth", "fifth", "sixth", "new")
            ),
        ),
        value="announced",
        role="renewal",
        negated="cancelled",
    ),
    Rule(
        id="stage.announced.talked-up",
        kind="plan",
        # A creator talking up or teasing a season to come: planned, not yet ordered.
        pattern=r"\b(?:talked up|talks up|talking up|teased|teases|teasing|floated|floats|floating|hinted at|hints at)\s+(?:a|an|another|the)\s+(?:possible\s+|potential\s+)?(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|new|next|further)\s+(?:season|series|installment|instalment|chapter)\b",
        hints=("talk", "teas", "float", "hint"),
        value="announced",
        role="renewal",
    ),
    Rule(
        # A new work made public: "Disney unveiled the project at its Investor Day",
        # "Meridian announced Copper Sky in 2020". Its date or the slate it was part of
        # follows; "announced X's premiere date" is about the date.
        id="stage.announced.unveiled",
        kind="stage",
        pattern=r"\b(?:officially\s+)?(?:announced|unveiled)\s+(?:the\s+(?:[\w-]+\s+){0,2}?(?:project|series|show|film)\b(?!'s)"
        r"|(?=[\"']?(?-i:[A-Z])[^.;,]{0,50}?\s+(?:at|in|during|on|last|as|with|back)\b)(?![^.;,]{0,60}?'s\b))"
        # "Pixar announced a sequel to Inside Out": the catalog's numbered sequel, where it has one.
        r"|\b(?:officially\s+)?(?:announced|unveiled)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:sequel|follow-up)\b"
        # "Universal has unveiled Halberd, a new film from ...": the work named, then described.
        r"|\b(?:announced|unveiled)\s+(?=[\"']?(?-i:[A-Z])[^.;,]{0,50}?,\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:film|movie|series|show|drama|comedy|thriller|adaptation|sequel|prequel|spinoff|spin-off|miniseries)\b)"
        # "Disney first revealed Halberd in November 2021": a recap of the reveal, with its time
        # ("revealed Tom Hale in October as a fan" names a person, as often as a work).
        rf"|\bfirst\s+revealed\s+(?![^.;,]{{0,50}}?'s\b)(?=[\"']?(?-i:[A-Z])[\w'&:!.-]*(?:\s+(?:(?:of|the|and|&)\s+)?[\"']?(?-i:[A-Z0-9])[\w'&:!.-]*){{0,5}}[\"']?\s+(?:back\s+)?(?:in|during)\s+(?:(?:early|late|mid-?)\s*)?(?:(?:19|20)\d\d|{_MONTHS})\b)",
        hints=("announced", "unveiled", "revealed"),
        value="announced",
        role="new",
        needs_explicit=True,
        past_only=True,
    ),
    Rule(
        id="stage.announced.happening",
        kind="stage",
        pattern=r"\b(?:is|are|'s) (?:officially |definitely |really )?happening\b"
        # "Marlow Point 2 is officially a go at the studio"; not "is a go for June" (a date).
        r"|(?<!\beverything )(?<!\ball )\b(?:is|are|'s) (?:now |officially |finally )?a go\b(?=\s*(?:[.,;:!]|$|at\b|with\b|as\b))",
        hints=("happening", "a go"),
        value="announced",
        role="new",
        needs_explicit=True,
    ),
    Rule(
        id="stage.announced.was-announced",
        kind="stage",
        # "Landman was first officially announced in 2022", "the project was announced in
        # February 2024": an announcement told with its time. The subject must be the work,
        # not its cast, date or news.
        # "The adaptation of the novels was first announced in 2017", '"Ripley" was announced in 2019'.
        pattern=r"(?:\b(?:project|series|show|film|movie|season|sequel|spinoff|spin-off|adaptation|reboot|remake)\s+(?:(?:of|based on|adapted from)\s+[^;,\"]{1,50}?\s+)?"
        r"|^\W*(?:(?:(?-i:[A-Z])[\w'&:!.-]*|of|the|and|&)[\"']?\s+){1,7})"
        rf"(?:was|were|had been)\s+{_TOLD_ADV}(?:announced|made public|unveiled)\b"
        r"(?=\s+(?:back\s+)?(?:in|on|last|at|during|earlier)\b)"
        # "It was announced last night that X will now arrive ...": a date's news, not a work.
        r"(?![^.;,]{0,30}?\bthat\b[^.;]{0,120}?\b(?:will now|now (?:opens?|arrives?|premieres?)|(?:has|have) been (?:moved|pushed|delayed|bumped|shifted)|(?:moves?|shifts?|slides?) to)\b)"
        # "a second season was finally confirmed in October 2024": the work confirmed, with its time.
        r"|\b(?:season|series|sequel)\s+(?:of\s+[^.;,]{1,50}?\s+)?(?:was|were|had been)\s+"
        rf"{_TOLD_ADV}confirmed\b"
        r"(?=\s+(?:back\s+)?(?:in|on|last|earlier)\b)"
        # "Season 3 was then announced in May 2023", as the sentence's subject.
        r"|^\W*(?:the\s+)?(?:season|series)\s+\d{1,2}\s+(?:was|were|had been)\s+"
        rf"{_TOLD_ADV}(?:announced|confirmed)\b"
        r"(?=\s+(?:back\s+)?(?:in|on|last|earlier)\b)"
        r"|(?:^|[.,;]\s*)first\s+(?:officially\s+|publicly\s+)?announced\s+(?:back\s+)?in\b"
        # "The series, announced last August at D23, follows ...": an aside with its time.
        r"|(?<=,)\s*(?:first\s+|originally\s+|officially\s+)?announced\s+(?=(?:back\s+)?(?:in|last|during|earlier)\s+(?:\d|the|this|last|year|(?-i:[A-Z])))"
        # "Announced in June 2021, the film follows ...": a fronted participle with its time,
        # whose subject after the comma is the work.
        r"|^\W*(?:first\s+|originally\s+|officially\s+)?(?:announced|unveiled)\b"
        r"(?=\s+(?:back\s+)?(?:in|on|last|at|during)\s+[^,;]{1,40},\s+(?:(?:the|this)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:film|movie|series|show|sequel|prequel|spinoff|spin-off|adaptation|project|feature|drama|comedy)\b"
        # "Announced in 2019, Halberd will be ...": the work by its name.
        r"|[\"']?(?-i:[A-Z])[\w'&:.-]*(?:\s+(?:of\s+|the\s+|and\s+)?[\"']?(?-i:[A-Z0-9])[\w'&:.-]*){0,5}[\"']?\s+(?:is|was|will|would|has|had|follows|marks|stars|tells|comes|arrives)\b))"
        # "The streamer first revealed the project in April 2023".
        r"|\b(?:first\s+)?(?:revealed|unveiled|announced)\s+the\s+project\b(?=\s+(?:back\s+)?(?:in|on|last|at|during|earlier)\b)",
        hints=("announced", "made public", "unveiled", "revealed", "confirmed"),
        value="announced",
        past_only=True,
    ),
    Rule(
        id="stage.announced.in-development",
        kind="stage",
        pattern=r"(?<!years )(?<!spent )(?<!decade )(?<!decades )\b(?:in|into) (?:active |early )?development\b|\bin the works\b|\bbeing developed\b"
        r"|\b(?:is|are|was|were|has been|have been|had been)\s+(?:\w+ly\s+)?developing\b",
        hints=("development", "in the works", "develop"),
        value="announced",
        role="new",
        needs_explicit=True,
    ),
    Rule(
        # "had set up a Halberd film at the same studio", "has set up Halberd at Summit": a
        # project placed with a studio is in development. Weak: a later stage in the story wins.
        id="stage.announced.set-up-at",
        kind="stage",
        pattern=r"\b(?:has|have|had|was|were|been)\s+(?:now\s+|quietly\s+|officially\s+)?set\s+up\b"
        r"(?!\s+(?:shop|camp|base|headquarters|a meeting|meetings|a (?:base|camp|studio|production office)|an office)\b)"
        r"(?=[^.;]{1,60}?\bat\s+(?:(?-i:[A-Z])|(?:the\s+)?(?:same|new|rival)\s+studio\b))",
        hints=("set up",),
        value="announced",
        role="new",
        weak=True,
    ),
    Rule(
        # "Halberd has set Ana Ruiz to direct Tidebreaker", "has been tapped to direct": a
        # director attached is a work in development. Weak: a later stage in the story wins.
        id="stage.announced.director-attached",
        kind="stage",
        # Not "who had been hired to direct, has walked away": an old attachment, undone.
        pattern=r"\b(?:has|have)\s+(?:now\s+|officially\s+)?been\s+(?:set|tapped|hired|brought on|chosen|picked|attached|enlisted|recruited)\s+to\s+(?:direct|helm|write and direct)\b"
        r"|\b(?:is|are)\s+(?:now\s+)?(?:set|tapped|attached|on board)\s+to\s+(?:direct|helm|write and direct)\b"
        r"|\b(?:set|sets|tapped|taps|hired|hires|enlisted|enlists)\s+(?-i:[A-Z])[\w'-]+(?:\s+(?-i:[A-Z])[\w'-]+){0,2}\s+to\s+(?:direct|helm|write and direct)\b",
        hints=("direct", "helm"),
        value="announced",
        states_now=True,
        weak=True,
    ),
    Rule(
        id="stage.announced.revival",
        kind="stage",
        pattern=r"\b(?:is|are|was|were|be|been|being|get|gets|got|getting)\s+(?:officially\s+|finally\s+)?(?:revived|rebooted)\b"
        r"|\breviv(?:e|es|ed|ing)\s+(?:it|the (?:show|series|drama|comedy|franchise)|[\"']?(?-i:[A-Z])[^.;,]{0,40}?)\s+(?:for|as|with|at|on)\b"
        r"|\b(?:a|the|its)\s+(?:[\w-]+\s+)?revival\s+(?:is|was|has been)\s+(?:in the works|happening|official|confirmed|greenlit|ordered)\b"
        # "a revival of X" is news; "the coming reboot of X" names a work already known.
        r"|\b(?:a|the)\s+(?!(?:coming|upcoming|long-awaited|forthcoming|new|planned|latest|recent)\s)(?:[\w-]+\s+)?(?:revival|reboot)\s+of\b(?=\s+[\"']?(?-i:[A-Z#]))"
        r"|(?<=\bto )(?:revive|reboot)\b(?=\s+(?:[\"']?(?-i:[A-Z#])|it\b|the (?:show|series)\b))",
        hints=("reviv", "reboot"),
        value="announced",
        role="renewal",
        needs_explicit=True,
    ),
)

PRE_PRODUCTION: tuple[Rule, ...] = (
    Rule(
        id="stage.pre_production.writers-room",
        kind="stage",
        pattern=r"\bwriters'?(?:'s)? room\b(?![^.;,]{0,40}?\b(?:stopped|halted|paused|shut down|put down|closed|went dark|walked out|downed tools)\b)"
        # "the writers' room shared its reaction on Twitter": the writers speaking, not prep.
        r"(?!\s+(?:also\s+|later\s+)?(?:shared|posted|tweeted|wrote|said|thanked|reacted|responded|celebrated|paid tribute|mourned)\b)"
        r"|\b(?:is|are|was|were) (?:now |currently |still )?being (?:written|scripted)\b"
        # "writing on the new season will begin within days", "scripting is under way"
        rf"|\b(?:writing|scripting){_ON_WRITING}\s+(?:has begun|had begun|began|begins|is (?:now |already |well )?under ?way|got under ?way|started|has started|kicked off)\b",
        hints=("writer", "being written", "being scripted", "writing", "scripting"),
        value="pre_production",
    ),
    Rule(
        id="stage.pre_production.casting",
        kind="stage",
        pattern=rf"\bcasting{_ON_SHOW}\s+(?:is |has |had )?{_ADV}(?:under ?way|begun|began|started|continues|ongoing|in progress)\b"
        r"|\b(?:is|are) (?:now |currently |still )?casting\b"
        # "has begun casting", "started casting its leads".
        r"|\b(?:has |have |had )?(?:begun|began|started|starts|begins|kicked off)\s+casting\b",
        hints=("casting",),
        value="pre_production",
    ),
    Rule(
        # "X has been cast as Lorne Michaels in Y", "will star in Y", "has joined the cast
        # of Y", "Y has found its leads": actors cast, so the shoot is being prepared. A
        # cast list ("round out the cast") in a story of another stage is not news of it.
        id="stage.pre_production.cast",
        kind="stage",
        pattern=r"\b(?:has|have|had)\s+(?:now\s+|officially\s+)?been\s+cast\s+(?:as|in|opposite|alongside)\b"
        r"|\b(?:will|(?:is|are)\s+(?:now\s+)?(?:set|tapped|slated|poised|attached)\s+to)\s+(?:star|co-star|lead|headline)(?:\s+(?:in|opposite|alongside))?\b"
        r"|\b(?:joins|joined|has joined|have joined|is joining|are joining)\s+the\s+(?:[\w-]+\s+)?cast\s+of\b"
        r"|\bsign(?:ed|s)\s+on\s+(?:to\s+(?:star|play|appear)\b|to\s+(?=[\"']?(?-i:[A-Z])))"
        # "has signed on to the cast of X", "Netflix is completing the cast of X".
        r"|\bsign(?:ed|s)\s+on\s+to\s+the\s+(?:[\w-]+\s+)?cast\s+of\b"
        r"|\b(?:is|are)\s+(?:now\s+)?(?:completing|rounding out|filling out|finali[sz]ing)\s+the\s+(?:[\w-]+\s+)?cast\s+of\b"
        # "has closed a deal to star in X", "inked a deal to co-star": an actor signed.
        r"|\b(?:closed|closes|closing|inked|inks|signed|signs|struck|strikes|landed|lands)\s+(?:a|her|his|their)\s+deal\s+to\s+(?:star|co-star|lead|headline|play|appear)\b"
        r"|\b(?:lined|lines|lining)\s+up\s+[^.;]{1,80}?\s+to\s+(?:star|lead|play)\b"
        r"|\b(?:has|have)\s+(?:found|cast|landed|chosen|picked)\s+(?:its|their)\s+(?:[\w-]+\s+)?(?:leads?|stars?|protagonists?)\b"
        r"|\bhas\s+its\s+(?:[\w-]+\s+)?(?:lead|leads|star)\b"
        # "Netflix revealed the cast of its coming series X", "unveiled the full cast for".
        r"|\b(?:revealed|reveals|unveiled|unveils|announced|announces|named|names|set|sets|rounded out|rounds out)\s+(?:the|its)\s+(?:full\s+|main\s+|lead\s+|starry\s+)?(?:cast|ensemble)\s+(?:of|for)\b",
        hints=("cast", "star", "lead", "sign", "lined", "lining", "ensemble", "deal"),
        value="pre_production",
        states_now=True,
        weak=True,
    ),
    Rule(
        id="stage.pre_production.prep",
        kind="stage",
        pattern=r"\b(?:deep |now |currently |still )?in (?:pre-?production|prep)\b|\bprepping\b"
        r"|\bpre-?production (?:plans|work)\b"
        rf"|\bpre-?production{_ON_SHOW}\s+(?:has begun|had begun|began|begins|is under ?way|got under ?way|was under ?way|started|has started|had started|kicked off)\b"
        r"|\b(?:began|begun|started|entered|enters|moved into|moves into)\s+pre-?production\b"
        # "Preparations for season two are now under way".
        r"|\bpreparations?(?![^.;,]{0,50}?\b(?:premiere|release|launch|debut|event|party|screening|tour|festival|campaign)\b)"
        rf"{_ON_SHOW}\s+(?:is|are|has|have)\s+(?:now\s+|already\s+|officially\s+|well\s+|nonetheless\s+)?(?:under ?way|begun|started|kicked off)\b"
        r"|\bscouting locations\b|\blocation scouting\b"
        # "Crews have started building sets for X": the stages are being readied.
        r"|\b(?:started|begun|began|are|is|were|now)\s+(?:building|constructing|erecting)\s+(?:the\s+)?sets?\b|\bset construction\s+(?:has\s+)?(?:began|begun|started|is under ?way)\b",
        hints=("prep", "pre-production", "preproduction", "scouting", "sets", "set construction"),
        value="pre_production",
    ),
    Rule(
        id="stage.pre_production.start-planned",
        kind="plan",
        pattern=rf"\b{SHOOT}\b(?:{_ON_SHOW}\s+|[^.;,]{{0,30}}?\b)(?:is |are |was |were )?(?:expected |set |scheduled |slated |due |planned |going |poised |about |likely )?to {_START}\b"
        rf"|\b{SHOOT}{_ON_SHOW} (?:should|will|would|could|may|might) {_START}\b"
        # "cameras will start rolling on January 19"; "will be shooting in New York this spring".
        r"|\bcameras?\s+(?:will|would|should|are set to|are due to|are expected to)\s+(?:start\s+|begin\s+)?roll(?:ing)?\b"
        # "is on the verge of starting to shoot here": about to begin.
        r"|\bon the (?:verge|brink|cusp) of (?:starting|beginning)\s+(?:to\s+(?:shoot|film)|shooting|filming|production|principal photography)\b"
        rf"|\bwill be (?:shooting|filming)\b(?=[^.;,]{{0,40}}?\b(?:this|next|later|early|late|in (?:{_MONTHS}|spring|summer|the fall|fall|autumn|winter|20\d\d))\b)"
        # "about to shoot episodes 3 and 4" is a shoot under way, not one to come.
        rf"|\b(?:set|scheduled|slated|due|expected|planned|plans|plan|aims?|hopes?|going|about|poised|gearing up|preparing|readying) to (?:start |begin |commence )?(?:filming|shooting|shoot|film|lensing)\b(?!\s+(?:episodes?|scenes?|(?:the|his|her|their)\s+(?:(?:final|last|next|remaining)\s+)?(?:episodes?|scenes?))\b)"
        rf"|\b(?:set|scheduled|slated|due|expected|planned|plans|plan|aims?|going|about|poised) to (?:start|begin|commence|enter|kick off) (?:production|principal photography)\b"
        rf"|\b(?:filming|shooting|production) (?:is |was )?planned\b|\b(?:goes|go|going|heads|head|heading) into production\b"
        rf"|\bwill (?:start |begin )?(?:shoot|film)(?:ing)?\b|\b(?:begin|start)\s+(?:filming|shooting|production|lensing)\b"
        rf"|\b(?:shooting|filming|shoot|film)\s+back[- ]to[- ]back\b|\bback[- ]to[- ]back\s+(?:shoots?|filming)\b"
        # A halted shoot's restart to come: "will return to shooting this spring".
        r"|\b(?:will|to|planned|set to|expected to|scheduled to|aims to|aiming to|hopes to|hoping to)\s+(?:return|get back|go back|head back)\s+to\s+(?:filming|shooting|the set|production)\b"
        r"|\b(?:planned|scheduled|expected|eventual|hoped-for)\s+return to (?:filming|shooting|the set|production)\b"
        r"|\b(?:go|goes|going)\s+(?:in front of|before)\s+(?:the\s+)?cameras\b"
        # "the film is expected to be shot later this year"
        r"|\b(?:set|scheduled|slated|due|expected|planned|going|about) to be (?:shot|filmed)\b"
        # "will be shot in Montreal this spring" dates a shoot to come; "will be shot in Europe" places one.
        rf"|\bwill be (?:shot|filmed)\b(?=[^.;,]{{0,40}}?\b(?:this|next|later|early|late|soon|shortly|in (?:{_MONTHS}|spring|summer|the fall|fall|autumn|winter|20\d\d))\b)"
        # Writing to come: "writing on the new season will begin within days".
        rf"|\b(?:writing|scripting){_ON_WRITING}\s+(?:will|should|is set to|is due to|is expected to|is scheduled to)\s+(?:begin|start|get under ?way|kick off)\b",
        hints=(*_SHOOT_HINTS, "writing", "scripting"),
        value="pre_production",
    ),
    Rule(
        id="stage.pre_production.shoot-scheduled",
        kind="plan",
        pattern=rf"\b{SHOOT}{_ON_SHOW}\s+(?:has been|have been|had been|was|were|is being|is|got)\s+(?:pushed|moved|delayed|postponed|bumped|rescheduled)(?:\s+back)?(?=\s+(?:to|until|till|into)\b)"
        # Not "is scheduled to wrap in August": a shoot under way, its end planned.
        rf"|\b{SHOOT}{_ON_SHOW}\s+(?:is|are|was|has been|had been|have been)\s+(?:now\s+|tentatively\s+|currently\s+)?(?:set|scheduled|slated|planned|penciled|pencilled|due)\b(?=\s+(?:for|to|in|on)\b)"
        r"(?!\s+to\s+(?:wrap|finish|end|conclude|be completed|complete|run|last|continue)\b)"
        rf"|\b(?:pushed|moved|delayed|postponed|bumped)\s+(?:back\s+)?(?:the\s+start\s+of\s+)?{SHOOT}\b(?=[^.;]{{0,60}}?\b(?:to|until|till|into)\b)",
        hints=words("push mov delay postpone bump schedul set slated planned pencil due"),
        value="pre_production",
    ),
)

FILMING: tuple[Rule, ...] = (
    Rule(
        id="stage.filming.cameras-rolling",
        kind="stage",
        # "two months before cameras roll": a time told by the shoot to come, not the shoot.
        pattern=rf"(?<!before )(?<!until )(?<!once )(?<!when )\bcameras? (?:are |is |were |was |have been |had been |has |have |had )?{_ADV}(?:began |begun |started |first )?{_ADV}(?:rolling|rolled|roll|rolls)\b"
        r"|\b(?:rolled|rolls|rolling) cameras\b|\bwent (?:in front of|before) (?:the )?cameras\b",
        hints=("camera",),
        value="filming",
        negated="pre_production",
        # "cameras roll next week": a present tense for a shoot to come.
        ahead_is_plan=True,
    ),
    Rule(
        id="stage.filming.principal-photography",
        kind="stage",
        pattern=r"\bprincipal photography (?:began|begins|has begun|had begun|started|starts|has started|commenced|is under ?way|got under ?way|kicked off|is in progress)\b"
        r"|\b(?:began|begins|begin|begun|started|starts|start|commenced|kicked off|entered|enters)\s+principal photography\b",
        hints=("principal",),
        value="filming",
        negated="pre_production",
    ),
    Rule(
        id="stage.filming.started",
        kind="stage",
        pattern=r"\b(?:began|begun|started|commenced|kicked off)\s+(?:filming|shooting|production|lensing)\b"
        # "pictures from the shoot now under way on the new film".
        r"|\b(?:the\s+)?(?:shoot|filming|production)\s+(?:now|currently)\s+under\s?way\s+on\b"
        # "The production has begun pre-production work": what began is the preparation.
        rf"|(?<!-)(?<!getting )(?<!\bget )\b(?:filming|shooting|lensing|the shoot|shoot|production) (?:that |which )?{_ADV}{_BEGUN}\b{_NOT_PREP}"
        rf"|(?<!-)(?<!getting )(?<!\bget )\b(?:filming|shooting|lensing|production|principal photography|the shoot){_ON_SHOW}{_ASIDE}\s+{_ADV}{_BEGUN}\b{_NOT_PREP}"
        # "shot the first Florence scenes of his new film X on Sunday": the shoot has begun.
        r"|\bshot\s+(?:the|its|his|her|their)\s+(?:first|opening|initial)\s+(?:[\w-]+\s+)?scenes?\s+(?:of|for|on)\b"
        # "the production was 40 days into the shoot".
        r"|\b\d+\s+(?:days|weeks)\s+into\s+(?:the\s+|its\s+)?(?:shoot|filming|shooting|production|principal photography)\b"
        r"|(?<!what )(?<!who )\b(?:is|are)(?:,\s*(?:of course|however|though|in fact|indeed|reportedly|apparently|we hear|as expected)\s*,)? (?:currently |now |still |already |reportedly |officially |busy )?(?:filming|shooting|lensing)\b(?! (?:a|an|another)\b|\s+back[- ]to[- ]back)"
        r"|\b(?:is|are) (?:now |currently |still )?being (?:filmed|shot|lensed)\b"
        # "Tidewater, now shooting in Atlanta, stars ...": the shoot told in apposition.
        # Not after a described work ("Marvel's origin film, currently shooting in Australia").
        r"|(?<=, )(?<!film, )(?<!movie, )(?<!series, )(?<!show, )(?<!sequel, )(?<!drama, )(?<!comedy, )(?<!thriller, )(?<!project, )(?<!epic, )(?<!adaptation, )"
        r"(?:now|currently|still)\s+(?:filming|shooting|lensing)\s+(?:on location\s+)?(?:in|across)\s+(?-i:[A-Z])"
        rf"|\b(?:filming|shooting|production|principal photography){_ON_SHOW}\s+(?:is|are)\s+{_ADV}(?:taking place|happening|ongoing)\b"
        r"|\b(?:has|have) been (?:busy |quietly |secretly )?(?:filming|shooting|lensing|in production)\b|\bhad been (?:filming|shooting|lensing|in production) since\b"
        r"|\b(?:was|were) (?:busy |still |already |reportedly )?(?:filming|shooting)\b(?!\s+(?:a|an|another|back[- ]to[- ]back)\b)"
        r"|\b(?:the shoot|shoot|production|filming|shooting|cameras)\s+(?:got|has got|has gotten)\s+(?:going|started|rolling|under ?way)\b"
        # "The Barbie shoot is still going on": a title may name the shoot.
        r"|(?<!-)\b(?:production|filming|shooting|the shoot|(?<!photo )(?<!fashion )(?<!cover )(?<!magazine )shoot)\b[^.;]{0,40}?\b(?:is|are|was|remains?) (?:still )?(?:going|ongoing|continuing|in progress)\b"
        r"|(?<!-)\b(?:filming|shooting|production|the shoot)\b[^.;]{0,40}?\b(?:is|was) (?:nearly|almost) (?:over|done|finished|complete|wrapped)\b"
        r"|\b(?:more|left|remaining)\s+(?:weeks?|days?|months?)\s+of\s+(?:filming|shooting)\b|\b(?:weeks?|days?|months?)\s+of\s+(?:filming|shooting)\s+(?:left|remaining|to go)\b"
        # "the final days of the shoot"; "the final day of the shoot" is the wrap.
        r"|\b(?:final|last|home) (?:stretch|leg|weeks?|days) of (?:its |the )?(?:[\w-]+ )?(?:shoot|filming|shooting|production)\b"
        r"|\b(?:today|it|this|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday) (?:is|was|marks|marked) (?:the )?(?:first|opening) day of (?:filming|shooting|principal photography|production|the shoot|work)\b(?![^.;]{0,60}?\b(?:is|was|has been|had been)\s+(?:now\s+|tentatively\s+)?(?:set|scheduled|planned|expected|slated|due|pushed|moved|delayed)\b)"
        # "a picture from the first day of work on season 4": the shoot has begun.
        r"|\b(?:from|marking|marked|celebrat\w+)\s+(?:the|its)\s+(?:first|opening)\s+day\s+of\s+(?:filming|shooting|principal photography|production|work)\s+on\b"
        # "revealed the first picture, marking the start of production": under way now.
        r"|\b(?:marking|marked|marks|signalling|signaling|signalled|signaled|signals)\s+the\s+(?:official\s+)?(?:start|beginning)\s+of\s+(?:filming|shooting|principal photography|production|the shoot)\b"
        # "the cast has been spotted filming", "was in the middle of shooting when ...".
        # "spotted on the London set of X": a place may name the set.
        r"|\b(?:spotted|seen|photographed|pictured|snapped)\s+on\s+(?:the\s+)?(?:(?-i:[A-Z])[\w-]*\s+){0,2}set\b(?!\s+of\s+(?:a|an|another|his|her|their)\b)"
        r"|\b(?:spotted|seen|photographed|pictured|caught)\s+(?:on set\s+)?(?:filming|shooting)\b|\bin the (?:middle|midst|thick) of (?:filming|shooting|production|principal photography)\b"
        r"|\b(?:is|are|was|were|now|back|been|still|remains?|already|currently|officially)\s+(?:now\s+|currently\s+|still\s+|already\s+|officially\s+|both\s+|all\s+)?(?:deep\s+|well\s+|active\s+|full\s+)?in(?:to)? production\b|(?<!shot )(?<!killed )(?<!injured )(?<!hurt )\bon set\b(?= (?:in|for))|\b(?:entered|went into|(?:has|had) (?:at last |finally |officially |now )?gone into|moved into)\s+production\b"
        # "the streamer has put the show into active production for seasons 2 and 3".
        r"|\b(?:put|puts|putting|placed)\s+[^.;,]{1,40}?\s+into\s+(?:active\s+|full\s+)?production\b"
        # "filming has resumed", "shooting had started up again": back under way.
        rf"|(?<!-)\b(?:filming|shooting|production|the shoot){_ON_SHOW}\s+(?:has|have|had)\s+{_ADV}(?:resumed|restarted|started up again|picked back up|got going again)\b",
        hints=(
            "film",
            "shoot",
            "lens",
            "production",
            "photography",
            "camera",
            "on set",
            "on the set",
            "first day",
            "opening day",
            "scenes",
        ),
        value="filming",
        negated="pre_production",
    ),
    Rule(
        # "reshoots have been taking place", "went through reshoots last year": the camera
        # is rolling again, however briefly.
        id="stage.filming.reshoots",
        kind="stage",
        pattern=r"\b(?:reshoots?|re-shoots?|additional photography)\b[^.;]{0,40}?\b(?:took place|(?:have|has) been taking place|(?:are|is|were|was) (?:now )?(?:taking place|under ?way|happening|ongoing)|(?:began|started|got under ?way))\b"
        r"|\b(?:went|goes|going|gone|been) through (?:\w+ )?(?:reshoots|re-shoots)\b|\b(?:underwent|undergoing|undergone) (?:\w+ )?(?:reshoots|re-shoots)\b",
        hints=("reshoot", "re-shoot", "additional photography"),
        value="filming",
        past_only=True,
    ),
    Rule(
        # "It was shot in 2021 in Oklahoma": a shoot told with its time is a dated recap.
        id="stage.filming.shot-in",
        kind="stage",
        # "The novel was first filmed in 1987": an earlier adaptation of the source.
        pattern=r"(?<!book )(?<!books )(?<!novel )(?<!novels )(?<!story )(?<!play )(?<!comic )(?<!memoir )(?<!musical )(?<!game )(?<!original )"
        r"\b(?:was|were)\s+(?:(?:largely|mostly|mainly|entirely|primarily|originally)\s+)?(?:shot|filmed)\b"
        r"(?!\s+(?:on|with|through|by|down|dead|in (?:black|colou?r|one|a single|\d+k)\b))"
        r"(?=[^.;]{0,50}?\b(?:in|during|over|between|from)\s+(?:the\s+)?(?:(?:early|late|mid|spring|summer|fall|autumn|winter)\b|(?:19|20)\d\d\b"
        r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:(?:19|20)\d\d|\d)))",
        hints=("shot", "filmed"),
        value="filming",
        past_only=True,
    ),
    Rule(
        # "Pictures from the set of X have appeared": the shoot seen under way. Weak: a later
        # stage in the story wins (old set photos of a film already out).
        id="stage.filming.set-photos",
        kind="stage",
        pattern=r"\b(?:pictures|photos|photographs|images|snaps|footage)\s+(?:taken\s+)?(?:from|on)\s+the\s+set\s+of\b"
        r"|\b(?:new\s+|latest\s+|leaked\s+|first\s+)?set\s+(?:photos|pictures|images)\s+(?:from|of)\b",
        hints=("set of", "set photos", "set pictures", "set images"),
        value="filming",
        states_now=True,
        weak=True,
    ),
    Rule(
        id="stage.filming.continues",
        kind="stage",
        # A shoot that went on for a while: "filmed for six weeks", "production ran for
        # several weeks". Negated ("would not keep shooting") it is a halt, not a stage before.
        pattern=r"\b(?:continu(?:es|ed|ing)\s+(?:to\s+)?|keeps?\s+|kept\s+)(?:film|shoot)(?:ing)?\b|\b(?:filmed|shot) for (?:\w+ )?(?:weeks|days|months)\b"
        # "has continued production in Prague", "production on season 3 continues", "one of
        # the few productions still shooting during the strike".
        r"|\bcontinu(?:es|ed|ing)\s+(?:with\s+)?(?:production|principal photography)\b"
        rf"|(?<!-)\b(?:production|filming|shooting){_ON_SHOW}\s+(?:has\s+|have\s+)?continu(?:es|ed)\b(?!\s+to\s+(?:be\s+)?(?:delay|stall|halt|pause|slip))"
        r"|\b(?:productions?|shoots?|series|shows?|films?)\s+(?:that\s+(?:are|were|is|was)\s+)?still\s+(?:filming|shooting)\b(?!\s+(?:a|an|the|his|her|their)\b)"
        rf"|(?<!-)\b(?:filming|shooting|production|the shoot|principal photography){_ON_SHOW}\s+(?:had\s+)?(?:(?:ran|run|went on)\s+for|lasted(?:\s+for)?)\s+(?:(?:about|roughly|nearly|almost|several|a few|some|\w+)\s+)?(?:weeks|days|months|a (?:week|month))\b",
        hints=("film", "shoot", "production", "photography"),
        value="filming",
        past_only=True,
    ),
    Rule(
        id="stage.filming.midway",
        kind="stage",
        pattern=r"\b(?:in the middle of|midway through|halfway through|partway through|deep into|well into)\s+(?:filming|shooting|production|(?:the|its|their) shoot|lensing)\b"
        # A shoot near its end is still a shoot: "close to finishing its shoot", "filming is
        # nearly done", "the production is nearing its end".
        r"|\b(?:close to|nearing|near|approaching)\s+(?:finishing|wrapping|completing|the end of|the close of|completion of)\s+(?:its\s+|the\s+)?(?:shoot|filming|shooting|principal photography|production)\b"
        r"|(?<!-)\b(?:filming|shooting|the shoot|principal photography|the production)\s+(?:is|was)\s+(?:now\s+)?(?:(?:nearing|near|close to|approaching)\s+(?:its\s+|the\s+)?(?:end|completion|finish)|(?:almost|nearly)\s+(?:done|finished|over|complete))\b"
        r"|\bfilming (?:scenes|a scene|footage) (?:for|on|of)\b"
        # "a photo from day 30 of the X shoot": a day of a shoot under way.
        r"|\bday\s+(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\s+of\s+(?:the\s+)?(?:[\w'&-]+\s+){0,4}?(?:shoot|filming|shooting|principal photography)\b"
        # "shot scenes on location in Oxfordshire on Friday", "action scenes are being shot in
        # Prague": a shoot at work.
        r"|\b(?:shot|filmed|shooting)\s+(?:some\s+|several\s+|a few\s+|new\s+|more\s+)?scenes\s+(?:for|on|at|around)\b"
        r"|\bscenes?(?:\s+(?:of|for|from)\s+[^.;,]{1,40}?)?\s+(?:are|is)\s+(?:now\s+|currently\s+)?being\s+(?:shot|filmed)\b",
        hints=(
            "day ",
            "middle",
            "midway",
            "halfway",
            "partway",
            "deep into",
            "well into",
            "close to",
            "near",
            "approaching",
            "almost",
            "nearly",
            "filming scene",
            "filming a scene",
            "filming footage",
            "scene",
        ),
        value="filming",
        # "came to a stop in the middle of filming": the halt is the news.
        attributive=True,
    ),
    Rule(
        id="stage.filming.begins",
        kind="stage",
        pattern=r"\b(?:begins|starts|kicks off|commences|enters)\s+(?:filming|shooting|production|lensing|principal photography)\b"
        # "Filming on the third season starts next month": the shoot as the subject.
        # "production gets going next week": the same start, told in the present.
        rf"|(?<!-)(?<!post )(?<!pre )\b(?:filming|shooting|lensing|production|principal photography|the shoot){_ON_SHOW}\s+(?:begins|starts|kicks off|commences|gets (?:going|under ?way|rolling))\b",
        hints=("begins", "starts", "kicks off", "commences", "enters", "gets"),
        value="filming",
        negated="pre_production",
        ahead_is_plan=True,
    ),
    Rule(
        id="stage.filming.resumed",
        kind="stage",
        pattern=r"(?<!-)\b(?:filming|shooting|lensing|production|the shoot|cameras) (?:has |have |had )?(?:resumed|restarted|is back under ?way)\b"
        # "Shooting on X has not yet restarted": no auxiliary or negation inside the name.
        rf"|(?<!-)\b(?:filming|shooting|production|the shoot|shoot){_ON_SHOW}\s+(?:has |have |had )?{_ADV}(?:resumed|restarted)\b"
        r"|\bresumed (?:filming|shooting|production|lensing)\b|\bback (?:in production|filming|shooting)\b"
        # "X resumes production after the strike" (a headline's now); "resumes filming next
        # month" is a restart still to come.
        r"|\bresumes (?:filming|shooting|production|lensing)\b(?![^.;]{0,40}?\b(?:next|later|soon|tomorrow|in (?:early |late |mid-?)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|fall|autumn|winter|(?:19|20)\d\d)|on (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d))"
        r"|\b(?:returned|went back|got back|headed back) to (?:filming|shooting|the set|set|production|work on set)\b"
        # "the cast and crew are back on set": the company, not one actor visiting.
        r"|\b(?:cast and crew|crew|production)\s+(?:(?:is|are|were|was)\s+|(?:have|has)\s+been\s+)(?:now\s+|finally\s+|officially\s+)?back on (?:the\s+)?set\b"
        # "restarted its shoot", "restarted production on": the shoot taken up again.
        r"|\brestarted (?:the |its |their )?(?:shoot|filming|shooting|production)\b"
        # "has been able to resume production", "managed to restart filming": done, not planned.
        r"|\b(?:(?:was|were|been)\s+(?:able|allowed|permitted|cleared)|managed)\s+to\s+(?:resume|restart|recommence)\s+(?:filming|shooting|production|principal photography|the shoot|work|(?:the|its)\s+(?:[\w'&:.-]+\s+){0,3}?(?:shoot|production))\b"
        r"|\b(?:went|got|gone|going|is|are|was|were)\s+(?:\w+ly\s+)?back\s+(?:into|in)\s+(?:production|filming)\b|(?<!heading )(?<!head )(?<!going )(?<!go )(?<!be )\bback (?:in front of|before) (?:the )?cameras\b"
        # "Production on X is back up and running"; "the X shoot picked back up in Malta".
        r"|\b(?:filming|shooting|production|the shoot|shoot)\b[^.;,]{0,60}?\b(?:is|are|was|were)\s+(?:now\s+)?back up and running\b"
        r"|(?<!-)\bshoot\s+(?:had |has )?(?:started up again|picked up again|picked back up|got going again|resumed|restarted)\b"
        rf"|(?<!-)\b(?:filming|shooting|production|the shoot|principal photography){_ON_SHOW}\s+(?:had |has )?{_ADV}(?:started up again|picked up again|picked back up|got going again|got back under ?way|started again|began again)\b"
        rf"|{_WORK_ON}\s+(?:had |has )?{_ADV}(?:started up again|picked up again|picked back up|got going again|got back under ?way|started again|began again|resumed|restarted)\b",
        hints=("resum", "restart", "back", "again", "returned", "work on"),
        value="filming",
        past_only=True,
    ),
)

WRAPPED: tuple[Rule, ...] = (
    Rule(
        id="stage.wrapped.wrap",
        kind="stage",
        # "is almost wrapped", "nearly wrapped": still shooting.
        pattern=r"(?<!\bthe )(?<!almost )(?<!nearly )(?<!close to )(?<!about to be )(?<!away from )\bwrap(?:ped|s|ping)?\b(?!\s+(?:party|parties|gift|gifts|dates?)\b)(?<!\bwrap(?=\s(?:is\s|was\s)?(?:expected|planned|scheduled|due)\b))(?!\s+for\s+(?:me|him|her|us|them)\b)(?!\s+(?:things|it all|everything|the story|its story|the tale|loose ends)\s+up\b)(?!\s+(?:up\s+)?(?:the|its|their|his|her)\s+(?:[\w-]+\s+)?(?:story|storylines?|tale|plot|arc|mystery|saga)\b)(?!\s+(?:a)?round\b)(?!\s+up\s+(?:the\s+|its\s+|their\s+|a\s+)?(?:negotiations|talks|a deal|the deal|deal|deals|discussions|bidding|its campaign|the campaign|press|promotion)\b)(?<!under wraps)(?!(?:\s+up)?"
        + _AIRED_END
        + ")"
        r"(?!(?:\s+up)?\s+(?:its|their|the|a)\s+(?:[\w-]+\s+)?(?:run|broadcast|airing|season finale|press tour)\b)"
        r"(?!(?:\s+up)?\s+(?:her|his|their)\s+(?:[\w-]+\s+)?(?:role|part|scenes|work|arc|stint)\b)"
        # "wrapped its Lisbon block", "wrapped filming in Budapest and moves to Croatia": one
        # leg of a shoot that goes on elsewhere.
        r"(?!(?:\s+up)?\s+(?:its|their|the)\s+(?:[\w'-]+\s+){0,2}?(?:block|leg|portion|stint|stretch|segment|chunk|location shoot|location work)\b)"
        + _SHOOT_GOES_ON
        # "the show wrapped early, with an episode titled ...", "wraps its second season with
        # tonight's finale": its airing ended, not a shoot.
        + r"(?![^.;]{0,30}?\bwith\s+(?:an?|its|the|[\w-]+'s)\s+(?:[\w-]+\s+){0,2}?(?:episode|finale|installment|instalment)\b)"
        # "wrapped up against the cold", "wrapped in blankets": people dressed for the weather.
        r"(?!(?:\s+up)?\s+(?:against\s+the\s+(?:cold|chill|wind|rain|weather)|in\s+(?:blankets?|coats?|scarves|layers|towels?)|warm(?:ly)?)\b)"
        r"(?:\s+up\b)?"
        # "with a wrap date of May 19": a plan, not a wrap.
        # "That's a wrap for me": one person's part, not the shoot.
        r"|\ba wrap\b(?!\s+(?:party|parties|gift|gifts|dates?)\b)(?!\s+for\s+(?:me|him|her|us|them|today|the day|the week)\b)"
        # "a wrap expected around November": a plan.
        r"(?!\s+(?:is\s+|was\s+)?(?:expected|planned|scheduled|due|pencilled|penciled)\b)"
        # "Filming has wrapped on Meridian's drama": a shoot, whatever names follow "on".
        rf"|(?<!-)\b(?:filming|shooting|production|principal photography|the shoot|cameras)\s+(?:(?:has|had|have)\s+)?{_ADV}wrapped(?:\s+up)?\s+on\b",
        hints=("wrap",),
        value="wrapped",
        past_only=True,
    ),
    Rule(
        id="stage.wrapped.wrap-party",
        kind="stage",
        pattern=r"\b(?:from|at|after|during|celebrated|held|threw|hosted|attended)\s+(?:the|a|its|their)\s+(?:[\w'\"-]+\s+){0,3}?wrap[- ]part(?:y|ies)\b"
        # "a wrap party for the season was held last night".
        r"|\bwrap[- ]part(?:y|ies)\b(?:\s+for\s+[^.;,]{1,50}?)?\s+(?:was|were|has been|had been)\s+(?:held|thrown|hosted)\b",
        hints=("wrap",),
        value="wrapped",
        past_only=True,
    ),
    Rule(
        id="stage.wrapped.in-the-can",
        kind="stage",
        # "footage already in the can" is part of a shoot, not all of it.
        pattern=r"(?<!footage )(?<!scenes )(?<!material )(?<!episodes )(?<!already )\bin the can\b"
        r"|(?<!footage)(?<!scenes)(?<!material)(?<!episodes) already in the can\b",
        hints=("in the can",),
        value="wrapped",
        past_only=True,
    ),
    Rule(
        id="stage.wrapped.finished-filming",
        kind="stage",
        pattern=r"(?<!nearly )(?<!almost )(?<!close to )(?<!not )(?<!yet )\b(?:finished|finishes|completed|concluded|ended|completes|wrapped)\s+(?:filming|shooting|lensing|production|principal photography)\b"
        r"(?!\s+(?:on\s+)?(?:her|his|their|my)\s+(?:[\w-]+\s+)?(?:scenes?|parts?|roles?|episodes?|work|stint|arc)\b)"
        + _SHOOT_GOES_ON
        # "finished shooting most of the first hour": part of the shoot, not all of it.
        + r"(?!\s+(?:most|much|part|half|some|parts|a few|two|three|several|one)\s+of\b)"
        rf"|(?<!half of )(?<!thirds of )(?<!quarters of )(?<!most of )(?<!much of )(?<!part of )(?<!some of )(?<!day of )(?<!week of )(?<!-)\b(?:filming|shooting|lensing|production|principal photography|the shoot){_ON_SHOW}{_ASIDE}\s+(?:has |had |is |was )?{_ADV}(?<!nearly )(?<!almost )(?<!mostly )(?<!largely )(?:been )?(?:finished|ended|concluded|completed|over|complete|done|(?:came|come|comes|drew|draws) to (?:an end|a close))\b"
        # Not "finished two episodes" or "half the scenes"; "finished two years ago" is when.
        r"(?:(?=\s+(?:two|three|\d+)\s+(?:days|weeks|months|years)\s+(?:ago|earlier)\b)"
        r"|(?!\s+(?:about|roughly|nearly|half|its|the|a|an|two|three|fewer|less|more|most|much|part|some|several|only|just(?!\s+(?:before|after|ahead of|in time))|\w+-\w+|\d)))"
        r"|\b(?:final|last) day of (?:the |its )?(?:shoot|shooting|filming|production|principal photography)\b|\bshoot\s+(?:finished|ended|wrapped|concluded)\b(?=\s+(?:in|on|at|last|this|after|early|late)\b)|\bend of (?:filming|the shoot|shooting|production)\b"
        r"|\bclos(?:ing|ed|es)\s+(?:out\s+)?(?:a|the|its)\s+(?:[\w-]+\s+)?shoot\b"
        # "the second film is in fact already shot": a film fully shot has wrapped.
        r"|\b(?:(?:is|are|has been|have been)\s+(?:in fact\s+|now\s+)?(?:already|fully|completely|entirely)|(?:has|have)\s+(?:now\s+)?(?:already|fully|completely|entirely)\s+been)\s+(?:shot|filmed)\b(?!\s+(?:on|with|through|by|in (?:black|color|colour|\d))\b)"
        # "Shooting began in March and was finished by June", "started rolling last July and
        # stopped this month": the end of a shoot whose start the sentence told (checked in
        # matching, where the subject is known to be the shoot).
        r"|(?<=\band )(?:was\s+|were\s+)?(?:ended|finished|wrapped|stopped|concluded|completed)\b(?=\s+(?:in|on|by|at|this|last|early|late|after))"
        # "With filming apparently done, talk turned to ...": the shoot over, told in passing.
        r"|\bwith\s+(?:filming|shooting|production|principal photography|the shoot)\s+(?:(?:apparently|reportedly|finally|officially|now|already)\s+)?(?:done|complete|completed|finished|over|wrapped)\b"
        # "the cameras were switched off for the last time", "cameras stopped rolling".
        r"|\bcameras?\s+(?:(?:were|was|have been|had been)\s+)?(?:switched|turned|shut)\s+off\s+for\s+(?:the\s+)?(?:last|final)\s+time\b"
        # ("cameras stopped rolling because of the pandemic" is a halt).
        r"|\bcameras?\s+(?:have\s+|had\s+)?(?:finally\s+)?stopped\s+rolling\b(?![^.;]{0,60}?\b(?:pandemic|strikes?|covid|coronavirus|virus|outbreak|lockdown|shutdown|injur\w*|accident|illness|temporarily|for now|until)\b)"
        # "The last scenes of X were recently filmed in Pawhuska": the shoot is over.
        r"|\b(?:the\s+)?(?:last|final|closing)\s+(?:scenes|shots)\b[^.;,]{0,60}?\s+(?:were|have been)\s+(?:\w+ly\s+)?(?:filmed|shot)\b"
        # "completed its first round of filming": the shoot, whatever came after it.
        r"|\b(?:finished|completed|wrapped)\s+(?:its|their|the)\s+(?:first|initial|main)\s+(?:round|leg|stretch)\s+of\s+(?:filming|shooting|photography)\b",
        hints=("film", "shoot", "shot", "lens", "production", "photography", "camera"),
        value="wrapped",
        past_only=True,
    ),
)

POST_PRODUCTION: tuple[Rule, ...] = (
    Rule(
        id="stage.post_production.editing",
        kind="stage",
        # "agreements that surfaced in post-production": a time of another event, not a stage.
        pattern=r"(?<!ed )\bin post-?production\b|\b(?:is|are|was|now|currently|still|been)\s+(?:now\s+|currently\s+|still\s+)?in post\b|\bpost-?production (?:is |has )?(?:under ?way|begun|began|started)\b"
        r"|\b(?:is|are|was|now|currently|still|moved|moves|went|goes|gone|heads|headed|heading|moving)\s+(?:now\s+|currently\s+|still\s+)?(?:in|into) the (?:editing|cutting) (?:room|suite|bay)\b|\b(?:is|are) (?:still |now |currently )?(?:editing|cutting)\b"
        r"|\bin the edit\b|\b(?:moved|gone|went|heads|is heading|is moving) into post(?:-?production)?\b"
        r"|\b(?:entered|enters|has entered) post(?:-?production)?\b"
        r"|\bdeep into post(?:-?production)?\b"
        # "moves into a 14-month post-production phase", "in the final stages of post-production"
        r"|\b(?:moves|moved|moving|goes|went|gone|heads|headed|heading|entered|enters|begins|began|starts|started)\s+(?:into\s+)?(?:a|an|its|the)\s+(?:[\w-]+\s+){0,2}?post-?production (?:phase|stage|period|process)\b"
        r"|\bin (?:the|its) (?:[\w-]+ )?(?:phase|stages?|throes|months|middle|midst) of post-?production\b"
        r"|\b(?:is|are) (?:now |currently |still )?being edited\b"
        r"|\b(?:still|plenty of|a lot of|a mountain of|lots of|months of)\s+(?:[\w-]+\s+)?post-?production\s+(?:left\s+)?to (?:do|go|finish|complete)\b"
        # "the sequel needs a longer post-production period": a film in its edit.
        r"|\b(?:needs?|needed|requires?|required)\s+(?:a\s+)?(?:longer|more|extra|additional|further)\s+(?:time\s+(?:in|for)\s+)?post-?production\b"
        # "Visual effects work on X continues", "held test screenings of X": the film after its shoot.
        r"|\b(?:visual effects|vfx|effects|sound|scoring|editing)\s+work\b(?=\s+(?:on\s+[^.;]{1,50}?\s+)?(?:continues|is continuing|is under ?way|is ongoing|has begun|began|started)\b)"
        r"|\b(?:held|holds|holding|has held|have held)\s+(?:a\s+|its\s+(?:first\s+)?)?(?:test|preview)\s+screenings?\b"
        # "has made it to post-production", "has seen a finished cut of X", "is still finishing
        # the film", "recording ADR": the work after the shoot, told by what is done.
        r"|\b(?:made it|got|has got|reached|has reached|have reached)\s+(?:in)?to\s+post(?:-?production)?\b"
        r"|\b(?:seen|watched|saw|screened)\s+(?:a|an|the)\s+(?:finished|final|rough|first|early|assembly|working)\s+cut\b"
        r"|\b(?:is|are)\s+still\s+(?:finishing|completing)\s+(?:the\s+(?:film|movie|picture|season|series|edit|cut)\b|work\s+on\b|(?=[\"']?(?-i:[A-Z])))"
        r"|\b(?:recording|records|recorded)\s+(?:the\s+)?ADR\b",
        hints=(
            "post",
            "cut",
            "finishing",
            "completing",
            "adr",
            "edit",
            "cutting",
            "effects work",
            "vfx",
            "sound work",
            "scoring work",
            "screening",
        ),
        value="post_production",
        past_only=True,
    ),
)

FESTIVAL_PREMIERE = "stage.released.festival-premiere"
"""A festival's world premiere: shown to audiences, with no release date of its own."""
NUMBERED_FINALE = (
    r"(?:(?:season|series)\s+(?:\d{1,2}|one|two|three|four|five|six)\s+"
    r"|(?:first|second|third|fourth|fifth|sixth|seventh|eighth)[- ]season\s+)finale"
)
"""A numbered season's (or British series') finale: "the season 2 finale", "the
second-season finale"."""
SINCE_PREMIERE = "stage.released.since-premiere"
"""A dated premiere or finale counted from ("since its premiere in January")."""
_AGO = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+|several|a few"
    r"|a couple of|nearly|almost|about|more than|over)\s+(?:[\w-]+\s+)?(?:days?|weeks?|months?|years?)\s+ago"
)
"""'came out two years ago': how long ago, counted back from the story."""
_AUDIENCE_COUNT = rf"(?:\d[\d.,]*|{CARDINAL_RE})"
"""How many watched, in figures or in words ("9.3 million", "five million")."""
RELEASED: tuple[Rule, ...] = (
    Rule(
        id="stage.released.premiered",
        kind="released",
        # "first premiered in 2019" is the debut rule's: the show's first season, not the one in view.
        pattern=r"(?<!\w first )\b(?:premiered(?!\s+(?:the|its)\s+(?:[\w-]+\s+){0,2}?(?:series|show)\b)|aired|(?:was|were|first)\s+broadcast|(?<=, )broadcast(?=\s+(?:on|in|last)\s)|bowed(?!\s+out\b)|dropped(?!\s+(?:(?:its|their|his|her)\s+(?:[\w-]+\s+){0,3}?(?:dramedy|drama|comedy|series|show|sitcom|thriller|procedural|reboot|revival)\b|it|them|him|her|the (?:film|movie|project|show|series|idea|plan)|the (?:[\w-]+ ){1,2}(?:drama|dramedy|comedy|series|show|thriller|procedural|sitcom)|plans?|out|from|to|by|off|in the|another|other|a rival)\b)|was released|were released|opened in theaters|opened in theatres|hit (?:screens|theaters|theatres)"
        rf"|(?<!be )(?<!to )(?<!being )(?<!will have )released(?=\s+(?:on|in|last|this)\b|\s+(?:all\s+)?(?:(?:the|its|their)\s+)?(?:(?:first|second|third|fourth|fifth|sixth|seventh|final|last|new|latest|entire|whole|full|remaining|opening|one|two|three|four|five|six|seven|eight|nine|ten|twelve|\d{{1,2}})\s+){{0,2}}(?:episodes|season|series|film|movie|part|volume)(?:\s+(?:\d{{1,2}}|one|two|three|four|five|six|seven|eight))?\s+(?:of|on|in|last)\b)|(?<!\bshe )(?<!\bhe )(?<!\bthey )(?<!\bwe )(?<!\bshe has )(?<!\bhe has )(?<!\bthey have )(?<!\bhas )(?<!\bhave )(?:returned|came back)(?=\s+(?:for\s+(?:(?:its|a|the)\s+)?(?:season\s+\d+|[\w-]+\s+season)\s+)?(?:on\s+(?-i:[A-Z])|to\s+{_OUTLET}))|came out(?=\s+(?:(?:only|finally|originally)\s+)?(?:on|in|last|this|around|worldwide|globally|late|early|(?:near|at|toward|towards) the (?:end|start|beginning) of|{_AGO})\b)|(?:arrived|landed|streamed|rolled out|went out)(?=\s+(?:(?:only|finally|originally)\s+)?(?:on|in|at|last|this|around|worldwide|globally|over the weekend|{_AGO})\b)|went up(?=\s+on\s+(?:(?-i:[A-Z])[\w+]*|the (?:service|streamer|platform))\s+(?:today|tonight|on|in|last|this)\b))\b"
        r"|(?:(?<=\bat last )|(?<!\blast ))\breached (?:(?:US|U\.S\.|UK|U\.K\.|North American|American|British|domestic|IMAX|select)\s+)?(?:theaters|theatres|cinemas|screens|viewers|audiences)\b|(?<!room )(?<!rooms )(?<!doors )(?<!office )(?<!offices )(?<!studio )\bopened\b(?=\s+(?:on|in|at|last|this|to|with|nationwide|wide|over|across|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)"
        r"|\b(?:was|were) (?:made )?available\b(?=\s+(?:on|to stream|in)\b)"
        # "Season one ran on Epix from July 28 to September 29": a run told by its dates.
        # ("production ran from May to July" is a shoot: "ran" needs its channel).
        r"|\b(?:(?:ran|played)\s+on\s+(?-i:[A-Z])[\w+&-]*(?:\s+(?-i:[A-Z])[\w+&-]*)?|(?:aired|streamed)(?:\s+on\s+(?-i:[A-Z])[\w+&-]*(?:\s+(?-i:[A-Z])[\w+&-]*)?)?)\s+from\s+(?=(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))[^.;]{0,40}?\b(?:to|until|through|till)\b)"
        # "Season one reached Netflix in 2020", "began streaming on Netflix in December 2020",
        # "the episodes started airing in April".
        r"|\breached\s+(?-i:[A-Z])[\w+]*(?:\s+(?-i:[A-Z])[\w+]*)?(?=\s+(?:in|on|last|back in)\s)"
        r"|\b(?:began|started) (?:streaming|airing|arriving|rolling out|dropping)\b(?=\s+(?:on\s+[^.;,]{1,30}?\s+)?(?:in|on|last|back in)\s)"
        # "had its premiere on Meridian last week" (a festival's is the festival rule's).
        r"|\b(?:had|has had|got)\s+(?:its|their)\s+(?:(?:big|long-awaited|series|season|official)\s+)?premiere\b"
        r"(?=\s+(?:on\s+[^.;,]{1,30}?\s+)?(?:in|on|last|this|today|tonight|yesterday|back in)\b)"
        # "Meridian has released Northwind, its new crime drama": out, as of the story.
        r"|(?:(?<=\bhas )|(?<=\bhave )|(?<=\bhas now )|(?<=\bhas just )|(?<=\bhas finally ))released(?=\s+[\"']?(?-i:[A-Z]))"
        # "It came back in 2022 with a much-awaited second season."
        r"|\bcame back(?=\s+(?:in|on|last)\s+[^.;,]{1,30}?\s+with\s+(?:a|an|its|the)\s+(?:[\w-]+\s+){0,2}season\b)"
        # "the first part went online on January 21".
        r"|\bwent online\b(?=\s+(?:in|on|last|this)\s)"
        # "has been streaming on Netflix since Wednesday": out since the day named.
        r"|\b(?:has|have|had) been (?:streaming|available|out|airing)\b(?=(?:\s+(?:on|in|to stream on)\s+[^.;,]{1,40}?)?\s+since\b)"
        # "Warner Bros. put the film out quietly on November 1", "put the first four episodes online".
        r"|\bput\s+(?:the\s+(?:film|movie|series|show|season|(?:first|opening)\s+(?:\w+\s+)?episodes?)(?:\s+of\s+[^.;,]{1,40}?)?|it)\s+(?:out|online)\b(?!\s+of\b)"
        # "Netflix put out the sixth season in June 2023".
        r"|\bput\s+out\s+(?:the|its|their)\s+(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|new|latest)\s+)?(?:film|movie|series|show|season)\b(?=(?:\s+of\s+[^.;,]{1,40}?)?\s+(?:in|on|last|back in)\s)"
        # "Netflix put out the rest of season one in April".
        r"|\bput\s+out\s+the\s+(?:rest|remainder|remaining\s+episodes|last\s+(?:\w+\s+)?episodes)\s+of\b(?=\s+[^.;,]{1,40}?\s+(?:in|on|last|back in)\s)"
        r"|(?<!\ba )(?<!\bthe )(?<!\bbig )(?<!'s )(?<!\bits )(?<!\btheir )(?<!\bhorror )(?<!\bsurprise )(?<!\bsleeper )(?<!\bsmash )(?<!\bbreakout )(?<!\bcomedy )(?<!\bindie )(?<!\bcult )(?<!\brunaway )(?<!\bsummer )(?<!\banimated )(?<!\baction )(?<!\bbiggest )(?<!\bhuge )(?<!\bmassive )(?<!\bglobal )(?<!\bviral )(?<!\bstreaming )(?<!\bbox-office )(?<!\boffice )(?<!\bcritical )(?<!\bgenre )(?<!\bmodest )(?<!\bratings )(?<!\bholiday )(?<!\banother )(?<!\bsame )\bhit (?-i:[A-Z][\w+]*)\b(?!'s)",
        hints=words(
            "premiered premiere aired broadcast bowed dropped released returned opened hit reached available arrived landed streamed rolled went came put been up began started back online ran played"
        ),
        value="released",
    ),
    Rule(
        # "has just come back for its last season", "has returned for a third season": the
        # return is news, out as of the story.
        id="stage.released.has-returned-for",
        kind="released",
        pattern=r"\b(?:has|have)\s+(?:just\s+|now\s+|finally\s+|officially\s+)?(?:come back|returned)"
        # Not "Ana Ruiz has returned to Northwind for its third season": the actor came back.
        r"(?=\s+for\s+(?:its|their|a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:season|series|run)\b)",
        hints=("come back", "returned"),
        value="released",
    ),
    Rule(
        # A season told by its order: "the first season premiered in August 2021; the
        # second followed in July 2022". Only with a season or title in the clause.
        id="stage.released.followed",
        kind="released",
        pattern=r"(?:(?<=second )|(?<=third )|(?<=fourth )|(?<=fifth )|(?<=sixth )|(?<=seventh )|(?<=eighth )"
        r"|(?<=season )|(?<=season \d )|(?<=season \d\d )|(?<=season two )|(?<=season three )|(?<=season four )|(?<=season five )|(?<=season six ))followed"
        # "... followed almost two years later, in January 2023": an aside before the time.
        r"(?=(?:\s+[^.;,]{1,40}?,)?\s+(?:on|in|last)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d))",
        hints=("followed",),
        value="released",
        needs_explicit=True,
    ),
    Rule(
        # "whose second season began on October 12": a season's run began; not "filming on the
        # second season began" (a season after "on", "of", "for" or a determiner's noun).
        id="stage.released.season-began",
        kind="released",
        pattern=r"(?<!\bon )(?<!\bof )(?<!\bfor )(?<!\bthe )(?<!\bits )(?<!\btheir )\b(?:(?:its|the|whose|their)\s+)?"
        r"(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|new|latest)\s+(?:season|series)|season\s+(?:\d{1,2}|one|two|three|four|five|six))"
        r"(?:\s+of\s+[^.;,]{1,40}?)?\s+(?:began|started|kicked off|got under ?way)"
        # "began its weekly run on Halberd on January 12": the run and its service between.
        r"(?:\s+(?:its|their)\s+(?:[\w-]+\s+)?run)?"
        r"(?=(?:\s+on\s+(?-i:[A-Z])[\w+]*(?:\s+(?-i:[A-Z0-9])[\w+]*)?)?\s+(?:on|in)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day))",
        hints=("began", "started", "kicked off", "under way", "underway"),
        value="released",
    ),
    Rule(
        # "just weeks after the sixth season of its hit X began": that season is out, lately
        # (when, the sentence leaves to the report's own date).
        id="stage.released.weeks-after-season-began",
        kind="released",
        pattern=r"(?:(?<=\bdays after )|(?<=\bweeks after )|(?<=\ba week after )|(?<=\ba month after ))(?:its|the|their)\s+"
        r"(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|new|latest)\s+(?:season|series)|season\s+(?:\d{1,2}|one|two|three|four|five|six))"
        r"(?:\s+of\s+[^.;,]{1,40}?)?\s+(?:began|started|kicked off|got under ?way|premiered|debuted)\b",
        hints=("after",),
        value="released",
    ),
    Rule(
        id="stage.released.debuted",
        kind="released",
        # "debuted at No. 1 on the chart" is a chart entry, not the show's debut.
        pattern=r"\b(?:debuted(?!\s+(?:at|in)\s+(?:No\.?\s*\d|number|#|the top|first place|the top spot))|launched|first (?:aired|premiered|arrived|came out|hit \w+|streamed|opened))\b"
        r"|\b(?:premiered|launched|debuted|released)\s+(?:the|its)\s+(?:[\w-]+\s+){0,2}?(?:series|show)\b(?!\s*'s)"
        # "Orchard Crew began on Channel 5 last night": a run that began on a channel.
        + r"|\b(?:began|started)\s+on\s+"
        + CHANNEL
        + r"(?=\s+(?:last|on|in|yesterday|this)\b)",
        hints=(
            "began on",
            "started on",
            "debuted",
            "launched",
            "first aired",
            "first premiered",
            "first arrived",
            "first came",
            "first hit",
            "first streamed",
            "first opened",
            "premiered the",
            "premiered its",
            "released the",
            "released its",
        ),
        value="released",
        role="new",
        needs_explicit=True,
    ),
    Rule(
        id="stage.released.launched-on",
        kind="released",
        # "It launched on FX in August": a show's launch on a service is its first season,
        # and said of it ("it", "the series") as well as by name.
        pattern=r"(?<!\bbe )(?<!\bto )\blaunched(?=\s+on\s+(?-i:[A-Z])[\w+]*\s+(?:in|on|last|this|back in)\b)",
        hints=("launched",),
        value="released",
        role="new",
    ),
    Rule(
        id="stage.released.debut-noun",
        kind="released",
        # "its third season will debut on March 7": "debut" after a modal is the verb, still to come.
        pattern=r"\b(?:its|their|the show's|the series'|the film's|the movie's|the revival's|the reboot's|(?-i:[A-Z])[\w'-]*'s)\s+(?:(?!(?:will|would|to|could|should|may|might|can|shall|is|are|set|due)\b)[\w-]+\s+){0,3}?(?:debut|series premiere|launch)\b(?!\s+(?:season|episode|album|novel|film|feature|single|date|window|slot|plans?)\b)"
        # "its debut was first planned for January": a date given, not a debut that happened.
        r"(?!,?\s+(?:(?:is|was|had been|has been|were|are)\s+)?(?:(?:first|originally|initially|now|then|tentatively|once|still)\s+)?(?:planned|scheduled|set|slated|due|expected|targeted|penciled|pencilled|pushed|moved|delayed|postponed|bumped)\b)"
        # "counting from its arrival in U.S. theaters on March 31": the opening, as a noun.
        r"|\b(?:its|their|the film's|the movie's|the sequel's|(?-i:[A-Z])[\w'-]*'s)\s+arrival\s+(?:in|on)\s+(?:(?:U\.S\.|US|UK|U\.K\.|North American|domestic|American|British)\s+)?(?:theaters|theatres|cinemas)\b"
        r"(?=\s+(?:on|in|last|this|early|late|midweek|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|,)",
        hints=("debut", "series premiere", "launch", "arrival"),
        value="released",
        role="new",
    ),
    Rule(
        # "Finch, added to the service on Friday", "was added to Netflix last week": a film or
        # show put on a streamer is out then.
        id="stage.released.added-to-service",
        kind="released",
        pattern=rf"(?<!\bto be )(?<!\bwill be )(?<!\bcould be )\badded\s+to\s+(?:{SERVICE}|the\s+(?:service|streamer|platform))"
        r"(?=\s+(?:on|in|last|this|earlier)\b)",
        hints=("added",),
        value="released",
    ),
    Rule(
        # "its Jan. 8 premiere drew a solid rating": a dated premiere that has an audience
        # came out that day.
        id="stage.released.dated-premiere-drew",
        kind="released",
        pattern=r"\b(?:its|their|(?-i:[A-Z])[\w'-]*'s)\s+"
        r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s+(?:19|20)\d\d)?)"
        r"\s+(?:series\s+|season\s+)?premiere\b"
        r"(?=\s+(?:drew|attracted|pulled in|was watched|scored|averaged|delivered|brought in|reached|earned|posted|notched|racked up|ranked|topped)\b)",
        hints=("premiere",),
        value="released",
    ),
    Rule(
        # "Since its premiere in January, the show has grown its audience", "since its first
        # release on December 14, 2015": a dated recap.
        id=SINCE_PREMIERE,
        kind="released",
        pattern=r"\b(?:since|after|following)\s+(?:its|their|the show's|the series'|the season's|(?-i:[A-Z])[\w'-]*'s)\s+"
        r"(?:(?:first|original|initial)\s+(?:(?:season|series|theatrical)\s+)?(?:premiere|release)|(?:(?:season|series)\s+)?premiere)\b"
        r"(?=\s+(?:in|on|last|back in)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d|last|early|late|mid))"
        r"|\b(?:since|after|following)\s+(?:its|their|the show's|the series'|the season's|(?-i:[A-Z])[\w'-]*'s)\s+"
        r"(?:(?:jan|febr)uary|march|april|may|june|july|august|september|october|november|december)\s+premiere\b"
        # "two months after the second-season finale on January 14": the season ended then.
        r"|\b(?:since|after|following)\s+(?:the|its|their|(?-i:[A-Z])[\w'-]*'s)\s+"
        rf"{NUMBERED_FINALE}\b"
        r"(?=\s+(?:in|on|last|back in)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d|last))",
        hints=("premiere", "release", "finale"),
        value="released",
    ),
    Rule(
        id="stage.released.run-ended",
        kind="released",
        pattern=r"\b(?:ended|finished|concluded|wrapped up|closed out|completed|wrapped)\s+(?:its|their|the)\s+(?!(?:awards?|festival|campaign|press|promotional|publicity)\s)(?:[\w-]+\s+){0,2}?(?:season|run|series)\b(?!\s+(?:order|renewal|shoot|production|filming))"
        r"|\bfinished (?:airing|streaming|its run)\b|\b(?:season|series|run)\b[^.;]{0,80}?\b(?:comes|came|coming) to (?:an end|a close)\b(?![^.;]{0,20}\b(?:filming|shoot|production)\b)|\b(?:season|part|half)(?:\s+\w+)?(?:\s+of\s+[^.;,]{1,40}?)?(?:,\s*[^,;.]{1,60},)?(?:\s+(?:has|have|had))?(?:\s+(?:now|just|finally))?\s+(?:ended|finished|concluded|signed off)\b(?=\s+(?:in|last|this|back in)\b|\s+"
        + _AGO
        + r"\b|,|\s+on\s+(?!(?:a|an)\s)|\s+with\s+(?:(?:a|an|its|the|their)\s+)?(?:[\w-]+\s+){0,2}?(?:finale|episodes?|double[- ]bill|two-parter)\b|(?<=signed off)\s+with\b|(?<=as ended)\s+with\b|(?<=ave ended)\s+with\b|\s+(?:with|on)\b(?=[^.;]{0,80}?\b(?:on|last|this)\s+(?:\d|(?-i:[A-Z])|week|night|weekend|month|year)))(?!\s+with\s+(?-i:[A-Z])[\w'-]+\s+\w+ing\b)"
        r"|\bseason finale\s+(?:closed|ended|aired|wrapped|went out)\b"
        # "bowed out in style last night": the run's end went out.
        r"|\bbow(?:ed|s)\s+out\b(?!\s+of\b)"
        # "when the second series ended in 2016": a season by its ordinal (British "series").
        r"|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth)\s+series(?:\s+of\s+[^.;,]{1,40}?)?\s+(?:has\s+|had\s+)?(?:ended|finished|concluded)\b(?=\s+(?:on|in|last|this|back in)\b|,)"
        r"|\b(?:has|have|had) reached (?:its|their|the) (?:season |series )?finale\b"
        # "came to an unexpected end with its Season 3 finale", "brought its story to a close
        # in the final episode of its third season": the last episode aired.
        r"|\bcame\s+to\s+an?\s+(?:[\w-]+\s+)?end\b(?=\s+with\s+(?:its|the|their)\s+(?:[\w-]+\s+){0,3}?finale\b)"
        r"|\bbrought\s+(?:its|the|their)\s+(?:[\w-]+\s+)?(?:story|run|saga|tale)\s+to\s+an?\s+(?:[\w-]+\s+)?(?:close|end)\b(?=\s+(?:in|with)\s+(?:its|the|their)\s+(?:[\w-]+\s+){0,2}?(?:finale|episode)\b)"
        # "season 2 wrapped up on Meridian last week", "wrapped with a shocking finale": airing.
        r"|\b(?:season|part|half)(?:\s+\w+)?(?:\s+of\s+[^.;,]{1,40}?)?\s+wrapped(?:\s+up)?"
        + _AIRED_END,
        hints=(
            *words(
                "ended finished concluded wrapped closed completed signed finale final last bowed bows"
            ),
            "an end",
            "a close",
        ),
        value="released",
    ),
    Rule(
        id="stage.released.viewership",
        kind="released",
        pattern=r"\b(?:drew|draws|racked up|racks up|logged|logs|pulled in|amassed|notched|tallied|scored|attracted|averaged)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?"
        + _AUDIENCE_COUNT
        + r"\s*(?:million|billion|m|bn|k)?\s+(?:views|viewers|hours(?: viewed)?|households|streams|viewing hours|(?:viewing\s+)?minutes(?:\s+(?:viewed|watched|streamed|of viewing))?)\b"
        # Audiences counted: "11 million people have watched the first episode", "was
        # watched by 9 million viewers" (Nielsen's "minutes viewed" above).
        + r"|\b"
        + _AUDIENCE_COUNT
        + r"\s*(?:million|billion|m|bn|k)?\s+(?:people|viewers|households|accounts)\s+(?:have\s+|had\s+)?(?:watched|tuned in|streamed)\b"
        r"|\b(?:was|were|has been|have been)\s+watched\s+by\s+(?:more than\s+|over\s+|nearly\s+|almost\s+|about\s+|some\s+)?"
        + _AUDIENCE_COUNT
        + r"\s*(?:million|billion|m|bn|k)?\s+(?:people|viewers|households|accounts)\b"
        # A place in the charts: "has ranked among the most-watched titles", "topped the Top 10".
        r"|\b(?:has ranked|have ranked|ranks|has been|have been|is|are|remains|remain)\s+(?:among\s+)?(?:the|its|their)\s+(?:[\w-]+\s+){0,2}?most[- ](?:watched|streamed|viewed)\b(?![^.;]{0,30}\b(?:of (?:all time|the year|\d{4})|in \d{4}|ever|yet|so far)\b)"
        r"|\b(?:topped|tops|has topped|debuted (?:at|in) No\.? 1 (?:on|in))\s+(?:the\s+)?(?:[\w'+-]+\s+){0,2}?(?:charts?|top 10|top ten|rankings?)\b",
        hints=(
            "views",
            "viewers",
            "minutes",
            "people",
            "accounts",
            "hours",
            "households",
            "streams",
            "most",
            "top",
            "chart",
            "ranking",
        ),
        value="released",
    ),
    Rule(
        id="stage.released.box-office",
        kind="released",
        # Not in a restrictive relative clause: "a 1996 hit that took $495 million" is another film's.
        pattern=rf"(?<!\w\sthat\s)(?<!\w\swhich\s)\b{_TAKINGS}(?=(?:[^.;]|\.\d){{0,80}}?\b(?:weekend|opening|debut(?:s|ed|ing)?|first (?:day|week|five days|three days)|(?:first|second|third|fourth|fifth|top) place|previews?|in its first|so far|to date|since (?:its|opening|release)|(?:at|in) the (?:[\w-]+ )?box office|in (?:cinemas|theaters|theatres)|on (?:Thursday|Friday|Saturday|Sunday)|from Friday (?:to|through) Sunday|across the (?:three|four|five) days|in (?:just |only )?(?:two|three|four|five|six|seven|ten|\d+) days"
        # "took $4.1 million at 1,800 locations", "took in $31.7 million to finish at No. 1".
        r"|\d{1,2},?\d{3}\s+(?:locations|screens|theaters|theatres|cinemas|venues)|(?:in|at|from)\s+\d{1,3}\s+(?:locations|screens|theaters|theatres|cinemas|venues)|to (?:finish|land|come in|place) (?:at|in) No\.\s?\d)\b)"
        # The takings' frame named before them: "over the holiday weekend than X, which took $183 million".
        rf"|\b(?:weekend|opening|holiday|box office|previews|chart)\b[^.;]{{0,120}}?,\s+(?:(?:which|that|it)\s+|(?-i:[A-Z])[\w'&:-]*(?:\s+(?-i:[A-Z])[\w'&:-]*){{0,3}}\s+)?{_TAKINGS}"
        # "about $2 million from Thursday previews".
        r"|(?:US\s*|\$|£|€)\s?[\d.,]+\s*(?:million|m|k)?\s+(?:from|in)\s+(?:its\s+)?(?:(?:Thursday|Friday|early)\s+)?(?:night\s+)?previews\b"
        rf"|\b(?:with|after|thanks to|on the back of)\s+(?:an?\s+|its\s+)?(?:[\w-]+\s+){{0,2}}?\$\s?[\d.,]+\s*(?:million|billion|m|bn|k)?\s+{_MARKET}(?:opening|debut|first weekend|launch|bow)\b"
        # "earned a $50 million opening", "conjured a $185 million debut": takings made.
        rf"|\b(?:earned|posted|scored|notched|logged|pulled in|racked up|enjoyed|landed|recorded|collected|banked|delivered|conjured|grossed|took in|conjuring|earning|posting|scoring|notching)\s+(?:an?|its)\s+(?:[\w-]+\s+){{0,2}}?\$\s?[\d.,]+\s*(?:million|billion|m|bn|k)?\s+{_MARKET}(?:opening|debut|first weekend|launch|bow)\b"
        # "has opened to dreadful numbers": takings reported without a figure
        r"|\b(?:opened|debuted|bowed) (?:to|with) (?:[\w-]+ ){0,2}?(?:numbers|business|box office|takings|receipts|grosses|ticket sales)\b"
        r"|\b(?:opening|first|debut)[- ](?:weekend|day|frame) (?:box office|haul|gross|take|total)\b|\btopped the (?:weekend |global |domestic )?box office\b"
        r"|\b(?:took|claimed|captured|grabbed) (?:first|second|third|top|the top|\w+) (?:place|spot) at the (?:\w+ )?box office\b"
        r"|\b(?:its|the film's|a)\s+(?:[\w-]+\s+){0,2}?(?:total|cume|haul|tally|running total)\s+(?:to|of|at)\s+(?:an?\s+)?(?:[\w-]+\s+)?\$\s?\d"
        r"|\b(?:opening|debut|opening weekend)\s+(?:to|of|at)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?\$\s?\d"
        # "with $80.6 million in its second frame": a later weekend's takings.
        r"|(?:US\s*|\$|£|€)\s?[\d.,]+\s*(?:million|billion|m|bn|k)?\s+(?:in|over|from|during)\s+its\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|sophomore|\d+(?:nd|rd|th))\s+(?:weekend|frame|week|outing|session)\b"
        # "fell 60% in its second weekend": a run under way (a lifetime gross may be a predecessor's).
        r"|\b(?:fell|dropped|slipped|declined|plunged|tumbled|dipped|eased|slid)\s+(?:by\s+)?(?:an?\s+)?(?:[\w-]+\s+)?\d+(?:\.\d+)?\s*(?:%|percent)\s+in\s+its\s+(?:second|third|fourth|fifth|sophomore)\s+(?:weekend|frame)\b"
        # "the figures for X's opening weekend are in, and it climbed to $125 million"
        r"|\b(?:its|the film's|the movie's|(?-i:[A-Z])[\w'-]*'s)\s+(?:[\w-]+\s+){0,2}?(?:opening|debut)[- ](?:weekend|day|frame)\b(?=[^.;]{0,120}?(?:\$|£|€)\s?\d)"
        # "had a disappointing opening weekend", "enjoyed a $20 million debut weekend".
        r"|\b(?:had|has had|enjoyed|posted|suffered|endured)\s+(?:an?|its)\s+(?:[\w$.,-]+\s+){0,3}?(?:opening|debut)[- ](?:weekend|day|frame)\b",
        hints=(
            "opening weekend",
            "opening day",
            "opening frame",
            "opening-weekend",
            "debut weekend",
            "$",
            "£",
            "€",
            "box office",
            "numbers",
            "business",
            "takings",
            "receipts",
            "grosses",
            "ticket sales",
            "%",
            "percent",
        ),
        value="released",
    ),
    Rule(
        id="stage.released.chart-run",
        kind="released",
        # A film's run told by its place in the charts, with no takings named.
        pattern=r"\b(?:opened|debuted|bowed|started|landed|came in|finished)\s+(?:at|in)\s+(?:No\.?\s*1|number one|the top spot|first place|the top of the (?:[\w-]+\s+)?(?:box office|charts?))\b"
        r"|\b(?:topped|tops|led|leads|ruled|rules|won|wins)\s+the\s+(?:[\w-]+\s+){0,2}?(?:charts?|box office)\b"
        # "claimed first place" at the box office; "held up well in fourth place with $3.6 million".
        r"|\b(?:claimed|took|claims|takes|held|holds|settled for)\s+(?:on\s+to\s+)?(?:first|second|third|fourth|fifth|top)\s+(?:place|spot)\b"
        r"|\bin\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+place\s+with\s+(?:\$|£|€)"
        r"|\b(?:is|now|in|into|enters?|entered|entering)\s+(?:now\s+)?(?:in\s+)?its\s+(?:second|third|fourth|fifth|sixth|\d+(?:nd|rd|th))\s+(?:weekend|week|frame)\b(?=[^.;]{0,40}?\b(?:theaters|theatres|cinemas|box office|release|charts?)\b)"
        r"|\b(?:start|debut|haul|take|showing|night|turnout)\s+(?:in|from)\s+(?:(?:Thursday|Friday|early)\s+(?:night\s+)?)?previews\b"
        # "has all but vanished from the charts": a run still going; "fell out of the chart" is history.
        r"|\b(?:has|have)\s+(?:(?:all but|now|already|largely|quickly|since)\s+)*(?:vanished|disappeared|dropped|fallen|slipped|tumbled)\s+(?:out\s+)?(?:from|off|out of)\s+the\s+(?:[\w-]+\s+)?(?:charts?|top (?:five|ten|10|5))\b"
        # "The Accountant 2 completed the top five", "rounded out the weekend's top ten".
        r"|\b(?:completed|completes|rounded out|rounds out|closed out|closes out)\s+the\s+(?:weekend's\s+|box office's\s+)?top\s+(?:three|five|ten|3|5|10)\b",
        hints=(
            "chart",
            "box office",
            "top",
            "number one",
            "no.",
            "first place",
            "place",
            "spot",
            "weekend",
            "week",
            "frame",
            "previews",
        ),
        value="released",
    ),
    Rule(
        id="stage.released.is-here",
        kind="released",
        pattern=r"\b(?:is|are) (?:finally |officially )?here\b",
        hints=("here",),
        value="released",
        needs_explicit=True,
    ),
    Rule(
        id="stage.released.now-streaming",
        kind="released",
        pattern=r"\b(?:is|are) (?:now )?streaming (?:now )?on\b|(?<!\bthe )\bnow streaming\b(?!\s+(?:service|platform|app)\b)"
        r"|\b(?:opens|premieres|debuts|arrives|lands|drops|returns|hits theaters)\s+(?:in (?:theaters|theatres|cinemas)\s+)?(?:today|tonight)\b"
        # "is out in theaters across the country today", "now in its opening weekend".
        r"|\bin (?:theaters|theatres|cinemas) (?:(?:across the country|nationwide|everywhere|worldwide|across (?:the )?(?:US|U\.S\.|UK|U\.K\.|North America))\s+)?(?:today|now)\b"
        r"|\bnow in its (?:opening|first) (?:weekend|week)\b"
        r"|\bnow (?:in|playing in|showing in) (?:theaters|theatres|cinemas)\b(?!\s+in\s+(?:[\w'-]+\s+){0,3}?(?-i:[A-Z]))|\bout now\b|\b(?:is|are) now available\b"
        r"|\bstreaming now\b|\bavailable (?:to stream|to watch|on [\w+]+) now\b"
        # Not "available to stream from May 23": a date to come.
        r"|\b(?:is|are) (?:now |all )?available (?:now\b|to (?:stream|watch|binge)\b|on (?-i:[A-Z]))(?![^.;]{0,40}?\b(?:from|starting|beginning)\s+(?!now\b))"
        r"|\b(?:landed|arrived|dropped) on [\w+]+ (?:today|tonight)\b"
        # "which starts streaming on Paramount Plus today".
        r"|\b(?:starts|started|begins|began)\s+streaming\s+(?:on\s+[^.;,]{1,30}?\s+)?(?:today|tonight)\b"
        # "its second season lands on Netflix today".
        r"|\b(?:lands|arrives|drops|premieres|debuts|returns|streams)\s+on\s+(?-i:[A-Z])[\w+]*(?:\s+(?-i:[A-Z+])[\w+]*)?\s+(?:today|tonight)\b"
        # "is back on Apple TV+ with its third-season premiere", "is out on Netflix", "reaches theaters today".
        # Not "is back on Netflix in June 2019": a return to come.
        rf"|\b(?:is|are) (?:now )?(?:back|out) on {SERVICE}(?!\s+(?:in|on|from|starting|beginning|later|next|this|come)\b)"
        # "is now out on digital", "is out for premium digital ownership": a home release.
        r"|\b(?:is|are) (?:now )?out (?:on|for) (?:premium\s+)?(?:digital|video on demand|on-demand|VOD|PVOD|home video|Blu-ray|DVD|rental|streaming)\b"
        r"(?!\s+(?:(?:in|on)\s+(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|spring|summer|fall|autumn|winter)|from|starting|beginning|later|next|this|come)\b)"
        r"|\breach(?:es)? (?:theaters|theatres|cinemas) (?:today|tonight)\b"
        # "has only been on Apple TV+ for three episodes": out, and for a while.
        rf"|\b(?:has|have)\s+(?:only\s+|now\s+|already\s+)?been\s+(?:streaming\s+|available\s+)?on\s+{SERVICE}\s+for\b"
        # "has been out for just one day": out, and for a while (not "for years", a book's).
        r"|\b(?:has|have)\s+(?:only\s+|now\s+|already\s+)?been\s+out\s+for\s+(?:just\s+|only\s+|barely\s+|about\s+|nearly\s+|almost\s+|over\s+|more than\s+)?(?:a|an|one|two|three|four|five|six|seven|\d{1,2})\s+(?:days?|weeks?|months?)\b"
        # "now showing at the Rialto 12 and the Sky Cinema": in cinemas, listed.
        r"|\bnow (?:showing|playing) at\b"
        # "can now be streamed on Prime Video", "viewers can stream all of it on Apple TV+ now".
        rf"|\b(?:can|may)\s+now\s+be\s+(?:streamed|watched|seen)\b(?=\s+(?:in full\s+)?on\s+{SERVICE})"
        rf"|\bcan\s+(?:now\s+)?(?:stream|watch|binge)\b(?=[^.;]{{0,60}}?\bon\s+{SERVICE}\+?\s+(?:(?:worldwide|globally|everywhere|right)\s+)?now\b)",
        hints=(
            "been",
            "stream",
            "today",
            "tonight",
            "now",
            "theaters",
            "theatres",
            "cinemas",
            "available",
            "back on",
            "out on",
        ),
        value="released",
    ),
    Rule(
        id=FESTIVAL_PREMIERE,
        kind="released",
        # "had its world premiere at the Venice Film Festival": the film is out before
        # audiences, though its release date is still its own.
        pattern=r"\b(?:had|has|held|gets?|got|made|celebrated)\s+(?:its|their|a)\s+(?:(?:world|international|north american|u\.?s\.?|european)\s+)?premiere\s+(?:at|in|during)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?"
        r"(?:festival|film fest|sundance|tiff|telluride|berlinale|tribeca|cannes|venice)\b"
        r"|\bworld[- ]premiered\s+(?:at|in|during)\b"
        r"|\b(?:unveiled|screened|showed)\b[^.;]{0,60}?\bto\s+(?:[\w-]+\s+){0,2}?audiences\s+at\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?(?:festival|film fest|tiff|telluride|berlinale|tribeca|cannes|venice)\b",
        hints=("premiere", "audiences"),
        value="released",
    ),
)

AIRING_RULES: tuple[Rule, ...] = (
    Rule(
        id="stage.released.airing",
        kind="released",
        # A season in the middle of its run: its finale or next episode is days away.
        pattern=r"\b(?:its|the|a|this week's|tonight's)\s+(?:season\s+|series\s+)?finale\s+(?:streams|airs|drops|arrives|lands|hits)\b"
        # "a new episode will be added every week" is the schedule of a run still to begin.
        r"|\b(?:a|the|its) (?:new|next|latest|penultimate|\w+ and penultimate) episode\b(?![^.;]{0,20}?\b(?:will|would|is set to|is due to|is scheduled to)\b)(?=[^.;]{0,80}?\b(?:this|next|every|each|tonight|tomorrow|arrives|arriving|airs|airing|drops|dropping|streams|lands|until)\b)"
        r"|\b(?:brings|bring|brought)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:new|next|penultimate|latest)\s+episode\b"
        r"|\b(?:at|past|reached|hits?) (?:its|the) (?:halfway|midway) (?:point|mark)\b(?![^.;]{0,30}\b(?:shoot|filming|shooting|production)\b)"
        # "is now midway through its ten-episode first run": the run is on air.
        r"|\b(?:midway|halfway|partway)\s+(?:through|into)\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,3}?(?:run|broadcast run|airing)\b"
        # "the season 1 finale streams on April 30", "the season 1 finale of X is out"; a finale
        # "set for" a date was tried and lowered a kept-apart batch.
        r"|\b(?:its|the|a|with the|the show's|the series')\s+(?:(?:big|long-awaited|explosive|shocking|dramatic|jaw-dropping|epic|emotional)\s+)?(?:(?:season|series)\s+(?:\d{1,2}|one|two|three|four|five|six)(?:'s)?\s+|(?:first|second|third|fourth|fifth|sixth)[- ]season(?:'s)?\s+|season\s+)?finale\b"
        r"(?:\s+of\s+(?-i:[A-Z])[\w'&:-]*(?:\s+(?-i:[A-Z])[\w'&:-]*){0,3})?,?\s+(?:which\s+)?(?:is\s+)?(?:now\s+)?"
        r"(?:streams|airs|drops|arrives|lands|hits|out|even starts streaming)\b"
        # "the Northwind season 2 finale airs", "Northwind's second-season finale drops": the title
        # before a numbered season's finale.
        r"|\b(?:the|(?-i:[A-Z])[\w&-]*'s)\s+(?:(?-i:[A-Z])[\w'&:-]*\s+){0,3}?(?:(?:season|series)\s+(?:\d{1,2}|one|two|three|four|five|six)|(?:first|second|third|fourth|fifth|sixth)[- ]season)(?:'s)?\s+finale\s+(?:streams|airs|drops|arrives|lands|hits)\b"
        # "Starz airs the second-season finale this Sunday": the season is on air.
        r"|\bairs\s+(?:the|its)\s+(?:[\w-]+\s+){0,3}?finale\b(?=[^.;]{0,30}?\b(?:this|tonight|tomorrow|on|next)\b)"
        # "going into today's season 2 finale": the season is on air, its end today;
        # "left in Sunday night's season 5 finale", "last night's second-season finale".
        rf"|\b(?:today's|tonight's|last night's|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: night)?'s)\s+{NUMBERED_FINALE}\b"
        # "X's fourth-season finale is on BBC America tonight".
        rf"|{NUMBERED_FINALE}\s+(?:is\s+on|airs\s+on)\s+[^.;,]{{1,30}}?\s+(?:tonight|today|this\s+(?:week|weekend|evening))\b"
        # "four episodes of the first season still left to air", "a stretch of season 2 left to watch".
        r"|\b(?:episodes?|stretch)\b[^.;]{0,40}?\bleft to (?:air|stream|watch)\b"
        # "its first season is still airing on Sunday nights", "the third season is currently
        # airing", "the first season, which is airing now, ends next month".
        r"|\bseason\s+(?:is|are)\s+(?:still|currently|now)\s+(?:airing|streaming|rolling out)\b"
        # "season 2 is airing on HBO Max now".
        r"|\bseason(?:\s+(?:\d{1,2}|one|two|three|four|five|six))?\s+(?:is|are)\s+airing\s+on\s+[^.;,]{1,25}?\s+now\b"
        r"|\bseason,?\s+which\s+is\s+(?:still\s+|currently\s+)?(?:airing|streaming)\b(?=[^.;,]{0,30}?\bnow\b|\s*,)"
        # "while the third is still airing": a season told by its order alone.
        r"|\bthe\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|latest|current)\s+(?:season\s+)?is\s+(?:still|currently|now)\s+(?:airing|streaming|on the air|rolling out)\b"
        # "is in the middle of its fourth season on Paramount+", "right in the middle of the
        # show's second season on CBS": a run on air (a shoot's middle names no channel).
        # The season is left to the lookahead, where it is read as the claim's season.
        r"|\b(?:in|through)\s+the\s+middle\s+of\b(?=\s+(?:its|their|the show's|the series'|the)\s+(?:[\w-]+\s+){0,2}?(?:season|run)\b(?:\s+on\s+(?-i:[A-Z])|,\s+which\s+(?:is|has been)\s+(?:airing|streaming|breaking|drawing|pulling)\b))"
        # "with its second season still on the air" (not "back on the air in June": ahead).
        r"|(?<=season )(?:(?:still|currently|now)\s+)?on the air\b(?!\s+(?:in|on|by|from|next|this|again|until)\b)"
        # "The third season of X, now on the air, will be its last": told in apposition.
        r"|(?<=, )(?:still|currently|now)\s+on the air\b(?=\s*,)"
        # "while we keep enjoying season 2 of X on Prime Video", "viewers are caught up in the second season".
        r"|\b(?:we|fans|viewers|audiences|you)\s+(?:are\s+|'re\s+|keep\s+|still\s+)*(?:enjoying|watching|bingeing|binging|caught up in)\s+(?:the\s+)?(?:season\s+(?:\d{1,2}|one|two|three|four|five)|(?:first|second|third|fourth|fifth|new|latest)\s+season)\b"
        # "the second season comes to its finale this Saturday": on air until then.
        r"|\bcomes?\s+to\s+(?:its|their|a)\s+(?:[\w-]+\s+)?(?:finale|close|end)\b(?=\s+(?:this|tonight|tomorrow|next)\b)"
        # "X is on ABC every week at 10 p.m.": a run on air.
        r"|\b(?:is|are)\s+on\s+(?-i:[A-Z])[\w+&]*(?:\s+(?-i:[A-Z])[\w+&]*)?\s+every\s+(?:week|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
        # "whose first season closes with a twist-filled finale on March 24".
        r"|\bseason\s+(?:closes|wraps up|ends)\s+with\s+(?:a|its)\s+(?:[\w-]+\s+){0,2}?finale\s+on\b",
        hints=(
            "every week",
            "every sunday",
            "every monday",
            "every tuesday",
            "every wednesday",
            "every thursday",
            "every friday",
            "every saturday",
            "comes to",
            "come to",
            "finale",
            "episode",
            "halfway",
            "midway",
            "stretch",
            "still airing",
            "still streaming",
            "currently airing",
            "currently streaming",
            "airing on",
            "now airing",
            "now streaming",
            "which is airing",
            "which is streaming",
            "still rolling",
            "enjoying",
            "watching",
            "bingeing",
            "binging",
            "caught up",
            "is still",
            "is currently",
            "is now",
            "middle of",
            "on the air",
        ),
        value="released",
    ),
)

_CANCELLED_ACTIVITY = (
    r"(?:(?:its|their|his|her|the|a|an|this|that|next|[\w’'-]+['’]s)\s+)?"
    r"(?:(?!(?:after|before|because|following|amid|over|when|as|and|but|due|in|on|at|for|with|by|from|to|despite)\b)[\w’'-]+\s+){0,4}?"
    r"(?:appearances?|panels?|events?|press|interviews?|tours?|screenings?|premiere event|red carpets?"
    r"|part(?:y|ies)|promotion|plans|trips?|visits?|concerts?|show at|performances?|junkets?"
    r"|(?:location |remaining |planned )?shoots?|(?:shooting|filming) days?|reshoots?|tapings?"
    r"|rehearsals?|signings?|meet-and-greets?|livestreams?"
    # Parts of the story: "scrapped a storyline", "an axed character", "the cancelled crossover".
    r"|scenes?|storylines?|plot ?lines?|subplots?|story arcs?|arcs?|characters?|cameos?|crossovers?"
    # Policies and money: "to scrap the 25 percent tax credit", "axed its incentive program".
    r"|(?:tax )?credits?|incentives?|rebates?|programs?|programmes|grants?|subsid(?:y|ies)|laws?|bills?|rules?"
    r"|polic(?:y|ies)|budgets?|funding|deals?|jobs?)\b"
)
"""What a cancellation names when it calls off an activity ("cancelled its location shoot",
"cancelled the Copper Sky fan event", "cancelled Saltmarsh's remaining shooting days") or a part
of the story ("scrapped a storyline"), or a policy or deal ("scrap the tax credit"), not a work."""
CANCELLED: tuple[Rule, ...] = (
    Rule(
        id="stage.cancelled.cancel",
        kind="stage",
        pattern=rf"(?<!noise )(?<!noise-)(?<!\ba )(?<!\bany )(?<!possible )(?<!potential )(?<!threat of )(?<!fear of )(?<!risk of )(?<!\bfrom )(?<!\bevery )(?<!\beach )(?<!renewal and )(?<!renewals and )(?<!renewals, )(?<!\bun-){_CANCELLATION_TOLD}\bcancel(?:s|led|ed|ling|ing|lation)?\b(?!\s+(?:(?:their|your|his|her|its|our|my|a|the)\s+)?(?:[\w-]+\s+)?(?:subscriptions?|accounts?|memberships?)\b)(?!(?<=ing)\s*(?:[.;]|$))(?!\s+(?:filming|shooting|production|the shoot|the rest of (?:the )?(?:shoot|filming))\b)(?!\s+{_CANCELLED_ACTIVITY})|(?:\bax(?:e|es|ed|ing)\b|\bscrap(?:s|ped|ping)?\b)(?!\s+{_CANCELLED_ACTIVITY})"
        r"|\bcanned\b(?!\s+(?:laughter|laughs?|food|goods|responses?|answers?))"
        # "Disney puts an end to the long-stalled film", "put it down for good".
        # (not "put an end to the Cobra Kai threat": a title inside another noun phrase).
        r"|\bput(?:s|ting)?\s+an\s+end\s+to\b(?=\s+(?:the\s+|its\s+|their\s+)?(?:[\w'-]+\s+){0,3}?(?:film|movie|series|show|project|sequel|franchise)\b"
        r"|\s+[\"'“]?(?-i:[A-Z])[^.;,]{0,40}?[\"'”]?\s*(?:[.;,]|$))(?![^.;]{0,60}?\b(?:rumou?rs?|speculation|talk|hopes?|filming|shoot|production)\b)"
        r"|\bput(?:s|ting)?\s+(?:it|them|the\s+(?:film|movie|project|show|series|sequel))\s+down\s+for\s+good\b"
        r"|\bpull(?:s|ed|ing)? the plug\b|\bcall(?:s|ed|ing)? time on\b(?!\s+(?:(?:the|its|his|her|their)\s+)?(?:day|day's|night|shoot|filming|shooting|production|session|career|tenure|stint|partnership)\b)|\b(?:won'?t|will not) be (?:back|returning)\b(?![^.;]{0,30}?\b(?:until|till|before|anytime soon|for (?:a while|some time|long))\b)"
        # "was not renewed" is the renewal rule's, negated: the season after one is lost.
        # "the first season ended its run with a finale": that season's airing ended.
        r"|(?<!season )(?<!part )(?<!season \d )(?<!season \d\d )\bend(?:s|ed|ing)? (?:its|the show's|the series') run\b(?!\s+with\s+(?:\$|£|€|\d|about|more|nearly|some|just|only))"
        r"|\bnot (?:to )?(?:move|moving|go|going) (?:forward|ahead) with\b|\b(?:is|are|'s)(?:,\s*(?:for all (?:practical |intents and )?purposes|it seems|by all accounts|effectively|to all intents and purposes)\s*,)? (?:officially |now |reportedly |effectively )?dead\b(?!\s+(?!(?:At|On|In|For|After|As|By|With|Following|Over|Amid)\b)(?-i:[A-Z]))"
        # "There will be no second season of X".
        r"|\bthere (?:will|would) be no\s+(?:(?:second|third|fourth|fifth|sixth|further|more)\s+)?(?:season|seasons)\b"
        r"|\bthere (?:will|would) be no\s+(?:second|third|fourth|fifth|sixth|seventh|eighth)\s+series\b"
        # "will not bring back X for a second season", "won't bring the show back".
        r"|\b(?:(?:will not|won't|is not going to|isn't going to|has decided not to|decided not to)\s+bring|(?:is|are)(?:n't| not)\s+bringing)\s+(?:back\b|[^.;,]{1,60}?\s+back\b)"
        # "Netflix had stopped moving forward", "the project has ended up dead".
        r"|\b(?:stopped|stops|no longer)\s+(?:moving|going)\s+(?:forward|ahead)\b|\b(?:project|show|series|film|movie|adaptation|reboot|revival|spinoff|spin-off|sequel)\s+(?:has\s+|had\s+)?(?:ended|wound) up dead\b"
        r"|\b(?:pass(?:ed|es)? on|turn(?:ed|s)? down) (?:a|an|the) (?:[\w-]+ )?(?:season|series|renewal|revival|reboot)\b"
        # "will not be ordering a second season".
        r"|\b(?:will not|won't|is not|isn't|are not|aren't)\s+(?:be\s+)?order(?:ing)?\s+(?:a|an|another|any)\s+(?:[\w-]+\s+)?(?:season|series)\b"
        # "Netflix has decided against a second season of X".
        r"|\b(?:decided|decides|opted|opts|chose|chosen)\s+against\s+(?:a|an|another|any)\s+(?:[\w-]+\s+)?(?:season|series|renewal)\b"
        # "Halberd has ended X after three seasons": a network ending a show is a cancellation;
        # "X will end after five seasons" is an ending as planned, which cancels nothing.
        r"|\b(?:end|ends|ended|ending|conclude[sd]?|concluding)\b(?=\s+(?:[\"'“]?(?-i:[A-Z])|(?:the|this|that) (?:show|series|drama|comedy|sitcom)\b|it\b)[^.;]{0,40}?\safter\s+(?:\w+\s+){1,2}(?:seasons|series)\b)"
        # "shelved the completed film", "shelved X, so it will get no release": it will not come out.
        rf"|\bshelved\b(?={_SHELVED_FOR_GOOD})"
        # "the studio has abandoned X", "abandoned plans for the sequel", "X has been abandoned".
        r"|(?<!\ba )(?<!\ban )(?<!\bthe )(?<!\bits )(?<!\btheir )(?<!-)\babandon(?:ed|s)\s+(?:(?:its|their|the)\s+)?(?:plans?\s+for\s+|work\s+on\s+)?(?=[\"']?(?-i:[A-Z])|the\s+(?:project|film|movie|series|show|sequel|adaptation|remake|reboot|spinoff|spin-off)\b)"
        r"|\b(?:has|have|had)\s+been\s+(?:\w+ly\s+)?abandoned\b",
        hints=(
            *words(
                "cancel ax scrap canned plug call back returning renewed run forward ahead pass turn end conclud dead bring be no shelved abandon against"
            ),
            "down for good",
        ),
        value="cancelled",
        role="cancel",
    ),
)

_HALT = r"(?:\w+ly\s+)?(?:halted|suspended|shut down|shuttered|paused|stopped|interrupted|frozen|stalled|put on hold|put on pause|on hold|abandoned)"
_STRIKE = r"(?:[\w'-]+\s+){0,3}?(?:strikes?|walkouts?|work stoppages?|lockouts?)\b"
"""The labour disputes that halt shoots: "the actors' strike", "the WGA walkout"."""
ON_HOLD: tuple[Rule, ...] = (
    Rule(
        id="stage.on_hold.halt",
        kind="stage",
        pattern=rf"\b(?:production|filming|shooting|the shoot|shoot)\s+(?:(?:was|is|were|remains?|(?:is|was) being|(?:has|had|have)(?:\s+{_ADV}been)?)\s+)?{_ADV}{_HALT}\b(?!\s+(?:crew|hiring|work|its|the|a|an|for a (?:day|week))\b)"
        rf"|\b(?:production|filming|shooting|work)\s+(?:on|of|for)\s+[^.;]{{1,60}}?\s+(?:was|(?:has|had|have)(?:\s+{_ADV}been)?|had to be|is|were|remains?|(?:is|was) being)\s+{_ADV}{_HALT}\b"
        # "the company has put production on the series off".
        r"|\bput(?:s|ting)?\s+(?:production|filming|shooting|the shoot)\s+(?:on\s+[^.;,]{1,40}?\s+)?off\b(?!\s+(?:until|till|to)\s)"
        # "X, which is in production right now, is being shut down sooner than planned".
        r"|\b(?:is|are)\s+being\s+(?:shut down|halted|shuttered)\b(?=\s+(?:early|sooner|ahead|amid|while|after|because|due|indefinitely)\b)"
        r"|\bshut\s+(?:the\s+)?(?:[\w'\"-]+\s+){0,3}?(?:set|production|shoot)\s+down\b"
        # "the strike shut down the Copper Sky set", "the crew downed tools": work stopped.
        r"|\bshut(?:s|ting)?\s+down\b(?=\s+(?:the\s+|its\s+)?(?:[\w'\"&:-]+\s+){0,4}?sets?\b)|\bdown(?:ed|s|ing)\s+tools\b"
        # Pre-production halts too: "all writing on the season stopped", "the writers' room put down its pencils".
        r"|\b(?:writing|scripting|the writers'? room)(?:\s+(?:on|of|for)\s+[^.;,]{1,60}?)?\s+(?:has |had |was |were )?(?:stopped|halted|paused|shut down|ground to a halt|came to a (?:halt|stop))\b"
        r"|\bput down (?:its|their|his|her) (?:pens|pencils)\b"
        # "had been filming in Morocco before the shutdown": the shoot the halt stopped.
        # "still had one final sequence to film when the strike began": stopped short.
        r"|\b(?:still\s+)?had\b[^.;]{0,60}?\b(?:left|remaining|to film|to shoot|to go)\b[^.;]{0,40}?\bwhen the (?:[\w'-]+\s+){0,3}?(?:strikes?|walkouts?|shutdown)\b"
        rf"|\b(?:had been|was|were) (?:still )?(?:filming|shooting|in production)\b(?:(?!\b(?:summer|spring|fall|autumn|winter|{_MONTHS}|last year|\d{{4}})\b)[^.;]){{0,60}}?\b(?:before|when|until) (?:the|a) (?:[\w'-]+ ){{0,3}}?(?:shutdown|strikes?|walkouts?|stoppage|halt)\b"
        rf"|\bwork\s+(?:was|were|has been|had been|had to be)\s+{_HALT}\b"
        # Not "the strikes brought productions to a halt": the industry's, not the title's.
        r"|\b(?:brought|bring|brings|bringing|ground|grinds|came|comes|screeched)\s+"
        r"(?!(?:most\s+|many\s+|all\s+|nearly\s+all\s+|almost\s+all\s+|other\s+)?(?:(?:the\s+)?(?:whole\s+|entire\s+)?industry|productions|hollywood|film\s+and\s+(?:tv|television))\b)"
        r"(?:[^.;,]{1,50}?\s+)?to an? (?:[\w-]+ )?(?:halt|standstill|stop)\b"
        r"|\bforc(?:ed|es|ing)\s+(?:a|the)\s+(?:\w+\s+)?(?:pause|halt|shutdown|stoppage|hiatus)\b"
        rf"|\b(?:caught up in|halted by|stopped by|shut down by|sidelined by|idled by|derailed by|paused by|delayed by|put on hold by|among the (?:productions|shoots|projects) (?:hit|halted|stopped) by)\s+(?:the\s+)?{_STRIKE}"
        r"|\b(?:shoots?|productions?)\s+(?:that|which)\s+(?:were\s+|have\s+|had\s+)?(?:stopped|halted|shut down|paused|were suspended)\b"
        r"|\b(?:cannot|can't|could not|couldn't)\s+(?:continue|resume|proceed)\b(?=[^.;]{0,50}?\b(?:strike|walkout|dispute|settled|ends?)\b)"
        r"|(?<![-\w])(?<!\bthe )(?:halt(?:s|ed|ing)?|suspend(?:s|ed|ing)?|pause[sd]?|shut(?:s|ting)? down|stop(?:s|ped)?)\s+(?:\S+\s+){0,5}?(?:production|filming|shooting|shoot)\b(?!\s+(?:schedule|days?))"
        # "the strike halted Copper Sky's second season", "paused both X and Y on Monday":
        # a title as the halt's object.
        r"|\b(?:halted|paused|suspended|shut down|shuttered|idled|sidelined)\s+(?:both\s+)?(?=[\"']?(?-i:[A-Z])[\w'&-]*(?:\s+(?-i:[A-Z&])[\w'&-]*)*(?:'s\s+(?:[\w-]+\s+)?(?:season|series|shoot|production)\b|\s+(?:season|series)\s+\w+|\s+and\s+[\"']?(?-i:[A-Z])|\s+(?:on|in|last|this|after|amid|because|due)\b|\s*[,.;]))"
        # "the sequel is on ice", "Meridian has put it on ice"; not "bottles on ice".
        rf"|\bon hold\b|(?:(?<=\bis )|(?<=\bare )|(?<=\bwas )|(?<=\bwere )|(?<=\bbeen )|(?<=\bbe )|(?<=\bremains )|(?<=\bremain )|(?<=\bstays )|(?<=\bstay )|(?<=\bnow )|(?<=\bstill )|(?<=\bput )|(?<=\bputs )|(?<=\bputting )|(?<=\bkept )|(?<=\bit )|(?<=\bthem )|(?<=\bproject )|(?<=\bproduction ))on ice\b|\b(?:put|puts|putting|placed|kept)\b(?=\s+(?:it|them|the\s+(?:[\w-]+\s+)?(?:film|movie|project|series|show|sequel|production|season|plans?)|[\"']?(?-i:[A-Z])[^.;,]{{0,40}}?)\s+on ice\b)|\bon hiatus\b|\bon (?:an? )?(?:[\w-]+ )?(?:production|filming) hiatus\b"
        # "the shutdown of X's second season": the halt named as a noun.
        r"|\bthe\s+(?:[\w-]+\s+)?(?:shutdown|shutdowns|suspension|shuttering)\s+of\s+(?=[\"']?(?-i:[A-Z])|(?:its|the)\s+(?:[\w-]+\s+)?(?:season|shoot|production)\b)"
        rf"|\b(?:into|on) (?:an? )?(?:open-ended |indefinite |extended |unexpected |temporary )?hiatus\b|\bshelved\b(?!\s+(?:that|the|its|their)\s+(?:release\s+|premiere\s+|opening\s+)?date\b)(?!{_SHELVED_FOR_GOOD})|\bon pause\b|\b(?:hit|hits|hitting|pressed|presses|put|puts) (?:the )?pause (?:button )?on\b"
        # "went dark when the strike began": a production that went dark stopped.
        r"|\b(?:went|gone|goes|going)\s+dark\b(?=[^.;]{0,60}?\b(?:strikes?|walkouts?|pandemic|covid|shutdown|lockout)\b)"
        # "Filming, which was due to start in June, has been postponed": with no new date
        # the shoot is on hold ("postponed to May" is a plan, read elsewhere).
        rf"|(?<!-)\b(?:filming|shooting|production|principal photography|the shoot)\b(?=[^.;]{{0,80}}?\b(?:has been|have been|was|were|had been)\s+{_ADV}(?:postponed|delayed|pushed back)\b(?![^.;]{{0,30}}?\b(?:to|until|till|into|by|for|from|a|an|one|two|three|several|\d)\b))"
        # "X is the latest big production to stop", "the crew stopped work in solidarity".
        r"|\bthe latest (?:[\w-]+\s+){0,2}?(?:production|shoot|film|movie|series|show|project)\s+to\s+(?:stop|halt|pause|shut down|suspend|go dark|stop (?:filming|shooting|production)|halt (?:filming|shooting|production))\b"
        r"|\b(?:the\s+)?(?:crew|cast and crew|production crew|film crew)\s+(?:stopped|halted|ceased|downed|laid down|put down)\s+(?:work|tools|filming|shooting)\b"
        # "the cast and crew who had been shooting in Thailand were sent home"
        r"|\b(?:cast and crew|crew|crews|crew members|cast members)\b[^.;]{0,60}?\b(?:were|was|have been|had been|are being|got)\s+sent home\b"
        r"|\b(?:postpone[sd]?|put off|delay(?:s|ed)?)\s+(?:\S+\s+){0,5}?indefinitely\b|\bindefinitely (?:postponed|delayed)\b"
        # "production started in May but had to shut down", "everything shut down from July 14"
        r"|\b(?:had to|was forced to|were forced to|has had to|have had to)\s+(?:be\s+)?(?:shut down|halt|pause|stop|suspend|shutter)(?:ed)?\b"
        r"|\b(?:everything|it all|all work)\s+(?:was\s+|had\s+)?(?:shut down|stopped|halted|ground to a halt)\b"
        r"|\b(?:an?\s+)?indefinite (?:delay|hold|pause|hiatus|halt|shutdown|stoppage)\b|\bput on (?:an? )?(?:indefinite|temporary|extended) (?:hold|pause|hiatus)\b",
        hints=words(
            "hold ice hiatus shelved indefinite halt suspend paus shut stop interrupt standstill forc strike walkout lockout continue resume proceed frozen stall postpone pens pencils sent home dark delayed pushed tools off abandoned"
        ),
        value="on_hold",
    ),
    Rule(
        # A halted shoot whose restart slips, or that will stay down for a stated while:
        # "the restart was pushed back", "will not resume filming within the next year".
        id="stage.on_hold.restart-delayed",
        kind="stage",
        pattern=r"\b(?:restart|resumption|return to (?:filming|shooting|production|set))\b[^.;]{0,60}?\b(?:was|were|has been|have been|had been|is|is being|got|gets)\s+(?:\w+ly\s+|again\s+|now\s+)?(?:pushed(?: back)?|delayed|postponed|put off)\b"
        r"|\b(?:will not|won't|cannot|can't|could not|couldn't|is not expected to|isn't expected to|will not be able to)\s+(?:resume|restart|go (?:back )?into production|get back to work|return to (?:filming|shooting|production|set)|start (?:filming|shooting|production) again)\b"
        r"(?=[^.;]{0,40}?\b(?:until|till)\b|[^.;]{0,40}?\b(?:for|within|before|in)\s+(?:at least\s+|another\s+|the next\s+|an?\s+|several\s+|many\s+)?(?:\w+\s+)?(?:years?|months|while|\d))",
        hints=("restart", "resum", "return to", "production", "back to work"),
        value="on_hold",
    ),
    Rule(
        # A restart still to come says the shoot is stopped now: "will resume filming in
        # February", "is due to restart production", "could start up again once the strike ends".
        id="stage.on_hold.restart-planned",
        kind="stage",
        pattern=rf"\b(?:will|would|could|can|should|{_TO_NOT_DONE})\s+(?:(?:\w+ly|then|soon|finally|not)\s+)?(?:resume|restart|recommence)\s+(?:filming|shooting|production|principal photography|the shoot|work on)\b"
        # "plans to restart the Copper Sky shoot", "will resume Copper Sky's production": the
        # shoot named after the verb, its title left outside the match for the mention.
        rf"|\b(?:will|would|could|can|should|{_TO_NOT_DONE})\s+(?:(?:\w+ly|then|soon|finally)\s+)?(?:resume|restart|recommence)\b"
        r"(?=\s+(?:(?:the|its|their)\s+(?:[\w'&:.-]+\s+){0,3}?|(?:(?-i:[A-Z])[\w&:-]*\s+){0,3}(?-i:[A-Z])[\w&-]*'s\s+(?:[\w-]+\s+)?)(?:shoot|production|filming)\b(?!\s+(?:meeting|office|company|schedule|deal|designer)s?\b))"
        r"|\b(?:will|would|could|can|should|to)\s+(?:(?:\w+ly|then|soon|finally)\s+)?(?:get|go) back (?:into|to) (?:production|filming|shooting)\b"
        rf"|\b(?:production|filming|shooting|the shoot)\b[^.;]{{0,60}}?\b(?:will|would|could|can|should|{_TO_NOT_DONE})\s+(?:(?:\w+ly|then|soon|finally)\s+)?(?:resume|restart|start up again|start again|begin again|start back up|pick up again|get going again|get back under ?way)\b",
        hints=(
            "resum",
            "restart",
            "recommence",
            "back into",
            "back to",
            "again",
            "back under",
            "back up",
        ),
        value="on_hold",
        states_now=True,
    ),
    Rule(
        # "X, Y and Z were all shut down when the strike began": the titles are the subject.
        id="stage.on_hold.title-halted",
        kind="stage",
        pattern=r"(?<!\bpremiere )(?<!\brelease )(?<!\bdebut )(?<!\blaunch )\b(?:was|were|has been|have been|had been)\s+(?:all\s+|both\s+|also\s+)?(?:\w+ly\s+)?(?:halted|suspended|shut down|shuttered|paused|put on hold|put on pause)\b",
        hints=("halted", "suspended", "shut down", "shuttered", "paused", "on hold", "on pause"),
        value="on_hold",
        needs_explicit=True,
    ),
    Rule(
        id="stage.on_hold.attributive",
        kind="stage",
        pattern=r"\b\w+-(?:halted|suspended|paused|stalled|shuttered)\b",
        hints=("-halted", "-suspended", "-paused", "-stalled", "-shuttered"),
        value="on_hold",
        attributive=True,
    ),
)

STAGE_RULES: tuple[Rule, ...] = (
    ANNOUNCED
    + PRE_PRODUCTION
    + FILMING
    + WRAPPED
    + POST_PRODUCTION
    + RELEASED
    + AIRING_RULES
    + CANCELLED
    + ON_HOLD
)
ATTRIBUTIVE = frozenset(rule.id for rule in STAGE_RULES if rule.attributive)
"""Ids of the rules that read a stage used as an adjective."""
PRESENT_RELEASES = frozenset(
    {
        FESTIVAL_PREMIERE,
        "stage.released.now-streaming",
        "stage.released.is-here",
        "stage.released.has-returned-for",
        "stage.released.box-office",
        "stage.released.chart-run",
        "stage.released.viewership",
        "stage.released.airing",
        "stage.released.weeks-after-season-began",
    }
)
"""Released rules that speak of now ("now streaming", a weekend's takings): dated by the
statement, not an event."""
BOX_OFFICE = "stage.released.box-office"
CASTING = "stage.pre_production.cast"
"""Actors cast: news of preparation only when the article tells no later stage."""
SET_PHOTOS = "stage.filming.set-photos"
"""Pictures from a set: news of a shoot only when the article tells no later stage."""
RUN_ENDED = "stage.released.run-ended"
SEASON_BEGAN = "stage.released.season-began"
PREMIERED = "stage.released.premiered"
VIEWERSHIP = "stage.released.viewership"
"""Audiences and charts say a show is out, not the day it came out: no release date."""
"""A verb of coming out ("premiered", "returned to Netflix")."""
CHART_RUN = "stage.released.chart-run"
"""A place in the charts says a film is out, not when it came out: no release date."""
"""The end of a run says a season is out, not when it came out: no release date."""
"""Takings say a film is out, not the day it opened: its release is the month reported."""
AIRING = "stage.released.airing"
"""A season mid-run ("its finale streams on Wednesday"): out, with no release date."""
