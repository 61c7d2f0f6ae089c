"""Skip the branches of a pattern whose words a sentence lacks, with the same matches.

Most of the detector's time went to running large alternations (a rule's
dozen phrasings of "filming began") over sentences in which no phrasing can
match: the sentence shares a hint word with the rule, not the rule's verbs.
A branch can only match a text that contains, for each of its *clauses*,
one of the clause's literal strings ("began", "begun", "started", ...), so
a substring test on the lowercased sentence rules most branches out before
the regular expression engine runs at all.

Dropping a branch that cannot match anywhere in a text does not change what
the alternation finds there: at every position the engine tries the same
remaining branches in the same order, and the dropped one would have failed.
``GatedPattern.for_text`` therefore returns the pattern itself, a pattern of
the branches that can still match, or None; the matches are the same.

Which branches can match depends only on which of the pattern's literals a
text holds, and few such sets recur: each pattern keeps its answer for each
set met (``GatedPattern.for_text``). A branch that runs although it cannot
match finds nothing either, so any superset of a text's literals serves too:
the words before a match or a clause are gated with the literals of their
sentence (``LiteralIndex.covering``), found once per sentence, word by word.

The literals are read from the pattern by a small parser of the syntax the
rule tables use. Anything it does not know (a back-reference, a global flag)
makes the pattern ungated rather than guessed at, and only text the literal
test is sound for is gated (see ``LiteralIndex.present``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

Clause = frozenset[str]
"""Literal strings one of which a match's text contains (lowercase)."""
Requirement = tuple[Clause, ...]
"""Clauses that all hold in any text a pattern matches; empty when nothing is known."""


class _Unsupported(ValueError):
    """A construct the literal reader does not model; the pattern stays ungated."""


# Parsed pattern nodes: the few shapes that decide which literals a match must contain.
@dataclass(frozen=True, slots=True)
class _Lit:
    char: str


@dataclass(frozen=True, slots=True)
class _Char:
    r"""One character of a class, ``.`` or ``\w``: no literal known."""


@dataclass(frozen=True, slots=True)
class _Zero:
    r"""A zero-width assertion (``\b``, ``^``, a lookaround): consumes nothing."""


@dataclass(frozen=True, slots=True)
class _Alt:
    branches: tuple[tuple[_Node, ...], ...]


@dataclass(frozen=True, slots=True)
class _Repeat:
    node: _Node
    least: int


_Node = _Lit | _Char | _Zero | _Alt | _Repeat

_ZERO_ESCAPES = frozenset("bBAZ")
_CLASS_ESCAPES = frozenset("DsSwW")
_DIGIT = _Alt(tuple((_Lit(digit),) for digit in "0123456789"))
"""``\\d`` as the alternation of the ASCII digits (``LiteralIndex.present`` gives no answer
for text holding any other decimal digit, which ``\\d`` also matches)."""
_CONTROL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_QUANTIFIER = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")


class _Parser:
    """Recursive descent over the regular expression syntax of Python's ``re``."""

    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.pos = 0
        self.top_bars: list[int] = []
        """Offsets of the alternation bars at the top level of the pattern."""

    def parse(self) -> _Alt:
        alt = self._alternation(top=True)
        if self.pos != len(self.text):
            raise _Unsupported(f"unbalanced ')' at {self.pos}")
        return alt

    def _alternation(self, *, top: bool = False) -> _Alt:
        branches = [self._sequence()]
        while self.pos < len(self.text) and self.text[self.pos] == "|":
            if top:
                self.top_bars.append(self.pos)
            self.pos += 1
            branches.append(self._sequence())
        return _Alt(tuple(branches))

    def _sequence(self) -> tuple[_Node, ...]:
        items: list[_Node] = []
        while self.pos < len(self.text) and self.text[self.pos] not in "|)":
            items.append(self._quantified(self._atom()))
        return tuple(items)

    def _quantified(self, node: _Node) -> _Node:
        text = self.text
        if self.pos >= len(text):
            return node
        char = text[self.pos]
        least: int | None = None
        if char in "*?":
            least = 0
            self.pos += 1
        elif char == "+":
            least = 1
            self.pos += 1
        elif char == "{":
            match = _QUANTIFIER.match(text, self.pos)
            if match is None or (not match.group(1) and not match.group(2)):
                return node  # a '{' that is no quantifier is a literal brace, read as one
            least = int(match.group(1) or 0)
            self.pos = match.end()
        if least is None:
            return node
        if isinstance(node, _Zero):
            raise _Unsupported("quantified assertion")
        if self.pos < len(text) and text[self.pos] in "?+":
            self.pos += 1  # lazy or possessive: the same characters must be there
        return _Repeat(node, least)

    def _atom(self) -> _Node:
        text = self.text
        char = text[self.pos]
        self.pos += 1
        if char == "\\":
            return self._escape()
        if char == "[":
            self._skip_class()
            return _Char()
        if char == "(":
            return self._group()
        if char == ".":
            return _Char()
        if char in "^$":
            return _Zero()
        if char in "*+?":
            raise _Unsupported(f"nothing to repeat at {self.pos - 1}")
        return _Lit(char)

    def _escape(self) -> _Node:
        if self.pos >= len(self.text):
            raise _Unsupported("trailing backslash")
        char = self.text[self.pos]
        self.pos += 1
        if char in _ZERO_ESCAPES:
            return _Zero()
        if char == "d":
            return _DIGIT
        if char in _CLASS_ESCAPES:
            return _Char()
        if char in _CONTROL_ESCAPES:
            return _Lit(_CONTROL_ESCAPES[char])
        if char.isalnum():
            # Back-references, \x.., \u...., \N{...}: not worth modelling.
            raise _Unsupported(f"escape \\{char}")
        return _Lit(char)

    def _skip_class(self) -> None:
        text = self.text
        if text.startswith("^", self.pos):
            self.pos += 1
        if text.startswith("]", self.pos):
            self.pos += 1  # a ']' first in a class is a member
        while self.pos < len(text) and text[self.pos] != "]":
            self.pos += 2 if text[self.pos] == "\\" else 1
        if self.pos >= len(text):
            raise _Unsupported("unterminated character class")
        self.pos += 1

    def _group(self) -> _Node:
        text = self.text
        zero = False
        if text.startswith("?", self.pos):
            self.pos += 1
            if text.startswith(("=", "!"), self.pos):
                self.pos += 1
                zero = True
            elif text.startswith(("<=", "<!"), self.pos):
                self.pos += 2
                zero = True
            elif text.startswith("P<", self.pos):
                self.pos = text.index(">", self.pos) + 1
            elif text.startswith("#", self.pos):
                self.pos = text.index(")", self.pos) + 1
                return _Zero()
            else:
                # "(?:", "(?>", or scoped flags "(?-i:": the group's own characters must match.
                # Lowercasing both sides keeps a case-sensitive literal a necessary condition.
                flags = re.compile(r"[aiLmsux]*(?:-[imsx]+)?[:>]").match(text, self.pos)
                if flags is None:
                    raise _Unsupported(f"group syntax at {self.pos}")
                self.pos = flags.end()
        alt = self._alternation()
        if not text.startswith(")", self.pos):
            raise _Unsupported("unterminated group")
        self.pos += 1
        return _Zero() if zero else alt


def _requirement_of_sequence(items: tuple[_Node, ...]) -> list[Clause]:
    clauses: list[Clause] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            clauses.append(frozenset(["".join(run)]))
            run.clear()

    def walk(nodes: tuple[_Node, ...]) -> None:
        for node in nodes:
            if isinstance(node, _Lit):
                # A non-ASCII literal may match characters whose lowercase differs: leave it out.
                if node.char.isascii():
                    run.append(node.char.lower())
                else:
                    close_run()
            elif isinstance(node, _Zero):
                pass  # consumes nothing: the literals on either side stay adjacent
            elif isinstance(node, _Alt) and len(node.branches) == 1:
                walk(node.branches[0])  # "(?:the )": part of the sequence
            elif isinstance(node, _Alt):
                close_run()
                clauses.extend(_requirement_of_alternation(node))
            elif isinstance(node, _Repeat):
                close_run()
                if node.least >= 1:
                    clauses.extend(_requirement_of_sequence((node.node,)))
            else:
                close_run()

    walk(items)
    close_run()
    return clauses


def _requirement_of_alternation(alt: _Alt) -> list[Clause]:
    """One clause: the union of each branch's most telling clause (none if a branch has none)."""
    union: set[str] = set()
    for branch in alt.branches:
        clauses = _requirement_of_sequence(branch)
        if not clauses:
            return []
        best: Clause = max(clauses, key=_strength)
        union |= best
    return [_minimal(union)]


def _minimal(strings: set[str]) -> Clause:
    """Drop strings that contain another of the clause's strings: the shorter one occurs too."""
    return frozenset(s for s in strings if not any(o != s and o in s for o in strings))


def _strength(clause: Clause) -> tuple[int, float]:
    """How rarely a clause is likely to hold: longer shortest string, then longer strings."""
    weights = [_weight(s) for s in clause]
    return (min(weights), sum(weights) / len(weights))


def _weight(literal: str) -> int:
    """A literal's length without spaces, a digit counting three: "4" is rarer than "is"."""
    return len(literal.replace(" ", "")) + 2 * sum(c.isdigit() for c in literal)


@dataclass(frozen=True, slots=True)
class Branch:
    """One top-level alternative of a pattern and the clauses its matches satisfy."""

    source: str
    requirement: Requirement
    """The clauses tested; empty if the branch always runs."""


class GatedPattern:
    """A pattern whose top-level branches each run only on text holding their literals."""

    __slots__ = (
        "_always",
        "_answers",
        "_by_key",
        "_keys",
        "_literals",
        "_met",
        "_reduced",
        "_whole",
        "branches",
        "regex",
    )

    def __init__(self, regex: re.Pattern[str]) -> None:
        """Read ``regex``'s branches and index their literals."""
        self.regex = regex
        self.branches = _split(regex)
        self._reduced: dict[tuple[int, ...], re.Pattern[str]] = {}
        self._met: dict[tuple[int, ...], int] = {}
        """How often each live set not compiled yet was met."""
        self._whole = self.branches[0].requirement if len(self.branches) == 1 else None
        """The requirement of a pattern read as one branch: it runs whole or not at all."""
        # Branches by the literals of their first clause, so that a text's literals lead
        # to the few branches worth a look instead of every branch being tested.
        self._always = frozenset(n for n, b in enumerate(self.branches) if not b.requirement)
        by_key: dict[str, set[int]] = {}
        for number, branch in enumerate(self.branches):
            if branch.requirement:
                for literal in branch.requirement[0]:
                    by_key.setdefault(literal, set()).add(number)
        self._by_key = {literal: frozenset(numbers) for literal, numbers in by_key.items()}
        self._keys = frozenset(by_key)
        self._literals = frozenset(
            literal for branch in self.branches for c in branch.requirement for literal in c
        )
        """Every literal the branches test: the only ones that decide what runs."""
        self._answers: dict[frozenset[str], re.Pattern[str] | None] = {}
        """``for_text``'s answer for each set of this pattern's literals met so far."""
        INDEX.add(self._literals)

    def for_text(self, present: frozenset[str] | None) -> re.Pattern[str] | None:
        """The pattern to run over a text: only the branches that can match, or None if none.

        ``present`` is ``INDEX.present(text)`` (or any superset of the literals the text
        holds); None runs the whole pattern.
        """
        if present is None:
            return self.regex
        # The answer depends only on which of the pattern's own literals the text holds,
        # and few such sets recur (most sentences hold none, or the same common word): each
        # is worked out once, and a sentence costs one set intersection and one look-up.
        relevant = present & self._literals if not present.isdisjoint(self._literals) else _NONE
        try:
            return self._answers[relevant]
        except KeyError:
            pass
        answer, final = self._select(relevant)
        if final:
            # Bounded for a long-running service: the oldest answer goes first.
            if len(self._answers) >= _MAX_ANSWERS:
                self._answers.pop(next(iter(self._answers)), None)
            self._answers[relevant] = answer
        return answer

    def _select(self, present: frozenset[str]) -> tuple[re.Pattern[str] | None, bool]:
        """The pattern for a text holding ``present``, and whether it is the one to keep."""
        if self._whole is not None:
            return (self.regex if _holds(self._whole, present) else None), True
        candidates = set(self._always)
        for literal in self._keys & present:
            candidates |= self._by_key[literal]
        live = tuple(
            n for n in sorted(candidates) if _holds(self.branches[n].requirement[1:], present)
        )
        if not live:
            return None, True
        if len(live) == len(self.branches):
            return self.regex, True
        return self._reduced_to(live)

    def _reduced_to(self, live: tuple[int, ...]) -> tuple[re.Pattern[str], bool]:
        reduced = self._reduced.get(live)
        if reduced is not None:
            return reduced, True
        # Compiling a large alternation costs as much as running it over hundreds of
        # sentences, and many sets of live branches are met once: a set is compiled the
        # second time it is met, while there is room. Until then any compiled pattern
        # holding its branches finds the same matches (the others cannot match).
        if len(self._reduced) >= _MAX_REDUCED:
            return self._superset(live), True  # no more room: this answer stays
        met = self._met.get(live, 0) + 1
        if met < _COMPILE_AT:
            if len(self._met) >= _MAX_ANSWERS:
                self._met.pop(next(iter(self._met)), None)
            self._met[live] = met
            return self._superset(live), False
        self._met.pop(live, None)
        reduced = re.compile("|".join(self.branches[n].source for n in live), self.regex.flags)
        self._reduced[live] = reduced
        return reduced, True

    def _superset(self, live: tuple[int, ...]) -> re.Pattern[str]:
        """The compiled pattern with the fewest branches that holds all of ``live``."""
        wanted = frozenset(live)
        fits = [known for known in self._reduced if wanted.issubset(known)]
        return self._reduced[min(fits, key=len)] if fits else self.regex

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``regex.finditer(text)``, without running the branches that cannot match."""
        regex = self.for_text(INDEX.covering(text))
        return iter(()) if regex is None else regex.finditer(text)

    def search(self, text: str) -> re.Match[str] | None:
        """``regex.search(text)``, without running the branches that cannot match."""
        regex = self.for_text(INDEX.covering(text))
        return None if regex is None else regex.search(text)


def _holds(requirement: Requirement, present: frozenset[str]) -> bool:
    # A plain loop: a generator expression here costs more than the set tests themselves.
    for clause in requirement:  # noqa: SIM110
        if clause.isdisjoint(present):
            return False
    return True


def gated(pattern: str, flags: int = 0) -> GatedPattern:
    """Compile ``pattern`` as a GatedPattern."""
    return GatedPattern(re.compile(pattern, flags))


def gate(regex: re.Pattern[str]) -> GatedPattern:
    """The GatedPattern of a module's compiled pattern, read once.

    For tables of patterns that stay plain ``re.Pattern`` objects (compared by
    identity, edited by others) and are gated only where they run.
    """
    # By identity: hashing a compiled pattern hashes its whole program (microseconds for
    # the long ones), and this runs for every pattern of a table on every sentence.
    known = _GATES.get(id(regex))
    if known is not None and known.regex is regex:
        return known
    gated_pattern = GatedPattern(regex)
    if len(_GATES) >= _MAX_GATES:
        _GATES.pop(next(iter(_GATES)), None)
    _GATES[id(regex)] = gated_pattern  # holds the pattern, so its id is not reused
    return gated_pattern


_GATES: dict[int, GatedPattern] = {}
"""The GatedPattern of each pattern ``gate`` was given, by the pattern's id."""
_MAX_GATES = 256


_MAX_REDUCED = 128
_COMPILE_AT = 2
_NONE: frozenset[str] = frozenset()
"""No literal of a pattern: the commonest case, told without building a set."""
_MAX_ANSWERS = 1024


def _split(regex: re.Pattern[str]) -> tuple[Branch, ...]:
    """The top-level branches of a pattern with their requirements.

    A pattern with capture groups stays whole (numbered groups would move);
    one the parser cannot read, or a verbose one (where spaces are no
    literals), gets a single branch with no requirement.
    """
    pattern = regex.pattern
    parser = _Parser(pattern)
    try:
        if regex.flags & re.VERBOSE:
            raise _Unsupported("verbose pattern")
        alt = parser.parse()
    except _Unsupported:
        return (Branch(pattern, ()),)
    if regex.groups or len(alt.branches) == 1:
        whole = (
            _requirement_of_sequence(alt.branches[0])
            if len(alt.branches) == 1
            else _requirement_of_alternation(alt)
        )
        return (Branch(pattern, _telling(whole)),)
    bounds = [-1, *parser.top_bars, len(pattern)]
    return tuple(
        Branch(pattern[start + 1 : end], _telling(_requirement_of_sequence(items)))
        for start, end, items in zip(bounds[:-1], bounds[1:], alt.branches, strict=True)
    )


_SHORTEST_TELLING = 3
_MOST_CLAUSES = 3


def _telling(clauses: list[Clause]) -> Requirement:
    """The few clauses worth testing, likeliest to fail first.

    Any subset of a requirement is still one; a clause of short strings
    ("is", " ") holds in almost every sentence, and its strings would only
    crowd the index.
    """
    telling = [c for c in set(clauses) if _strength(c)[0] >= _SHORTEST_TELLING]
    # Ties go by the words themselves, so that every run tests the same clauses.
    ranked = sorted(telling, key=lambda c: (_strength(c), sorted(c)), reverse=True)
    return tuple(ranked[:_MOST_CLAUSES])


class LiteralIndex:
    """Which of the gated patterns' literals a text holds.

    Testing each literal with ``in`` scans the text once per literal (a
    thousand of them). Most literals are parts of one word ("began", "releas",
    "2"): such a literal occurs in a text exactly when it occurs inside one of
    the text's words, and the literals inside a word are found once for that
    word (``_Finder``) and then looked up, for the words of ordinary prose recur
    from sentence to sentence. A literal that spans words or punctuation ("set
    for", "n't") occurs only where one of its word parts does; only those are
    tested with ``in``.
    """

    def __init__(self) -> None:
        # Replaced, never changed in place: a reader building the finder keeps a whole set.
        self._literals: frozenset[str] = frozenset()
        self._version = 0
        self._built: tuple[int, _Finder] | None = None
        self._last: tuple[str, int, frozenset[str] | None] = ("", -1, None)
        """The text ``present`` was last asked about, the version then, and the answer."""

    def add(self, literals: Iterable[str]) -> None:
        """Take more literals in (patterns are gated as their modules load; lowercase)."""
        new = {literal for literal in literals if literal} - self._literals
        if new:
            self._literals = self._literals | new
            self._version += 1

    def present(self, text: str) -> frozenset[str] | None:
        r"""The indexed literals ``text`` holds, lowercased; None where the test is unsound.

        Case-insensitive matching lets a few non-ASCII letters stand for ASCII
        ones (the Kelvin sign for "k", the long s for "s", the dotted I for
        "i") that ``str.lower`` does not turn into them, and ``\d`` matches
        every decimal digit, not only 0-9: text holding such a character gets
        None, and every pattern runs whole on it.
        """
        # A sentence is asked about by one module after another, each with the same string.
        text_then, version, answer = self._last
        if text_then is text and version == self._version:
            return answer
        answer = self._present(text, self._version)
        self._last = (text, self._version, answer)
        return answer

    def covering(self, text: str) -> frozenset[str] | None:
        """``present(text)``, or a superset of it: enough to choose the branches to run.

        The words before a match, a clause, a window after a time are parts of
        the sentence last asked about, and hold none of the literals it does
        not hold: its answer serves them without a pass over them. A branch
        run although it cannot match finds nothing, so the matches are the same.
        """
        text_then, version, answer = self._last
        if version == self._version and (text is text_then or text in text_then):
            return answer
        return self._present(text, self._version)

    # One index for the process, and each sentence is asked about by several modules:
    # the answers for the last few texts are kept (the version keeps them current).
    @lru_cache(maxsize=64)  # noqa: B019
    def _present(self, text: str, version: int) -> frozenset[str] | None:
        if not text.isascii() and any(
            _stands_for_ascii(char) for char in set(text) if not char.isascii()
        ):
            return None
        built = self._built
        if built is None or built[0] != version:
            built = (version, _Finder(self._literals))
            self._built = built
        return built[1].literals_in(text.lower())


_WORD = re.compile(r"[a-z0-9]+")
"""A word as the index sees one: literals made of these characters lie inside one."""


class _Finder:
    """The literals of a lowercased text, found word by word.

    Each literal is either a *word part* (only letters and digits: it occurs in
    a text exactly when it occurs inside one of the text's words) or a *phrase*
    (anything else: it occurs only where each of its word parts does, and the
    rarest of them leads to it). The word parts inside a word are found once per
    word, by a pattern shaped as a trie of them all (``_trie_finder``), and kept.
    """

    def __init__(self, literals: frozenset[str]) -> None:
        self._word_parts = frozenset(lit for lit in literals if _WORD.fullmatch(lit))
        by_part: dict[str, list[str]] = {}
        self._loose: tuple[str, ...] = ()
        """Phrases with no word part at all ("$", "%"): always tested."""
        for literal in sorted(literals - self._word_parts):
            parts = _WORD.findall(literal)
            if parts:
                by_part.setdefault(max(parts, key=_rarity), []).append(literal)
            else:
                self._loose += (literal,)
        self._phrases = {part: tuple(phrases) for part, phrases in by_part.items()}
        """The phrases by their rarest word part ("can" in "in the can")."""
        self._leads = frozenset(self._phrases)
        self._finder, self._prefixes = _trie_finder(self._word_parts | self._leads)
        self._words: dict[str, frozenset[str]] = {}
        """The word parts and leads inside each word met so far."""

    def literals_in(self, lowered: str) -> frozenset[str]:
        """The literals ``lowered`` holds (exactly those: the test above is ``in``)."""
        words = self._words
        text_words = set(_WORD.findall(lowered))
        new = text_words.difference(words)
        if new:
            if len(words) + len(new) > _MAX_WORDS:
                # A long-running service meets ever more words. Replaced, not cleared: a
                # reading in another thread keeps the words it has just looked up.
                words = self._words = {}
                new = text_words
            for word in new:
                words[word] = self._parts_of(word)
        inside: set[str] = set().union(*map(words.__getitem__, text_words))
        found = set(inside & self._word_parts)
        for lead in inside & self._leads:
            for phrase in self._phrases[lead]:
                if phrase in lowered:
                    found.add(phrase)
        for phrase in self._loose:
            if phrase in lowered:
                found.add(phrase)
        return frozenset(found)

    def _parts_of(self, word: str) -> frozenset[str]:
        # The longest part at each position of the word, and every part that is a prefix of it.
        parts: set[str] = set()
        for longest in self._finder.findall(word):
            parts |= self._prefixes[longest]
        return frozenset(parts)


_MAX_WORDS = 50_000
_COMMON_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "back", "be", "been", "by", "for", "from", "had",
    "has", "have", "in", "is", "it", "its", "no", "not", "now", "of", "on", "or", "out", "set",
    "that", "the", "this", "to", "up", "was", "were", "will", "with",
})  # fmt: skip
"""Words in almost every sentence: a phrase is found through another of its words."""


def _rarity(part: str) -> tuple[bool, int]:
    """How seldom a word part is likely to occur: an uncommon word first, then a long one."""
    return (part not in _COMMON_WORDS, len(part))


def _trie_finder(
    literals: frozenset[str],
) -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """A pattern finding the longest literal at each position; each literal's literal prefixes."""
    trie: dict[str, Any] = {}
    for literal in literals:
        node = trie
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}  # a literal ends here

    def alternation(node: dict[str, Any]) -> str:
        branches = [
            re.escape(char) + alternation(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        group = "(?:" + "|".join(branches) + ")"
        # Greedy: a longer literal is tried first, a shorter one ending here is the fallback.
        return group + "?" if "" in node else group

    finder = re.compile("(?=(" + alternation(trie) + "))") if literals else re.compile("(?!)")
    prefixes = {
        literal: frozenset(
            literal[:n] for n in range(1, len(literal) + 1) if literal[:n] in literals
        )
        for literal in literals
    }
    return finder, prefixes


INDEX = LiteralIndex()
"""The literals of every gated pattern."""


_ASCII_LETTER = re.compile("[a-z]", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _stands_for_ascii(char: str) -> bool:
    r"""Whether a pattern's ASCII letter or ``\d`` can match this non-ASCII character."""
    return char.isdecimal() or _ASCII_LETTER.match(char) is not None
