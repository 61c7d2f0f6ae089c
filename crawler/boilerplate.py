"""Lines that are page furniture, not article text, whatever the site.

trafilatura removes most furniture by its place in the page (navigation,
footers, share bars). What it leaves are short lines inside the article
container that invite the reader elsewhere: "Read more: ...", "Sign up for
our newsletter", "Follow us on Twitter", "Like this story? Share it". They
are recognised here by their wording. Each pattern has a stable id and only
applies to a short paragraph (:data:`MAX_LENGTH`), so a sentence of the
article that merely contains such words is kept. Example lines that must and
must not match live in ``tests/crawler/boilerplate_cases.yaml``.
"""

from __future__ import annotations

import re

MAX_LENGTH = 250
"""Paragraphs longer than this are article text, whatever their wording."""

PATTERNS: tuple[tuple[str, str], ...] = (
    # Teasers for other stories.
    ("read-more", r"(?:read|see|watch|listen)(?: (?:more|also|next|this))?\s*:.*"),
    ("read-more-bare", r"(?:read|see) (?:more|also)\.?"),
    ("related", r"(?:related|more)(?: (?:articles?|stories|coverage|reading|content|news))?\s*:.*"),
    ("more-on", r"more (?:on|from|about) (?:this|[\w .'-]{1,40})\s*:?"),
    ("dont-miss", r"don[’']?t miss(?:\s*:.*)?"),
    ("also-on", r"also on [\w.-]+\.[a-z]{2,}\b.*"),
    (
        "recommended",
        r"(?:recommended|you (?:may|might) also like|trending now|top stories|most read)\b.{0,40}",
    ),
    # Calls to action.
    # One sentence: "Click here to ... . Then ..." is instructions the text gives.
    ("click-here", r"(?:click|tap) here\b[^.!?]*[.!?]?"),
    ("newsletter", r"(?:sign up|subscribe)\b.*(?:newsletter|inbox|email|updates|today|free)\b.*"),
    ("subscribe-to", r"subscribe to (?:our|the) [\w' -]{1,60}\.?"),
    (
        "follow-us",
        r"follow (?:us|\w+(?: \w+)?) on (?:twitter|facebook|instagram|youtube|tiktok|linkedin)\b.*",
    ),
    ("like-this", r"(?:like|enjoy(?:ed)?) this (?:story|article|post)\?.*"),
    ("share", r"share (?:this|the) (?:story|article|post|page)\b.{0,60}"),
    ("support-us", r"(?:support|donate to) (?:our|independent) journalism\b.*"),
    # Labels and page furniture left inside the article container.
    (
        "label",
        r"(?:advertisement|sponsored content|print(?: article)?|order reprints|"
        r"comments?|tell us what you think\W*|thank you|skip advert)\.?",
    ),
    ("filed-under", r"(?:tags?|filed under|categories|category|topics)\s*:.*"),
    # Advertising and affiliate disclosures.
    (
        "disclosure",
        r".*\b(?:earn|receive|get)s? (?:a )?(?:small )?(?:commission|share of sales)\b"
        r".{0,40}\b(?:buy|purchas\w*|links?|shop\w*)\b.*"
        r"|[^.]*\b(?:contains?|uses?|includes?) affiliate links?\b.*",
    ),
    # A byline left in the text ("Posted on by ...", "Published March 3 by ...").
    ("byline", r"(?:posted|published|written|updated)(?: on)?\b[^.!?]{0,50}?\bby\b[^.!?]{1,60}"),
)

_COMPILED = tuple((rule_id, re.compile(pattern, re.IGNORECASE)) for rule_id, pattern in PATTERNS)
# All patterns as one, so that a line of text (nearly every line) is cleared in one match.
_ANY = re.compile("|".join(f"(?:{pattern})" for _, pattern in PATTERNS), re.IGNORECASE)


def boilerplate_rule(paragraph: str) -> str | None:
    """Return the id of the pattern that ``paragraph`` matches in full, if any."""
    text = paragraph.strip()
    if not text or len(text) > MAX_LENGTH or not _ANY.fullmatch(text):
        return None
    for rule_id, pattern in _COMPILED:
        if pattern.fullmatch(text):
            return rule_id
    return None


def is_boilerplate(paragraph: str) -> bool:
    """Return whether ``paragraph`` is a furniture line rather than article text."""
    return boilerplate_rule(paragraph) is not None
